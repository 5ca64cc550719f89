"""``cascade validate``: exit statuses, the text and JSON formats, filters, and no traceback ever."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cascade
from cascade.cli import main
from cascade.store import file_cache as cache
from tests.conftest import EXAMPLE, HEADER, WritePlan, assert_one_line_error, example_text, place_of, run_cli
from tests.test_bench_generate import write

LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): "
    r"(?P<code>CAS\d{3}) (?P<severity>error|warning|info): (?P<message>.+)$"
)
STRUCTURE = ("--select", "CAS0")
"""The structure codes only: the later rules would speak about these small plans too."""
CLEAN = ("--as-of", "2027-01-01", str(EXAMPLE))
"""The example plan, checked on a fixed day (CAS304, overdue, depends on the day)."""
BAD = HEADER + "people:\n  - {id: a, name: A, manager: b}\n  - {id: c, name: C, rol: x}\n"
"""Two faults: an unknown manager (CAS006) on line 4 and an unknown field (CAS003) on line 5."""


def json_of(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    status, out, _ = run_cli(capsys, "validate", "--format", "json", *argv)
    payload = json.loads(out)
    assert isinstance(payload, dict)
    return status, payload


# -- exit statuses ------------------------------------------------------------------------


def test_clean_plan_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "validate", *CLEAN)
    assert status == 0
    assert out == ""
    assert "no problems" in err


def test_errors_exit_1(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    status, out, err = run_cli(capsys, "validate", *STRUCTURE, str(write_plan(BAD)))
    assert status == 1
    assert len(out.splitlines()) == 2
    assert "2 errors" in err


def test_missing_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run_cli(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert status == 2
    assert out == ""
    assert "nope.yaml" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--bogus", "PLAN"],
        ["validate", "--format", "xml", "PLAN"],
        ["validate", "--select", "CASXYZ", "PLAN"],
        ["validate", "--ignore", "nonsense", "PLAN"],
        ["validate", "--as-of", "someday", "PLAN"],
        ["validate", "--max-depth", "0", "PLAN"],
        ["validate"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    argv = [str(EXAMPLE) if a == "PLAN" else a for a in argv]
    status, out, err = run_cli(capsys, *argv)
    assert status == 2
    assert "Traceback" not in out + err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "--version")
    assert status == 0
    assert out.strip() == f"cascade {cascade.__version__}"


def test_errors_in_one_of_several_paths_exit_1(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    bad = write_plan(BAD, "bad.yaml")
    status, out, err = run_cli(capsys, "validate", *STRUCTURE, str(EXAMPLE), str(bad))
    assert status == 1
    assert {LINE.match(line)["file"] for line in out.splitlines()} == {str(bad)}  # type: ignore[index]
    assert "2 plans" in err


# -- text format --------------------------------------------------------------------------


def test_text_lines(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    path = write_plan(BAD)
    _, out, _ = run_cli(capsys, "validate", *STRUCTURE, str(path))
    parsed = [LINE.match(line) for line in out.splitlines()]
    assert all(parsed)
    assert [(m["file"], int(m["line"]), int(m["column"]), m["code"], m["severity"]) for m in parsed if m] == [
        (str(path), *place_of(BAD, "b}"), "CAS006", "error"),
        (str(path), *place_of(BAD, "rol"), "CAS003", "error"),
    ]
    assert "did you mean 'role'" in out


def test_text_line_for_a_plan_that_cannot_be_read(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    path = write_plan(HEADER + "people: [{id: a\n")
    status, out, _ = run_cli(capsys, "validate", str(path))
    assert status == 1
    match = LINE.match(out.strip())
    assert match is not None
    assert (match["file"], match["line"], match["code"]) == (str(path), "4", "CAS001")


def test_file_is_shown_as_given(
    capsys: pytest.CaptureFixture[str], write_plan: WritePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plan(BAD, "plans/fy27.yaml")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(capsys, "validate", *STRUCTURE, "plans/fy27.yaml")
    assert out.startswith("plans/fy27.yaml:4:")


def test_no_color_gives_plain_text(
    capsys: pytest.CaptureFixture[str], write_plan: WritePlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, err = run_cli(capsys, "validate", str(write_plan(BAD)))
    assert "\x1b" not in out + err


# -- JSON format --------------------------------------------------------------------------


def test_json_is_exactly_the_spec_object(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    path = write_plan(BAD)
    status, payload = json_of(capsys, *STRUCTURE, str(path))
    assert status == 1
    assert payload == {
        "diagnostics": [
            {
                "code": "CAS006",
                "severity": "error",
                "message": payload["diagnostics"][0]["message"],  # type: ignore[index]
                "file": str(path),
                "line": 4,
                "column": 31,
                "ids": ["a", "b"],
            },
            {
                "code": "CAS003",
                "severity": "error",
                "message": "unknown field 'rol' in person 'c'; did you mean 'role'?",
                "file": str(path),
                "line": 5,
                "column": 22,
                "ids": [],
            },
        ],
        "summary": {"errors": 2, "warnings": 0, "infos": 0},
    }


def test_json_of_a_clean_plan(capsys: pytest.CaptureFixture[str]) -> None:
    status, payload = json_of(capsys, *CLEAN)
    assert status == 0
    assert payload == {"diagnostics": [], "summary": {"errors": 0, "warnings": 0, "infos": 0}}


def test_json_of_a_plan_that_cannot_be_read(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    status, payload = json_of(capsys, str(write_plan(b"\x89PNG\r\n\x1a\n\x00\x00")))
    assert status == 1
    diagnostics = payload["diagnostics"]
    assert isinstance(diagnostics, list)
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics] == [("CAS008", 1, 1)]


def test_json_prints_nothing_but_json(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    _, out, _ = run_cli(capsys, "validate", "--format", "json", str(write_plan(BAD)))
    assert out.lstrip().startswith("{")
    assert out.rstrip().endswith("}")
    json.loads(out)


# -- filters and caps ---------------------------------------------------------------------


def test_select(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    status, payload = json_of(capsys, "--select", "CAS003", str(write_plan(BAD)))
    assert status == 1
    assert [d["code"] for d in payload["diagnostics"]] == ["CAS003"]  # type: ignore[attr-defined]


def test_select_a_prefix_and_lower_case(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    _, payload = json_of(capsys, "--select", "cas00", str(write_plan(BAD)))
    assert [d["code"] for d in payload["diagnostics"]] == ["CAS006", "CAS003"]  # type: ignore[attr-defined]


def test_ignore(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    path = str(write_plan(BAD))
    status, payload = json_of(capsys, *STRUCTURE, "--ignore", "CAS003", path)
    assert status == 1
    assert [d["code"] for d in payload["diagnostics"]] == ["CAS006"]  # type: ignore[attr-defined]
    status, payload = json_of(capsys, *STRUCTURE, "--ignore", "CAS003,CAS006", path)
    assert status == 0
    assert payload["diagnostics"] == []
    status, payload = json_of(capsys, *STRUCTURE, "--ignore", "CAS003", "--ignore", "CAS006", path)
    assert status == 0
    _, payload = json_of(capsys, "--ignore", "CAS003", path)
    assert "CAS003" not in [d["code"] for d in payload["diagnostics"]]  # type: ignore[attr-defined]


def test_warnings_exit_0_unless_strict(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    text = BAD.replace("end: 2027-06-30}", "end: 2027-06-30, checks: {severity: {CAS006: warning, CAS003: info}}}")
    path = str(write_plan(text))
    status, payload = json_of(capsys, *STRUCTURE, path)
    assert status == 0
    assert payload["summary"] == {"errors": 0, "warnings": 1, "infos": 1}
    status, _ = json_of(capsys, *STRUCTURE, "--strict", path)
    assert status == 1


def test_cap_flags(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    path = str(write_plan(example_text()))
    for flag, value in [("--max-file-size", "1000"), ("--max-depth", "3"), ("--max-aliases", "1")]:
        status, payload = json_of(capsys, "--as-of", "2027-01-01", flag, value, path)
        codes = [d["code"] for d in payload["diagnostics"]]  # type: ignore[attr-defined]
        if flag == "--max-aliases":  # the example has no alias: nothing to refuse
            assert (status, codes) == (0, [])
        else:
            assert (status, codes) == (1, ["CAS008"])


# -- never a traceback --------------------------------------------------------------------


def bomb() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    return HEADER + text


BAD_INPUTS: dict[str, str | bytes] = {
    "unclosed-flow": HEADER + "people: [{id: a, name: A\n",
    "tab": HEADER + "people:\n  - id: a\n\tname: A\n",
    "two-documents": HEADER + "---\n" + HEADER,
    "undefined-alias": HEADER + "people: [{id: a, name: *nope}]\n",
    "duplicate-key": HEADER + "people:\n  - id: a\n    name: A\n    name: B\n",
    "unknown-field": HEADER + "people: [{id: a, name: A, rol: x}]\n",
    "merge-key": HEADER + "people:\n  - id: a\n    name: A\n    <<: {role: AE}\n",
    "bad-date": HEADER + "objectives: [{id: n, title: T, due: 2027-02-30}]\n",
    "bad-month": HEADER + "objectives: [{id: n, title: T, due: 2027-13}]\n",
    "bad-week": HEADER + "objectives: [{id: n, title: T, due: 2027-W54}]\n",
    "negative-target": HEADER + "objectives: [{id: n, title: T, measure: {target: -1}}]\n",
    "target-lots": HEADER + "objectives: [{id: n, title: T, measure: {target: lots}}]\n",
    "personal-yes": HEADER + "objectives: [{id: n, title: T, personal: yes}]\n",
    "missing-title": HEADER + "objectives: [{id: n}]\n",
    "id-with-space": HEADER + "people: [{id: a b, name: A}]\n",
    "bad-status": HEADER + "objectives: [{id: n, title: T, status: finished}]\n",
    "ends-before-start": "cascade: 1\nplan: {name: D, start: 2027-06-30, end: 2027-01-01}\n",
    "duplicate-id": HEADER + "people: [{id: a, name: A}]\nobjectives: [{id: a, title: T}]\n",
    "unknown-owner": HEADER + "objectives: [{id: n, title: T, owner: ghost}]\n",
    "no-version": "plan: {name: D, start: 2027-01-01, end: 2027-06-30}\n",
    "version-2": "cascade: 2\nplan: {name: D, start: 2027-01-01, end: 2027-06-30}\n",
    "version-text": 'cascade: "1"\nplan: {name: D, start: 2027-01-01, end: 2027-06-30}\n',
    "no-header": "cascade: 1\npeople: []\n",
    "empty": "",
    "list": "- a\n- b\n",
    "scalar": "hello\n",
    "python-tag": HEADER + 'people:\n  - !!python/object/apply:os.system ["echo hi"]\n',
    "include-tag": HEADER + "people: !include other.yaml\n",
    "alias-bomb": bomb(),
    "deep-flow": "[" * 20_000 + "]" * 20_000,
    "deep-block": "- " * 20_000 + "x\n",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00",
    "utf16": (HEADER + "people: []\n").encode("utf-16"),
    "nul": HEADER + 'people: [{id: a, name: "x\x00"}]\n',
    "section-not-a-list": HEADER + "people: {id: a}\n",
    "complex-key": HEADER + "people:\n  - ? [x]\n    : y\n",
}


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_is_reported_not_crashed_on(
    capsys: pytest.CaptureFixture[str], write_plan: WritePlan, name: str, fmt: str
) -> None:
    path = write_plan(BAD_INPUTS[name], f"{name}.yaml")
    status, out, err = run_cli(capsys, "validate", "--format", fmt, str(path))
    assert "Traceback" not in out + err
    assert "internal error" not in out + err
    assert status == 1
    if fmt == "json":
        payload = json.loads(out)
        assert payload["summary"]["errors"] >= 1
        assert any(d["code"].startswith("CAS00") for d in payload["diagnostics"])
    else:
        assert all(LINE.match(line) for line in out.splitlines())


def test_a_directory_without_plans_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run_cli(capsys, "validate", str(tmp_path))
    assert status == 1
    assert "CAS007" in out
    assert "Traceback" not in out + err


# -- as a program -------------------------------------------------------------------------


def cascade_program(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cascade", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def test_python_m_cascade_on_the_example() -> None:
    proc = cascade_program("validate", "--format", "json", *CLEAN)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"diagnostics": [], "summary": {"errors": 0, "warnings": 0, "infos": 0}}


def test_python_m_cascade_on_bad_input(write_plan: WritePlan) -> None:
    path = write_plan(BAD_INPUTS["python-tag"], "tag.yaml")
    proc = cascade_program("validate", str(path))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    match = LINE.match(proc.stdout.strip())
    assert match is not None
    assert (match["line"], match["column"], match["code"]) == ("4", "5", "CAS008")
    proc = cascade_program("validate", str(path.with_name("missing.yaml")))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr


EVERY_FAULT = Path(__file__).parent.parent / "data" / "faults" / "every-fault.yaml"


def test_the_program_writes_all_its_output_before_it_leaves(capsys: pytest.CaptureFixture[str]) -> None:
    """The program leaves without freeing the plan (os._exit): nothing written may be lost."""
    argv = ["validate", "--no-cache", "--as-of", "2027-01-01", "--format", "json", str(EVERY_FAULT)]
    assert main(argv) == 1
    in_process = capsys.readouterr().out
    proc = cascade_program(*argv)
    assert proc.returncode == 1
    assert proc.stdout == in_process
    assert len(json.loads(proc.stdout)["diagnostics"]) > 20


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    plan = write(tmp_path, "file", people=2000, faults=0.2)  # output far beyond a pipe's buffer
    argv = [sys.executable, "-m", "cascade", "validate", "--no-cache", "--format", "json", str(plan)]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.read(1)
        proc.stdout.close()  # like `| head -c 1`
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) in (0, 1, 2)
    assert "Traceback" not in err


def test_python_m_cascade_no_color_when_piped(write_plan: WritePlan) -> None:
    proc = cascade_program("validate", *STRUCTURE, str(write_plan(BAD)), env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout + proc.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_no_color_on_a_terminal_gives_no_escape_codes(write_plan: WritePlan) -> None:

    path = write_plan(BAD)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    env.update({"NO_COLOR": "1", "TERM": "xterm-256color"})
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "cascade", "validate", *STRUCTURE, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=follower,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO once the terminal is drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    output = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 1
    assert "CAS006" in output
    assert "\x1b" not in output


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_a_repeat_run_prints_exactly_what_the_first_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """The second run replays the kept verdict (nothing changed): same bytes, same status."""

    monkeypatch.setattr(cache, "RACY_NS", 0)  # the plan was written just now
    monkeypatch.setenv("NO_COLOR", "1")
    plan = tmp_path / "plan.yaml"
    plan.write_text(example_text().replace("owner: ", "owner: ghost-", 1), encoding="utf-8")
    argv = ["validate", str(plan), "--as-of", "2027-01-01", "--format", fmt]
    first = run_cli(capsys, *argv)
    assert first[0] == 1
    assert list((tmp_path / ".cascade_cache").glob("*.verdict"))
    assert run_cli(capsys, *argv) == first
    assert run_cli(capsys, *argv, "--no-cache") == first


def test_messages_print_names_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rich would turn ':fire:' into a picture; a name is printed as the user wrote it."""
    status, out, err = run_cli(capsys, "validate", str(tmp_path / ":fire:.yaml"))
    assert_one_line_error(status, out, err, ":fire:.yaml")
