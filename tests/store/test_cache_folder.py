"""The cache folder is used only when cascade made it: a symlink, a file, a folder from a clone
or a pull request, or one it cannot read is left alone, and the run goes on without a cache."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from cascade.store import file_cache as cache_module
from cascade.store.file_cache import CACHE_DIR, CacheWarning, FileCache
from tests.conftest import EXAMPLE, run_cli

SECRET = b"k" * 32


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "repo" / "plan.yaml"
    target.parent.mkdir()
    target.write_bytes(EXAMPLE.read_bytes())
    return target


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A folder outside the project that a hostile pull request points the cache at."""
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / "precious.bin").write_bytes(b"not a cache entry")
    (folder / "files").write_text("keep me", encoding="utf-8")
    (folder / ".gitignore").write_text("keep me too\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def validate(capsys: pytest.CaptureFixture[str], plan: Path) -> tuple[int, str, str]:
    return run_cli(capsys, "validate", "--as-of", "2027-01-01", str(plan))


def test_a_symlinked_cache_folder_is_never_written_pruned_or_read(
    plan: Path, victim: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(victim)
    (plan.parent / CACHE_DIR).symlink_to(victim, target_is_directory=True)
    for _ in range(2):
        status, out, err = validate(capsys, plan)
        assert status == 0
        assert out == ""
        [note, summary] = err.splitlines()
        assert note.startswith("cascade: note: not using the cache folder")
        assert "it is a symlink" in note
        assert summary.startswith("All clear")
    assert snapshot(victim) == before
    assert (plan.parent / CACHE_DIR).is_symlink()


def test_a_cache_path_that_is_a_file_is_left_alone(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (plan.parent / CACHE_DIR).write_text("a file of the project", encoding="utf-8")
    status, _, err = validate(capsys, plan)
    assert status == 0
    assert "it is not a folder" in err
    assert (plan.parent / CACHE_DIR).read_text(encoding="utf-8") == "a file of the project"


def test_a_folder_cascade_did_not_make_is_not_used(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What a clone or a pull request brings, even with the cache's own tag, is not trusted."""
    folder = plan.parent / CACHE_DIR
    folder.mkdir()
    (folder / "CACHEDIR.TAG").write_bytes(cache_module._TAG.encode())
    (folder / "old.bin").write_bytes(b"x")
    (folder / "files").write_bytes(b"x")
    before = snapshot(folder)
    status, _, err = validate(capsys, plan)
    assert status == 0
    assert "cascade did not make it here" in err
    assert snapshot(folder) == before


def test_a_folder_marked_for_another_place_is_not_used(plan: Path, tmp_path: Path) -> None:
    """The mark names the folder's real path: a folder copied or moved from elsewhere is not ours."""
    FileCache(tmp_path, secret=SECRET).write_data("files", {})
    (tmp_path / CACHE_DIR).rename(plan.parent / CACHE_DIR)
    with pytest.warns(CacheWarning, match="did not make it"):
        assert FileCache(plan.parent, secret=SECRET).read_data("files") is None


def test_a_folder_of_another_user_is_not_used(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    FileCache(plan.parent, secret=SECRET).write_data("files", {"a": 1})
    assert FileCache(plan.parent, secret=SECRET).read_data("files") == {"a": 1}
    monkeypatch.setattr(cache_module, "_euid", lambda: os.getuid() + 1)
    with pytest.warns(CacheWarning, match="belongs to another user"):
        assert FileCache(plan.parent, secret=SECRET).read_data("files") is None


def test_an_unreadable_cache_folder_means_no_cache(
    plan: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert validate(capsys, plan)[0] == 0  # makes the folder
    folder = os.fspath(plan.parent / CACHE_DIR)
    real_open = os.open

    def denied(path: str, flags: int, *args: object, **kwargs: object) -> int:
        if path == folder or path.endswith(os.sep + CACHE_DIR):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    (plan.parent / "plan.yaml").write_bytes(EXAMPLE.read_bytes() + b"\n")  # not a replay
    status, out, err = validate(capsys, plan)
    assert (status, out) == (0, "")
    [note, summary] = err.splitlines()
    assert "not using the cache folder" in note
    assert "Permission denied" in note
    assert summary.startswith("All clear")


def test_a_folder_that_cannot_be_listed_at_the_end_does_not_fail_the_run(
    plan: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def denied(*_: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", denied)
    status, out, err = validate(capsys, plan)
    assert (status, out) == (0, "")
    assert err.startswith("All clear")


def test_entries_are_never_reached_through_a_symlink(plan: Path, victim: Path) -> None:
    store = FileCache(plan.parent, secret=SECRET)
    store.write_data("files", {"x": 1})
    folder = plan.parent / CACHE_DIR
    (folder / "files").unlink()
    (folder / "files").symlink_to(victim / "files")
    (folder / "stray.bin").symlink_to(victim / "precious.bin")
    before = snapshot(victim)
    again = FileCache(plan.parent, secret=SECRET)
    assert again.read_data("files") is None  # not followed to read
    again.write_data("files", {"y": 2})  # replaces the link, not what it points at
    again.close()  # prunes the stray link, not its target
    assert snapshot(victim) == before
    assert not (folder / "files").is_symlink()
    assert not (folder / "stray.bin").exists()
    assert FileCache(plan.parent, secret=SECRET).read_data("files") == {"y": 2}


def test_a_fifo_in_the_folder_does_not_hang_the_run(plan: Path) -> None:
    FileCache(plan.parent, secret=SECRET).write_data("files", {})
    fifo = plan.parent / CACHE_DIR / "files"
    fifo.unlink()
    os.mkfifo(fifo)
    assert FileCache(plan.parent, secret=SECRET).read_data("files") is None


def test_the_folder_and_its_entries_are_private(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A plan is confidential, and the cache holds what it says."""
    assert validate(capsys, plan)[0] == 0
    folder = plan.parent / CACHE_DIR
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    entries = list(folder.iterdir())
    assert any(p.suffix == ".bin" for p in entries)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in entries)
    assert not [p for p in plan.parent.iterdir() if p.name.endswith(".tmp")]


def test_what_killed_runs_left_behind_is_removed(plan: Path) -> None:
    store = FileCache(plan.parent, secret=SECRET)
    store.write_data("files", {})
    folder = plan.parent / CACHE_DIR
    dead = folder / ".abc.bin.4194999.0.tmp"  # beyond any pid: its run is gone
    old = folder / f".def.bin.{os.getppid()}.3.tmp"  # a live process, but two hours old
    fresh = folder / f".ghi.bin.{os.getppid()}.4.tmp"  # a run going on now
    other = folder / "notes.tmp"  # not a name cascade gives its temporary files
    for path in (dead, old, fresh, other):
        path.write_bytes(b"partial")
    hours_ago = time.time() - 7200
    os.utime(old, (hours_ago, hours_ago))
    again = FileCache(plan.parent, secret=SECRET)
    assert again.read_data("files") == {}
    again.close()
    assert not dead.exists()
    assert not old.exists()
    assert fresh.exists()
    assert other.exists()


def test_two_runs_making_the_folder_at_once_both_use_it(plan: Path) -> None:
    first, second = FileCache(plan.parent, secret=SECRET), FileCache(plan.parent, secret=SECRET)
    assert first._make()
    assert second._make()  # finds the first's folder in place
    first.write_data("a", 1)
    second.write_data("b", 2)
    assert first.refused is None
    assert second.refused is None
    assert FileCache(plan.parent, secret=SECRET).read_data("b") == 2
    assert not [p for p in plan.parent.iterdir() if p.name.endswith(".tmp")]
