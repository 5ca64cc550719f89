"""``cascade validate PATH...``: check plans and report every fault with its place."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

import typer

from ..diagnostics import Report, Severity
from ..engine import validate as run_validation
from ..limits import DEFAULT_LIMITS, Limits
from ..plan import PlanError
from ..reading import load
from ..reporters import REPORTERS
from ..reporters.text import summary
from . import options
from .app import CliError, app, err_console, out_console


class Format(str, Enum):
    text = "text"
    json = "json"


@app.command("validate")
def validate_command(
    paths: list[Path] = typer.Argument(..., help="Plan files or directories.", metavar="PATH..."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    select: list[str] | None = typer.Option(None, "--select", help="Only these codes or prefixes (comma-separated)."),
    ignore: list[str] | None = typer.Option(None, "--ignore", help="Skip these codes or prefixes (comma-separated)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    as_of: str | None = typer.Option(None, "--as-of", help="The day the rules take as today (YYYY-MM-DD)."),
    max_file_size: int = typer.Option(DEFAULT_LIMITS.max_file_size, help="Largest file read, in bytes."),
    max_depth: int = typer.Option(DEFAULT_LIMITS.max_depth, help="Deepest nesting accepted."),
    max_aliases: int = typer.Option(DEFAULT_LIMITS.max_alias_nodes, help="Most nodes aliases may expand to."),
) -> None:
    """Check plans like a linter: exit 0 when clean, 1 when errors are found, 2 when it cannot run."""
    selected = options.codes(select, "--select") or None
    ignored = options.codes(ignore, "--ignore")
    day = options.as_of(as_of)
    if min(max_file_size, max_depth, max_aliases) <= 0:
        raise CliError("--max-file-size, --max-depth and --max-aliases must be positive")
    limits = Limits(max_file_size, max_depth, max_aliases)
    for path in paths:
        if not path.exists():
            raise CliError(f"no such file or directory: {path}")
        if not os.access(path, os.R_OK):
            raise CliError(f"permission denied: {path}")

    report = Report()
    for path in paths:
        try:
            plan = load(path, limits=limits)
        except PlanError as exc:
            report.extend(exc.diagnostics)
            continue
        report.extend(run_validation(plan, select=selected, ignore=ignored, as_of=day).diagnostics)

    output = REPORTERS[format.value](report).body
    console = out_console()
    if isinstance(output, str):
        console.file.write(output)
    elif report.diagnostics:
        console.print(output)
    if format is Format.text:
        err_console().print(summary(report, len(paths)), markup=False)
    failed = bool(report.errors) or (strict and any(d.severity is not Severity.INFO for d in report.diagnostics))
    raise typer.Exit(1 if failed else 0)
