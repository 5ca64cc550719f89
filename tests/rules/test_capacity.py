"""The capacity family: more than ``max_due_per_week`` commitments due in one ISO week (CAS601)."""

from __future__ import annotations

import cascade
from tests.rules._helpers import HEAD, diags, of_code


def week_plan(dues: list[str], *, limit: int | None = None) -> str:
    """Ana (line 4) and Ben (line 6) under an objective; Ana owns one leaf per due, from line 14
    (a due may carry more fields after it, such as ``2027-03-29, status: dropped``)."""
    head = (
        HEAD
        if limit is None
        else HEAD.replace("end: 2027-06-30}", f"end: 2027-06-30, policy: {{max_due_per_week: {limit}}}}}")
    )
    leaves = "".join(
        f"      - {{id: a{n}, title: Send proposal {n}, owner: ana, due: {due}, done_when: Sent}}\n"
        for n, due in enumerate(dues, start=1)
    )
    return (
        head
        + "people:\n"  # 3
        + "  - id: ana\n"  # 4
        + "    name: Ana Lima\n"  # 5
        + "  - id: ben\n"  # 6
        + "    name: Ben Adler\n"  # 7
        + "objectives:\n"  # 8
        + "  - id: deals\n"  # 9
        + "    title: Send every proposal\n"  # 10
        + "    due: 2027-06-30\n"  # 11
        + "    children:\n"  # 12
        + "      - {id: b1, title: Ben's proposal, owner: ben, due: 2027-03-29, done_when: Sent}\n"  # 13
        + leaves
    )


def test_cas601_with_max_due_per_week() -> None:
    # Monday 2027-03-29 and Sunday 2027-04-04 are both in ISO week 13
    text = week_plan(["2027-03-29", "2027-04-04"], limit=1)
    assert diags(text) == [(4, 5, "CAS601")]
    (found,) = of_code(text, "CAS601")
    assert found.ids == ("ana", "a1", "a2")
    assert "week 13 of 2027" in found.message
    assert found.severity is cascade.Severity.WARNING


def test_cas601_reported_once_per_person_and_week() -> None:
    text = week_plan(["2027-03-29", "2027-03-30", "2027-04-05", "2027-W14", "2027-02-01"], limit=1)
    assert diags(text) == [(4, 5, "CAS601"), (4, 5, "CAS601")]
    assert [d.ids for d in of_code(text, "CAS601")] == [("ana", "a1", "a2"), ("ana", "a3", "a4")]


def test_cas601_weeks_are_iso_weeks() -> None:
    # Sunday 2027-03-28 (2027-W12) ends the week before Monday 2027-03-29
    assert diags(week_plan(["2027-W12", "2027-03-29"], limit=1)) == []


def test_cas601_default_is_five() -> None:
    five = ["2027-03-29", "2027-03-30", "2027-03-31", "2027-04-01", "2027-04-02"]
    assert diags(week_plan(five)) == []
    assert diags(week_plan([*five, "2027-04-03"])) == [(4, 5, "CAS601")]


def test_cas601_dropped_commitments_do_not_count() -> None:
    assert diags(week_plan(["2027-03-29", "2027-04-04, status: dropped"], limit=1)) == []
    assert diags(week_plan(["2027-03-29", "2027-04-04, status: done"], limit=1)) == [(4, 5, "CAS601")]


def test_cas601_passing() -> None:
    assert diags(week_plan(["2027-03-29", "2027-04-06"], limit=1)) == []
