"""The one Jinja environment every output is rendered with.

Built in one place so that every template gets the same safety: undefined names are
errors (StrictUndefined), HTML templates are autoescaped (``select_autoescape`` matches
file endings, so ``brief.html.j2`` needs ``html.j2`` listed), and Markdown, which Jinja
cannot escape, gets its own ``md`` filter.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import jinja2

from cascade.cache import secret_path

from .markdown import md_escape

AUTOESCAPED = ("html", "htm", "xml", "svg", "html.j2", "svg.j2", "xml.j2")


def environment(templates: Path | None = None) -> jinja2.Environment:
    """Templates from ``templates`` first (any built-in one can be overridden by name), then the package's."""
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders.append(jinja2.PackageLoader("cascade.rendering", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=AUTOESCAPED, default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A render reads each template once: without this, every include of every brief
        # would ask the file system whether the template changed.
        auto_reload=False,
        bytecode_cache=_compiled_templates(),
    )
    env.filters["md"] = md_escape
    env.filters["day"] = _day
    env.filters["short_day"] = _short_day
    env.filters["percent"] = lambda ratio: f"{ratio:.0%}"
    return env


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Compiled templates, kept in the user's cache folder beside the cache key (compiling the
    brief templates costs about a tenth of a second per command). Jinja keys each entry on
    the template's source, so an edited template is compiled again."""
    folder = secret_path().parent / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


# Every brief shows the same few dates (the plan period, today, shared due dates), and
# strftime is slow: each date is formatted once per process.
@cache
def _day(value: dt.date | None) -> str:
    return value.strftime("%a %d %b %Y") if value else "no date"


@cache
def _short_day(value: dt.date | None) -> str:
    return value.strftime("%d %b") if value else "—"
