"""One plan file after reading and the records' checks: what the plan needs of it (a part).

A part keeps the file's records, where each is written, and what the checks repaired; not
the parsed data (the records hold it), so that a part is small enough to cache.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import NamedTuple

from cascade.diagnostics import Finding, Location
from cascade.model.index import PlanIndex, Record, index_of
from cascade.model.records import SECTIONS, Node, PlanFile
from cascade.read.record_check import check_file
from cascade.read.source_map import SourceMap, YList, YMap
from cascade.read.yaml_file import YamlFile


class Repairs(NamedTuple):
    """What the schema checks removed from one record: keys, and items of its lists."""

    dropped: frozenset[str]
    shifts: dict[str, list[int]]
    """List field -> the index as written of each item kept."""


@dataclass
class FilePart:
    """One file of the plan after reading and schema checks: what the plan needs of it.

    The parsed data is not kept (the records hold it), so a part is small enough to cache.
    """

    file: YamlFile
    model: PlanFile | None
    root: int = 0
    """Offset of the file's top mapping in its source map."""
    version: tuple[bool, object] = (False, None)
    """Whether the file writes ``cascade:``, and the value written."""
    header_dropped: frozenset[str] = frozenset()
    """Keys removed from the ``plan:`` header."""
    records: list[Record] = field(default_factory=list)
    """Every record of the file, nested nodes included, each followed by the nodes below it."""
    offsets: array[int] = field(default_factory=lambda: array("i"))
    """Where each of ``records`` is written: its offset in the source map (-1: not placed)."""
    repairs: dict[int, Repairs] = field(default_factory=dict)
    """Position in ``records`` -> what was removed from the record, for the few that had faults."""
    index: PlanIndex | None = None
    """The file's records by id (cached with them: the plan's index is then a merge)."""
    places: int = 0
    """How many entries the file's source map holds (in the cache, the map is kept apart)."""


def check_part(file: YamlFile) -> FilePart:
    """The part of a file just read: its records checked and placed (a file that is not a
    mapping, or cannot be read, has no model and says why in its findings)."""
    data = file.data
    file.data = None  # from here on the records carry the data; the source map keeps the places
    if not file.readable:
        return FilePart(file, None)
    if not isinstance(data, YMap):
        shape = "empty" if data is None else ("a list" if isinstance(data, list) else "a single value")
        file.findings.append(
            Finding(
                "CAS007",
                f"the file is {shape}; a plan file is a mapping with sections such as plan:, people:, objectives:",
                Location(file.path, 1, 1),
            )
        )
        return FilePart(file, None)
    checked = check_file(data, file.source)
    file.findings.extend(checked.findings)
    part = FilePart(file, checked.model, root=data.src, version=("cascade" in data, data.get("cascade")))
    plan_map = data.get("plan")
    if isinstance(plan_map, YMap) and plan_map.src in checked.dropped:
        part.header_dropped = frozenset(checked.dropped[plan_map.src])
    if checked.model is not None:
        _place_records(part, checked.model, data, checked.dropped)
        part.index = index_of(checked.model)
    return part


def _place_records(part: FilePart, model: PlanFile, data: YMap, file_dropped: dict[int, set[str]]) -> None:
    """Note where each record is written; the records and the data they were validated from
    align one to one. Kept in the cache with the records, so a cached file is placed without a walk."""
    source = part.file.source
    ordered, offsets = part.records, part.offsets
    for name in SECTIONS:
        records: list[Record] = getattr(model, name)
        raws = data.get(name)
        stack = (
            list(zip(records, raws, strict=True))[::-1]
            if isinstance(raws, list)
            else [(r, None) for r in records[::-1]]
        )
        while stack:
            record, raw = stack.pop()
            ordered.append(record)
            if not isinstance(raw, YMap):
                offsets.append(-1)
                raw = None
            else:
                if file_dropped:
                    repaired = _repairs(raw, source, file_dropped)
                    if repaired is not None:
                        part.repairs[len(offsets)] = repaired
                offsets.append(raw.src)
            if isinstance(record, Node) and record.children:
                children = raw.get("children") if raw is not None else None
                if isinstance(children, list):
                    stack.extend(list(zip(record.children, children, strict=True))[::-1])
                else:
                    stack.extend((child, None) for child in record.children[::-1])


def _repairs(raw: YMap, source: SourceMap, file_dropped: dict[int, set[str]]) -> Repairs | None:
    shifts: dict[str, list[int]] = {}
    for key, value in raw.items():
        removed = file_dropped.get(value.src) if isinstance(value, YList) else None
        if removed:  # items were dropped: map the kept ones back to where they are written
            shifts[key] = [i for i in range(source.size(value.src)) if str(i) not in removed]
    keys = set(file_dropped.get(raw.src, ()))
    for sub in ("measure", "change"):
        inner = raw.get(sub)
        if isinstance(inner, YMap):
            keys.update(f"{sub}.{k}" for k in file_dropped.get(inner.src, ()))
    return Repairs(frozenset(keys), shifts) if keys or shifts else None
