"""Which files make up a plan directory. Kept apart from the reader so that a run can list a
plan's files (to replay its last verdict) without importing the reader's models."""

from __future__ import annotations

import os

YAML_SUFFIXES = (".yaml", ".yml")


def plan_files(root: str) -> list[tuple[str, str]]:
    """Every plan file below the folder ``root``, with its path relative to it, in name order."""
    found: list[tuple[str, str]] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # .git and friends are not plans
        inside = os.path.relpath(folder, root)  # once a folder: a plan may have tens of thousands of files
        found.extend(
            (os.path.join(folder, n), n if inside == "." else os.path.join(inside, n))
            for n in sorted(names)
            if n.endswith(YAML_SUFFIXES) and not n.startswith(".")
        )
    return found
