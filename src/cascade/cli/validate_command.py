"""``cascade validate PATH...``: check plans and report every fault with its place."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Annotated

import typer

from cascade.cli import options
from cascade.cli.app import CliError, command, keep_until_exit, out_console, write
from cascade.cli.options import ReportFormat
from cascade.diagnostics import Report, Severity
from cascade.reporters import REPORTERS, default_format
from cascade.reporters.text import summary
from cascade.store.verdicts import Question, recall


@command("validate", "cascade validate plan.yaml --strict --format github")
def validate_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Plan files or directories.", metavar="PATH...", show_default=False)
    ],
    format: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help="Output format [default: github under GitHub Actions, else text]."),
    ] = None,
    select: Annotated[list[str] | None, typer.Option(help="Only these codes or prefixes (comma-separated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these codes or prefixes (comma-separated).")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 on warnings too.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read every file afresh; skip .cascade_cache/.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option(help="The day taken as today (2027-03-31, 2027-Q1...)."),
    ] = None,
    max_file_size: Annotated[int | None, typer.Option(help="Largest file read, in bytes [default: 512 MB].")] = None,
    max_depth: Annotated[int | None, typer.Option(help="Deepest nesting accepted [default: 100].")] = None,
    max_aliases: Annotated[int | None, typer.Option(help="Most nodes aliases expand to [default: 10000].")] = None,
) -> int:
    """Check plans like a linter: exit 0 when clean, 1 when errors are found, 2 when it cannot run."""
    selected = options.codes(select, "--select") or None
    ignored = options.codes(ignore, "--ignore")
    day = options.as_of(as_of)
    caps = {"max_file_size": max_file_size, "max_depth": max_depth, "max_alias_nodes": max_aliases}
    limits = {name: value for name, value in caps.items() if value is not None}
    if any(value <= 0 for value in limits.values()):
        raise CliError("--max-file-size, --max-depth and --max-aliases must be positive")
    for path in paths:
        if not path.exists():
            raise CliError(f"no such file or directory: {path}")
        if not os.access(path, os.R_OK):
            raise CliError(f"permission denied: {path}")

    report = Report()
    for path in paths:
        question = Question.asked(path, select=selected, ignore=ignored, as_of=day, limits=limits)
        kept, verdicts = recall(question, cache=not no_cache)
        if kept is not None:  # replayed from plain data: the models and rules are never imported
            report.extend(kept.diagnostics)
            continue
        from cascade.plan_check import check_afresh

        checked = check_afresh(question, verdicts, cache=not no_cache)
        report.extend(checked.report.diagnostics)
        if checked.plan is not None:
            keep_until_exit(checked.plan)

    chosen = str(format or default_format(os.environ))
    if report.diagnostics or chosen != "text":  # clean text output is the summary alone
        output = importlib.import_module(REPORTERS[chosen]).render(report)  # only the reporter asked for
        if isinstance(output, str):
            write(output)
        else:
            out_console().print(output)
    if chosen == "text":
        write(summary(report, len(paths)) + "\n", err=True)
    failed = bool(report.errors) or (strict and any(d.severity is not Severity.INFO for d in report.diagnostics))
    return 1 if failed else 0
