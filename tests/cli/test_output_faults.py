"""Output the machine refuses: every command says in one line what could not be written (exit 2),
and a reader that stops early (``| head``) ends it quietly (exit 0, nothing on stderr)."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from cascade import starters
from cascade.cli import main
from tests.conftest import HEADER, NORTHWIND, WritePlan, assert_one_line_error, run_cli
from tests.faults import refuse

RENDER = ("render", str(NORTHWIND), "--no-cache", "--person", "priya", "--as-of", "2027-02-20")
COMMITMENTS = 1500


def big_plan(write_plan: WritePlan) -> Path:
    """A plan whose report and graph are far larger than a pipe holds (64 KB), so that the
    command is still writing when the reader goes away."""
    lines = [
        HEADER,
        "people:\n  - {id: lea, name: Lea Berg}\nobjectives:\n",
        "  - {id: top, title: Win the year, owner: lea, due: 2027-06-30, done_when: Won}\n",
    ]
    lines += [
        f"  - {{id: c{i}, title: Commitment number {i} with a title of some length, owner: lea,"
        f" supports: [top], due: 2027-03-31, done_when: Signed}}\n"
        for i in range(COMMITMENTS)
    ]
    return write_plan("".join(lines))


def cascade(*argv: str) -> subprocess.Popen[bytes]:
    """cascade in a process of its own, as a shell pipeline runs it."""
    # With PYTHONUNBUFFERED, a write cut short by the reader leaving is dropped without an
    # error (the text layer ignores a partial write to an unbuffered file): no pipe to close.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.Popen(
        [sys.executable, "-m", "cascade", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )


def fail_with(code: int) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return fail


# -- render: the file system says no ----------------------------------------------------------


def test_render_onto_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    refuse(monkeypatch, tmp_path, errno.ENOSPC, at="write")
    status, out, err = run_cli(capsys, *RENDER, "--out", str(tmp_path / "briefs"))
    assert_one_line_error(status, out, err, "cannot write ", "priya.md", ": No space left on device")
    assert list((tmp_path / "briefs").iterdir()) == []


def test_render_into_a_folder_not_writable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    refuse(monkeypatch, tmp_path, errno.EACCES)  # the tests run as root: simulated
    status, out, err = run_cli(capsys, *RENDER, "--out", str(tmp_path))
    assert_one_line_error(status, out, err, f"cannot write {tmp_path / 'priya.md'}: Permission denied")


def test_render_onto_a_read_only_file_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(Path, "mkdir", fail_with(errno.EROFS))
    status, out, err = run_cli(capsys, *RENDER, "--out", str(tmp_path / "briefs"))
    assert_one_line_error(status, out, err, "cannot write ", "briefs: Read-only file system")


def test_render_out_a_link_that_leads_nowhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "briefs"
    link.symlink_to(tmp_path / "elsewhere" / "briefs")
    status, out, err = run_cli(capsys, *RENDER, "--out", str(link))
    assert_one_line_error(status, out, err, f"cannot write {link}: it is a symbolic link to ", "elsewhere")
    assert not (tmp_path / "elsewhere").exists()


def test_render_with_a_template_that_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "brief.md.j2").write_text("{{ brief.person.name }}\n", encoding="utf-8")

    def denied(path: str, *args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)

    monkeypatch.setattr(jinja2.loaders, "open", denied, raising=False)
    status, out, err = run_cli(
        capsys, *RENDER, "--out", str(tmp_path / "out"), "-f", "md", "--templates", str(tmp_path)
    )
    assert_one_line_error(status, out, err, f"cannot read template {tmp_path / 'brief.md.j2'}: Permission denied")


def test_render_with_a_folder_for_a_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "brief.md.j2").mkdir()
    status, out, err = run_cli(
        capsys, *RENDER, "--out", str(tmp_path / "out"), "-f", "md", "--templates", str(tmp_path)
    )
    assert_one_line_error(status, out, err, "cannot read template ", "brief.md.j2: Is a directory")


def test_an_os_error_a_command_lets_out_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever the file system refuses where no command expected it: never 'internal error'."""

    def refuse(*args: object, **kwargs: object) -> object:
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(tmp_path / "x"))

    monkeypatch.setattr(starters, "init", refuse)
    status, out, err = run_cli(capsys, "init", str(tmp_path))
    assert_one_line_error(status, out, err, f"{tmp_path / 'x'}: Input/output error")


# -- standard output full ---------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv",
    [("rules",), ("schema",), ("graph", str(NORTHWIND)), ("validate", str(NORTHWIND), "--no-cache", "-f", "json")],
    ids=["rules", "schema", "graph", "validate"],
)
def test_standard_output_on_a_full_device(argv: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "cascade", *argv], stdout=full, stderr=subprocess.PIPE, check=False, timeout=120
        )
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.startswith("cascade: error: ")
    assert "No space left on device" in err
    assert len(err.strip().splitlines()) == 1, err


# -- a reader that stops early ----------------------------------------------------------------


class ClosedPipe(io.TextIOBase):
    """A standard output whose reader has gone away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


@pytest.mark.parametrize(
    "argv",
    [
        ("rules",),
        ("rules", "CAS004"),
        ("schema",),
        ("graph", str(NORTHWIND)),
        ("validate", "BIG", "--as-of", "2028-01-01"),
    ],
    ids=["rules", "one rule", "schema", "graph", "validate"],
)
def test_a_closed_pipe_ends_main_quietly(
    argv: tuple[str, ...],
    write_plan: WritePlan,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = tuple(str(big_plan(write_plan)) if a == "BIG" else a for a in argv)
    closed = ClosedPipe()
    monkeypatch.setattr(sys, "stdout", closed)
    assert main([*argv, *(["--no-cache"] if argv[0] == "validate" else [])]) == 0
    assert capsys.readouterr().err == ""
    assert sys.stdout is closed  # main leaves the process's streams as they were


@pytest.mark.parametrize(
    "argv",
    [("rules",), ("rules", "CAS004"), ("schema",), ("rules", "--format", "markdown")],
    ids=["rules", "one rule", "schema", "markdown"],
)
def test_a_pipe_closed_before_anything_is_read(argv: tuple[str, ...]) -> None:
    proc = cascade(*argv)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before cascade has even started
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert err == b""


def test_rules_piped_to_head_one_line() -> None:
    proc = cascade("rules")
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b"CAS001 ")
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert err == b""


@pytest.mark.parametrize(
    ("argv", "read"),
    [
        (("validate", "BIG", "--as-of", "2028-01-01", "--no-cache"), None),
        (("validate", "BIG", "--as-of", "2028-01-01", "--no-cache", "-f", "json"), None),
        (("graph", "BIG"), 10),
        (("graph", "BIG", "-f", "dot"), 10),
        (("trace", "BIG", "lea"), None),
    ],
    ids=["validate", "validate json", "graph", "graph dot", "trace"],
)
def test_a_big_output_piped_to_head(argv: tuple[str, ...], read: int | None, write_plan: WritePlan) -> None:
    """As `cascade validate plan | head -1` and `cascade graph plan | head -c 10`: the output is
    far larger than the pipe, so cascade is still writing when head goes."""
    plan = big_plan(write_plan)
    proc = cascade(*(str(plan) if a == "BIG" else a for a in argv))
    assert proc.stdout is not None
    first = proc.stdout.readline() if read is None else proc.stdout.read(read)
    assert first
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert err == b""
