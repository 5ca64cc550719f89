"""The JSON Schema of the plan format, made from the pydantic models.

Editors that speak yaml-language-server use it for completion and hover docs:
``# yaml-language-server: $schema=plan.schema.json`` at the top of a plan file.
It describes any one file of a plan, so it also fits the files of a directory plan.
"""

from __future__ import annotations

from typing import Any

from cascade.model.records import PlanFile

SCHEMA_ID = "https://example.invalid/cascade/plan-format-1.schema.json"


def json_schema() -> dict[str, Any]:
    schema = PlanFile.model_json_schema(by_alias=True, mode="validation")
    schema["properties"]["cascade"] = {
        "const": 1,
        "description": "Format version: 1. Required in the file that holds the plan header.",
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "cascade plan (format version 1)",
    }
