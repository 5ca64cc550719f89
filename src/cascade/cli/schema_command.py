"""``cascade schema``: the JSON Schema of the plan format, for editors and other tools."""

from __future__ import annotations

from cascade.cli.app import command, out_console


@command("schema", "cascade schema > cascade.schema.json")
def schema_command() -> int:
    """Print the JSON Schema of a plan file (for yaml-language-server and friends)."""
    import json

    from cascade.json_schema import json_schema  # builds the models' validators

    out_console().file.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0
