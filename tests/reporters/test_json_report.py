"""The json reporter: exactly the object of the format page's "Diagnostics as data"."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cascade import Diagnostic, Severity
from tests.conftest import EXAMPLE, WritePlan, run_cli
from tests.reporters.conftest import BAD, ERROR, INFO, NOWHERE, WARNING, report, written


def payload_of(*diagnostics: Diagnostic) -> Any:
    body = written("json", report(*diagnostics))
    assert isinstance(body, str)
    assert body.endswith("}\n")
    return json.loads(body)


def test_shape() -> None:
    assert payload_of(ERROR, WARNING, INFO) == {
        "diagnostics": [
            {
                "code": "CAS006",
                "severity": "error",
                "message": ERROR.message,
                "file": "plans/fy27.yaml",
                "line": 4,
                "column": 31,
                "ids": ["a", "b"],
            },
            {
                "code": "CAS204",
                "severity": "warning",
                "message": WARNING.message,
                "file": "plans/fy27.yaml",
                "line": 5,
                "column": 5,
                "ids": ["c"],
            },
            {
                "code": "CAS303",
                "severity": "info",
                "message": INFO.message,
                "file": "plans/fy27.yaml",
                "line": 9,
                "column": 12,
                "ids": ["n"],
            },
        ],
        "summary": {"errors": 1, "warnings": 1, "infos": 1},
    }


def test_unknown_place_is_null() -> None:
    (only,) = payload_of(NOWHERE)["diagnostics"]
    assert (only["file"], only["line"], only["column"], only["ids"]) == ("plans", None, None, [])


def test_empty_report() -> None:
    assert payload_of() == {"diagnostics": [], "summary": {"errors": 0, "warnings": 0, "infos": 0}}


def test_text_is_kept_as_written() -> None:
    odd = Diagnostic("CAS003", Severity.ERROR, 'Tomás said "no"\n', "équipe.yaml", 1, 1)
    body = written("json", report(odd))
    assert isinstance(body, str)
    assert "Tomás" in body  # not \u00e1: readable in a terminal and a diff
    assert json.loads(body)["diagnostics"][0]["message"] == odd.message


# -- through the command line --------------------------------------------------------------


def test_cli_format_json(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    path = write_plan(BAD)
    status, out, err = run_cli(capsys, "validate", "--format", "json", str(path))
    assert status == 1
    assert err == ""
    payload = json.loads(out)
    assert {(d["code"], d["file"], d["line"], d["column"]) for d in payload["diagnostics"]} >= {
        ("CAS006", str(path), 4, 31),
        ("CAS003", str(path), 5, 22),
    }
    assert payload["summary"]["errors"] == 2


def test_cli_json_of_a_clean_plan(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "validate", "--format", "json", str(EXAMPLE))
    assert status == 0
    assert json.loads(out) == {"diagnostics": [], "summary": {"errors": 0, "warnings": 0, "infos": 0}}
