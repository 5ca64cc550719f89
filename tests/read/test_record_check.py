"""Schema faults: unknown fields (CAS003) and values of the wrong type or form (CAS004), placed,
with the rest of the plan still checked."""

from __future__ import annotations

import pytest

import cascade
from tests.conftest import HEADER, diags, line_of, messages, place_of

PERSON = HEADER + "people:\n  - {id: a, name: A}\n"
"""A header and one person ``a`` on line 4; a node snippet follows from line 5."""


def node(*fields: str) -> str:
    """A plan whose one node, on lines 6 onwards, has ``fields`` (one per line)."""
    return PERSON + "objectives:\n  - id: n\n    title: T\n" + "".join(f"    {f}\n" for f in fields)


# -- CAS003: unknown fields ---------------------------------------------------------------


def test_cas003_in_a_person() -> None:
    text = HEADER + "people:\n  - id: ana\n    name: Ana Lima\n    rol: Account Executive\n"
    assert diags(text) == [(6, 5, "CAS003")]
    [message] = messages(text, "CAS003")
    assert "'rol'" in message
    assert "did you mean 'role'" in message


def test_cas003_in_a_node() -> None:
    text = node("ownr: a", "due: 2027-03")
    assert diags(text) == [(8, 5, "CAS003")]
    assert "did you mean 'owner'" in messages(text, "CAS003")[0]


def test_cas003_in_a_nested_node() -> None:
    text = node("children:", "  - id: kid", "    title: Kid", "    dew: 2027-03")
    assert diags(text) == [(*place_of(text, "dew"), "CAS003")]
    assert "did you mean 'due'" in messages(text, "CAS003")[0]


def test_cas003_in_a_measure() -> None:
    text = node("measure: {unit: USD, targt: 5}")
    assert diags(text) == [(*place_of(text, "targt"), "CAS003")]
    assert "did you mean 'target'" in messages(text, "CAS003")[0]


def test_cas003_in_a_change() -> None:
    text = node("change: {form: a, to: b}")
    assert (*place_of(text, "form"), "CAS003") in diags(text)
    assert "did you mean 'from'" in messages(text, "CAS003")[0]


def test_cas003_in_the_plan_header() -> None:
    text = "cascade: 1\nplan:\n  name: Demo\n  start: 2027-01-01\n  end: 2027-06-30\n  ende: 2027-06-30\n"
    assert diags(text) == [(6, 3, "CAS003")]
    assert "did you mean 'end'" in messages(text, "CAS003")[0]


def test_cas003_in_the_policy() -> None:
    text = (
        "cascade: 1\nplan:\n  name: Demo\n  start: 2027-01-01\n  end: 2027-06-30\n  policy:\n    max_due_per_wek: 3\n"
    )
    assert diags(text) == [(7, 5, "CAS003")]
    assert "did you mean 'max_due_per_week'" in messages(text, "CAS003")[0]


def test_cas003_in_checks_and_coverage() -> None:
    text = (
        "cascade: 1\nplan:\n  name: Demo\n  start: 2027-01-01\n  end: 2027-06-30\n"
        "  checks: {ignor: [CAS201]}\n  policy: {quota_coverage: {min: 1, mx: 2}}\n"
    )
    assert diags(text) == [(*place_of(text, "ignor"), "CAS003"), (*place_of(text, "mx"), "CAS003")]


def test_cas003_in_a_team_a_moment_and_a_blocker() -> None:
    text = (
        HEADER
        + "people: [{id: a, name: A}]\n"
        + "teams: [{id: t, name: T, leed: a}]\n"
        + "moments: [{id: m, name: M, architekt: a}]\n"
        + "blockers: [{id: b, title: B, helpr: a}]\n"
    )
    assert diags(text) == [
        (*place_of(text, "leed"), "CAS003"),
        (*place_of(text, "architekt"), "CAS003"),
        (*place_of(text, "helpr"), "CAS003"),
    ]


def test_cas003_unknown_section_lists_the_known_ones() -> None:
    text = HEADER + "peeple:\n  - {id: a, name: A}\n"
    assert diags(text) == [(3, 1, "CAS003")]
    assert "did you mean 'people'" in messages(text, "CAS003")[0]
    text = HEADER + "goals: []\n"
    [message] = messages(text, "CAS003")
    assert "known fields" in message
    assert "objectives" in message


def test_cas003_merge_key_is_an_unknown_field() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    <<: {role: AE}\n"
    assert diags(text) == [(6, 5, "CAS003")]
    assert "'<<'" in messages(text, "CAS003")[0]
    assert cascade.loads(text).people[0].role is None


def test_cas003_merge_key_with_an_alias() -> None:
    text = HEADER + "people:\n  - &base {id: a, name: A}\n  - <<: *base\n    id: b\n"
    assert (5, 5, "CAS003") in diags(text)


def test_cas003_does_not_hide_other_faults() -> None:
    text = HEADER + "people:\n  - {id: a, name: A, rol: x}\n  - {id: b, name: B, manager: zz}\n"
    assert diags(text) == [(*place_of(text, "rol"), "CAS003"), (*place_of(text, "zz"), "CAS006")]


def test_cas003_several_in_one_record() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    rol: x\n    emial: y\n"
    assert diags(text) == [(6, 5, "CAS003"), (7, 5, "CAS003")]


# -- CAS004: wrong values -----------------------------------------------------------------


@pytest.mark.parametrize("due", ["2027-02-30", "2027-13", "2027-W54"])
def test_cas004_bad_dates(due: str) -> None:
    text = node("owner: a", f"due: {due}")
    assert diags(text) == [(9, 10, "CAS004")]


def test_cas004_negative_target() -> None:
    text = node("measure: {unit: USD, target: -5}")
    assert diags(text) == [(*place_of(text, "-5"), "CAS004")]
    assert "negative" in messages(text, "CAS004")[0]


def test_cas004_target_lots() -> None:
    text = node("measure: {unit: USD, target: lots}")
    assert diags(text) == [(*place_of(text, "lots"), "CAS004")]


def test_cas004_target_lots_message_names_the_value() -> None:
    [message] = messages(node("measure: {unit: USD, target: lots}"), "CAS004")
    assert "{value" not in message
    assert "lots" in message


@pytest.mark.parametrize("target", [".nan", ".inf", "-.inf", "true"])
def test_cas004_target_not_a_finite_number(target: str) -> None:
    text = node(f"measure: {{target: {target}}}")
    assert diags(text) == [(*place_of(text, target), "CAS004")]


def test_cas004_personal_yes() -> None:
    text = node("personal: yes")
    assert diags(text) == [(8, 15, "CAS004")]
    assert "true or false" in messages(text, "CAS004")[0]


def test_cas004_missing_title_points_at_the_mapping() -> None:
    text = PERSON + "objectives:\n  - id: n\n    owner: a\n"
    assert diags(text) == [(6, 5, "CAS004")]
    [message] = messages(text, "CAS004")
    assert "'title'" in message
    assert "'n'" in message


def test_cas004_missing_title_in_a_flow_mapping() -> None:
    text = PERSON + "objectives:\n  - {id: n, owner: a}\n"
    assert diags(text) == [(6, 5, "CAS004")]


@pytest.mark.parametrize(
    ("section", "record", "missing"),
    [
        ("people", "{id: b}", "name"),
        ("people", "{name: B}", "id"),
        ("teams", "{id: t}", "name"),
        ("moments", "{id: m}", "name"),
        ("blockers", "{id: x}", "title"),
        ("objectives", "{title: T}", "id"),
    ],
)
def test_cas004_each_required_field(section: str, record: str, missing: str) -> None:
    text = HEADER + f"{section}:\n  - {record}\n"
    assert diags(text) == [(4, 5, "CAS004")]
    assert f"'{missing}'" in messages(text, "CAS004")[0]


@pytest.mark.parametrize("missing", ["name", "start", "end"])
def test_cas004_header_without_a_required_field(missing: str) -> None:
    fields = {"name": "Demo", "start": "2027-01-01", "end": "2027-06-30"}
    del fields[missing]
    text = "cascade: 1\nplan: {" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}\n"
    assert diags(text) == [(2, 7, "CAS004")]


def test_cas004_id_with_a_space() -> None:
    text = HEADER + "people:\n  - {id: a b, name: A}\n"
    assert diags(text) == [(4, 10, "CAS004")]
    assert "not a valid id" in messages(text, "CAS004")[0]


def test_cas004_unknown_status() -> None:
    text = node("status: finished")
    assert diags(text) == [(8, 13, "CAS004")]
    [message] = messages(text, "CAS004")
    assert "'finished'" in message
    assert "in_progress" in message


def test_cas004_unknown_blocker_status() -> None:
    text = HEADER + "blockers:\n  - {id: b, title: B, status: closed}\n"
    assert diags(text) == [(*place_of(text, "closed"), "CAS004")]


def test_cas004_plan_ending_before_it_starts() -> None:
    text = "cascade: 1\nplan:\n  name: Demo\n  start: 2027-06-30\n  end: 2027-01-01\n"
    assert diags(text) == [(5, 8, "CAS004")]  # the end, which contradicts the start
    [message] = messages(text, "CAS004")
    assert "2027-01-01" in message
    assert "2027-06-30" in message


def test_cas004_plan_ending_before_it_starts_in_flow_style() -> None:
    text = "cascade: 1\nplan: {name: Demo, start: 2027-06-30, end: 2027-01-01}\n"
    assert diags(text) == [(2, 44, "CAS004")]


def test_cas004_the_rest_of_the_plan_is_still_checked() -> None:
    text = (
        HEADER
        + "people:\n"
        + "  - {id: a, name: A}\n"
        + "  - {id: b, name: B, manager: zed}\n"
        + "objectives:\n"
        + "  - id: n\n"
        + "    title: T\n"
        + "    owner: a\n"
        + "    due: 2027-02-30\n"
        + "  - {id: m, title: M, owner: ghost, due: 2027-03}\n"
    )
    assert diags(text) == [
        (*place_of(text, "zed"), "CAS006"),
        (*place_of(text, "2027-02-30"), "CAS004"),
        (*place_of(text, "ghost"), "CAS006"),
    ]


def test_cas004_in_a_header_date_keeps_the_plan_checked() -> None:
    text = (
        "cascade: 1\nplan: {name: Demo, start: 2027-02-30, end: 2027-06-30}\n"
        "people:\n  - {id: a, name: A, manager: zz}\n"
    )
    assert diags(text) == [(*place_of(text, "2027-02-30"), "CAS004"), (*place_of(text, "zz"), "CAS006")]


def test_cas004_missing_header_field_keeps_the_plan_checked() -> None:
    text = "cascade: 1\nplan: {name: Demo, start: 2027-01-01}\npeople:\n  - {id: a, name: A, manager: zz}\n"
    assert diags(text) == [(2, 7, "CAS004"), (*place_of(text, "zz"), "CAS006")]


def test_cas004_in_a_nested_node_keeps_its_siblings_checked() -> None:
    text = (
        HEADER
        + "objectives:\n"
        + "  - id: x\n"
        + "    title: X\n"
        + "    children:\n"
        + "      - id: y\n"
        + "        title: Y\n"
        + "        due: 2027-02-30\n"
        + "        owner: nobody\n"
        + "      - {id: z, titel: Z, owner: nob}\n"
    )
    assert diags(text) == [
        (*place_of(text, "2027-02-30"), "CAS004"),
        (*place_of(text, "nobody"), "CAS006"),
        (line_of(text, "titel"), 9, "CAS004"),  # no title: at the node's mapping
        (*place_of(text, "titel"), "CAS003"),
        (*place_of(text, "nob}"), "CAS006"),
    ]


def test_cas004_invalid_reference_is_not_also_cas006() -> None:
    text = HEADER + 'people:\n  - {id: a, name: A, manager: "x y"}\nobjectives:\n  - {id: n, title: T, owner: "a b"}\n'
    assert diags(text) == [(*place_of(text, '"x y"'), "CAS004"), (*place_of(text, '"a b"'), "CAS004")]


def test_cas006_after_a_dropped_list_item_is_placed_at_its_own_item() -> None:
    text = node("supports:", '  - "q r"', "  - zz")
    assert diags(text) == [(*place_of(text, '"q r"'), "CAS004"), (*place_of(text, "zz"), "CAS006")]


@pytest.mark.parametrize(
    ("fields", "marker"),
    [
        ("with: a", "a\n"),
        ("supports: arr", "arr"),
        ("children: {id: z}", "{id: z}"),
        ("title: ''", "''"),
        ("done_when: [x]", "[x]"),
        ("measure: 5", "5"),
        ("ignore: [cas6]", "cas6"),
        ("ignore: CAS201", "CAS201"),
    ],
)
def test_cas004_wrong_shapes(fields: str, marker: str) -> None:
    text = PERSON + "objectives:\n  - id: n\n    title: T\n    " + fields + "\n"
    if fields.startswith("title"):
        text = PERSON + "objectives:\n  - id: n\n    " + fields + "\n"
    assert diags(text) == [(*place_of(text, marker, text.count(marker)), "CAS004")]


def test_cas004_a_record_that_is_not_a_mapping() -> None:
    text = HEADER + "people:\n  - {id: a, name: A}\n  - not a mapping\n  - {id: c, name: C, manager: q}\n"
    assert diags(text) == [(5, 5, "CAS004"), (*place_of(text, "q}"), "CAS006")]
    assert [p.id for p in cascade.loads(text).people] == ["a", "c"]


def test_cas004_a_section_that_is_not_a_list() -> None:
    text = HEADER + "people: {id: a}\nobjectives:\n  - {id: x, title: X, owner: qq}\n"
    assert diags(text) == [(3, 9, "CAS004"), (*place_of(text, "qq"), "CAS006")]


def test_cas004_a_key_that_is_not_a_plain_name() -> None:
    text = HEADER + "people:\n  - id: a\n    name: A\n    ? [x]\n    : y\n"
    assert diags(text) == [(6, 7, "CAS004")]


def test_cas004_in_checks_and_policy() -> None:
    text = (
        "cascade: 1\nplan:\n  name: Demo\n  start: 2027-01-01\n  end: 2027-06-30\n"
        "  checks: {severity: {CAS204: loud, CAS9: error}}\n"
        "  policy: {frontline_per_report: -1, max_due_per_week: 0, quota_coverage: {min: -1}}\n"
    )
    assert diags(text) == [
        (*place_of(text, "loud"), "CAS004"),
        (*place_of(text, "CAS9"), "CAS004"),
        (*place_of(text, "-1"), "CAS004"),
        (*place_of(text, "0,"), "CAS004"),
        (*place_of(text, "-1", 2), "CAS004"),
    ]


def test_cas004_text_where_a_list_of_standards_belongs() -> None:
    text = HEADER + "moments:\n  - {id: m, name: M, standard: x}\n"
    assert diags(text) == [(*place_of(text, "x}"), "CAS004")]


def test_repaired_records_keep_their_valid_fields() -> None:
    text = node("owner: a", "due: 2027-02-30", "measure: {unit: USD, target: -1}", "done_when: Signed")
    plan = cascade.loads(text)
    [n] = plan.objectives
    assert (n.owner, n.due, n.done_when) == ("a", None, "Signed")
    assert n.measure is not None
    assert (n.measure.unit, n.measure.target) == ("USD", None)
    assert plan.was_dropped(n, "due")
    assert plan.was_dropped(n, "measure.target")
    assert not plan.was_dropped(n, "owner")


def test_a_person_without_an_id_is_still_checked() -> None:
    text = HEADER + "people:\n  - {name: A, manager: zz}\n"
    assert diags(text) == [(4, 5, "CAS004"), (*place_of(text, "zz"), "CAS006")]


def test_an_aliased_record_reports_its_unknown_field_once() -> None:
    text = HEADER + "people:\n  - &p {id: a, name: A, rol: x}\n  - *p\n"
    assert [t for t in diags(text) if t[2] == "CAS003"] == [(*place_of(text, "rol"), "CAS003")]
