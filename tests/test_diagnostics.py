"""Diagnostics (cascade.diagnostics): places as people read them, the JSON shape, the report that sorts and counts."""

from __future__ import annotations

import dataclasses

import pytest

from cascade.diagnostics import UNKNOWN, Diagnostic, Finding, Location, Report, Severity


def diagnostic(code: str, severity: Severity, file: str = "plan.yaml", line: int = 0, column: int = 0) -> Diagnostic:
    return Diagnostic(code, severity, f"{code} here", file, line, column)


# -- places -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "text"),
    [
        (Location("plans/fy27.yaml", 4, 31), "plans/fy27.yaml:4:31"),
        (Location("plans/fy27.yaml", 4), "plans/fy27.yaml:4:1"),
        (Location("plans/fy27.yaml"), "plans/fy27.yaml"),
        (Location("plans", 0, 7), "plans"),
        (UNKNOWN, "<plan>"),
    ],
    ids=["line-and-column", "line-only", "file-only", "column-without-line", "unknown"],
)
def test_a_location_reads_as_file_line_column(where: Location, text: str) -> None:
    assert str(where) == text


def test_a_diagnostic_knows_its_location() -> None:
    found = Diagnostic("CAS006", Severity.ERROR, "m", "p.yaml", 3, 9, ("a", "b"))
    assert found.location == Location("p.yaml", 3, 9)
    assert str(found.location) == "p.yaml:3:9"


def test_diagnostics_and_findings_are_values() -> None:
    one = Diagnostic("CAS006", Severity.ERROR, "m", "p.yaml", 3, 9, ("a",))
    assert one == Diagnostic("CAS006", Severity.ERROR, "m", "p.yaml", 3, 9, ("a",))
    assert len({one, dataclasses.replace(one)}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.line = 4  # type: ignore[misc]
    assert Finding("CAS006", "m", Location("p.yaml", 3)).ids == ()


# -- severities -------------------------------------------------------------------------------


def test_a_severity_is_its_name() -> None:
    assert [s.value for s in Severity] == ["error", "warning", "info", "off"]
    assert Severity("warning") is Severity.WARNING
    assert isinstance(Severity.ERROR, str)
    with pytest.raises(ValueError, match="loud"):
        Severity("loud")


# -- as data ----------------------------------------------------------------------------------


def test_to_dict_is_the_json_shape_with_unknown_places_as_null() -> None:
    placed = Diagnostic("CAS204", Severity.WARNING, "Cleo (c) has no commitment", "p.yaml", 5, 5, ("c",))
    assert placed.to_dict() == {
        "code": "CAS204",
        "severity": "warning",
        "message": "Cleo (c) has no commitment",
        "file": "p.yaml",
        "line": 5,
        "column": 5,
        "ids": ["c"],
    }
    nowhere = Diagnostic("CAS007", Severity.ERROR, "no plan: header", "plans")
    assert nowhere.to_dict() == {
        "code": "CAS007",
        "severity": "error",
        "message": "no plan: header",
        "file": "plans",
        "line": None,
        "column": None,
        "ids": [],
    }


def test_sort_key_orders_by_file_line_column_code_then_message() -> None:
    given = [
        Diagnostic("CAS006", Severity.ERROR, "b", "b.yaml", 1, 1),
        Diagnostic("CAS006", Severity.ERROR, "b", "a.yaml", 2, 1),
        Diagnostic("CAS006", Severity.ERROR, "b", "a.yaml", 1, 9),
        Diagnostic("CAS006", Severity.ERROR, "a", "a.yaml", 1, 9),
        Diagnostic("CAS003", Severity.INFO, "z", "a.yaml", 1, 9),
        Diagnostic("CAS999", Severity.ERROR, "z", "a.yaml", 0, 0),
    ]
    assert [(d.file, d.line, d.column, d.code, d.message) for d in sorted(given, key=Diagnostic.sort_key)] == [
        ("a.yaml", 0, 0, "CAS999", "z"),
        ("a.yaml", 1, 9, "CAS003", "z"),
        ("a.yaml", 1, 9, "CAS006", "a"),
        ("a.yaml", 1, 9, "CAS006", "b"),
        ("a.yaml", 2, 1, "CAS006", "b"),
        ("b.yaml", 1, 1, "CAS006", "b"),
    ]


# -- the report -------------------------------------------------------------------------------


def test_extend_keeps_the_report_sorted_by_place() -> None:
    report = Report()
    report.extend([diagnostic("CAS201", Severity.ERROR, "b.yaml", 3), diagnostic("CAS204", Severity.WARNING, line=9)])
    report.extend([diagnostic("CAS303", Severity.INFO, line=2), diagnostic("CAS102", Severity.ERROR, "b.yaml", 1)])
    assert [(d.file, d.line) for d in report] == [("b.yaml", 1), ("b.yaml", 3), ("plan.yaml", 2), ("plan.yaml", 9)]
    assert report.codes() == ["CAS102", "CAS201", "CAS303", "CAS204"]
    assert len(report) == 4


def test_a_report_counts_each_severity_and_off_in_none() -> None:
    report = Report()
    report.extend(
        [
            diagnostic("CAS201", Severity.ERROR, line=1),
            diagnostic("CAS204", Severity.WARNING, line=2),
            diagnostic("CAS205", Severity.WARNING, line=3),
            diagnostic("CAS303", Severity.INFO, line=4),
            diagnostic("CAS404", Severity.OFF, line=5),
        ]
    )
    assert [d.code for d in report.errors] == ["CAS201"]
    assert [d.code for d in report.warnings] == ["CAS204", "CAS205"]
    assert [d.code for d in report.infos] == ["CAS303"]
    assert report.summary() == {"errors": 1, "warnings": 2, "infos": 1}
    assert not report.ok


@pytest.mark.parametrize(
    ("severities", "ok"),
    [
        ((), True),
        ((Severity.WARNING, Severity.INFO, Severity.OFF), True),
        ((Severity.INFO, Severity.ERROR), False),
    ],
    ids=["empty", "no-error", "one-error"],
)
def test_a_report_is_ok_when_it_holds_no_error(severities: tuple[Severity, ...], ok: bool) -> None:
    report = Report([diagnostic(f"CAS10{i}", s, line=i) for i, s in enumerate(severities)])
    assert report.ok is ok


def test_an_empty_report_counts_nothing() -> None:
    report = Report()
    assert (list(report), len(report), report.codes()) == ([], 0, [])
    assert report.summary() == {"errors": 0, "warnings": 0, "infos": 0}
    assert Report().diagnostics is not report.diagnostics  # each report has a list of its own
