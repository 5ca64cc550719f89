"""People from a roster CSV beside the plan (columns id, name, role, email, manager)."""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from cascade.diagnostics import Finding, Location
from cascade.model.records import Person

COLUMNS = ("id", "name", "role", "email", "manager")


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


def read_roster(raw: bytes, display: str) -> Roster:
    try:
        return _read_roster(raw, display)
    except csv.Error as exc:  # a CR inside an unquoted field, say: the file is not CSV
        raise RosterUnreadable(f"the roster {display} is not valid CSV: {exc}") from None


def _read_roster(raw: bytes, display: str) -> Roster:
    """Read the roster's bytes (the reader found and read the file safely: see
    :mod:`cascade.read.safe_files`); faults become findings placed at the CSV's line and column."""
    source = CsvSource(display)
    findings: list[Finding] = []
    people: list[Person] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterUnreadable(f"the roster {display} is not UTF-8 text") from None
    lines = text.splitlines()
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        findings.append(
            Finding("CAS004", "the roster is empty; it needs a header row id,name,...", Location(display, 1, 1))
        )
        return Roster(people, source, findings)
    header = [h.strip() for h in rows[0]]
    for position, name in enumerate(header):
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (columns: {', '.join(COLUMNS)})"
            column = _column(lines[0], position)
            findings.append(Finding("CAS003", f"unknown roster column {name!r}{hint}", Location(display, 1, column)))
    for needed in ("id", "name"):
        if needed not in header:
            findings.append(Finding("CAS004", f"the roster has no {needed!r} column", Location(display, 1, 1)))
    if any(f.code == "CAS004" for f in findings):
        return Roster(people, source, findings)
    known = [(i, h) for i, h in enumerate(header) if h in COLUMNS]
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
        columns = {h: _column(raw_line, i) for i, h in known}
        record = {h: row[i].strip() for i, h in known if i < len(row) and row[i].strip()}
        try:
            person = Person.model_validate(record)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                name = str(error["loc"][0]) if error["loc"] else "id"
                problem = "is missing" if error["type"] == "missing" else f"is not valid: {error['msg'].lower()}"
                findings.append(
                    Finding(
                        "CAS004",
                        f"roster row {line_number}: {name!r} {problem}",
                        Location(display, line_number, columns.get(name, 1)),
                    )
                )
            continue
        source.rows.append((line_number, columns))
        people.append(person)
    return Roster(people, source, findings)


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
