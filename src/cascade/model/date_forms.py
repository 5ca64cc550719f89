"""The date forms of the format: a day, a month, a quarter or an ISO week, each meaning one day."""

from __future__ import annotations

import calendar
import datetime as dt
import re

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
