"""Leadership habits a plan must show: leaders design the customer moments, remove
obstacles with a name and a date, and spend time on the frontline with each report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cascade.diagnostics import Finding
from cascade.rules.base import Context, Rule, label


class MomentWithoutLeader(Rule):
    """A customer moment has no architect, or its architect leads nobody. The moments
    that win or lose customers (the first call, the proposal, the renewal) should be
    designed by a leader who answers for how they run, not left to chance.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        moments:
          - {id: discovery, name: First discovery call, standard: [Agree the next step before hanging up]}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: ana, name: Ana Lima, manager: lea}
        moments:
          - id: discovery
            name: First discovery call
            architect: lea
            standard: [Agree the next step before hanging up]
    """

    code, name, summary = "CAS501", "moment-without-leader", "customer moment without a leader as architect"
    severity = Rule.warning

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        people, org = plan.index.people, plan.organisation
        for moment in plan.index.moments.values():
            if moment.architect is None:
                if not plan.was_dropped(moment, "architect"):
                    yield self.finding(
                        f"customer moment {label(moment)} has no architect: name the leader who designs it",
                        plan.where(moment),
                        moment.id,
                    )
            elif moment.architect in people and not org.is_leader(moment.architect):
                yield self.finding(
                    f"customer moment {label(moment)} is designed by {label(people[moment.architect])}, "
                    "who leads nobody; its architect should be a leader",
                    plan.where(moment, "architect"),
                    moment.id,
                    moment.architect,
                )


class MomentWithoutStandard(Rule):
    """A customer moment has no written ``standard``: nobody can tell whether it ran well.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: ana, name: Ana Lima, manager: lea}
        moments:
          - {id: discovery, name: First discovery call, architect: lea}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: ana, name: Ana Lima, manager: lea}
        moments:
          - id: discovery
            name: First discovery call
            architect: lea
            standard: [Agree the next step before hanging up]
    """

    code, name, summary = "CAS502", "moment-without-standard", "customer moment with no standard"
    severity = Rule.warning

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        for moment in plan.index.moments.values():
            if not moment.standard and not plan.was_dropped(moment, "standard"):
                yield self.finding(
                    f"customer moment {label(moment)} has no standard: write down how it must run",
                    plan.where(moment),
                    moment.id,
                )


class BlockerWithoutHelper(Rule):
    """An open blocker has no ``helper`` or no ``due`` date. An obstacle is removed when a
    named person owns its removal by a date; otherwise it stays where it is.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        blockers:
          - {id: legal, title: Contract reviews take three weeks, raised_by: ana}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: ana, name: Ana Lima, manager: lea}
        blockers:
          - {id: legal, title: Contract reviews take three weeks, raised_by: ana, helper: lea, due: 2027-02-15}
    """

    code, name, summary = "CAS503", "blocker-without-helper", "open blocker without a helper or a date"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        for blocker in plan.index.blockers.values():
            if blocker.status != "open":
                continue
            missing = [
                word
                for field, word in (("helper", "helper to remove it"), ("due", "date to remove it by"))
                if getattr(blocker, field) is None and not plan.was_dropped(blocker, field)
            ]
            if missing:
                yield self.finding(
                    f"open blocker {label(blocker)} has no {' and no '.join(missing)}",
                    plan.where(blocker),
                    blocker.id,
                )


class NoFrontlineTime(Rule):
    """A leader has fewer than ``frontline_per_report`` (1 by default) commitments of
    ``kind: frontline`` listing a direct report in ``with``. Time on the frontline, beside
    each of their people, is how leaders see what really happens with customers.

    Someone who meets no customers (a sales-operations manager, say) can be waived with
    ``ignore: [CAS504]`` on that person: their manager is not asked to book time with them,
    and, if they lead people themselves, they are not asked to book any either.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: ana, name: Ana Lima, manager: lea}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: ana, name: Ana Lima, manager: lea}
        objectives:
          - id: lea-rides
            title: Join Ana on two discovery calls
            owner: lea
            due: 2027-03-31
            kind: frontline
            with: [ana]
            done_when: Both calls attended and debriefed the same day
    """

    code, name, summary = "CAS504", "no-frontline-time", "leader without frontline time with each report"
    severity = Rule.warning

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        needed = plan.plan.policy.frontline_per_report
        if needed <= 0:
            return
        people, org = plan.index.people, plan.organisation
        booked: Counter[tuple[str, str]] = Counter()
        for node in plan.index.nodes.values():
            # kind first: most nodes have none, and that settles it
            if node.kind is not None and node.owner is not None and node.is_frontline and node.status != "dropped":
                for person_id in set(node.with_):
                    booked[node.owner, person_id] += 1
        reports = org.reports
        for leader in people.values():
            below = reports.get(leader.id)
            if below is None:  # most people lead nobody
                continue
            # a report whose own ``ignore`` waives CAS504 (a sales-ops manager) needs no frontline time
            short = [r for r in below if booked[leader.id, r] < needed and self.code not in people[r].ignore]
            if short:
                names = ", ".join(people[r].name for r in short)
                times = "any frontline commitment" if needed == 1 else f"{needed} frontline commitments"
                yield self.finding(
                    f"{label(leader)} has not booked {times} with {names}",
                    plan.where(leader),
                    leader.id,
                    *short,
                )


RULES: tuple[type[Rule], ...] = (MomentWithoutLeader, MomentWithoutStandard, BlockerWithoutHelper, NoFrontlineTime)
