"""People from a roster CSV beside the plan (columns id, name, role, email, manager).

An HRIS or CRM export carries more columns than these, under headers of its own: the
others are ignored, headers match whatever their case and spacing, and the plan may say
which header holds which column (``roster: {file: ..., columns: {id: Employee ID}}``).
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from cascade.diagnostics import Finding, Location
from cascade.model.records import Person
from cascade.read.wording import plain_problem

COLUMNS = ("id", "name", "role", "email", "manager")
REQUIRED = ("id", "name")


@dataclass
class CsvSource:
    """Positions of a roster: each row's line and the column where each of its fields starts."""

    path: str
    rows: list[tuple[int, dict[str, int]]] = field(default_factory=list)

    def locate(self, offset: int, path: Sequence[str | int] = (), *, key: bool = False) -> tuple[int, int]:
        line, columns = self.rows[offset]
        name = path[0] if path else None
        return line, columns.get(str(name), 1) if name is not None else 1


@dataclass
class Roster:
    people: list[Person]
    source: CsvSource
    findings: list[Finding]
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    """(column, message) for each column the plan's map names under a header the roster lacks:
    the fault is the plan's, so the reader places it at the map's entry."""


def read_roster(raw: bytes, display: str, columns: Mapping[str, str] | None = None) -> Roster:
    """The people of a roster; ``columns`` maps a column to the roster's own header for it
    (``{"id": "Employee ID"}``), for exports whose headers are not cascade's names."""
    try:
        return _read_roster(raw, display, columns or {})
    except csv.Error as exc:  # a CR inside an unquoted field, say: the file is not CSV
        raise RosterUnreadable(f"the roster {display} is not valid CSV: {exc}") from None


def _read_roster(raw: bytes, display: str, mapped: Mapping[str, str]) -> Roster:
    """Read the roster's bytes (the reader found and read the file safely: see
    :mod:`cascade.read.safe_files`); faults become findings placed at the CSV's line and column."""
    source = CsvSource(display)
    people: list[Person] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterUnreadable(f"the roster {display} is not UTF-8 text") from None
    lines = text.splitlines()
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        finding = Finding("CAS004", "the roster is empty; it needs a header row id,name,...", Location(display, 1, 1))
        return Roster(people, source, [finding])
    result = Roster(people, source, [])
    positions = _positions(rows[0], lines[0], mapped, display, result)
    if any(column not in positions for column in REQUIRED):
        return result
    known = [(i, column) for column, i in positions.items()]
    # csv.reader does not give line numbers per row, so count them with a second, line-aware reader
    reader = csv.reader(io.StringIO(text))
    next(reader)
    while True:
        line_number = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        if not any(cell.strip() for cell in row):
            continue
        raw_line = lines[line_number - 1] if line_number - 1 < len(lines) else ""
        places = {column: _column(raw_line, i) for i, column in known}
        record = {column: row[i].strip() for i, column in known if i < len(row) and row[i].strip()}
        try:
            person = Person.model_validate(record)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                name = str(error["loc"][0]) if error["loc"] else "id"
                problem = "is missing" if error["type"] == "missing" else f"is not valid: {plain_problem(error)}"
                result.findings.append(
                    Finding(
                        "CAS004",
                        f"roster row {line_number}: {name!r} {problem}",
                        Location(display, line_number, places.get(name, 1)),
                    )
                )
            continue
        source.rows.append((line_number, places))
        people.append(person)
    return result


def header_key(header: str) -> str:
    """A header as compared: case and spacing do not count (`` Manager  ID`` is ``manager id``)."""
    return " ".join(header.split()).casefold()


def _positions(header: list[str], line: str, mapped: Mapping[str, str], display: str, result: Roster) -> dict[str, int]:
    """Column -> its position in the header row. Other headers are the export's own
    (a region, a cost centre...): they are left alone."""
    keys = [header_key(h) for h in header]
    positions: dict[str, int] = {}
    for column in COLUMNS:
        wanted = header_key(mapped.get(column, column))
        found = [i for i, key in enumerate(keys) if key == wanted]
        if not found:
            continue
        positions[column] = found[0]
        for again in found[1:]:
            message = f"the roster has a second {header[again].strip()!r} column; the first one is read"
            result.findings.append(Finding("CAS002", message, Location(display, 1, _column(line, again))))
    for column in COLUMNS:
        if column in positions:
            continue
        if column in mapped:
            message = f"the roster {display} has no column {mapped[column]!r} (its headers: {_shown(header)})"
            result.unmatched.append((column, message))
        elif column in REQUIRED:
            message = f"the roster has no {column!r} column{_hint(column, header, keys, positions)}"
            result.findings.append(Finding("CAS004", message, Location(display, 1, 1)))
    return positions


def _hint(column: str, header: list[str], keys: list[str], positions: Mapping[str, int]) -> str:
    """Which of the headers not read may hold ``column``, and how the plan says so."""
    used = set(positions.values())
    free = {key: header[i].strip() for i, key in enumerate(keys) if key and i not in used}
    close = difflib.get_close_matches(column, list(free), n=1, cutoff=0.6)
    if close:
        meant = free[close[0]]
        return f"; if it is {meant!r}, say so in the plan: roster: {{file: ..., columns: {{{column}: {meant}}}}}"
    example = f"roster: {{file: ..., columns: {{{column}: ...}}}}"
    return f" (its headers: {_shown(header)}); name the one that holds it in the plan: {example}"


def _shown(header: list[str], most: int = 8) -> str:
    """The headers of a roster for a message: an export may have a hundred."""
    names = [repr(h.strip()) for h in header if h.strip()]
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "") or "none"


def _column(line: str, position: int) -> int:
    """1-based column where the field at ``position`` starts (exact for unquoted commas)."""
    column = 1
    in_quotes = False
    seen = 0
    for i, char in enumerate(line):
        if seen == position:
            return column
        if char == '"':
            in_quotes = not in_quotes
        elif char == "," and not in_quotes:
            seen += 1
            column = i + 2
    return column if seen == position else 1


class RosterUnreadable(Exception):
    """The roster file named by the plan cannot be read."""
