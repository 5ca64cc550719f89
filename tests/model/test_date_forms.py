"""The date forms: a day, a month, a quarter or an ISO week, each meaning one day."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from pydantic import ValidationError

import cascade
from cascade.model.date_forms import Shift, is_date_text, iso_week, parse_date
from tests.conftest import HEADER, diags, place_of


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2027-03-31", dt.date(2027, 3, 31)),
        ("2027-03", dt.date(2027, 3, 31)),
        ("2027-02", dt.date(2027, 2, 28)),
        ("2024-02", dt.date(2024, 2, 29)),
        ("2027-Q1", dt.date(2027, 3, 31)),
        ("2027-Q2", dt.date(2027, 6, 30)),
        ("2027-Q3", dt.date(2027, 9, 30)),
        ("2027-Q4", dt.date(2027, 12, 31)),
        ("2027-q2", dt.date(2027, 6, 30)),
        ("2027-W12", dt.date(2027, 3, 28)),
        ("2027-W01", dt.date(2027, 1, 10)),
        ("2026-W53", dt.date(2027, 1, 3)),
        ("2024-02-29", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date_forms(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


def test_a_week_means_its_sunday() -> None:
    day = parse_date("2027-W12")
    assert day.isoweekday() == 7
    assert iso_week(day) == (2027, 12)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2027-02-30", "no day 30"),
        ("2027-02-29", "no day 29"),
        ("2027-13", "no month 13"),
        ("2027-00", "no month 0"),
        ("2027-W54", "no ISO week 54"),
        ("2027-W53", "no ISO week 53"),
        ("2027-W00", "no ISO week 0"),
        ("2027-Q5", "not a date"),
        ("27-03-31", "not a date"),
        ("2027/03/31", "not a date"),
        ("March 2027", "not a date"),
        ("", "not a date"),
    ],
)
def test_parse_date_refuses_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


def test_iso_week_at_the_year_boundary() -> None:
    assert iso_week(dt.date(2027, 1, 1)) == (2026, 53)
    assert iso_week(dt.date(2024, 12, 30)) == (2025, 1)


def plan_with_due(due: str) -> str:
    return (
        HEADER + f"people: [{{id: a, name: A}}]\nobjectives:\n  - id: n\n    title: T\n    owner: a\n    due: {due}\n"
    )


@pytest.mark.parametrize(
    ("due", "day"),
    [
        ("2027-03-31", dt.date(2027, 3, 31)),
        ("2027-03", dt.date(2027, 3, 31)),
        ("2027-Q1", dt.date(2027, 3, 31)),
        ("2027-Q4", dt.date(2027, 12, 31)),
        ("2027-W12", dt.date(2027, 3, 28)),
        ("2024-02", dt.date(2024, 2, 29)),
        ('"2027-03-31"', dt.date(2027, 3, 31)),
    ],
)
def test_due_forms_in_a_plan(due: str, day: dt.date) -> None:
    text = plan_with_due(due)
    assert diags(text) == []
    assert cascade.loads(text).objectives[0].due == day


@pytest.mark.parametrize("due", ["2027-02-30", "2027-13", "2027-W54", "soon", "20270331", "2027-3-31"])
def test_bad_due_is_cas004_at_its_value(due: str) -> None:
    text = plan_with_due(due)
    assert diags(text) == [(*place_of(text, due), "CAS004")]


def test_bad_due_message_says_why() -> None:
    text = plan_with_due("2027-02-30")
    [message] = [d.message for d in cascade.validate(cascade.loads(text), select=["CAS004"])]
    assert "2027-02-30" in message
    assert "February 2027 has no day 30" in message


def test_header_dates_in_forms() -> None:
    plan = cascade.loads("cascade: 1\nplan: {name: Demo, start: 2027-Q1, end: 2027-W26}\n")
    assert plan.plan.start == dt.date(2027, 3, 31)
    assert plan.plan.end == dt.date(2027, 7, 4)


def test_blocker_due_in_forms() -> None:
    plan = cascade.loads(HEADER + "blockers:\n  - {id: b, title: B, due: 2027-02}\n")
    assert plan.blockers[0].due == dt.date(2027, 2, 28)


def test_yaml_date_objects_in_a_python_built_plan() -> None:
    data = yaml.safe_load(
        "plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}\n"
        "people: [{id: a, name: A}]\n"
        "objectives: [{id: n, title: T, owner: a, due: 2027-03-31}]\n"
    )
    assert isinstance(data["plan"]["start"], dt.date)  # PyYAML's YAML 1.1 timestamp
    plan = cascade.Plan.model_validate(data)
    assert plan.plan.start == dt.date(2027, 1, 1)
    assert plan.objectives[0].due == dt.date(2027, 3, 31)
    assert cascade.validate(plan, select=["CAS0"]).diagnostics == []


def test_date_objects_in_a_python_built_plan() -> None:
    plan = cascade.Plan(
        plan=cascade.Header(name="Demo", start=dt.date(2027, 1, 1), end=dt.date(2027, 6, 30)),
        people=[cascade.Person(id="a", name="A")],
        objectives=[cascade.Node(id="n", title="T", owner="a", due=dt.date(2027, 3, 31))],
        blockers=[cascade.Blocker(id="b", title="B", due=dt.date(2027, 2, 1))],
    )
    assert cascade.validate(plan, select=["CAS0"]).diagnostics == []
    assert cascade.loads(cascade.dumps(plan)) == plan


def test_datetimes_and_date_texts_in_a_python_built_plan() -> None:
    plan = cascade.Plan.model_validate(
        {
            "plan": {"name": "Demo", "start": "2027-01-01", "end": dt.datetime(2027, 6, 30, 12, 0)},
            "people": [{"id": "a", "name": "A"}],
            "objectives": [{"id": "n", "title": "T", "owner": "a", "due": "2027-Q1"}],
            "blockers": [{"id": "b", "title": "B", "due": dt.date(2027, 2, 1)}],
        }
    )
    assert plan.plan.end == dt.date(2027, 6, 30)
    assert type(plan.plan.end) is dt.date
    assert plan.objectives[0].due == dt.date(2027, 3, 31)
    assert cascade.validate(plan, select=["CAS0"]).diagnostics == []


def test_a_bad_date_in_a_python_built_plan_raises_validation_error() -> None:

    with pytest.raises(ValidationError, match="no day 30"):
        cascade.Node.model_validate({"id": "n", "title": "T", "due": "2027-02-30"})
    with pytest.raises(ValidationError, match="a date is needed"):
        cascade.Node.model_validate({"id": "n", "title": "T", "due": 20270331})


# -- moving a date: what 'cascade init --start' does to every date of a starter ------------------


@pytest.mark.parametrize(
    ("old", "new", "shift"),
    [
        (dt.date(2027, 1, 1), dt.date(2027, 7, 1), Shift(months=6)),
        (dt.date(2027, 2, 1), dt.date(2026, 11, 1), Shift(months=-3)),
        (dt.date(2027, 1, 1), dt.date(2027, 1, 15), Shift(days=14)),
        (dt.date(2027, 1, 10), dt.date(2027, 2, 10), Shift(days=31)),  # only first-of-month starts move by months
    ],
)
def test_the_shift_between_two_starts(old: dt.date, new: dt.date, shift: Shift) -> None:
    assert Shift.between(old, new) == shift


@pytest.mark.parametrize(
    ("text", "shift", "moved"),
    [
        ("2027-12-31", Shift(months=6), "2028-06-30"),  # a month's last day stays its last day
        ("2027-02-28", Shift(months=1), "2027-03-31"),
        ("2028-02-29", Shift(months=12), "2029-02-28"),
        ("2027-01-30", Shift(months=1), "2027-02-28"),  # no 30 February: the month's last day
        ("2027-01-15", Shift(months=-1), "2026-12-15"),
        ("2027-Q4", Shift(months=6), "2028-Q2"),
        ("2027-q4", Shift(months=3), "2028-q1"),
        ("2027-Q4", Shift(months=1), "2028-01-31"),  # not a whole quarter: written as the day
        ("2027-12", Shift(months=2), "2028-02"),
        ("2027-12", Shift(days=1), "2028-01-01"),
        ("2027-W26", Shift(days=14), "2027-W28"),
        ("2027-W26", Shift(days=3), "2027-07-07"),
        ("2027-W26", Shift(months=1), "2027-08-04"),
        ("2027-03-31", Shift(days=1), "2027-04-01"),
        ("2027-Q4", Shift(), "2027-Q4"),  # no move keeps every form
        ("2027-12", Shift(), "2027-12"),
        ("2027-W26", Shift(), "2027-W26"),
    ],
)
def test_a_moved_date_keeps_its_form_where_it_can(text: str, shift: Shift, moved: str) -> None:
    assert shift.text(text) == moved
    assert parse_date(moved) == shift.day(parse_date(text))


def test_moving_by_months_keeps_the_order_of_days() -> None:
    days = [dt.date(2027, 1, 1) + dt.timedelta(days=n) for n in range(800)]
    for months in (-7, 1, 5, 13):
        moved = [Shift(months=months).day(d) for d in days]
        assert moved == sorted(moved)


def test_moving_a_non_date_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not a date"):
        Shift(days=1).text("soon")
    assert not is_date_text("soon")
    assert is_date_text("2027-W05")
