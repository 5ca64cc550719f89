"""``cascade trace PATH ID``: the line of sight of a node, up to the company objective and down to every commitment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from cascade.cli import options
from cascade.cli.app import CliError, command, out_console

if TYPE_CHECKING:
    from rich.text import Text
    from rich.tree import Tree

    from cascade.model.plan import Plan
    from cascade.model.records import Node


def _line(plan: Plan, node: Node, *, here: bool = False) -> Text:
    from rich.text import Text

    from cascade.model.amounts import amount_text

    owner = plan.who(node.owner)
    facts = [owner.name if owner else (node.owner or "no owner"), node.due.isoformat() if node.due else "no date"]
    if node.measure is not None and node.measure.target is not None:
        facts.append(amount_text(node.measure.target, node.measure.unit))
    text = Text()
    text.append(node.title, style="bold" if here else "")
    text.append(f"  [{node.id}] " + " · ".join(facts), style="dim")
    return text


def _below(plan: Plan, branch: Tree, node_id: str, path: tuple[str, ...]) -> None:
    for child in plan.graph.successors(node_id):
        if child in path:  # a cycle (CAS101): stop rather than loop
            continue
        _below(plan, branch.add(_line(plan, plan.index.nodes[child])), child, (*path, child))


@command("trace", "cascade trace plan.yaml ana")
def trace_command(
    path: Annotated[str, typer.Argument(help="A plan file or directory, or REV:PATH in git.", metavar="PATH")],
    node_id: Annotated[str, typer.Argument(help="An objective, commitment or person id.", metavar="ID")],
) -> int:
    """Show why a piece of work matters (the objectives above it) and who does what below it."""
    plan = options.load_plan(path)
    index = plan.index
    if node_id in index.people:
        targets = [n.id for n in plan.person(node_id).commitments]
        if not targets:
            raise CliError(f"{index.people[node_id].name} ({node_id}) owns no commitment to trace")
    elif node_id in index.nodes:
        targets = [node_id]
    else:
        raise CliError(f"{node_id!r} is not an objective, commitment or person of the plan")
    from rich.text import Text
    from rich.tree import Tree

    console = out_console()
    for target in targets:
        chain = plan.line_of_sight(target)
        tree = Tree(_line(plan, index.nodes[chain[0]], here=len(chain) == 1))
        branch = tree
        for step in chain[1:]:
            branch = branch.add(_line(plan, index.nodes[step], here=step == target))
        _below(plan, branch, target, tuple(chain))
        others = [p for p in plan.graph.predecessors(target) if len(chain) < 2 or p != chain[-2]]
        console.print(tree)
        if others:
            names = ", ".join(f"{index.nodes[p].title} ({p})" for p in others)
            console.print(Text(f"  it also supports: {names}", style="dim"))
    return 0
