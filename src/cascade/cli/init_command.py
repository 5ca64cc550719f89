"""``cascade init [DIR]``: write a starter plan that validates clean, never over an existing file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cascade.cli.app import CliError, command, err_console, out_console


@command("init", "cascade init myplan --seed saas-sales")
def init_command(
    folder: Annotated[Path, typer.Argument(help="Where to write the plan.", metavar="DIR")] = Path(),
    seed: Annotated[str, typer.Option(help="Which starter plan: 'cascade init --list' shows them.")] = "minimal",
    list_seeds: Annotated[bool, typer.Option("--list", help="List the starter plans and exit.")] = False,
) -> int:
    """Start a plan from a seed: a small plan (minimal) or a 40-person sales organisation (saas-sales)."""
    from cascade.starters import SeedError, init, seeds

    console = err_console()
    if list_seeds:
        out_console().file.write("".join(name + "\n" for name in seeds()))
        return 0
    try:
        written = init(folder, seed)
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
