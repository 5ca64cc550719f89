"""The measures family: coverage below (CAS401) or above (CAS402) the policy's bounds,
units that differ from the parent's (CAS403) and vague commitments (CAS404)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import cascade
from cascade.model.records import Measure, Node
from cascade.rules.measures import coverage
from tests.rules._helpers import HEAD, diags, of_code

COVERAGE = HEAD + (
    "people:\n"  # 3
    "  - id: ana\n"  # 4
    "    name: Ana Lima\n"  # 5
    "objectives:\n"  # 6
    "  - id: arr\n"  # 7
    "    title: Close $120k new ARR\n"  # 8
    "    owner: ana\n"  # 9
    "    due: 2027-06-30\n"  # 10
    "    measure: {metric: new ARR, unit: USD, target: 120000}\n"  # 11
    "    children:\n"  # 12
    "      - id: north\n"  # 13
    "        title: Close up north\n"  # 14
    "        owner: ana\n"  # 15
    "        due: 2027-05-31\n"  # 16
    "        measure: {unit: USD, target: NORTH}\n"  # 17
    "      - id: south\n"  # 18
    "        title: Close down south\n"  # 19
    "        owner: ana\n"  # 20
    "        due: 2027-05-31\n"  # 21
    "        measure: {unit: USD, target: 40000}\n"  # 22
    "      - id: events\n"  # 23
    "        title: Run two events\n"  # 24
    "        owner: ana\n"  # 25
    "        due: 2027-05-31\n"  # 26
    "        done_when: Two events held\n"  # 27
)
"""``arr`` (120k USD) above north (the target NORTH), south (40k USD) and ``events`` (no target)."""


def with_north(target: str, policy: str = "") -> str:
    text = COVERAGE.replace("target: NORTH", f"target: {target}")
    if policy:
        text = text.replace("end: 2027-06-30}", f"end: 2027-06-30, policy: {policy}}}")
    return text


def test_cas401_under_covered_names_the_ratio() -> None:
    # (60k + 40k) / 120k = 83%; the child without a target is left out of the sum
    text = with_north("60000")
    assert diags(text) == [(11, 51, "CAS401")]
    (found,) = of_code(text, "CAS401")
    assert "83%" in found.message
    assert "100,000 USD" in found.message
    assert "120,000 USD" in found.message
    assert "100%" in found.message
    assert found.ids == ("arr",)
    assert found.severity is cascade.Severity.WARNING


def test_cas401_children_in_another_unit_are_left_out() -> None:
    # north's 90k EUR would cover arr; it does not count (and is CAS403): 40k / 120k = 33%
    text = with_north("90000").replace("measure: {unit: USD, target: 90000}", "measure: {unit: EUR, target: 90000}")
    assert diags(text) == [(11, 51, "CAS401"), (17, 25, "CAS403")]
    (found,) = of_code(text, "CAS401")
    assert "33%" in found.message


def test_cas401_no_coverage_without_a_child_target_in_the_unit() -> None:
    text = COVERAGE.replace("        measure: {unit: USD, target: NORTH}\n", "        done_when: Closed\n").replace(
        "        measure: {unit: USD, target: 40000}\n", "        measure: {unit: deals, target: 4}\n"
    )
    assert diags(text) == [(22, 25, "CAS403")]


def test_cas401_custom_policy_bounds() -> None:
    bounds = "{quota_coverage: {min: 0.8, max: 1.2}}"
    assert diags(with_north("60000", bounds)) == []  # 83% >= 80%
    assert diags(with_north("50000", bounds)) == [(11, 51, "CAS401")]  # 75%
    (found,) = of_code(with_north("50000", bounds), "CAS401")
    assert "75%" in found.message
    assert "80%" in found.message


def test_cas401_passing_at_exactly_100_percent() -> None:
    assert diags(with_north("80000")) == []


def test_cas402_over_covered() -> None:
    # (150k + 40k) / 120k = 158%
    text = with_north("150000")
    assert diags(text) == [(11, 51, "CAS402")]
    (found,) = of_code(text, "CAS402")
    assert "158%" in found.message
    assert "150%" in found.message
    assert found.severity is cascade.Severity.WARNING


def test_cas402_custom_policy_bounds() -> None:
    bounds = "{quota_coverage: {min: 0.8, max: 1.2}}"
    assert diags(with_north("110000", bounds)) == [(11, 51, "CAS402")]  # 125%
    assert "120%" in of_code(with_north("110000", bounds), "CAS402")[0].message
    assert diags(with_north("100000", bounds)) == []  # 117%


def test_cas402_passing_at_exactly_150_percent() -> None:
    assert diags(with_north("140000")) == []


def test_coverage_through_supports() -> None:
    text = with_north("80000") + (
        "  - id: west\n"  # 28
        "    title: Close out west\n"  # 29
        "    owner: ana\n"  # 30
        "    supports: [arr]\n"  # 31
        "    due: 2027-05-31\n"  # 32
        "    measure: {unit: USD, target: 70000}\n"  # 33
    )
    assert diags(text) == [(11, 51, "CAS402")]  # 190k / 120k = 158%


def test_coverage_function() -> None:
    def node(nid: str, target: int | None, unit: str | None = "USD") -> Node:
        return Node(id=nid, title=nid, measure=Measure(unit=unit, target=target))

    parent = node("p", 200)
    assert coverage(parent, [node("a", 100), node("b", 50)]) == (150, Fraction(3, 4))
    assert coverage(parent, [node("a", 100), node("b", None), node("c", 300, "EUR")]) == (100, Fraction(1, 2))
    assert coverage(parent, [node("c", 300, "EUR")]) is None
    assert coverage(parent, []) is None
    assert coverage(node("z", 0), [node("a", 100)]) is None
    assert coverage(Node(id="n", title="n"), [node("a", 100)]) is None


def test_coverage_is_exact() -> None:
    def node(nid: str, target: int | Decimal) -> Node:
        return Node(id=nid, title=nid, measure=Measure(unit="USD", target=target))

    # 0.1 + 0.2 is 0.3 here, not 0.30000000000000004
    assert coverage(node("p", Decimal("0.3")), [node("a", Decimal("0.1")), node("b", Decimal("0.2"))]) == (
        Decimal("0.3"),
        Fraction(1),
    )
    huge = 10**400
    assert coverage(node("p", 3), [node("a", huge), node("b", huge)]) == (2 * huge, Fraction(2 * huge, 3))


def test_decimal_targets_that_add_up_exactly_are_covered() -> None:
    # with floats, (0.1 + 0.2) / 0.3 is 1.0000000000000002: over a maximum of exactly 100%
    text = with_north("0.1", "{quota_coverage: {min: 1, max: 1}}")
    assert diags(text.replace("target: 40000", "target: 0.2").replace("target: 120000", "target: 0.3")) == []


def test_cas402_a_ratio_past_999_percent_reads_over_999() -> None:
    text = with_north("9" * 400)
    assert diags(text) == [(11, 51, "CAS402")]
    (found,) = of_code(text, "CAS402")
    assert ">999%" in found.message
    assert f"add up to {int('9' * 400) + 40000:,} USD" in found.message  # every digit, no float rounding


def test_cas401_a_tiny_ratio_reads_under_1_percent() -> None:
    text = with_north("1").replace("target: 40000", "target: 1").replace("target: 120000", "target: " + "9" * 400)
    (found,) = of_code(text, "CAS401")
    assert "<1% of its" in found.message


@pytest.mark.parametrize(
    ("north", "code", "shown"),
    [("79520", "CAS401", "99% of its"), ("140240", "CAS402", "151% of its"), ("149000", "CAS402", "158% of its")],
)
def test_a_ratio_next_to_its_bound_never_reads_as_the_bound(north: str, code: str, shown: str) -> None:
    # 119,520 / 120,000 is 99.6% (not "100%" under a 100% minimum); 180,240 / 120,000 is 150.2%
    (found,) = of_code(with_north(north), code)
    assert shown in found.message


# -- CAS403 child measure's unit differs from its parent's ----------------------------------------

UNITS = HEAD + (
    "people:\n"  # 3
    "  - id: ana\n"  # 4
    "    name: Ana Lima\n"  # 5
    "objectives:\n"  # 6
    "  - id: arr\n"  # 7
    "    title: Close $100k new ARR\n"  # 8
    "    owner: ana\n"  # 9
    "    due: 2027-06-30\n"  # 10
    "    measure:\n"  # 11
    "      unit: USD\n"  # 12
    "      target: 100000\n"  # 13
    "    children:\n"  # 14
    "      - id: north\n"  # 15
    "        title: Close up north\n"  # 16
    "        owner: ana\n"  # 17
    "        due: 2027-05-31\n"  # 18
    "        measure:\n"  # 19
    "          unit: USD\n"  # 20
    "          target: 100000\n"  # 21
    "      - id: meetings\n"  # 22
    "        title: Book meetings\n"  # 23
    "        owner: ana\n"  # 24
    "        due: 2027-05-31\n"  # 25
    "        measure:\n"  # 26
    "          unit: meetings\n"  # 27
    "          target: 40\n"  # 28
    "      - id: no-unit\n"  # 29
    "        title: A count without a unit\n"  # 30
    "        owner: ana\n"  # 31
    "        due: 2027-05-31\n"  # 32
    "        measure:\n"  # 33
    "          target: 3\n"  # 34
)


def test_cas403_unit_mismatch() -> None:
    assert diags(UNITS) == [(27, 17, "CAS403")]
    (found,) = of_code(UNITS, "CAS403")
    assert found.ids == ("meetings", "arr")
    assert "meetings" in found.message
    assert "USD" in found.message
    assert found.severity is cascade.Severity.ERROR


def test_cas403_passing() -> None:
    assert diags(UNITS.replace("unit: meetings", "unit: USD").replace("target: 40\n", "target: 0\n")) == []


# -- CAS404 vague commitment --------------------------------------------------------------------

VAGUE = HEAD + (
    "people:\n"  # 3
    "  - id: ana\n"  # 4
    "    name: Ana Lima\n"  # 5
    "objectives:\n"  # 6
    "  - id: pipe\n"  # 7
    "    title: Build pipeline\n"  # 8
    "    owner: ana\n"  # 9
    "    due: 2027-06-30\n"  # 10
    "    children:\n"  # 11
    "      - id: vague\n"  # 12
    "        title: Work on pipeline\n"  # 13
    "        owner: ana\n"  # 14
    "        due: 2027-03-31\n"  # 15
    "      - id: unit-only\n"  # 16
    "        title: Some meetings\n"  # 17
    "        owner: ana\n"  # 18
    "        due: 2027-03-31\n"  # 19
    "        measure: {unit: meetings}\n"  # 20
    "      - id: with-target\n"  # 21
    "        title: Twenty meetings\n"  # 22
    "        owner: ana\n"  # 23
    "        due: 2027-03-31\n"  # 24
    "        measure: {unit: meetings, target: 20}\n"  # 25
    "      - id: with-done-when\n"  # 26
    "        title: Book meetings\n"  # 27
    "        owner: ana\n"  # 28
    "        due: 2027-03-31\n"  # 29
    "        done_when: Twenty qualified first meetings are booked\n"  # 30
)


def test_cas404_leaf_with_neither_target_nor_done_when() -> None:
    # the objective above has neither either: only leaves are commitments
    assert diags(VAGUE) == [(12, 9, "CAS404"), (16, 9, "CAS404")]
    assert [d.ids for d in of_code(VAGUE, "CAS404")] == [("vague",), ("unit-only",)]


@pytest.mark.parametrize(
    "fix",
    [
        "        measure: {target: 20}\n",
        "        done_when: Twenty meetings\n",
    ],
    ids=["target", "done_when"],
)
def test_cas404_passing_a_target_or_done_when_satisfies(fix: str) -> None:
    text = VAGUE.replace(
        "        due: 2027-03-31\n      - id: unit-only\n", f"        due: 2027-03-31\n{fix}      - id: unit-only\n"
    )
    text = text.replace("        measure: {unit: meetings}\n", "        measure: {unit: meetings, target: 5}\n")
    assert diags(text) == []


def test_cas404_an_invalid_target_is_cas004_not_also_cas404() -> None:
    text = VAGUE.replace("        measure: {unit: meetings}\n", "        measure: {unit: meetings, target: -5}\n")
    assert diags(text) == [(12, 9, "CAS404"), (20, 43, "CAS004")]
