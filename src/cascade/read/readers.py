"""Where the files of a plan come from. A :class:`Reader` lists a directory plan's files,
reads each into a part, and reads the files a plan names (its roster), always under the
caps and inside the plan's folder. This one reads the file system; the cache sits in front
of it (:mod:`cascade.store.cached_reader`), and a git revision is read without a checkout
(:mod:`cascade.read.revision`). The assembly of a plan never knows which it was given."""

from __future__ import annotations

import os
from pathlib import Path

from cascade.limits import Limits
from cascade.read.file_part import FilePart, check_part
from cascade.read.plan_files import plan_files
from cascade.read.safe_files import confined, plan_folder, read_regular
from cascade.read.yaml_file import read_file


class Reader:
    """The plan at ``path`` on the file system, read afresh."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.given = os.fspath(path)
        """The plan as the caller named it: how diagnostics name its files."""
        self._folder: bool | None = None

    def exists(self) -> bool:
        return os.path.exists(self.given)

    def is_folder(self) -> bool:
        if self._folder is None:  # asked once per file read: a plan may have tens of thousands
            self._folder = os.path.isdir(self.given)
        return self._folder

    def folder(self) -> str:
        """The plan's folder: what it is made of and what it names must stay inside it."""
        return plan_folder(self.given)

    def listing(self) -> list[tuple[str, str]]:
        """Each file of a directory plan: where to read it, and its name for the user."""
        return [(found, os.path.join(self.given, relative)) for found, relative in self._files()]

    def _files(self) -> list[tuple[str, str]]:
        """:func:`plan_files` of the folder: each file, and its path relative to the folder."""
        return plan_files(self.given)

    def part(self, where: str, display: str, limits: Limits) -> FilePart:
        """One plan file, read and checked; faults are in its findings, never raised."""
        inside = self.given if self.is_folder() else None  # a file of a folder must stay in it
        return check_part(read_file(Path(where), display, limits, inside))

    def beside(self, file: str, name: str) -> str:
        """How the user reads ``name``, written in the plan file ``file`` (so relative to it)."""
        base = os.path.dirname(file)
        return os.path.join(base, name) if base else name

    def named(self, display: str, what: str, limit: int) -> bytes:
        """A file the plan names (``display``, as the user reads it), confined to the plan's
        folder, regular, under ``limit``. Raises ``Refused`` or ``OSError``."""
        return read_regular(confined(self.folder(), display, what), limit, what, shown=display)

    def close(self) -> None:
        """Let go of what reading held (the cache keeps its entries here)."""
