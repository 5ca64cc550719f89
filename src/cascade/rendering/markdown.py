"""Escaping for Markdown, which has no autoescape of its own.

A title can carry ``[x](javascript:...)``, a ``|`` that breaks a table, ``<script>``, or a
newline followed by ``#`` that starts a heading; each must come out as literal text. Only
characters that can change the meaning are escaped, so a title such as "Close $600k new
ARR" stays readable as plain text too.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_SPACE = re.compile(r"\s+")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MARKER = re.compile(r"^[#+=-]")
_NUMBERED = re.compile(r"^(\d+)([.)])")


_ANYTHING = re.compile(r"[\\`*_\[\]<>|~&\t\n\r\f\v]|  |^[#+=\-\d\s]|\s$")


def md_escape(value: object) -> str:
    """Text safe inside a Markdown paragraph or table cell: one line, meaningful characters escaped."""
    return _escaped(str(value))


# Briefs repeat the same texts (names, teams, the objectives every line of sight passes
# through): each is escaped once. Bounded, so rendering a huge plan keeps its memory.
@lru_cache(maxsize=1 << 14)
def _escaped(text: str) -> str:
    if _ANYTHING.search(text) is None:  # most names and titles: nothing to do, one scan
        return text
    text = _SPACE.sub(" ", text).strip()
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)  # "AT&amp;T" would otherwise be shown as "AT&T"
    # "# x", "- x" or "1. x" at the start would become a heading or a list item.
    text = _MARKER.sub(lambda m: "\\" + m.group(0), text)
    return _NUMBERED.sub(r"\1\\\2", text)
