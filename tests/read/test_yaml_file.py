"""The YAML reader: syntax errors (CAS001), duplicate keys (CAS002) and safety caps (CAS008)."""

from __future__ import annotations

from pathlib import Path

import pytest

import cascade
from cascade import Limits
from cascade.read.source_map import YList, YMap
from cascade.read.yaml_file import YamlFile, read_bytes, read_file
from tests.conftest import HEADER, WritePlan, diags, diags_of, line_of, place_of


def read(text: str | bytes, limits: Limits | None = None) -> YamlFile:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return read_bytes(raw, "plan.yaml", limits or Limits())


def found(file: YamlFile) -> list[tuple[int, int, str]]:
    return [(f.where.line, f.where.column, f.code) for f in file.findings]


# -- plain reading ------------------------------------------------------------------------


def test_reads_mappings_and_lists_as_ymap_and_ylist() -> None:
    file = read(HEADER + "people:\n  - {id: a, name: A}\n  - id: b\n    name: B\n")
    assert file.readable
    assert file.findings == []
    data = file.data
    assert isinstance(data, YMap)
    assert data["cascade"] == 1
    people = data["people"]
    assert isinstance(people, YList)
    assert all(isinstance(p, YMap) for p in people)
    assert people == [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]
    assert list(data) == ["cascade", "plan", "people"]


def test_keeps_key_order() -> None:
    file = read("z: 1\na: 2\nm: 3\n")
    assert isinstance(file.data, dict)
    assert list(file.data) == ["z", "a", "m"]


def test_anchors_and_aliases_within_the_budget_resolve() -> None:
    file = read("a: &x {k: 1}\nb: *x\nc: &s text\nd: *s\n")
    assert file.findings == []
    assert file.data == {"a": {"k": 1}, "b": {"k": 1}, "c": "text", "d": "text"}


def test_a_byte_order_mark_is_accepted() -> None:
    assert diags("\ufeff" + HEADER + "people: [{id: a, name: A}]\n") == []


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_other_line_endings_keep_line_numbers(newline: str) -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    manager: zz\n"
    assert diags(text.replace("\n", newline)) == [(6, 14, "CAS006")]


def test_columns_count_characters_not_bytes() -> None:
    text = HEADER + "people:\n  - {id: tomas, name: Tomás Novák 😀, manager: marcoo}\n"
    assert diags(text) == [(4, 47, "CAS006")]


def test_read_file_of_a_missing_file_is_cas001_without_a_line(tmp_path: Path) -> None:
    file = read_file(tmp_path / "nope.yaml", "nope.yaml")
    assert not file.readable
    assert [(f.code, f.where.file, f.where.line) for f in file.findings] == [("CAS001", "nope.yaml", 0)]


def test_load_of_a_missing_path_is_cas001(tmp_path: Path) -> None:
    with pytest.raises(cascade.PlanError) as caught:
        cascade.load(tmp_path / "nope.yaml")
    assert [d.code for d in caught.value.diagnostics] == ["CAS001"]


# -- CAS001: YAML syntax ------------------------------------------------------------------


def test_cas001_unclosed_flow_mapping() -> None:
    text = HEADER + "people:\n  - {id: a, name: A\n  - {id: b, name: B}\n"
    assert diags(text) == [(5, 5, "CAS001")]  # at the next item, where a "," or "}" was due


def test_cas001_unclosed_flow_mapping_at_the_end_of_the_file() -> None:
    assert diags(HEADER + "people: [{id: a, name: A\n") == [(4, 1, "CAS001")]


def test_cas001_tab_indentation() -> None:
    text = HEADER + "people:\n  - id: a\n\tname: A\n"
    assert diags(text) == [(5, 1, "CAS001")]


def test_cas001_tab_before_a_list_item() -> None:
    assert diags(HEADER + "people:\n\t- {id: a, name: A}\n") == [(4, 1, "CAS001")]


def test_cas001_second_document() -> None:
    text = HEADER + "---\n" + HEADER
    assert diags(text) == [(3, 1, "CAS001")]


def test_cas001_second_document_after_an_explicit_first() -> None:
    text = "---\n" + HEADER + "---\npeople: []\n"
    assert diags(text) == [(4, 1, "CAS001")]


def test_cas001_undefined_alias() -> None:
    text = HEADER + "people:\n  - {id: a, name: *nope}\n"
    assert diags(text) == [(4, 19, "CAS001")]
    file = read(text)
    assert "nope" in file.findings[0].message


def test_cas001_control_character() -> None:
    assert diags(HEADER + 'people: [{id: a, name: "x\x07"}]\n') == [(3, 26, "CAS001")]


def test_cas008_nul_byte_is_not_text() -> None:
    assert diags(HEADER + 'people: [{id: a, name: "x\x00"}]\n') == [(3, 26, "CAS008")]


def test_cas001_stops_the_plan_with_plan_error() -> None:
    with pytest.raises(cascade.PlanError) as caught:
        cascade.loads(HEADER + "people: [{id: a\n", name="p.yaml")
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.file, diagnostic.severity) == ("CAS001", "p.yaml", cascade.Severity.ERROR)
    assert diagnostic.message.startswith("YAML syntax error")
    assert "CAS001" in str(caught.value)


# -- CAS002: duplicate keys ---------------------------------------------------------------


def test_cas002_in_the_header_first_value_kept() -> None:
    text = "cascade: 1\nplan:\n  name: Demo\n  start: 2027-01-01\n  end: 2027-06-30\n  name: Other\n"
    assert diags(text) == [(6, 3, "CAS002")]
    assert cascade.loads(text).plan.name == "Demo"


def test_cas002_at_the_top_level() -> None:
    text = HEADER + "people:\n  - {id: a, name: A}\npeople:\n  - {id: b, name: B, manager: x}\n"
    assert diags(text) == [(5, 1, "CAS002")]
    assert [p.id for p in cascade.loads(text).people] == ["a"]


def test_cas002_in_a_person_first_value_kept() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    name: B\n"
    assert diags(text) == [(6, 5, "CAS002")]
    assert cascade.loads(text).people[0].name == "A"


def test_cas002_message_names_the_key_and_the_first_line() -> None:
    file = read(HEADER + "people:\n  - id: a\n    name: A\n    name: B\n")
    [finding] = file.findings
    assert "'name'" in finding.message
    assert "line 5" in finding.message


def test_cas002_in_a_nested_node() -> None:
    text = (
        HEADER
        + "people: [{id: a, name: A}]\n"
        + "objectives:\n"
        + "  - id: top\n"
        + "    title: Top\n"
        + "    children:\n"
        + "      - id: kid\n"
        + "        title: First\n"
        + "        owner: a\n"
        + "        title: Second\n"
    )
    assert diags(text) == [(line_of(text, "title: Second"), 9, "CAS002")]
    plan = cascade.loads(text)
    assert plan.objectives[0].children[0].title == "First"


def test_cas002_in_a_flow_mapping_inside_a_node() -> None:
    text = HEADER + "objectives:\n  - id: n\n    title: T\n    measure: {target: 1, target: 2}\n"
    assert diags(text) == [(6, 26, "CAS002")]
    measure = cascade.loads(text).objectives[0].measure
    assert measure is not None
    assert measure.target == 1


def test_cas002_each_later_occurrence() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    name: B\n    name: C\n"
    assert diags(text) == [(6, 5, "CAS002"), (7, 5, "CAS002")]


def test_cas002_does_not_hide_other_faults() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    name: B\n    manager: zz\n"
    assert diags(text) == [(6, 5, "CAS002"), (7, 14, "CAS006")]


def test_same_key_in_two_mappings_is_fine() -> None:
    assert diags(HEADER + "people:\n  - {id: a, name: A}\n  - {id: b, name: A}\n") == []


# -- CAS008: safety -----------------------------------------------------------------------


def test_cas008_python_tag() -> None:
    text = HEADER + 'people:\n  - !!python/object/apply:os.system ["echo hi"]\n'
    assert diags(text) == [(4, 5, "CAS008")]


def test_cas008_include_tag() -> None:
    text = HEADER + "people: !include other.yaml\n"
    assert diags(text) == [(3, 9, "CAS008")]
    assert "!include" in read(text).findings[0].message


def test_cas008_any_explicit_tag_even_a_standard_one() -> None:
    assert diags(HEADER + "people:\n  - {id: a, name: !!str A}\n") == [(4, 19, "CAS008")]


def test_cas008_tag_on_a_mapping() -> None:
    text = "cascade: 1\nplan: !!python/object:os.system {name: Demo, start: 2027-01-01, end: 2027-06-30}\n"
    assert diags(text) == [(2, 7, "CAS008")]


def billion_laughs() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return HEADER + text


def test_cas008_billion_laughs() -> None:
    assert [code for _, _, code in diags(billion_laughs())] == ["CAS008"]


def test_cas008_alias_budget_is_a_limit() -> None:
    text = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
    assert read(text).findings == []
    assert [f.code for f in read(text, Limits(max_alias_nodes=5)).findings] == ["CAS008"]


def test_cas008_deep_flow_nesting_under_libyamls_own_cap() -> None:
    depth = 900
    assert diags("[" * depth + "]" * depth) == [(1, 101, "CAS008")]


def test_cas008_flow_nesting_20000_deep() -> None:
    depth = 20_000
    assert [code for _, _, code in diags("[" * depth + "]" * depth)] == ["CAS008"]


def test_cas008_flow_nesting_20000_deep_as_a_value() -> None:
    depth = 20_000
    assert [code for _, _, code in diags(HEADER + "people: " + "[" * depth + "]" * depth)] == ["CAS008"]


def test_cas008_flow_mappings_20000_deep() -> None:
    depth = 20_000
    assert [code for _, _, code in diags("{a: " * depth + "}" * depth)] == ["CAS008"]


def test_cas008_block_nesting_20000_deep() -> None:
    assert diags("- " * 20_000 + "x\n") == [(1, 201, "CAS008")]


def test_cas008_block_mapping_nesting() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(300))
    assert diags(text) == [(101, 101, "CAS008")]


def test_cas008_nesting_cap_is_a_limit() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    role: [[[x]]]\n"
    assert diags(text) == [(6, 11, "CAS004")]  # deep enough for the default cap, but not text
    assert diags(text, limits=Limits(max_depth=4)) == [(6, 12, "CAS008")]  # the fifth level


def test_cas008_size_cap_through_load(write_plan: WritePlan) -> None:
    people = "".join(f"  - {{id: p{i}, name: Person {i}}}\n" for i in range(100))
    path = write_plan(HEADER + "people:\n" + people)
    assert path.stat().st_size > 1000
    found_ = diags_of(path, limits=Limits(max_file_size=1000))
    assert [(d.code, d.file, d.line, d.column) for d in found_] == [("CAS008", str(path), 1, 1)]
    assert "1,000" in found_[0].message
    assert diags_of(path) == []


def test_cas008_size_cap_through_loads() -> None:
    text = HEADER + "people:\n" + "".join(f"  - {{id: p{i}, name: P}}\n" for i in range(100))
    assert diags(text, limits=Limits(max_file_size=1000)) == [(1, 1, "CAS008")]


def test_cas008_binary_bytes(write_plan: WritePlan) -> None:
    path = write_plan(b"\x89PNG\r\n\x1a\n\x00\x00", "image.yaml")
    assert [(d.code, d.line, d.column) for d in diags_of(path)] == [("CAS008", 1, 1)]
    assert diags(b"\x89PNG\r\n\x1a\n\x00\x00") == [(1, 1, "CAS008")]


def test_cas008_invalid_utf8_is_placed_where_it_stands() -> None:
    raw = HEADER.encode() + b'people: [{id: a, name: "\xff"}]\n'
    assert diags(raw) == [(3, 25, "CAS008")]


def test_cas008_utf16_file(write_plan: WritePlan) -> None:
    path = write_plan(b"")
    path.write_text(HEADER + "people: [{id: a, name: A}]\n", encoding="utf-16")
    assert [(d.code, d.line, d.column) for d in diags_of(path)] == [("CAS008", 1, 1)]


def test_cas008_stops_the_plan_with_plan_error() -> None:
    with pytest.raises(cascade.PlanError) as caught:
        cascade.loads(HEADER + "people: !include x.yaml\n")
    assert [d.code for d in caught.value.diagnostics] == ["CAS008"]


def test_safety_checks_come_before_schema_checks() -> None:
    text = HEADER + "people:\n  - {id: a, nam: A}\n  - !custom {id: b, name: B}\n"
    assert diags(text) == [(*place_of(text, "!custom"), "CAS008")]


# -- a big plan ---------------------------------------------------------------------------


@pytest.mark.slow
def test_a_50_mb_plan_loads(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    size = 50 * 1024 * 1024
    with path.open("w", encoding="utf-8") as out:
        written = out.write(HEADER + "people:\n  - {id: p0, name: Person 0, role: Chief Revenue Officer}\n")
        people = 1
        while written < size // 2:
            written += out.write(
                f"  - {{id: p{people}, name: Person number {people}, role: Account Executive, "
                f"email: p{people}@northwind.example, manager: p{(people - 1) // 8}}}\n"
            )
            people += 1
        written += out.write("objectives:\n")
        nodes = 0
        while written < size:
            written += out.write(
                f"  - {{id: n{nodes}, title: Close the deals of account {nodes}, owner: p{nodes % people}, "
                f"due: 2027-Q{nodes % 4 + 1}, measure: {{unit: USD, target: {nodes * 10}}}}}\n"
            )
            nodes += 1
    assert path.stat().st_size >= size
    plan = cascade.load(path)
    assert len(plan.people) == people
    assert len(plan.objectives) == nodes
    assert plan.load_findings == []
    assert cascade.validate(plan, select=["CAS0"]).diagnostics == []
