"""Shared helpers: read a snippet, validate it, and return its diagnostics as (line, column, code)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import cascade
from cascade import Diagnostic, Limits
from cascade.cli import main
from cascade.read import assemble as reading
from cascade.read import yaml_file as loader
from cascade.store import cached_reader
from cascade.store.file_cache import CACHE_DIR

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "example.yaml"
"""The example plan of the format page, without its roster line: it validates with no diagnostic."""
NORTHWIND = Path(__file__).parent.parent / "examples" / "northwind" / "plan.yaml"

AS_OF = dt.date(2027, 1, 1)
"""The as-of day of every validation here, so that no result depends on the day the tests run."""

HEADER = "cascade: 1\nplan: {name: Demo, start: 2027-01-01, end: 2027-06-30}\n"
"""A plan header on lines 1 and 2: snippets that start with it put their records from line 3."""

Triple = tuple[int, int, str]
WritePlan = Callable[..., Path]


@pytest.fixture(autouse=True, scope="session")
def _own_cache_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The key that signs .cascade_cache/ entries lives in the user's cache folder: not in the tests."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    # Cache folders made beside the shipped plans with a session's key are refused (with a
    # note) by cascade run with any other key: the user's, or the benchmark's. Start without
    # those an interrupted session left, and leave none behind.
    _remove_shipped_caches()
    yield
    _remove_shipped_caches()
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


def _remove_shipped_caches() -> None:
    for shipped in (DATA, NORTHWIND.parent.parent, NORTHWIND.parent.parent.parent / "seeds"):
        for left in shipped.rglob(CACHE_DIR):
            shutil.rmtree(left, ignore_errors=True)


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def run(text: str | bytes, *, limits: Limits | None = None, select: list[str] | None = None) -> list[Diagnostic]:
    """Load and validate ``text``; a plan that cannot be checked gives its PlanError's diagnostics."""
    try:
        plan = cascade.loads(text, limits=limits)
    except cascade.PlanError as exc:
        return list(exc.diagnostics)
    return list(cascade.validate(plan, select=select, as_of=AS_OF).diagnostics)


def diags(text: str | bytes, *, limits: Limits | None = None) -> list[Triple]:
    """(line, column, code) of every diagnostic of ``text``, structure codes only, in report order."""
    return [(d.line, d.column, d.code) for d in run(text, limits=limits, select=["CAS0"])]


def diags_of(path: Path | str, *, limits: Limits | None = None) -> list[Diagnostic]:
    """Every structure diagnostic of the plan at ``path`` (a file or a directory)."""
    try:
        plan = cascade.load(path, limits=limits)
    except cascade.PlanError as exc:
        return list(exc.diagnostics)
    return list(cascade.validate(plan, select=["CAS0"]).diagnostics)


def codes(text: str | bytes) -> list[str]:
    return [code for _, _, code in diags(text)]


def messages(text: str | bytes, code: str) -> list[str]:
    return [d.message for d in run(text) if d.code == code]


def line_of(text: str, marker: str, nth: int = 1) -> int:
    """1-based line of the ``nth`` occurrence of ``marker`` in ``text``."""
    at = -1
    for _ in range(nth):
        at = text.index(marker, at + 1)
    return text.count("\n", 0, at) + 1


def column_of(text: str, marker: str, nth: int = 1) -> int:
    """1-based column of the ``nth`` occurrence of ``marker`` in ``text``."""
    at = -1
    for _ in range(nth):
        at = text.index(marker, at + 1)
    return at - text.rfind("\n", 0, at)


def place_of(text: str, marker: str, nth: int = 1) -> tuple[int, int]:
    return line_of(text, marker, nth), column_of(text, marker, nth)


@pytest.fixture
def write_plan(tmp_path: Path) -> WritePlan:
    """Write text (or bytes) to a file below tmp_path and return its path."""

    def write(content: str | bytes, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process: (exit status, stdout, stderr)."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, out: str, err: str, *words: str) -> None:
    """A usage or input error: exit 2, nothing on stdout, one line on stderr naming ``words``."""
    assert status == 2
    assert out == ""
    assert err.startswith("cascade: error: ")
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err


@pytest.fixture
def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display names of the files actually parsed (not taken from the cache)."""
    parsed: list[str] = []
    real = loader.read_bytes

    def counting(raw: bytes, display: str, limits: object) -> object:
        parsed.append(display)
        return real(raw, display, limits)  # type: ignore[arg-type]

    for module in (reading, cached_reader, loader):  # each reads through its own name for it
        monkeypatch.setattr(module, "read_bytes", counting)
    return parsed
