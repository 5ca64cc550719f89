"""The exceptions a caller of the library can get, all under one base: ``except
cascade.CascadeError`` catches every failure cascade reports on purpose (anything else is a
bug). The errors of one part of cascade are defined beside its code and derive from here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cascade.diagnostics import Diagnostic


class CascadeError(Exception):
    """Base of every exception cascade raises on purpose."""


class PlanError(CascadeError):
    """The plan cannot be read far enough to be checked; ``diagnostics`` says why and where."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        text = f"{first.location}: {first.code} {first.message}" if first else "the plan cannot be read"
        more = len(self.diagnostics) - 1
        super().__init__(text + (f" (and {more} more)" if more > 0 else ""))
