"""The date forms of the format: a day, a month, a quarter or an ISO week, each meaning one day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_FORMS = re.compile(r"(?P<y>\d{4})-(?:(?P<q>[Qq][1-4])|(?P<w>W\d{2})|(?P<m>\d{2})(?:-(?P<d>\d{2}))?)\Z")
FORMS_HINT = "2027-03-31, 2027-03, 2027-Q1 or 2027-W12"


def parse_date(text: str) -> dt.date:
    """The day a date text stands for; ValueError with a readable reason when it is not one."""
    match = _FORMS.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date; write one of {FORMS_HINT}")
    year = int(match["y"])
    if match["q"]:
        quarter = int(match["q"][1])
        month = quarter * 3
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    if match["w"]:
        week = int(match["w"][1:])
        try:
            return dt.date.fromisocalendar(year, week, 7)
        except ValueError:
            raise ValueError(f"{text!r}: {year} has no ISO week {week}") from None
    month = int(match["m"])
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r}: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if match["d"] is None:
        return dt.date(year, month, last)
    day = int(match["d"])
    if not 1 <= day <= last:
        raise ValueError(f"{text!r}: {calendar.month_name[month]} {year} has no day {day}")
    return dt.date(year, month, day)


def iso_week(day: dt.date) -> tuple[int, int]:
    """The ISO (year, week) a day falls in."""
    iso = day.isocalendar()
    return iso[0], iso[1]


def is_date_text(text: str) -> bool:
    """Whether ``text`` is written in one of the date forms (it may still name no real day)."""
    return _FORMS.match(text.strip()) is not None


@dataclass(frozen=True)
class Shift:
    """How far a plan moves in time: by whole months when it moves from the first of a month to
    the first of a month (so a year plan stays a calendar year), otherwise by days."""

    months: int = 0
    days: int = 0

    @classmethod
    def between(cls, old: dt.date, new: dt.date) -> Shift:
        """The shift that takes a plan starting on ``old`` to one starting on ``new``."""
        if old.day == 1 and new.day == 1:
            return cls(months=(new.year - old.year) * 12 + new.month - old.month)
        return cls(days=(new - old).days)

    def day(self, day: dt.date) -> dt.date:
        """``day`` moved; by months, a month's last day stays its month's last day."""
        if not self.months:
            return day + dt.timedelta(days=self.days)
        year, month = divmod(day.year * 12 + day.month - 1 + self.months, 12)
        last = calendar.monthrange(year, month + 1)[1]
        at_end = day.day == calendar.monthrange(day.year, day.month)[1]
        return dt.date(year, month + 1, last if at_end else min(day.day, last))

    def text(self, text: str) -> str:
        """The date text moved, kept in its own form (month, quarter, week) where that form can
        still name the moved day, else written as a day."""
        match = _FORMS.match(text.strip())
        if match is None:
            raise ValueError(f"{text!r} is not a date; write one of {FORMS_HINT}")
        moved = self.day(parse_date(text))
        by_months = not self.days  # a move by no distance at all too: every form stays
        if match["q"] and by_months and self.months % 3 == 0:
            return f"{moved.year}-{match['q'][0]}{moved.month // 3}"
        if match["m"] and match["d"] is None and by_months:
            return f"{moved.year}-{moved.month:02d}"
        if match["w"] and not self.months and self.days % 7 == 0:
            year, week = iso_week(moved)
            return f"{year}-W{week:02d}"
        return moved.isoformat()
