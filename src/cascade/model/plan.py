"""The plan: every section merged, with an index by id and the place of every record."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import Field, PrivateAttr

from cascade.diagnostics import UNKNOWN, Finding, Location
from cascade.model.index import TABLE, Place, PlanIndex, Record, build_index
from cascade.model.links import Links, Organisation, cascade_graph, line_of_sight, links_of
from cascade.model.records import Blocker, Header, Model, Moment, Node, Person, Team

if TYPE_CHECKING:
    from typing_extensions import Self

    from cascade.model.links import DiGraph


class Source(Protocol):
    """A file the plan was read from, able to place a path below one of its records."""

    path: str

    def locate(self, offset: int, path: Sequence[str | int] = (), *, key: bool = False) -> tuple[int, int]: ...


@dataclass(frozen=True)
class OpenBlockers:
    facing: dict[str, list[Blocker]]
    """Person id -> open blockers they raised or that hold up a node they own."""
    removing: dict[str, list[Blocker]]
    """Person id -> open blockers they are the helper of."""


@dataclass(frozen=True)
class PersonView:
    """A person as the plan sees them."""

    person: Person
    manager: Person | None
    reports: list[Person]
    owned: list[Node]
    """Every node they own, objectives included."""
    commitments: list[Node]
    """The leaves they own: what they must do."""

    @property
    def id(self) -> str:
        return self.person.id

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def is_leader(self) -> bool:
        return bool(self.reports)


class Plan(Model):
    """A whole plan. Build one from models or dicts, or read one with :func:`cascade.load`."""

    cascade: Literal[1] = 1
    """Format version: 1."""
    plan: Header
    """The plan's header."""
    people: list[Person] = Field(default_factory=list)
    """The people of the organisation."""
    teams: list[Team] = Field(default_factory=list)
    """Teams and their leads."""
    objectives: list[Node] = Field(default_factory=list)
    """The cascade of objectives and commitments."""
    moments: list[Moment] = Field(default_factory=list)
    """Customer moments and how they must run."""
    blockers: list[Blocker] = Field(default_factory=list)
    """Obstacles and who removes them."""

    _sources: list[Source] = PrivateAttr(default_factory=list)
    _files: list[str] = PrivateAttr(default_factory=list)
    _places: dict[int, Place] = PrivateAttr(default_factory=dict)
    _unplaced: list[tuple[int, Sequence[Record], Sequence[int]]] = PrivateAttr(default_factory=list)
    """(source, records, their offsets) not yet in ``_places``: a clean plan never asks where a
    record is, so the table is filled on the first question (see :meth:`place_of`)."""
    _findings: list[Finding] = PrivateAttr(default_factory=list)
    _dropped: dict[int, set[str]] = PrivateAttr(default_factory=dict)
    """id() of a record -> its keys that were invalid and removed."""
    _shifts: dict[tuple[int, str], list[int]] = PrivateAttr(default_factory=dict)
    """(id() of a record, list field) -> index as written, for each item kept after bad ones were dropped."""
    _fragments: list[PlanIndex] | None = PrivateAttr(default=None)
    """The indexes of the files read, when each was built with its file (see index.merge_indexes)."""
    _previous_index: PlanIndex | None = PrivateAttr(default=None)
    """The index before :meth:`refresh`, taken again if it still holds exactly the records."""
    _held: list[Sequence[object]] = PrivateAttr(default_factory=list)
    """Every record the tables keyed by id() may name. Holding them keeps an id from being
    reused by a new record, which would then take the old one's place."""

    def model_post_init(self, context: Any, /) -> None:
        # What the plan holds when made: the reader places roster people straight into
        # _places, and every other record it read is held by _unplaced (then by _held).
        self._held = [
            (self.plan,),
            list(self.people),
            list(self.teams),
            list(self.objectives),
            list(self.moments),
            list(self.blockers),
        ]

    def __eq__(self, other: object) -> bool:
        """Plans are equal when their content is; where they were read from does not count."""
        if not isinstance(other, Plan):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in type(self).model_fields)

    __hash__ = None  # type: ignore[assignment]

    # -- derived data and copies -----------------------------------------------------------

    # Derived data (the cached properties below) is built on first use and kept: a
    # cached_property lives in the instance __dict__, where reading it costs a dict lookup
    # (pydantic's private attributes cost far more). Edits in place do not reach it, so
    # validate() calls refresh() first, and copies and pickles leave it behind.

    def refresh(self) -> None:
        """Forget what was worked out from the records (the index, graph, organisation,
        commitments...), so that the next question works it out from the plan as it is now.
        Call it after editing a plan in place; :func:`cascade.validate` calls it itself."""
        derived = self.__dict__
        index = derived.get("index")
        for name in _DERIVED:
            derived.pop(name, None)
        if index is not None:  # cheaper to check against the records than to build again
            self._previous_index = index

    def __copy__(self) -> Self:
        twin = super().__copy__()
        for name in _DERIVED:
            twin.__dict__.pop(name, None)
        twin._fragments = twin._previous_index = None
        twin._held = list(self._held)
        twin._unplaced = list(self._unplaced)
        return twin

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        # Through the pickle state, so that a copy and a pickle key their places alike.
        memo = {} if memo is None else memo
        twin = type(self).__new__(type(self))
        memo[id(self)] = twin
        twin.__setstate__(copy.deepcopy(self.__getstate__(), memo))
        return twin

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy (with ``update`` applied, not validated); it works out its derived data afresh."""
        if deep and update:
            # pydantic deep-copies the private attributes itself on this path, keeping tables
            # keyed by the ids of the old records: copy through __deepcopy__ instead.
            return copy.deepcopy(self).model_copy(update=update)
        return super().model_copy(update=update, deep=deep)

    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        state["__dict__"] = {k: v for k, v in self.__dict__.items() if k not in _DERIVED}
        private = dict(state["__pydantic_private__"] or {})
        private.update(_places={}, _dropped={}, _shifts={}, _fragments=None, _previous_index=None)
        state["__pydantic_private__"] = private
        # The id()-keyed tables travel keyed by the records themselves: ids change in a copy.
        held = self._records_held()
        state["by_record"] = (
            [(held[k], place) for k, place in self._places.items() if k in held],
            [(held[k], keys) for k, keys in self._dropped.items() if k in held],
            [(held[k], name, kept) for (k, name), kept in self._shifts.items() if k in held],
        )
        return state

    def __setstate__(self, state: dict[Any, Any]) -> None:
        places, dropped, shifts = state.get("by_record", ((), (), ()))
        super().__setstate__({k: v for k, v in state.items() if k != "by_record"})
        self._places = {id(record): place for record, place in places}
        self._dropped = {id(record): keys for record, keys in dropped}
        self._shifts = {(id(record), name): kept for record, name, kept in shifts}

    def _records_held(self) -> dict[int, object]:
        pending = [records for _, records, _ in self._unplaced]
        return {id(record): record for records in [*self._held, *pending] for record in records}

    # -- lookups --------------------------------------------------------------------------

    @cached_property
    def index(self) -> PlanIndex:
        """Records by id."""
        return build_index(self)

    def get(self, record_id: str) -> Record | None:
        """The person, team, node, moment or blocker with this id."""
        index = self.index
        kind = index.kinds.get(record_id)
        if kind is None:
            return None
        table: dict[str, Record] = getattr(index, TABLE[kind])
        return table[record_id]

    def nodes(self) -> Iterator[Node]:
        """Every node, nested ones included, in the order written."""
        return iter(self.index.nodes.values())

    @cached_property
    def links(self) -> Links:
        """The cascade as adjacency lists of node ids (what the rules walk)."""
        return links_of(self.index)

    @cached_property
    def graph(self) -> DiGraph:
        """The cascade as a networkx ``DiGraph`` of node ids, parent -> child."""
        return cascade_graph(self.links)

    @cached_property
    def organisation(self) -> Organisation:
        """Reporting lines and teams."""
        return Organisation.of(self.index)

    @cached_property
    def commitments(self) -> list[Node]:
        """Every leaf (a node with nothing below it), in the order written."""
        below = self.links.children
        return [node for node_id, node in self.index.nodes.items() if node_id not in below]

    def who(self, record_id: str | None) -> Person | Team | None:
        """The person or team an owner, helper or architect id names, if the plan has it."""
        if record_id is None:
            return None
        index = self.index
        return index.people.get(record_id) or index.teams.get(record_id)

    @cached_property
    def owned_by(self) -> dict[str, list[Node]]:
        """Owner id (a person or a team) -> the nodes they own, in the order written."""
        owned: dict[str, list[Node]] = {}
        for node in self.index.nodes.values():
            if node.owner is not None:
                owned.setdefault(node.owner, []).append(node)
        return owned

    @cached_property
    def open_blockers(self) -> OpenBlockers:
        """Open blockers by the people they hold up and by the people who remove them."""
        facing: dict[str, list[Blocker]] = {}
        removing: dict[str, list[Blocker]] = {}
        nodes = self.index.nodes
        for blocker in self.index.blockers.values():
            if blocker.status != "open":
                continue
            held = [blocker.raised_by, *(nodes[b].owner for b in blocker.blocks if b in nodes)]
            for person_id in dict.fromkeys(p for p in held if p is not None):
                facing.setdefault(person_id, []).append(blocker)
            if blocker.helper is not None:
                removing.setdefault(blocker.helper, []).append(blocker)
        return OpenBlockers(facing, removing)

    def is_leaf(self, node_id: str) -> bool:
        """True for a commitment: a node with nothing below it."""
        return self.links.is_leaf(node_id)

    def line_of_sight(self, node_id: str) -> list[str]:
        """Node ids from the company objective down to ``node_id``; KeyError for an unknown id."""
        if node_id not in self.index.nodes:
            raise KeyError(node_id)
        return line_of_sight(self.links, node_id)

    def person(self, person_id: str) -> PersonView:
        """A person with their manager, reports and commitments; KeyError for an unknown id."""
        person = self.index.people[person_id]
        org = self.organisation
        people = self.index.people
        manager = org.manager_of(person_id)
        owned = self.owned_by.get(person_id, [])
        return PersonView(
            person=person,
            manager=people[manager] if manager else None,
            reports=[people[r] for r in org.direct_reports(person_id)],
            owned=owned,
            commitments=[n for n in owned if self.is_leaf(n.id)],
        )

    # -- places ---------------------------------------------------------------------------

    @property
    def files(self) -> list[str]:
        """The files the plan was read from, named as when read: its YAML files in reading
        order, then the roster it names (listed even when it could not be read). Empty for
        a plan built in Python or read from text."""
        return list(self._files)

    @property
    def load_findings(self) -> list[Finding]:
        """Faults found while reading (CAS001 to CAS004, CAS007, CAS008)."""
        return self._findings

    def was_dropped(self, record: Record | Header, key: str) -> bool:
        """True when ``key`` of this record (``"measure.target"`` for a nested one) was invalid,
        so it was reported already and removed."""
        keys = self._dropped.get(id(record))
        return keys is not None and key in keys

    def place_of(self, record: Record | Header) -> Place | None:
        """Which source a record was read from, and its offset there."""
        places = self._places
        if self._unplaced:
            for source, records, offsets in self._unplaced:
                for each, offset in zip(records, offsets, strict=True):
                    if offset >= 0:
                        places[id(each)] = Place(source, offset)
            self._held.extend(records for _, records, _ in self._unplaced)  # see _held
            self._unplaced = []
        return places.get(id(record))

    def where(self, record: Record, *path: str | int, key: bool = False) -> Location:
        """The file, line and column of ``record`` or of a path below it (``"owner"``, ``"with", 2``)."""
        place = self.place_of(record)
        if place is None:
            return UNKNOWN
        if len(path) > 1 and isinstance(path[0], str) and isinstance(path[1], int) and self._shifts:
            kept = self._shifts.get((id(record), path[0]))
            if kept is not None and path[1] < len(kept):
                path = (path[0], kept[path[1]], *path[2:])
        return self._locate(place, path, key)

    def _locate(self, place: Place, path: Sequence[str | int], key: bool) -> Location:
        source = self._sources[place.source]
        line, column = source.locate(place.offset, path, key=key)
        return Location(source.path, line, column)


_DERIVED = tuple(name for name, value in vars(Plan).items() if isinstance(value, cached_property))
"""The names of the plan's derived data, which refresh() and copies drop."""
