"""The date forms: a day, a month, a quarter or an ISO week, each meaning one day."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from pydantic import ValidationError

import cascade
from cascade.model.date_forms import iso_week, parse_date
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
