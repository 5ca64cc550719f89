"""Records by id: people, teams, nodes (nested ones flattened), moments and blockers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .model import Blocker, Moment, Node, Person, Team

if TYPE_CHECKING:
    from .plan import Plan

Record = Person | Team | Node | Moment | Blocker
Kind = Literal["person", "team", "node", "moment", "blocker"]


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


TABLE: dict[Kind, str] = {
    "person": "people",
    "team": "teams",
    "node": "nodes",
    "moment": "moments",
    "blocker": "blockers",
}


def build_index(plan: Plan) -> PlanIndex:
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
        first_table: dict[str, Record] = getattr(index, TABLE[first])
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
