"""When: every commitment has a date, inside the plan period and no later than its parent's."""

from __future__ import annotations

from collections.abc import Iterable

from cascade.diagnostics import Finding
from cascade.model.records import Blocker, Node
from cascade.rules.base import Context, Rule, label, leaves


class LeafWithoutDue(Rule):
    """A commitment has no ``due`` date. Without a when, it slides forever.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: ana-arr, title: Close $100k new ARR, owner: ana}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: ana-arr, title: Close $100k new ARR, owner: ana, due: 2027-Q2}
    """

    code, name, summary = "CAS301", "leaf-without-due", "commitment without a due date"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        for node in leaves(plan):
            if node.due is None and not plan.was_dropped(node, "due"):
                yield self.finding(
                    f"commitment {label(node)} has no due date: say by when it will be done",
                    plan.where(node),
                    node.id,
                )


class ChildDueAfterParent(Rule):
    """A node is due after the node it contributes to, so the parent cannot be met on time.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: ana
            due: 2027-03-31
            children:
              - {id: north, title: Close $100k in the north, owner: ana, due: 2027-05-31}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: ana
            due: 2027-06-30
            children:
              - {id: north, title: Close $100k in the north, owner: ana, due: 2027-05-31}
    """

    code, name, summary = "CAS302", "child-due-after-parent", "child due after its parent"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        for parent, below in plan.links.families:  # parent by parent
            if parent.due is None:
                continue
            for child in below:
                if child.due is None or child.due <= parent.due:
                    continue
                yield self.finding(
                    f"{label(child)} is due {child.due.isoformat()}, after {label(parent)} "
                    f"which it contributes to ({parent.due.isoformat()})",
                    plan.where(child, "due"),
                    child.id,
                    parent.id,
                )


class OutsidePeriod(Rule):
    """A node or blocker is due before the plan period starts or after it ends.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: ana-arr, title: Close $100k new ARR, owner: ana, due: 2027-09-30}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: ana-arr, title: Close $100k new ARR, owner: ana, due: 2027-06-30}
    """

    code, name, summary = "CAS303", "outside-period", "due date outside the plan period"
    severity = Rule.warning

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        header = plan.plan
        if plan.was_dropped(header, "start") or plan.was_dropped(header, "end"):
            return
        start, end = header.start, header.end
        dated: list[Node | Blocker] = [*plan.index.nodes.values(), *plan.index.blockers.values()]
        for record in dated:
            if record.due is not None and not start <= record.due <= end:
                yield self.finding(
                    f"{label(record)} is due {record.due.isoformat()}, outside the plan period "
                    f"{start.isoformat()} to {end.isoformat()}",
                    plan.where(record, "due"),
                    record.id,
                )


class Overdue(Rule):
    """A node that is neither done nor dropped, or an open blocker, was due before today
    (or before ``--as-of``). Either it is done and its status should say so, or it needs a new date.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2020-01-01, end: 2020-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: ana-arr, title: Close $100k new ARR, owner: ana, due: 2020-06-30}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2020-01-01, end: 2020-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: ana-arr, title: Close $100k new ARR, owner: ana, due: 2020-06-30, status: done}
    """

    code, name, summary = "CAS304", "overdue", "overdue and not done"
    severity = Rule.warning

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan, today = ctx.plan, ctx.as_of
        for node in plan.index.nodes.values():
            if node.due is not None and node.is_overdue(today):
                yield self.finding(
                    f"{label(node)} was due {node.due.isoformat()} and is still {node.status.replace('_', ' ')}",
                    plan.where(node, "due"),
                    node.id,
                )
        for blocker in plan.index.blockers.values():
            if blocker.due is not None and blocker.due < today and blocker.status == "open":
                yield self.finding(
                    f"blocker {label(blocker)} was to be removed by {blocker.due.isoformat()} and is still open",
                    plan.where(blocker, "due"),
                    blocker.id,
                )


RULES: tuple[type[Rule], ...] = (LeafWithoutDue, ChildDueAfterParent, OutsidePeriod, Overdue)
