"""``cascade rules [CODE]``: the catalogue, or one rule explained with its snippets."""

from __future__ import annotations

from typing import Annotated

import typer

from cascade.rules import REGISTRY, get_rule

from .app import CliError, app, out_console


@app.command("rules")
def rules_command(code: Annotated[str | None, typer.Argument(help="A rule code, e.g. CAS302.")] = None) -> None:
    """List the rule catalogue, or explain one rule."""
    console = out_console()
    if code is None:
        for rule in REGISTRY.values():
            console.print(f"{rule.code}  {rule.severity.value:<7}  {rule.name:<22} {rule.summary}", markup=False)
        return
    found = get_rule(code)
    if found is None:
        raise CliError(f"unknown rule {code!r}; 'cascade rules' lists them")
    console.print(f"{found.code} {found.name} ({found.severity.value})\n", markup=False)
    console.print(found.manual(), markup=False)
