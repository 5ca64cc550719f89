"""``cascade graph PATH``: the cascade as Mermaid, Graphviz DOT, node-link JSON or a foldable HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cascade._version import __version__
from cascade.cli import options
from cascade.cli.app import CliError, app, out_console
from cascade.formats import GRAPH_FORMATS, one_of

if TYPE_CHECKING:
    from cascade.model.plan import Plan

    GraphFormat = options.FormatName
else:
    GraphFormat = options.format_choice("graph")  # cascade.formats.GRAPH_FORMATS
_MERMAID = GraphFormat("mermaid")


def load_for_command(path: Path) -> Plan:
    """A plan for a command that shows it: unreadable plans are a one-line error, exit 2."""
    from cascade.errors import PlanError
    from cascade.read.assemble import load

    if not path.exists():
        raise CliError(f"no such file or directory: {path}")
    try:
        return load(path)
    except PlanError as exc:
        raise CliError(f"{path} is not a readable plan: {exc}") from None


@app.command("graph")
def graph_command(
    path: Annotated[Path, typer.Argument(help="A plan file or directory.", metavar="PATH")],
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help=f"{one_of(GRAPH_FORMATS)}.")] = _MERMAID,
    root: Annotated[str | None, typer.Option(help="Only this node and what is below it.")] = None,
) -> int:
    """Draw the cascade: paste Mermaid into GitHub Markdown, or open the HTML page to fold and search."""
    from cascade.rendering.diagram import UnknownNode, html_data, script_json, to_dot, to_json, to_mermaid

    plan = load_for_command(path)
    try:
        if format == "mermaid":
            text = to_mermaid(plan, root)
        elif format == "dot":
            text = to_dot(plan, root)
        elif format == "json":
            text = to_json(plan, root)
        else:
            from cascade.rendering.jinja_env import environment  # Jinja2, only for the HTML page

            data = html_data(plan, root)
            text = (
                environment()
                .get_template("graph.html.j2")
                .render(plan_name=plan.plan.name, version=__version__, data_json=script_json(data))
            )
    except UnknownNode as exc:
        raise CliError(f"--root: {exc.args[0]!r} is not an objective or commitment of the plan") from None
    out_console().file.write(text)
    return 0
