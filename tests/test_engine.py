"""The engine: the plan's own ``checks`` (ignore, severity), the command line's select and ignore
(code prefixes), per-node and per-person ``ignore``, and the order of the report (file, line, column)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import cascade
from cascade import Diagnostic, Severity
from tests.rules._helpers import AS_OF, HEAD, Triple

PLAN = HEAD + (
    "people:\n"  # 3
    "  - id: ana\n"  # 4
    "    name: Ana Lima\n"  # 5
    "  - id: ben\n"  # 6
    "    name: Ben Adler\n"  # 7
    "objectives:\n"  # 8
    "  - id: arr\n"  # 9
    "    title: Close $100k new ARR\n"  # 10
    "    owner: ana\n"  # 11
    "    due: 2027-06-30\n"  # 12
    "    measure: {unit: USD, target: 100000}\n"  # 13
    "    children:\n"  # 14
    "      - id: vague-1\n"  # 15
    "        title: Work on pipeline\n"  # 16
    "        owner: ana\n"  # 17
    "        due: 2027-03-31\n"  # 18
    "      - id: vague-2\n"  # 19
    "        title: Work on more pipeline\n"  # 20
    "        owner: ana\n"  # 21
    "        due: 2027-09-30\n"  # 22
    "      - id: north\n"  # 23
    "        title: Close up north\n"  # 24
    "        due: 2027-05-31\n"  # 25
    "        measure: {unit: USD, target: 50000}\n"  # 26
)
"""Faults: Ben has no commitment (CAS204, line 6), arr's children cover 50% (CAS401, line 13),
vague-1 and vague-2 are vague (CAS404, lines 15 and 19), vague-2 ends after arr (CAS302) and
outside the period (CAS303, line 22), north has no owner (CAS201, line 23)."""

ALL: list[Triple] = [
    (6, 5, "CAS204"),
    (13, 34, "CAS401"),
    (15, 9, "CAS404"),
    (19, 9, "CAS404"),
    (22, 14, "CAS302"),
    (22, 14, "CAS303"),
    (23, 9, "CAS201"),
]


def validate(text: str, **options: object) -> list[Diagnostic]:
    plan = cascade.loads(text)
    return list(cascade.validate(plan, as_of=AS_OF, **options).diagnostics)  # type: ignore[arg-type]


def triples(found: list[Diagnostic]) -> list[Triple]:
    return [(d.line, d.column, d.code) for d in found]


def with_checks(checks: str) -> str:
    return PLAN.replace("end: 2027-06-30}", f"end: 2027-06-30, checks: {checks}}}")


def test_every_fault_with_its_default_severity() -> None:
    found = validate(PLAN)
    assert triples(found) == ALL
    severities = {d.code: d.severity for d in found}
    assert severities == {
        "CAS204": Severity.WARNING,
        "CAS401": Severity.WARNING,
        "CAS404": Severity.WARNING,
        "CAS302": Severity.ERROR,
        "CAS303": Severity.WARNING,
        "CAS201": Severity.ERROR,
    }


def test_report_is_sorted_by_file_line_and_column() -> None:
    found = validate(PLAN)
    assert found == sorted(found, key=lambda d: (d.file, d.line, d.column))
    assert all(d.file == "<string>" for d in found)


# -- the plan's checks ---------------------------------------------------------------------------


def test_plan_checks_ignore() -> None:
    found = validate(with_checks("{ignore: [CAS404, CAS303]}"))
    assert triples(found) == [t for t in ALL if t[2] not in ("CAS404", "CAS303")]


def test_plan_checks_severity_warning_to_error_and_error_to_info() -> None:
    found = validate(with_checks("{severity: {CAS404: error, CAS201: info}}"))
    assert triples(found) == ALL
    levels = {(d.line, d.code): d.severity for d in found}
    assert levels[15, "CAS404"] is Severity.ERROR
    assert levels[19, "CAS404"] is Severity.ERROR
    assert levels[23, "CAS201"] is Severity.INFO
    assert levels[6, "CAS204"] is Severity.WARNING


def test_plan_checks_severity_off() -> None:
    found = validate(with_checks("{severity: {CAS404: 'off', CAS302: 'off'}}"))
    assert triples(found) == [t for t in ALL if t[2] not in ("CAS404", "CAS302")]


def test_plan_checks_off_unquoted_is_text_in_yaml_1_2() -> None:
    # `off` is not a boolean in YAML 1.2: it reads as the severity name
    found = validate(with_checks("{severity: {CAS404: off}}"))
    assert triples(found) == [t for t in ALL if t[2] != "CAS404"]


# -- select and ignore from the command line ----------------------------------------------------


@pytest.mark.parametrize(
    ("select", "ignore", "kept"),
    [
        (["CAS4"], [], {"CAS401", "CAS404"}),
        (["cas40"], [], {"CAS401", "CAS404"}),
        (["CAS404"], [], {"CAS404"}),
        (["CAS2", "CAS3"], [], {"CAS204", "CAS302", "CAS303", "CAS201"}),
        (None, ["CAS3"], {"CAS204", "CAS401", "CAS404", "CAS201"}),
        (None, ["CAS20", "cas401"], {"CAS404", "CAS302", "CAS303"}),
        (["CAS"], ["CAS4"], {"CAS204", "CAS302", "CAS303", "CAS201"}),
        (["CAS9"], [], set()),
    ],
)
def test_select_and_ignore_by_prefix(select: list[str] | None, ignore: list[str], kept: set[str]) -> None:
    found = validate(PLAN, select=select, ignore=ignore)
    assert triples(found) == [t for t in ALL if t[2] in kept]


def test_select_reaches_the_reader_codes_too() -> None:
    text = PLAN.replace("        title: Work on pipeline\n", "        title: Work on pipeline\n        titel: typo\n")
    assert [d.code for d in validate(text, select=["CAS0"])] == ["CAS003"]
    assert "CAS003" not in {d.code for d in validate(text, ignore=["CAS00"])}


# -- per-node ignore ---------------------------------------------------------------------------------


def test_per_node_ignore_silences_only_that_node_and_that_code() -> None:
    text = PLAN.replace(
        "      - id: vague-2\n        title: Work on more pipeline\n",
        "      - id: vague-2\n        title: Work on more pipeline\n        ignore: [CAS404]\n",
    )
    # vague-2's CAS404 is gone; vague-1's stays, and so do vague-2's CAS302 and CAS303 (one line lower)
    assert triples(validate(text)) == [
        (6, 5, "CAS204"),
        (13, 34, "CAS401"),
        (15, 9, "CAS404"),
        (23, 14, "CAS302"),
        (23, 14, "CAS303"),
        (24, 9, "CAS201"),
    ]


def test_per_node_ignore_of_several_codes() -> None:
    text = PLAN.replace(
        "      - id: vague-2\n        title: Work on more pipeline\n",
        "      - id: vague-2\n        title: Work on more pipeline\n        ignore: [CAS404, CAS302, CAS303]\n",
    )
    assert triples(validate(text)) == [(6, 5, "CAS204"), (13, 34, "CAS401"), (15, 9, "CAS404"), (24, 9, "CAS201")]


def test_per_node_ignore_on_a_parent_does_not_reach_its_children() -> None:
    text = PLAN.replace(
        "    owner: ana\n    due: 2027-06-30\n", "    owner: ana\n    due: 2027-06-30\n    ignore: [CAS404]\n"
    )
    assert [d.code for d in validate(text)].count("CAS404") == 2


# -- per-person ignore -------------------------------------------------------------------------------


def test_per_person_ignore_silences_what_points_at_that_person() -> None:
    text = PLAN.replace("    name: Ben Adler\n", "    name: Ben Adler\n    ignore: [CAS204]\n")
    # Ben's CAS204 is gone; the others stay, one line lower
    assert triples(validate(text)) == [(line + 1, column, code) for line, column, code in ALL[1:]]


def test_per_person_ignore_of_another_code_keeps_the_finding() -> None:
    text = PLAN.replace("    name: Ben Adler\n", "    name: Ben Adler\n    ignore: [CAS504]\n")
    assert triples(validate(text))[0] == (6, 5, "CAS204")


def test_per_person_ignore_of_a_week_overloaded() -> None:
    busy = PLAN.replace("end: 2027-06-30}", "end: 2027-06-30, policy: {max_due_per_week: 1}}").replace(
        "        due: 2027-09-30\n", "        due: 2027-03-30\n"
    )
    assert "CAS601" in {d.code for d in validate(busy)}
    quiet = busy.replace("    name: Ana Lima\n", "    name: Ana Lima\n    ignore: [CAS601]\n")
    assert "CAS601" not in {d.code for d in validate(quiet)}


def test_per_person_ignore_does_not_reach_their_nodes() -> None:
    text = PLAN.replace("    name: Ana Lima\n", "    name: Ana Lima\n    ignore: [CAS404]\n")
    assert [d.code for d in validate(text)].count("CAS404") == 2


# -- order across files --------------------------------------------------------------------------


def test_a_directory_plan_is_sorted_by_file_then_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.yaml").write_text(
        "cascade: 1\n"
        "plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}\n"
        "people:\n"
        "  - id: ana\n"
        "    name: Ana Lima\n"
        "  - id: cy\n"  # 6
        "    name: Cy Tran\n",
        encoding="utf-8",
    )
    (plans / "b.yaml").write_text(
        "objectives:\n"  # 1
        "  - id: arr\n"  # 2
        "    title: Close $100k new ARR\n"  # 3
        "    owner: ana\n"  # 4
        "    due: 2027-06-30\n"  # 5
        "    children:\n"  # 6
        "      - id: vague\n"  # 7
        "        title: Work on pipeline\n"  # 8
        "        owner: ana\n"  # 9
        "        due: 2027-03-31\n"  # 10
        "  - id: lonely\n"  # 11
        "    title: Nobody below\n"  # 12
        "people:\n"  # 13
        "  - id: ben\n"  # 14
        "    name: Ben Adler\n",  # 15
        encoding="utf-8",
    )
    found = list(cascade.validate(cascade.load("plans"), as_of=AS_OF).diagnostics)
    assert [(d.file, d.line, d.column, d.code) for d in found] == [
        (os.path.join("plans", "a.yaml"), 6, 5, "CAS204"),
        (os.path.join("plans", "b.yaml"), 7, 9, "CAS404"),
        (os.path.join("plans", "b.yaml"), 11, 5, "CAS102"),
        (os.path.join("plans", "b.yaml"), 11, 5, "CAS201"),
        (os.path.join("plans", "b.yaml"), 11, 5, "CAS301"),
        (os.path.join("plans", "b.yaml"), 11, 5, "CAS404"),
        (os.path.join("plans", "b.yaml"), 14, 5, "CAS204"),
    ]
