"""The compact source map: the place of every mapping, key, value and item."""

from __future__ import annotations

from cascade.read.source_map import SourceMap, YList, YMap
from cascade.read.yaml_file import read_bytes

TEXT = """\
cascade: 1
plan:
  name: Demo
  start: 2027-01-01
people:
  - id: ana
    name: Ana
  - {id: bo, name: Bo, tags: [x, y]}
empty: {}
"""


def read(text: str = TEXT) -> tuple[YMap, SourceMap]:
    file = read_bytes(text.encode(), "map.yaml")
    assert file.findings == []
    assert isinstance(file.data, YMap)
    return file.data, file.source


def test_top_level_starts_at_one_one() -> None:
    data, source = read()
    assert source.path == "map.yaml"
    assert source.start(data.src) == (1, 1)
    assert source.locate(data.src) == (1, 1)


def test_values_and_keys() -> None:
    data, source = read()
    assert source.locate(data.src, ("cascade",)) == (1, 10)
    assert source.locate(data.src, ("cascade",), key=True) == (1, 1)
    assert source.locate(data.src, ("plan", "start")) == (4, 10)
    assert source.locate(data.src, ("plan", "start"), key=True) == (4, 3)


def test_a_block_mapping_value_starts_at_its_first_key() -> None:
    data, source = read()
    assert source.locate(data.src, ("plan",)) == (3, 3)
    assert source.locate(data.src, ("plan",), key=True) == (2, 1)


def test_list_items_block_and_flow() -> None:
    data, source = read()
    assert source.locate(data.src, ("people", 0)) == (6, 5)
    assert source.locate(data.src, ("people", 0, "name")) == (7, 11)
    assert source.locate(data.src, ("people", 1)) == (8, 5)
    assert source.locate(data.src, ("people", 1, "name"), key=True) == (8, 14)
    assert source.locate(data.src, ("people", 1, "tags", 1)) == (8, 34)


def test_containers_know_their_offsets() -> None:
    data, source = read()
    people = data["people"]
    assert isinstance(people, YList)
    first = people[0]
    assert isinstance(first, YMap)
    assert source.start(people.src) == (6, 3)
    assert source.start(first.src) == (6, 5)
    assert source.locate(first.src, ("id",)) == (6, 9)
    assert source.child(data.src, "people") == people.src
    assert source.child(people.src, 0) == first.src


def test_child_of_a_scalar_or_a_missing_key_is_none() -> None:
    data, source = read()
    assert source.child(data.src, "cascade") is None
    assert source.child(data.src, "nope") is None
    people = data["people"]
    assert isinstance(people, YList)
    assert source.child(people.src, 5) is None
    assert source.child(people.src, -1) is None


def test_a_missing_path_gives_the_deepest_place_reached() -> None:
    data, source = read()
    assert source.locate(data.src, ("plan", "end")) == (3, 3)  # the header mapping
    assert source.locate(data.src, ("people", 7)) == (6, 3)  # the list
    assert source.locate(data.src, ("nope", "deeper")) == (1, 1)


def test_a_path_deeper_than_a_scalar_gives_its_key() -> None:
    data, source = read()
    assert source.locate(data.src, ("plan", "name", "inner")) == (3, 3)


def test_an_empty_mapping() -> None:
    data, source = read()
    empty = data["empty"]
    assert isinstance(empty, YMap)
    assert empty == {}
    assert source.start(empty.src) == (9, 8)
    assert source.locate(data.src, ("empty", "x")) == (9, 8)


def test_an_aliased_container_is_placed_at_the_alias_and_its_content_at_the_anchor() -> None:
    data, source = read("a: &x {k: 1}\nb: *x\n")
    assert data["a"] == data["b"] == {"k": 1}
    assert source.locate(data.src, ("b",)) == (2, 4)
    assert source.locate(data.src, ("b", "k")) == (1, 11)  # where it is written


def test_the_map_stays_small() -> None:
    people = "".join(f"  - {{id: p{i}, name: P{i}}}\n" for i in range(1000))
    data, source = read("people:\n" + people)
    # one slot per container and one per entry: the top map and its key, the list and its
    # 1000 items, 1000 person maps and their 2000 keys
    assert len(source) == 2 + 1001 + 3000
    assert source.locate(data.src, ("people", 999, "name")) == (1001, 22)


def test_a_hand_built_map() -> None:
    source = SourceMap("hand.yaml")
    inner = source.add_container(2, 3, ["k"], [2, 3, 2, 6, -1])
    outer = source.add_container(1, 1, ["m"], [1, 1, 2, 3, inner])
    assert source.locate(outer, ("m", "k")) == (2, 6)
    assert source.locate(outer, ("m", "k"), key=True) == (2, 3)
    assert source.child(outer, "m") == inner
