"""``cascade.store.atomic``: files replaced in one step, output folders made safely, and the
temporary files of killed runs cleared away."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cascade.store.atomic import (
    STALE_AFTER,
    make_folder,
    remove_stale_temporaries,
    write_bytes_atomic,
    write_generated,
)
from tests.faults import onto_dev_full, refuse


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    return int(child.stdout)


def plant(path: Path, *, age: float = 0.0) -> Path:
    path.write_bytes(b"half a brief")
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# -- make_folder ----------------------------------------------------------------------------


def test_make_folder_makes_missing_parents(tmp_path: Path) -> None:
    make_folder(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    make_folder(tmp_path / "a" / "b")  # already there: nothing to do


def test_make_folder_follows_a_link_to_a_folder(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    make_folder(tmp_path / "link" / "briefs")
    assert (tmp_path / "real" / "briefs").is_dir()


@pytest.mark.parametrize("below", ["", "sub"])
def test_make_folder_refuses_a_link_that_leads_nowhere(tmp_path: Path, below: str) -> None:
    elsewhere = tmp_path / "elsewhere" / "deep"
    link = tmp_path / "briefs"
    link.symlink_to(elsewhere)
    with pytest.raises(FileNotFoundError) as caught:
        make_folder(link / below if below else link)
    assert caught.value.filename == str(link)
    assert "symbolic link" in str(caught.value)
    assert not (tmp_path / "elsewhere").exists()  # nothing made where the link points


def test_make_folder_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "briefs").write_text("not a folder")
    with pytest.raises(NotADirectoryError):
        make_folder(tmp_path / "briefs")


# -- remove_stale_temporaries -----------------------------------------------------------------


def test_temporaries_of_a_dead_process_are_removed(tmp_path: Path) -> None:
    pid = dead_pid()
    stale = [plant(tmp_path / f".ana.md.{pid}.0.tmp"), plant(tmp_path / f".index.html.{pid}.12.tmp")]
    assert sorted(remove_stale_temporaries(tmp_path)) == sorted(stale)
    assert listing(tmp_path) == set()


def test_temporaries_of_a_live_process_stay_until_old(tmp_path: Path) -> None:
    fresh = plant(tmp_path / f".ana.md.{os.getpid()}.0.tmp")  # perhaps being written right now
    old = plant(tmp_path / f".ana.html.{os.getpid()}.1.tmp", age=STALE_AFTER + 60)  # the pid was reused
    assert remove_stale_temporaries(tmp_path) == [old]
    assert listing(tmp_path) == {fresh.name}


def test_other_files_are_never_removed(tmp_path: Path) -> None:
    pid = dead_pid()
    theirs = {
        ".notes.tmp",
        ".ana.md.tmp",
        f"ana.md.{pid}.0.tmp",  # not hidden
        f".ana.md.{pid}.tmp",  # no counter
        f".ana.md.{pid}.0.tmp.bak",
        f".ana.md.x{pid}.0.tmp",
        "ana.md",
    }
    for name in theirs:
        plant(tmp_path / name, age=STALE_AFTER * 24)
    (tmp_path / f".dir.{pid}.0.tmp").mkdir()  # only regular files are ours
    (tmp_path / f".link.{pid}.0.tmp").symlink_to(tmp_path / "ana.md")
    assert remove_stale_temporaries(tmp_path) == []
    assert listing(tmp_path) == theirs | {f".dir.{pid}.0.tmp", f".link.{pid}.0.tmp"}


def test_a_folder_that_cannot_be_listed_is_left_alone(tmp_path: Path) -> None:
    assert remove_stale_temporaries(tmp_path / "missing") == []


# -- disk full --------------------------------------------------------------------------------


def test_disk_full_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "ana.md"
    target.write_bytes(b"yesterday's brief")
    refuse(monkeypatch, tmp_path, errno.ENOSPC, at="write")
    with pytest.raises(OSError, match="No space left on device") as caught:
        write_generated(str(tmp_path), "ana.md", b"today's brief")
    assert caught.value.errno == errno.ENOSPC
    assert listing(tmp_path) == {"ana.md"}
    assert target.read_bytes() == b"yesterday's brief"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_real_full_device_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    onto_dev_full(monkeypatch, tmp_path)
    with pytest.raises(OSError, match="No space left on device") as caught:
        write_generated(str(tmp_path), "ana.md", b"x" * 100_000)
    assert caught.value.errno == errno.ENOSPC
    with pytest.raises(OSError, match="No space left on device"):
        write_bytes_atomic(tmp_path / "index.html", b"x", keep_mode=False, durable=False)
    assert listing(tmp_path) == set()
