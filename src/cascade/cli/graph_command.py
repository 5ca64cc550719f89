"""``cascade graph PATH``: the cascade as Mermaid, Graphviz DOT, node-link JSON or a foldable HTML page."""

from __future__ import annotations

from typing import Annotated

import typer

from cascade._version import __version__
from cascade.cli import options
from cascade.cli.app import CliError, command, out_console
from cascade.cli.options import GraphFormat
from cascade.formats import GRAPH_FORMATS, one_of

_MERMAID = GraphFormat("mermaid")


@command("graph", "cascade graph plan.yaml --format html > cascade.html")
def graph_command(
    path: Annotated[str, typer.Argument(help="A plan file or directory, or REV:PATH in git.", metavar="PATH")],
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help=f"{one_of(GRAPH_FORMATS)}.")] = _MERMAID,
    root: Annotated[str | None, typer.Option(help="Only this node and what is below it.")] = None,
) -> int:
    """Draw the cascade: paste Mermaid into GitHub Markdown, or open the HTML page to fold and search."""
    from cascade.rendering.diagram import UnknownNode, html_data, script_json, to_dot, to_json, to_mermaid

    plan = options.load_plan(path)
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
