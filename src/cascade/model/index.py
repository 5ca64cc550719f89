"""Records by id: people, teams, nodes (nested ones flattened), moments and blockers."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter, eq, is_
from typing import TYPE_CHECKING, Literal, Protocol

from cascade.model.records import Blocker, Moment, Node, Person, Team

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence


class Sections(Protocol):
    """A plan, or one file of it: the record lists."""

    people: list[Person]
    teams: list[Team]
    objectives: list[Node]
    moments: list[Moment]
    blockers: list[Blocker]


Record = Person | Team | Node | Moment | Blocker
Kind = Literal["person", "team", "node", "moment", "blocker"]


@dataclass
class Duplicate:
    """A record whose id was already taken (CAS005), kept out of the index."""

    id: str
    kind: Kind
    record: Record
    first_kind: Kind
    first: Record


@dataclass
class PlanIndex:
    """Records by id, nodes flattened from their nesting, and where each came from."""

    people: dict[str, Person] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    moments: dict[str, Moment] = field(default_factory=dict)
    blockers: dict[str, Blocker] = field(default_factory=dict)
    nested_parent: dict[str, str] = field(default_factory=dict)
    """Node id -> the id of the node it is written under through ``children``."""
    duplicates: list[Duplicate] = field(default_factory=list)
    _kinds: dict[str, Kind] | None = field(default=None, repr=False)

    @property
    def kinds(self) -> dict[str, Kind]:
        """Id -> what it names. Derived from the tables on first use: a merged index (see
        :func:`merge_indexes`) rarely needs it, and it is as big as the plan."""
        if self._kinds is None:
            kinds: dict[str, Kind] = {}
            for kind, table in TABLE.items():
                kinds.update(dict.fromkeys(getattr(self, table), kind))
            self._kinds = kinds
        return self._kinds

    def kind_of(self, record_id: str) -> Kind | None:
        """What an id names, looked up table by table (no need for :attr:`kinds`)."""
        for kind, table in TABLE.items():
            if record_id in getattr(self, table):
                return kind
        return None


TABLE: dict[Kind, str] = {
    "person": "people",
    "team": "teams",
    "node": "nodes",
    "moment": "moments",
    "blocker": "blockers",
}


def build_index(
    sections: Sections,
    *,
    ready: PlanIndex | None = None,
    fragments: Sequence[PlanIndex] | None = None,
    order: Callable[[Record], tuple[int, int, int]] | None = None,
) -> PlanIndex:
    """The index of a plan's records. A ready-made one (``ready``, the index before an edit,
    or the merge of the files' own indexes) is taken only when it still holds exactly the
    records: a script may have edited the plan since. ``order`` gives a record's place in
    reading order: where records share an id, the one read first is the one kept."""
    if ready is None and fragments is not None:
        ready = merge_indexes(fragments)
    if ready is not None and describes(ready, sections):
        return ready
    entries = _entries(sections)
    index = _index(entries)
    if index.duplicates and order is not None:
        # Which occurrence is "later" is a matter of reading order (file, then line), not of
        # section; sorting costs a lookup per record, so it is paid only when there are duplicates.
        index = _index(sorted(entries, key=lambda entry: order(entry[0])))
    return index


def index_of(sections: Sections) -> PlanIndex:
    """The index of one file, kept with it in the cache so that a plan's index is a merge."""
    index = _index(_entries(sections))
    index._kinds = None  # derived again if ever needed: not worth its room in the cache
    return index


def merge_indexes(fragments: Sequence[PlanIndex]) -> PlanIndex | None:
    """The plan's index from its files' indexes, in file order; None when an id stands in more
    than one file or twice in one (then which occurrence comes first needs the full build)."""
    if any(f.duplicates for f in fragments):
        return None
    index = PlanIndex()
    for fragment in fragments:  # dict merges run in C: a fraction of a walk over the records
        index.people.update(fragment.people)
        index.teams.update(fragment.teams)
        index.nodes.update(fragment.nodes)
        index.moments.update(fragment.moments)
        index.blockers.update(fragment.blockers)
        index.nested_parent.update(fragment.nested_parent)
    tables = [getattr(index, table) for table in TABLE.values()]
    expected = sum(len(getattr(f, table)) for f in fragments for table in TABLE.values())
    if sum(map(len, tables)) != expected:  # an id in two files shrinks its table
        return None
    for n, table in enumerate(tables):  # an id of two kinds: walk the smaller table of each pair
        for other in tables[n + 1 :]:
            small, large = (table, other) if len(table) <= len(other) else (other, table)
            if not large.keys().isdisjoint(small):  # iterates its argument
                return None
    return index


_ID = attrgetter("id")


def describes(index: PlanIndex, plan: Sections) -> bool:
    """True when ``index`` is what a full build from the plan's records would give and has no
    duplicate: every record the very one the index holds, under its current id, in the order
    written, each nested node under its current parent. Costs a walk over the nodes, about
    half of a merge of the files' indexes, a fifth of a full build (1,000,000 nodes)."""
    if index.duplicates:  # where a duplicate goes depends on places: the full build decides
        return False
    flat: list[tuple[Sequence[Record], Mapping[str, Record]]] = [
        (plan.people, index.people),
        (plan.teams, index.teams),
        (plan.moments, index.moments),
        (plan.blockers, index.blockers),
    ]
    for records, table in flat:  # map() runs these comparisons in C
        if len(records) != len(table) or not all(map(is_, records, table.values())):
            return False
        if not all(map(eq, table, map(_ID, records))):
            return False
    nested = index.nested_parent
    parent_of = nested.get
    order: list[Node] = []
    add = order.append
    stack = plan.objectives[::-1]
    pop, extend = stack.pop, stack.extend
    below = 0
    while stack:  # the walk of _entries, comparing instead of building
        node = pop()
        add(node)
        children = node.children
        if children:
            below += len(children)
            if below > len(nested):  # more nested nodes than read (or children in a loop)
                return False
            node_id = node.id
            for child in children:
                if parent_of(child.id) != node_id:
                    return False
            extend(children[::-1])
    nodes = index.nodes
    return (
        len(order) == len(nodes)
        and below == len(nested)
        and all(map(is_, order, nodes.values()))
        and all(map(eq, nodes, map(_ID, order)))
    )


def _entries(plan: Sections) -> list[tuple[Record, Kind, Node | None]]:
    """Every record with its kind and, for a nested node, the node it is written under."""
    out: list[tuple[Record, Kind, Node | None]] = [(p, "person", None) for p in plan.people]
    out += [(t, "team", None) for t in plan.teams]
    stack: list[tuple[Node, Node | None]] = [(n, None) for n in reversed(plan.objectives)]
    while stack:
        node, parent = stack.pop()
        out.append((node, "node", parent))
        stack.extend((child, node) for child in reversed(node.children))
    out += [(m, "moment", None) for m in plan.moments]
    out += [(b, "blocker", None) for b in plan.blockers]
    return out


def _index(entries: list[tuple[Record, Kind, Node | None]]) -> PlanIndex:
    index = PlanIndex()
    kinds = index._kinds = {}
    tables: dict[Kind, dict[str, Record]] = {kind: getattr(index, table) for kind, table in TABLE.items()}
    for record, kind, parent in entries:
        rid = record.id
        first = kinds.get(rid)
        if first is None:
            kinds[rid] = kind
            tables[kind][rid] = record
            # A parent whose id was taken first by another record (CAS005) is not in the
            # cascade: its children stand at the top rather than under a stranger.
            if parent is not None and index.nodes.get(parent.id) is parent:
                index.nested_parent[rid] = parent.id
            continue
        index.duplicates.append(Duplicate(rid, kind, record, first, tables[first][rid]))
    return index
