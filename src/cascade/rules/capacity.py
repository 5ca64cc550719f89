"""Capacity: nobody has more commitments due in one week than they can deliver."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from operator import attrgetter

from cascade.diagnostics import Finding
from cascade.model.date_forms import iso_week
from cascade.rules.base import Context, Rule, label, leaves

_owner = attrgetter("owner")


class WeekOverloaded(Rule):
    """A person has more than ``max_due_per_week`` (5 by default) commitments due in one
    ISO week. Piling dates into one week usually means some of them are not real. Where it
    is real for one person (a quarter-end closer), ``ignore: [CAS601]`` on them waives it.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30, policy: {max_due_per_week: 1}}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: a1, title: Send the Acme proposal, owner: ana, due: 2027-03-29, done_when: Sent}
          - {id: a2, title: Send the Globex proposal, owner: ana, due: 2027-03-30, done_when: Sent}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30, policy: {max_due_per_week: 1}}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: a1, title: Send the Acme proposal, owner: ana, due: 2027-03-29, done_when: Sent}
          - {id: a2, title: Send the Globex proposal, owner: ana, due: 2027-04-06, done_when: Sent}
    """

    code, name, summary = "CAS601", "week-overloaded", "too many commitments due in one week"
    severity = Rule.warning

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        limit = plan.plan.policy.max_due_per_week
        people = plan.index.people
        weeks: dict[tuple[str, int, int], list[str]] = defaultdict(list)
        week_of: dict[dt.date, tuple[int, int]] = {}  # a plan has few distinct days: work each out once
        # Whoever owns no more commitments than the limit cannot pass it in one week: most
        # people. Counting owners runs in C; only the others' commitments are walked.
        commitments = leaves(plan)
        busy = {owner for owner, count in Counter(map(_owner, commitments)).items() if count > limit}
        for node in commitments if busy else ():
            owner = node.owner
            if (
                owner is not None
                and owner in busy
                and owner in people
                and node.due is not None
                and node.status != "dropped"
            ):
                found = week_of.get(node.due)
                if found is None:
                    found = week_of[node.due] = iso_week(node.due)
                weeks[owner, found[0], found[1]].append(node.id)
        for (owner, year, week), ids in weeks.items():
            if len(ids) > limit:
                yield self.finding(
                    f"{label(people[owner])} has {len(ids)} commitments due in week {week} of {year}; "
                    f"the policy allows {limit}",
                    plan.where(people[owner]),
                    owner,
                    *ids,
                )


RULES: tuple[type[Rule], ...] = (WeekOverloaded,)
