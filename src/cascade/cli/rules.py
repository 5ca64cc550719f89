"""``cascade rules [CODE]``: the catalogue, or one rule explained with its snippets."""

from __future__ import annotations

import typer

from ..rules import REGISTRY, get_rule
from .app import CliError, app, out_console


@app.command("rules")
def rules_command(code: str | None = typer.Argument(None, help="A rule code, e.g. CAS302.")) -> None:
    """List the rule catalogue, or explain one rule."""
    console = out_console()
    if code is None:
        for rule in REGISTRY.values():
            console.print(f"{rule.code}  {rule.severity.value:<7}  {rule.name:<22} {rule.summary}", markup=False)
        return
    rule = get_rule(code)
    if rule is None:
        raise CliError(f"unknown rule {code!r}; 'cascade rules' lists them")
    console.print(f"{rule.code} {rule.name} ({rule.severity.value})\n", markup=False)
    console.print(rule.manual(), markup=False)
