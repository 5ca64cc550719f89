"""``cascade init [DIR]``: write a starter plan that validates clean, never over an existing file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated

import typer

from cascade.cli.app import CliError, command, err_console, out_console


def _start(value: str | None) -> dt.date | None:
    """A plan period begins on a day, so --start takes a day and nothing vaguer."""
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CliError(f"--start: {value!r} is not a day; write it as 2027-07-01") from None


@command("init", "cascade init myplan --seed field-sales --start 2027-07-01")
def init_command(
    folder: Annotated[Path, typer.Argument(help="Where to write the plan.", metavar="DIR")] = Path(),
    seed: Annotated[str, typer.Option(help="Which starter plan: 'cascade init --list' shows them.")] = "minimal",
    start: Annotated[
        str | None,
        typer.Option(help="Move the starter's every date so its period begins on this day (YYYY-MM-DD)."),
    ] = None,
    list_seeds: Annotated[bool, typer.Option("--list", help="List the starter plans and exit.")] = False,
) -> int:
    """Start a plan from a seed: 'cascade init --list' shows the starter plans and their sizes."""
    from cascade.starters import SeedError, describe, init, seeds

    console = err_console()
    if list_seeds:
        infos = [describe(name) for name in seeds()]
        width = max((len(info.name) for info in infos), default=0)
        out_console().file.write(
            "".join(
                f"{info.name:<{width}}  {info.people} people, {info.commitments} commitments: {info.description}\n"
                for info in infos
            )
        )
        return 0
    day = _start(start)
    try:
        written = init(folder, seed, start=day)
    except SeedError as exc:
        raise CliError(str(exc)) from None
    for path in written:
        console.print(f"wrote {path}", markup=False, highlight=False)
    console.print(
        f"Next: edit the plan, then 'cascade validate {folder}' and 'cascade render {folder} --out briefs'.",
        markup=False,
        highlight=False,
    )
    return 0
