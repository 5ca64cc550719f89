"""Read a plan from a file or a directory of files into a :class:`Plan` with every record placed."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from cascade.diagnostics import Diagnostic, Finding, Location, Severity
from cascade.errors import PlanError
from cascade.gc_pause import gc_paused
from cascade.limits import DEFAULT_LIMITS, Limits
from cascade.model.index import PlanIndex, Record, index_of
from cascade.model.plan import Plan
from cascade.model.provenance import Provenance, Repair, Source, Written
from cascade.model.records import LAYOUT_CLASSES, SECTIONS, Node, PlanFile
from cascade.read.plan_files import plan_files
from cascade.read.record_check import check_file
from cascade.read.roster import RosterUnreadable, read_roster
from cascade.read.safe_files import Refused, confined, plan_folder, read_regular
from cascade.read.source_map import DeferredSourceMap, SourceMap, YList, YMap
from cascade.read.yaml_file import YamlFile, read_bytes, read_file, read_input
from cascade.store.file_cache import LARGEST_CACHED, FileCache, Status, status_of

SUPPORTED_VERSION = 1


class _Repairs(NamedTuple):
    """What the schema checks removed from one record: keys, and items of its lists."""

    dropped: frozenset[str]
    shifts: dict[str, list[int]]
    """List field -> the index as written of each item kept."""


@dataclass
class _Part:
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
    repairs: dict[int, _Repairs] = field(default_factory=dict)
    """Position in ``records`` -> what was removed from the record, for the few that had faults."""
    index: PlanIndex | None = None
    """The file's records by id (cached with them: the plan's index is then a merge)."""
    places: int = 0
    """How many entries the file's source map holds (in the cache, the map is kept apart)."""


@gc_paused
def load(
    path: str | os.PathLike[str],
    *,
    limits: Limits | Mapping[str, int] | None = None,
    cache: bool = False,
) -> Plan:
    """Read a plan file or directory. Raises :class:`PlanError` when it cannot be checked at all.

    Faults that leave the plan checkable (an unknown field, a bad date, a duplicate key)
    are kept in the plan and reported by :func:`cascade.validate`.

    ``limits`` sets the safety caps: a :class:`Limits`, or a mapping naming only some of
    them (``{"max_depth": 200}``). Caps not given here come, for the other files of a
    directory plan, from the header's ``checks.limits``, and otherwise from the defaults.

    With ``cache=True``, parsed files are kept in ``.cascade_cache/`` beside the plan and
    reused while their content is unchanged (the diagnostics stay exactly the same).
    """
    return read_plan(path, limits=limits, cache=cache)


def read_plan(
    path: str | os.PathLike[str],
    *,
    limits: Limits | Mapping[str, int] | None = None,
    cache: bool = False,
    listing: list[tuple[str, str]] | None = None,
    statuses: Mapping[str, Status | None] | None = None,
) -> Plan:
    """:func:`load`, for a caller that has just listed the plan's files (``plan_files``) and
    taken their status (by the names diagnostics give them): a directory of tens of thousands
    of files is then not walked and stat'ed twice. A status taken before reading is safe to
    record: a file changed since has another status next time, and is read again."""
    root = Path(path)
    given = os.fspath(path)
    if not root.exists():
        raise PlanError([_fatal(given, "CAS001", f"no such file or directory: {given}")])
    overrides = dataclasses.asdict(limits) if isinstance(limits, Limits) else dict(limits or {})
    base = dataclasses.replace(DEFAULT_LIMITS, **overrides)
    store = FileCache(root if root.is_dir() else root.parent, layout=CACHE_LAYOUT) if cache else None
    try:
        return _load(root, given, base, overrides, store, listing, statuses or {})
    finally:
        if store is not None:
            store.close()


def _load(
    root: Path,
    given: str,
    base: Limits,
    overrides: dict[str, int],
    store: FileCache | None,
    listing: list[tuple[str, str]] | None,
    statuses: Mapping[str, Status | None],
) -> Plan:
    if not root.is_dir():
        part = _read_part(os.fspath(root), given, base, store, statuses.get(given))
        return _assemble([part], plan_folder(given), base.max_file_size)
    files = plan_files(os.fspath(root)) if listing is None else listing
    if not files:
        raise PlanError([_fatal(given, "CAS007", f"{given} holds no *.yaml or *.yml file")])
    named = [(f, os.path.join(given, relative)) for f, relative in files]  # plain strings: tens of thousands
    inside = os.fspath(root)
    parts = [_read_part(f, display, base, store, statuses.get(display), inside) for f, display in named]
    # The header may set the caps for the other files: read those again under them.
    header = next((p.model.plan for p in parts if p.model is not None and p.model.plan is not None), None)
    effective = base
    if header is not None and header.checks.limits is not None:
        from_plan = header.checks.limits.model_dump(exclude_none=True)
        effective = dataclasses.replace(DEFAULT_LIMITS, **{**from_plan, **overrides})
        if effective != base:
            parts = [
                p
                if p.model is not None and p.model.plan is not None
                else _read_part(f, d, effective, store, None, inside)
                for p, (f, d) in zip(parts, named, strict=True)
            ]
    return _assemble(parts, given, effective.max_file_size)


@gc_paused
def loads(text: str | bytes, *, name: str = "<string>", limits: Limits | None = None) -> Plan:
    """Read a plan from YAML text."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return _assemble([_check_part(read_bytes(raw, name, limits or DEFAULT_LIMITS))], from_text=True)


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
        for cls in (_Part, _Repairs, YamlFile, SourceMap, Finding, Location, PlanFile, PlanIndex, *LAYOUT_CLASSES)
    ).encode(),
    digest_size=8,
).hexdigest()
"""What a cached part is made of: when a class or a field changes, old entries are not read."""


def _read_part(
    path: str,
    display: str,
    limits: Limits,
    cache: FileCache | None = None,
    status: Status | None = None,
    root: str | None = None,
) -> _Part:
    """One plan file, checked; ``root``: the folder of a directory plan, which it must stay in."""
    if cache is None:
        return _check_part(read_file(Path(path), display, limits, root))
    return _read_cached(path, display, limits, cache, status, root)


def _read_cached(
    path: str, display: str, limits: Limits, cache: FileCache, status: Status | None, root: str | None
) -> _Part:
    try:
        status = status or status_of(os.stat(path))
        if status[0] > min(limits.max_file_size, LARGEST_CACHED):  # too big to cache, or to read at all
            return _check_part(read_file(Path(path), display, limits, root))
        name = cache.file_name(display, limits)
        key = cache.known(name, status)  # unchanged since the last run: no need to read it to know
        if key is not None:
            hit = cache.get(key)
            if isinstance(hit, _Part):
                cache.remember(name, status, key)
                return _restored(hit, display, path, key, limits, cache, root)
        raw = _contents(path, limits, root)
    except (OSError, Refused):  # the reader says why
        return _check_part(read_file(Path(path), display, limits, root))
    key = cache.key(raw, limits)
    cache.remember(name, status, key)
    hit = cache.get(key)
    if isinstance(hit, _Part):  # the same content may stand in another file
        return _restored(hit, display, path, key, limits, cache, root)
    part = _check_part(read_bytes(raw, display, limits))
    if part.file.readable:
        _store(part, key, cache)
    return part


def _contents(path: str, limits: Limits, root: str | None) -> bytes:
    return read_input(path, limits.max_file_size, root)


def _places_key(key: str) -> str:
    return f"{key}-places"


def _store(part: _Part, key: str, cache: FileCache) -> None:
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
    part: _Part, display: str, path: str, key: str, limits: Limits, cache: FileCache, root: str | None
) -> _Part:
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


def _renamed(part: _Part, display: str) -> _Part:
    file = part.file
    if file.path != display:
        file.path = file.source.path = display
        file.findings = [
            dataclasses.replace(f, where=dataclasses.replace(f.where, file=display)) for f in file.findings
        ]
    return part


def _check_part(file: YamlFile) -> _Part:
    data = file.data
    file.data = None  # from here on the records carry the data; the source map keeps the places
    if not file.readable:
        return _Part(file, None)
    if not isinstance(data, YMap):
        shape = "empty" if data is None else ("a list" if isinstance(data, list) else "a single value")
        file.findings.append(
            Finding(
                "CAS007",
                f"the file is {shape}; a plan file is a mapping with sections such as plan:, people:, objectives:",
                Location(file.path, 1, 1),
            )
        )
        return _Part(file, None)
    checked = check_file(data, file.source)
    file.findings.extend(checked.findings)
    part = _Part(file, checked.model, root=data.src, version=("cascade" in data, data.get("cascade")))
    plan_map = data.get("plan")
    if isinstance(plan_map, YMap) and plan_map.src in checked.dropped:
        part.header_dropped = frozenset(checked.dropped[plan_map.src])
    if checked.model is not None:
        _place_records(part, checked.model, data, checked.dropped)
        part.index = index_of(checked.model)
    return part


def _assemble(
    parts: list[_Part], folder: str = ".", limit: int = DEFAULT_LIMITS.max_file_size, *, from_text: bool = False
) -> Plan:
    """The plan from its checked files; ``folder`` is the plan's folder, which the files it
    names (the roster) must stay in, and ``limit`` the size cap they are read under."""
    findings: list[Finding] = [f for p in parts for f in p.file.findings]
    headers = [p for p in parts if p.model is not None and p.model.plan is not None]
    if any(not p.file.readable or p.model is None for p in parts):
        raise PlanError(_as_diagnostics(findings))
    if not headers:
        where = parts[0].file.path if len(parts) == 1 else os.path.dirname(parts[0].file.path) or "."
        findings.append(
            Finding(
                "CAS007",
                "no plan header: one file needs 'cascade: 1' and a 'plan:' section (name, start, end)",
                Location(where, 1 if len(parts) == 1 else 0, 1 if len(parts) == 1 else 0),
            )
        )
        raise PlanError(_as_diagnostics(findings))
    head = headers[0]
    for extra in headers[1:]:
        line, column = extra.file.source.locate(extra.root, ("plan",), key=True)
        findings.append(
            Finding(
                "CAS007",
                f"a second plan header; the plan's header is in {head.file.path}, other files hold only lists",
                Location(extra.file.path, line, column),
            )
        )
    findings.extend(_version_findings(parts, head))
    if any(f.code == "CAS007" for f in findings):
        raise PlanError(_as_diagnostics(findings))

    assert head.model is not None
    assert head.model.plan is not None
    header = head.model.plan
    sources: list[Source] = []
    written: list[Written] = []
    repairs: list[Repair] = []
    sections: dict[str, list[Any]] = {name: [] for name in SECTIONS}
    for part in parts:
        assert part.model is not None
        number = len(sources)
        sources.append(part.file.source)
        for name in SECTIONS:
            sections[name].extend(getattr(part.model, name))
        records = part.records
        written.append(Written(number, records, part.offsets))
        repairs.extend(Repair(records[at], done.dropped, done.shifts) for at, done in part.repairs.items())
    if head.header_dropped:
        repairs.append(Repair(header, head.header_dropped))

    fragments: tuple[PlanIndex, ...] | None = tuple(p.index for p in parts if p.index is not None)
    if header.roster:
        findings.extend(_add_roster(head, header.roster, sources, written, sections, folder, limit))
        fragments = None  # the roster's people join the plan after every file: build the index whole
    if fragments is not None and len(fragments) != len(parts):
        fragments = None

    files = (
        ()
        if from_text
        else (*(p.file.path for p in parts), *([_roster_path(head, header.roster)] if header.roster else []))
    )
    provenance = Provenance(
        files=tuple(files),
        sources=tuple(sources),
        written=tuple(written),
        repairs=tuple(repairs),
        findings=tuple(findings),
        file_indexes=fragments,
    )
    return Plan.read_from(
        provenance,
        cascade=1,
        plan=header,
        people=sections["people"],
        teams=sections["teams"],
        objectives=sections["objectives"],
        moments=sections["moments"],
        blockers=sections["blockers"],
    )


def _version_findings(parts: Iterable[_Part], head: _Part) -> list[Finding]:
    out: list[Finding] = []
    for part in parts:
        present, version = part.version
        if part is head and not present:
            out.append(
                Finding(
                    "CAS007",
                    "no format version: add 'cascade: 1' at the top of the file with the plan header",
                    Location(part.file.path, 1, 1),
                )
            )
        elif present and (type(version) is not int or version != SUPPORTED_VERSION):
            line, column = part.file.source.locate(part.root, ("cascade",))
            out.append(
                Finding(
                    "CAS007",
                    f"unsupported format version {version!r}; this cascade reads version {SUPPORTED_VERSION}",
                    Location(part.file.path, line, column),
                )
            )
    return out


def _place_records(part: _Part, model: PlanFile, data: YMap, file_dropped: dict[int, set[str]]) -> None:
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


def _repairs(raw: YMap, source: SourceMap, file_dropped: dict[int, set[str]]) -> _Repairs | None:
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
    return _Repairs(frozenset(keys), shifts) if keys or shifts else None


def _add_roster(
    head: _Part,
    roster: str,
    sources: list[Source],
    written: list[Written],
    sections: dict[str, list[Any]],
    folder: str,
    limit: int,
) -> list[Finding]:
    header_source = head.file.source
    plan_offset = header_source.child(head.root, "plan")
    line, column = header_source.locate(plan_offset, ("roster",)) if plan_offset is not None else (1, 1)
    display = _roster_path(head, roster)
    where = Location(head.file.path, line, column)
    try:  # a roster is named by the plan's author: inside the plan's folder, regular, capped
        raw = read_regular(confined(folder, display, "roster"), limit, "roster", shown=display)
    except Refused as exc:
        return [Finding("CAS008", str(exc), where)]
    except OSError as exc:
        return [Finding("CAS001", f"cannot read the roster {display}: {exc.strerror or exc}", where)]
    try:
        result = read_roster(raw, display)
    except RosterUnreadable as exc:
        return [Finding("CAS001", str(exc), where)]
    written.append(Written(len(sources), result.people, range(len(result.people))))
    sources.append(result.source)
    sections["people"].extend(result.people)
    return result.findings


def _roster_path(head: _Part, roster: str) -> str:
    """The roster as named for the user: relative to the header's file, as the format says."""
    base = os.path.dirname(head.file.path)
    return os.path.join(base, roster) if base else roster


def _fatal(file: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, file, 0, 0)


def _as_diagnostics(findings: list[Finding]) -> list[Diagnostic]:
    diagnostics = [
        Diagnostic(f.code, Severity.ERROR, f.message, f.where.file, f.where.line, f.where.column, f.ids)
        for f in findings
    ]
    return sorted(diagnostics, key=Diagnostic.sort_key)
