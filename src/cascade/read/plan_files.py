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


def is_plan_file(relative: str) -> bool:
    """Whether a path inside a plan's folder (``/``-separated) is one of its files, as
    :func:`plan_files` decides: a ``.yaml`` or ``.yml`` file, hidden neither itself nor in a
    hidden folder."""
    return relative.endswith(YAML_SUFFIXES) and not any(part.startswith(".") for part in relative.split("/"))


def walk_order(relative: str) -> tuple[tuple[int, str], ...]:
    """The sort key that lists ``/``-separated paths in :func:`plan_files`'s order: a folder's
    files by name, then its folders by name, each with everything below it."""
    *folders, name = relative.split("/")
    return (*((1, folder) for folder in folders), (0, name))
