"""Starter plans for ``cascade init``: the folders of ``seeds/``, copied without overwriting and,
when asked, moved to another period.

The seeds live once, in the repository's top-level ``seeds/`` folder; the wheel carries that folder
inside the package (``cascade/seeds``). An installed cascade reads the package's copy, a clone run
from its source tree reads the root folder itself.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from cascade.errors import CascadeError
from cascade.model.date_forms import Shift, is_date_text
from cascade.read.assemble import load
from cascade.store.atomic import write_bytes_atomic

_PACKAGE = Path(__file__).resolve().parent
_SKIP = ("__init__.py", "__pycache__")


class SeedError(CascadeError):
    """An unknown seed, a target that is not a folder, files that would be overwritten (then
    nothing is written), a seed with no start date to move from, or a file that cannot be written."""


def seeds_folder() -> Path:
    """Where the seeds are: inside the installed package, or at the root of the source tree."""
    installed = _PACKAGE / "seeds"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / "seeds"  # src/cascade -> the repository root


def seeds() -> list[str]:
    """The names of the starter plans shipped with cascade."""
    root = seeds_folder()
    if not root.is_dir():
        return []
    return sorted(item.name for item in root.iterdir() if item.is_dir() and not _skipped(item.name))


@dataclass(frozen=True)
class SeedInfo:
    """What ``cascade init --list`` says of a seed."""

    name: str
    description: str
    """The first line of the seed's README, without its heading marks."""
    people: int
    commitments: int


def describe(seed: str) -> SeedInfo:
    """The seed's one-line description and its size."""
    folder = _seed_folder(seed)
    readme = folder / "README.md"
    lines = readme.read_text(encoding="utf-8").splitlines() if readme.is_file() else []
    description = next((line.lstrip("#").strip() for line in lines if line.strip()), "")
    plan = load(folder)
    return SeedInfo(seed, description, len(plan.people), len(plan.commitments))


def _skipped(name: str) -> bool:
    """Package files and anything hidden (a stray .cascade_cache) are not part of a seed."""
    return name in _SKIP or name.startswith(".")


def _seed_folder(seed: str) -> Path:
    names = seeds()
    if seed not in names:
        raise SeedError(f"no seed {seed!r}; choose from {', '.join(names)}")
    return seeds_folder() / seed


def _files(folder: Path, prefix: str = "") -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
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


def _is_yaml(name: str) -> bool:
    return name.endswith((".yaml", ".yml"))


def _dated(text: str) -> list[yaml.ScalarNode]:
    """Every value of the YAML text written as a date (keys are never dates), in text order."""
    found: list[yaml.ScalarNode] = []
    stack: list[yaml.Node] = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack += [value for _, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.ScalarNode) and is_date_text(node.value):
            found.append(node)
    return sorted(found, key=lambda n: n.start_mark.index)


def shift_text(text: str, shift: Shift) -> str:
    """The YAML text with every date value moved by ``shift``, edited where each date is written,
    so that every other character (comments, layout, quoting) stays as it was."""
    out, end = [], 0
    for node in _dated(text):
        start, stop = node.start_mark.index, node.end_mark.index
        span = text[start:stop]  # the bare date, or the date in its quotes
        moved = span.replace(node.value, shift.text(node.value), 1)
        gap = re.match(r" +(?=#)", text[stop:])
        if gap:  # a comment after the date keeps its column (2027-Q4 -> 2028-06-29 takes 3 more)
            out += [text[end:start], moved, " " * max(1, len(gap[0]) - len(moved) + len(span))]
            end = stop + len(gap[0])
        else:
            out += [text[end:start], moved]
            end = stop
    return "".join(out) + text[end:]


def _header_start(files: list[tuple[str, bytes]]) -> dt.date:
    """The start of the seed's plan period, from the file that holds its header."""
    for name, data in files:
        if _is_yaml(name):
            document = yaml.safe_load(data.decode("utf-8"))
            header = document.get("plan") if isinstance(document, dict) else None
            if isinstance(header, dict) and isinstance(header.get("start"), dt.date):
                start: dt.date = header["start"]
                return start
    raise SeedError("the seed has no plan header with a start date to move from")


def init(target: str | os.PathLike[str], seed: str = "minimal", start: dt.date | None = None) -> list[Path]:
    """Copy the starter plan ``seed`` into ``target``; with ``start``, every date of the plan moves
    by the distance from the seed's own start to ``start``. Nothing is written if any file exists
    already."""
    source = _seed_folder(seed)
    folder = Path(target)
    if folder.exists() and not folder.is_dir():
        raise SeedError(f"{folder} exists and is not a folder")
    files = [(name, path.read_bytes()) for name, path in _files(source)]
    clashes = _clashes(folder, [name for name, _ in files])
    if clashes:
        raise SeedError(
            f"{folder} already has {', '.join(clashes)}; nothing was written (cascade init never overwrites)"
        )
    if start is not None:
        shift = Shift.between(_header_start(files), start)
        files = [
            (name, shift_text(data.decode("utf-8"), shift).encode("utf-8") if _is_yaml(name) else data)
            for name, data in files
        ]
    written = []
    for name, data in files:
        path = folder / name
        try:
            write_bytes_atomic(path, data)
        except OSError as exc:
            raise SeedError(f"cannot write {path}: {exc.strerror or exc}") from None
        written.append(path)
    return written
