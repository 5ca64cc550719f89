#!/usr/bin/env python3
"""Generate docs/format-reference.md from the pydantic models of cascade.model.records.

Every table row comes from the code: the field's name (its alias when it has one), a
readable type worked out from the annotation's JSON Schema, whether it is required or
what its default is, and the field's docstring. Run it after changing a model:

    .venv/bin/python scripts/gen_format_reference.py --write

Without ``--write`` the page is printed to stdout (tests/test_docs_site.py compares it
with the file, so a stale page fails the tests).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from cascade.model import records as model
from cascade.model.records import CODE_PATTERN, DATE_PATTERN, ID_PATTERN

PAGE = Path(__file__).resolve().parent.parent / "docs" / "format-reference.md"

MODELS: list[type] = [
    model.PlanFile,
    model.Header,
    model.RosterFile,
    model.RosterColumns,
    model.Policy,
    model.Coverage,
    model.Checks,
    model.CheckLimits,
    model.Person,
    model.Team,
    model.Node,
    model.Measure,
    model.Change,
    model.Moment,
    model.Blocker,
]
"""In reading order: the top level of a file first, then the header, then the sections."""

OVERRIDES: dict[tuple[str, str], tuple[str, str]] = {
    # PlanFile accepts any value and a missing header on purpose: the reader then reports
    # a wrong version or a missing header as CAS007, with its place, instead of a type error.
    ("PlanFile", "cascade"): ("`1`", "required in the file with `plan:` (CAS007), optional in the others"),
    ("PlanFile", "plan"): ("[Header](#header)", "required in exactly one file of the plan (CAS007)"),
}
"""(model, field) -> (type, required) where the model is looser than the format on purpose."""

PATTERNS = {ID_PATTERN: "id", CODE_PATTERN: "rule code", DATE_PATTERN: "date"}


def readable(schema: dict[str, Any]) -> str:
    """A short human name for a JSON Schema: ``id``, ``date``, ``list of id``, ``number ≥ 0``..."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in schema:
        options = [readable(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(options)
    if "enum" in schema:
        return "one of " + ", ".join(f"`{value}`" for value in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    kind = schema.get("type")
    if kind == "string":
        if schema.get("pattern") in PATTERNS:
            return PATTERNS[schema["pattern"]]
        return "non-empty text" if schema.get("minLength", 0) >= 1 else "text"
    if kind in ("number", "integer"):
        word = "number" if kind == "number" else "whole number"
        if "minimum" in schema:
            return f"{word} ≥ {schema['minimum']}"
        if "exclusiveMinimum" in schema:
            return f"{word} > {schema['exclusiveMinimum']}"
        return word
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "array":
        return "list of " + readable(schema.get("items", {}))
    if kind == "object" and "patternProperties" in schema:
        ((pattern, value),) = schema["patternProperties"].items()
        return f"map of {PATTERNS.get(pattern, 'text')} to {readable(value)}"
    return "any value"


def yaml_value(value: object) -> str:
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    return f"`{value}`"


def requirement(field: FieldInfo) -> str:
    """``required``, ``optional`` (no default), or the default as it would be written in YAML."""
    if field.is_required():
        return "required"
    if field.default_factory is not None:
        made = field.default_factory()  # type: ignore[call-arg]
        if isinstance(made, BaseModel) or dataclasses.is_dataclass(made):
            name = type(made).__name__
            return f"the [{name}](#{name.lower()}) defaults"
        return "`[]`" if isinstance(made, list | tuple) else "`{}`"
    if field.default is None:
        return "optional"
    if field.default == ():  # records keep their lists as tuples; in YAML they are lists
        return "`[]`"
    return yaml_value(field.default)


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def used_in(schemas: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Model name -> where it appears, as ``[Parent](#parent) `field` `` links."""
    places: dict[str, list[str]] = {}

    def refs(schema: dict[str, Any]) -> list[str]:
        found = [schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else []
        for option in schema.get("anyOf", []):
            found += refs(option)
        if "items" in schema:
            found += refs(schema["items"])
        return found

    for parent, schema in schemas.items():
        for name, prop in schema.get("properties", {}).items():
            for child in refs(prop):
                places.setdefault(child, []).append(f"[{parent}](#{parent.lower()}) `{name}`")
    return places


def page() -> str:
    top = model.PlanFile.model_json_schema(by_alias=True)
    schemas: dict[str, dict[str, Any]] = {"PlanFile": top, **top.get("$defs", {})}
    where = used_in(schemas)
    day_schema = next(m.json_schema for m in get_args(model.Day) if isinstance(m, WithJsonSchema)) or {}
    day_hint = str(day_schema["description"]).removeprefix("A date: ")
    id_length = schemas["Person"]["properties"]["id"]["maxLength"]
    lines = [
        "# Format reference",
        "",
        "<!-- Generated by `python scripts/gen_format_reference.py --write` from cascade.model.records;"
        " do not edit by hand. -->",
        "",
        "Every record of a plan file, field by field, as the code defines it. The",
        "[plan format](format.md) page explains how the pieces fit together; this page is the",
        "detail. A field that is not listed is an error (CAS003), and a value of the wrong type",
        "is an error (CAS004) at its line.",
        "",
        "The types:",
        "",
        f"- **id**: letters, digits, `-`, `_` and `.`, at most {id_length} characters; unique across the plan.",
        f"- **date**: {day_hint}",
        "- **rule code**: `CAS` and three digits, such as `CAS204`.",
        "- **optional** means the field may be left out and has no value then.",
        "",
    ]
    for cls in MODELS:
        name = cls.__name__
        schema = schemas[name]
        lines += [f"## {name}", ""]
        lines += [(cls.__doc__ or "").strip().splitlines()[0], ""]
        if name in where:
            lines += ["Used in: " + ", ".join(where[name]) + ".", ""]
        lines += ["| field | type | required or default | description |", "|---|---|---|---|"]
        for attribute, field in model.fields_of(cls).items():
            key = field.alias or attribute
            kind, needed = OVERRIDES.get((name, key), (readable(schema["properties"][key]), requirement(field)))
            text = field.description or ""
            lines.append(f"| `{key}` | {cell(kind)} | {cell(needed)} | {cell(text)} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help=f"write {PAGE.relative_to(PAGE.parent.parent)}")
    args = parser.parse_args(argv)
    text = page()
    if args.write:
        PAGE.write_text(text, encoding="utf-8")
        print(f"wrote {PAGE}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
