"""Reporters turn a report into output: one module each, registered by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text

from cascade.diagnostics import Report

from . import json_report, text


@dataclass(frozen=True)
class Output:
    """What a reporter produced: plain text for machines, or styled text for people."""

    body: str | Text


Reporter = Callable[[Report], Output]

REPORTERS: dict[str, Reporter] = {
    "text": lambda report: Output(text.render(report)),
    "json": lambda report: Output(json_report.render(report)),
}
"""Format name -> reporter."""

__all__ = ["REPORTERS", "Output", "Reporter"]
