"""A plan from its files: each read into a part by a reader, the parts assembled into one :class:`Plan`."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from typing import Any

from cascade.diagnostics import Diagnostic, Finding, Location, Severity
from cascade.errors import PlanError
from cascade.gc_pause import gc_paused
from cascade.limits import DEFAULT_LIMITS, Limits
from cascade.model.index import PlanIndex
from cascade.model.plan import Plan
from cascade.model.provenance import Place, Provenance, Repair, Source, Written
from cascade.model.records import SECTIONS, RosterFile
from cascade.read.file_part import FilePart, check_part
from cascade.read.readers import Reader
from cascade.read.roster import RosterUnreadable, read_roster
from cascade.read.safe_files import Refused
from cascade.read.yaml_file import read_bytes
from cascade.store.cached_reader import CachedReader

SUPPORTED_VERSION = 1


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
    reader = CachedReader(path) if cache else Reader(path)
    try:
        return read_plan(reader, limits=limits)
    finally:
        reader.close()


def read_plan(reader: Reader, *, limits: Limits | Mapping[str, int] | None = None) -> Plan:
    """The plan ``reader`` reads: :func:`load` for any source of files."""
    given = reader.given
    if not reader.exists():
        raise PlanError([_fatal(given, "CAS001", f"no such file or directory: {given}")])
    overrides = dataclasses.asdict(limits) if isinstance(limits, Limits) else dict(limits or {})
    base = dataclasses.replace(DEFAULT_LIMITS, **overrides)
    if not reader.is_folder():
        return _assemble([reader.part(given, given, base)], reader, base.max_file_size)
    named = reader.listing()
    if not named:
        raise PlanError([_fatal(given, "CAS007", f"{given} holds no *.yaml or *.yml file")])
    parts = [reader.part(where, display, base) for where, display in named]
    # The header may set the caps for the other files: read those again under them.
    header = next((p.model.plan for p in parts if p.model is not None and p.model.plan is not None), None)
    effective = base
    if header is not None and header.checks.limits is not None:
        from_plan = header.checks.limits.model_dump(exclude_none=True)
        effective = dataclasses.replace(DEFAULT_LIMITS, **{**from_plan, **overrides})
        if effective != base:
            parts = [
                p if p.model is not None and p.model.plan is not None else reader.part(where, display, effective)
                for p, (where, display) in zip(parts, named, strict=True)
            ]
    return _assemble(parts, reader, effective.max_file_size)


@gc_paused
def loads(text: str | bytes, *, name: str = "<string>", limits: Limits | None = None) -> Plan:
    """Read a plan from YAML text."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    # A roster is named relative to the current folder, which it must stay in.
    return _assemble([check_part(read_bytes(raw, name, limits or DEFAULT_LIMITS))], Reader("."), from_text=True)


def _assemble(
    parts: list[FilePart], reader: Reader, limit: int = DEFAULT_LIMITS.max_file_size, *, from_text: bool = False
) -> Plan:
    """The plan from its checked files; ``reader`` reads the files the plan names (the
    roster), and ``limit`` is the size cap they are read under."""
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
        findings.extend(_add_roster(head, header.roster, sources, written, sections, reader, limit))
        fragments = None  # the roster's people join the plan after every file: build the index whole
    if fragments is not None and len(fragments) != len(parts):
        fragments = None

    files = (
        ()
        if from_text
        else (
            *(p.file.path for p in parts),
            *([reader.beside(head.file.path, header.roster.file)] if header.roster else []),
        )
    )
    provenance = Provenance(
        files=tuple(files),
        sources=tuple(sources),
        written=tuple(written),
        repairs=tuple(repairs),
        findings=tuple(findings),
        file_indexes=fragments,
        header=Place(next(n for n, part in enumerate(parts) if part is head), head.root),
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


def _version_findings(parts: Iterable[FilePart], head: FilePart) -> list[Finding]:
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


def _add_roster(
    head: FilePart,
    roster: RosterFile,
    sources: list[Source],
    written: list[Written],
    sections: dict[str, list[Any]],
    reader: Reader,
    limit: int,
) -> list[Finding]:
    header_source = head.file.source
    plan_offset = header_source.child(head.root, "plan")
    line, column = header_source.locate(plan_offset, ("roster",)) if plan_offset is not None else (1, 1)
    display = reader.beside(head.file.path, roster.file)
    where = Location(head.file.path, line, column)
    try:  # a roster is named by the plan's author: inside the plan's folder, regular, capped
        raw = reader.named(display, "roster", limit)
    except Refused as exc:
        return [Finding("CAS008", str(exc), where)]
    except OSError as exc:
        return [Finding("CAS001", f"cannot read the roster {display}: {exc.strerror or exc}", where)]
    mapped = roster.mapped
    try:
        result = read_roster(raw, display, mapped)
    except RosterUnreadable as exc:
        return [Finding("CAS001", str(exc), where)]
    written.append(Written(len(sources), result.people, range(len(result.people))))
    sources.append(result.source)
    sections["people"].extend(result.people)
    # a header the plan's column map names but the roster lacks: the fault is the map's entry
    misnamed = [
        Finding("CAS004", message, Location(head.file.path, *_entry(header_source, plan_offset, column, where)))
        for column, message in result.unmatched
    ]
    return misnamed + result.findings


def _entry(source: Source, plan_offset: int | None, column: str, fallback: Location) -> tuple[int, int]:
    """Line and column of ``roster: {columns: {<column>: ...}}`` in the header file."""
    if plan_offset is None:
        return fallback.line, fallback.column
    return source.locate(plan_offset, ("roster", "columns", column))


def _fatal(file: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, file, 0, 0)


def _as_diagnostics(findings: list[Finding]) -> list[Diagnostic]:
    diagnostics = [
        Diagnostic(f.code, Severity.ERROR, f.message, f.where.file, f.where.line, f.where.column, f.ids)
        for f in findings
    ]
    return sorted(diagnostics, key=Diagnostic.sort_key)
