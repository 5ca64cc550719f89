"""``cascade rules [CODE]``: the catalogue, or one rule explained with its snippets."""

from __future__ import annotations

from typing import Annotated

import typer

from cascade.cli.app import CliError, command, out_console
from cascade.cli.options import RulesFormat
from cascade.formats import RULES_FORMATS, one_of

_TEXT = RulesFormat("text")


@command("rules", "cascade rules CAS302")
def rules_command(
    code: Annotated[str | None, typer.Argument(help="A rule code, e.g. CAS302.", metavar="CODE")] = None,
    format: Annotated[
        RulesFormat,
        typer.Option("--format", "-f", help=f"{one_of(RULES_FORMATS)} (markdown is the source of docs/rules.md)."),
    ] = _TEXT,
) -> int:
    """List the rule catalogue, or explain one rule with a failing and a passing snippet."""
    from rich.text import Text

    from cascade.rules import REGISTRY, get_rule
    from cascade.rules.docs import catalogue_markdown, explanation

    console = out_console()
    if format == "markdown":
        if code is not None:
            raise CliError("--format markdown prints the whole catalogue; leave out the code")
        console.file.write(catalogue_markdown())
        return 0
    if code is None:
        for rule in REGISTRY.values():
            line = Text()
            line.append(rule.code, style="bold")
            line.append(f"  {rule.severity.value:<7}  {rule.name:<28} {rule.summary}")
            console.print(line)
        return 0
    found = get_rule(code)
    if found is None:
        raise CliError(f"unknown rule {code!r}; 'cascade rules' lists them")
    from rich.syntax import Syntax  # Pygments, only to colour one rule's snippets

    failing, passing = found.snippets()
    console.print(Text(f"{found.code} {found.name} ({found.severity.value}): {found.summary}", style="bold"))
    console.print()
    console.print(explanation(found), markup=False)
    for title, snippet in (("Failing:", failing), ("Passing:", passing)):
        console.print()
        console.print(Text(title, style="bold"))
        console.print(Syntax(snippet.rstrip("\n"), "yaml", theme="ansi_dark", background_color="default"))
    return 0
