"""The text reporter: compiler-style lines on stdout, the summary line on stderr."""

from __future__ import annotations

import pytest
from rich.text import Text

from cascade import Diagnostic, Severity
from cascade.cli.options import ReportFormat as Format
from cascade.reporters import REPORTERS
from cascade.reporters.text import line, render, summary
from tests.conftest import EXAMPLE, WritePlan, run_cli
from tests.reporters.conftest import BAD, ERROR, INFO, NOWHERE, WARNING, report, written


def test_lines() -> None:
    assert render(report(ERROR, WARNING, INFO)).plain.splitlines() == [
        f"plans/fy27.yaml:4:31: CAS006 error: {ERROR.message}",
        f"plans/fy27.yaml:5:5: CAS204 warning: {WARNING.message}",
        f"plans/fy27.yaml:9:12: CAS303 info: {INFO.message}",
    ]


def test_place_when_not_fully_known() -> None:
    assert line(NOWHERE).plain == f"plans: CAS007 error: {NOWHERE.message}"
    no_column = Diagnostic("CAS102", Severity.ERROR, "m", "p.yaml", 7)
    assert line(no_column).plain == "p.yaml:7:1: CAS102 error: m"


def test_styled_for_a_terminal() -> None:
    body = written("text", report(ERROR))
    assert isinstance(body, Text)
    assert body.spans  # the console drops the styles when piped or with NO_COLOR


def test_empty_report() -> None:
    assert render(report()).plain == ""


@pytest.mark.parametrize(
    ("diagnostics", "plans", "expected"),
    [
        ((), 1, "All clear: no problems in 1 plan."),
        ((ERROR,), 1, "Found 1 error, 0 warnings in 1 plan."),
        ((ERROR, NOWHERE, WARNING, INFO), 2, "Found 2 errors, 1 warning, 1 info in 2 plans."),
    ],
)
def test_summary(diagnostics: tuple[Diagnostic, ...], plans: int, expected: str) -> None:
    assert summary(report(*diagnostics), plans) == expected


def test_every_format_of_the_cli_has_a_reporter() -> None:
    assert {f.value for f in Format} == set(REPORTERS)


# -- through the command line --------------------------------------------------------------


def test_cli_format_text(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    path = write_plan(BAD)
    status, out, err = run_cli(capsys, "validate", "--format", "text", str(path))
    assert status == 1
    assert f"{path}:4:31: CAS006 error: " in out
    assert f"{path}:5:22: CAS003 error: unknown field 'rol'" in out
    assert err.startswith("Found 2 errors")
    assert err.count("\n") == 1


def test_cli_text_of_a_clean_plan(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "validate", "--format", "text", str(EXAMPLE))
    assert (status, out, err) == (0, "", "All clear: no problems in 1 plan.\n")
