"""``cascade init [DIR] [--seed NAME] [--list]``: a starter plan that validates clean, never over a file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import cascade
from cascade.starters import describe, seeds
from tests.conftest import assert_one_line_error, run_cli
from tests.test_starters import nested_seed, seed_files, snapshot

AS_OF = dt.date(2026, 11, 27)


def test_init_into_an_empty_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run_cli(capsys, "init", str(tmp_path))
    assert status == 0
    assert out == ""
    assert (tmp_path / "plan.yaml").is_file()
    assert f"wrote {tmp_path / 'plan.yaml'}" in err
    assert "cascade validate" in err  # what to do next
    assert cascade.validate(cascade.load(tmp_path), as_of=AS_OF).diagnostics == []


def test_init_into_the_current_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, _ = run_cli(capsys, "init")
    assert status == 0
    assert (tmp_path / "plan.yaml").is_file()


def test_init_then_validate_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run_cli(capsys, "init", str(tmp_path))[0] == 0
    status, out, _ = run_cli(capsys, "validate", "--as-of", AS_OF.isoformat(), "--strict", str(tmp_path))
    assert status == 0
    assert out == ""


@pytest.mark.parametrize("seed", seeds())
def test_every_seed(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: str) -> None:
    status, _, err = run_cli(capsys, "init", str(tmp_path), "--seed", seed)
    assert status == 0, err
    report = cascade.validate(cascade.load(tmp_path), as_of=AS_OF)
    assert [(d.code, d.file, d.line) for d in report.diagnostics] == []


def test_init_twice_exits_2_and_changes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run_cli(capsys, "init", str(tmp_path))[0] == 0
    before = snapshot(tmp_path)
    status, out, err = run_cli(capsys, "init", str(tmp_path))
    assert_one_line_error(status, out, err, "plan.yaml")
    assert snapshot(tmp_path) == before


def test_another_seed_over_a_plan_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run_cli(capsys, "init", str(tmp_path))[0] == 0
    before = snapshot(tmp_path)
    others = [s for s in seeds() if s != "minimal"]
    if not others:
        pytest.skip("only the minimal seed exists")
    status, out, err = run_cli(capsys, "init", str(tmp_path), "--seed", others[0])
    assert_one_line_error(status, out, err)
    assert snapshot(tmp_path) == before


def test_unrelated_file_is_left_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    before = snapshot(tmp_path)
    status, _, _ = run_cli(capsys, "init", str(tmp_path))
    assert status == 0
    assert snapshot(tmp_path)["notes.txt"] == before["notes.txt"]
    assert (tmp_path / "plan.yaml").is_file()


def test_unknown_seed_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run_cli(capsys, "init", str(tmp_path / "new"), "--seed", "nope")
    assert_one_line_error(status, out, err, "nope", "minimal")
    assert not (tmp_path / "new").exists()


def test_folder_that_is_a_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x\n", encoding="utf-8")
    status, out, err = run_cli(capsys, "init", str(target))
    assert_one_line_error(status, out, err)
    assert target.read_text(encoding="utf-8") == "x\n"


def test_list_prints_the_seeds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run_cli(capsys, "init", "--list", str(tmp_path / "unused"))
    assert status == 0
    assert err == ""
    assert [line.split()[0] for line in out.splitlines()] == seeds()
    assert not (tmp_path / "unused").exists()


def test_list_gives_each_seed_its_size_and_a_line_of_description(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "init", "--list")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == len(seeds())
    for line, seed in zip(lines, seeds(), strict=True):
        info = describe(seed)
        assert info.description
        assert re.fullmatch(rf"{re.escape(seed)} +{info.people} people, {info.commitments} commitments: .+", line)
        assert line.endswith(info.description)
    assert re.search(r"^minimal +3 people, 3 commitments: ", out, flags=re.MULTILINE)


@pytest.mark.parametrize("seed", seeds())
def test_start_moves_every_seed(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: str) -> None:
    status, _, err = run_cli(capsys, "init", str(tmp_path), "--seed", seed, "--start", "2027-07-01")
    assert status == 0, err
    plan = cascade.load(tmp_path)
    assert plan.plan.start == dt.date(2027, 7, 1)
    status, out, _ = run_cli(capsys, "validate", "--no-cache", "--strict", "--as-of", "2027-07-01", str(tmp_path))
    assert (status, out) == (0, "")


@pytest.mark.parametrize("start", ["2027-13-01", "2027-07", "2027-Q3", "tomorrow", "", "2027-7-1", "20270701"])
def test_a_bad_start_is_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, start: str
) -> None:
    status, out, err = run_cli(capsys, "init", str(tmp_path / "new"), "--start", start)
    assert_one_line_error(status, out, err, "--start", "2027-07-01")
    assert not (tmp_path / "new").exists()


def test_start_never_overwrites(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run_cli(capsys, "init", str(tmp_path))[0] == 0
    before = snapshot(tmp_path)
    status, out, err = run_cli(capsys, "init", str(tmp_path), "--start", "2027-07-01")
    assert_one_line_error(status, out, err, "plan.yaml")
    assert snapshot(tmp_path) == before


def test_a_file_where_the_seed_has_a_folder_exits_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    seed = nested_seed()
    folder = sorted(name for name in seed_files(seed) if "/" in name)[0].split("/")[0]
    (tmp_path / folder).write_text("mine\n", encoding="utf-8")
    before = snapshot(tmp_path)
    status, out, err = run_cli(capsys, "init", str(tmp_path), "--seed", seed)
    assert "internal error" not in err
    assert_one_line_error(status, out, err, folder)
    assert snapshot(tmp_path) == before
