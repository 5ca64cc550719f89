"""``cascade trace PATH ID``: the line of sight up to the company objective, and the tree below."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, NORTHWIND, WritePlan, run_cli
from tests.test_plan_diff import base, find, plan_text

ID = re.compile(r"\[([A-Za-z0-9_.-]+)\]")

CYCLE = """\
cascade: 1
plan: {name: Cycles, start: 2027-01-01, end: 2027-06-30}
people:
  - {id: ann, name: Ann Archer}
objectives:
  - id: top
    title: Top
    owner: ann
    children:
      - id: a
        title: A
        owner: ann
        supports: [b]
        children:
          - {id: b, title: B, owner: ann, due: 2027-03-31}
  - {id: x, title: X, owner: ann, supports: [y]}
  - {id: y, title: Y, owner: ann, supports: [x]}
"""
"""``a`` and ``b`` are each other's parent under ``top``; ``x`` and ``y`` form a cycle with no root."""


def ids(out: str) -> list[str]:
    """The node ids of the output, line by line."""
    found = []
    for line in out.splitlines():
        match = ID.search(line)
        if match:
            found.append(match.group(1))
    return found


def depth(line: str) -> int:
    """How deep a line of a Rich tree is drawn: its title starts after the guides."""
    return len(re.match(r"^[\s│├└─]*", line).group(0)) // 4  # type: ignore[union-attr]


def test_commitment_shows_its_chain_and_nothing_below(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "trace", str(EXAMPLE), "priya-midmarket")
    assert status == 0
    assert err == ""
    assert ids(out) == ["arr", "emea-arr", "priya-midmarket"]
    lines = out.splitlines()
    assert len(lines) == 3
    assert [depth(line) for line in lines] == [0, 1, 2]
    assert lines[0].startswith("Grow new ARR to $1.2M")
    assert "Priya Natarajan · 2027-03-31 · 600,000 USD" in lines[2]
    assert "EMEA Sales" in lines[1]  # a team owner, by name


def test_commitment_of_northwind(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "trace", str(NORTHWIND), "priya-midmarket")
    assert status == 0
    chain = ids(out)
    assert chain[0] == "arr"
    assert chain[-1] == "priya-midmarket"
    assert len(chain) == len(set(chain))


def test_objective_shows_the_tree_below_with_owners_and_dates(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "trace", str(EXAMPLE), "arr")
    assert status == 0
    assert sorted(ids(out)) == sorted(
        ["arr", "emea-arr", "priya-midmarket", "tomas-expansion", "marco-ride-alongs", "marco-kickoff", "dana-qbrs"]
    )
    lines = {ID.search(line).group(1): line for line in out.splitlines()}  # type: ignore[union-attr]
    assert depth(lines["arr"]) == 0
    assert depth(lines["emea-arr"]) == depth(lines["dana-qbrs"]) == 1
    assert depth(lines["priya-midmarket"]) == depth(lines["marco-kickoff"]) == 2
    assert "Tomás Novák · 2027-06-30 · 650,000 USD" in lines["tomas-expansion"]
    assert "Marco Ruiz · 2027-01-15" in lines["marco-kickoff"]
    assert "Dana Whitfield · 2027-06-30" in lines["dana-qbrs"]


def test_middle_objective_shows_its_chain_up_and_its_tree_down(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "trace", str(EXAMPLE), "emea-arr")
    assert status == 0
    found = ids(out)
    assert found[:2] == ["arr", "emea-arr"]
    assert sorted(found[2:]) == sorted(["priya-midmarket", "tomas-expansion", "marco-ride-alongs", "marco-kickoff"])
    assert "dana-qbrs" not in found  # a sibling, not above nor below


def test_missing_owner_and_date_are_said(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    data = base()
    data["objectives"].append({"id": "loose", "title": "Loose end"})
    status, out, _ = run_cli(capsys, "trace", str(write_plan(plan_text(data))), "loose")
    assert status == 0
    assert "no owner" in out
    assert "no date" in out


def test_person_traces_each_commitment(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "trace", str(EXAMPLE), "marco")
    assert status == 0
    assert ids(out) == ["arr", "emea-arr", "marco-ride-alongs", "arr", "emea-arr", "marco-kickoff"]
    assert sum(line.startswith("Grow new ARR") for line in out.splitlines()) == 2


def test_person_with_one_commitment(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "trace", str(EXAMPLE), "tomas")
    assert status == 0
    assert ids(out) == ["arr", "emea-arr", "tomas-expansion"]


def test_node_with_several_parents_names_the_others(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    data = base()
    find(data, "marco-rides")["supports"] = ["emea-arr", "arr"]
    status, out, _ = run_cli(capsys, "trace", str(write_plan(plan_text(data))), "marco-rides")
    assert status == 0
    assert "marco-rides" in ids(out)
    assert "it also supports:" in out


def test_person_without_commitment_exits_2(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    data = base()
    data["people"].append({"id": "newbie", "name": "New Person", "manager": "marco"})
    status, out, err = run_cli(capsys, "trace", str(write_plan(plan_text(data))), "newbie")
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "newbie" in err


@pytest.mark.parametrize("unknown", ["nope", "emea", "discovery", "msa-review"])
def test_unknown_id_exits_2(capsys: pytest.CaptureFixture[str], unknown: str) -> None:
    status, out, err = run_cli(capsys, "trace", str(EXAMPLE), unknown)
    assert status == 2
    assert out == ""
    assert err.startswith("cascade: error: ")
    assert len(err.strip().splitlines()) == 1
    assert unknown in err


def test_missing_plan_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run_cli(capsys, "trace", str(tmp_path / "nope.yaml"), "arr")
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1


def test_missing_id_argument_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "trace", str(EXAMPLE))
    assert status == 2
    assert out == ""


@pytest.mark.parametrize("node", ["top", "a", "b", "x", "y", "ann"])
def test_a_cycle_does_not_hang(write_plan: WritePlan, node: str) -> None:
    path = write_plan(CYCLE)
    proc = subprocess.run(
        [sys.executable, "-m", "cascade", "trace", str(path), node],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "Traceback" not in proc.stderr
    if node == "ann":  # owns only nodes of cycles: none is a commitment
        assert proc.returncode == 2
        return
    assert proc.returncode == 0, proc.stderr
    found = ids(proc.stdout)
    assert node in found
    assert len(found) <= 4  # each node of a cycle at most once on a path, plus 'top'


def test_a_cycle_in_process(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    status, out, _ = run_cli(capsys, "trace", str(write_plan(CYCLE)), "top")
    assert status == 0
    assert ids(out) == ["top", "a", "b"]
