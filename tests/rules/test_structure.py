"""The structure codes, CAS001 to CAS009: the catalogue's snippets, one explicit case per code,
and the checks that look at the merged plan, duplicate ids (CAS005), unknown references (CAS006)
and an empty plan (CAS009)."""

from __future__ import annotations

from pathlib import Path

import pytest

import cascade
from cascade.rules import REGISTRY, get_rule
from cascade.rules.base import Rule
from cascade.rules.structure import RULES
from tests.conftest import HEADER, diags, diags_of, example_text, messages, place_of, run

RULE_IDS = [rule.code for rule in RULES]


def test_the_structure_rules_are_cas001_to_cas009_in_order() -> None:
    assert [f"CAS00{i}" for i in range(1, 10)] == RULE_IDS
    for rule in RULES:
        assert REGISTRY[rule.code] is rule
        assert get_rule(rule.code.lower()) is rule
        # an empty plan is not wrong, only worth a second look
        assert rule.severity is (cascade.Severity.WARNING if rule.code == "CAS009" else cascade.Severity.ERROR)
        assert rule.name
        assert rule.summary


@pytest.mark.parametrize("rule", RULES, ids=RULE_IDS)
def test_failing_snippet_gives_its_code(rule: type[Rule]) -> None:
    failing, _ = rule.snippets()
    assert failing.strip()
    assert rule.code in [code for _, _, code in diags(failing)]


@pytest.mark.parametrize("rule", RULES, ids=RULE_IDS)
def test_failing_snippet_gives_only_its_code(rule: type[Rule]) -> None:
    failing, _ = rule.snippets()
    assert {code for _, _, code in diags(failing)} == {rule.code}


@pytest.mark.parametrize("rule", RULES, ids=RULE_IDS)
def test_passing_snippet_gives_no_structure_diagnostic_at_all(rule: type[Rule]) -> None:
    # The snippets are minimal: later rules (CAS102, CAS204...) may still speak about them,
    # but a passing snippet reads as a whole, well-formed plan.
    _, passing = rule.snippets()
    assert passing.strip()
    assert run(passing, select=["CAS0"]) == []
    assert rule.code not in [d.code for d in run(passing)]


@pytest.mark.parametrize("rule", RULES, ids=RULE_IDS)
def test_manual_has_a_why_paragraph(rule: type[Rule]) -> None:
    manual = rule.manual()
    assert manual.index("Failing:") > 20
    assert "Passing:" in manual


# -- one explicit case per code -----------------------------------------------------------


def test_cas001_explicit() -> None:
    text = HEADER + "people:\n  - {id: a, name: A\n"
    assert diags(text) == [(5, 1, "CAS001")]


def test_cas002_explicit() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    id: b\n"
    assert diags(text) == [(6, 5, "CAS002")]


def test_cas003_explicit() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    manger: a\n"
    assert diags(text) == [(6, 5, "CAS003")]


def test_cas004_explicit() -> None:
    text = HEADER + "objectives:\n  - id: n\n    title: T\n    due: 2027-13\n"
    assert diags(text) == [(6, 10, "CAS004")]


def test_cas005_explicit() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\nteams:\n  - id: a\n    name: Team A\n"
    assert diags(text) == [(7, 9, "CAS005")]


def test_cas006_explicit() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    manager: b\n"
    assert diags(text) == [(6, 14, "CAS006")]


def test_cas007_explicit() -> None:
    text = "cascade: 3\nplan: {name: Demo, start: 2027-01-01, end: 2027-06-30}\n"
    assert diags(text) == [(1, 10, "CAS007")]


def test_cas008_explicit() -> None:
    text = HEADER + "people:\n  - id: a\n    name: !shout A\n"
    assert diags(text) == [(5, 11, "CAS008")]


# -- CAS005: duplicate ids ----------------------------------------------------------------


def test_cas005_two_people() -> None:
    text = HEADER + "people:\n  - {id: ana, name: Ana Lima}\n  - {id: ana, name: Ana Souza}\n"
    assert diags(text) == [(5, 10, "CAS005")]
    [message] = messages(text, "CAS005")
    assert "'ana'" in message
    assert "<string>:4" in message


def test_cas005_each_later_occurrence() -> None:
    text = HEADER + "people:\n  - {id: a, name: A}\n  - {id: a, name: A2}\n  - {id: a, name: A3}\n"
    assert diags(text) == [(5, 10, "CAS005"), (6, 10, "CAS005")]


def test_cas005_across_kinds_person_and_node() -> None:
    text = HEADER + "people:\n  - {id: a, name: A}\nobjectives:\n  - {id: a, title: T}\n"
    assert diags(text) == [(6, 10, "CAS005")]
    [message] = messages(text, "CAS005")
    assert "node" in message
    assert "person" in message


def test_cas005_across_kinds_moment_blocker_team() -> None:
    text = (
        HEADER
        + "people: [{id: x, name: X}]\n"
        + "teams: [{id: t, name: T}]\n"
        + "moments: [{id: t, name: M}]\n"
        + "blockers: [{id: x, title: B}]\n"
    )
    assert diags(text) == [(*place_of(text, "t, name: M"), "CAS005"), (*place_of(text, "x, title"), "CAS005")]


def test_cas005_a_nested_node_repeats_a_top_level_one() -> None:
    text = (
        HEADER
        + "objectives:\n"
        + "  - id: top\n"
        + "    title: Top\n"
        + "    children:\n"
        + "      - id: top\n"
        + "        title: Again\n"
    )
    assert diags(text) == [(7, 13, "CAS005")]


def test_cas005_the_first_record_is_the_one_kept() -> None:
    text = HEADER + "people:\n  - {id: a, name: First}\n  - {id: a, name: Second}\n"
    plan = cascade.loads(text)
    person = plan.get("a")
    assert isinstance(person, cascade.Person)
    assert person.name == "First"


def test_cas005_at_the_later_occurrence_when_nodes_come_first() -> None:
    text = HEADER + "objectives:\n  - {id: a, title: T}\npeople:\n  - {id: a, name: A}\n"
    assert diags(text) == [(6, 10, "CAS005")]


def test_cas005_of_an_alias_is_at_the_alias() -> None:
    text = HEADER + "people:\n  - &p {id: a, name: A}\n  - *p\n"
    assert diags(text) == [(5, 5, "CAS005")]


# -- CAS006: unknown references -----------------------------------------------------------

REFERENCES = """\
cascade: 1
plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
people:
  - {id: dana, name: Dana}
  - {id: marco, name: Marco, manager: dana}
  - {id: priya, name: Priya, manager: marco}
teams:
  - {id: emea, name: EMEA, lead: marco, members: [priya], parent: null}
  - {id: emea-north, name: North, lead: marco, parent: emea}
objectives:
  - id: arr
    title: ARR
    owner: dana
    due: 2027-06
  - id: ride
    title: Ride
    owner: emea
    supports: [arr]
    due: 2027-03
    with: [priya, marco]
    moment: discovery
moments:
  - {id: discovery, name: Discovery, architect: dana}
blockers:
  - {id: msa, title: MSA, raised_by: priya, blocks: [ride], helper: marco, due: 2027-02}
"""


def test_references_all_valid() -> None:
    assert diags(REFERENCES) == []


def swap(old: str, new: str) -> str:
    assert old in REFERENCES
    return REFERENCES.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "wrong", "suggestion"),
    [
        ("manager: dana}", "manager: dan}", "dan", "dana"),
        ("lead: marco, members", "lead: marko, members", "marko", "marco"),
        ("members: [priya]", "members: [priyaa]", "priyaa", "priya"),
        ("parent: emea}", "parent: emaa}", "emaa", "emea"),
        ("owner: emea", "owner: emeaa", "emeaa", "emea"),
        ("supports: [arr]", "supports: [ar]", "ar", "arr"),
        ("with: [priya, marco]", "with: [priya, marcoo]", "marcoo", "marco"),
        ("moment: discovery", "moment: discovry", "discovry", "discovery"),
        ("architect: dana", "architect: danaa", "danaa", "dana"),
        ("raised_by: priya", "raised_by: pria", "pria", "priya"),
        ("blocks: [ride]", "blocks: [rid]", "rid", "ride"),
        ("helper: marco", "helper: marcoo", "marcoo", "marco"),
    ],
    ids=[
        "manager",
        "team-lead",
        "members",
        "parent",
        "owner",
        "supports",
        "with[1]",
        "moment",
        "architect",
        "raised_by",
        "blocks",
        "helper",
    ],
)
def test_cas006_unknown_reference(old: str, new: str, wrong: str, suggestion: str) -> None:
    text = swap(old, new)
    line, column = place_of(text, new)
    assert diags(text) == [(line, column + new.index(wrong), "CAS006")]
    [message] = messages(text, "CAS006")
    assert repr(wrong) in message
    assert f"did you mean {suggestion!r}" in message


def test_cas006_with_second_item_exact_place() -> None:
    text = swap("with: [priya, marco]", "with: [priya, tomas]")
    assert diags(text) == [(20, 19, "CAS006")]


def test_cas006_each_unknown_item_of_a_list() -> None:
    text = swap("with: [priya, marco]", "with: [ghost, priya, spook]")
    assert diags(text) == [(20, 12, "CAS006"), (20, 26, "CAS006")]


def test_cas006_message_names_the_record_and_both_ids() -> None:
    text = swap("helper: marco", "helper: marcoo")
    [diagnostic] = run(text, select=["CAS006"])
    assert diagnostic.ids == ("msa", "marcoo")
    assert "helper" in diagnostic.message
    assert "msa" in diagnostic.message


def test_cas006_no_suggestion_when_nothing_is_close() -> None:
    text = swap("helper: marco", "helper: zzzzzz")
    [message] = messages(text, "CAS006")
    assert "did you mean" not in message


def test_cas006_owner_names_a_moment() -> None:
    text = swap("owner: emea", "owner: discovery")
    assert diags(text) == [(17, 12, "CAS006")]
    [message] = messages(text, "CAS006")
    assert "moment" in message
    assert "person or a team" in message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("manager: dana}", "manager: emea}"),
        ("lead: marco, members", "lead: emea, members"),
        ("parent: emea}", "parent: dana}"),
        ("supports: [arr]", "supports: [discovery]"),
        ("with: [priya, marco]", "with: [priya, arr]"),
        ("moment: discovery", "moment: arr"),
        ("blocks: [ride]", "blocks: [dana]"),
        ("helper: marco", "helper: msa"),
    ],
)
def test_cas006_reference_of_the_wrong_kind(old: str, new: str) -> None:
    text = swap(old, new)
    assert [code for _, _, code in diags(text)] == ["CAS006"]
    assert "which is a" in messages(text, "CAS006")[0]


def test_cas006_message_grammar_for_objectives() -> None:
    [message] = messages(swap("supports: [arr]", "supports: [ar]"), "CAS006")
    assert "an objective" in message


def test_cas006_in_a_nested_node() -> None:
    text = (
        HEADER
        + "objectives:\n  - id: top\n    title: Top\n    children:\n      - {id: kid, title: Kid, owner: nobody}\n"
    )
    assert diags(text) == [(*place_of(text, "nobody"), "CAS006")]


def test_cas006_in_the_example_plan() -> None:
    text = example_text().replace("helper: marco", "helper: marcoo")
    assert diags(text) == [(*place_of(text, "marcoo"), "CAS006")]
    assert "did you mean 'marco'" in messages(text, "CAS006")[0]


def test_cas006_a_duplicate_record_is_still_checked_once() -> None:
    text = HEADER + "people:\n  - {id: a, name: A, manager: zz}\n  - {id: a, name: B, manager: yy}\n"
    assert (4, 31, "CAS006") in diags(text)
    assert (5, 10, "CAS005") in diags(text)


def test_structure_diagnostics_are_errors_and_sorted_by_place() -> None:
    text = swap("helper: marco", "helper: marcoo")
    text = text.replace("manager: dana}", "manager: dan}").replace("name: Priya,", "name: Priya, rol: x,")
    report = cascade.validate(cascade.loads(text), select=["CAS0"])
    assert [d.code for d in report.diagnostics] == ["CAS006", "CAS003", "CAS006"]
    assert all(d.severity is cascade.Severity.ERROR for d in report.diagnostics)
    assert [d.line for d in report.diagnostics] == sorted(d.line for d in report.diagnostics)
    assert not report.ok
    assert report.summary() == {"errors": 3, "warnings": 0, "infos": 0}


def test_checks_ignore_and_node_ignore_silence_a_code() -> None:
    text = REFERENCES.replace("end: 2027-06-30}", "end: 2027-06-30, checks: {ignore: [CAS006]}}")
    text = text.replace("helper: marco", "helper: marcoo")
    assert diags(text) == []
    text = swap("    moment: discovery\n", "    moment: discovry\n    ignore: [CAS006]\n")
    assert diags(text) == []


def test_severity_override_from_the_plan() -> None:
    text = REFERENCES.replace("end: 2027-06-30}", "end: 2027-06-30, checks: {severity: {CAS006: warning}}}")
    text = text.replace("helper: marco", "helper: marcoo")
    [diagnostic] = run(text, select=["CAS0"])
    assert diagnostic.severity is cascade.Severity.WARNING


def test_validate_select_and_ignore() -> None:
    text = swap("helper: marco", "helper: marcoo").replace("name: Priya,", "name: Priya, rol: x,")
    plan = cascade.loads(text)
    assert cascade.validate(plan, select=["CAS003"]).codes() == ["CAS003"]
    assert cascade.validate(plan, select=["CAS0"], ignore=["CAS003"]).codes() == ["CAS006"]
    assert "CAS003" not in cascade.validate(plan, ignore=["CAS003"]).codes()
    assert cascade.validate(plan, select=["cas00"]).codes() == ["CAS003", "CAS006"]


# -- person ids that cannot name brief files (CAS004) and differ only in case (CAS005) ---


def person(person_id: str) -> str:
    """A plan with one person, whose id stands at line 4, column 9."""
    return HEADER + f"people:\n  - id: {person_id}\n    name: P\n"


@pytest.mark.parametrize("person_id", ["index", "Index", "INDEX", ".", "..", "CON", "nul", "com1", "LPT9", "aux.x"])
def test_cas004_a_person_id_that_cannot_be_a_file_name(person_id: str) -> None:
    assert diags(person(person_id)) == [(4, 9, "CAS004")]


@pytest.mark.parametrize(
    ("person_id", "reason"),
    [
        ("index", "index.html, in any case, is the page that lists the briefs"),
        (".", "names a folder"),
        ("..", "names a folder"),
        ("CON", "CON is a device name on Windows, so CON.md cannot be a file name there"),
        ("nul.x", "nul is a device name on Windows"),
    ],
)
def test_cas004_says_why_the_id_cannot_name_a_file(person_id: str, reason: str) -> None:
    [message] = messages(person(person_id), "CAS004")
    assert "cannot name brief files" in message
    assert reason in message


@pytest.mark.parametrize(
    "person_id", ["x.", "index2", "my-index", "index.old", "console", "com10", "lpt", "a.con", "n.u.l"]
)
def test_cas004_ids_near_a_reserved_name_are_fine(person_id: str) -> None:
    assert diags(person(person_id)) == []


def test_cas004_only_people_get_files_so_other_ids_may_be_reserved_names() -> None:
    text = (
        HEADER
        + "people: [{id: ana, name: Ana}]\n"
        + "teams: [{id: CON, name: T, lead: ana}]\n"
        + "objectives: [{id: index, title: T, owner: ana, due: 2027-03}]\n"
        + "moments: [{id: nul, name: M}]\n"
        + "blockers: [{id: '..', title: B, raised_by: ana}]\n"
    )
    assert diags(text) == []


def test_cas004_for_a_roster_person_stands_at_the_csv_row(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        "cascade: 1\nplan: {name: D, start: 2027-01-01, end: 2027-06-30, roster: roster.csv}\n", encoding="utf-8"
    )
    (tmp_path / "roster.csv").write_text("id,name\nana,Ana\nPRN,Printer\n", encoding="utf-8")
    found = [(Path(d.file).name, d.line, d.column, d.code) for d in diags_of(tmp_path / "plan.yaml")]
    assert found == [("roster.csv", 3, 1, "CAS004")]


def test_cas005_two_people_whose_ids_differ_only_in_case() -> None:
    text = HEADER + "people:\n  - {id: Ana, name: Ana Lima}\n  - {id: ana, name: Ana Souza}\n"
    assert diags(text) == [(5, 10, "CAS005")]
    [message] = messages(text, "CAS005")
    assert "'ana' differs only in case from the person 'Ana' at <string>:4" in message
    assert "one file on macOS and Windows" in message


def test_cas005_differing_in_case_is_fine_for_records_without_files() -> None:
    text = HEADER + "people: [{id: ana, name: Ana}]\nteams: [{id: ANA, name: T}]\nmoments: [{id: Ana, name: M}]\n"
    assert diags(text) == []


# -- CAS009: an empty plan ---------------------------------------------------------------------


def test_cas009_a_plan_with_no_people_and_no_objectives_is_not_all_clear() -> None:
    text = "cascade: 1\nplan:\n  name: Demo\n  start: 2027-01-01\n  end: 2027-06-30\nteams: []\n"
    [found] = run(text)
    assert (found.line, found.column, found.code, found.severity) == (3, 3, "CAS009", cascade.Severity.WARNING)
    assert "no people and no objectives" in found.message


@pytest.mark.parametrize(
    "section",
    ["people: [{id: ana, name: Ana Lima}]", "objectives: [{id: arr, title: Grow ARR}]"],
    ids=["people-only", "objectives-only"],
)
def test_cas009_people_or_objectives_are_enough(section: str) -> None:
    assert "CAS009" not in {d.code for d in run(HEADER + section + "\n")}


def test_cas009_people_from_the_roster_count(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        "cascade: 1\nplan: {name: D, start: 2027-01-01, end: 2027-06-30, roster: roster.csv}\n", encoding="utf-8"
    )
    (tmp_path / "roster.csv").write_text("id,name\nana,Ana\n", encoding="utf-8")
    assert diags_of(tmp_path / "plan.yaml") == []
