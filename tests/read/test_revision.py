"""Plans read through git as ``REV:PATH``: ``cascade diff HEAD~1:plan.yaml HEAD:plan.yaml`` and friends."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

import cascade
from cascade.limits import DEFAULT_LIMITS
from cascade.plan_diff import ChangeKind, diff
from cascade.read import assemble
from cascade.read.revision import RevisionError, is_revision_spec, load_plan_argument
from tests.conftest import assert_one_line_error as one_line_error
from tests.conftest import run_cli
from tests.test_plan_diff import base, find, plan_text

if shutil.which("git") is None and not os.environ.get("CI"):
    pytest.skip("git is not installed", allow_module_level=True)


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return proc.stdout


def isolate_git(monkeypatch: pytest.MonkeyPatch, ceiling: Path) -> None:
    """No user or system git configuration, a fixed author, and no repository found above ``ceiling``."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(ceiling))
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Cascade Tests")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "tests@cascade.example")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def write_directory_plan(folder: Path, data: dict[str, Any]) -> None:
    """The plan data as a directory plan: a header file, people and teams, and the objectives one level down."""
    (folder / "objectives").mkdir(parents=True, exist_ok=True)
    (folder / "plan.yaml").write_text(plan_text({"cascade": 1, "plan": data["plan"]}), encoding="utf-8")
    (folder / "people.yaml").write_text(plan_text({"people": data["people"], "teams": data["teams"]}), encoding="utf-8")
    (folder / "objectives" / "company.yaml").write_text(plan_text({"objectives": data["objectives"]}), encoding="utf-8")


def second() -> dict[str, Any]:
    """The plan of the second commit: tomas-expansion re-dated."""
    data = base()
    find(data, "tomas-expansion")["due"] = "2027-05-31"
    return data


def third() -> dict[str, Any]:
    """The working tree: also priya-deals re-titled, not committed."""
    data = second()
    find(data, "priya-deals")["title"] = "Close $700k in mid-market deals"
    return data


def make_repo(root: Path) -> Path:
    """A repository with two commits of ``plan.yaml`` and ``plans/``, and a working tree changed once more."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    (root / "plan.yaml").write_text(plan_text(base()), encoding="utf-8")
    write_directory_plan(root / "plans", base())
    (root / "plans" / "README.md").write_text("not a plan file\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first plan")
    (root / "plan.yaml").write_text(plan_text(second()), encoding="utf-8")
    write_directory_plan(root / "plans", second())
    git(root, "commit", "-q", "-a", "-m", "re-date tomas-expansion")
    write_directory_plan(root / "plans", third())
    return root


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def assert_one_line_error(status: int, out: str, err: str, *words: str) -> None:
    one_line_error(status, out, err, *words)
    assert "cascade-rev-" not in err  # the temporary folder is never shown


# -- what is a revision -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("HEAD:plan.yaml", True),
        ("HEAD~1:plans/", True),
        ("v1.2:plans", True),
        ("main:./", True),
        ("plan.yaml", False),
        ("plans/", False),
        ("C:\\plans\\plan.yaml", False),
        ("C:/plans/plan.yaml", False),
        (":plan.yaml", False),
        ("HEAD plan:x.yaml", False),
    ],
)
def test_is_revision_spec(argument: str, expected: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert is_revision_spec(argument) is expected


def test_an_existing_file_with_a_colon_is_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "v1:plan.yaml").write_text(plan_text(base()), encoding="utf-8")
    assert is_revision_spec("v1:plan.yaml") is False
    assert is_revision_spec("v2:plan.yaml") is True


# -- the library --------------------------------------------------------------------------


def test_load_revision_gives_the_committed_plan(repo: Path) -> None:
    old = load_plan_argument("HEAD~1:plan.yaml")
    assert old == cascade.loads(plan_text(base()))
    head = load_plan_argument("HEAD:plan.yaml")
    assert [c.kind for c in diff(old, head).changes] == [ChangeKind.REDATED]


def test_load_revision_of_a_directory(repo: Path) -> None:
    old = load_plan_argument("HEAD~1:plans")
    assert set(old.index.nodes) == set(cascade.loads(plan_text(base())).index.nodes)
    assert not diff(old, cascade.loads(plan_text(base())))
    assert not diff(load_plan_argument("HEAD:plans/"), cascade.loads(plan_text(second())))


def test_load_plan_argument_of_a_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RevisionError, match="no such file"):
        load_plan_argument("nope.yaml")


# -- cascade diff -------------------------------------------------------------------------


def test_diff_two_revisions_of_a_file(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, err = run_cli(capsys, "diff", "HEAD~1:plan.yaml", "HEAD:plan.yaml")
    assert status == 0, err
    assert out.splitlines() == [
        "Tomás Novák (tomas)",
        "  Expand the top accounts by $650k (tomas-expansion) re-dated: 2027-06-30 -> 2027-05-31",
    ]


def test_diff_a_revision_against_the_working_tree(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, err = run_cli(capsys, "diff", "HEAD~1:plans", "plans", "--format", "json")
    assert status == 0, err
    payload = json.loads(out)
    assert [(c["kind"], c["id"]) for c in payload["changes"]] == [
        ("re-titled", "priya-deals"),
        ("re-dated", "tomas-expansion"),
    ]
    assert payload["old"] == "HEAD~1:plans"


def test_diff_a_directory_with_a_trailing_slash(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, _ = run_cli(capsys, "diff", "HEAD~1:plans/", "HEAD:plans/")
    assert status == 0
    assert "tomas-expansion" in out
    assert "priya-deals" not in out


def test_diff_from_a_subfolder_with_dot_slash(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "plans")
    status, out, err = run_cli(capsys, "diff", "HEAD~1:./", ".")
    assert status == 0, err
    assert "priya-deals" in out
    assert "tomas-expansion" in out


def test_unchanged_revisions(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, _ = run_cli(capsys, "diff", "HEAD:plan.yaml", "plan.yaml")
    assert status == 0
    assert out == "No changes for anyone.\n"


def test_unknown_revision_exits_2(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, err = run_cli(capsys, "diff", "no-such-rev:plan.yaml", "plan.yaml")
    assert_one_line_error(status, out, err, "no-such-rev:plan.yaml")


def test_revision_before_the_first_commit_exits_2(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, err = run_cli(capsys, "diff", "HEAD~5:plan.yaml", "plan.yaml")
    assert_one_line_error(status, out, err, "HEAD~5")


def test_path_missing_in_the_revision_exits_2(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, err = run_cli(capsys, "diff", "HEAD~1:missing.yaml", "plan.yaml")
    assert_one_line_error(status, out, err, "missing.yaml")


def test_a_revision_that_looks_like_an_option_exits_2(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, err = run_cli(capsys, "diff", "--", "--output=x:plan.yaml", "plan.yaml")
    assert_one_line_error(status, out, err)
    assert not (repo / "x").exists()


def test_unreadable_plan_in_a_revision_exits_2(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "plan.yaml").write_text("cascade: 1\nplan: [unclosed\n", encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "break the plan")
    status, out, err = run_cli(capsys, "diff", "HEAD:plan.yaml", "HEAD~1:plan.yaml")
    assert_one_line_error(status, out, err, "HEAD:plan.yaml")


def test_outside_a_repository_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "plan.yaml").write_text(plan_text(base()), encoding="utf-8")
    monkeypatch.chdir(outside)
    status, out, err = run_cli(capsys, "diff", "HEAD:plan.yaml", "plan.yaml")
    assert_one_line_error(status, out, err)


def test_a_file_named_with_a_colon_is_read_as_a_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)  # and no repository: git would fail if it were asked
    monkeypatch.chdir(tmp_path)
    (tmp_path / "v1:plan.yaml").write_text(plan_text(base()), encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(plan_text(second()), encoding="utf-8")
    status, out, err = run_cli(capsys, "diff", "v1:plan.yaml", "plan.yaml")
    assert status == 0, err
    assert "tomas-expansion" in out


def test_a_file_named_with_a_colon_inside_a_repository(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "HEAD:plan.yaml").write_text(plan_text(third()), encoding="utf-8")  # not the committed plan.yaml
    status, out, err = run_cli(capsys, "diff", "HEAD:plan.yaml", "plan.yaml")
    assert status == 0, err
    assert "priya-deals" in out  # the file on disk was read, not HEAD's plan.yaml


def test_a_file_revision_reads_its_roster(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)
    root = tmp_path / "roster-repo"
    root.mkdir()
    git(root, "init", "-q")
    data = base()
    data["plan"]["roster"] = "roster.csv"
    (root / "plan.yaml").write_text(plan_text(data), encoding="utf-8")
    (root / "roster.csv").write_text("id,name,role,email,manager\nzed,Zed Zimmer,AE,,marco\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "plan with a roster")
    monkeypatch.chdir(root)
    status, out, err = run_cli(capsys, "diff", "HEAD:plan.yaml", "plan.yaml")
    assert status == 0, err
    assert out == "No changes for anyone.\n"


def test_a_directory_revision_reads_its_roster(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)
    root = tmp_path / "roster-repo"
    (root / "plans").mkdir(parents=True)
    git(root, "init", "-q")
    data = base()
    data["plan"]["roster"] = "roster.csv"
    (root / "plans" / "plan.yaml").write_text(plan_text(data), encoding="utf-8")
    (root / "plans" / "roster.csv").write_text(
        "id,name,role,email,manager\nzed,Zed Zimmer,AE,,marco\n", encoding="utf-8"
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "plan with a roster")
    monkeypatch.chdir(root)
    assert "zed" in load_plan_argument("HEAD:plans").index.people
    status, out, err = run_cli(capsys, "diff", "HEAD:plans", "plans")
    assert status == 0, err
    assert out == "No changes for anyone.\n"


# -- the revision reader: git's objects read in memory, under the same rules as files -------


def test_a_revision_is_read_without_writing_anything(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No checkout, no temporary folder: cascade writes nothing while it reads a revision."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a temporary file or folder was made")

    for name in ("mkdtemp", "mkstemp", "TemporaryDirectory", "NamedTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    plan = load_plan_argument("HEAD~1:plans/")
    assert set(plan.index.nodes) == set(cascade.loads(plan_text(base())).index.nodes)


def test_the_files_of_a_revision_are_named_rev_path(repo: Path) -> None:
    plan = load_plan_argument("HEAD~1:plans")
    # in the order a folder's files are read: its own files by name, then its folders
    assert plan.files == [
        "HEAD~1:plans/people.yaml",
        "HEAD~1:plans/plan.yaml",
        "HEAD~1:plans/objectives/company.yaml",
    ]
    assert [Path(f).name for f in plan.files] == [Path(f).name for f in cascade.load(repo / "plans").files]


def _commit(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "more")


ROSTER_PLAN = "cascade: 1\nplan: {name: Demo, start: 2027-01-01, end: 2027-06-30, roster: ROSTER}\n"


def test_a_roster_outside_the_revisions_plan_folder_is_refused(repo: Path) -> None:
    _commit(
        repo, {"secret.csv": "id,name\nroot,Root\n", "team/plan.yaml": ROSTER_PLAN.replace("ROSTER", "../secret.csv")}
    )
    (repo / "team").joinpath("plan.yaml").unlink()  # only the committed plan is read
    plan = load_plan_argument("HEAD:team/plan.yaml")
    found = [f for f in plan.load_findings if f.code == "CAS008"]
    assert len(found) == 1
    assert "outside the plan's folder" in found[0].message
    assert "root" not in found[0].message.lower().replace("the roster", "")
    assert plan.people == []


def test_a_roster_in_the_revision_is_read_with_its_rows_placed(repo: Path) -> None:
    _commit(
        repo,
        {"team/people.csv": "id,name\nzed,Zed Ali\n", "team/plan.yaml": ROSTER_PLAN.replace("ROSTER", "people.csv")},
    )
    plan = load_plan_argument("HEAD:team/plan.yaml")
    assert [p.id for p in plan.people] == ["zed"]
    assert plan.files == ["HEAD:team/plan.yaml", "HEAD:team/people.csv"]
    where = plan.where(plan.people[0])
    assert (where.file, where.line) == ("HEAD:team/people.csv", 2)


def test_a_revisions_file_over_the_size_cap_is_not_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _commit(repo, {"big/plan.yaml": ROSTER_PLAN.replace(", roster: ROSTER", "") + "# " + "x" * 5000 + "\n"})
    small = dataclasses.replace(DEFAULT_LIMITS, max_file_size=1000)
    monkeypatch.setattr(assemble, "DEFAULT_LIMITS", small)
    with pytest.raises(RevisionError, match="over the limit"):
        load_plan_argument("HEAD:big/plan.yaml")


@pytest.mark.parametrize("command", ["graph", "trace"])
def test_every_command_that_shows_a_plan_reads_a_revision(
    command: str, capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """One way to load a plan: what diff reads, graph and trace read too."""
    argv = [command, "HEAD~1:plans/", *(["priya"] if command == "trace" else [])]
    status, out, err = run_cli(capsys, *argv)
    assert status == 0, err
    assert "priya" in out.lower()


def test_a_revision_that_is_no_plan_is_one_line_for_graph(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, err = run_cli(capsys, "graph", "HEAD~1:nothing-here.yaml")
    assert_one_line_error(status, out, err, "HEAD~1:nothing-here.yaml")
