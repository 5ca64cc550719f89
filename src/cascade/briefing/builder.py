"""Build the brief of a person from the plan, within the budget of one page.

A brief answers five questions for its reader: what must I do, by when, why does it
matter, what do I do differently now, and who helps me. It must fit one printed page, so
the builder, not the stylesheet, decides how much is shown: each list gets a first share
(the :class:`Budget`), then the page is measured (:mod:`cascade.briefing.page`) and filled,
the most urgent items kept, and the brief says how many more there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from cascade.briefing import page
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
    Part,
    PersonRef,
    ReportItem,
    SinceItem,
    Step,
    Timeline,
    TimelineMark,
)

T = TypeVar("T")
K = TypeVar("K")

MOST_PER_REPORT = 5
"""A report's row names at most this many of their next commitments, however much room is left."""
FILL_ORDER = (
    "commitments",
    "reports",
    "blockers",
    "moments",
    "standard_lines",
    "changes",
    "since",
    "removing",
    "report_commitments",
)
"""Who gets the room a page has left, first to last; on a page too full, the last give up items first."""
_AT_ONCE = 40
"""A page with at most this many items in all is first measured with every one of them."""


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
        if since is None:
            return self._builder.build(person_id)
        items = [
            SinceItem(what=c.title, kind=c.kind.value, before=c.before, after=c.after)
            for c in since.for_person(person_id)
        ]
        return self._builder.build(person_id, items, since_label or "the last plan")


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
        self._sights: dict[str, list[str]] = {}
        self._pages: dict[str, list[Node]] = {}
        self._standards: dict[str, MomentItem] = {}

    # -- small helpers --------------------------------------------------------------------

    def _title(self, text: str) -> str:
        limit = self.budget.title_chars
        if len(text) <= limit:
            return text
        cut = text[:limit]
        space = cut.rfind(" ")
        # At the last word that fits whole, unless that leaves little (a pasted URL, a code).
        kept = cut[:space] if space > limit // 2 else cut[: limit - 1]
        return kept.rstrip() + "…"

    def _sight(self, node_id: str) -> list[str]:
        sight = self._sights.get(node_id)
        if sight is None:
            sight = self._sights[node_id] = self.plan.line_of_sight(node_id)
        return sight

    def _answerer(self, owner: str | None) -> str | None:
        """Who answers for what ``owner`` owns: the person, or the lead of the team."""
        if owner is None or owner in self.people:
            return owner
        team = self.index.teams.get(owner)
        return team.lead if team else None

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
        sight = self._sight(node.id)
        nodes = self.index.nodes
        answerer = self._answerer(node.owner)
        below = [nodes[c] for c in self.plan.links.below(node.id)]
        own = [c for c in below if answerer is not None and self._answerer(c.owner) == answerer]
        parts, more_parts = _cut([c for c in below if c not in own], self.budget.parts)
        covered = coverage(node, below) if below else None
        made = self._commitments[node.id] = Commitment(
            id=node.id,
            title=self._title(node.title),
            due=node.due,
            target=self._target(node),
            done_when=self._title(node.done_when) if node.done_when else None,
            frontline=node.is_frontline,
            personal=node.personal,
            status=node.status,
            overdue=self._overdue(node),
            with_people=[self._name(p) or p for p in node.with_],
            moment=moment.name if moment else None,
            why=[self._step(s) for s in sight[:-1]],
            level=sum(1 for s in sight[:-1] if answerer and self._answerer(nodes[s].owner) == answerer),
            parts=[Part(title=self._title(p.title), owner=self._name(p.owner), target=self._target(p)) for p in parts],
            more_parts=more_parts,
            own_parts=len(own),
            covered=amount_text(covered[0], node.measure.unit) if covered and node.measure else None,
            ratio=covered[1] if covered else None,
        )
        return made

    @staticmethod
    def _target(node: Node) -> str | None:
        measure = node.measure
        return amount_text(measure.target, measure.unit) if measure and measure.target is not None else None

    def _page_nodes(self, person_id: str) -> list[Node]:
        """Every node the person answers for, in the order they get room: their numbers (the
        nodes with something below them, outer ones first), then their commitments."""
        found = self._pages.get(person_id)
        if found is None:
            led = self._led(person_id)
            numbers = [n for n in led if not self.plan.is_leaf(n.id)]
            numbers.sort(key=lambda n: (self._commitment(n).level, *self._urgency(n)))
            leaves = [n for n in led if self.plan.is_leaf(n.id)]
            leaves.sort(key=self._urgency)
            found = self._pages[person_id] = numbers + leaves
        return found

    def _under_numbers(self, shown: Sequence[Node]) -> list[Node]:
        """``shown`` with each node right after the nearest of them above it: a number, then its parts."""
        if all(self.plan.is_leaf(n.id) for n in shown):  # no number: nothing is under anything
            return list(shown)
        ids = {n.id for n in shown}
        below: dict[str | None, list[Node]] = {}
        for node in shown:
            above = next((s for s in reversed(self._sight(node.id)[:-1]) if s in ids), None)
            below.setdefault(above, []).append(node)
        out: list[Node] = []
        stack = list(reversed(below.get(None, [])))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(below.get(node.id, [])))
        if len(out) < len(shown):  # above one another round a cycle of the plan: none is reached from the top
            reached = {n.id for n in out}
            out += [n for n in shown if n.id not in reached]
        return out

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

    def build(self, person_id: str, since: list[SinceItem] | None = None, since_label: str | None = None) -> Brief:
        people = self.people
        person = people[person_id]
        org = self.plan.organisation
        budget = self.budget
        header = self.plan.plan
        mine = self._commitments_of(person_id)
        order = self._page_nodes(person_id)
        rows = _Measured(order, self._commitment, page.commitment)

        changes = [
            ChangeItem(commitment=self._title(n.title), before=n.change.from_, after=n.change.to)
            for n in mine
            if n.change is not None
        ]
        moments = self._moments(person_id, mine)

        obstacles = self.plan.open_blockers
        open_blockers = list(obstacles.facing.get(person_id, ()))
        open_blockers.sort(key=lambda b: (b.due or dt.date.max, b.id))
        blockers = [self._help(b) for b in open_blockers]
        helping = list(obstacles.removing.get(person_id, ()))
        helping.sort(key=lambda b: (b.due or dt.date.max, b.id))
        removing = [self._help(b) for b in helping]

        direct = org.direct_reports(person_id)
        # Only the reports measured are built; the others are only counted.
        reports = _Measured(direct, lambda r: self._report(person_id, r), lambda r: 0.0)
        manager = org.manager_of(person_id)
        teams = [t.name for t in org.teams_of(person)]
        top = page.header(person.role, self._name(manager), teams)
        # Each item's height once; a moment's and a report's depend on how many lines they show.
        tall = {
            "changes": [page.change(c) for c in changes],
            "blockers": [page.obstacle(b) for b in blockers],
            "removing": [page.removing(b) for b in removing],
        }
        moment_heights = _Memo(lambda k: [page.moment(m, k) for m in moments])
        report_heights: dict[tuple[int, int], float] = {}

        def report_rows(count: int, shown: int) -> list[float]:
            for i, report in enumerate(reports.items(count)):
                if (i, shown) not in report_heights:
                    report_heights[i, shown] = page.report(report, shown)
            return [report_heights[i, shown] for i in range(min(count, len(direct)))]

        def size(n: Mapping[str, int]) -> float:
            return page.total(
                header=top,
                commitments=rows.heights(n["commitments"]),
                left=page.left_column(
                    tall["changes"][: n["changes"]],
                    None if since is None else n["since"],
                    moment_heights(n["standard_lines"])[: n["moments"]],
                ),
                right=page.right_column(tall["blockers"][: n["blockers"]], tall["removing"][: n["removing"]]),
                people=report_rows(n["reports"], n["report_commitments"]) if direct else None,
            )

        most_theirs = max((len(self._commitments_of(r)) for r in direct), default=0)
        sizes = {
            "commitments": (budget.commitments, len(order)),
            "reports": (budget.reports, len(direct)),
            "blockers": (budget.blockers, len(blockers)),
            "moments": (budget.moments, len(moments)),
            "standard_lines": (budget.standard_lines, max((len(m.standard) for m in moments), default=0)),
            "changes": (budget.changes, len(changes)),
            "since": (budget.since, len(since or ())),
            "removing": (budget.removing, len(removing)),
            "report_commitments": (budget.report_commitments, min(most_theirs, MOST_PER_REPORT)),
        }
        n = _fill(sizes, size) if budget.fill else {k: min(share, most) for k, (share, most) in sizes.items()}

        shown = self._under_numbers(order[: n["commitments"]])
        lines = n["standard_lines"]
        return Brief(
            person=self._ref(person_id),
            email=person.email,
            manager=self._ref(manager) if manager else None,
            teams=teams,
            plan_name=header.name,
            period_start=header.start,
            period_end=header.end,
            as_of=self.as_of,
            commitments=[self._commitment(node) for node in shown],
            more_commitments=len(order) - len(shown),
            changes=changes[: n["changes"]],
            more_changes=len(changes) - n["changes"],
            since=since[: n["since"]] if since else [],
            more_since=len(since) - n["since"] if since else 0,
            since_label=since_label,
            moments=[_standard_cut(m, lines) for m in moments[: n["moments"]]],
            more_moments=len(moments) - n["moments"],
            blockers=blockers[: n["blockers"]],
            more_blockers=len(blockers) - n["blockers"],
            removing=removing[: n["removing"]],
            more_removing=len(removing) - n["removing"],
            reports=[_report_cut(r, n["report_commitments"]) for r in reports.items(n["reports"])],
            more_reports=len(direct) - n["reports"],
            coverage=self._coverage(self._led(person_id)),
            timeline=self._timeline(mine, open_blockers + helping),
        )

    def _moments(self, person_id: str, mine: Sequence[Node]) -> list[MomentItem]:
        """The moments the person's commitments run through, then those they design, then, when
        they meet customers, those designed by the leaders they report up to, nearest first."""
        through: dict[str, list[str]] = {}
        for node in mine:
            if node.moment and node.moment in self.index.moments:
                through.setdefault(node.moment, []).append(self._title(node.title))
        if self._designs is None:  # architect -> the moments they design, in the order written
            self._designs = {}
            for moment in self.index.moments.values():
                if moment.architect is not None:
                    self._designs.setdefault(moment.architect, []).append(moment)
        org = self.plan.organisation
        # Meets customers: has commitments, and is not only a leader (leads no one, or spends
        # frontline time with the people who sell).
        meets = bool(mine) and (not org.is_leader(person_id) or any(n.is_frontline for n in mine))
        architects = list(org.chain(person_id)) if meets else [person_id]
        for architect in architects:
            for moment in self._designs.get(architect, ()):
                through.setdefault(moment.id, [])
        return [self._moment(moment_id, titles) for moment_id, titles in through.items()]

    def _moment(self, moment_id: str, through: list[str]) -> MomentItem:
        # A moment no commitment of the reader names is the same item on every page of its organisation.
        item = self._standards.get(moment_id) if not through else None
        if item is None:
            moment = self.index.moments[moment_id]
            item = MomentItem(
                name=moment.name,
                architect=self._name(moment.architect),
                standard=[self._title(s) for s in moment.standard],
                more_standard=0,
                through=through,
            )
            if not through:
                self._standards[moment_id] = item
        return item

    def _report(self, leader_id: str, report_id: str) -> ReportItem:
        theirs = self._commitments_of(report_id)
        shown, more = _cut(theirs, MOST_PER_REPORT)
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


class _Measured(Generic[K, T]):
    """The items of one list, each built (and measured) when the page first needs it."""

    def __init__(self, keys: Sequence[K], make: Callable[[K], T], measure: Callable[[T], float]) -> None:
        self._keys, self._make, self._measure = keys, make, measure
        self._items: list[T] = []
        self._heights: list[float] = []

    def items(self, count: int) -> list[T]:
        while len(self._items) < min(count, len(self._keys)):
            item = self._make(self._keys[len(self._items)])
            self._items.append(item)
            self._heights.append(self._measure(item))
        return self._items[:count]

    def heights(self, count: int) -> list[float]:
        self.items(count)
        return self._heights[:count]


class _Memo(Generic[T]):
    """A function of a count, computed once per count."""

    def __init__(self, make: Callable[[int], T]) -> None:
        self._make = make
        self._made: dict[int, T] = {}

    def __call__(self, count: int) -> T:
        if count not in self._made:
            self._made[count] = self._make(count)
        return self._made[count]


def _fill(sizes: Mapping[str, tuple[int, int]], size: Callable[[Mapping[str, int]], float]) -> dict[str, int]:
    """How many items of each list the page shows. ``sizes``: each list's first share and how
    many it has; ``size``: the page's height with so many of each.

    Too full at first, the lists late in :data:`FILL_ORDER` give up items (down to one each).
    Then each list that was cut gets one more item in turn, while the page has room for it."""
    everything = {name: most for name, (_, most) in sizes.items()}
    # Most pages: everything fits (measured at once when there is not much of it).
    if sum(everything.values()) <= _AT_ONCE and size(everything) <= page.ROOM:
        return everything
    counts = {name: min(share, most) for name, (share, most) in sizes.items()}
    for name in reversed(FILL_ORDER):
        while counts[name] > 1 and size(counts) > page.ROOM:
            counts[name] -= 1
    growing = [name for name in FILL_ORDER if counts[name] < sizes[name][1]]
    while growing:
        for name in list(growing):
            counts[name] += 1
            if size(counts) > page.ROOM:
                counts[name] -= 1
                growing.remove(name)
            elif counts[name] == sizes[name][1]:
                growing.remove(name)
    return counts


def _standard_cut(item: MomentItem, lines: int) -> MomentItem:
    if len(item.standard) <= lines:
        return item
    return item.model_copy(update={"standard": item.standard[:lines], "more_standard": len(item.standard) - lines})


def _report_cut(item: ReportItem, shown: int) -> ReportItem:
    if len(item.commitments) <= shown:
        return item
    more = item.more_commitments + len(item.commitments) - shown
    return item.model_copy(update={"commitments": item.commitments[:shown], "more_commitments": more})


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
