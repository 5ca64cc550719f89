"""The plan seen as it is now: after copies, pickles and edits in place, validate works from
the current records, and every record keeps its own place (never an old record's)."""

from __future__ import annotations

import copy
import gc
import pickle
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cascade
from cascade import Node, Person, Plan
from tests.conftest import AS_OF, EXAMPLE, HEADER

Seen = list[tuple[str, str, int, int]]


def seen(plan: Plan) -> Seen:
    return [(d.code, d.file, d.line, d.column) for d in cascade.validate(plan, as_of=AS_OF)]


def codes(plan: Plan) -> Counter[str]:
    return Counter(d.code for d in cascade.validate(plan, as_of=AS_OF))


def ghost_report() -> Person:
    return Person(id="zoe", name="Zoe Adler", role="Account Executive", manager="ghost")


def node(node_id: str, owner: str | None = "priya") -> Node:
    return Node.model_validate({"id": node_id, "title": f"Do {node_id}", "owner": owner, "due": "2027-03-31"})


def test_a_copy_with_other_people_is_checked_with_them() -> None:
    plan = cascade.load(EXAMPLE)
    assert seen(plan) == []  # derived data built and cached in the plan
    twin = plan.model_copy(update={"people": [*plan.people, ghost_report()]})
    assert "CAS006" in codes(twin)
    assert seen(plan) == []  # the original is untouched
    deep = plan.model_copy(update={"people": [*plan.people, ghost_report()]}, deep=True)
    assert "CAS006" in codes(deep)


def test_a_person_appended_after_a_validate_is_checked() -> None:
    plan = cascade.load(EXAMPLE)
    assert seen(plan) == []
    plan.people.append(ghost_report())
    assert "CAS006" in codes(plan)


def _append_child(plan: Plan) -> None:
    parent = plan.objectives[0]
    parent.children = (*parent.children, node("extra", owner="ghost"))


def _drop_children(plan: Plan) -> None:
    plan.objectives[0].children = ()


def _new_manager(plan: Plan) -> None:
    plan.people[-1].manager = plan.people[-2].id  # a new leader, who owes them frontline time


def _rename_person(plan: Plan) -> None:
    plan.people[-1].id = "someone-else"  # what named the old id now names no one


@pytest.mark.parametrize("edit", [_append_child, _drop_children, _new_manager, _rename_person])
def test_an_edit_in_place_after_the_derived_data_was_built_is_seen(edit: Callable[[Plan], None]) -> None:
    plan = cascade.load(EXAMPLE)
    assert seen(plan) == []
    assert plan.person("priya").commitments  # index, graph, organisation built
    edit(plan)
    assert codes(plan) == codes(cascade.loads(cascade.dumps(plan)))
    assert codes(plan)  # each edit makes a fault


def test_refresh_rebuilds_what_the_plan_methods_read() -> None:
    plan = cascade.load(EXAMPLE)
    assert plan.line_of_sight("priya-midmarket") == ["arr", "emea-arr", "priya-midmarket"]
    _drop_children(plan)
    assert plan.get("emea-arr") is not None  # a snapshot until refreshed, as documented
    plan.refresh()
    assert plan.get("emea-arr") is None
    with pytest.raises(KeyError):
        plan.line_of_sight("priya-midmarket")


def test_an_index_is_taken_again_only_while_it_holds_the_plan_records() -> None:
    plan = cascade.load(EXAMPLE)
    index = plan.index
    plan.refresh()
    assert plan.index is index  # nothing changed: checked, not rebuilt
    parent = plan.get("emea-arr")
    assert isinstance(parent, Node)
    assert len(parent.children) == 2
    parent.children = parent.children[::-1]  # the same records, in another order
    plan.refresh()
    assert plan.index is not index
    assert [n.id for n in plan.nodes()] == [n.id for n in cascade.loads(cascade.dumps(plan)).nodes()]


def _write_dir_plan(tmp_path: Path) -> Path:
    (tmp_path / "plan.yaml").write_text(
        HEADER + "people:\n  - {id: ana, name: Ana Lima}\n  - {id: cy, name: Cy Berg, manager: ana}\n"
        "  - {id: ben, name: Ben Adler, manager: ana}\n",
        encoding="utf-8",
    )
    (tmp_path / "work.yaml").write_text(
        "objectives:\n"
        "  - id: win\n    title: Win ten logos\n    owner: ana\n    due: 2027-06-30\n"
        "    children:\n      - {id: ben-win, title: Sign ten logos, owner: ben, due: 2027-05-31}\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize("edit", [_append_child, _drop_children, _new_manager, _rename_person])
def test_a_directory_plan_edited_before_its_index_is_merged_is_seen(
    tmp_path: Path, edit: Callable[[Plan], None]
) -> None:
    """The files' own indexes describe the plan as read: after an edit they are not taken."""
    plan = cascade.load(_write_dir_plan(tmp_path))
    assert plan.provenance.file_indexes is not None
    edit(plan)
    assert codes(plan) == codes(cascade.loads(cascade.dumps(plan)))
    assert codes(plan)


def test_an_unchanged_directory_plan_still_merges_its_files_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = cascade.load(_write_dir_plan(tmp_path))
    expected = codes(cascade.loads(cascade.dumps(plan)))
    assert plan.provenance.file_indexes is not None

    def no_full_build(*_: object) -> None:
        raise AssertionError("built whole")

    monkeypatch.setattr("cascade.model.index._entries", no_full_build)
    assert codes(plan) == expected


def _pickled(plan: Plan) -> Plan:
    twin: Plan = pickle.loads(pickle.dumps(plan))
    return twin


FAULTY = HEADER + (
    "people:\n"  # 3
    "  - {id: ana, name: Ana Lima, manager: ghost}\n"  # 4
    "objectives:\n"  # 5
    "  - id: win\n"  # 6
    "    title: Win ten logos\n"  # 7
    "    owner: ana\n"  # 8
    "    due: 2027-02-30\n"  # 9: no such day, dropped: no second fault for a missing date
    "    supports: ['bad id!', ghost]\n"  # 10: ghost is the second item written, the first kept
)


@pytest.mark.parametrize("copier", [copy.deepcopy, _pickled, copy.copy], ids=["deepcopy", "pickle", "copy"])
@pytest.mark.parametrize("asked", [False, True], ids=["fresh", "after-validate"])
def test_a_copy_of_a_read_plan_validates_the_same(tmp_path: Path, copier: Callable[[Plan], Plan], asked: bool) -> None:
    (tmp_path / "plan.yaml").write_text(FAULTY, encoding="utf-8")
    plan = cascade.load(tmp_path / "plan.yaml")
    expected = seen(cascade.load(tmp_path / "plan.yaml"))
    assert {c for c, *_ in expected} >= {"CAS004", "CAS006"}
    assert all(line for _, _, line, _ in expected)
    if asked:
        assert seen(plan) == expected  # places filled and derived data built before the copy
    twin = copier(plan)
    assert twin == plan
    assert seen(twin) == expected
    del plan
    gc.collect()
    assert seen(twin) == expected


def test_a_new_record_never_takes_the_place_of_one_removed() -> None:
    """Places are keyed by id(): the plan holds what it read, so an id is never reused."""
    plan = cascade.load(EXAMPLE)
    assert seen(plan) == []
    assert plan.place_of(plan.people[-1]) is not None  # places filled
    plan.people.pop()
    _drop_children(plan)  # nested nodes, held by nothing else now
    assert seen(plan)  # and no index holds them either
    gc.collect()
    newcomers: list[Person | Node] = [Person(id=f"p{n}", name="P") for n in range(1000)]
    newcomers += [node(f"n{n}") for n in range(1000)]
    assert [p.id for p in newcomers if plan.place_of(p) is not None] == []


@pytest.mark.parametrize("given", ["plan.yaml", Path("plan.yaml"), b"cascade: 1", 42])
def test_validate_takes_a_plan_and_says_so(given: object) -> None:
    with pytest.raises(TypeError, match=r"validate\(\) takes a Plan \(from cascade.load or cascade.loads\)") as err:
        cascade.validate(given)  # type: ignore[arg-type]
    if isinstance(given, str | Path):
        assert "cascade.check(path)" in str(err.value)


# -- any edits ------------------------------------------------------------------------------
# Each keeps ids unique: which of two equal ids wins depends on places, and a new record has none.

Edit = Callable[[Plan, list[str], st.DataObject], None]


def _anyone(plan: Plan, data: st.DataObject) -> str | None:
    return data.draw(st.sampled_from([None, "ghost", *(p.id for p in plan.people)]))


def _add_person(plan: Plan, fresh: list[str], data: st.DataObject) -> None:
    plan.people.append(Person(id=fresh.pop(), name="New Person", manager=_anyone(plan, data)))


def _set_manager(plan: Plan, fresh: list[str], data: st.DataObject) -> None:
    if plan.people:
        data.draw(st.sampled_from(plan.people)).manager = _anyone(plan, data)


def _rename(plan: Plan, fresh: list[str], data: st.DataObject) -> None:
    records: list[Person | Node] = [*plan.people, *plan.nodes()]
    data.draw(st.sampled_from(records)).id = fresh.pop()


def _add_child(plan: Plan, fresh: list[str], data: st.DataObject) -> None:
    nodes = list(plan.nodes())
    if nodes:
        parent = data.draw(st.sampled_from(nodes))
        parent.children = (*parent.children, node(fresh.pop(), owner=_anyone(plan, data)))


def _cut_children(plan: Plan, fresh: list[str], data: st.DataObject) -> None:
    nodes = [n for n in plan.nodes() if n.children]
    if nodes:
        data.draw(st.sampled_from(nodes)).children = ()


def _reverse_children(plan: Plan, fresh: list[str], data: st.DataObject) -> None:
    for each in plan.nodes():
        each.children = each.children[::-1]


def _set_owner(plan: Plan, fresh: list[str], data: st.DataObject) -> None:
    nodes = list(plan.nodes())
    if nodes:
        data.draw(st.sampled_from(nodes)).owner = _anyone(plan, data)


def _remove_top(plan: Plan, fresh: list[str], data: st.DataObject) -> None:
    section = plan.people if data.draw(st.booleans()) else plan.objectives
    if section:
        section.pop(data.draw(st.integers(0, len(section) - 1)))


def _add_objective(plan: Plan, fresh: list[str], data: st.DataObject) -> None:
    plan.objectives.append(node(fresh.pop(), owner=_anyone(plan, data)))


EDITS: list[Edit] = [
    _add_person,
    _set_manager,
    _rename,
    _add_child,
    _cut_children,
    _reverse_children,
    _set_owner,
    _remove_top,
    _add_objective,
]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(EDITS), min_size=1, max_size=6), st.booleans(), st.data())
def test_any_edit_is_seen_as_a_plan_written_that_way_would_be(
    changes: list[Edit], built: bool, data: st.DataObject
) -> None:
    plan = cascade.load(EXAMPLE)
    if built:
        seen(plan)  # derived data and places built before the edits
    fresh = [f"new{n}" for n in range(len(changes))]
    for change in changes:
        change(plan, fresh, data)
        if data.draw(st.booleans()):
            plan.refresh()  # or work things out in between, as a script reading the plan would
            plan.person(plan.people[0].id) if plan.people else None
    assert codes(plan) == codes(cascade.loads(cascade.dumps(plan)))


def test_lookups_follow_one_convention() -> None:
    """``get`` and ``who`` ask whether the plan has an id and answer None when it has not;
    the accessors for an id the caller knows is there raise ``KeyError`` for one it has not."""
    plan = cascade.load(EXAMPLE)
    assert plan.get("priya") is not None
    assert plan.who("priya") is not None
    for absent in ("nobody", "emea-arr-typo"):
        assert plan.get(absent) is None
        assert plan.who(absent) is None
        for accessor in (plan.person, plan.line_of_sight, plan.is_leaf):
            with pytest.raises(KeyError):
                accessor(absent)
        with pytest.raises(KeyError):
            cascade.brief(plan, absent, as_of=AS_OF)
    assert plan.who(None) is None
    assert plan.is_leaf("priya-midmarket")
    assert not plan.is_leaf("emea-arr")
    with pytest.raises(KeyError):
        plan.person("emea-arr")  # a node is no person
