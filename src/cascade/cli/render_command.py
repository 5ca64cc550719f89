"""``cascade render PATH``: a one-page brief for every person, in every format asked for."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from cascade.cli import options
from cascade.cli.app import CliError, command, err_console, keep_until_exit
from cascade.formats import BRIEF_FORMATS, PAPERS, one_of
from cascade.plurals import counted


@command("render", "cascade render plan.yaml --out briefs --format md,html,ics --as-of 2027-03-31")
def render_command(
    path: Annotated[Path, typer.Argument(help="A plan file or directory.", metavar="PATH")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder the briefs are written to.")] = Path("briefs"),
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"Comma-separated: {','.join(BRIEF_FORMATS)}.")
    ] = "md,html",
    person: Annotated[list[str] | None, typer.Option("--person", "-p", help="Only this person (repeatable).")] = None,
    templates: Annotated[Path | None, typer.Option(help="A folder whose templates override the built-in ones.")] = None,
    as_of: Annotated[
        str | None,
        typer.Option(help="The day taken as today (2027-03-31, 2027-Q1...)."),
    ] = None,
    paper: Annotated[str, typer.Option(help=f"{one_of(PAPERS)}.")] = "a4",
    force: Annotated[bool, typer.Option(help="Render even when the plan has errors.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read every file afresh; skip .cascade_cache/.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Processes to render with; 0 for one per core.")] = 1,
    since: Annotated[
        str | None, typer.Option(help="An earlier plan (path or REV:PATH): each brief says what changed since.")
    ] = None,
) -> int:
    """Write a one-page brief for every person: what is theirs to do, by when, why, and who helps."""
    # Imported here, not above: the other commands start without Jinja2 and the brief builder.
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from cascade.engine import validate
    from cascade.errors import PlanError
    from cascade.read.assemble import load
    from cascade.read.revision import RevisionError, load_plan_argument, plan_day
    from cascade.rendering import PdfUnavailable, RenderError, render
    from cascade.reporters.text import line as diagnostic_line

    if not path.exists():
        raise CliError(f"no such file or directory: {path}")
    if templates is not None and not templates.is_dir():
        raise CliError(f"--templates: {templates} is not a folder")
    if paper not in PAPERS:
        raise CliError(f"--paper: {paper!r} is not {one_of(PAPERS)}")
    if out.exists() and not out.is_dir():
        raise CliError(f"--out: {out} exists and is not a folder")
    if jobs < 0:
        raise CliError("--jobs: give a number of processes, or 0 for one per core")
    formats = [f.strip().lower() for f in format.split(",") if f.strip()]
    day = options.as_of(as_of)
    console = err_console()
    try:
        plan = load(path, cache=not no_cache)
        keep_until_exit(plan)
    except PlanError as exc:
        for diagnostic in exc.diagnostics:
            console.print(diagnostic_line(diagnostic))
        raise CliError(
            f"the plan cannot be read, so no brief was written ({counted(len(exc.diagnostics), 'error')})", 1
        ) from None
    errors = validate(plan, as_of=day).errors
    if errors and not force:
        for diagnostic in errors:
            console.print(diagnostic_line(diagnostic))
        raise CliError(
            f"the plan has {counted(len(errors), 'error')}, so no brief was written: "
            "fix them, or render anyway with --force",
            1,
        )
    changes = since_label = None
    if since is not None:
        from cascade.plan_diff import diff  # only with --since

        try:
            earlier = load_plan_argument(since)
        except (RevisionError, PlanError) as exc:
            raise CliError(f"--since: {exc}") from None
        changes = diff(earlier, plan)
        # Salespeople read "since the plan of 4 December 2026", not "HEAD~1:plan.yaml".
        when = plan_day(since, earlier)
        since_label = f"the plan of {when.day} {when:%B %Y}" if when else None
    with Progress(
        TextColumn("rendering briefs"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    ) as bar:
        task = bar.add_task("briefs", total=None)
        try:
            written = render(
                plan,
                out,
                formats=formats,
                people=person or None,
                templates=templates,
                paper="a4" if paper == "a4" else "letter",
                as_of=day,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
                since=changes,
                since_label=since_label,
                jobs=jobs or os.cpu_count() or 1,
            )
        except (RenderError, PdfUnavailable) as exc:
            raise CliError(str(exc)) from None
    console.print(f"Wrote {counted(len(written), 'file')} to {out}", markup=False, highlight=False)
    if written.removed:
        gone = counted(len(written.removed), "brief")
        console.print(f"Removed {gone} of people no longer in the plan", markup=False, highlight=False)
    for kept, reason in written.left:
        console.print(f"cascade: note: left {kept} in place: {reason}", markup=False, highlight=False)
    return 0
