"""The dates family: leaves without a due date (CAS301), children due after their parent
(CAS302), dates outside the plan period (CAS303) and overdue work (CAS304)."""

from __future__ import annotations

import datetime as dt

import pytest

import cascade
from tests.rules._helpers import HEAD, diags, of_code

# -- CAS301 leaf without a due date ------------------------------------------------------------

NO_DUE = HEAD + (
    "people:\n"  # 3
    "  - id: ana\n"  # 4
    "    name: Ana Lima\n"  # 5
    "objectives:\n"  # 6
    "  - id: arr\n"  # 7
    "    title: Close $100k new ARR\n"  # 8
    "    owner: ana\n"  # 9
    "    children:\n"  # 10
    "      - id: north\n"  # 11
    "        title: Close $50k in the north\n"  # 12
    "        owner: ana\n"  # 13
    "        done_when: Closed\n"  # 14
    "      - id: south\n"  # 15
    "        title: Close $50k in the south\n"  # 16
    "        owner: ana\n"  # 17
    "        due: 2027-05-31\n"  # 18
    "        done_when: Closed\n"  # 19
)


def test_cas301_leaf_without_due_and_not_the_objective_above() -> None:
    assert diags(NO_DUE) == [(11, 9, "CAS301")]
    (found,) = of_code(NO_DUE, "CAS301")
    assert found.ids == ("north",)
    assert found.severity is cascade.Severity.ERROR


def test_cas301_an_invalid_due_is_cas004_not_also_cas301() -> None:
    text = NO_DUE.replace("        done_when: Closed\n", "        done_when: Closed\n        due: 2027-02-30\n", 1)
    assert diags(text) == [(15, 14, "CAS004")]


@pytest.mark.parametrize("due", ["2027-05-31", "2027-05", "2027-Q2", "2027-W12"])
def test_cas301_passing_in_every_date_form(due: str) -> None:
    text = NO_DUE.replace("        done_when: Closed\n", f"        done_when: Closed\n        due: {due}\n", 1)
    assert diags(text) == []


# -- CAS302 child due after its parent ---------------------------------------------------------

DUE_AFTER = HEAD + (
    "people:\n"  # 3
    "  - id: ana\n"  # 4
    "    name: Ana Lima\n"  # 5
    "objectives:\n"  # 6
    "  - id: arr\n"  # 7
    "    title: Close $100k new ARR\n"  # 8
    "    owner: ana\n"  # 9
    "    due: 2027-03-31\n"  # 10
    "    children:\n"  # 11
    "      - id: north\n"  # 12
    "        title: Close $50k in the north\n"  # 13
    "        owner: ana\n"  # 14
    "        due: 2027-Q2\n"  # 15
    "        done_when: Closed\n"  # 16
    "      - id: south\n"  # 17
    "        title: Close $50k in the south\n"  # 18
    "        owner: ana\n"  # 19
    "        due: 2027-03\n"  # 20
    "        done_when: Closed\n"  # 21
    "  - id: east\n"  # 22
    "    title: Close $20k in the east\n"  # 23
    "    owner: ana\n"  # 24
    "    supports: [arr]\n"  # 25
    "    due: 2027-04-01\n"  # 26
    "    done_when: Closed\n"  # 27
)


def test_cas302_through_nesting_and_supports() -> None:
    # north (2027-06-30) and east (2027-04-01) end after arr (2027-03-31); south ends with it
    assert diags(DUE_AFTER) == [(15, 14, "CAS302"), (26, 10, "CAS302")]
    found = of_code(DUE_AFTER, "CAS302")
    assert [d.ids for d in found] == [("north", "arr"), ("east", "arr")]
    assert "2027-06-30" in found[0].message
    assert "2027-03-31" in found[0].message


def test_cas302_deeper_levels_compare_with_their_own_parent() -> None:
    text = HEAD + (
        "people:\n"  # 3
        "  - id: ana\n"  # 4
        "    name: Ana Lima\n"  # 5
        "objectives:\n"  # 6
        "  - id: arr\n"  # 7
        "    title: Close $100k new ARR\n"  # 8
        "    owner: ana\n"  # 9
        "    due: 2027-06-30\n"  # 10
        "    children:\n"  # 11
        "      - id: north\n"  # 12
        "        title: Close $50k in the north\n"  # 13
        "        owner: ana\n"  # 14
        "        due: 2027-03-31\n"  # 15
        "        children:\n"  # 16
        "          - id: north-q2\n"  # 17
        "            title: The rest in Q2\n"  # 18
        "            owner: ana\n"  # 19
        "            due: 2027-04-30\n"  # 20
        "            done_when: Closed\n"  # 21
    )
    assert diags(text) == [(20, 18, "CAS302")]


def test_cas302_passing() -> None:
    text = DUE_AFTER.replace("due: 2027-Q2", "due: 2027-Q1").replace("due: 2027-04-01", "due: 2027-W12")
    assert diags(text) == []


# -- CAS303 due date outside the plan period ----------------------------------------------------

OUTSIDE = HEAD + (
    "people:\n"  # 3
    "  - id: lea\n"  # 4
    "    name: Lea Berg\n"  # 5
    "  - id: ana\n"  # 6
    "    name: Ana Lima\n"  # 7
    "    manager: lea\n"  # 8
    "objectives:\n"  # 9
    "  - id: arr\n"  # 10
    "    title: Close $100k new ARR\n"  # 11
    "    owner: lea\n"  # 12
    "    due: 2027-09-30\n"  # 13
    "    children:\n"  # 14
    "      - id: early\n"  # 15
    "        title: Book the first meetings\n"  # 16
    "        owner: ana\n"  # 17
    "        due: 2026-12-31\n"  # 18
    "        done_when: Ten meetings booked\n"  # 19
    "      - id: first-day\n"  # 20
    "        title: On the first day\n"  # 21
    "        owner: ana\n"  # 22
    "        due: 2027-01-01\n"  # 23
    "        done_when: Done\n"  # 24
    "      - id: last-day\n"  # 25
    "        title: On the last day\n"  # 26
    "        owner: lea\n"  # 27
    "        due: 2027-06-30\n"  # 28
    "        kind: frontline\n"  # 29
    "        with: [ana]\n"  # 30
    "        done_when: Done\n"  # 31
    "blockers:\n"  # 32
    "  - id: legal\n"  # 33
    "    title: Legal reviews take three weeks\n"  # 34
    "    raised_by: ana\n"  # 35
    "    helper: lea\n"  # 36
    "    due: 2027-07-01\n"  # 37
)


def test_cas303_nodes_and_blockers_outside_the_period() -> None:
    assert diags(OUTSIDE) == [(13, 10, "CAS303"), (18, 14, "CAS303"), (37, 10, "CAS303")]
    found = of_code(OUTSIDE, "CAS303")
    assert [d.ids for d in found] == [("arr",), ("early",), ("legal",)]
    assert all(d.severity is cascade.Severity.WARNING for d in found)
    assert "2027-01-01 to 2027-06-30" in found[0].message


def test_cas303_passing_the_period_includes_both_ends() -> None:
    text = (
        OUTSIDE.replace("2027-09-30", "2027-06-30").replace("2026-12-31", "2027-01-01").replace("2027-07-01", "2027-Q2")
    )
    assert diags(text) == []


# -- CAS304 overdue ------------------------------------------------------------------------------

OVERDUE = HEAD + (
    "people:\n"  # 3
    "  - id: lea\n"  # 4
    "    name: Lea Berg\n"  # 5
    "  - id: ana\n"  # 6
    "    name: Ana Lima\n"  # 7
    "    manager: lea\n"  # 8
    "objectives:\n"  # 9
    "  - id: arr\n"  # 10
    "    title: Close $100k new ARR\n"  # 11
    "    owner: lea\n"  # 12
    "    due: 2027-06-30\n"  # 13
    "    children:\n"  # 14
    "      - {id: a-planned, title: Planned, owner: ana, due: 2027-02-15, done_when: Done}\n"  # 15
    "      - {id: a-going, title: Going, owner: ana, due: 2027-02-28, status: in_progress, done_when: Done}\n"  # 16
    "      - {id: a-done, title: Done, owner: ana, due: 2027-02-15, status: done, done_when: Done}\n"  # 17
    "      - {id: a-dropped, title: Dropped, owner: ana, due: 2027-02-15, status: dropped, done_when: Done}\n"  # 18
    "      - {id: a-today, title: Due today, owner: ana, due: 2027-03-01, done_when: Done}\n"  # 19
    "      - {id: a-later, title: Later, owner: ana, due: 2027-03-02, done_when: Done}\n"  # 20
    "      - {id: l-rides, title: Rides, owner: lea, due: 2027-04-30, kind: frontline, with: [ana], done_when: Done}\n"
    "blockers:\n"  # 22
    "  - {id: b-open, title: Open, raised_by: ana, helper: lea, due: 2027-02-01}\n"  # 23
    "  - {id: b-resolved, title: Resolved, raised_by: ana, helper: lea, due: 2027-02-01, status: resolved}\n"  # 24
)


def test_cas304_overdue_as_of_a_day() -> None:
    as_of = dt.date(2027, 3, 1)
    # the value of `due` stands at column 58 on line 15, 54 on line 16 and 65 on line 23
    assert diags(OVERDUE, "CAS304", as_of=as_of) == [(15, 58, "CAS304"), (16, 54, "CAS304"), (23, 65, "CAS304")]
    found = of_code(OVERDUE, "CAS304", as_of=as_of)
    assert [d.ids for d in found] == [("a-planned",), ("a-going",), ("b-open",)]
    assert "still in progress" in found[1].message


def test_cas304_nothing_is_overdue_before_the_dates() -> None:
    assert diags(OVERDUE, "CAS304", as_of=dt.date(2027, 2, 1)) == []
    assert diags(OVERDUE) == []


def test_cas304_uses_today_without_as_of() -> None:
    text = OVERDUE.replace("2027-", "2020-").replace("2020-01-01", "2027-01-01").replace("2020-06-30", "2027-06-30")
    plan = cascade.loads(text)
    found = [d for d in cascade.validate(plan).diagnostics if d.code == "CAS304"]
    assert [d.ids[0] for d in found] == ["a-planned", "a-going", "a-today", "a-later", "l-rides", "b-open"]
