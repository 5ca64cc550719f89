"""Plain scalars are read by YAML 1.2's core schema, not YAML 1.1's."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

import cascade
from cascade.read.scalars import is_plain_non_text, resolve_plain
from cascade.read.yaml_file import read_bytes
from tests.conftest import HEADER, diags, place_of


def value_of(scalar: str) -> object:
    """What the reader makes of ``v: <scalar>``."""
    file = read_bytes(f"v: {scalar}\n".encode(), "v.yaml")
    assert file.findings == []
    assert isinstance(file.data, dict)
    return file.data["v"]


@pytest.mark.parametrize("text", ["NO", "no", "No", "off", "OFF", "on", "y", "Y", "n", "yes", "Yes"])
def test_yaml_11_booleans_stay_text(text: str) -> None:
    assert value_of(text) == text
    assert resolve_plain(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("010", 10),
        ("0o17", 15),
        ("0x1F", 31),
        ("-5", -5),
        ("+3", 3),
        ("0", 0),
        ("12345678901234567890", 12345678901234567890),
    ],
)
def test_integers(text: str, expected: int) -> None:
    value = value_of(text)
    assert type(value) is int
    assert value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1e3", Decimal(1000)),
        ("1.5", Decimal("1.5")),
        (".5", Decimal("0.5")),
        ("-2.5e-1", Decimal("-0.25")),
        ("1.", Decimal(1)),
        ("12345678901234567890.5", Decimal("12345678901234567890.5")),
        ("0.1", Decimal("0.1")),
    ],
)
def test_floats_are_exact_decimals(text: str, expected: Decimal) -> None:
    value = value_of(text)
    assert type(value) is Decimal
    assert value == expected


def test_a_decimal_keeps_every_digit_as_written() -> None:
    assert str(value_of("12345678901234567890.50")) == "12345678901234567890.50"
    assert str(value_of("-0.000000000000000000001")) == "-1E-21"


def test_an_exponent_beyond_any_decimal_stays_text() -> None:
    assert value_of("1e99999999999999999999") == "1e99999999999999999999"


def test_infinities_and_nan() -> None:
    assert value_of(".inf") == math.inf
    assert value_of("-.Inf") == -math.inf
    nan = value_of(".nan")
    assert isinstance(nan, float)
    assert math.isnan(nan)


@pytest.mark.parametrize("text", ["1:30", "0o8", "0b11", "1_000", "2027-03-31", "12:30:00", "0x", "+", "."])
def test_yaml_11_numbers_and_timestamps_stay_text(text: str) -> None:
    assert value_of(text) == text


@pytest.mark.parametrize("text", ["~", "null", "Null", "NULL", ""])
def test_nulls(text: str) -> None:
    assert value_of(text) is None


@pytest.mark.parametrize(("text", "expected"), [("true", True), ("True", True), ("FALSE", False)])
def test_booleans(text: str, expected: bool) -> None:
    assert value_of(text) is expected


@pytest.mark.parametrize("text", ['"true"', "'true'", '"010"', "'1e3'", '"~"', "'null'", '""'])
def test_quoted_scalars_are_text(text: str) -> None:
    assert value_of(text) == text[1:-1]


def test_block_scalars_are_text() -> None:
    file = read_bytes(b"v: |\n  010\nw: >\n  true\n", "v.yaml")
    assert file.data == {"v": "010\n", "w": "true\n"}


def test_very_long_digit_strings_stay_text() -> None:
    digits = "9" * 5000
    assert value_of(digits) == digits


@pytest.mark.parametrize(
    ("text", "non_text"),
    [("NO", False), ("010", True), ("1e5", True), ("0o17", True), ("true", True), ("", True), ("1:30", False)],
)
def test_is_plain_non_text(text: str, non_text: bool) -> None:
    assert is_plain_non_text(text) is non_text


def test_norway_stays_no_in_a_plan() -> None:
    plan = cascade.loads(HEADER + "people:\n  - {id: ola, name: Ola, role: NO, email: off}\n")
    person = plan.people[0]
    assert (person.role, person.email) == ("NO", "off")


def test_a_number_where_text_belongs_is_read_as_its_yaml_12_value() -> None:
    plan = cascade.loads(HEADER + "people:\n  - {id: a, name: 010, role: 1e3}\n")
    assert plan.people[0].name == "10"
    assert plan.people[0].role == "1E+3"  # 1e3 is the Decimal 1E+3, not the float 1000.0


def test_personal_yes_is_text_so_cas004() -> None:
    text = HEADER + "objectives:\n  - {id: n, title: T, personal: yes}\n"
    assert diags(text) == [(*place_of(text, "yes"), "CAS004")]


def test_personal_true_is_a_boolean() -> None:
    plan = cascade.loads(HEADER + "objectives:\n  - {id: n, title: T, personal: true}\n")
    assert plan.objectives[0].personal is True


def test_quoted_true_is_not_a_boolean() -> None:
    text = HEADER + 'objectives:\n  - {id: n, title: T, personal: "true"}\n'
    assert diags(text) == [(*place_of(text, '"true"'), "CAS004")]


def test_time_like_scalar_is_a_title() -> None:
    plan = cascade.loads(HEADER + "objectives:\n  - {id: n, title: 1:30}\n")
    assert plan.objectives[0].title == "1:30"
