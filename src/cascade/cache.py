"""A cache of parsed plan files in ``.cascade_cache/``, keyed by each file's content.

Parsing is most of the cost of a run, and in a directory plan most files do not change
between two runs. Each file's data and source map are stored under the hash of its
bytes (and of the cascade version and the safety caps), like mypy's and ruff's caches.
Schema checks and rules still run on every file, so the diagnostics are exactly those of
a cold run. Files with anchors and aliases, or that could not be read, are not cached.

The data is stored with ``marshal`` (plain dicts, lists and scalars); the offsets of the
YMap/YList containers are not stored: the reader gives them out in post-order, so a
post-order walk of the data gives them back.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from array import array
from pathlib import Path
from typing import Any

from ._version import __version__
from .atomic import write_bytes_atomic
from .diagnostics import Finding, Location
from .limits import Limits
from .loader import YamlFile
from .sourcemap import SourceMap, YList, YMap

CACHE_DIR = ".cascade_cache"
_FORMAT = 1  # bump when the stored layout changes
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by cascade.\n"


class FileCache:
    """Cached reads for the files below one folder; unused entries are pruned by :meth:`close`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / CACHE_DIR
        self.used: set[str] = set()

    def key(self, raw: bytes, limits: Limits) -> str:
        """The entry's name: the file's bytes, this cascade, and the caps it was read under."""
        digest = hashlib.blake2b(raw, digest_size=20)
        salt = f"{_FORMAT}:{__version__}:{limits.max_file_size}:{limits.max_depth}:{limits.max_alias_nodes}"
        digest.update(salt.encode())
        return digest.hexdigest()

    def get(self, key: str, display: str) -> YamlFile | None:
        path = self.folder / f"{key}.bin"
        try:
            stored = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        try:
            data, columns, keys, findings = stored
            source = SourceMap(display)
            source.restore([array(code, blob) for code, blob in columns], keys)
            counter = [0]
            result = YamlFile(
                display,
                data=_rebuild(data, counter),
                source=source,
                findings=[Finding(c, m, Location(display, ln, col)) for c, m, ln, col in findings],
            )
        except (ValueError, TypeError, IndexError):  # a damaged or foreign entry: read the file again
            return None
        self.used.add(path.name)
        return result

    def put(self, key: str, file: YamlFile) -> None:
        if not file.readable or file.source.has_aliases():
            return
        findings = [(f.code, f.message, f.where.line, f.where.column) for f in file.findings]
        columns = [(a.typecode, a.tobytes()) for a in file.source.columns()]
        entry: Any = (_plain(file.data), columns, file.source.keys(), findings)
        blob = marshal.dumps(entry)
        try:
            self.folder.mkdir(exist_ok=True)
            tag = self.folder / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(_TAG, encoding="utf-8")
                (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
            write_bytes_atomic(self.folder / f"{key}.bin", blob, durable=False)
        except OSError:  # a read-only checkout: run without a cache
            return
        self.used.add(f"{key}.bin")

    def close(self) -> None:
        """Forget entries this run did not use, so the cache never outgrows the plan."""
        if not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder):
            if entry.name.endswith(".bin") and entry.name not in self.used:
                with contextlib.suppress(OSError):  # another run may have removed it
                    os.unlink(entry.path)


def _plain(value: object) -> object:
    """The data without the YMap/YList wrappers, for marshal."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _rebuild(value: object, counter: list[int]) -> object:
    """YMap/YList again, numbered in post-order as the reader numbered them."""
    if isinstance(value, dict):
        mapping = YMap((k, _rebuild(v, counter)) for k, v in value.items())
        mapping.src = _next(counter, len(mapping))
        return mapping
    if isinstance(value, list):
        items = YList(_rebuild(v, counter) for v in value)
        items.src = _next(counter, len(items))
        return items
    return value


def _next(counter: list[int], size: int) -> int:
    offset = counter[0]
    counter[0] += size + 1  # the container's own entry, then one per key or item
    return offset
