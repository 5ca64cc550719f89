"""``cascade schema``: the JSON Schema of a plan file on stdout."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from cascade.json_schema import json_schema
from cascade.read.yaml_file import read_file
from tests.conftest import EXAMPLE, NORTHWIND, run_cli


def test_schema_prints_a_valid_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "schema")
    assert status == 0
    assert err == ""
    schema = json.loads(out)
    Draft202012Validator.check_schema(schema)
    assert schema == json_schema()


def test_printed_schema_validates_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "schema")
    validator = Draft202012Validator(json.loads(out))
    for path in (EXAMPLE, NORTHWIND):
        assert list(validator.iter_errors(read_file(path, str(path)).data)) == []


def test_printed_schema_refuses_an_unknown_field(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "schema")
    data = read_file(EXAMPLE, str(EXAMPLE)).data
    assert isinstance(data, dict)
    data["people"][0]["nmae"] = "typo"
    assert list(Draft202012Validator(json.loads(out)).iter_errors(data))


def test_schema_is_utf8_and_ends_with_a_newline(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "schema")
    assert out.endswith("}\n")
    assert "\\u" not in out  # non-ASCII written as is


def test_schema_takes_no_argument(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "schema", "extra")
    assert status == 2
    assert out == ""


def test_schema_through_python_m_in_a_pipe() -> None:
    proc = subprocess.run([sys.executable, "-m", "cascade", "schema"], capture_output=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    assert b"\x1b[" not in proc.stdout  # no colour codes in a pipe
    assert json.loads(proc.stdout.decode("utf-8")) == json_schema()
