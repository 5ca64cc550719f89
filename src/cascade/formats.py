"""Every output format cascade writes, by family: the one place that names them.

The command line offers exactly these (each command's ``--format`` and its help are built
from here), and the library checks against them. A family that has a registry of its
implementations is derived from it: the report formats are the reporters of
``cascade.reporters``. The other families name formats whose code is loaded only when used
(Jinja2, networkx, the rule catalogue), so that the command line starts without it.

Light enough for the command line's start-up: it imports the reporters, which ``cascade
validate`` needs anyway, and nothing heavier.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, get_args

from cascade.reporters import REPORTERS

REPORT_FORMATS: tuple[str, ...] = tuple(REPORTERS)
"""What ``cascade validate`` writes a report as: the keys of ``cascade.reporters.REPORTERS``."""

BRIEF_FORMATS: tuple[str, ...] = ("md", "html", "pdf", "ics")
"""What ``cascade render`` (``cascade.render``) writes each brief as."""

GRAPH_FORMATS: tuple[str, ...] = ("mermaid", "dot", "json", "html")
"""What ``cascade graph`` draws the cascade as (``cascade.rendering.diagram``)."""

DIFF_FORMATS: tuple[str, ...] = ("text", "md", "json")
"""What ``cascade diff`` writes the changes as."""

RULES_FORMATS: tuple[str, ...] = ("text", "markdown")
"""What ``cascade rules`` writes the catalogue as (markdown is the source of docs/rules.md)."""

BY_COMMAND: Mapping[str, tuple[str, ...]] = {
    "validate": REPORT_FORMATS,
    "render": BRIEF_FORMATS,
    "graph": GRAPH_FORMATS,
    "diff": DIFF_FORMATS,
    "rules": RULES_FORMATS,
}
"""Command -> the formats its ``--format`` offers."""

FORMATS = BRIEF_FORMATS
"""The brief formats, under the name ``cascade.rendering`` exports them by."""

Paper = Literal["a4", "letter"]
PAPERS: tuple[str, ...] = get_args(Paper)
"""The paper sizes of a PDF brief."""


def one_of(names: Iterable[str]) -> str:
    """``a, b or c``: names for a help text or a message."""
    listed = list(names)
    return ", ".join(listed[:-1]) + " or " + listed[-1] if len(listed) > 1 else "".join(listed)


__all__ = [
    "BRIEF_FORMATS",
    "BY_COMMAND",
    "DIFF_FORMATS",
    "FORMATS",
    "GRAPH_FORMATS",
    "PAPERS",
    "REPORT_FORMATS",
    "RULES_FORMATS",
    "Paper",
    "one_of",
]
