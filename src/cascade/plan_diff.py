"""What changed between two plans, for whom: a semantic diff, not a text diff.

Every fact a brief shows is a fact the diff reports: commitments and objectives added,
removed, re-owned, re-dated, re-targeted, moved under other parents, or changed in what
"done" means, how they are done (kind, with whom, personally, through which moment, how
often) and
what the owner must do differently; blockers added, removed, resolved, re-dated or handed
to another helper; customer moments and their standard and architect; people who joined,
left, changed manager, name, role, email or teams. Each change names the people whose
briefs show it (old and new owners, a team's lead, a blocker's people, a moment's), so
everyone can read their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from enum import Enum
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from cascade.model.amounts import amount_text
from cascade.model.plan import Plan
from cascade.model.records import Blocker, Moment, Node

R = TypeVar("R", Node, Blocker, Moment)


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
    DONE_WHEN = "done when"
    KIND = "kind"
    WITH = "with"
    PERSONAL = "personal"
    WAY = "what changes"
    MOMENT = "moment"
    CADENCE = "cadence"
    HELPER = "new helper"
    BLOCKS = "blocks"
    RAISED_BY = "raised by"
    STANDARD = "standard"
    ARCHITECT = "architect"
    RENAMED = "renamed"
    ROLE = "role"
    EMAIL = "email"
    TEAMS = "teams"


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


def _whole(kind: ChangeKind, record_id: str, title: str, day: dt.date | None, people: tuple[str, ...]) -> PlanChange:
    """A record added or removed: its date stands on the side of the plan that has it."""
    due = _due(day)
    added = kind is ChangeKind.ADDED
    return PlanChange(
        kind=kind,
        id=record_id,
        title=title,
        before=None if added else due,
        after=due if added else None,
        people=people,
    )


def _added_or_removed(
    old: dict[str, R], new: dict[str, R], change: Callable[[ChangeKind, Plan, R], PlanChange], plans: tuple[Plan, Plan]
) -> tuple[list[R], list[PlanChange], list[PlanChange]]:
    """The records in both tables (as they are in ``new``), and the additions and removals."""
    kept = [record for record_id, record in new.items() if record_id in old]
    added = [change(ChangeKind.ADDED, plans[1], r) for record_id, r in new.items() if record_id not in old]
    removed = [change(ChangeKind.REMOVED, plans[0], r) for record_id, r in old.items() if record_id not in new]
    return kept, added, removed


def diff(old: Plan, new: Plan) -> PlanDiff:
    """The changes from ``old`` to ``new``."""
    changes: list[PlanChange] = []
    old_nodes, new_nodes = old.index.nodes, new.index.nodes

    for node_id, node in new_nodes.items():
        before = old_nodes.get(node_id)
        if before is None:
            changes.append(_whole(ChangeKind.ADDED, node.id, node.title, node.due, _concerned((new, node.owner))))
            continue
        changes.extend(_node_changes(old, new, before, node))
    for node_id, node in old_nodes.items():
        if node_id not in new_nodes:
            changes.append(_whole(ChangeKind.REMOVED, node.id, node.title, node.due, _concerned((old, node.owner))))
    plans = (old, new)
    kept, added, removed = _added_or_removed(old.index.blockers, new.index.blockers, _whole_blocker, plans)
    changes += added
    for blocker in kept:
        changes.extend(_blocker_changes(old, new, old.index.blockers[blocker.id], blocker))
    changes += removed
    # who works through each moment, found in one pass over each plan's nodes (not one per moment)
    through_old, through_new = _through_moments(old), _through_moments(new)

    def whole_moment(kind: ChangeKind, plan: Plan, moment: Moment) -> PlanChange:
        return _whole_moment(kind, plan, moment, through_new if plan is new else through_old)

    moments, added, removed = _added_or_removed(old.index.moments, new.index.moments, whole_moment, plans)
    changes += added
    for moment in moments:
        was = old.index.moments[moment.id]
        changes.extend(_moment_changes(old, new, was, moment, through_old, through_new))
    changes += removed
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


Fact = tuple[ChangeKind, bool, str | None, str | None]
"""(kind, changed?, as it was, as it is)."""


def _changes(record_id: str, title: str, people: tuple[str, ...], facts: Iterable[Fact]) -> Iterable[PlanChange]:
    for kind, changed, was, now in facts:
        if changed:
            yield PlanChange(kind=kind, id=record_id, title=title, before=was, after=now, people=people)


def _node_changes(old: Plan, new: Plan, before: Node, after: Node) -> Iterable[PlanChange]:
    people = _concerned((old, before.owner), (new, after.owner))
    parents_before = ", ".join(sorted(old.graph.predecessors(before.id))) or "top level"
    parents_after = ", ".join(sorted(new.graph.predecessors(after.id))) or "top level"
    # owners, people and moments are compared by id, shown by name
    facts: tuple[Fact, ...] = (
        (ChangeKind.REOWNED, before.owner != after.owner, _owner(old, before.owner), _owner(new, after.owner)),
        (ChangeKind.REDATED, before.due != after.due, _due(before.due), _due(after.due)),
        (ChangeKind.RETARGETED, _target(before) != _target(after), _target(before), _target(after)),
        (ChangeKind.REPARENTED, parents_before != parents_after, parents_before, parents_after),
        (ChangeKind.RETITLED, before.title != after.title, before.title, after.title),
        (ChangeKind.STATUS, before.status != after.status, before.status, after.status),
        (ChangeKind.DONE_WHEN, before.done_when != after.done_when, before.done_when, after.done_when),
        (ChangeKind.KIND, before.kind != after.kind, before.kind, after.kind),
        (ChangeKind.WITH, before.with_ != after.with_, _names(old, before.with_), _names(new, after.with_)),
        (ChangeKind.PERSONAL, before.personal != after.personal, _yes(before.personal), _yes(after.personal)),
        (ChangeKind.WAY, before.change != after.change, _way(before), _way(after)),
        (ChangeKind.MOMENT, before.moment != after.moment, _moment(old, before.moment), _moment(new, after.moment)),
        (ChangeKind.CADENCE, before.cadence != after.cadence, before.cadence, after.cadence),
    )
    return _changes(after.id, after.title, people, facts)


def _blocker_people(plan: Plan, blocker: Blocker) -> list[tuple[Plan, str | None]]:
    """Whom a blocker's brief lines reach: who raised it, the owners of what it holds up, its helper."""
    nodes = plan.index.nodes
    return [(plan, blocker.raised_by), *((plan, nodes[b].owner) for b in blocker.blocks if b in nodes)]


def _whole_blocker(kind: ChangeKind, plan: Plan, blocker: Blocker) -> PlanChange:
    people = _concerned(*_blocker_people(plan, blocker), (plan, blocker.helper))
    return _whole(kind, blocker.id, blocker.title, blocker.due, people)


def _blocker_changes(old: Plan, new: Plan, before: Blocker, after: Blocker) -> Iterable[PlanChange]:
    raised = [(old, before.raised_by), (new, after.raised_by)]
    held = [*_blocker_people(old, before)[1:], *_blocker_people(new, after)[1:]]
    people = _concerned(*raised, *held, (old, before.helper), (new, after.helper))
    facts: tuple[Fact, ...] = (
        (ChangeKind.STATUS, before.status != after.status, before.status, after.status),
        (ChangeKind.REDATED, before.due != after.due, _due(before.due), _due(after.due)),
        (ChangeKind.HELPER, before.helper != after.helper, _owner(old, before.helper), _owner(new, after.helper)),
        (ChangeKind.RETITLED, before.title != after.title, before.title, after.title),
        (ChangeKind.BLOCKS, before.blocks != after.blocks, _titles(old, before.blocks), _titles(new, after.blocks)),
        (
            ChangeKind.RAISED_BY,
            before.raised_by != after.raised_by,
            _owner(old, before.raised_by),
            _owner(new, after.raised_by),
        ),
    )
    return _changes(after.id, after.title, people, facts)


Through = dict[str, list[tuple[Plan, str | None]]]
"""Moment id -> the owners (with their plan) of the work that runs through it."""


def _through_moments(plan: Plan) -> Through:
    """Whose briefs show each moment besides its architect's: the owners of the work that runs through it."""
    owners: Through = {}
    for node in plan.index.nodes.values():
        if node.moment is not None:
            owners.setdefault(node.moment, []).append((plan, node.owner))
    return owners


def _whole_moment(kind: ChangeKind, plan: Plan, moment: Moment, through: Through) -> PlanChange:
    people = _concerned((plan, moment.architect), *through.get(moment.id, ()))
    return _whole(kind, moment.id, moment.name, None, people)


def _moment_changes(
    old: Plan,
    new: Plan,
    before: Moment,
    after: Moment,
    through_old: Through,
    through_new: Through,
) -> Iterable[PlanChange]:
    architects = [(old, before.architect), (new, after.architect)]
    people = _concerned(*architects, *through_old.get(before.id, ()), *through_new.get(after.id, ()))
    standard_before, standard_after = "; ".join(before.standard) or None, "; ".join(after.standard) or None
    facts: tuple[Fact, ...] = (
        (ChangeKind.RETITLED, before.name != after.name, before.name, after.name),
        (ChangeKind.STANDARD, before.standard != after.standard, standard_before, standard_after),
        (
            ChangeKind.ARCHITECT,
            before.architect != after.architect,
            _owner(old, before.architect),
            _owner(new, after.architect),
        ),
    )
    return _changes(after.id, after.name, people, facts)


def _people_changes(old: Plan, new: Plan) -> Iterable[PlanChange]:
    old_people, new_people = old.index.people, new.index.people
    for pid, person in new_people.items():
        was = old_people.get(pid)
        if was is None:
            manager = (person.manager,) if person.manager in new_people else ()
            yield PlanChange(
                kind=ChangeKind.JOINED, id=pid, title=person.name, after=person.role, people=(pid, *manager)
            )
            continue
        if was.manager != person.manager:
            involved = tuple(dict.fromkeys(p for p in (pid, was.manager, person.manager) if p is not None))
            yield PlanChange(
                kind=ChangeKind.MOVED,
                id=pid,
                title=person.name,
                before=_owner(old, was.manager),
                after=_owner(new, person.manager),
                people=involved,
            )
        # the person's own brief shows these, and their manager's lists them among their people
        teams_before = ", ".join(t.name for t in old.organisation.teams_of_id(pid)) or None
        teams_after = ", ".join(t.name for t in new.organisation.teams_of_id(pid)) or None
        facts: tuple[Fact, ...] = (
            (ChangeKind.RENAMED, was.name != person.name, was.name, person.name),
            (ChangeKind.ROLE, was.role != person.role, was.role, person.role),
            (ChangeKind.EMAIL, was.email != person.email, was.email, person.email),
            (ChangeKind.TEAMS, teams_before != teams_after, teams_before, teams_after),
        )
        manager = (person.manager,) if person.manager in new_people else ()
        yield from _changes(pid, person.name, (pid, *manager), facts)
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


def _names(plan: Plan, ids: Iterable[str]) -> str | None:
    return ", ".join(_owner(plan, i) or i for i in ids) or None


def _titles(plan: Plan, ids: Iterable[str]) -> str | None:
    nodes = plan.index.nodes
    return ", ".join(nodes[i].title if i in nodes else i for i in ids) or None


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _way(node: Node) -> str | None:
    return None if node.change is None else f"{node.change.from_} -> {node.change.to}"


def _moment(plan: Plan, moment_id: str | None) -> str | None:
    moment = plan.index.moments.get(moment_id) if moment_id else None
    return moment.name if moment is not None else moment_id


def _owner(plan: Plan, owner: str | None) -> str | None:
    if owner is None:
        return None
    record = plan.who(owner)
    return record.name if record else owner
