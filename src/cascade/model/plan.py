"""The plan: every section merged, with an index by id and the place of every record."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, PrivateAttr

from cascade.diagnostics import UNKNOWN, Finding, Location
from cascade.model.index import TABLE, PlanIndex, Record, build_index
from cascade.model.links import Links, Organisation, cascade_graph, line_of_sight, links_of
from cascade.model.provenance import NO_PROVENANCE, Place, Placeable, PlaceTable, Provenance
from cascade.model.records import Blocker, Header, Model, Moment, Node, Person, Team

if TYPE_CHECKING:
    from typing_extensions import Self

    from cascade.model.links import DiGraph


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

    _provenance: Provenance = PrivateAttr(default_factory=lambda: NO_PROVENANCE)
    _previous_index: PlanIndex | None = PrivateAttr(default=None)
    """The index before :meth:`refresh`, taken again if it still holds exactly the records."""
    _merged: bool = PrivateAttr(default=False)
    """Whether the files' own indexes were tried (once: an edited plan builds its index whole)."""

    @classmethod
    def read_from(cls, provenance: Provenance, /, **sections: Any) -> Self:
        """A plan of records already checked (not validated again), read as ``provenance`` says."""
        plan = cls.model_construct(**sections)
        plan._provenance = provenance
        return plan  # type: ignore[return-value]  # model_construct is typed to return the base

    @property
    def provenance(self) -> Provenance:
        """Where the plan came from: its files, the place of every record, what reading repaired
        and found. Empty for a plan built in Python."""
        return self._provenance

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
        index = self.__dict__.get("index")
        self._forget_derived()
        if index is not None:  # cheaper to check against the records than to build again
            self._previous_index = index

    def _forget_derived(self) -> None:
        for name in _DERIVED:
            self.__dict__.pop(name, None)
        self._previous_index = None

    def __copy__(self) -> Self:
        twin = super().__copy__()
        twin._forget_derived()
        return twin

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        # Through the pickle state, which leaves the derived data behind; the memo keeps the
        # records and the provenance's references to them shared, as in the original.
        memo = {} if memo is None else memo
        twin = type(self).__new__(type(self))
        memo[id(self)] = twin
        twin.__setstate__(copy.deepcopy(self.__getstate__(), memo))
        return twin

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy (with ``update`` applied, not validated); it works out its derived data afresh."""
        twin = super().model_copy(update=update, deep=deep)
        twin._forget_derived()
        return twin

    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        state["__dict__"] = {k: v for k, v in self.__dict__.items() if k not in _DERIVED}
        private = dict(state["__pydantic_private__"] or {})
        private["_previous_index"] = None
        state["__pydantic_private__"] = private
        return state

    # -- lookups --------------------------------------------------------------------------

    @cached_property
    def index(self) -> PlanIndex:
        """Records by id."""
        provenance = self._provenance
        ready, self._previous_index = self._previous_index, None
        fragments = None if self._merged else provenance.file_indexes
        self._merged = True
        # Where records share an id, the one read first is kept: reading order is file, line.
        order = self._reading_order if provenance.written else None
        return build_index(self, ready=ready, fragments=fragments, order=order)

    def _reading_order(self, record: Record) -> tuple[int, int, int]:
        place = self.place_of(record)
        if place is None:
            return (1 << 30, 0, 0)
        line, column = self._provenance.sources[place.source].locate(place.offset)
        return (place.source, line, column)

    # One convention for lookups by id: ``get`` and ``who`` ask whether the plan has the id
    # and answer None when it has not; the other accessors (person, line_of_sight, is_leaf)
    # are for an id the caller knows is there, and raise KeyError, as a dict does.

    def get(self, record_id: str) -> Record | None:
        """The person, team, node, moment or blocker with this id; None when the plan has none."""
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
        """The person or team an owner, helper or architect id names; None when the plan has neither."""
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
        """True for a commitment: a node with nothing below it; KeyError for an unknown id."""
        if node_id not in self.index.nodes:
            raise KeyError(node_id)
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
        return list(self._provenance.files)

    @property
    def load_findings(self) -> list[Finding]:
        """Faults found while reading (CAS001 to CAS004, CAS007, CAS008)."""
        return list(self._provenance.findings)

    @cached_property
    def _places(self) -> PlaceTable:
        return PlaceTable(self._provenance)

    def was_dropped(self, record: Placeable, key: str) -> bool:
        """True when ``key`` of this record (``"measure.target"`` for a nested one) was invalid,
        so it was reported already and removed."""
        if not self._provenance.repairs:
            return False
        repair = self._places.repair_of(record)
        return repair is not None and key in repair.dropped

    def place_of(self, record: Placeable) -> Place | None:
        """Which source a record was read from, and its offset there."""
        if not self._provenance.written:
            return None
        return self._places.place_of(record)

    def where(self, record: Placeable, *path: str | int, key: bool = False) -> Location:
        """The file, line and column of ``record`` or of a path below it (``"owner"``, ``"with", 2``)."""
        header = self._provenance.header
        if record is self.plan and header is not None:
            return self._provenance.locate(header, ("plan", *path), key=key)
        place = self.place_of(record)
        if place is None:
            return UNKNOWN
        if len(path) > 1 and isinstance(path[0], str) and isinstance(path[1], int) and self._provenance.repairs:
            repair = self._places.repair_of(record)
            kept = repair.kept.get(path[0]) if repair is not None else None
            if kept is not None and path[1] < len(kept):
                path = (path[0], kept[path[1]], *path[2:])
        return self._provenance.locate(place, path, key=key)


_DERIVED = tuple(name for name, value in vars(Plan).items() if isinstance(value, cached_property))
"""The names of the plan's derived data, which refresh() and copies drop."""
