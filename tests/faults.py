"""File system faults made to order: the tests run as root on a disk with room to spare, so a
full disk or a folder not writable is simulated, for files below one folder only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def refuse(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int, *, at: str = "open") -> None:
    """Make ``os.open`` (``at="open"``) or ``os.write`` (``at="write"``) fail with ``code`` for
    files below ``folder``, as a folder not writable or a full disk would; elsewhere they work."""
    real_open, real_write, real_close = os.open, os.write, os.close
    below = os.fspath(folder) + os.sep
    doomed: set[int] = set()

    def opening(path: str | os.PathLike[str], flags: int, mode: int = 0o777, **kwargs: object) -> int:
        inside = os.fspath(path).startswith(below)
        if inside and at == "open":
            raise OSError(code, os.strerror(code), os.fspath(path))
        fd = real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]
        if inside:
            doomed.add(fd)
        return fd

    def writing(fd: int, data: bytes | memoryview) -> int:
        if fd in doomed:
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    def closing(fd: int) -> None:
        doomed.discard(fd)  # the number may be given to another file next
        real_close(fd)

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(os, "write", writing)
    monkeypatch.setattr(os, "close", closing)


def onto_dev_full(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Open every temporary file below ``folder`` on /dev/full instead, so that writing to it
    gets the kernel's own ENOSPC."""
    real_open = os.open
    below = os.fspath(folder) + os.sep

    def opening(path: str | os.PathLike[str], flags: int, mode: int = 0o777, **kwargs: object) -> int:
        name = os.fspath(path)
        if name.startswith(below) and name.endswith(".tmp"):
            return real_open("/dev/full", os.O_WRONLY)
        return real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", opening)
