"""What changed between two plans, for whom: a semantic diff, not a text diff.

Commitments and objectives added, removed, re-owned, re-dated, re-targeted or moved
under other parents; people who joined, left or changed manager. Each change names the
people it concerns (old and new owners, a team's lead), so everyone can read their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum

from pydantic import BaseModel, ConfigDict

from cascade.model.amounts import amount_text
from cascade.model.plan import Plan
from cascade.model.records import Node


class ChangeKind(str, Enum):
    ADDED = "added"
    REMOVED = "removed"
    REOWNED = "re-owned"
    REDATED = "re-dated"
    RETARGETED = "re-targeted"
    REPARENTED = "re-parented"
    RETITLED = "re-titled"
    STATUS = "status"
    JOINED = "joined"
    LEFT = "left"
    MOVED = "new manager"


class PlanChange(BaseModel):
    """One change, with the people it concerns."""

    model_config = ConfigDict(frozen=True)

    kind: ChangeKind
    id: str
    title: str
    before: str | None = None
    after: str | None = None
    people: tuple[str, ...] = ()
    """Ids of the people this change concerns."""

    @property
    def summary(self) -> str:
        what = f"{self.title} ({self.id})"
        if self.kind in (ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.JOINED, ChangeKind.LEFT):
            return f"{what} {self.kind.value}"
        return f"{what} {self.kind.value}: {self.before or 'none'} -> {self.after or 'none'}"


class PlanDiff(BaseModel):
    """Every change between two plans, in a stable order."""

    model_config = ConfigDict(frozen=True)

    changes: list[PlanChange]
    people: dict[str, str]
    """Id -> name of everyone concerned, from the new plan where they are still in it."""

    def for_person(self, person_id: str) -> list[PlanChange]:
        return [c for c in self.changes if person_id in c.people]

    def by_person(self) -> dict[str, list[PlanChange]]:
        """Person id -> their changes, people in name order."""
        grouped: dict[str, list[PlanChange]] = {}
        for change in self.changes:
            for person in change.people:
                grouped.setdefault(person, []).append(change)
        return dict(sorted(grouped.items(), key=lambda item: (self.people.get(item[0], item[0]), item[0])))

    def __bool__(self) -> bool:
        return bool(self.changes)


def _whole(kind: ChangeKind, plan: Plan, node: Node) -> PlanChange:
    """A node added or removed: its date stands on the side of the plan that has it."""
    due = _due(node.due)
    added = kind is ChangeKind.ADDED
    return PlanChange(
        kind=kind,
        id=node.id,
        title=node.title,
        before=None if added else due,
        after=due if added else None,
        people=_concerned((plan, node.owner)),
    )


def diff(old: Plan, new: Plan) -> PlanDiff:
    """The changes from ``old`` to ``new``."""
    changes: list[PlanChange] = []
    old_nodes, new_nodes = old.index.nodes, new.index.nodes

    for node_id, node in new_nodes.items():
        before = old_nodes.get(node_id)
        if before is None:
            changes.append(_whole(ChangeKind.ADDED, new, node))
            continue
        changes.extend(_node_changes(old, new, before, node))
    for node_id, node in old_nodes.items():
        if node_id not in new_nodes:
            changes.append(_whole(ChangeKind.REMOVED, old, node))
    changes.extend(_people_changes(old, new))
    names = {p.id: p.name for p in old.index.people.values()} | {p.id: p.name for p in new.index.people.values()}
    return PlanDiff(changes=changes, people=names)


def _concerned(*owners: tuple[Plan, str | None]) -> tuple[str, ...]:
    """The people behind some owners: a person themselves, a team its lead."""
    out: list[str] = []
    for plan, owner in owners:
        if owner is None:
            continue
        if owner in plan.index.people:
            out.append(owner)
        elif owner in plan.index.teams and plan.index.teams[owner].lead:
            out.append(str(plan.index.teams[owner].lead))
    return tuple(dict.fromkeys(out))


def _node_changes(old: Plan, new: Plan, before: Node, after: Node) -> Iterable[PlanChange]:
    people = _concerned((old, before.owner), (new, after.owner))
    parents_before = ", ".join(sorted(old.graph.predecessors(before.id))) or "top level"
    parents_after = ", ".join(sorted(new.graph.predecessors(after.id))) or "top level"
    # (kind, changed?, as it was, as it is); owners are compared by id, shown by name
    facts = (
        (ChangeKind.REOWNED, before.owner != after.owner, _owner(old, before.owner), _owner(new, after.owner)),
        (ChangeKind.REDATED, before.due != after.due, _due(before.due), _due(after.due)),
        (ChangeKind.RETARGETED, _target(before) != _target(after), _target(before), _target(after)),
        (ChangeKind.REPARENTED, parents_before != parents_after, parents_before, parents_after),
        (ChangeKind.RETITLED, before.title != after.title, before.title, after.title),
        (ChangeKind.STATUS, before.status != after.status, before.status, after.status),
    )
    for kind, changed, was, now in facts:
        if changed:
            yield PlanChange(kind=kind, id=after.id, title=after.title, before=was, after=now, people=people)


def _people_changes(old: Plan, new: Plan) -> Iterable[PlanChange]:
    old_people, new_people = old.index.people, new.index.people
    for pid, person in new_people.items():
        was = old_people.get(pid)
        if was is None:
            manager = (person.manager,) if person.manager in new_people else ()
            yield PlanChange(
                kind=ChangeKind.JOINED, id=pid, title=person.name, after=person.role, people=(pid, *manager)
            )
        elif was.manager != person.manager:
            involved = tuple(dict.fromkeys(p for p in (pid, was.manager, person.manager) if p is not None))
            yield PlanChange(
                kind=ChangeKind.MOVED,
                id=pid,
                title=person.name,
                before=_owner(old, was.manager),
                after=_owner(new, person.manager),
                people=involved,
            )
    for pid, person in old_people.items():
        if pid not in new_people:
            manager = (person.manager,) if person.manager in new_people else ()
            yield PlanChange(
                kind=ChangeKind.LEFT, id=pid, title=person.name, before=person.role, people=(pid, *manager)
            )


def _due(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _target(node: Node) -> str | None:
    if node.measure is None or node.measure.target is None:
        return None
    return amount_text(node.measure.target, node.measure.unit)


def _owner(plan: Plan, owner: str | None) -> str | None:
    if owner is None:
        return None
    record = plan.who(owner)
    return record.name if record else owner
