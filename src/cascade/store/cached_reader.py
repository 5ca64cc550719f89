"""The file-system reader with the cache in front: a plan file whose content was checked
before is taken from ``.cascade_cache/`` (see :mod:`cascade.store.file_cache`) rather than
read and checked again, with exactly the same outcome. Source maps are kept in entries of
their own and read only when a fault's place is asked for."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from cascade.diagnostics import Finding, Location
from cascade.limits import Limits
from cascade.model.index import Duplicate, PlanIndex
from cascade.model.records import LAYOUT_CLASSES, PlanFile
from cascade.read.file_part import FilePart, Repairs, check_part
from cascade.read.readers import Reader
from cascade.read.safe_files import Refused
from cascade.read.source_map import DeferredSourceMap, SourceMap
from cascade.read.yaml_file import YamlFile, read_bytes, read_file, read_input
from cascade.store.file_cache import LARGEST_CACHED, FileCache, Status, status_of


def _shape(cls: type) -> str:
    if dataclasses.is_dataclass(cls):
        names = [f.name for f in dataclasses.fields(cls)]
    else:
        # a pydantic model, a NamedTuple, or a class with slots
        found: Iterable[str] = (
            getattr(cls, "model_fields", None) or getattr(cls, "_fields", None) or vars(cls)["__slots__"]
        )
        names = list(found)
    return f"{cls.__name__}({','.join(names)})"


CACHE_LAYOUT = hashlib.blake2b(
    ";".join(
        _shape(cls)
        for cls in (
            FilePart,
            Repairs,
            YamlFile,
            SourceMap,
            Finding,
            Location,
            PlanFile,
            PlanIndex,
            Duplicate,
            *LAYOUT_CLASSES,
        )
    ).encode(),
    digest_size=8,
).hexdigest()
"""What a cached part is made of: when a class or a field changes, old entries are not read."""


class CachedReader(Reader):
    """A :class:`Reader` whose parts are cached. ``listing`` and ``statuses``: what a caller
    that has just listed the plan's files and taken their status (by the names diagnostics
    give them) already knows, so that a directory of tens of thousands of files is not
    walked and stat'ed twice. A status taken before reading is safe to record: a file
    changed since has another status next time, and is read again."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        listing: list[tuple[str, str]] | None = None,
        statuses: Mapping[str, Status | None] | None = None,
    ) -> None:
        super().__init__(path)
        self._listing = listing
        self._statuses = dict(statuses or {})
        self._cache: FileCache | None = None

    def _files(self) -> list[tuple[str, str]]:
        return super()._files() if self._listing is None else self._listing

    def part(self, where: str, display: str, limits: Limits) -> FilePart:
        if self._cache is None:
            self._cache = FileCache(Path(self.folder()), layout=CACHE_LAYOUT)
        inside = self.given if self.is_folder() else None
        # a second read of a file (under the header's caps) is not the status taken before
        status = self._statuses.pop(display, None)
        return _read_cached(where, display, limits, self._cache, status, inside)

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None


def _read_cached(
    path: str, display: str, limits: Limits, cache: FileCache, status: Status | None, root: str | None
) -> FilePart:
    try:
        status = status or status_of(os.stat(path))
        if status[0] > min(limits.max_file_size, LARGEST_CACHED):  # too big to cache, or to read at all
            return check_part(read_file(Path(path), display, limits, root))
        name = cache.file_name(display, limits)
        key = cache.known(name, status)  # unchanged since the last run: no need to read it to know
        if key is not None:
            hit = cache.get(key)
            if isinstance(hit, FilePart):
                cache.remember(name, status, key)
                return _restored(hit, display, path, key, limits, cache, root)
        raw = _contents(path, limits, root)
    except (OSError, Refused):  # the reader says why
        return check_part(read_file(Path(path), display, limits, root))
    key = cache.key(raw, limits)
    cache.remember(name, status, key)
    hit = cache.get(key)
    if isinstance(hit, FilePart):  # the same content may stand in another file
        return _restored(hit, display, path, key, limits, cache, root)
    part = check_part(read_bytes(raw, display, limits))
    if part.file.readable:
        _store(part, key, cache)
    return part


def _contents(path: str, limits: Limits, root: str | None) -> bytes:
    return read_input(path, limits.max_file_size, root)


def _places_key(key: str) -> str:
    return f"{key}-places"


def _store(part: FilePart, key: str, cache: FileCache) -> None:
    """Cache a part, and its source map in an entry of its own: only a fault's place needs it."""
    source = part.file.source
    part.places = len(source)
    part.file.source = SourceMap(source.path)  # an empty map stands in for it in the entry
    try:
        cache.put(key, part)
    finally:
        part.file.source = source
    cache.put(_places_key(key), source)


def _restored(
    part: FilePart, display: str, path: str, key: str, limits: Limits, cache: FileCache, root: str | None
) -> FilePart:
    """A cached part, named as this run names its file, with its source map read on demand."""
    cache.keep(_places_key(key))

    def fetch() -> SourceMap | None:
        found = cache.get(_places_key(key))
        if isinstance(found, SourceMap):
            return found
        # The entry is missing (a full disk when it was written, say): read the file again,
        # if it still holds the content that was checked.
        try:
            raw = _contents(path, limits, root)
        except (OSError, Refused):
            return None
        return read_bytes(raw, display, limits).source if cache.key(raw, limits) == key else None

    part.file.source = DeferredSourceMap(part.file.path, part.places, fetch)
    return _renamed(part, display)


def _renamed(part: FilePart, display: str) -> FilePart:
    file = part.file
    if file.path != display:
        file.path = file.source.path = display
        file.findings = [
            dataclasses.replace(f, where=dataclasses.replace(f.where, file=display)) for f in file.findings
        ]
    return part
