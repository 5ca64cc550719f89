"""``cascade.json_schema``: the JSON Schema of a plan file, for editors and other tools."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from cascade.json_schema import SCHEMA_ID, json_schema
from cascade.read.yaml_file import read_file
from cascade.starters import seeds, seeds_folder
from tests.conftest import EXAMPLE, NORTHWIND

SPLIT = NORTHWIND.parent.parent / "northwind-split"


def plan_files() -> list[Path]:
    """The format example, the worked example, every file of the split example and of every seed."""
    files = [EXAMPLE, NORTHWIND]
    if SPLIT.is_dir():
        files += sorted(SPLIT.rglob("*.yaml"))
    for seed in seeds():
        folder = seeds_folder() / seed
        files += sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml"))
    return files


def data_of(path: Path) -> Any:
    read = read_file(path, str(path))
    assert read.findings == []
    return read.data


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema())


def errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_schema_is_fresh_each_time() -> None:
    first = json_schema()
    first["properties"].clear()
    assert json_schema()["properties"]


def test_records_are_all_described() -> None:
    schema = json_schema()
    for name in ("Person", "Team", "Node", "Moment", "Blocker", "Header", "Measure", "Change", "Policy", "Checks"):
        assert name in schema["$defs"], name


def fields(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every field of every model: the top level's properties and each definition's."""
    for key, prop in schema["properties"].items():
        yield f"PlanFile.{key}", prop
    for model, definition in schema["$defs"].items():
        for key, prop in definition.get("properties", {}).items():
            yield f"{model}.{key}", prop


def description_of(schema: dict[str, Any], prop: dict[str, Any]) -> str | None:
    """A field's description; a field that only refers to a record shows that record's description."""
    if prop.get("description"):
        return str(prop["description"])
    ref = prop.get("$ref")
    if ref is None:
        return None
    definition = schema["$defs"][ref.rsplit("/", 1)[1]]
    return str(definition["description"]) if definition.get("description") else None


def test_every_field_has_a_description() -> None:
    schema = json_schema()
    missing = [name for name, prop in fields(schema) if not description_of(schema, prop)]
    assert missing == []


def test_every_model_has_a_description() -> None:
    schema = json_schema()
    assert schema["description"]
    missing = [name for name, definition in schema["$defs"].items() if not definition.get("description")]
    assert missing == []


def test_records_forbid_unknown_fields() -> None:
    schema = json_schema()
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object" and "properties" in definition:
            assert definition.get("additionalProperties") is False, name


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: str(p).split("/examples/")[-1].split("/seeds/")[-1])
def test_plan_files_validate(validator: Draft202012Validator, path: Path) -> None:
    assert errors(validator, data_of(path)) == []


def test_the_split_example_is_there() -> None:
    if not SPLIT.is_dir():
        pytest.skip("examples/northwind-split is not there")
    assert len(list(SPLIT.rglob("*.yaml"))) > 1


def test_a_directory_file_without_header_validates(validator: Draft202012Validator) -> None:
    assert errors(validator, {"people": [{"id": "a", "name": "A"}]}) == []


# -- what it refuses ----------------------------------------------------------------------


def example() -> Any:
    return copy.deepcopy(data_of(EXAMPLE))


def test_unknown_top_level_field_fails(validator: Draft202012Validator) -> None:
    data = example()
    data["objectivs"] = []
    assert any("objectivs" in e for e in errors(validator, data))


def test_unknown_field_in_a_nested_node_fails(validator: Draft202012Validator) -> None:
    data = example()
    data["objectives"][0]["children"][0]["children"][0]["ownr"] = "priya"
    assert any("ownr" in e for e in errors(validator, data))


def test_unknown_field_in_a_person_fails(validator: Draft202012Validator) -> None:
    data = example()
    data["people"][0]["rol"] = "CRO"
    assert errors(validator, data)


def test_missing_required_field_fails(validator: Draft202012Validator) -> None:
    data = example()
    del data["people"][0]["name"]
    assert errors(validator, data)


def test_wrong_version_fails(validator: Draft202012Validator) -> None:
    data = example()
    data["cascade"] = 2
    assert errors(validator, data)


@pytest.mark.parametrize(
    "due",
    [
        "2027-13-45",
        "2027-00-10",
        "2027-02-99",
        "2027-04-32",
        "2027-W99",
        "2027-W00",
    ],
)
def test_impossible_date_fails(validator: Draft202012Validator, due: str) -> None:
    data = example()
    data["objectives"][0]["due"] = due
    assert errors(validator, data)


def test_impossible_date_fails_in_the_header(validator: Draft202012Validator) -> None:
    data = example()
    data["plan"]["end"] = "2027-13-45"
    assert errors(validator, data)


@pytest.mark.parametrize("due", ["2027-03-31", "2027-03", "2027-Q1", "2027-W12", "2027-12-31", "2027-W53"])
def test_every_date_form_passes(validator: Draft202012Validator, due: str) -> None:
    data = example()
    data["objectives"][0]["due"] = due
    assert errors(validator, data) == []


@pytest.mark.parametrize("due", ["31/03/2027", "2027", "tomorrow", "2027-Q5", "2027-3-1"])
def test_malformed_date_fails(validator: Draft202012Validator, due: str) -> None:
    data = example()
    data["objectives"][0]["due"] = due
    assert errors(validator, data)


def test_negative_target_fails(validator: Draft202012Validator) -> None:
    data = example()
    data["objectives"][0]["measure"]["target"] = -1
    assert errors(validator, data)


def test_bad_id_fails(validator: Draft202012Validator) -> None:
    data = example()
    data["people"][0]["id"] = "dana whitfield"
    assert errors(validator, data)


def test_bad_status_fails(validator: Draft202012Validator) -> None:
    data = example()
    data["blockers"][0]["status"] = "closed"
    assert errors(validator, data)
