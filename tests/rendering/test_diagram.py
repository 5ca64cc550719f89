"""``cascade.rendering.diagram``: the cascade as Mermaid, Graphviz DOT, node-link JSON and data for the HTML page."""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx
import pytest

import cascade
from cascade.rendering.diagram import UnknownNode, html_data, script_json, subgraph, to_dot, to_json, to_mermaid
from tests.conftest import EXAMPLE, NORTHWIND
from tests.test_plan_diff import base, find, plan_text

HOSTILE = 'Say "hi" <script>alert(1)</script> & back\\slash \\" end\\'
BREAKOUT = "</script><script>alert(1)</script>"

NODE_LINE = re.compile(r'^    (n\d+)\["([^"]*)"\]$')
EDGE_LINE = re.compile(r"^    (n\d+) --> (n\d+)$")
DOT_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def hostile_plan(title: str = HOSTILE) -> cascade.Plan:
    data = base()
    find(data, "priya-deals")["title"] = title
    find(data, "emea-arr")["title"] = title + " (parent)"
    return cascade.loads(plan_text(data))


@pytest.fixture(params=["example", "northwind"])
def plan(request: pytest.FixtureRequest) -> cascade.Plan:
    return cascade.load(EXAMPLE if request.param == "example" else NORTHWIND)


def mermaid_parts(text: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The node lines (name -> label) and edge lines of a Mermaid flowchart; any other line fails."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    for line in lines[1:]:
        node, edge = NODE_LINE.match(line), EDGE_LINE.match(line)
        assert node or edge, f"not a node or an edge line: {line!r}"
        if node:
            assert node.group(1) not in nodes
            nodes[node.group(1)] = node.group(2)
        elif edge:
            edges.append((edge.group(1), edge.group(2)))
    return nodes, edges


def dot_unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def dot_parts(text: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Node id -> label, and the edges, of a DOT graph; every line has balanced, well-escaped quotes."""
    lines = text.splitlines()
    assert lines[0] == "digraph cascade {"
    assert lines[-1] == "}"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    for line in lines[1:-1]:
        # outside its quoted strings, a line has no quote at all: the quotes balance
        assert '"' not in DOT_STRING.sub("", line), line
        strings = [dot_unquote(s) for s in DOT_STRING.findall(line)]
        rest = DOT_STRING.sub("S", line).strip()
        if rest == "S [label=S];":
            nodes[strings[0]] = strings[1]
        elif rest == "S -> S;":
            edges.append((strings[0], strings[1]))
        else:
            assert rest in ("rankdir=TB;", "node [shape=box, style=rounded, fontname=S];"), line
    return nodes, edges


# -- subgraph -----------------------------------------------------------------------------


def test_subgraph_of_nothing_is_the_whole_graph(plan: cascade.Plan) -> None:
    assert subgraph(plan, None) is plan.graph


def test_subgraph_is_the_root_and_everything_below() -> None:
    plan = cascade.load(EXAMPLE)
    graph = subgraph(plan, "emea-arr")
    assert set(graph.nodes) == {"emea-arr", "priya-midmarket", "tomas-expansion", "marco-ride-alongs", "marco-kickoff"}
    assert set(graph.edges) == {(a, b) for a, b in plan.graph.edges if a == "emea-arr"}
    assert set(subgraph(plan, "priya-midmarket").nodes) == {"priya-midmarket"}


def test_subgraph_of_an_unknown_id() -> None:
    plan = cascade.load(EXAMPLE)
    for export in (to_mermaid, to_dot, to_json, html_data):
        with pytest.raises(UnknownNode):
            export(plan, "nope")
    with pytest.raises(KeyError):  # UnknownNode is a KeyError
        subgraph(plan, "priya")  # a person is not a node


# -- Mermaid ------------------------------------------------------------------------------


def test_mermaid_has_one_line_per_node_and_edge(plan: cascade.Plan) -> None:
    text = to_mermaid(plan)
    assert text.startswith("flowchart TD\n")
    assert text.endswith("\n")
    nodes, edges = mermaid_parts(text)
    assert len(nodes) == plan.graph.number_of_nodes()
    assert len(edges) == plan.graph.number_of_edges()


def test_mermaid_edges_follow_the_graph() -> None:
    plan = cascade.load(EXAMPLE)
    nodes, edges = mermaid_parts(to_mermaid(plan))
    name_of = {}
    for name, label in nodes.items():
        title = label.split("<br/>")[0]
        (node_id,) = [n for n, node in plan.index.nodes.items() if node.title == title]
        name_of[node_id] = name
    assert set(edges) == {(name_of[a], name_of[b]) for a, b in plan.graph.edges}


def test_mermaid_labels_show_owner_date_and_target() -> None:
    nodes, _ = mermaid_parts(to_mermaid(cascade.load(EXAMPLE)))
    label = next(label for label in nodes.values() if label.startswith("Close $600k"))
    assert (
        label
        == "Close $600k new ARR in mid-market accounts<br/><small>Priya Natarajan · 2027-03-31 · 600,000 USD</small>"
    )


def test_mermaid_quotes_hostile_titles() -> None:
    plan = hostile_plan()
    text = to_mermaid(plan)
    nodes, edges = mermaid_parts(text)  # still one line per node: nothing broke out of the quotes
    assert len(nodes) == plan.graph.number_of_nodes()
    assert len(edges) == plan.graph.number_of_edges()
    assert "<script>" not in text
    label = next(label for label in nodes.values() if label.startswith("Say"))
    assert label.startswith("Say #quot;hi#quot; #lt;script#gt;alert(1)#lt;/script#gt;")


def test_mermaid_root() -> None:
    plan = cascade.load(EXAMPLE)
    nodes, edges = mermaid_parts(to_mermaid(plan, "emea-arr"))
    assert len(nodes) == 5
    assert len(edges) == 4
    assert nodes["n0"].startswith("EMEA closes")


# -- DOT ----------------------------------------------------------------------------------


def test_dot_nodes_and_edges(plan: cascade.Plan) -> None:
    nodes, edges = dot_parts(to_dot(plan))
    assert set(nodes) == set(plan.graph.nodes)
    assert sorted(edges) == sorted(plan.graph.edges)


def test_dot_label_is_the_title_and_the_facts() -> None:
    nodes, _ = dot_parts(to_dot(cascade.load(EXAMPLE)))
    assert (
        nodes["priya-midmarket"]
        == "Close $600k new ARR in mid-market accounts\nPriya Natarajan · 2027-03-31 · 600,000 USD"
    )
    assert nodes["marco-kickoff"] == "Present the EMEA plan to every AE in person\nMarco Ruiz · 2027-01-15"


def test_dot_escapes_quotes_and_backslashes() -> None:
    plan = hostile_plan()
    text = to_dot(plan)
    nodes, edges = dot_parts(text)  # a trailing backslash did not escape the closing quote
    assert nodes["priya-deals"].split("\n")[0] == HOSTILE  # read back exactly
    assert nodes["emea-arr"].split("\n")[0] == HOSTILE + " (parent)"
    assert sorted(edges) == sorted(plan.graph.edges)
    assert '\\"hi\\"' in text
    assert "back\\\\slash" in text


def test_dot_title_with_a_newline_stays_on_one_line() -> None:
    nodes, _ = dot_parts(to_dot(hostile_plan("two\nlines")))
    assert nodes["priya-deals"].startswith("two\nlines\n")


def test_dot_root() -> None:
    nodes, edges = dot_parts(to_dot(cascade.load(EXAMPLE), "emea-arr"))
    assert set(nodes) == {"emea-arr", "priya-midmarket", "tomas-expansion", "marco-ride-alongs", "marco-kickoff"}
    assert len(edges) == 4


# -- JSON ---------------------------------------------------------------------------------


def test_json_is_the_graph(plan: cascade.Plan) -> None:
    data = json.loads(to_json(plan))
    assert data["directed"] is True
    assert data["multigraph"] is False
    assert data["graph"] == {"plan": plan.plan.name, "root": None}
    assert [n["id"] for n in data["nodes"]] == list(plan.graph.nodes)
    assert {(e["source"], e["target"]) for e in data["edges"]} == set(plan.graph.edges)
    assert len(data["edges"]) == plan.graph.number_of_edges()


def test_json_loads_into_networkx(plan: cascade.Plan) -> None:
    graph = nx.node_link_graph(json.loads(to_json(plan)), edges="edges")
    assert set(graph.nodes) == set(plan.graph.nodes)
    assert set(graph.edges) == set(plan.graph.edges)


def test_json_node_facts() -> None:
    data = json.loads(to_json(cascade.load(EXAMPLE)))
    facts = {n["id"]: n for n in data["nodes"]}
    assert facts["priya-midmarket"] == {
        "id": "priya-midmarket",
        "title": "Close $600k new ARR in mid-market accounts",
        "owner": "Priya Natarajan",
        "due": "2027-03-31",
        "target": "600,000 USD",
        "kind": None,
        "status": "planned",
    }
    assert facts["emea-arr"]["owner"] == "EMEA Sales"
    assert facts["marco-ride-alongs"]["kind"] == "frontline"


def test_json_root_is_the_subgraph() -> None:
    plan = cascade.load(NORTHWIND)
    for root in ("arr", "emea-arr"):
        data = json.loads(to_json(plan, root))
        assert data["graph"]["root"] == root
        expected = plan.graph.subgraph({root, *nx.descendants(plan.graph, root)})
        assert {n["id"] for n in data["nodes"]} == set(expected.nodes)
        assert {(e["source"], e["target"]) for e in data["edges"]} == set(expected.edges)


def test_json_keeps_hostile_titles_exact() -> None:
    data = json.loads(to_json(hostile_plan()))
    assert {n["id"]: n["title"] for n in data["nodes"]}["priya-deals"] == HOSTILE


# -- the HTML page's data -----------------------------------------------------------------


def test_html_data_roots_and_children(plan: cascade.Plan) -> None:
    data: dict[str, Any] = html_data(plan)
    assert data["plan"] == plan.plan.name
    assert data["version"] == cascade.__version__
    assert data["roots"] == [n for n in plan.graph.nodes if plan.graph.in_degree(n) == 0]
    assert set(data["nodes"]) == set(plan.graph.nodes)
    assert {(a, b) for a, kids in data["children"].items() for b in kids} == set(plan.graph.edges)


def test_html_data_root() -> None:
    data: dict[str, Any] = html_data(cascade.load(EXAMPLE), "emea-arr")
    assert data["roots"] == ["emea-arr"]
    assert "arr" not in data["nodes"]


@pytest.mark.parametrize(
    "title",
    [
        BREAKOUT,
        "</SCRIPT><script>alert(1)</script>",
        "</script >",
        "<!--<script>",
        HOSTILE,
        "a\u2028b\u2029c",
    ],
)
def test_script_json_never_closes_the_script(title: str) -> None:
    data = html_data(hostile_plan(title))
    text = script_json(data)
    assert "</script" not in text.lower()
    assert "<!--" not in text
    assert "</" not in text


@pytest.mark.parametrize("title", [BREAKOUT, "</SCRIPT>", HOSTILE, "a\u2028b", "é ü 日本"])
def test_script_json_parses_back(title: str) -> None:
    data = html_data(hostile_plan(title))
    assert json.loads(script_json(data)) == data


def test_script_json_parses_back_with_a_comment_opener() -> None:
    data = html_data(hostile_plan("Win <!-- big --> deals"))
    assert json.loads(script_json(data)) == data


# -- labels from unruly titles --------------------------------------------------------------

UNRULY = {
    "newline": "two\nlines",
    "carriage return": "one\rtwo",
    "crlf": "one\r\ntwo",
    "tab": "tab\there",
    "line separator": "one\u2028two",
    "other control": "bell\x07nul\x00del\x7f",
    "quotes": 'say "hi" it\'s',
    "hash": "win deal #42",
    "semicolon": "north; south",
    "backtick": "`**bold**` start",
    "script": "<script>alert(1)</script>",
    "comment": "%% hidden",
    "directive": "%%{init: {'theme': 'dark'}}%%",
    "entity": "#quot; and &amp; &lt;b&gt;",
    "everything": 'a\nb\r\nc\td "e" #f ;g `h` <script>i</script> %%j &k',
}
MERMAID_ENTITY = re.compile(r"#(\w+);")
MERMAID_NAMED = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}


def mermaid_text(label: str) -> str:
    """The text Mermaid shows for a label written with entity codes."""
    assert "&" not in label  # Mermaid's codes only: a raw HTML entity would be decoded too
    named = MERMAID_NAMED.get
    return MERMAID_ENTITY.sub(lambda m: named(m[1]) or chr(int(m[1])), label)


def spaced(title: str) -> str:
    """The title with each line break and control character a space (CRLF as one)."""
    return re.sub(r"[\x00-\x1f\x7f\u2028]", " ", title.replace("\r\n", "\n"))


@pytest.mark.parametrize("title", UNRULY.values(), ids=UNRULY.keys())
def test_mermaid_label_of_an_unruly_title_is_one_escaped_line(title: str) -> None:
    plan = hostile_plan(title)
    nodes, edges = mermaid_parts(to_mermaid(plan))  # one line per node, nothing else
    assert len(nodes) == plan.graph.number_of_nodes()
    assert len(edges) == plan.graph.number_of_edges()
    label = next(label for label in nodes.values() if mermaid_text(label).startswith(spaced(title) + "<br/>"))
    outside_codes = MERMAID_ENTITY.sub("", label.replace("<br/><small>", "").replace("</small>", ""))
    for raw in ('"', "#", ";", "`", "%", "<", ">", "\t", "\r", "\n", "\x00", "\u2028"):
        assert raw not in outside_codes, raw


@pytest.mark.parametrize("title", UNRULY.values(), ids=UNRULY.keys())
def test_dot_label_of_an_unruly_title_reads_back(title: str) -> None:
    text = to_dot(hostile_plan(title))
    for raw in ("\r", "\t", "\u2028"):
        assert raw not in text
    nodes, _ = dot_parts(text)  # every string closed on its own line
    # line breaks stay breaks (written \n), other control characters become spaces
    broken = re.sub(r"\r\n|[\r\u2028]", "\n", title)
    assert nodes["priya-deals"].startswith(re.sub(r"[\x00-\x09\x0b-\x1f\x7f]", " ", broken) + "\n")
