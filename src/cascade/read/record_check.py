"""Validate one file's data against the models; turn each pydantic error into a placed diagnostic.

A valid file goes through pydantic in one call. A file with faults is repaired and
validated again: the faulty field is dropped (a required one gets a placeholder), so the
rest of the plan is still checked and one bad node never hides the others. Fields that
were dropped are remembered, so a rule never reports them a second time (an invalid
``owner`` is a CAS004, not also a CAS201).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from cascade.diagnostics import Finding, Location
from cascade.model.records import PlanFile, fields_of
from cascade.read.source_map import SourceMap, YList, YMap
from cascade.read.wording import plain_problem

_RECORD_KIND = {
    "people": "person",
    "teams": "team",
    "objectives": "node",
    "children": "node",
    "moments": "moment",
    "blockers": "blocker",
}
_PLACEHOLDER_TEXT = "(missing)"
MISSING_ID_PREFIX = "_missing_id_"
"""Records without an id get one starting with this, so they can still be checked."""
_PLACEHOLDER_DAY = "2000-01-01"
_MAX_ROUNDS = 6

Loc = tuple[str | int, ...]

# Records are pydantic dataclasses, whose errors have their own names for the same faults.
_KINDS = {
    "unexpected_keyword_argument": "extra_forbidden",
    "missing_argument": "missing",
    "dataclass_type": "model_type",
    "dataclass_args_type": "model_type",
}


@dataclass
class RecordCheck:
    """The outcome for one file: its model (None if beyond repair), its faults, what was dropped."""

    model: PlanFile | None
    findings: list[Finding] = field(default_factory=list)
    dropped: dict[int, set[str]] = field(default_factory=dict)
    """Source offset of a mapping -> the keys removed from it or given a placeholder."""


def check_file(data: YMap, source: SourceMap) -> RecordCheck:
    """Validate ``data`` (a file's top-level mapping), repairing it in place where needed."""
    try:
        return RecordCheck(PlanFile.model_validate(data))
    except ValidationError as exc:
        first = exc.errors(include_url=False)
    result = RecordCheck(None)
    for error in first:
        result.findings.append(_finding(error, data, source))
    errors: list[ErrorDetails] = first
    for _ in range(_MAX_ROUNDS):
        _repair(errors, data, result.dropped)
        try:
            result.model = PlanFile.model_validate(data)
            break
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    # An aliased record is validated once per copy, but its faults stand in one place.
    result.findings = sorted(set(result.findings), key=lambda f: (f.where.line, f.where.column, f.code, f.message))
    return result


# -- placing and wording ------------------------------------------------------------------


def _walk(data: object, loc: Sequence[str | int]) -> list[object]:
    """The containers along ``loc`` from the top, as far as the data goes."""
    trail = [data]
    for part in loc:
        current = trail[-1]
        if isinstance(current, dict):
            if part not in current:
                break
            trail.append(current[part])
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            trail.append(current[part])
        else:
            break
    return trail


def _finding(error: ErrorDetails, data: YMap, source: SourceMap) -> Finding:
    loc: Loc = tuple(error["loc"])
    kind = _KINDS.get(error["type"], error["type"])
    subject = _subject(loc, data)
    if kind == "extra_forbidden":
        name = str(loc[-1])
        line, column = source.locate(data.src, loc, key=True)
        hint = _did_you_mean(name, loc[:-1])
        return Finding("CAS003", f"unknown field {name!r} in {subject}{hint}", Location(source.path, line, column))
    if kind == "missing":
        line, column = source.locate(data.src, loc[:-1])
        return Finding(
            "CAS004", f"{subject} has no {loc[-1]!r}, which is required", Location(source.path, line, column)
        )
    if kind == "cascade_period":  # the plan's period: the end is what contradicts the start
        loc = (*loc, "end")
    key_error = bool(loc) and loc[-1] == "[key]"
    place = loc[:-1] if key_error else loc
    line, column = source.locate(data.src, place, key=key_error)
    name = _field_name(place)
    what = f"key {place[-1]!r}" if key_error else (f"{name!r}" if name else "the value")
    return Finding(
        "CAS004",
        f"{what} in {subject}: {plain_problem(error)}",
        Location(source.path, line, column),
    )


def _field_name(loc: Loc) -> str:
    """The field an error is about: the last name in its path (a list index names its list)."""
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else ""


def _subject(loc: Loc, data: YMap) -> str:
    """'node "priya-midmarket"', 'the plan header'... the record a path falls in."""
    trail = _walk(data, loc)
    subject = "the file"
    for i, part in enumerate(loc[: len(trail) - 1]):
        if part == "plan" and i == 0:
            subject = "the plan header"
        elif isinstance(part, int) and i > 0 and loc[i - 1] in _RECORD_KIND:
            kind = _RECORD_KIND[str(loc[i - 1])]
            record = trail[i + 1]
            rid = record.get("id") if isinstance(record, dict) else None
            subject = f"{kind} {rid!r}" if isinstance(rid, str) else f"this {kind}"
    return subject


def _did_you_mean(name: str, loc: Loc) -> str:
    model = _model_at(loc)
    if model is None:
        return ""
    close = _closest(name, loc)
    if close:
        return f"; did you mean {close!r}?"
    return f" (known fields: {', '.join(f.alias or n for n, f in fields_of(model).items())})"


def _closest(name: str, loc: Loc) -> str | None:
    """The known field an unknown one most likely misspells."""
    model = _model_at(loc)
    if model is None:
        return None
    known = [f.alias or n for n, f in fields_of(model).items()]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return close[0] if close else None


def _model_at(loc: Loc) -> type | None:
    """The model or record class that validates the mapping at ``loc``."""
    model: type | None = PlanFile
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None:
            return None
        fields = {(f.alias or n): f for n, f in fields_of(model).items()}
        info = fields.get(part)
        model = _inner_model(info.annotation) if info else None
    return model


def _inner_model(annotation: object) -> type | None:
    if isinstance(annotation, type) and (issubclass(annotation, BaseModel) or dataclasses.is_dataclass(annotation)):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is dict:
        return None
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


# -- repairs ------------------------------------------------------------------------------


def _repair(errors: list[ErrorDetails], data: YMap, dropped: dict[int, set[str]]) -> None:
    """Drop what each error names; give required identity fields a placeholder."""
    removals: list[tuple[object, str | int]] = []
    for error in errors:
        loc: Loc = tuple(error["loc"])
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
        trail = _walk(data, loc)
        kind = _KINDS.get(error["type"], error["type"])
        if kind == "missing":
            _fill(trail[-1], loc, dropped)
            continue
        if kind == "extra_forbidden" and len(trail) > len(loc) - 1:
            # "dew:" for "due:" is one fault (CAS003): the field it misspells is then missing
            # only because of the typo, so mark that field reported too (no CAS301 on top).
            meant = _closest(str(loc[-1]), loc[:-1])
            container = trail[len(loc) - 1] if len(trail) >= len(loc) else None
            if meant is not None and isinstance(container, dict) and meant not in container:
                _mark(container, meant, dropped)
        if error["type"] == "cascade_period" and isinstance(trail[-1], dict):
            header = trail[-1]
            header["end"] = header.get("start")
            _mark(header, "end", dropped)
            continue
        if len(trail) < 2 or len(trail) <= len(loc):
            # the path stops before its end (an error inside a value): drop the deepest key reached
            depth = len(trail) - 1
            if depth == 0:
                continue
            removals.append((trail[depth - 1], loc[depth - 1]))
            continue
        removals.append((trail[-2], loc[-1]))
    # Remove list items from the highest index down, so earlier indices stay right.
    removals.sort(key=lambda r: r[1] if isinstance(r[1], int) else -1, reverse=True)
    for container, part in removals:
        if isinstance(container, dict) and part in container:
            del container[part]
            _mark(container, str(part), dropped)
        elif isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container):
            del container[part]
            if isinstance(container, YList):
                dropped.setdefault(container.src, set()).add(str(part))


def _fill(container: object, loc: Loc, dropped: dict[int, set[str]]) -> None:
    """Give a missing required field a placeholder so the record can still be checked."""
    if not isinstance(container, dict):
        return
    name = str(loc[-1])
    if name == "id":
        where = container.src if isinstance(container, YMap) else id(container)
        container["id"] = f"{MISSING_ID_PREFIX}{where}"
    elif name in ("start", "end"):
        other = container.get("end" if name == "start" else "start")
        container[name] = other if isinstance(other, str | dt.date) else _PLACEHOLDER_DAY
    else:
        container[name] = _PLACEHOLDER_TEXT
    _mark(container, name, dropped)


def _mark(container: object, key: str, dropped: dict[int, set[str]]) -> None:
    if isinstance(container, YMap):
        dropped.setdefault(container.src, set()).add(key)
