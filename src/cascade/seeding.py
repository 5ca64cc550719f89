"""Starter plans for ``cascade init``: folders of the package's ``seeds``, copied without overwriting."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_bytes_atomic

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

_SKIP = ("__init__.py", "__pycache__")


class SeedError(Exception):
    """An unknown seed, or files that would be overwritten."""


def seeds() -> list[str]:
    """The names of the starter plans shipped with cascade."""
    root = resources.files("cascade.seeds")
    return sorted(item.name for item in root.iterdir() if item.is_dir() and item.name not in _SKIP)


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out: list[tuple[str, Traversable]] = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.name in _SKIP:
            continue
        name = f"{prefix}{item.name}"
        if item.is_dir():
            out += _files(item, name + "/")
        else:
            out.append((name, item))
    return out


def init(target: str | os.PathLike[str], seed: str = "minimal") -> list[Path]:
    """Copy the starter plan ``seed`` into ``target``. Nothing is written if any file exists already."""
    names = seeds()
    if seed not in names:
        raise SeedError(f"no seed {seed!r}; choose from {', '.join(names)}")
    folder = Path(target)
    if folder.exists() and not folder.is_dir():
        raise SeedError(f"{folder} exists and is not a folder")
    files = _files(resources.files("cascade.seeds") / seed)
    clashes = [name for name, _ in files if (folder / name).exists()]
    if clashes:
        raise SeedError(
            f"{folder} already has {', '.join(clashes)}; nothing was written (cascade init never overwrites)"
        )
    written = []
    for name, item in files:
        path = folder / name
        write_bytes_atomic(path, item.read_bytes())
        written.append(path)
    return written
