"""Reading the files a plan is made of and the files it names, as untrusted input.

A plan comes from a pull request, so whatever it points at is chosen by its author. Every
file cascade reads for a plan is therefore:

- inside the plan's folder (the folder given as a directory plan, or the folder of the plan
  file), once every symlink is resolved: ``roster: ../../etc/passwd`` or a ``leak.yaml``
  symlink to a file elsewhere is refused, and nothing of such a file is read or echoed;
- a regular file: a FIFO, a device (``/dev/zero``, ``/dev/stdin``) or a socket is refused
  before any byte is read (it is opened without blocking, and checked on the open file);
- read under a cap: never more than the cap's bytes, whatever the file claims or grows to.
"""

from __future__ import annotations

import os
import stat

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class Refused(Exception):
    """The file is not read, for the reason given (one line; never the file's content)."""


class TooBig(Refused):
    """The file is over the size cap."""

    def __init__(self, message: str, size: int) -> None:
        super().__init__(message)
        self.size = size
        """The file's size, or as much of it as was read before the cap stopped it."""


def plan_folder(given: str) -> str:
    """The folder a plan's files and the files it names must stay inside."""
    return given if os.path.isdir(given) else os.path.dirname(given) or "."


def confined(root: str, path: str, what: str) -> str:
    """``path`` with its symlinks resolved, if it stands inside ``root``; else :class:`Refused`."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    if real != real_root and not real.startswith(os.path.join(real_root, "")):
        raise Refused(f"the {what} {path} is outside the plan's folder {root}; cascade reads nothing outside it")
    return real


def read_regular(path: str, limit: int, what: str = "file", *, shown: str | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`Refused` for anything that is not a regular file, :class:`TooBig` over
    the cap, and ``OSError`` when the file cannot be opened or read. ``shown`` is how
    messages name the file (default: ``path``).
    """
    name = shown or path
    handle = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"the {what} {name} is {_kind(info.st_mode)}, not a regular file; it is not read")
        if info.st_size > limit:
            raise TooBig(_too_big(what, name, info.st_size, limit), info.st_size)
        with open(handle, "rb", closefd=False) as stream:
            data = stream.read(min(info.st_size, limit) + 1)  # one byte more shows a file that grew
            if info.st_size < len(data) <= limit:
                data += stream.read(limit + 1 - len(data))
        if len(data) > limit:
            raise TooBig(_too_big(what, name, len(data), limit), len(data))
        return data
    finally:
        os.close(handle)


def _too_big(what: str, path: str, size: int, limit: int) -> str:
    return f"the {what} {path} holds {size:,} bytes or more, over the limit of {limit:,}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"
