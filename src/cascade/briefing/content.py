"""The typed content of one person's one-page brief: what every template and format reads.

A brief answers five questions for its reader: what must I do, by when, why does it
matter, what do I do differently now, and who helps me. It must fit one printed page, so
the builder, not the stylesheet, decides how much is shown: each list has a budget, the
most urgent items are kept, and the brief says how many more there are.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from pydantic import BaseModel, ConfigDict

__all__ = [
    "DEFAULT_BUDGET",
    "Brief",
    "BriefModel",
    "Budget",
    "ChangeItem",
    "Commitment",
    "CoverageItem",
    "HelpItem",
    "MomentItem",
    "Part",
    "PersonRef",
    "ReportItem",
    "SinceItem",
    "Step",
    "Timeline",
    "TimelineMark",
]


class Budget(BaseModel):
    """How many items of each list a page shows first (A4 or Letter). The builder then measures
    the page (see :mod:`cascade.briefing.page`): while there is room, the lists that were cut
    get more items back; on a page too full, the least urgent lists give some up."""

    model_config = ConfigDict(frozen=True)

    commitments: int = 6
    changes: int = 2
    since: int = 2
    moments: int = 2
    standard_lines: int = 2
    blockers: int = 2
    removing: int = 2
    reports: int = 6
    report_commitments: int = 2
    parts: int = 4
    """How many of the nodes below a number its breakdown names."""
    title_chars: int = 110
    """Longer titles are shortened at a word, with an ellipsis, so that one item stays one or two lines."""
    fill: bool = True
    """Measure the page and fill it; False shows exactly the numbers above."""


DEFAULT_BUDGET = Budget()


class BriefModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class PersonRef(BriefModel):
    id: str
    name: str
    role: str | None = None


class Step(BriefModel):
    """One node on the way from the company objective down to a commitment."""

    id: str
    title: str
    owner: str | None = None


class Part(BriefModel):
    """One node right below a number, owned by someone else: how the number breaks down."""

    title: str
    owner: str | None
    """The name of its owner (a person or a team)."""
    target: str | None


class Commitment(BriefModel):
    """A node the reader owns: a commitment (nothing below it), or a number that breaks down
    into the nodes below it (``parts``)."""

    id: str
    title: str
    due: dt.date | None
    target: str | None
    """The measure as text (``600,000 USD``), or None."""
    done_when: str | None
    frontline: bool
    personal: bool
    status: str
    overdue: bool
    with_people: list[str]
    moment: str | None
    why: list[Step]
    """From the company objective down to (not including) this commitment."""
    level: int = 0
    """How many of its owner's own numbers it sits under: their number first, its parts below it."""
    parts: list[Part] = []
    """For a number: the nodes right below it that others own (at most ``Budget.parts``)."""
    more_parts: int = 0
    own_parts: int = 0
    """For a number: how many of the nodes right below it its owner owns too (each has its own row)."""
    covered: str | None = None
    """For a number with a target: its parts' targets in its unit, added up."""
    ratio: Fraction | None = None
    """``covered`` over the target, exact."""


class ChangeItem(BriefModel):
    commitment: str
    before: str
    after: str


class SinceItem(BriefModel):
    """What changed for the person since the previous plan (``--since``)."""

    what: str
    kind: str
    before: str | None
    after: str | None


class MomentItem(BriefModel):
    name: str
    architect: str | None
    standard: list[str]
    more_standard: int
    through: list[str]
    """Titles of the person's commitments that run through this moment."""


class HelpItem(BriefModel):
    title: str
    helper: str | None
    due: dt.date | None
    blocks: list[str]
    raised_by: str | None


class ReportItem(BriefModel):
    person: PersonRef
    commitments: list[Commitment]
    more_commitments: int
    target: str | None
    """Their commitments' targets, added up per unit."""
    frontline_booked: int


class CoverageItem(BriefModel):
    title: str
    target: str
    covered: str
    ratio: Fraction
    """Exact (a huge target neither overflows nor rounds); the ``percent`` filter prints it."""


class TimelineMark(BriefModel):
    date: dt.date
    label: str
    position: float
    """0 at the start of the plan period, 1 at its end (clamped)."""
    kind: str
    """commitment, frontline, personal, blocker or overdue."""


class Timeline(BriefModel):
    start: dt.date
    end: dt.date
    today: float | None
    """Where the as-of date falls, or None outside the period."""
    months: list[tuple[float, str]]
    marks: list[TimelineMark]


class Brief(BriefModel):
    """Everything one person's one-pager shows."""

    person: PersonRef
    email: str | None
    manager: PersonRef | None
    teams: list[str]
    plan_name: str
    period_start: dt.date
    period_end: dt.date
    as_of: dt.date
    commitments: list[Commitment]
    more_commitments: int
    changes: list[ChangeItem]
    more_changes: int
    since: list[SinceItem] = []
    more_since: int = 0
    since_label: str | None = None
    """The previous plan the ``since`` items compare with, when one was given."""
    moments: list[MomentItem]
    more_moments: int
    blockers: list[HelpItem]
    more_blockers: int
    removing: list[HelpItem]
    more_removing: int
    reports: list[ReportItem]
    more_reports: int
    coverage: list[CoverageItem]
    timeline: Timeline

    @property
    def is_leader(self) -> bool:
        return bool(self.reports) or self.more_reports > 0
