"""Starter plans for ``cascade init``: folders of the package's ``seeds``, copied without overwriting."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from cascade.errors import CascadeError
from cascade.store.atomic import write_bytes_atomic

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

_SKIP = ("__init__.py", "__pycache__")


class SeedError(CascadeError):
    """An unknown seed, a target that is not a folder, files that would be overwritten (then
    nothing is written), or a file that cannot be written."""


def seeds() -> list[str]:
    """The names of the starter plans shipped with cascade."""
    root = resources.files("cascade.seeds")
    return sorted(item.name for item in root.iterdir() if item.is_dir() and not _skipped(item.name))


def _skipped(name: str) -> bool:
    """Package files and anything hidden (a stray .cascade_cache) are not part of a seed."""
    return name in _SKIP or name.startswith(".")


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out: list[tuple[str, Traversable]] = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if _skipped(item.name):
            continue
        name = f"{prefix}{item.name}"
        if item.is_dir():
            out += _files(item, name + "/")
        else:
            out.append((name, item))
    return out


def _clashes(folder: Path, names: list[str]) -> list[str]:
    """Seed paths that already exist, and files standing where the seed needs a folder."""
    found: list[str] = []
    for name in names:
        relative = Path(name)
        if (folder / relative).exists():
            found.append(name)
        for parent in list(relative.parents)[:-1]:  # "objectives" for "objectives/emea.yaml"
            if (folder / parent).exists() and not (folder / parent).is_dir():
                found.append(str(parent))
    return list(dict.fromkeys(found))


def init(target: str | os.PathLike[str], seed: str = "minimal") -> list[Path]:
    """Copy the starter plan ``seed`` into ``target``. Nothing is written if any file exists already."""
    names = seeds()
    if seed not in names:
        raise SeedError(f"no seed {seed!r}; choose from {', '.join(names)}")
    folder = Path(target)
    if folder.exists() and not folder.is_dir():
        raise SeedError(f"{folder} exists and is not a folder")
    files = _files(resources.files("cascade.seeds") / seed)
    clashes = _clashes(folder, [name for name, _ in files])
    if clashes:
        raise SeedError(
            f"{folder} already has {', '.join(clashes)}; nothing was written (cascade init never overwrites)"
        )
    written = []
    for name, item in files:
        path = folder / name
        try:
            write_bytes_atomic(path, item.read_bytes())
        except OSError as exc:
            raise SeedError(f"cannot write {path}: {exc.strerror or exc}") from None
        written.append(path)
    return written
