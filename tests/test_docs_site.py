"""The documentation site: its pages run as written, it builds strictly, and its generated pages are current.

- docs/getting-started.md, docs/index.md, docs/commands.md and docs/templates.md: every
  ``$ `` line of their ``console`` blocks runs, in order, in a fresh folder, with the exit
  status the page promises (0, or the one a trailing ``# exits N`` names) and the output it
  shows (``...`` stands for any text). A block with ``title="path"`` is written to that
  path first. ``pip install`` lines are skipped: the package under test is installed.
- the ``>>>`` examples of docs/api.md run as doctests;
- ``mkdocs build --strict`` passes (no broken link, every page in the nav);
- docs/format-reference.md is what scripts/gen_format_reference.py writes.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import cascade

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BIN = Path(sys.executable).parent
"""The venv's bin folder: its ``cascade`` is the installed package under test."""

EXIT_MARK = re.compile(r"#\s*exits\s+(\d+)\s*$")
TITLED = re.compile(r'^```\w*\s+title="([^"]+)"')


@dataclass
class Step:
    """One command of a page, with what the page says it prints and how it exits."""

    command: str
    line: int
    status: int = 0
    shown: list[str] = field(default_factory=list)


@dataclass
class File:
    """A code block with a ``title="path"``: the page asks the reader to write it there."""

    path: str
    line: int
    lines: list[str] = field(default_factory=list)


def page_steps(text: str) -> list[Step | File]:
    """In page order: the ``$ `` commands of every ``console`` block with the lines shown under
    each, and the files of titled blocks."""
    steps: list[Step | File] = []
    block: str | None = None
    current: Step | File | None = None
    for number, line in enumerate(text.splitlines(), 1):
        fence = line.strip()
        if fence.startswith("```"):
            if block is not None:
                block = current = None
                continue
            block = fence
            titled = TITLED.match(fence)
            current = File(titled.group(1), number) if titled else None
            if isinstance(current, File):
                steps.append(current)
            continue
        if block is None:
            continue
        if block == "```console" and line.startswith("$ "):
            command = line[2:].strip()
            mark = EXIT_MARK.search(command)
            current = Step(command, number, int(mark.group(1)) if mark else 0)
            steps.append(current)
        elif isinstance(current, Step):
            current.shown.append(line)
        elif isinstance(current, File):
            current.lines.append(line)
    return steps


def shows(shown: list[str], printed: str) -> bool:
    """True when ``printed`` is what the page shows, whitespace aside; ``...`` on the page matches any text."""
    expected = " ".join("\n".join(shown).split())
    actual = " ".join(printed.split())
    pattern = ".*?".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, actual, flags=re.DOTALL) is not None


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "FORCE_COLOR", "CASCADE_DEBUG"}}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def test_pages_are_parsed() -> None:
    page = (
        "text\n```console\n$ a --x\nout 1\nout 2\n$ b  # exits 1\n```\n"
        '```sh\n$ not-this\n```\n```jinja title="t/x.j2"\n{{ y }}\n```\n'
    )
    steps = page_steps(page)
    assert steps == [
        Step("a --x", 3, 0, ["out 1", "out 2"]),
        Step("b  # exits 1", 6, 1, []),
        File("t/x.j2", 11, ["{{ y }}"]),
    ]
    assert shows(["x  y", "(as of ...)"], "x y\n(as of 2027-01-04)\n")
    assert not shows(["x"], "x y")


def run_page(page: str, folder: Path) -> list[Step]:
    """Write the files and run the commands of ``docs/<page>`` in ``folder``; the commands run."""
    env = environment()
    done_steps: list[Step] = []
    for step in page_steps((DOCS / page).read_text(encoding="utf-8")):
        if isinstance(step, File):
            target = folder / step.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(step.lines) + "\n", encoding="utf-8")
            continue
        if "pip install" in step.command:  # the package under test is installed already
            continue
        done = subprocess.run(
            ["bash", "-c", step.command],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
            check=False,
        )
        where = f"docs/{page}:{step.line}: $ {step.command}"
        assert done.returncode == step.status, (
            f"{where}\nexit status {done.returncode}, page says {step.status}\n{done.stdout}"
        )
        shown = "\n".join(step.shown)
        assert shows(step.shown, done.stdout), f"{where}\nthe page shows:\n{shown}\nbut it printed:\n{done.stdout}"
        done_steps.append(step)
    return done_steps


def test_getting_started_runs_as_written(tmp_path: Path) -> None:
    run = run_page("getting-started.md", tmp_path)
    assert len(run) >= 8, "getting-started.md lost its commands"
    assert any(s.status == 1 for s in run), "the deliberate mistake should exit 1"
    render = next(shlex.split(s.command) for s in run if s.command.startswith("cascade render "))
    plan_path = tmp_path / render[2]
    out = tmp_path / render[render.index("--out") + 1]
    assert (out / "index.html").is_file()
    people = [p.id for p in cascade.load(plan_path).people]
    assert people
    for person in people:
        assert (out / f"{person}.html").is_file(), person
        assert (out / f"{person}.md").is_file(), person


def test_home_page_runs_as_written(tmp_path: Path) -> None:
    assert run_page("index.md", tmp_path), "index.md has no command"


@pytest.mark.parametrize("page", ["commands.md", "templates.md"])
def test_page_runs_as_written(page: str, tmp_path: Path) -> None:
    """These pages start in the folder of getting-started, which holds the starter plan."""
    subprocess.run([BIN / "cascade", "init", "myplan"], cwd=tmp_path, capture_output=True, check=True)
    assert run_page(page, tmp_path), f"{page} has no command"


def test_api_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples start from the starter plan of getting-started, in the current folder."""
    page = "api.md"
    subprocess.run([BIN / "cascade", "init", "myplan"], cwd=tmp_path, capture_output=True, check=True)
    monkeypatch.chdir(tmp_path)
    # Blank out the fences, so that a closing fence is not read as expected output.
    text = re.sub(r"^```.*$", "", (DOCS / page).read_text(encoding="utf-8"), flags=re.MULTILINE)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, page, str(DOCS / page), 0)
    assert test.examples, f"{page} has no >>> example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=lambda text: print(text, end=""))
    assert runner.failures == 0, f"{runner.failures} example(s) of docs/{page} failed: see the output above"


def test_site_builds_strictly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (site / "index.html").is_file()
    assert (site / "getting-started" / "index.html").is_file()


def test_format_reference_is_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_format_reference.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    page = (DOCS / "format-reference.md").read_text(encoding="utf-8")
    assert page == done.stdout, (
        "docs/format-reference.md is stale: run `python scripts/gen_format_reference.py --write`"
    )
