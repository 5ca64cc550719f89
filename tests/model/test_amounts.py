"""Amounts stay exact (ints and Decimals, never floats), from the YAML through the rules to
the text people read: huge targets neither crash nor round, and percentages stay short."""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import cascade
from cascade.json_schema import json_schema
from cascade.model.amounts import MAX_DIGITS, add, amount_text, percent_text, ratio, written_digits
from tests.conftest import HEADER, WritePlan, diags, place_of, run_cli

HUGE = "9" * 400
"""400 digits: 7 of the fuzz crashes were a target this long (OverflowError in float())."""


def measured(measure: str) -> str:
    """A clean one-node plan whose node has ``measure``."""
    return HEADER + (
        "people: [{id: ana, name: Ana}]\n"
        "objectives:\n"
        f"  - {{id: n, title: T, owner: ana, due: 2027-03-31, measure: {measure}}}\n"
    )


# -- reading and checking ------------------------------------------------------------------------


def test_a_400_digit_target_is_read_exactly() -> None:
    plan = cascade.loads(measured(f"{{unit: logos, target: {HUGE}}}"))
    assert plan.load_findings == []
    assert plan.objectives[0].measure is not None
    assert plan.objectives[0].measure.target == int(HUGE)


def test_a_negative_400_digit_target_is_cas004() -> None:
    text = measured(f"{{unit: logos, target: -{HUGE}}}")
    assert diags(text) == [(*place_of(text, f"-{HUGE}"), "CAS004")]
    (found,) = cascade.loads(text).load_findings
    assert "cannot be negative" in found.message
    assert len(found.message) < 200  # the number is shown by its ends


def test_a_negative_400_digit_current_is_allowed() -> None:
    plan = cascade.loads(measured(f"{{unit: logos, target: 1, current: -{HUGE}}}"))
    assert plan.load_findings == []
    assert plan.objectives[0].measure is not None
    assert plan.objectives[0].measure.current == -int(HUGE)


@pytest.mark.parametrize("sign", ["", "-"])
def test_validate_reports_no_internal_error_for_huge_numbers(
    capsys: pytest.CaptureFixture[str], write_plan: WritePlan, sign: str
) -> None:
    path = write_plan(measured(f"{{unit: logos, target: {sign}{HUGE}, current: {sign}{HUGE}}}"))
    status, out, err = run_cli(capsys, "validate", str(path), "--select", "CAS0", "--as-of", "2027-01-01")
    assert "internal error" not in out + err
    assert status == (1 if sign else 0), out + err
    if sign:
        assert "CAS004" in out


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1e99999999999999999999", "'12'", "true"])
def test_what_is_not_a_finite_number_is_cas004(value: str) -> None:
    text = measured(f"{{unit: logos, target: 1, current: {value}}}")
    assert diags(text) == [(*place_of(text, value), "CAS004")]


def test_more_digits_than_an_amount_may_have_is_cas004() -> None:
    longest = "9" * MAX_DIGITS
    assert diags(measured(f"{{target: {longest}}}")) == []
    text = measured(f"{{target: {longest}9}}")
    assert diags(text) == [(*place_of(text, f"{longest}9"), "CAS004")]
    assert diags(measured("{target: 1e2000}")) == [(*place_of(measured("{target: 1e2000}"), "1e2000"), "CAS004")]


def test_a_decimal_keeps_every_digit() -> None:
    plan = cascade.loads(measured("{unit: USD, target: 12345678901234567890.5}"))
    assert plan.objectives[0].measure is not None
    assert plan.objectives[0].measure.target == Decimal("12345678901234567890.5")


def test_policy_bounds_are_exact() -> None:
    # 110 of 100 is exactly 1.1: a float minimum of 1.1 (1.100000000000000088...) would call it short
    text = HEADER.replace("end: 2027-06-30}", "end: 2027-06-30, policy: {quota_coverage: {min: 1.1, max: 1.1}}}") + (
        "people: [{id: ana, name: Ana}]\n"
        "objectives:\n"
        "  - id: p\n"
        "    title: P\n"
        "    owner: ana\n"
        "    due: 2027-03-31\n"
        "    measure: {target: 100}\n"
        "    children: [{id: c, title: C, owner: ana, due: 2027-03-31, measure: {target: 110}}]\n"
    )
    plan = cascade.loads(text)
    assert plan.plan.policy.quota_coverage.min == Decimal("1.1")
    assert [d.code for d in cascade.validate(plan, select=["CAS4"]).diagnostics] == []


# -- as data ---------------------------------------------------------------------------------------


def test_schema_still_says_number() -> None:
    measure = json_schema()["$defs"]["Measure"]["properties"]
    assert measure["target"]["anyOf"][0] == {"type": "number", "minimum": 0}
    assert measure["current"]["anyOf"][0] == {"type": "number"}


def test_a_plan_with_decimals_pickles() -> None:
    plan = cascade.loads(measured(f"{{target: 12345678901234567890.5, current: -{HUGE}}}"))
    assert pickle.loads(pickle.dumps(plan)) == plan


# -- arithmetic and text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12345678901234567890123, "12,345,678,901,234,567,890,123"),
        (-1234567, "-1,234,567"),
        (0, "0"),
        (Decimal("12.50"), "12.5"),
        (Decimal("1E+3"), "1,000"),
        (Decimal("12345678901234567890.5"), "12,345,678,901,234,567,890.5"),
        (Decimal("0.000001"), "0.000001"),
        (Decimal("-0.00"), "0"),
        (Decimal("100"), "100"),
    ],
)
def test_amount_text_prints_every_digit(value: int | Decimal, text: str) -> None:
    assert amount_text(value, None) == text
    assert amount_text(value, "USD") == f"{text} USD"


def test_sums_are_exact() -> None:
    assert add([Decimal("0.1"), Decimal("0.2")]) == Decimal("0.3")
    assert add([1, 2, 3]) == 6
    assert type(add([1, 2, 3])) is int
    assert add([10**399, Decimal("0.5")]) == Fraction(2 * 10**399 + 1, 2)
    assert add([]) == 0


def test_ratios_are_exact() -> None:
    assert ratio(add([Decimal("0.1"), Decimal("0.2")]), Decimal("0.3")) == 1
    assert ratio(int(HUGE), 1) == int(HUGE)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(83, 100), "83%"),
        (Fraction(1), "100%"),
        (Decimal("1.5"), "150%"),
        (Fraction(9994, 1000), "999%"),
        (Fraction(10), ">999%"),
        (10**400, ">999%"),
        (Fraction(1, 10**400), "<1%"),
        (Fraction(1, 200), "<1%"),
        (0, "0%"),
        (-(10**400), "<-999%"),
        (float("inf"), ">999%"),
        (float("nan"), "n/a"),
        (1.05, "105%"),
    ],
)
def test_percent_text_stays_short(value: Fraction | int | Decimal | float, text: str) -> None:
    assert percent_text(value) == text


def test_percent_text_rounds_the_way_asked() -> None:
    almost = Fraction(996, 1000)
    assert (percent_text(almost), percent_text(almost, "down"), percent_text(almost, "up")) == ("100%", "99%", "100%")
    assert percent_text(Fraction(1001, 1000), "up") == "101%"


@pytest.mark.parametrize(
    ("value", "digits"),
    [(0, 1), (-999, 3), (Decimal("12.50"), 4), (Decimal("1E+3"), 4), (Decimal("0.001"), 4), (Decimal("0E-900"), 901)],
)
def test_written_digits(value: int | Decimal, digits: int) -> None:
    assert written_digits(value) == digits


def test_written_digits_of_a_huge_int_needs_no_text() -> None:
    assert written_digits(10**5000) == MAX_DIGITS + 1  # str() would raise past 4300 digits
    assert written_digits(Decimal("1E+999999999")) == 10**9


def test_validate_of_a_file_with_huge_numbers_in_every_place(write_plan: WritePlan, tmp_path: Path) -> None:
    """Targets above and below, of any size: coverage is computed without a float anywhere."""
    text = HEADER + (
        "people: [{id: ana, name: Ana}]\n"
        "objectives:\n"
        "  - id: p\n"
        "    title: P\n"
        "    owner: ana\n"
        "    due: 2027-03-31\n"
        "    measure: {unit: X, target: 0.000000000000000000000000000001}\n"
        f"    children: [{{id: c, title: C, owner: ana, due: 2027-03-31, measure: {{unit: X, target: {HUGE}}}}}]\n"
    )
    report = cascade.validate(cascade.load(write_plan(text)), select=["CAS402"])
    (found,) = report.diagnostics
    assert ">999%" in found.message
    assert "0.000000000000000000000000000001 X" in found.message
