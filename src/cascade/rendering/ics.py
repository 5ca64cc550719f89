"""One calendar per person: each commitment's date, and the obstacles they remove.

UIDs are stable (plan name, node id), so importing a newer calendar updates the events
instead of adding copies. The calendar holds every date, not only those that fit the page.
A long commitment (an annual quota, on 31 December) reminds its owner ahead of its date,
and work with a ``cadence`` (a leader's frontline time) recurs until it is due.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from cascade.model.amounts import amount_text
from cascade.model.plan import Plan

if TYPE_CHECKING:  # only for its types: the calendar library is loaded when a calendar is made
    import icalendar

_SLUG = re.compile(r"[^a-z0-9]+")

LONG_AFTER_DAYS = 30
"""A commitment due more than this many days after the plan's start is long: it gets a reminder."""
REMINDER_DAYS = 14
"""How many days before its due date a long commitment reminds its owner."""

_RULES: dict[str, dict[str, object]] = {
    "weekly": {"freq": "weekly"},
    "fortnightly": {"freq": "weekly", "interval": 2},
    "monthly": {"freq": "monthly"},
}
"""The recurrence each cadence of the plan format stands for."""


def calendar(plan: Plan, person_id: str, as_of: dt.date) -> bytes:
    import icalendar  # longer to load than a thousand briefs take to write: only for ICS

    person = plan.index.people[person_id]
    slug = _SLUG.sub("-", plan.plan.name.lower()).strip("-") or "plan"
    cal = icalendar.Calendar()
    cal.add("prodid", "-//cascade//one-page briefs//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{plan.plan.name}: {person.name}")
    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.timezone.utc)
    nodes = plan.index.nodes
    for node in plan.person(person_id).commitments:
        if node.due is None or node.status == "dropped":
            continue
        event = _all_day(icalendar.Event(), f"{node.id}@{slug}.cascade", stamp, node.due, node.title)
        lines = []
        if node.measure is not None and node.measure.target is not None:
            lines.append(f"Target: {amount_text(node.measure.target, node.measure.unit)}")
        if node.done_when:
            lines.append(f"Done when: {node.done_when}")
        sight = [nodes[n].title for n in plan.line_of_sight(node.id)[:-1]]
        if sight:
            lines.append("Why: " + " > ".join(sight))
        if lines:
            event.add("description", "\n".join(lines))
        event.add("status", "CONFIRMED" if node.status != "done" else "CANCELLED")
        start = plan.plan.start
        if node.is_open and (node.due - start).days > LONG_AFTER_DAYS:
            event.add_component(_reminder(icalendar.Alarm(), node.title))
        cal.add_component(event)
        if node.cadence is not None and node.is_open and start < node.due:
            # the sessions: another UID than the due date's, so the two never replace each other
            uid = f"{node.id}@{node.cadence}.{slug}.cascade"
            sessions = _all_day(icalendar.Event(), uid, stamp, start, f"{node.title} ({node.cadence})")
            sessions.add("rrule", {**_RULES[node.cadence], "until": node.due})
            cal.add_component(sessions)
    for blocker in plan.index.blockers.values():
        if blocker.helper != person_id or blocker.due is None or blocker.status != "open":
            continue
        # another domain part than commitments' (a slug has no dots), so the two never collide
        uid = f"{blocker.id}@removal.{slug}.cascade"
        event = _all_day(icalendar.Event(), uid, stamp, blocker.due, f"Remove: {blocker.title}")
        cal.add_component(event)
    return bytes(cal.to_ical())


def _all_day(event: icalendar.Event, uid: str, stamp: dt.datetime, day: dt.date, summary: str) -> icalendar.Event:
    """``event`` as a whole day that leaves the reader's time free (a date, not a meeting)."""
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    return event


def _reminder(alarm: icalendar.Alarm, title: str) -> icalendar.Alarm:
    """A reminder :data:`REMINDER_DAYS` before the event it belongs to."""
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -dt.timedelta(days=REMINDER_DAYS))
    alarm.add("description", f"Due in {REMINDER_DAYS} days: {title}")
    return alarm
