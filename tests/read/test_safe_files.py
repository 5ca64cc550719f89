"""Files a plan is made of, and files it names, are read as hostile input: inside the plan's
folder, regular files only, under the size cap; what is refused is never read or echoed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import cascade
from cascade import Limits
from cascade.read.safe_files import Refused, TooBig, confined, plan_folder, read_regular
from tests.conftest import HEADER, line_of

ROSTER_LINE = 5

SECRET = "root:x:0:0:the secret of the CI machine:/root:/bin/bash\n"


def roster_plan(roster: str) -> str:
    text = (
        f"cascade: 1\nplan:\n  name: Demo\n  start: 2027-01-01\n  roster: {roster}\n  end: 2027-06-30\n"
        "people:\n  - {id: dana, name: Dana}\n"
    )
    assert line_of(text, "roster:") == ROSTER_LINE
    return text


def outcome(path: Path, limits: Limits | None = None) -> list[tuple[str, int, int, str]]:
    try:
        plan = cascade.load(path, limits=limits)
    except cascade.PlanError as exc:
        found = exc.diagnostics
    else:
        found = cascade.validate(plan, select=["CAS0"]).diagnostics
    return [(d.code, d.line, d.column, d.message) for d in found]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file beside the project, not in it: what a hostile roster line points at."""
    secret = tmp_path / "passwd"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("how", ["relative", "absolute", "symlink"])
def test_a_roster_outside_the_plans_folder_is_refused_without_echoing_it(repo: Path, outside: Path, how: str) -> None:
    if how == "relative":
        named = "../passwd"
    elif how == "absolute":
        named = str(outside)
    else:
        (repo / "roster.csv").symlink_to(outside)
        named = "roster.csv"
    plan = repo / "plan.yaml"
    plan.write_text(roster_plan(named), encoding="utf-8")
    [(code, line, column, message)] = [d for d in outcome(plan) if d[0] != "CAS204"]
    assert (code, line, column) == ("CAS008", ROSTER_LINE, 11)
    assert "outside the plan's folder" in message
    assert "root:x" not in message
    assert "secret" not in message


def test_a_deep_relative_path_to_a_system_file_is_refused(repo: Path) -> None:
    plan = repo / "plan.yaml"
    plan.write_text(roster_plan("../../../../../../../../etc/passwd"), encoding="utf-8")
    found = outcome(plan)
    assert [(c, ln) for c, ln, _, _ in found if c != "CAS204"] == [("CAS008", ROSTER_LINE)]
    assert not any("root:" in m for *_, m in found)


def test_a_symlink_that_stays_inside_is_followed(repo: Path) -> None:
    (repo / "people").mkdir()
    (repo / "people" / "all.csv").write_text("id,name,manager\nana,Ana Lima,dana\n", encoding="utf-8")
    (repo / "roster.csv").symlink_to(repo / "people" / "all.csv")
    plan = repo / "plan.yaml"
    plan.write_text(roster_plan("roster.csv"), encoding="utf-8")
    assert [c for c, *_ in outcome(plan) if c.startswith("CAS00")] == []
    assert [p.id for p in cascade.load(plan).people] == ["dana", "ana"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/stdin", "/dev/urandom"])
def test_a_device_as_the_roster_is_refused_before_any_read(repo: Path, device: str) -> None:
    plan = repo / "plan.yaml"
    plan.write_text(roster_plan(device), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cascade", "validate", "--no-cache", "--select", "CAS0", str(plan)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.PIPE,  # a /dev/stdin that would never end, if it were read
        check=False,
    )
    assert result.returncode == 1
    assert f"plan.yaml:{ROSTER_LINE}:11: CAS008" in result.stdout


def test_a_fifo_as_the_roster_inside_the_folder_is_refused(repo: Path) -> None:
    os.mkfifo(repo / "roster.csv")
    plan = repo / "plan.yaml"
    plan.write_text(roster_plan("roster.csv"), encoding="utf-8")
    [(code, line, _, message)] = [d for d in outcome(plan) if d[0] != "CAS204"]
    assert (code, line) == ("CAS008", ROSTER_LINE)
    assert "named pipe" in message


def test_a_roster_over_the_size_cap_is_refused(repo: Path) -> None:
    (repo / "roster.csv").write_text("id,name\n" + "ana,Ana Lima\n" * 1000, encoding="utf-8")
    plan = repo / "plan.yaml"
    plan.write_text(roster_plan("roster.csv"), encoding="utf-8")
    [(code, line, _, message)] = [d for d in outcome(plan, Limits(max_file_size=4096)) if d[0] != "CAS204"]
    assert (code, line) == ("CAS008", ROSTER_LINE)
    assert "over the limit of 4,096" in message


def test_a_missing_roster_is_still_cas001(repo: Path) -> None:
    plan = repo / "plan.yaml"
    plan.write_text(roster_plan("nobody.csv"), encoding="utf-8")
    assert [(c, ln) for c, ln, *_ in outcome(plan) if c != "CAS204"] == [("CAS001", ROSTER_LINE)]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own: a hang fails the test instead of stopping it."""
    return subprocess.run(
        [sys.executable, "-m", "cascade", "validate", "--as-of", "2027-01-01", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("cache", [True, False])
def test_a_fifo_among_the_files_of_a_directory_plan_does_not_hang(repo: Path, cache: bool) -> None:
    (repo / "plan.yaml").write_text(HEADER, encoding="utf-8")
    os.mkfifo(repo / "people.yaml")
    result = run_cli(*([] if cache else ["--no-cache"]), str(repo))
    assert result.returncode == 1
    assert "people.yaml:1:1: CAS008" in result.stdout
    assert "named pipe" in result.stdout


def test_a_fifo_given_as_the_plan_does_not_hang(repo: Path) -> None:
    os.mkfifo(repo / "plan.yaml")
    result = run_cli(str(repo / "plan.yaml"))
    assert result.returncode == 1
    assert "plan.yaml:1:1: CAS008" in result.stdout


def test_a_plan_file_linked_to_a_file_outside_is_refused(repo: Path, outside: Path) -> None:
    (repo / "plan.yaml").write_text(HEADER, encoding="utf-8")
    (repo / "leak.yaml").symlink_to(outside)
    for args in ([], ["--no-cache"], []):
        result = run_cli(*args, str(repo))
        assert result.returncode == 1
        assert "leak.yaml:1:1: CAS008" in result.stdout
        assert "outside the plan's folder" in result.stdout
        assert "root:x" not in result.stdout + result.stderr


def test_a_plan_file_linked_inside_the_folder_is_read(repo: Path) -> None:
    (repo / "plan.yaml").write_text(HEADER, encoding="utf-8")
    (repo / "shared").mkdir()
    (repo / "shared" / "people.yml").write_text("people:\n  - {id: ana, name: Ana}\n", encoding="utf-8")
    (repo / "people.yaml").symlink_to(repo / "shared" / "people.yml")
    assert [p.id for p in cascade.load(repo).people] == ["ana", "ana"]  # the link and its target


# -- the module itself ----------------------------------------------------------------------


def test_read_regular_refuses_devices_and_folders(tmp_path: Path) -> None:
    with pytest.raises(Refused, match="a device"):
        read_regular("/dev/zero", 1024)
    with pytest.raises(Refused, match="a folder"):
        read_regular(str(tmp_path), 1024)


def test_read_regular_reads_no_more_than_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_regular(str(path), 100) == b"x" * 100
    with pytest.raises(TooBig) as raised:
        read_regular(str(path), 99)
    assert raised.value.size == 100
    assert "f holds 100 bytes or more, over the limit of 99" in str(raised.value)


def test_confined_resolves_links_and_dot_dots(tmp_path: Path) -> None:
    inside = tmp_path / "a"
    (inside / "b").mkdir(parents=True)
    assert confined(str(inside), str(inside / "b" / ".." / "x"), "roster") == str((inside / "x").resolve())
    with pytest.raises(Refused, match="outside"):
        confined(str(inside), str(inside / ".." / "a-sibling"), "roster")  # a prefix is not a parent
    (tmp_path / "a-sibling").mkdir()
    (inside / "link").symlink_to(tmp_path / "a-sibling")
    with pytest.raises(Refused, match="outside"):
        confined(str(inside), str(inside / "link" / "x"), "roster")


def test_the_plans_folder_is_the_folder_given_or_the_files_folder(tmp_path: Path) -> None:
    assert plan_folder(str(tmp_path)) == str(tmp_path)
    assert plan_folder(str(tmp_path / "plan.yaml")) == str(tmp_path)
    assert plan_folder("plan.yaml") == "."
