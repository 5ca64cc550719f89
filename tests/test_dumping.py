"""Writing a plan as YAML that reads back to an equal plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cascade
from cascade.model.amounts import MAX_DIGITS, written_digits
from tests.conftest import EXAMPLE, NORTHWIND, diags

START, END = dt.date(2027, 1, 1), dt.date(2027, 6, 30)


def round_trip(plan: cascade.Plan) -> cascade.Plan:
    again = cascade.loads(cascade.dumps(plan))
    assert again.load_findings == []
    return again


@pytest.mark.parametrize("path", [EXAMPLE, NORTHWIND], ids=["example", "northwind"])
def test_load_dumps_loads_is_equal(path: Path) -> None:
    plan = cascade.load(path)
    again = round_trip(plan)
    assert again == plan
    assert cascade.dumps(again) == cascade.dumps(plan)
    assert diags(cascade.dumps(plan)) == []


def test_dumps_starts_with_the_version_and_keeps_the_format_order() -> None:
    text = cascade.dumps(cascade.load(EXAMPLE))
    assert text.startswith("cascade: 1\nplan:\n")
    order = [text.index(f"\n{name}:") for name in ("plan", "people", "teams", "objectives", "moments", "blockers")]
    assert order == sorted(order)


def test_dumps_leaves_defaults_out_and_keeps_dates_plain() -> None:
    text = cascade.dumps(cascade.load(EXAMPLE))
    assert "status: planned" not in text
    assert "personal: false" not in text
    assert "start: 2027-01-01\n" in text
    assert "due: 2027-03-31\n" in text  # 2027-Q1 written as its day


def test_dates_in_forms_are_written_as_days() -> None:
    plan = cascade.Plan.model_validate(
        {
            "plan": {"name": "D", "start": "2027-01-01", "end": "2027-12-31"},
            "people": [{"id": "a", "name": "A"}],
            "objectives": [{"id": "n", "title": "T", "owner": "a", "due": "2027-W12"}],
        }
    )
    again = round_trip(plan)
    assert again.objectives[0].due == dt.date(2027, 3, 28)


TRICKY = [
    "NO",
    "no",
    "off",
    "y",
    "1e5",
    "0o17",
    "010",
    "0x10",
    "true",
    "False",
    "",
    "~",
    "null",
    "1:30",
    ".inf",
    "2027-03-31",
    "- x",
    "a: b",
    "#hash",
    " padded ",
    "line\nbreak",
    "quote ' and \"",
    "[x]",
    "{y}",
    "*alias",
    "&anchor",
    "!tag",
    "%directive",
    "@at",
    "`tick",
    "|",
    ">",
    "Tomás Novák 😀",
    "tab\there",
    "\u2028",
    "\x85",
]


@pytest.mark.parametrize("text", TRICKY, ids=[repr(t) for t in TRICKY])
def test_strings_survive_the_round_trip_as_strings(text: str) -> None:
    plan = cascade.Plan(
        plan=cascade.Header(name="Demo " + text, start=START, end=END),
        people=[cascade.Person(id="a", name="N" + text, role=text, email=text)],
        objectives=[
            cascade.Node(
                id="n",
                title="T" + text,
                owner="a",
                notes=text,
                kind=text,
                measure=cascade.Measure(metric=text, unit=text, target=1),
            )
        ],
    )
    again = round_trip(plan)
    assert again == plan
    person = again.people[0]
    assert isinstance(person.role, str)
    assert person.role == text
    assert again.objectives[0].notes == text


def test_numbers_and_booleans_stay_what_they_are() -> None:
    plan = cascade.Plan(
        plan=cascade.Header(name="D", start=START, end=END),
        objectives=[
            cascade.Node(
                id="n",
                title="T",
                personal=True,
                measure=cascade.Measure(target=Decimal("1.5"), current=10),
            )
        ],
    )
    again = round_trip(plan)
    node = again.objectives[0]
    assert node.personal is True
    assert node.measure is not None
    assert (node.measure.target, node.measure.current) == (Decimal("1.5"), 10)
    assert type(node.measure.target) is Decimal
    assert type(node.measure.current) is int


def test_ids_that_look_like_numbers_stay_text() -> None:
    plan = cascade.Plan(
        plan=cascade.Header(name="D", start=START, end=END),
        people=[cascade.Person(id="010", name="A"), cascade.Person(id="1e5", name="B", manager="010")],
    )
    again = round_trip(plan)
    assert [(p.id, p.manager) for p in again.people] == [("010", None), ("1e5", "010")]


def test_dump_writes_a_file(tmp_path: Path) -> None:
    plan = cascade.load(EXAMPLE)
    target = tmp_path / "out" / "plan.yaml"
    cascade.dump(plan, target)
    assert cascade.load(target) == plan
    assert [p.name for p in target.parent.iterdir()] == ["plan.yaml"]  # no temporary file left


def test_dump_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old", encoding="utf-8")
    cascade.dump(cascade.load(EXAMPLE), target)
    assert cascade.load(target) == cascade.load(EXAMPLE)


def test_plan_equality_ignores_where_it_was_read_from() -> None:
    one = cascade.load(EXAMPLE)
    other = cascade.loads(EXAMPLE.read_text(encoding="utf-8"), name="elsewhere.yaml")
    assert one == other
    other.people[0].name = "Someone else"
    assert one != other


_HUGE = 10**MAX_DIGITS - 1
amounts = st.one_of(
    st.integers(),
    st.integers(min_value=-_HUGE, max_value=_HUGE),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=30),
    st.builds(lambda n, e: Decimal(n).scaleb(e), st.integers(-(10**40), 10**40), st.integers(-400, 400)),
).filter(lambda a: written_digits(a) <= MAX_DIGITS)
"""Ints of any size up to 1,000 digits, decimals with many places or a large exponent, negative zero."""


@settings(max_examples=300, deadline=None, database=None)
@given(target=amounts.map(abs), current=amounts)
@example(target=Decimal("1E+999"), current=Decimal("-0E-30"))  # 1,000 digits with ".0" written after them
@example(target=10**MAX_DIGITS - 1, current=-(10**MAX_DIGITS - 1))
def test_amounts_of_any_size_round_trip_exactly(target: int | Decimal, current: int | Decimal) -> None:
    plan = cascade.Plan(
        plan=cascade.Header(name="D", start=START, end=END),
        objectives=[cascade.Node(id="n", title="T", measure=cascade.Measure(target=target, current=current))],
    )
    again = round_trip(plan)
    assert again == plan
    measure = again.objectives[0].measure
    assert measure is not None
    assert (type(measure.target), type(measure.current)) == (type(target), type(current))
    assert (measure.target, measure.current) == (target, current)
    assert cascade.dumps(again) == cascade.dumps(plan)  # one form per number: the text is stable too


def test_a_decimal_is_written_as_a_plain_yaml_number() -> None:
    plan = cascade.Plan(
        plan=cascade.Header(name="D", start=START, end=END),
        objectives=[
            cascade.Node(id="n", title="T", measure=cascade.Measure(target=Decimal("1E+3"), current=Decimal("-0.10")))
        ],
    )
    text = cascade.dumps(plan)
    assert "target: 1000.0\n" in text
    assert "current: -0.1\n" in text
    assert "!!" not in text
