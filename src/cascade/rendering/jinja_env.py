"""The one Jinja environment every output is rendered with.

Built in one place so that every template gets the same safety: undefined names are
errors (StrictUndefined), HTML templates are autoescaped (``select_autoescape`` matches
file endings, so ``brief.html.j2`` needs ``html.j2`` listed), and Markdown, which Jinja
cannot escape, gets its own ``md`` filter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import posixpath
import stat
from collections.abc import Callable
from functools import cache
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from cascade.errors import CascadeError
from cascade.model.amounts import percent_text
from cascade.rendering.markdown import md_escape
from cascade.store.file_cache import secret_path

AUTOESCAPED = ("html", "htm", "xml", "svg", "html.j2", "svg.j2", "xml.j2")


def environment(templates: Path | None = None) -> jinja2.Environment:
    """Templates from ``templates`` first (any built-in one can be overridden by name), then the package's."""
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        loaders.append(_UserTemplates(str(templates)))
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
    env.filters["percent"] = percent_text
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
    return _QuietBytecodeCache(str(folder))


# Every brief shows the same few dates (the plan period, today, shared due dates), and
# strftime is slow: each date is formatted once per process.
@cache
def _day(value: dt.date | None) -> str:
    return value.strftime("%a %d %b %Y") if value else "no date"


@cache
def _short_day(value: dt.date | None) -> str:
    return value.strftime("%d %b") if value else "—"


class TemplateUnreadable(CascadeError):
    """A template of the ``--templates`` folder is there but cannot be read (``render`` reports
    it as a :class:`~cascade.rendering.RenderError` naming the path and the reason)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason


class _UserTemplates(jinja2.FileSystemLoader):
    """The ``--templates`` folder. Jinja passes over a name there that is not a readable regular
    file and takes the built-in template instead; whoever put a folder, a broken link or an
    unreadable file there meant to override it, so they are told instead (and a FIFO is never
    opened, which would wait for a writer)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        for folder in self.searchpath:
            path = posixpath.join(folder, *split_template_path(template))
            try:
                mode = os.stat(path).st_mode
            except (FileNotFoundError, NotADirectoryError):
                if os.path.islink(path):
                    raise TemplateUnreadable(path, "a symbolic link to nothing") from None
                continue
            except OSError as exc:  # a folder on the way not searchable, for one
                raise TemplateUnreadable(path, exc.strerror or str(exc)) from None
            if not stat.S_ISREG(mode):
                reason = os.strerror(errno.EISDIR) if stat.S_ISDIR(mode) else "not a regular file"
                raise TemplateUnreadable(path, reason)
            try:
                return super().get_source(environment, template)
            except OSError as exc:
                raise TemplateUnreadable(path, exc.strerror or str(exc)) from None
            except UnicodeDecodeError:
                raise TemplateUnreadable(path, "not UTF-8 text") from None
        raise jinja2.TemplateNotFound(template)


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates are only a saving: a cache folder that is full or not writable must
    not stop a render (Jinja's own cache raises), the template is compiled again instead."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)
