"""A plan with faults of every code: each is reported once, with a message that names people and objectives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cascade.cli import main
from cascade.rules import REGISTRY

FAULTS = Path(__file__).resolve().parent.parent / "data" / "faults"
FILES = sorted(str(p) for p in FAULTS.glob("*.yaml"))


def run_json(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]]]:
    status = main(["validate", "--as-of", "2026-11-27", "--format", "json", *FILES])
    return status, json.loads(capsys.readouterr().out)["diagnostics"]


def test_every_code_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    status, diagnostics = run_json(capsys)
    assert status == 1
    assert {d["code"] for d in diagnostics} == set(REGISTRY)


def test_messages_name_people_and_objectives_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    _, diagnostics = run_json(capsys)
    messages: dict[str, str] = {}
    for d in diagnostics:
        messages[str(d["code"])] = messages.get(str(d["code"]), "") + " | " + str(d["message"])
    assert "Follow up every lead" in messages["CAS201"]
    assert "Run a demo day" in messages["CAS202"]
    assert "Marco Ruiz" in messages["CAS202"]
    assert "Sam Stray" in messages["CAS203"]
    assert "Ida Lee" in messages["CAS204"] or "Gus Host" in messages["CAS204"]
    assert "Dana Whitfield" in messages["CAS205"]
    assert "Clean the CRM" in messages["CAS301"]
    assert "50%" in messages["CAS401"]
    assert "900%" in messages["CAS402"]
    assert "EUR" in messages["CAS403"]
    assert "First discovery call" in messages["CAS501"]
    assert "Contract reviews take three weeks" in messages["CAS503"]
    assert "loop-a -> loop-b -> loop-a" in messages["CAS101"]


def test_every_diagnostic_has_a_place(capsys: pytest.CaptureFixture[str]) -> None:
    _, diagnostics = run_json(capsys)
    for d in diagnostics:
        assert str(d["file"]).endswith(".yaml")
        assert isinstance(d["line"], int)
        assert d["line"] >= 1
        assert isinstance(d["column"], int)
        assert d["column"] >= 1


def test_text_output_is_compiler_style(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["validate", "--as-of", "2026-11-27", *FILES])
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert any(":3:7: CAS001 error: YAML syntax error" in line for line in out)
    assert all(line.count(":") >= 4 for line in out)
