"""Compiler-style lines, ``file:line:column: CODE severity: message``, coloured on a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cascade.diagnostics import Diagnostic, Report, Severity
from cascade.plurals import counted

if TYPE_CHECKING:
    from rich.text import Text

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def line(diagnostic: Diagnostic) -> Text:
    from rich.text import Text  # only to print styled diagnostics: a clean run never needs Rich

    out = Text()
    out.append(str(diagnostic.location), style="bold")
    out.append(": ")
    out.append(diagnostic.code, style="bold")
    out.append(" ")
    out.append(diagnostic.severity.value, style=_STYLE.get(diagnostic.severity, ""))
    out.append(": ")
    out.append(diagnostic.message)
    return out


def render(report: Report) -> Text:
    from rich.text import Text

    return Text("\n").join(line(d) for d in report.diagnostics)


def summary(report: Report, plans: int) -> str:
    counts = report.summary()
    parts = [counted(counts["errors"], "error"), counted(counts["warnings"], "warning")]
    if counts["infos"]:
        parts.append(counted(counts["infos"], "info", "info"))
    where = counted(plans, "plan")
    if not report.diagnostics:
        return f"All clear: no problems in {where}."
    return f"Found {', '.join(parts)} in {where}."
