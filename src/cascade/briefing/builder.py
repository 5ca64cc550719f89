"""Build the brief of a person from the plan, within the budget of one page.

A brief answers five questions for its reader: what must I do, by when, why does it
matter, what do I do differently now, and who helps me. It must fit one printed page, so
the builder, not the stylesheet, decides how much is shown: each list has a budget, the
most urgent items are kept, and the brief says how many more there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from cascade.model.amounts import Number, add, amount_text
from cascade.model.plan import Plan
from cascade.model.records import Blocker, Moment, Node
from cascade.rules.measures import coverage

if TYPE_CHECKING:  # imported only for its type: a brief without --since needs no diff
    from cascade.plan_diff import PlanDiff

from cascade.briefing.content import (
    DEFAULT_BUDGET,
    Brief,
    Budget,
    ChangeItem,
    Commitment,
    CoverageItem,
    HelpItem,
    MomentItem,
    PersonRef,
    ReportItem,
    SinceItem,
    Step,
    Timeline,
    TimelineMark,
)

T = TypeVar("T")


def brief(
    plan: Plan,
    person_id: str,
    *,
    as_of: dt.date | None = None,
    budget: Budget = DEFAULT_BUDGET,
    since: PlanDiff | None = None,
    since_label: str | None = None,
) -> Brief:
    """The brief of one person; KeyError when the plan has no such person.

    With ``since`` (the :func:`cascade.diff` of the previous plan and this one), the brief
    also says what is new, changed or gone for this person.
    """
    return BriefMaker(plan, as_of=as_of, budget=budget).brief(person_id, since=since, since_label=since_label)


class BriefMaker:
    """Briefs of many people of one plan, as of one day.

    Everyone's brief repeats what the plan shares: the same objectives on the way up from
    each commitment, the same names, the same months on the timeline, and each person's
    commitments appear again in their manager's brief. A maker builds each of these once
    and reuses it for every brief, so rendering thousands of briefs stays fast; it holds
    them for its own life, so make one per run. The plan must not change meanwhile (a plan
    is a snapshot). Briefs from one maker share those parts: treat them as read-only.
    """

    def __init__(self, plan: Plan, *, as_of: dt.date | None = None, budget: Budget = DEFAULT_BUDGET) -> None:
        self._builder = _PageBuilder(plan, as_of or dt.date.today(), budget)

    def brief(self, person_id: str, *, since: PlanDiff | None = None, since_label: str | None = None) -> Brief:
        """What :func:`brief` returns for this person."""
        data = self._builder.build(person_id)
        if since is None:
            return data
        budget = self._builder.budget
        items = [
            SinceItem(what=c.title, kind=c.kind.value, before=c.before, after=c.after)
            for c in since.for_person(person_id)
        ]
        shown, more = _cut(items, budget.since)
        # What changed since the last plan shares the room of "what changes for you": one page, always.
        room = max(budget.changes - len(shown), 0)
        changes = data.changes[:room]
        return data.model_copy(
            update={
                "since": shown,
                "more_since": more,
                "since_label": since_label or "the last plan",
                "changes": changes,
                "more_changes": data.more_changes + len(data.changes) - len(changes),
            }
        )


class _PageBuilder:
    """Builds briefs; keeps what several briefs share (see :class:`BriefMaker`).

    Every cache holds frozen models or lists the builder alone reads, keyed by record id.
    """

    def __init__(self, plan: Plan, as_of: dt.date, budget: Budget) -> None:
        self.plan = plan
        self.as_of = as_of
        self.budget = budget
        self.index = plan.index
        self.people = plan.index.people
        self._names: dict[str, str] = {}
        self._refs: dict[str, PersonRef] = {}
        self._steps: dict[str, Step] = {}
        self._commitments: dict[str, Commitment] = {}
        self._mine: dict[str, list[Node]] = {}
        self._helps: dict[str, HelpItem] = {}
        self._designs: dict[str, list[Moment]] | None = None
        self._booked: dict[str, dict[str, int]] = {}
        self._months: list[tuple[float, str]] | None = None

    # -- small helpers --------------------------------------------------------------------

    def _title(self, text: str) -> str:
        limit = self.budget.title_chars
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    def _name(self, record_id: str | None) -> str | None:
        if record_id is None:
            return None
        name = self._names.get(record_id)
        if name is None:
            record = self.plan.who(record_id)
            name = self._names[record_id] = record.name if record else record_id
        return name

    def _ref(self, person_id: str) -> PersonRef:
        ref = self._refs.get(person_id)
        if ref is None:
            person = self.people[person_id]
            ref = self._refs[person_id] = PersonRef(id=person.id, name=person.name, role=person.role)
        return ref

    def _overdue(self, node: Node) -> bool:
        return node.is_overdue(self.as_of)

    def _step(self, node_id: str) -> Step:
        # The objectives near the top are on the way up from almost every commitment.
        step = self._steps.get(node_id)
        if step is None:
            node = self.index.nodes[node_id]
            step = self._steps[node_id] = Step(id=node_id, title=self._title(node.title), owner=self._name(node.owner))
        return step

    def _commitment(self, node: Node) -> Commitment:
        # A commitment is shown in its owner's brief and again in their manager's.
        found = self._commitments.get(node.id)
        if found is not None:
            return found
        moment = self.index.moments.get(node.moment) if node.moment else None
        made = self._commitments[node.id] = Commitment(
            id=node.id,
            title=self._title(node.title),
            due=node.due,
            target=amount_text(node.measure.target, node.measure.unit)
            if node.measure and node.measure.target is not None
            else None,
            done_when=self._title(node.done_when) if node.done_when else None,
            frontline=node.is_frontline,
            personal=node.personal,
            status=node.status,
            overdue=self._overdue(node),
            with_people=[self._name(p) or p for p in node.with_],
            moment=moment.name if moment else None,
            why=[self._step(s) for s in self.plan.line_of_sight(node.id)[:-1]],
        )
        return made

    def _urgency(self, node: Node) -> tuple[int, dt.date, str]:
        """Open work first, earliest date first; done and dropped last."""
        closed = node.status in ("done", "dropped")
        return (1 if closed else 0, node.due or dt.date.max, node.id)

    def _commitments_of(self, person_id: str) -> list[Node]:
        """The leaves a person owns, most urgent first (for their brief and their manager's)."""
        mine = self._mine.get(person_id)
        if mine is None:
            mine = [n for n in self.plan.owned_by.get(person_id, ()) if self.plan.is_leaf(n.id)]
            mine.sort(key=self._urgency)
            self._mine[person_id] = mine
        return mine

    def _help(self, blocker: Blocker) -> HelpItem:
        item = self._helps.get(blocker.id)
        if item is None:
            nodes = self.index.nodes
            item = self._helps[blocker.id] = HelpItem(
                title=self._title(blocker.title),
                helper=self._name(blocker.helper),
                due=blocker.due,
                blocks=[self._title(nodes[b].title) for b in blocker.blocks if b in nodes],
                raised_by=self._name(blocker.raised_by),
            )
        return item

    # -- the brief ------------------------------------------------------------------------

    def build(self, person_id: str) -> Brief:
        people = self.people
        person = people[person_id]
        org = self.plan.organisation
        budget = self.budget
        header = self.plan.plan
        mine = self._commitments_of(person_id)
        shown, more = _cut(mine, budget.commitments)
        commitments = [self._commitment(n) for n in shown]

        changes_all = [
            ChangeItem(commitment=self._title(n.title), before=n.change.from_, after=n.change.to)
            for n in mine
            if n.change is not None
        ]
        changes, more_changes = _cut(changes_all, budget.changes)

        moments, more_moments = _cut(self._moments(person_id, mine), budget.moments)

        obstacles = self.plan.open_blockers
        open_blockers = list(obstacles.facing.get(person_id, ()))
        open_blockers.sort(key=lambda b: (b.due or dt.date.max, b.id))
        blockers, more_blockers = _cut([self._help(b) for b in open_blockers], budget.blockers)
        helping = list(obstacles.removing.get(person_id, ()))
        helping.sort(key=lambda b: (b.due or dt.date.max, b.id))
        removing, more_removing = _cut([self._help(b) for b in helping], budget.removing)

        direct = org.direct_reports(person_id)
        # Only the reports shown are built; the others are only counted.
        reports, more_reports = _cut(direct, budget.reports)
        manager = org.manager_of(person_id)
        return Brief(
            person=self._ref(person_id),
            email=person.email,
            manager=self._ref(manager) if manager else None,
            teams=[t.name for t in org.teams_of(person)],
            plan_name=header.name,
            period_start=header.start,
            period_end=header.end,
            as_of=self.as_of,
            commitments=commitments,
            more_commitments=more,
            changes=changes,
            more_changes=more_changes,
            moments=moments,
            more_moments=more_moments,
            blockers=blockers,
            more_blockers=more_blockers,
            removing=removing,
            more_removing=more_removing,
            reports=[self._report(person_id, r) for r in reports],
            more_reports=more_reports,
            coverage=self._coverage(self._led(person_id)),
            timeline=self._timeline(mine, open_blockers + helping),
        )

    def _moments(self, person_id: str, mine: Sequence[Node]) -> list[MomentItem]:
        through: dict[str, list[str]] = {}
        for node in mine:
            if node.moment and node.moment in self.index.moments:
                through.setdefault(node.moment, []).append(self._title(node.title))
        if self._designs is None:  # architect -> the moments they design, in the order written
            self._designs = {}
            for moment in self.index.moments.values():
                if moment.architect is not None:
                    self._designs.setdefault(moment.architect, []).append(moment)
        for moment in self._designs.get(person_id, ()):  # the moments they design, too
            through.setdefault(moment.id, [])
        items = []
        for moment_id, titles in through.items():
            moment = self.index.moments[moment_id]
            lines, more = _cut(moment.standard, self.budget.standard_lines)
            items.append(
                MomentItem(
                    name=moment.name,
                    architect=self._name(moment.architect),
                    standard=[self._title(s) for s in lines],
                    more_standard=more,
                    through=titles,
                )
            )
        return items

    def _report(self, leader_id: str, report_id: str) -> ReportItem:
        theirs = self._commitments_of(report_id)
        shown, more = _cut(theirs, self.budget.report_commitments)
        return ReportItem(
            person=self._ref(report_id),
            commitments=[self._commitment(n) for n in shown],
            more_commitments=more,
            target=_totals(n for n in theirs if n.status != "dropped"),
            frontline_booked=self._frontline_booked(leader_id).get(report_id, 0),
        )

    def _frontline_booked(self, leader_id: str) -> dict[str, int]:
        """Report id -> how many of the leader's frontline nodes are with them: one pass per leader."""
        booked = self._booked.get(leader_id)
        if booked is None:
            booked = self._booked[leader_id] = {}
            for node in self.plan.owned_by.get(leader_id, ()):
                if node.is_frontline:
                    for with_id in set(node.with_):  # a node counts once however often it names them
                        booked[with_id] = booked.get(with_id, 0) + 1
        return booked

    def _led(self, person_id: str) -> list[Node]:
        """What a leader answers for: their own nodes and those of the teams they lead."""
        led = list(self.plan.owned_by.get(person_id, ()))
        for team in self.plan.organisation.teams_led(person_id):
            led.extend(self.plan.owned_by.get(team.id, ()))
        return led

    def _coverage(self, owned: Iterable[Node]) -> list[CoverageItem]:
        links, nodes = self.plan.links, self.index.nodes
        out = []
        for node in owned:
            if node.measure is None or node.measure.target is None or links.is_leaf(node.id):
                continue
            found = coverage(node, (nodes[c] for c in links.below(node.id)))
            if found is None:
                continue
            total, ratio = found
            out.append(
                CoverageItem(
                    title=self._title(node.title),
                    target=amount_text(node.measure.target, node.measure.unit),
                    covered=amount_text(total, node.measure.unit),
                    ratio=ratio,
                )
            )
        return out[:4]

    def _where(self, day: dt.date) -> float:
        """0 at the start of the plan period, 1 at its end (clamped)."""
        start, end = self.plan.plan.start, self.plan.plan.end
        span = max((end - start).days, 1)
        return min(max((day - start).days / span, 0.0), 1.0)

    def _mark(self, node: Node, due: dt.date) -> TimelineMark:
        kind = "overdue" if self._overdue(node) else "commitment"
        if node.is_frontline:
            kind = "frontline"
        elif node.personal:
            kind = "personal"
        return TimelineMark(date=due, label=self._title(node.title), position=self._where(due), kind=kind)

    def _blocker_mark(self, blocker: Blocker, due: dt.date) -> TimelineMark:
        return TimelineMark(date=due, label=self._title(blocker.title), position=self._where(due), kind="blocker")

    def _timeline(self, mine: Sequence[Node], blockers: Sequence[Blocker]) -> Timeline:
        start, end = self.plan.plan.start, self.plan.plan.end
        marks = [self._mark(node, node.due) for node in mine if node.due is not None]
        marks += [self._blocker_mark(b, b.due) for b in blockers if b.due is not None]
        marks.sort(key=lambda m: (m.date, m.label))
        if self._months is None:  # the same months for everyone
            self._months = []
            month = dt.date(start.year, start.month, 1)
            while month <= end:
                if month >= start:
                    self._months.append((self._where(month), month.strftime("%b")))
                month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        today = self._where(self.as_of) if start <= self.as_of <= end else None
        return Timeline(start=start, end=end, today=today, months=self._months, marks=marks)


def _cut(items: Sequence[T], limit: int) -> tuple[list[T], int]:
    """The first ``limit`` items, and how many were left out."""
    return list(items[:limit]), max(len(items) - limit, 0)


def _totals(nodes: Iterable[Node]) -> str | None:
    targets: dict[str | None, list[Number]] = {}
    for node in nodes:
        if node.measure is not None and node.measure.target is not None:
            targets.setdefault(node.measure.unit, []).append(node.measure.target)
    if not targets:
        return None
    return ", ".join(amount_text(add(values), unit) for unit, values in targets.items())
