"""Reporters turn a report into output: one module each, registered by name."""

# cascade validate imports this module at start-up: a reporter that imports the rule
# catalogue or an XML writer is imported inside the function that uses it.
# ruff: noqa: PLC0415

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cascade.diagnostics import Report
from cascade.reporters import github, text

if TYPE_CHECKING:
    from rich.text import Text


@dataclass(frozen=True)
class Output:
    """What a reporter produced: plain text for machines, or styled text for people."""

    body: str | Text


Reporter = Callable[[Report], Output]


def _json(report: Report) -> Output:
    from cascade.reporters import json_report

    return Output(json_report.render(report))


def _sarif(report: Report) -> Output:
    from cascade.reporters import sarif  # names each rule: imports the catalogue

    return Output(sarif.render(report))


def _junit(report: Report) -> Output:
    from cascade.reporters import junit  # imports an XML writer

    return Output(junit.render(report))


REPORTERS: dict[str, Reporter] = {
    "text": lambda report: Output(text.render(report)),
    "json": _json,
    "github": lambda report: Output(github.render(report)),
    "sarif": _sarif,
    "junit": _junit,
}
"""Format name -> reporter. SARIF and JUnit import the rule catalogue: only when used."""


def default_format(environ: Mapping[str, str]) -> str:
    """The format used when none is asked for: annotations under GitHub Actions, which sets
    ``GITHUB_ACTIONS=true`` in every step, and compiler-style text everywhere else."""
    return "github" if environ.get("GITHUB_ACTIONS", "").lower() == "true" else "text"


__all__ = ["REPORTERS", "Output", "Reporter", "default_format"]
