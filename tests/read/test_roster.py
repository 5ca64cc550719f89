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


def test_roster_extra_columns_of_an_export_are_ignored(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    write_plan("id,name,region,manager,cost centre\nmarco,Marco Ruiz,EMEA,dana,4410\n", "roster.csv")
    assert diags_of(path) == []
    assert [(p.id, p.manager) for p in cascade.load(path).people] == [("dana", None), ("marco", "dana")]


def test_roster_headers_match_whatever_their_case_and_spacing_in_a_crlf_export(write_plan: WritePlan) -> None:
    """What a spreadsheet saves: a byte-order mark, CRLF line ends, headers in its own case."""
    path = write_plan(ROSTER_PLAN)
    roster = write_plan(
        b"\xef\xbb\xbfID, Name ,Job  Role,MANAGER\r\nmarco,Marco Ruiz,RVP,dana\r\npriya,Priya,AE,marc\r\n", "roster.csv"
    )
    found = diags_of(path)
    # the CRLF ends count one line each, and the unknown manager stands at its own cell
    assert triples(found) == [(str(roster), 3, 16, "CAS006")]
    assert [(p.id, p.name, p.manager) for p in cascade.load(path).people][1] == ("marco", "Marco Ruiz", "dana")


MAPPED_PLAN = ROSTER_PLAN.replace(
    "  roster: roster.csv\n",
    "  roster:\n    file: roster.csv\n    columns: {id: Employee ID, name: Full Name, manager: Manager ID}\n",
)
"""The roster plan with a column map on line 8."""


def test_roster_column_map_names_the_headers_of_an_export(write_plan: WritePlan) -> None:
    path = write_plan(MAPPED_PLAN)
    write_plan(
        "Employee ID,Full Name,Region,Manager ID,Manager Name,id\nmarco,Marco Ruiz,EMEA,dana,Dana,77\n", "roster.csv"
    )
    assert diags_of(path) == []
    plan = cascade.load(path)
    # a column the map names reads from its header, even beside a header called like the column
    assert [(p.id, p.name, p.manager) for p in plan.people] == [("dana", "Dana", None), ("marco", "Marco Ruiz", "dana")]
    assert plan.where(plan.people[1], "manager").column == 23


def test_roster_header_named_by_the_map_but_missing_is_cas004_at_the_map_entry(write_plan: WritePlan) -> None:
    path = write_plan(MAPPED_PLAN.replace("manager: Manager ID", "manager: Reports To"))
    write_plan("Employee ID,Full Name,Manager ID\nmarco,Marco Ruiz,dana\n", "roster.csv")
    found = diags_of(path)
    assert triples(found) == [(str(path), 8, 58, "CAS004")]
    assert "no column 'Reports To'" in found[0].message
    assert "'Manager ID'" in found[0].message  # the headers it does have
    assert [(p.id, p.manager) for p in cascade.load(path).people] == [("dana", None), ("marco", None)]


def test_roster_required_header_named_by_the_map_but_missing_reads_no_row(write_plan: WritePlan) -> None:
    path = write_plan(MAPPED_PLAN)
    write_plan("Employee Number,Full Name,Manager ID\nmarco,Marco Ruiz,dana\n", "roster.csv")
    found = diags_of(path)
    assert triples(found) == [(str(path), 8, 19, "CAS004")]
    assert "no column 'Employee ID'" in found[0].message
    assert [p.id for p in cascade.load(path).people] == ["dana"]


def test_roster_column_map_faults_are_the_plans(write_plan: WritePlan) -> None:
    path = write_plan(MAPPED_PLAN.replace("manager: Manager ID", "mangaer: Manager ID"))
    write_plan("Employee ID,Full Name\nmarco,Marco Ruiz\n", "roster.csv")
    found = diags_of(path)
    assert triples(found) == [(str(path), 8, 49, "CAS003")]
    assert "did you mean 'manager'" in found[0].message


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
    assert finding.message == (
        "roster row 2: 'id' is not valid: 'marco ruiz' is not a valid id (use letters, digits, '-', '_' and '.')"
    )


def test_other_columns_are_left_alone() -> None:
    roster = read_roster(b"id,name,region,shoe size\nmarco,Marco,EMEA,44\n", "r.csv")
    assert roster.findings == []
    assert roster.people == [Person(id="marco", name="Marco")]
    assert roster.source.rows == [(2, {"id": 1, "name": 7})]


def test_a_column_map_reads_each_column_from_the_header_it_names() -> None:
    raw = b"Employee ID,Full Name,Title,Manager ID\nmarco,Marco,RVP,dana\n"
    roster = read_roster(
        raw, "r.csv", {"id": "employee id", "name": "Full  Name", "role": "Title", "manager": "MANAGER ID"}
    )
    assert roster.findings == []
    assert roster.unmatched == []
    assert roster.people == [Person(id="marco", name="Marco", role="RVP", manager="dana")]
    assert roster.source.rows == [(2, {"id": 1, "name": 7, "role": 13, "manager": 17})]


def test_a_header_the_map_names_but_the_roster_lacks_is_handed_back_to_be_placed() -> None:
    roster = read_roster(b"id,name,Boss\nmarco,Marco,dana\n", "r.csv", {"manager": "Manager ID"})
    assert roster.findings == []
    assert roster.unmatched == [
        ("manager", "the roster r.csv has no column 'Manager ID' (its headers: 'id', 'name', 'Boss')")
    ]
    assert roster.people == [Person(id="marco", name="Marco")]


def test_a_column_given_twice_is_cas002_and_the_first_is_read() -> None:
    roster = read_roster(b"id,name,Name\nmarco,Marco,Other\n", "r.csv")
    assert roster.findings == [
        Finding("CAS002", "the roster has a second 'Name' column; the first one is read", Location("r.csv", 1, 9))
    ]
    assert roster.people == [Person(id="marco", name="Marco")]


def test_without_id_and_name_columns_nothing_is_read() -> None:
    roster = read_roster(b"role,email\nRVP,m@x.example\n", "r.csv")
    assert roster.people == []
    assert roster.source.rows == []
    assert [(f.code, f.where) for f in roster.findings] == [("CAS004", Location("r.csv", 1, 1))] * 2
    assert [f.message.split(" (")[0] for f in roster.findings] == [
        "the roster has no 'id' column",
        "the roster has no 'name' column",
    ]
    assert "columns: {id: ...}" in roster.findings[0].message


def test_a_missing_column_suggests_the_header_that_may_hold_it() -> None:
    [finding] = read_roster(b"id,Full Name,Region\nmarco,Marco,EMEA\n", "r.csv").findings
    assert finding.message == (
        "the roster has no 'name' column; if it is 'Full Name', say so in the plan: "
        "roster: {file: ..., columns: {name: Full Name}}"
    )


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
