"""The github reporter: one workflow command per diagnostic, escaped as the Actions toolkit does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cascade import Diagnostic, Severity
from cascade.reporters import default_format
from cascade.reporters.github import command, escape_data, escape_property, render
from tests.conftest import EXAMPLE, WritePlan, run_cli
from tests.reporters.conftest import BAD, ERROR, INFO, NOWHERE, WARNING, report, written

COMMAND = re.compile(r"^::(?P<kind>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape(value: str) -> str:
    """What the runner does on its side; %25 last, so an escaped '%3A' is not decoded twice."""
    for escaped, raw in [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]:
        value = value.replace(escaped, raw)
    return value


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = dict(part.split("=", 1) for part in match["props"].split(","))
    return match["kind"], {key: unescape(value) for key, value in props.items()}, unescape(match["message"])


def test_one_command_per_diagnostic() -> None:
    out = render(report(ERROR, WARNING, INFO))
    assert out.splitlines() == [
        "::error file=plans/fy27.yaml,line=4,col=31,title=CAS006::manager of person 'a' names 'b', which is unknown",
        "::warning file=plans/fy27.yaml,line=5,col=5,title=CAS204::Cleo (c) has no commitment",
        "::notice file=plans/fy27.yaml,line=9,col=12,title=CAS303::due date outside the plan period",
    ]
    assert out.endswith("\n")


def test_unknown_place_omits_line_and_col() -> None:
    assert command(NOWHERE) == "::error file=plans,title=CAS007::no plan: header in the directory"
    line_only = Diagnostic("CAS102", Severity.ERROR, "m", "p.yaml", 7, 0)
    assert command(line_only) == "::error file=p.yaml,line=7,title=CAS102::m"


def test_empty_report_prints_nothing() -> None:
    assert render(report()) == ""
    assert written("github", report()) == ""


def test_escaping_of_message() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"


def test_escaping_of_property() -> None:
    assert escape_property("q1: a,b 5%\n") == "q1%3A a%2Cb 5%25%0A"


def test_escaping_in_a_whole_command() -> None:
    odd = Diagnostic("CAS004", Severity.WARNING, "target 100%\nnot: a, number", "dir,1/q:1 50%.yaml", 3, 2)
    line = command(odd)
    assert line == "::warning file=dir%2C1/q%3A1 50%25.yaml,line=3,col=2,title=CAS004::target 100%25%0Anot: a, number"
    assert "\n" not in line
    assert parse(line) == (
        "warning",
        {"file": "dir,1/q:1 50%.yaml", "line": "3", "col": "2", "title": "CAS004"},
        "target 100%\nnot: a, number",
    )


@given(st.text())
def test_escaped_property_round_trips_and_cannot_break_the_command(value: str) -> None:
    escaped = escape_property(value)
    assert not set(escaped) & set("\r\n:,")
    assert unescape(escaped) == value


@given(st.text())
def test_escaped_message_round_trips_on_one_line(value: str) -> None:
    escaped = escape_data(value)
    assert not set(escaped) & set("\r\n")
    assert unescape(escaped) == value


# -- through the command line --------------------------------------------------------------


def test_cli_format_github(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    path = write_plan(BAD)
    status, out, err = run_cli(capsys, "validate", "--format", "github", str(path))
    assert status == 1
    commands = [parse(line) for line in out.splitlines()]
    assert ("error", {"file": str(path), "line": "4", "col": "31", "title": "CAS006"}) in [c[:2] for c in commands]
    assert err == ""  # the summary line belongs to the text format only


def test_github_is_chosen_under_github_actions(
    capsys: pytest.CaptureFixture[str], write_plan: WritePlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(write_plan(BAD))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    status, out, err = run_cli(capsys, "validate", path)
    assert status == 1
    assert out.splitlines()
    assert all(COMMAND.match(line) for line in out.splitlines())
    assert err == ""
    _, out, err = run_cli(capsys, "validate", "--format", "text", path)  # an explicit choice wins
    assert out.startswith(path + ":")
    assert "error" in err


def test_text_stays_the_default_elsewhere(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    status, out, err = run_cli(capsys, "validate", str(EXAMPLE))
    assert (status, out) == (0, "")
    assert "no problems" in err


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "text"),
        ({"GITHUB_ACTIONS": "true"}, "github"),
        ({"GITHUB_ACTIONS": "TRUE"}, "github"),
        ({"CI": "true"}, "text"),
    ],
)
def test_default_format(environ: dict[str, str], expected: str) -> None:
    assert default_format(environ) == expected
