"""Reporters turn a report into output: one module each, registered by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rich.text import Text

from cascade.diagnostics import Report

from . import github, json_report, junit, sarif, text


@dataclass(frozen=True)
class Output:
    """What a reporter produced: plain text for machines, or styled text for people."""

    body: str | Text


Reporter = Callable[[Report], Output]

REPORTERS: dict[str, Reporter] = {
    "text": lambda report: Output(text.render(report)),
    "json": lambda report: Output(json_report.render(report)),
    "github": lambda report: Output(github.render(report)),
    "sarif": lambda report: Output(sarif.render(report)),
    "junit": lambda report: Output(junit.render(report)),
}
"""Format name -> reporter."""


def default_format(environ: Mapping[str, str]) -> str:
    """The format used when none is asked for: annotations under GitHub Actions, which sets
    ``GITHUB_ACTIONS=true`` in every step, and compiler-style text everywhere else."""
    return "github" if environ.get("GITHUB_ACTIONS", "").lower() == "true" else "text"


__all__ = ["REPORTERS", "Output", "Reporter", "default_format"]
