"""The roster CSV (cascade.read.roster): its people, their places, and its faults as findings."""

from __future__ import annotations

import pytest

import cascade
from cascade.diagnostics import Finding, Location
from cascade.model.records import Person
from cascade.read.roster import COLUMNS, RosterUnreadable, read_roster
from tests.conftest import WritePlan, diags_of
from tests.read.test_assemble import ROSTER_PLAN, triples

# -- through a plan -------------------------------------------------------------------------


def test_roster_columns_in_any_order_with_quotes_and_a_bom(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    write_plan('\ufeffmanager,name,id\ndana,"Ruiz, Marco",marco\n', "roster.csv")
    plan = cascade.load(path)
    assert [(p.id, p.name, p.manager) for p in plan.people[1:]] == [("marco", "Ruiz, Marco", "dana")]
    assert diags_of(path) == []


def test_roster_unknown_column_is_cas003(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    roster = write_plan("id,name,title,manager\nmarco,Marco Ruiz,RVP,dana\n", "roster.csv")
    found = diags_of(path)
    assert triples(found) == [(str(roster), 1, 9, "CAS003")]
    assert "'title'" in found[0].message
    assert [p.id for p in cascade.load(path).people] == ["dana", "marco"]


def test_roster_row_without_a_name_is_cas004(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    roster = write_plan("id,name,role,manager\nmarco,Marco Ruiz,RVP,dana\npriya,,AE,marco\n", "roster.csv")
    found = diags_of(path)
    assert triples(found) == [(str(roster), 3, 7, "CAS004")]
    assert "'name'" in found[0].message
    assert [p.id for p in cascade.load(path).people] == ["dana", "marco"]


def test_roster_manager_unknown_is_cas006_at_the_roster_line(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    roster = write_plan("id,name,role,manager\nmarco,Marco Ruiz,RVP,dana\npriya,Priya,AE,marc\n", "roster.csv")
    found = diags_of(path)
    assert triples(found) == [(str(roster), 3, 16, "CAS006")]
    assert "did you mean 'marco'" in found[0].message


def test_roster_duplicate_of_a_plan_person_is_cas005_at_the_roster_line(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    roster = write_plan("id,name\nmarco,Marco\ndana,Dana Again\n", "roster.csv")
    assert triples(diags_of(path)) == [(str(roster), 3, 1, "CAS005")]


def test_roster_line_numbers_after_a_quoted_line_break(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    roster = write_plan('id,name,manager\nmarco,"Marco\nRuiz",dana\npriya,Priya,marc\n', "roster.csv")
    assert triples(diags_of(path)) == [(str(roster), 4, 13, "CAS006")]


def test_roster_without_an_id_column(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    roster = write_plan("name,role\nMarco,RVP\n", "roster.csv")
    assert triples(diags_of(path)) == [(str(roster), 1, 1, "CAS004")]


def test_roster_empty(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    roster = write_plan("", "roster.csv")
    assert triples(diags_of(path)) == [(str(roster), 1, 1, "CAS004")]


# -- read_roster ------------------------------------------------------------------------------


def test_every_column_is_read_and_placed() -> None:
    roster = read_roster(b'id,name,role,email,manager\nmarco,"Ruiz, Marco",RVP,m@x.example,dana\n', "r.csv")
    assert roster.people == [Person(id="marco", name="Ruiz, Marco", role="RVP", email="m@x.example", manager="dana")]
    assert roster.findings == []
    # the quoted comma does not start a field: role starts after the closing quote's comma
    assert roster.source.path == "r.csv"
    assert roster.source.rows == [(2, {"id": 1, "name": 7, "role": 21, "email": 25, "manager": 37})]
    assert COLUMNS == ("id", "name", "role", "email", "manager")


def test_cells_are_trimmed_and_empty_ones_left_out() -> None:
    roster = read_roster(b" id , name ,email,manager\n  marco , Marco Ruiz ,, \n", "r.csv")
    assert roster.people == [Person(id="marco", name="Marco Ruiz", email=None, manager=None)]
    assert roster.findings == []


def test_blank_rows_are_skipped_and_later_rows_keep_their_lines() -> None:
    roster = read_roster(b"id,name\n\nmarco,Marco\n,\n  ,  \npriya,Priya\n", "r.csv")
    assert [p.id for p in roster.people] == ["marco", "priya"]
    assert [line for line, _ in roster.source.rows] == [3, 6]
    assert roster.findings == []


def test_a_faulty_row_is_left_out_so_rows_and_people_stay_in_step() -> None:
    """The reader places person ``i`` at ``source.rows[i]``: a dropped row must drop both."""
    roster = read_roster(b"id,name,manager\nana,Ana,\nbo,,ana\ncy,Cy,ana\n", "r.csv")
    assert [p.id for p in roster.people] == ["ana", "cy"]
    assert [line for line, _ in roster.source.rows] == [2, 4]
    assert roster.findings == [Finding("CAS004", "roster row 3: 'name' is missing", Location("r.csv", 3, 4))]


def test_a_missing_id_value_is_placed_at_its_column() -> None:
    roster = read_roster(b"name,id\nMarco,\n", "r.csv")
    assert roster.people == []
    assert roster.findings == [Finding("CAS004", "roster row 2: 'id' is missing", Location("r.csv", 2, 7))]


def test_an_invalid_id_is_cas004_at_its_cell() -> None:
    roster = read_roster(b"name,id\nMarco,marco ruiz\n", "r.csv")
    assert roster.people == []
    [finding] = roster.findings
    assert (finding.code, finding.where) == ("CAS004", Location("r.csv", 2, 7))
    assert finding.message.startswith("roster row 2: 'id' is not valid: ")


def test_unknown_columns_are_named_with_a_hint_and_their_cells_ignored() -> None:
    roster = read_roster(b"id,name,mangaer,shoe size\nmarco,Marco,dana,44\n", "r.csv")
    assert roster.findings == [
        Finding("CAS003", "unknown roster column 'mangaer'; did you mean 'manager'?", Location("r.csv", 1, 9)),
        Finding(
            "CAS003",
            "unknown roster column 'shoe size' (columns: id, name, role, email, manager)",
            Location("r.csv", 1, 17),
        ),
    ]
    assert roster.people == [Person(id="marco", name="Marco")]
    assert roster.source.rows == [(2, {"id": 1, "name": 7})]


def test_without_id_and_name_columns_nothing_is_read() -> None:
    roster = read_roster(b"role,email\nRVP,m@x.example\n", "r.csv")
    assert roster.people == []
    assert roster.source.rows == []
    assert roster.findings == [
        Finding("CAS004", "the roster has no 'id' column", Location("r.csv", 1, 1)),
        Finding("CAS004", "the roster has no 'name' column", Location("r.csv", 1, 1)),
    ]


def test_an_empty_roster_asks_for_a_header() -> None:
    roster = read_roster(b"", "r.csv")
    assert roster.people == []
    assert roster.findings == [
        Finding("CAS004", "the roster is empty; it needs a header row id,name,...", Location("r.csv", 1, 1))
    ]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"id,name\n\xff\xfe,x\n", "the roster r.csv is not UTF-8 text"),
        (b"id,name\nmar\rco,Marco\n", "the roster r.csv is not valid CSV: "),
    ],
    ids=["not-utf8", "cr-in-a-field"],
)
def test_bytes_that_are_not_a_csv_text_are_unreadable(raw: bytes, reason: str) -> None:
    with pytest.raises(RosterUnreadable) as caught:
        read_roster(raw, "r.csv")
    assert str(caught.value).startswith(reason)


# -- CsvSource.locate -------------------------------------------------------------------------


def test_locate_gives_the_row_line_and_the_field_column() -> None:
    source = read_roster(b"id,name,manager\nana,Ana,\n\nbo,Bo Berg,ana\n", "r.csv").source
    assert source.locate(1, ("manager",)) == (4, 12)
    assert source.locate(1, ("name",), key=True) == (4, 4)
    assert source.locate(1) == (4, 1)  # the record itself: its row
    assert source.locate(0, ("role",)) == (2, 1)  # a column the roster does not have
    assert source.locate(0, ("name", 0)) == (2, 5)  # a field's first step names its column
