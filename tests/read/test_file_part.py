"""One file read into a part: its records in order and placed, what the checks repaired, its header and index."""

from __future__ import annotations

import pytest

from cascade.limits import Limits
from cascade.model.index import index_of
from cascade.model.records import Blocker, Moment, Node, Person, Team
from cascade.read.file_part import FilePart, Repairs, check_part
from cascade.read.yaml_file import read_bytes
from tests.conftest import HEADER, line_of, place_of

MIXED = """\
cascade: 1
plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
blockers:
  - {id: k, title: Budget}
objectives:
  - id: a
    title: A
    children:
      - id: a1
        title: A1
        children:
          - {id: a11, title: A11}
      - {id: a2, title: A2}
  - {id: b, title: B}
moments:
  - {id: m, name: Kick-off}
people:
  - {id: ana, name: Ana}
  - {id: ben, name: Ben}
teams:
  - {id: t, name: Sales, members: [ana, ben]}
"""


def part_of(text: str, name: str = "plan.yaml", limits: Limits | None = None) -> FilePart:
    return check_part(read_bytes(text.encode("utf-8"), name, limits or Limits()))


def starts(part: FilePart) -> list[tuple[int, int]]:
    """Where each record of the part starts, as (line, column)."""
    return [part.file.source.start(offset) for offset in part.offsets]


def found(part: FilePart) -> list[tuple[int, int, str]]:
    return [(f.where.line, f.where.column, f.code) for f in part.file.findings]


# -- records and where they are written ---------------------------------------------------


def test_records_come_section_by_section_with_nested_nodes_after_their_parent() -> None:
    part = part_of(MIXED)
    assert [(type(r), r.id) for r in part.records] == [
        (Person, "ana"),
        (Person, "ben"),
        (Team, "t"),
        (Node, "a"),
        (Node, "a1"),
        (Node, "a11"),
        (Node, "a2"),
        (Node, "b"),
        (Moment, "m"),
        (Blocker, "k"),
    ]
    assert part.model is not None
    assert part.records[3] is part.model.objectives[0]
    assert part.records[5] is part.model.objectives[0].children[0].children[0]
    assert found(part) == []
    assert part.repairs == {}


def test_each_record_is_placed_where_its_mapping_starts() -> None:
    part = part_of(MIXED)
    assert len(part.offsets) == len(part.records)
    assert starts(part) == [
        (line_of(MIXED, "{id: ana"), 5),
        (line_of(MIXED, "{id: ben"), 5),
        (line_of(MIXED, "{id: t,"), 5),
        (line_of(MIXED, "id: a\n"), 5),
        (line_of(MIXED, "id: a1\n"), 9),
        (line_of(MIXED, "{id: a11"), 13),
        (line_of(MIXED, "{id: a2"), 9),
        (line_of(MIXED, "{id: b,"), 5),
        (line_of(MIXED, "{id: m,"), 5),
        (line_of(MIXED, "{id: k,"), 5),
    ]
    assert part.offsets.typecode == "i"


def test_the_parsed_data_is_let_go_and_the_top_mapping_is_its_root() -> None:
    part = part_of(MIXED)
    assert part.file.data is None  # the records hold it now
    assert part.file.source.start(part.root) == (1, 1)
    assert part.file.source.locate(part.root, ("plan",), key=True) == (2, 1)
    assert part.places == 0  # only a cached part counts its map's entries


def test_records_after_a_dropped_list_item_keep_their_own_place() -> None:
    text = "people:\n  - {id: ana, name: Ana}\n  - 7\n  - {id: ben, name: Ben}\n"
    part = part_of(text)
    assert [r.id for r in part.records] == ["ana", "ben"]
    assert starts(part) == [(2, 5), (4, 5)]
    assert found(part) == [(3, 5, "CAS004")]


def test_nested_nodes_after_a_dropped_child_are_placed_and_the_shift_kept() -> None:
    text = (
        "objectives:\n"
        "  - id: a\n"
        "    title: A\n"
        "    children:\n"
        "      - {id: a1, title: A1}\n"
        "      - 5\n"
        "      - {id: a3, title: A3}\n"
    )
    part = part_of(text)
    assert [r.id for r in part.records] == ["a", "a1", "a3"]
    assert starts(part) == [(2, 5), (5, 9), (7, 9)]
    assert part.repairs == {0: Repairs(frozenset(), {"children": [0, 2]})}


def test_an_aliased_record_is_placed_at_its_alias() -> None:
    text = "objectives:\n  - &n {id: a, title: A}\n  - *n\n"
    part = part_of(text)
    assert [r.id for r in part.records] == ["a", "a"]
    assert starts(part) == [(2, 5), (3, 5)]


# -- repairs --------------------------------------------------------------------------------

REPAIRED = """\
cascade: 1
plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
people:
  - {id: ana, name: Ana, hat: red}
  - {id: ben, name: Ben}
objectives:
  - id: a
    title: A
    due: 2027-02-31
    with: [ana, {x: 1}, ben, {y: 2}]
    measure: {unit: USD, target: -5}
    change: {from: Demo first, to: Qualify first, why: speed}
    children:
      - {id: a1, title: A1, dew: 2027-03-01}
"""


def test_repairs_name_the_keys_dropped_and_the_list_items_kept() -> None:
    part = part_of(REPAIRED)
    assert [r.id for r in part.records] == ["ana", "ben", "a", "a1"]
    assert part.repairs == {
        0: Repairs(frozenset({"hat"}), {}),
        2: Repairs(frozenset({"due", "measure.target", "change.why"}), {"with": [0, 2]}),
        3: Repairs(frozenset({"dew", "due"}), {}),  # the misspelt field is not reported missing too
    }
    node = part.records[2]
    assert isinstance(node, Node)
    assert node.due is None
    assert node.with_ == ("ana", "ben")
    assert node.measure is not None
    assert (node.measure.unit, node.measure.target) == ("USD", None)
    assert found(part) == [
        (*place_of(REPAIRED, "hat"), "CAS003"),
        (*place_of(REPAIRED, "2027-02-31"), "CAS004"),
        (*place_of(REPAIRED, "{x: 1}"), "CAS004"),
        (*place_of(REPAIRED, "{y: 2}"), "CAS004"),
        (*place_of(REPAIRED, "-5"), "CAS004"),
        (*place_of(REPAIRED, "why"), "CAS003"),
        (*place_of(REPAIRED, "dew"), "CAS003"),
    ]


def test_a_clean_record_beside_repaired_ones_has_no_repairs() -> None:
    part = part_of(REPAIRED)
    assert 1 not in part.repairs  # ben
    assert part.header_dropped == frozenset()


def test_a_record_given_a_placeholder_id_is_repaired() -> None:
    part = part_of("people:\n  - {name: Nobody}\n  - {id: ben, name: Ben}\n")
    assert part.records[0].id.startswith("_missing_id_")
    assert part.repairs == {0: Repairs(frozenset({"id"}), {})}
    assert found(part) == [(2, 5, "CAS004")]


# -- the header and the version -------------------------------------------------------------


def test_keys_dropped_from_the_header_are_kept_apart_from_the_records() -> None:
    text = "cascade: 1\nplan: {name: Demo, start: 2027-01-01, end: 2027-13-01, colour: blue}\n"
    part = part_of(text)
    assert part.header_dropped == frozenset({"colour", "end"})
    assert part.repairs == {}
    assert part.records == []
    assert part.model is not None
    assert part.model.plan is not None
    assert part.model.plan.end == part.model.plan.start  # the dropped end takes the start's place


def test_a_missing_header_name_is_dropped_with_a_placeholder() -> None:
    part = part_of("plan: {start: 2027-01-01, end: 2027-06-30}\n")
    assert part.header_dropped == frozenset({"name"})
    assert found(part) == [(1, 7, "CAS004")]


@pytest.mark.parametrize(
    ("text", "version"),
    [
        (HEADER, (True, 1)),
        ("cascade: '1'\npeople: []\n", (True, "1")),
        ("cascade: 2\n", (True, 2)),
        ("cascade:\npeople: []\n", (True, None)),  # written, with no value: not the same as absent
        ("people: []\n", (False, None)),
    ],
)
def test_the_version_says_whether_it_is_written_and_what_it_is(text: str, version: tuple[bool, object]) -> None:
    assert part_of(text).version == version


# -- the file's own index ---------------------------------------------------------------------


def test_the_index_holds_the_files_records_by_id_with_their_nesting() -> None:
    part = part_of(MIXED)
    index = part.index
    assert index is not None
    assert list(index.people) == ["ana", "ben"]
    assert list(index.teams) == ["t"]
    assert list(index.nodes) == ["a", "a1", "a11", "a2", "b"]
    assert list(index.moments) == ["m"]
    assert list(index.blockers) == ["k"]
    assert index.nested_parent == {"a1": "a", "a11": "a1", "a2": "a"}
    assert index.nodes["a11"] is part.records[5]
    assert index.duplicates == []
    assert index._kinds is None  # derived again on use, not cached with the part
    assert part.model is not None
    assert index == index_of(part.model)


def test_an_id_twice_in_one_file_is_a_duplicate_of_its_index() -> None:
    part = part_of("people:\n  - {id: ana, name: Ana}\nteams:\n  - {id: ana, name: Ana's team}\n")
    assert part.index is not None
    assert list(part.index.people) == ["ana"]
    assert part.index.teams == {}
    [duplicate] = part.index.duplicates
    assert (duplicate.id, duplicate.kind, duplicate.first_kind) == ("ana", "team", "person")
    assert duplicate.record is part.records[1]


# -- files that give no model ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("- people\n- teams\n", "a list"),
        ("42\n", "a single value"),
        ("just some text\n", "a single value"),
    ],
)
def test_a_file_that_is_not_a_mapping_is_cas007_without_a_model(text: str, shape: str) -> None:
    part = part_of(text, "team.yaml")
    assert part.model is None
    assert part.file.readable
    [finding] = part.file.findings
    assert (finding.code, finding.where.file, finding.where.line, finding.where.column) == ("CAS007", "team.yaml", 1, 1)
    assert finding.message == (
        f"the file is {shape}; a plan file is a mapping with sections such as plan:, people:, objectives:"
    )
    assert (part.records, list(part.offsets), part.repairs, part.index) == ([], [], {}, None)
    assert part.file.data is None


@pytest.mark.parametrize(
    ("raw", "limits", "code"),
    [
        (b"people: [1,\n", Limits(), "CAS001"),
        (b"people:\n  - {id: ana, name: Ana}\n  - [unclosed\n", Limits(), "CAS001"),
        (b"a: [[[[1]]]]\n", Limits(max_depth=2), "CAS008"),
        (b"people: []\n\xff\n", Limits(), "CAS008"),
        (b"people: []\n" * 10, Limits(max_file_size=50), "CAS008"),
    ],
)
def test_an_unreadable_file_has_no_model_and_no_cas007(raw: bytes, limits: Limits, code: str) -> None:
    part = check_part(read_bytes(raw, "plan.yaml", limits))
    assert part.model is None
    assert not part.file.readable
    assert [f.code for f in part.file.findings] == [code]
    assert (part.records, part.version, part.header_dropped, part.index) == ([], (False, None), frozenset(), None)


def test_a_file_with_only_a_duplicate_key_still_has_its_records() -> None:
    part = part_of("people:\n  - {id: ana, name: Ana}\npeople:\n  - {id: ben, name: Ben}\n")
    assert part.model is not None
    assert [r.id for r in part.records] == ["ana"]
    assert found(part) == [(3, 1, "CAS002")]
