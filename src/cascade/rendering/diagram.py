"""The cascade as a picture or as data: Mermaid, Graphviz DOT, node-link JSON, a foldable HTML page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cascade._version import __version__
from cascade.errors import CascadeError
from cascade.model.amounts import amount_text
from cascade.model.plan import Plan
from cascade.model.records import Node

if TYPE_CHECKING:
    from cascade.model.links import DiGraph


class UnknownNode(CascadeError, KeyError):
    """The root asked for (``--root``) is not a node (an objective or commitment) of the plan.
    A ``KeyError`` too, as a lookup of an unknown id is."""


def subgraph(plan: Plan, root: str | None) -> DiGraph:
    """The whole cascade, or ``root`` and everything below it."""
    if root is None:
        return plan.graph
    if root not in plan.index.nodes:
        raise UnknownNode(root)
    import networkx as nx  # only for a part of the cascade (ruff TID253: never at a module's top)

    keep = {root, *nx.descendants(plan.graph, root)}
    return plan.graph.subgraph(keep)


def _facts(plan: Plan, node: Node) -> dict[str, str | None]:
    owner = plan.who(node.owner)
    return {
        "id": node.id,
        "title": node.title,
        "owner": owner.name if owner else node.owner,
        "due": node.due.isoformat() if node.due else None,
        "target": amount_text(node.measure.target, node.measure.unit)
        if node.measure is not None and node.measure.target is not None
        else None,
        "kind": node.kind,
        "status": node.status,
    }


def _label(facts: dict[str, str | None]) -> tuple[str, str]:
    details = " · ".join(v for v in (facts["owner"], facts["due"], facts["target"]) if v)
    return str(facts["title"]), details


_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""What str.splitlines breaks a line at."""
_CONTROLS = re.compile(r"[\x00-\x09\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
"""Every other control character, the tab among them."""


def _one_line(text: str, line_break: str) -> str:
    """``text`` with each line break written as ``line_break`` and any other control character
    as a space: both formats are line-based, and a raw break in a title would end the label."""
    return _BREAKS.sub(line_break, _CONTROLS.sub(" ", text))


# Mermaid's entity codes (#quot;, #35;) for whatever could end the quoted label, open an
# entity, a Markdown string (a backtick) or a %% comment or directive, or reach the HTML.
_MERMAID = str.maketrans(
    {'"': "#quot;", "#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;", ";": "#59;", "`": "#96;", "%": "#37;"}
)


def to_mermaid(plan: Plan, root: str | None = None) -> str:
    """A ``flowchart`` that pastes into GitHub Markdown; ids are renumbered, labels quoted."""
    graph = subgraph(plan, root)
    names = {node_id: f"n{i}" for i, node_id in enumerate(graph.nodes)}

    def quote(text: str) -> str:
        return _one_line(text, " ").translate(_MERMAID)

    lines = ["flowchart TD"]
    for node_id in graph.nodes:
        title, details = _label(_facts(plan, plan.index.nodes[node_id]))
        label = quote(title) + (f"<br/><small>{quote(details)}</small>" if details else "")
        lines.append(f'    {names[node_id]}["{label}"]')
    lines += [f"    {names[a]} --> {names[b]}" for a, b in graph.edges]
    return "\n".join(lines) + "\n"


def to_dot(plan: Plan, root: str | None = None) -> str:
    """Graphviz DOT, one box per node."""
    graph = subgraph(plan, root)

    def quote(text: str) -> str:
        escaped = _one_line(text, "\n").replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'

    lines = ["digraph cascade {", "    rankdir=TB;", '    node [shape=box, style=rounded, fontname="Helvetica"];']
    for node_id in graph.nodes:
        title, details = _label(_facts(plan, plan.index.nodes[node_id]))
        label = title + (f"\n{details}" if details else "")
        lines.append(f"    {quote(node_id)} [label={quote(label)}];")
    lines += [f"    {quote(a)} -> {quote(b)};" for a, b in graph.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_json(plan: Plan, root: str | None = None) -> str:
    """networkx's node-link data, each node with its facts."""
    graph = subgraph(plan, root)
    data = {
        "directed": True,
        "multigraph": False,
        "graph": {"plan": plan.plan.name, "root": root},
        "nodes": [_facts(plan, plan.index.nodes[n]) for n in graph.nodes],
        "edges": [{"source": a, "target": b} for a, b in graph.edges],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def html_data(plan: Plan, root: str | None = None) -> dict[str, object]:
    """What the HTML page needs: nodes with facts, children lists, and the roots to start from."""
    graph = subgraph(plan, root)
    roots: Iterable[str] = [root] if root else [n for n, d in graph.in_degree() if d == 0]
    return {
        "plan": plan.plan.name,
        "version": __version__,
        "nodes": {n: _facts(plan, plan.index.nodes[n]) for n in graph.nodes},
        "children": {n: list(graph.successors(n)) for n in graph.nodes},
        "roots": list(roots),
    }


def script_json(data: object) -> str:
    """JSON safe inside a <script> element: no '</' can close it early."""
    # \u escapes are valid JSON and no HTML parser sees "</script" or "<!--" in them
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
