"""The plan: every section merged, with an index by id and the place of every record."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from pydantic import Field, PrivateAttr

from .diagnostics import UNKNOWN, Diagnostic, Finding, Location
from .model import Blocker, Header, Model, Moment, Node, Person, Team

Record = Person | Team | Node | Moment | Blocker
Kind = Literal["person", "team", "node", "moment", "blocker"]


class Source(Protocol):
    """A file the plan was read from, able to place a path below one of its records."""

    path: str

    def locate(self, offset: int, path: Sequence[str | int] = (), *, key: bool = False) -> tuple[int, int]: ...


@dataclass(frozen=True)
class Place:
    """Where a record stands: which source, and its offset there."""

    source: int
    offset: int


@dataclass
class Duplicate:
    """A record whose id was already taken (CAS005), kept out of the index."""

    id: str
    kind: Kind
    place: Place | None
    first_kind: Kind
    first_place: Place | None


@dataclass
class PlanIndex:
    """Records by id, nodes flattened from their nesting, and where each came from."""

    people: dict[str, Person] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    moments: dict[str, Moment] = field(default_factory=dict)
    blockers: dict[str, Blocker] = field(default_factory=dict)
    kinds: dict[str, Kind] = field(default_factory=dict)
    nested_parent: dict[str, str] = field(default_factory=dict)
    """Node id -> the id of the node it is written under through ``children``."""
    duplicates: list[Duplicate] = field(default_factory=list)


class PlanError(Exception):
    """The plan cannot be read far enough to be checked; ``diagnostics`` says why and where."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        text = f"{first.location}: {first.code} {first.message}" if first else "the plan cannot be read"
        more = len(self.diagnostics) - 1
        super().__init__(text + (f" (and {more} more)" if more > 0 else ""))


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
    _places: dict[int, Place] = PrivateAttr(default_factory=dict)
    _findings: list[Finding] = PrivateAttr(default_factory=list)
    _dropped: dict[int, set[str]] = PrivateAttr(default_factory=dict)
    """id() of a record -> its keys that were invalid and removed."""
    _index: PlanIndex | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Plans are equal when their content is; where they were read from does not count."""
        if not isinstance(other, Plan):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in type(self).model_fields)

    __hash__ = None  # type: ignore[assignment]

    # -- lookups --------------------------------------------------------------------------

    @property
    def index(self) -> PlanIndex:
        """Records by id (built on first use; a plan is a snapshot, so build a new one to change it)."""
        if self._index is None:
            self._index = _build_index(self)
        return self._index

    def get(self, record_id: str) -> Record | None:
        """The person, team, node, moment or blocker with this id."""
        index = self.index
        kind = index.kinds.get(record_id)
        if kind is None:
            return None
        table: dict[str, Record] = getattr(index, _TABLE[kind])
        return table[record_id]

    def nodes(self) -> Iterator[Node]:
        """Every node, nested ones included, in the order written."""
        return iter(self.index.nodes.values())

    # -- places ---------------------------------------------------------------------------

    @property
    def load_findings(self) -> list[Finding]:
        """Faults found while reading (CAS001 to CAS004, CAS007, CAS008)."""
        return self._findings

    def was_dropped(self, record: Record, key: str) -> bool:
        """True when ``key`` of this record (``"measure.target"`` for a nested one) was invalid,
        so it was reported already and removed."""
        keys = self._dropped.get(id(record))
        return keys is not None and key in keys

    def where(self, record: Record, *path: str | int, key: bool = False) -> Location:
        """The file, line and column of ``record`` or of a path below it (``"owner"``, ``"with", 2``)."""
        place = self._places.get(id(record))
        if place is None:
            return UNKNOWN
        return self._locate(place, path, key)

    def _locate(self, place: Place, path: Sequence[str | int], key: bool) -> Location:
        source = self._sources[place.source]
        line, column = source.locate(place.offset, path, key=key)
        return Location(source.path, line, column)

    def place_of(self, record: Record) -> Place | None:
        return self._places.get(id(record))

    def location(self, place: Place | None, *path: str | int, key: bool = False) -> Location:
        return UNKNOWN if place is None else self._locate(place, path, key)


_TABLE: dict[Kind, str] = {
    "person": "people",
    "team": "teams",
    "node": "nodes",
    "moment": "moments",
    "blocker": "blockers",
}


def _build_index(plan: Plan) -> PlanIndex:
    index = PlanIndex()
    kinds = index.kinds
    places = plan._places

    def add(record: Record, kind: Kind, table: dict[str, Record]) -> None:
        rid = record.id
        first = kinds.get(rid)
        if first is None:
            kinds[rid] = kind
            table[rid] = record
            return
        first_table: dict[str, Record] = getattr(index, _TABLE[first])
        index.duplicates.append(Duplicate(rid, kind, places.get(id(record)), first, places.get(id(first_table[rid]))))

    for person in plan.people:
        add(person, "person", index.people)  # type: ignore[arg-type]
    for team in plan.teams:
        add(team, "team", index.teams)  # type: ignore[arg-type]
    stack: list[tuple[Node, str | None]] = [(n, None) for n in reversed(plan.objectives)]
    while stack:
        node, parent = stack.pop()
        before = len(index.duplicates)
        add(node, "node", index.nodes)  # type: ignore[arg-type]
        if parent is not None and len(index.duplicates) == before:
            index.nested_parent[node.id] = parent
        stack.extend((child, node.id) for child in reversed(node.children))
    for moment in plan.moments:
        add(moment, "moment", index.moments)  # type: ignore[arg-type]
    for blocker in plan.blockers:
        add(blocker, "blocker", index.blockers)  # type: ignore[arg-type]
    return index
