"""The index of a plan: built whole, or merged from the indexes of its files, with the same result."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

import cascade
from cascade.model.index import PlanIndex, build_index, index_of, merge_indexes
from tests.conftest import HEADER
from tests.test_bench_generate import AS_OF, write


def tables(index: PlanIndex) -> list[list[tuple[str, object]]]:
    """Every table with its order, and the duplicates as (id, kind)."""
    named: list[Mapping[str, object]] = [
        index.people,
        index.teams,
        index.nodes,
        index.moments,
        index.blockers,
        index.nested_parent,
    ]
    return [list(t.items()) for t in named] + [sorted(index.kinds.items()), [(d.id, d.kind) for d in index.duplicates]]


def test_a_directory_plan_gets_its_index_by_merging_its_files(tmp_path: Path) -> None:
    plan_dir = write(tmp_path, "dir", people=80)
    plan = cascade.load(plan_dir)
    assert plan.provenance.file_indexes is not None
    merged = plan.index
    whole = build_index(plan)  # given no ready-made index: the full build
    assert tables(merged) == tables(whole)
    assert merged.nested_parent


@pytest.mark.parametrize(
    ("name", "other", "found", "place"),
    [
        # files are read in name order: more.yaml first, so the second "ana" is the one in plan.yaml
        ("more.yaml", "people:\n  - {id: ana, name: Ana Again}\n", ("ana", "person", "person"), ("plan.yaml", 4)),
        ("team.yaml", "objectives:\n  - {id: ana, title: Sell, owner: ana}\n", ("ana", "node", "person"), None),
    ],
    ids=["same kind", "two kinds"],
)
def test_an_id_in_two_files_is_left_to_the_full_build(
    tmp_path: Path, name: str, other: str, found: tuple[str, str, str], place: tuple[str, int] | None
) -> None:
    (tmp_path / "plan.yaml").write_text(HEADER + "people:\n  - {id: ana, name: Ana}\n", encoding="utf-8")
    (tmp_path / name).write_text(other, encoding="utf-8")
    plan = cascade.load(tmp_path)
    assert plan.provenance.file_indexes is not None
    assert merge_indexes(plan.provenance.file_indexes) is None
    assert [(d.id, d.kind, d.first_kind) for d in plan.index.duplicates] == [found]
    if place is not None:
        codes = [(Path(d.file).name, d.line, d.code) for d in cascade.validate(plan, as_of=AS_OF).diagnostics]
        assert [c for c in codes if c[2] == "CAS005"] == [(*place, "CAS005")]


def test_an_id_twice_in_one_file_is_left_to_the_full_build(tmp_path: Path) -> None:
    text = HEADER + "people:\n  - {id: ana, name: Ana}\nobjectives:\n  - {id: ana, title: Sell, owner: ana}\n"
    plan = cascade.loads(text)
    assert index_of(plan).duplicates
    assert merge_indexes([index_of(plan)]) is None
    assert [(d.id, d.kind, d.first_kind) for d in plan.index.duplicates] == [("ana", "node", "person")]


def test_a_plan_built_in_python_has_no_fragments() -> None:
    header = cascade.Header.model_validate({"name": "Demo", "start": "2027-01-01", "end": "2027-06-30"})
    plan = cascade.Plan(plan=header, people=[cascade.Person(id="a", name="A")])
    assert plan.provenance.file_indexes is None
    assert list(plan.index.people) == ["a"]


NODE_WITH_CHILDREN = """\
  - id: logos
    title: Win ten logos
    owner: lea
    due: 2027-06-30
    children:
      - {id: ana-logos, title: Sign ten logos, owner: lea, due: 2027-06-30}
"""


@pytest.mark.parametrize(
    "first",
    [
        "people:\n  - {id: logos, name: Lea Berg}\n  - {id: lea, name: Lea Berg}\n",
        "people:\n  - {id: lea, name: Lea Berg}\nteams:\n  - {id: logos, name: Logos team, lead: lea}\n",
        "people:\n  - {id: lea, name: Lea Berg}\nmoments:\n  - {id: logos, name: First call, architect: lea}\n",
    ],
    ids=["person", "team", "moment"],
)
def test_an_id_taken_before_a_node_with_children_is_a_duplicate_not_a_crash(first: str) -> None:
    text = HEADER + first + "objectives:\n" + NODE_WITH_CHILDREN
    plan = cascade.loads(text)
    report = cascade.validate(plan, select=["CAS005"])
    assert [d.code for d in report.diagnostics] == ["CAS005"]
    # the child no longer hangs under a record that is not a node
    assert "ana-logos" not in plan.index.nested_parent
    assert "logos" not in plan.links.children


def test_a_repeated_node_id_keeps_the_children_of_the_repeat_apart() -> None:
    text = (
        HEADER
        + "people:\n  - {id: lea, name: Lea Berg}\nobjectives:\n"
        + "  - {id: logos, title: First, owner: lea, due: 2027-06-30}\n"
        + NODE_WITH_CHILDREN
    )
    plan = cascade.loads(text)
    assert plan.links.children.get("logos") is None  # ana-logos belongs to the second 'logos', which is dropped
    assert plan.index.nested_parent == {}
