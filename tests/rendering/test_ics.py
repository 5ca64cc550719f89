"""ICS calendars: one all-day event per dated commitment and per obstacle the person removes,
with UIDs that stay the same from one render to the next."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

import cascade
from cascade.rendering import render
from cascade.rendering.ics import LONG_AFTER_DAYS, REMINDER_DAYS, calendar
from tests.rendering.plans import AS_OF, northwind, plan_of


def events(data: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return [c for c in cal.walk("VEVENT") if isinstance(c, icalendar.Event)]


def by_summary(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in events(data)}


def test_one_all_day_event_per_dated_commitment() -> None:
    plan = northwind()
    priya = events(calendar(plan, "priya", AS_OF))
    assert len(priya) == 2
    due = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in priya}
    assert due == {
        "Close $280k new ARR in mid-market accounts": dt.date(2027, 3, 31),
        "Close $240k new ARR in the Benelux territory": dt.date(2027, 6, 30),
    }
    for event in priya:
        start = event.decoded("DTSTART")
        assert type(start) is dt.date  # all day, not a moment in time
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert event["DTSTART"].params.get("VALUE") == "DATE"


def test_the_calendar_holds_every_date_not_only_those_on_the_page() -> None:
    plan = plan_of(
        {
            "people": [{"id": "ana", "name": "Ana"}],
            "objectives": [
                {
                    "id": f"c{i:02d}",
                    "title": f"C{i:02d}",
                    "owner": "ana",
                    "due": f"2027-02-{i + 1:02d}",
                    "done_when": "x",
                }
                for i in range(20)
            ],
        }
    )
    assert len(events(calendar(plan, "ana", AS_OF))) == 20


def test_description_says_target_done_when_and_why() -> None:
    tomas = by_summary(calendar(northwind(), "tomas", AS_OF))
    expansion = str(tomas["Expand the top 10 accounts by $300k"]["DESCRIPTION"])
    assert "Target: 300,000 USD" in expansion
    assert "Why: Grow new ARR to $7.2M > EMEA closes $2.4M new ARR > EMEA mid-market closes $1.2M new ARR" in expansion
    qbrs = str(tomas["Hold a business review with each of the top 10 accounts"]["DESCRIPTION"])
    assert "Done when: Ten reviews held" in qbrs


def test_dropped_work_is_left_out_and_done_work_is_marked() -> None:
    camille = by_summary(calendar(northwind(), "camille", AS_OF))
    assert "Move the onboarding course to the new learning platform" not in camille  # dropped
    assert len(camille) == 2
    oluwaseun = by_summary(calendar(northwind(), "oluwaseun", AS_OF))
    assert str(oluwaseun["Publish FY27 territories and quotas to every seller"]["STATUS"]) == "CANCELLED"
    assert str(oluwaseun["Run a weekly deal desk for every deal over $100k"]["STATUS"]) == "CONFIRMED"


def test_an_obstacle_the_person_removes_is_on_their_calendar() -> None:
    marco = by_summary(calendar(northwind(), "marco", AS_OF))
    removal = marco["Remove: Legal takes three weeks to review MSAs"]
    assert removal.decoded("DTSTART") == dt.date(2027, 2, 15)
    assert len(marco) == 4  # three commitments and the obstacle
    oluwaseun = by_summary(calendar(northwind(), "oluwaseun", AS_OF))
    assert "Remove: Inbound leads from Québec land in the US queue" in oluwaseun
    assert "Remove: Contact data for APAC target accounts is two years old" not in oluwaseun  # resolved
    priya = by_summary(calendar(northwind(), "priya", AS_OF))
    assert not [s for s in priya if s.startswith("Remove:")]  # she raised it; Marco removes it


def test_uids_are_stable_across_renders_and_unique_per_commitment(tmp_path: Path) -> None:
    plan = northwind()
    render(plan, tmp_path / "one", formats=["ics"], as_of=AS_OF)
    render(plan, tmp_path / "two", formats=["ics"], as_of=dt.date(2027, 4, 1))
    every: list[str] = []
    for person in plan.index.people:
        first = {str(e["SUMMARY"]): str(e["UID"]) for e in events((tmp_path / "one" / f"{person}.ics").read_bytes())}
        second = {str(e["SUMMARY"]): str(e["UID"]) for e in events((tmp_path / "two" / f"{person}.ics").read_bytes())}
        assert first == second, person
        every.extend(first.values())
    assert len(every) == len(set(every))
    commitments = [n for n in plan.commitments if n.due is not None and n.status != "dropped"]
    removals = [b for b in plan.index.blockers.values() if b.status == "open" and b.helper and b.due]
    assert len(every) == len(commitments) + len(removals)
    assert "priya-midmarket@northwind-fy27-h1-sales-plan.cascade" in every
    assert "msa-review@removal.northwind-fy27-h1-sales-plan.cascade" in every


def test_the_calendar_is_named_and_stamped() -> None:
    cal = icalendar.Calendar.from_ical(calendar(northwind(), "priya", AS_OF))
    assert str(cal["X-WR-CALNAME"]) == "Northwind FY27 H1 Sales Plan: Priya Natarajan"
    assert str(cal["VERSION"]) == "2.0"
    for event in events(calendar(northwind(), "priya", AS_OF)):
        assert event.decoded("DTSTAMP") == dt.datetime(2027, 2, 20, tzinfo=dt.timezone.utc)


def test_text_from_the_plan_is_escaped_in_the_calendar() -> None:
    title = "Close; deal, with\nnew line: and \\ backslash"
    plan = plan_of(
        {
            "people": [{"id": "ana", "name": "Ana"}],
            "objectives": [{"id": "x", "title": title, "owner": "ana", "due": "2027-02-01", "done_when": "x"}],
        }
    )
    data = calendar(plan, "ana", AS_OF)
    (event,) = events(data)
    assert str(event["SUMMARY"]) == title
    assert b"BEGIN:VEVENT" in data
    assert data.count(b"BEGIN:VEVENT") == 1


def test_a_person_without_dates_gets_an_empty_calendar() -> None:
    plan = plan_of({"people": [{"id": "ana", "name": "Ana"}]})
    assert events(calendar(plan, "ana", AS_OF)) == []


def test_a_person_without_a_plan_name_slug_still_gets_uids() -> None:
    plan = plan_of(
        {
            "plan": {"name": "€€€", "start": "2027-01-01", "end": "2027-06-30"},
            "people": [{"id": "ana", "name": "Ana"}],
            "objectives": [{"id": "x", "title": "X", "owner": "ana", "due": "2027-02-01", "done_when": "x"}],
        }
    )
    (event,) = events(calendar(plan, "ana", AS_OF))
    assert str(event["UID"]) == "x@plan.cascade"


def test_uids_of_commitments_and_removals_never_collide() -> None:
    plan = plan_of(
        {
            "people": [{"id": "lea", "name": "Lea"}, {"id": "ana", "name": "Ana", "manager": "lea"}],
            "objectives": [
                {"id": "deal", "title": "Deal", "owner": "ana", "due": "2027-03-01", "done_when": "x"},
                {
                    "id": "blocker-legal",
                    "title": "Fix the legal queue",
                    "owner": "lea",
                    "due": "2027-02-01",
                    "done_when": "x",
                },
            ],
            "blockers": [
                {
                    "id": "legal",
                    "title": "Legal is slow",
                    "raised_by": "ana",
                    "blocks": ["deal"],
                    "helper": "lea",
                    "due": "2027-02-15",
                }
            ],
        }
    )
    uids = [str(e["UID"]) for e in events(calendar(plan, "lea", AS_OF))]
    assert len(uids) == 2
    assert len(set(uids)) == 2, f"the same UID twice in one calendar: {uids}"


def leader_plan(**rides: object) -> cascade.Plan:
    """A year's plan: Lena's annual quota, and her rides with Omar (``rides`` adds fields)."""
    return plan_of(
        {
            "plan": {"name": "FY27", "start": "2027-01-01", "end": "2027-12-31"},
            "people": [{"id": "lena", "name": "Lena"}, {"id": "omar", "name": "Omar", "manager": "lena"}],
            "objectives": [
                {"id": "quota", "title": "Close $2M", "owner": "lena", "due": "2027-12-31", "done_when": "x"},
                {"id": "soon", "title": "Hire an SE", "owner": "lena", "due": "2027-01-20", "done_when": "x"},
                {
                    "id": "rides",
                    "title": "Ride along with Omar",
                    "owner": "lena",
                    "due": "2027-03-31",
                    "kind": "frontline",
                    "with": ["omar"],
                    "done_when": "x",
                    **rides,
                },
            ],
        }
    )


def alarms(event: icalendar.Event) -> list[icalendar.Alarm]:
    return [c for c in event.walk("VALARM") if isinstance(c, icalendar.Alarm)]


def test_a_long_commitment_reminds_its_owner_before_its_due_date() -> None:
    found = by_summary(calendar(leader_plan(), "lena", AS_OF))
    (quota,) = alarms(found["Close $2M"])
    assert quota.decoded("TRIGGER") == -dt.timedelta(days=REMINDER_DAYS)
    assert str(quota["ACTION"]) == "DISPLAY"
    assert "Close $2M" in str(quota["DESCRIPTION"])
    assert found["Close $2M"].decoded("DTSTART") == dt.date(2027, 12, 31)  # still on its due date
    # a commitment due within LONG_AFTER_DAYS of the plan's start needs no reminder
    assert (dt.date(2027, 1, 20) - dt.date(2027, 1, 1)).days <= LONG_AFTER_DAYS
    assert alarms(found["Hire an SE"]) == []


@pytest.mark.parametrize(
    ("cadence", "rule"),
    [
        ("weekly", {"FREQ": ["WEEKLY"]}),
        ("fortnightly", {"FREQ": ["WEEKLY"], "INTERVAL": [2]}),
        ("monthly", {"FREQ": ["MONTHLY"]}),
    ],
)
def test_frontline_work_with_a_cadence_recurs_until_it_is_due(cadence: str, rule: dict[str, list[object]]) -> None:
    data = calendar(leader_plan(cadence=cadence), "lena", AS_OF)
    rides = [e for e in events(data) if str(e["SUMMARY"]).startswith("Ride along with Omar")]
    assert len(rides) == 2  # the due date, and the sessions
    (due,) = [e for e in rides if "RRULE" not in e]
    assert due.decoded("DTSTART") == dt.date(2027, 3, 31)
    (sessions,) = [e for e in rides if "RRULE" in e]
    assert str(sessions["SUMMARY"]) == f"Ride along with Omar ({cadence})"
    assert sessions.decoded("DTSTART") == dt.date(2027, 1, 1)  # from the plan's start
    recurrence = dict(sessions.decoded("RRULE"))
    until = recurrence.pop("UNTIL")
    assert until == [dt.date(2027, 3, 31)]
    assert recurrence == rule
    assert str(sessions["UID"]) != str(due["UID"])
    assert str(sessions["TRANSP"]) == "TRANSPARENT"


def test_without_a_cadence_frontline_work_is_one_event() -> None:
    rides = [e for e in events(calendar(leader_plan(), "lena", AS_OF)) if "Omar" in str(e["SUMMARY"])]
    assert len(rides) == 1
    assert "RRULE" not in rides[0]


def test_a_cadence_must_be_one_the_format_knows() -> None:
    with pytest.raises(ValueError, match="cadence"):
        leader_plan(cadence="daily")


def test_the_reminder_and_the_long_commitment_are_documented_as_they_are() -> None:
    page = (Path(__file__).parents[2] / "docs" / "briefs.md").read_text(encoding="utf-8")
    assert f"more than {LONG_AFTER_DAYS} days after" in page
    assert f"reminder (a `VALARM`) {REMINDER_DAYS} days before" in page
