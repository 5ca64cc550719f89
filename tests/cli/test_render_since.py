"""``cascade render --since OLD``: each brief says what changed for its reader since an earlier plan."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
from pathlib import Path

import pytest

import cascade
from cascade.briefing import brief
from cascade.plan_diff import diff
from tests.conftest import run_cli
from tests.read.test_revision import isolate_git, make_repo, second
from tests.test_plan_diff import base, plan_text

AS_OF = ("--as-of", "2027-01-01")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def render_since(capsys: pytest.CaptureFixture[str], out: Path, fmt: str = "md") -> None:
    status, _, err = run_cli(
        capsys, "render", "plan.yaml", "--since", "HEAD~1:plan.yaml", "--out", str(out), "--format", fmt, *AS_OF
    )
    assert status == 0, err


def since_section(markdown: str) -> str:
    """The part of a Markdown brief under a heading that speaks of 'since', up to the next heading."""
    match = re.search(r"^#+ [^\n]*since[^\n]*\n(.*?)(?=^#+ |\Z)", markdown, re.IGNORECASE | re.MULTILINE | re.DOTALL)
    assert match is not None, markdown
    return match.group(0)


# -- what works today ---------------------------------------------------------------------


def test_render_since_a_revision_writes_every_brief(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    render_since(capsys, repo / "out")
    assert sorted(p.name for p in (repo / "out").glob("*.md")) == ["dana.md", "marco.md", "priya.md", "tomas.md"]


def test_render_since_a_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(plan_text(base()), encoding="utf-8")
    new.write_text(plan_text(second()), encoding="utf-8")
    status, _, err = run_cli(capsys, "render", str(new), "--since", str(old), "--out", str(tmp_path / "out"), *AS_OF)
    assert status == 0, err
    assert (tmp_path / "out" / "tomas.md").exists()
    assert (tmp_path / "out" / "tomas.html").exists()


def test_the_brief_carries_the_changes_since() -> None:
    old, new = cascade.loads(plan_text(base())), cascade.loads(plan_text(second()))
    changes = diff(old, new)
    tomas = brief(new, "tomas", as_of=dt.date(2027, 1, 1), since=changes, since_label="HEAD~1:plan.yaml")
    assert [(s.kind, s.what, s.before, s.after) for s in tomas.since] == [
        ("re-dated", "Expand the top accounts by $650k", "2027-06-30", "2027-05-31")
    ]
    assert tomas.since_label == "HEAD~1:plan.yaml"
    priya = brief(new, "priya", as_of=dt.date(2027, 1, 1), since=changes)
    assert priya.since == []
    assert priya.since_label == "the last plan"
    assert brief(new, "priya", as_of=dt.date(2027, 1, 1)).since_label is None


def test_since_an_unknown_revision_exits_2(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, err = run_cli(capsys, "render", "plan.yaml", "--since", "nope:plan.yaml", "--out", "out", *AS_OF)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "--since" in err
    assert "nope:plan.yaml" in err
    assert not (repo / "out").exists()


def test_since_a_missing_path_exits_2(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, _, err = run_cli(capsys, "render", "plan.yaml", "--since", "gone.yaml", "--out", "out", *AS_OF)
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert "gone.yaml" in err


# -- what the templates must show ---------------------------------------------------------


def test_markdown_brief_names_the_change_since(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    render_since(capsys, repo / "out")
    section = since_section((repo / "out" / "tomas.md").read_text(encoding="utf-8"))
    assert "Expand the top accounts by $650k" in section
    assert "2027-05-31" in section
    assert "Nothing changed for you" not in section


def test_markdown_brief_says_nothing_changed_for_someone_else(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    render_since(capsys, repo / "out")
    section = since_section((repo / "out" / "priya.md").read_text(encoding="utf-8"))
    assert "Nothing changed for you" in section
    assert "Expand the top accounts" not in section


def test_html_brief_names_the_change_since(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    render_since(capsys, repo / "out", "html")
    text = html.unescape(re.sub(r"<[^>]+>", " ", (repo / "out" / "tomas.html").read_text(encoding="utf-8")))
    assert re.search(r"since", text, re.IGNORECASE)
    assert "Nothing changed for you" not in text
    priya = html.unescape(re.sub(r"<[^>]+>", " ", (repo / "out" / "priya.html").read_text(encoding="utf-8")))
    assert "Nothing changed for you" in priya


def test_the_brief_names_the_earlier_plan_by_its_date_not_its_git_spelling(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    render_since(capsys, repo / "out")
    day = git_day(repo, "HEAD~1")
    markdown = (repo / "out" / "tomas.md").read_text(encoding="utf-8")
    assert f"Since the plan of {day.day} {day:%B %Y}" in markdown
    assert "HEAD~1" not in markdown
    render_since(capsys, repo / "out", "html")
    assert "HEAD~1" not in (repo / "out" / "tomas.html").read_text(encoding="utf-8")


def test_a_path_since_is_named_by_the_day_it_was_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(plan_text(base()), encoding="utf-8")
    new.write_text(plan_text(second()), encoding="utf-8")
    os.utime(old, (dt.datetime(2026, 12, 4, 12).timestamp(),) * 2)
    out = tmp_path / "out"
    status, _, err = run_cli(capsys, "render", str(new), "--since", str(old), "--out", str(out), "-f", "md", *AS_OF)
    assert status == 0, err
    markdown = (out / "tomas.md").read_text(encoding="utf-8")
    assert "Since the plan of 4 December 2026" in markdown
    assert "old.yaml" not in markdown


def git_day(repo: Path, rev: str) -> dt.date:
    shown = subprocess.run(
        ["git", "log", "-1", "--format=%cd", "--date=short", rev], cwd=repo, capture_output=True, check=True, text=True
    )
    return dt.date.fromisoformat(shown.stdout.strip())


def test_without_since_no_section(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, _, err = run_cli(capsys, "render", "plan.yaml", "--out", "out", "--format", "md", *AS_OF)
    assert status == 0, err
    assert "Nothing changed for you" not in (repo / "out" / "priya.md").read_text(encoding="utf-8")
