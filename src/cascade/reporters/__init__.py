"""Reporters turn a report into output: one module each, named by its format in :data:`REPORTERS`.

Each module has ``render(report)``, which returns plain text for machines (``str``) or
styled text for people (a Rich ``Text``). A module is imported only when its format is
asked for (by the command line): the SARIF reporter imports the rule catalogue, and the
JUnit one an XML writer, which a replayed ``cascade validate`` never needs.
"""

from __future__ import annotations

from collections.abc import Mapping

REPORTERS: dict[str, str] = {
    "text": "cascade.reporters.text",
    "json": "cascade.reporters.json_report",
    "github": "cascade.reporters.github",
    "sarif": "cascade.reporters.sarif",
    "junit": "cascade.reporters.junit",
}
"""Format name -> the module that writes a report in it."""


def default_format(environ: Mapping[str, str]) -> str:
    """The format used when none is asked for: annotations under GitHub Actions, which sets
    ``GITHUB_ACTIONS=true`` in every step, and compiler-style text everywhere else."""
    return "github" if environ.get("GITHUB_ACTIONS", "").lower() == "true" else "text"


__all__ = ["REPORTERS", "default_format"]
