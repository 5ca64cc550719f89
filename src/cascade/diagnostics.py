"""Diagnostics: one fault found in a plan, with its place, and the report that collects them."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    """How much a diagnostic matters; ``OFF`` silences a rule altogether."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"


@dataclass(frozen=True)
class Location:
    """Where something stands in the user's files: 1-based line and column, 0 when unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file


UNKNOWN = Location("<plan>")


@dataclass(frozen=True)
class Diagnostic:
    """One fault: a rule code, its severity, a message for people, and its place."""

    code: str
    severity: Severity
    message: str
    file: str
    line: int = 0
    column: int = 0
    ids: tuple[str, ...] = ()

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape fixed by the plan format page."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line or None,
            "column": self.column or None,
            "ids": list(self.ids),
        }


@dataclass(frozen=True)
class Finding:
    """A fact a check reports, before the engine decides its severity and whether it is shown."""

    code: str
    message: str
    where: Location
    ids: tuple[str, ...] = ()


@dataclass
class Report:
    """Every diagnostic of one validation, sorted by place."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def infos(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.INFO]

    @property
    def ok(self) -> bool:
        """True when the plan has no error (warnings do not count)."""
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def codes(self) -> list[str]:
        return [d.code for d in self.diagnostics]

    def summary(self) -> dict[str, int]:
        return {"errors": len(self.errors), "warnings": len(self.warnings), "infos": len(self.infos)}

    def extend(self, more: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(more)
        self.diagnostics.sort(key=Diagnostic.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def __len__(self) -> int:
        return len(self.diagnostics)
