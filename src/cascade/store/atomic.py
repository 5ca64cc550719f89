"""Write files so that an interrupted run leaves the old file whole: a temporary file, then a rename."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_NUMBERS = itertools.count()


def write_text_atomic(path: Path, text: str, *, durable: bool = True) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), durable=durable)


def write_bytes_atomic(
    path: Path,
    data: bytes,
    *,
    durable: bool = True,
    make_folder: bool = True,
    keep_mode: bool = True,
) -> None:
    """Replace ``path`` with ``data`` in one step.

    ``durable`` also waits until the data is on disk; ``keep_mode`` gives the new file the
    mode of the one it replaces. Generated files (briefs) need neither, and skipping them
    makes writing thousands of files markedly faster.
    """
    with atomic_writer(path, durable=durable, make_folder=make_folder, keep_mode=keep_mode) as stream:
        stream.write(data)


@contextmanager
def atomic_writer(
    path: Path,
    *,
    durable: bool = True,
    make_folder: bool = True,
    keep_mode: bool = True,
) -> Iterator[BinaryIO]:
    """A stream that replaces ``path`` in one step when the block ends without an error (as
    :func:`write_bytes_atomic`, for data too big to hold in memory twice)."""
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _temporary(path, keep_mode)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_generated(folder: str, name: str, data: bytes) -> None:
    """``write_bytes_atomic(Path(folder, name), data, durable=False, make_folder=False,
    keep_mode=False)`` for a run that writes thousands of generated files (briefs): the same
    temporary file and rename, with plain strings and file descriptors instead of path and
    file objects, which cost more than the system calls themselves."""
    temporary = f"{folder}{os.sep}.{name}.{os.getpid()}.{next(_NUMBERS)}.tmp"  # as _temporary names it
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except FileExistsError:  # left behind by a crashed run: the slower way picks another name
        write_bytes_atomic(Path(folder, name), data, durable=False, make_folder=False, keep_mode=False)
        return
    try:
        try:
            view = memoryview(data)
            while view:  # os.write may write less than asked
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)
        os.replace(temporary, f"{folder}{os.sep}{name}")
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its missing parents, refusing to go through a symbolic link that
    leads nowhere: following it would create folders wherever the link points, outside the
    tree the caller named. A link to a folder that exists is followed as usual."""
    at = folder
    while not at.exists():
        if at.is_symlink():
            raise FileNotFoundError(
                errno.ENOENT, f"it is a symbolic link to {os.readlink(at)}, which leads to no folder", str(at)
            )
        if at.parent == at:  # a vanished working folder: let mkdir say so
            break
        at = at.parent
    if at == folder and not folder.is_dir():  # mkdir would only say "File exists"
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    folder.mkdir(parents=True, exist_ok=True)


TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[0-9]+\.tmp")
"""The names :func:`write_generated` and :func:`_temporary` give temporary files."""

STALE_AFTER = 3600.0
"""Seconds after which a temporary file is left over whoever made it: a write lasts far less."""


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files of this module's naming in ``folder`` that a killed run left
    behind; returns them. A file counts as left over when the process its name carries is
    gone, or when it is older than :data:`STALE_AFTER` (the process id may have been reused).
    Other files, a user's ``.notes.tmp`` among them, are never touched. Best effort: what
    cannot be listed or removed is left for the next run."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            if left_over(entry, now):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def left_over(entry: os.DirEntry[str], now: float) -> bool:
    """Whether ``entry`` is a temporary file of this module's naming that a killed run left
    behind (see :func:`remove_stale_temporaries`); ``now`` is ``time.time()``."""
    found = TEMPORARY.fullmatch(entry.name)
    if found is None or not entry.is_file(follow_symlinks=False):
        return False
    return not _alive(int(found["pid"])) or now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER


@contextmanager
def replacing_at(folder_fd: int, name: str, mode: int = 0o600) -> Iterator[BinaryIO]:
    """:func:`atomic_writer` for the file ``name`` of the folder open as ``folder_fd``: the
    temporary file is new (``O_EXCL``), no symlink is followed, and the rename stays in that
    folder whatever happens to its path meanwhile (the cache reaches its entries this way)."""
    temporary = f".{name}.{os.getpid()}.{next(_NUMBERS)}.tmp"  # a name left_over() knows
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(temporary, flags, mode, dir_fd=folder_fd)
    try:
        with open(handle, "wb") as stream:
            yield stream
        os.rename(temporary, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder_fd)
        raise


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` runs; unknown counts as alive, so its files are kept until old."""
    if os.name == "nt":  # os.kill(pid, 0) would end the process there, not ask about it
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process, or a number no process can have
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _temporary(path: Path, keep_mode: bool) -> tuple[int, str]:
    """An open, new temporary file beside ``path``."""
    if not keep_mode:
        # a name no other process or thread uses, created with the usual mode (umask applies)
        name = str(path.with_name(f".{path.name}.{os.getpid()}.{next(_NUMBERS)}.tmp"))
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), name
        except FileExistsError:  # left behind by a crashed run: fall back to a random name
            pass
    import tempfile  # the rare path: a start-up cost most runs need not pay

    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    # mkstemp makes the file private (0600); give it the mode of the file it replaces, or
    # the mode a plain write would have.
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(name, mode)
    return handle, name


def _umask() -> int:
    current = os.umask(0)  # the only way to read it is to set it; put it straight back
    os.umask(current)
    return current
