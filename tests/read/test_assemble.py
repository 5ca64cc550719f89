"""Reading a plan: one file, a directory of files, and a roster CSV; the version and header (CAS007)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import cascade
from tests.conftest import EXAMPLE, HEADER, NORTHWIND, WritePlan, diags, diags_of, example_text, line_of


def triples(found: list[cascade.Diagnostic]) -> list[tuple[str, int, int, str]]:
    return [(d.file, d.line, d.column, d.code) for d in found]


# -- whole plans --------------------------------------------------------------------------


def test_the_example_plan_gives_no_diagnostic() -> None:
    plan = cascade.load(EXAMPLE)
    assert plan.load_findings == []
    assert cascade.validate(plan, select=["CAS0"]).diagnostics == []
    assert plan.plan.name == "Northwind FY27 H1 Sales Plan"
    assert [p.id for p in plan.people] == ["dana", "marco", "priya", "tomas"]
    assert {n.id for n in plan.nodes()} == {
        "arr",
        "emea-arr",
        "priya-midmarket",
        "tomas-expansion",
        "marco-ride-alongs",
        "marco-kickoff",
        "dana-qbrs",
    }


def test_the_example_plan_from_text_gives_no_diagnostic() -> None:
    assert diags(example_text()) == []


def test_the_northwind_plan_gives_no_diagnostic() -> None:
    assert diags_of(NORTHWIND) == []


def split_example(root: Path) -> tuple[Path, Path]:
    """The example plan in two files: the header, people, teams, moments and blockers; then objectives."""
    text = example_text()
    start, end = text.index("objectives:"), text.index("moments:")
    head = root / "plan.yaml"
    body = root / "cascade" / "objectives.yml"
    body.parent.mkdir(parents=True)
    head.write_text(text[:start] + text[end:], encoding="utf-8")
    body.write_text(text[start:end], encoding="utf-8")
    return head, body


def test_the_example_split_in_a_directory_gives_no_diagnostic(tmp_path: Path) -> None:
    split_example(tmp_path)
    plan = cascade.load(tmp_path)
    assert plan.load_findings == []
    assert cascade.validate(plan, select=["CAS0"]).diagnostics == []
    assert plan == cascade.load(EXAMPLE)


def test_diagnostics_in_a_directory_plan_name_their_own_file(tmp_path: Path) -> None:
    head, body = split_example(tmp_path)
    text = body.read_text(encoding="utf-8").replace(
        "owner: marco\n    supports: [emea-arr]\n    due: 2027-01-15",
        "owner: marcoo\n    supports: [emea-arr]\n    due: 2027-01-15",
    )
    text += "  - {id: dana, title: Dana again}\n"
    body.write_text(text, encoding="utf-8")
    head.write_text(
        head.read_text(encoding="utf-8").replace(
            "    role: Chief Revenue Officer\n", "    rol: Chief Revenue Officer\n"
        ),
        encoding="utf-8",
    )
    shown = str(tmp_path)
    found = diags_of(shown)
    assert triples(found) == [
        (f"{shown}/cascade/objectives.yml", line_of(text, "marcoo"), 12, "CAS006"),
        (f"{shown}/cascade/objectives.yml", line_of(text, "Dana again"), 10, "CAS005"),
        (f"{shown}/plan.yaml", line_of(head.read_text(encoding="utf-8"), "rol:"), 5, "CAS003"),
    ]
    assert f"{shown}/plan.yaml:" in found[1].message  # the first dana is in the other file


def test_cas001_in_one_file_of_a_directory_names_it(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan(HEADER, "plan.yaml")
    write_plan("people: [{id: b, name: B\n", "people.yaml")
    assert triples(diags_of(tmp_path)) == [(str(tmp_path / "people.yaml"), 2, 1, "CAS001")]


def test_cas005_across_files(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan(HEADER + "people:\n  - {id: a, name: A}\nobjectives:\n  - {id: x, title: X}\n", "plan.yaml")
    write_plan("objectives:\n  - {id: y, title: Y}\n  - {id: a, title: Same id as a person}\n", "work.yaml")
    write_plan("objectives:\n  - {id: x, title: Same id as a node}\n", "zeta.yaml")
    found = diags_of(tmp_path)
    assert triples(found) == [
        (str(tmp_path / "work.yaml"), 3, 10, "CAS005"),
        (str(tmp_path / "zeta.yaml"), 2, 10, "CAS005"),
    ]
    assert f"{tmp_path / 'plan.yaml'}:4" in found[0].message
    assert f"{tmp_path / 'plan.yaml'}:6" in found[1].message


def test_cas005_across_files_at_the_later_file_whatever_the_kinds(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan(HEADER + "objectives:\n  - {id: x, title: X}\n", "plan.yaml")
    write_plan("people:\n  - {id: x, name: Same id as a node}\n", "zeta.yaml")
    assert triples(diags_of(tmp_path)) == [(str(tmp_path / "zeta.yaml"), 2, 10, "CAS005")]


def test_a_missing_path_raises_plan_error(tmp_path: Path) -> None:
    with pytest.raises(cascade.PlanError) as caught:
        cascade.load(tmp_path / "nope")
    assert [(d.code, d.line) for d in caught.value.diagnostics] == [("CAS001", 0)]


def test_a_path_like_object_and_a_string_load_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "example.yaml"
    shutil.copy(EXAMPLE, copy)
    assert cascade.load(copy) == cascade.load(str(copy))


def test_loads_names_its_text() -> None:
    with pytest.raises(cascade.PlanError) as caught:
        cascade.loads("- a\n", name="inline.yaml")
    assert [d.file for d in caught.value.diagnostics] == ["inline.yaml"]


def test_loads_takes_bytes() -> None:
    assert cascade.loads(example_text().encode("utf-8")) == cascade.load(EXAMPLE)


# -- CAS007: version and header -----------------------------------------------------------


def test_cas007_missing_version() -> None:
    assert diags("plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}\n") == [(1, 1, "CAS007")]


@pytest.mark.parametrize("version", ["2", '"1"', "1.0", "true", "0", "[1]", "~"])
def test_cas007_unsupported_version(version: str) -> None:
    text = f"cascade: {version}\nplan: {{name: Demo, start: 2027-01-01, end: 2027-06-30}}\n"
    assert diags(text) == [(1, 10, "CAS007")]


def test_cas007_message_names_the_version() -> None:
    with pytest.raises(cascade.PlanError) as caught:
        cascade.loads("cascade: 2\nplan: {name: Demo, start: 2027-01-01, end: 2027-06-30}\n")
    assert "2" in caught.value.diagnostics[0].message


def test_cas007_no_plan_header() -> None:
    assert diags("cascade: 1\npeople: []\n") == [(1, 1, "CAS007")]


def test_cas007_empty_plan_header() -> None:
    assert diags("cascade: 1\nplan:\n") == [(1, 1, "CAS007")]


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("---\n", "empty"),
        ("- a\n- b\n", "a list"),
        ("[]\n", "a list"),
        ("hello\n", "a single value"),
        ("42\n", "a single value"),
    ],
)
def test_cas007_top_level_not_a_mapping(text: str, shape: str) -> None:
    with pytest.raises(cascade.PlanError) as caught:
        cascade.loads(text)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (1, 1, "CAS007")
    assert shape in diagnostic.message


def test_cas007_an_empty_file(write_plan: WritePlan) -> None:
    path = write_plan("")
    assert triples(diags_of(path)) == [(str(path), 1, 1, "CAS007")]


def test_cas007_two_plan_headers_in_a_directory(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan(HEADER + "people: [{id: a, name: A}]\n", "a.yaml")
    write_plan("people: [{id: b, name: B}]\n\nplan: {name: Other, start: 2027-01-01, end: 2027-06-30}\n", "b.yaml")
    found = diags_of(tmp_path)
    assert triples(found) == [(str(tmp_path / "b.yaml"), 3, 1, "CAS007")]
    assert str(tmp_path / "a.yaml") in found[0].message


def test_cas007_no_plan_header_in_a_directory(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan("people: [{id: a, name: A}]\n", "a.yaml")
    write_plan("people: [{id: b, name: B}]\n", "b.yaml")
    assert [d.code for d in diags_of(tmp_path)] == ["CAS007"]


def test_cas007_a_directory_without_yaml_files(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan("not yaml", "readme.txt")
    assert [d.code for d in diags_of(tmp_path)] == ["CAS007"]


def test_cas007_list_file_of_a_directory_that_is_a_list(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan(HEADER, "plan.yaml")
    write_plan("- {id: a, name: A}\n", "people.yaml")
    assert triples(diags_of(tmp_path)) == [(str(tmp_path / "people.yaml"), 1, 1, "CAS007")]


def test_cas007_a_wrong_version_in_a_list_file(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan(HEADER, "plan.yaml")
    write_plan("cascade: 2\npeople: [{id: a, name: A}]\n", "people.yaml")
    assert triples(diags_of(tmp_path)) == [(str(tmp_path / "people.yaml"), 1, 10, "CAS007")]


def test_cas007_stops_the_plan() -> None:
    with pytest.raises(cascade.PlanError):
        cascade.loads("cascade: 1\npeople: [{id: a, name: A, manager: zz}]\n")


# -- the roster ---------------------------------------------------------------------------

ROSTER_PLAN = """\
cascade: 1
plan:
  name: Demo
  start: 2027-01-01
  end: 2027-06-30
  roster: roster.csv
people:
  - {id: dana, name: Dana}
"""


def test_roster_people_are_added(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    write_plan(
        "id,name,role,email,manager\nmarco,Marco Ruiz,RVP,m@x.example,dana\npriya,Priya,AE,,marco\n", "roster.csv"
    )
    plan = cascade.load(path)
    assert [(p.id, p.manager) for p in plan.people] == [("dana", None), ("marco", "dana"), ("priya", "marco")]
    assert plan.people[1].email == "m@x.example"
    assert plan.people[2].email is None
    assert diags_of(path) == []


def test_roster_beside_a_plan_in_another_directory(tmp_path: Path, write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN, "plans/fy27.yaml")
    write_plan("id,name,manager\nmarco,Marco,dana\n", "plans/roster.csv")
    assert [p.id for p in cascade.load(path).people] == ["dana", "marco"]


def test_roster_missing_is_cas001_at_the_roster_line(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    found = diags_of(path)
    assert triples(found) == [(str(path), 6, 11, "CAS001")]
    assert "roster.csv" in found[0].message


def test_roster_not_utf8_is_cas001_at_the_roster_line(write_plan: WritePlan) -> None:
    path = write_plan(ROSTER_PLAN)
    write_plan(b"id,name\n\xff\xfe,x\n", "roster.csv")
    assert triples(diags_of(path)) == [(str(path), 6, 11, "CAS001")]


def test_a_plan_knows_the_files_it_was_read_from(tmp_path: Path, write_plan: WritePlan) -> None:
    """Its YAML files in reading order, then the roster (named even when missing)."""
    path = write_plan(ROSTER_PLAN)
    assert cascade.load(path).files == [str(path), str(tmp_path / "roster.csv")]
    folder = tmp_path / "split"
    (folder / "teams").mkdir(parents=True)
    (folder / "plan.yaml").write_text(HEADER, encoding="utf-8")
    (folder / "teams" / "a.yaml").write_text("objectives: []\n", encoding="utf-8")
    (folder / "b.yml").write_text("people: []\n", encoding="utf-8")
    given = str(folder)
    assert cascade.load(given).files == [f"{given}/b.yml", f"{given}/plan.yaml", f"{given}/teams/a.yaml"]
    assert cascade.loads(HEADER).files == []
