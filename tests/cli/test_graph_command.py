"""``cascade graph PATH``: every format on stdout, ``--root``, and one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

import cascade
from tests.conftest import EXAMPLE, NORTHWIND, assert_one_line_error, run_cli
from tests.test_plan_diff import base, find, plan_text

BREAKOUT = "</script><script>alert(1)</script>"


def hostile(tmp_path: Path, title: str = BREAKOUT) -> Path:
    data = base()
    data["plan"]["name"] = "Plan " + BREAKOUT
    find(data, "priya-deals")["title"] = title
    path = tmp_path / "hostile.yaml"
    path.write_text(plan_text(data), encoding="utf-8")
    return path


def script_data(page: str) -> str:
    match = re.search(r'<script type="application/json" id="cascade-data">(.*?)</script>', page, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_mermaid_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "graph", str(EXAMPLE))
    assert status == 0
    assert err == ""
    assert out.startswith("flowchart TD\n")
    assert len(out.splitlines()) == 1 + 7 + 6


def test_dot(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "graph", str(EXAMPLE), "--format", "dot")
    assert status == 0
    assert out.startswith("digraph cascade {\n")
    assert out.rstrip().endswith("}")
    assert '    "arr" -> "emea-arr";' in out.splitlines()


def test_json_is_the_plan_graph(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "graph", str(NORTHWIND), "-f", "json")
    assert status == 0
    data = json.loads(out)
    graph = cascade.load(NORTHWIND).graph
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    assert {(e["source"], e["target"]) for e in data["edges"]} == set(graph.edges)


def test_json_root_is_the_subgraph(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "graph", str(NORTHWIND), "--format", "json", "--root", "emea-arr")
    assert status == 0
    data = json.loads(out)
    graph = cascade.load(NORTHWIND).graph
    below = graph.subgraph({"emea-arr", *nx.descendants(graph, "emea-arr")})
    assert data["graph"]["root"] == "emea-arr"
    assert {n["id"] for n in data["nodes"]} == set(below.nodes)
    assert {(e["source"], e["target"]) for e in data["edges"]} == set(below.edges)


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "json", "html"])
def test_unknown_root_exits_2(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    status, out, err = run_cli(capsys, "graph", str(EXAMPLE), "--format", fmt, "--root", "nope")
    assert_one_line_error(status, out, err, "--root", "nope")


def test_a_person_is_not_a_root(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "graph", str(EXAMPLE), "--root", "priya")
    assert_one_line_error(status, out, err, "priya")


def test_missing_plan_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run_cli(capsys, "graph", str(tmp_path / "nope.yaml"))
    assert_one_line_error(status, out, err, "nope.yaml")


def test_unreadable_plan_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cascade: 1\nplan: [unclosed\n", encoding="utf-8")
    status, out, err = run_cli(capsys, "graph", str(bad))
    assert_one_line_error(status, out, err, "bad.yaml")


def test_unknown_format_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "graph", str(EXAMPLE), "--format", "png")
    assert status == 2
    assert out == ""


def test_a_directory_plan(capsys: pytest.CaptureFixture[str]) -> None:
    split = NORTHWIND.parent.parent / "northwind-split"
    if not split.is_dir():
        pytest.skip("examples/northwind-split is not there")
    status, out, _ = run_cli(capsys, "graph", str(split), "--format", "json")
    assert status == 0
    assert {n["id"] for n in json.loads(out)["nodes"]} == set(cascade.load(split).graph.nodes)


# -- the HTML page ------------------------------------------------------------------------


def test_html_is_a_standalone_page(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "graph", str(NORTHWIND), "--format", "html")
    assert status == 0
    assert out.lstrip().lower().startswith("<!doctype html>")
    assert out.rstrip().endswith("</html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", out, re.IGNORECASE)  # nothing fetched
    assert "<link" not in out
    data = json.loads(script_data(out))
    graph = cascade.load(NORTHWIND).graph
    assert set(data["nodes"]) == set(graph.nodes)
    assert data["roots"] == [n for n in graph.nodes if graph.in_degree(n) == 0]


def test_html_root(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "graph", str(EXAMPLE), "--format", "html", "--root", "emea-arr")
    assert status == 0
    assert json.loads(script_data(out))["roots"] == ["emea-arr"]


def test_html_hostile_title_does_not_break_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run_cli(capsys, "graph", str(hostile(tmp_path)), "--format", "html")
    assert status == 0
    assert out.count("</script>") == 2  # the data element's and the code's, nothing more
    outside = out.replace(script_data(out), "")
    assert outside.lower().count("<script") == 2  # inside the data, "<script" without "<!--" opens nothing
    assert "<script>alert" not in outside  # the plan's name is text in the markup, never a tag
    assert "&lt;/script&gt;" in out  # the plan's name, escaped in <title> and <h1>
    data = json.loads(script_data(out))
    assert data["nodes"]["priya-deals"]["title"] == BREAKOUT
    assert data["plan"] == "Plan " + BREAKOUT


def test_html_title_with_a_comment_opener_keeps_the_data_readable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run_cli(capsys, "graph", str(hostile(tmp_path, "Win <!-- big --> deals")), "--format", "html")
    assert status == 0
    assert json.loads(script_data(out))["nodes"]["priya-deals"]["title"] == "Win <!-- big --> deals"
