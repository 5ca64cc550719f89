"""The pydantic models of the plan format (cascade.model.records): what each field accepts, refuses and gives back."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import typing
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import cascade
from cascade.model.records import (
    LAYOUT_CLASSES,
    SECTIONS,
    Change,
    CheckLimits,
    Checks,
    Coverage,
    Header,
    Measure,
    Model,
    Node,
    Person,
    PlanFile,
    Policy,
    Record,
    Team,
    fields_of,
)
from tests.conftest import HEADER
from tests.model.test_amounts import HUGE, measured


def problems(cls: Any, data: object) -> list[tuple[tuple[str | int, ...], str]]:
    """(location, message) of each error validating ``data`` as ``cls``; the data must be refused."""
    with pytest.raises(ValidationError) as caught:
        cls.model_validate(data)
    return [(tuple(e["loc"]), e["msg"]) for e in caught.value.errors(include_url=False)]


def node(**fields: object) -> Node:
    return Node.model_validate({"id": "n", "title": "T", **fields})


# -- amounts ----------------------------------------------------------------------------------


def test_a_script_s_float_becomes_the_decimal_it_reads_as() -> None:
    measure = cascade.Measure.model_validate({"target": 0.1, "current": -2.5})
    assert (measure.target, measure.current) == (Decimal("0.1"), Decimal("-2.5"))
    assert type(measure.target) is Decimal
    with pytest.raises(ValueError, match="finite"):
        cascade.Measure.model_validate({"target": float("inf")})


def test_json_dump_gives_numbers_not_strings() -> None:
    plan = cascade.loads(measured(f"{{target: {HUGE}, current: 2.5}}"))
    data = plan.model_dump(mode="json")
    measure = data["objectives"][0]["measure"]
    assert measure["target"] == int(HUGE)
    assert measure["current"] == 2.5
    assert data["plan"]["policy"]["quota_coverage"] == {"min": 1, "max": 1.5}
    assert json.loads(plan.model_dump_json())["objectives"][0]["measure"]["current"] == 2.5
    assert plan.objectives[0].measure is not None
    assert plan.objectives[0].measure.model_dump(mode="json")["target"] == int(HUGE)


def test_an_amount_is_kept_in_one_form() -> None:
    measure = Measure.model_validate({"target": Decimal("12.50"), "current": -3})
    assert (measure.target, measure.current) == (Decimal("12.5"), -3)
    assert type(measure.current) is int
    assert Measure.model_validate({"target": Decimal("2.0")}).model_dump() == {
        "metric": None,
        "unit": None,
        "target": Decimal("2"),
        "current": None,
    }


def test_a_whole_decimal_past_a_float_s_range_dumps_as_its_whole_part() -> None:
    beyond = Measure.model_validate({"target": Decimal("1" + "0" * 400 + ".5")})
    assert beyond.model_dump(mode="json")["target"] == 10**400
    assert Measure.model_validate({"target": Decimal("7.0")}).model_dump(mode="json")["target"] == 7
    assert type(Measure.model_validate({"target": Decimal("7.0")}).model_dump(mode="json")["target"]) is int


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "a number is needed here, not True"),
        ("5", "a number is needed here, not '5'"),
        (-5, "a target cannot be negative (-5)"),
        (Decimal("-0.5"), "a target cannot be negative (-0.5)"),
        (Decimal("NaN"), "a finite number is needed here"),
        (float("-inf"), "a finite number is needed here"),
        (10**1000, "a number of at most 1000 digits is needed here"),
        (
            -(10**400),
            "a target cannot be negative (-10,000,000,000,00...00,000,000,000,000)",
        ),
    ],
    ids=["bool", "text", "negative", "negative-decimal", "nan", "inf", "too-long", "huge-negative"],
)
def test_what_a_target_refuses(value: object, message: str) -> None:
    assert problems(Measure, {"target": value}) == [(("target",), message)]


def test_current_may_be_negative_but_a_coverage_bound_may_not() -> None:
    assert Measure.model_validate({"current": -(10**999)}).current == -(10**999)
    assert Measure.model_validate({"target": 10**1000 - 1}).target == 10**1000 - 1  # 1000 digits: the most
    assert problems(Coverage, {"min": -1}) == [(("min",), "a coverage bound cannot be negative (-1)")]


def test_coverage_bounds_are_exact_decimals() -> None:
    assert (Coverage().min, Coverage().max) == (Decimal("1.0"), Decimal("1.5"))
    assert Coverage.model_validate({"min": 1.1}).min == Decimal("1.1")  # not 1.100000000000000088...


# -- dates --------------------------------------------------------------------------------------


def test_equal_dates_are_one_object() -> None:
    """A plan repeats a few hundred dates a million times: each is kept once."""
    plan = cascade.loads(
        HEADER + "objectives:\n"
        "  - {id: a, title: A, owner: x, due: 2027-03-31}\n"
        "  - {id: b, title: B, owner: x, due: 2027-03-31}\n"
        "  - {id: c, title: C, owner: x, due: 2027-Q1}\n"
    )
    a, b, c = plan.objectives
    assert a.due == b.due == c.due
    assert a.due is b.due


def test_a_day_is_a_date_text_a_date_or_a_datetime() -> None:
    assert node(due="2027-W12").due == dt.date(2027, 3, 28)
    assert node(due=dt.date(2027, 3, 1)).due == dt.date(2027, 3, 1)
    noon = node(due=dt.datetime(2027, 3, 1, 12, 30)).due
    assert (noon, type(noon)) == (dt.date(2027, 3, 1), dt.date)
    assert problems(Node, {"id": "n", "title": "T", "due": 20270301}) == [
        (("due",), "a date is needed here, such as 2027-03-31, 2027-03, 2027-Q1 or 2027-W12")
    ]
    assert problems(Node, {"id": "n", "title": "T", "due": "2027-02-30"}) == [
        (("due",), "'2027-02-30': February 2027 has no day 30")
    ]


def test_a_plan_may_not_end_before_it_starts() -> None:
    assert problems(Header, {"name": "D", "start": "2027-06-30", "end": "2027-01-01"}) == [
        ((), "the plan ends (2027-01-01) before it starts (2027-06-30)")
    ]
    one_day = Header.model_validate({"name": "D", "start": "2027-06-30", "end": "2027-06-30"})
    assert one_day.start == one_day.end == dt.date(2027, 6, 30)


# -- texts, ids and flags -----------------------------------------------------------------------


def test_ids_and_names_take_numbers_as_text() -> None:
    assert Person.model_validate({"id": 7, "name": 42, "manager": 1.5}) == Person(id="7", name="42", manager="1.5")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"id": "a b", "name": "A"}, [(("id",), "String should match pattern '^[A-Za-z0-9_.-]+$'")]),
        ({"id": "a" * 201, "name": "A"}, [(("id",), "String should have at most 200 characters")]),
        ({"id": "a", "name": ""}, [(("name",), "String should have at least 1 character")]),
        ({"id": "a", "name": "A", "rol": "x"}, [(("rol",), "Unexpected keyword argument")]),
    ],
    ids=["space", "too-long", "empty-name", "unknown-field"],
)
def test_what_a_person_refuses(data: dict[str, object], expected: list[tuple[tuple[str, ...], str]]) -> None:
    assert problems(Person, data) == expected


def test_ids_of_200_characters_and_every_allowed_sign_are_ids() -> None:
    assert Person.model_validate({"id": "A-z_0.9" + "x" * 193, "name": "A"}).id.startswith("A-z_0.9")


@pytest.mark.parametrize("value", ["yes", "true", 1, None])
def test_personal_is_a_strict_boolean(value: object) -> None:
    assert problems(Node, {"id": "n", "title": "T", "personal": value}) == [
        (("personal",), "Input should be a valid boolean")
    ]


def test_statuses_are_the_format_s_words() -> None:
    assert problems(Node, {"id": "n", "title": "T", "status": "finished"}) == [
        (("status",), "Input should be 'planned', 'in_progress', 'done' or 'dropped'")
    ]


# -- settings -------------------------------------------------------------------------------------


def test_policy_numbers_are_strict_whole_numbers_in_range() -> None:
    assert problems(Policy, {"frontline_per_report": "1", "max_due_per_week": True}) == [
        (("frontline_per_report",), "Input should be a valid integer"),
        (("max_due_per_week",), "Input should be a valid integer"),
    ]
    assert problems(Policy, {"frontline_per_report": -1, "max_due_per_week": 0}) == [
        (("frontline_per_report",), "Input should be greater than or equal to 0"),
        (("max_due_per_week",), "Input should be greater than or equal to 1"),
    ]
    assert Policy.model_validate({"frontline_per_report": 0}).frontline_per_report == 0


def test_checks_take_rule_codes_and_severity_names() -> None:
    checks = Checks.model_validate({"ignore": ["CAS201"], "severity": {"CAS204": "error", "CAS303": "off"}})
    assert (checks.ignore, checks.severity, checks.limits) == (["CAS201"], {"CAS204": "error", "CAS303": "off"}, None)
    assert problems(Checks, {"ignore": ["CAS20", "cas201"], "severity": {"CAS2045": "error", "CAS204": "loud"}}) == [
        (("ignore", 0), "String should match pattern '^CAS[0-9]{3}$'"),
        (("ignore", 1), "String should match pattern '^CAS[0-9]{3}$'"),
        (("severity", "CAS2045", "[key]"), "String should match pattern '^CAS[0-9]{3}$'"),
        (("severity", "CAS204"), "Input should be 'error', 'warning', 'info' or 'off'"),
    ]


def test_check_limits_are_positive_whole_numbers() -> None:
    assert CheckLimits.model_validate({"max_depth": 5}).max_depth == 5
    assert problems(CheckLimits, {"max_file_size": 0, "max_alias_nodes": "10"}) == [
        (("max_file_size",), "Input should be greater than 0"),
        (("max_alias_nodes",), "Input should be a valid integer"),
    ]


# -- nodes ----------------------------------------------------------------------------------------


def test_frontline_is_the_kind_in_any_case_and_spacing() -> None:
    assert node(kind=" FrontLine ").is_frontline
    assert not node(kind="frontline-ish").is_frontline
    assert not node(kind="enablement").is_frontline
    assert not node().is_frontline


@pytest.mark.parametrize(
    ("status", "is_open"), [("planned", True), ("in_progress", True), ("done", False), ("dropped", False)]
)
def test_open_and_overdue(status: str, is_open: bool) -> None:
    n = node(status=status, due="2027-03-31")
    assert n.is_open is is_open
    assert n.is_overdue(dt.date(2027, 4, 1)) is is_open
    assert not n.is_overdue(dt.date(2027, 3, 31))  # due today is not late yet
    assert not node(status=status).is_overdue(dt.date(2099, 1, 1))  # no due date: never overdue


def test_nested_lists_become_tuples_of_records() -> None:
    n = node(children=[{"id": "k", "title": "K", "children": [{"id": "g", "title": "G"}]}], supports=["a", "b"])
    (kid,) = n.children
    assert isinstance(kid, Node)
    assert [g.id for g in kid.children] == ["g"]
    assert n.supports == ("a", "b")
    assert Team.model_validate({"id": "t", "name": "T", "members": ["a", "b"]}).members == ("a", "b")


# -- the record API -------------------------------------------------------------------------------


def test_from_and_with_are_read_by_name_or_alias_and_written_by_alias() -> None:
    change = Change.model_validate({"from": "Demo first", "to": "Qualify first"})
    assert change == Change.model_validate({"from_": "Demo first", "to": "Qualify first"})
    assert change.model_dump() == {"from": "Demo first", "to": "Qualify first"}
    assert json.loads(change.model_dump_json()) == {"from": "Demo first", "to": "Qualify first"}
    assert set(Change.model_json_schema()["properties"]) == {"from", "to"}
    paired = node(**{"with": ["a", "b"]})
    assert paired.with_ == ("a", "b")
    assert paired.model_dump()["with"] == ("a", "b")
    assert "with_" not in paired.model_dump()


def test_a_record_copy_changes_only_the_copy() -> None:
    person = Person(id="a", name="A", role="AE")
    renamed = person.model_copy(update={"name": "B"})
    assert (renamed.id, renamed.name, renamed.role) == ("a", "B", "AE")
    assert person.name == "A"
    same = person.model_copy()
    assert same == person
    assert same is not person


def test_records_are_slotted_and_carry_no_instance_dict() -> None:
    """A plan holds millions of records: none may carry a per-instance dict."""
    for record in (Person(id="a", name="A"), node(), Change.model_validate({"from": "x", "to": "y"})):
        assert not hasattr(record, "__dict__")
        with pytest.raises(AttributeError):
            setattr(record, "nickname", "x")  # noqa: B010


def schema_in_a_fresh_interpreter(first: str) -> dict[str, Any]:
    """Person's JSON schema in a new Python that ran ``first`` before asking: what a record
    class has built so far in this process (its adapter, its constructor) must not matter."""
    code = "\n".join(
        [
            "import json",
            "from cascade.model.records import Person",
            first,
            "print(json.dumps(Person.model_json_schema()))",
        ]
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    schema: dict[str, Any] = json.loads(done.stdout)
    return schema


def test_a_record_schema_describes_its_fields_from_their_docstrings() -> None:
    schema = schema_in_a_fresh_interpreter("Person.model_validate({'id': 'a', 'name': 'A'})")
    assert schema["description"] == "Someone in the sales organisation."
    assert schema["properties"]["name"]["description"] == "Full name, as shown in briefs and messages."
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["id", "name"]


@pytest.mark.xfail(
    strict=True,
    reason="bug: a record class first built by its constructor (Person(...)) loses its field "
    "docstrings, in its own schema and in cascade.json_schema.json_schema() alike",
)
def test_a_record_made_by_its_constructor_first_keeps_its_field_descriptions() -> None:
    schema = schema_in_a_fresh_interpreter("Person(id='a', name='A')")
    assert schema["properties"]["name"]["description"] == "Full name, as shown in briefs and messages."


def test_fields_of_a_model_a_record_and_anything_else() -> None:
    assert list(fields_of(Header)) == ["name", "start", "end", "roster", "policy", "checks"]
    assert list(fields_of(Change)) == ["from_", "to"]  # attribute names, not aliases
    assert fields_of(int) == {}


# -- the layout -----------------------------------------------------------------------------------


def _classes_in(annotation: object, found: set[type]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, Model | Record):
        if annotation not in found:
            found.add(annotation)
            for field in fields_of(annotation).values():
                _classes_in(field.annotation, found)
        return
    for argument in typing.get_args(annotation):
        _classes_in(argument, found)


def test_layout_classes_are_every_class_a_plan_file_is_made_of() -> None:
    """The cache keys on these classes' fields: one left out would let a stale entry through."""
    found: set[type] = set()
    for field in PlanFile.model_fields.values():
        _classes_in(field.annotation, found)
    assert found == set(LAYOUT_CLASSES)
    assert len(LAYOUT_CLASSES) == len(found)


def test_sections_are_the_list_fields_of_a_plan_file_in_order() -> None:
    assert SECTIONS == ("people", "teams", "objectives", "moments", "blockers")
    assert tuple(name for name in PlanFile.model_fields if name not in ("cascade", "plan")) == SECTIONS


def test_every_model_forbids_unknown_fields() -> None:
    for cls in LAYOUT_CLASSES:
        if issubclass(cls, BaseModel):
            assert cls.model_config.get("extra") == "forbid", cls
        else:
            assert cls.__pydantic_config__.get("extra") == "forbid", cls  # type: ignore[attr-defined]
