"""Which person ids make safe brief file names, on Linux, macOS and Windows alike.

A person's briefs are ``<id>.<format>`` in one folder, beside ``index.html``. The plan may
be rendered on any system, so an id is judged by the strictest of them: Windows reserves
device names and characters, and macOS and Windows compare names ignoring case. ``validate``
reports what this module refuses (CAS004, CAS005), so that a clean plan always renders;
``render`` asks the same questions for plans that never went through ``validate``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

__all__ = ["INDEX_STEM", "MAX_ID_BYTES", "RESERVED_STEMS", "clashes", "file_name", "name_key", "unsafe_reason"]

INDEX_STEM = "index"
"""``index.html`` lists the briefs."""
RESERVED_STEMS = (INDEX_STEM,)
"""Names of the files cascade writes beside the briefs."""

_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789\u00b9\u00b2\u00b3"}
)
"""Windows opens the device, not a file, for these names, whatever extension follows."""

_FORBIDDEN = frozenset('<>:"/\\|?*')
"""Characters Windows refuses in a file name; '/' and '\\' would also leave the folder."""

MAX_ID_BYTES = 200
"""Room for the extension and the temporary name used while writing, within 255 bytes."""


def file_name(person_id: str, fmt: str) -> str:
    """The name of a person's brief in one format."""
    return f"{person_id}.{fmt}"


def name_key(name: str) -> str:
    """What two names are compared by on a file system that ignores case (and, on macOS,
    Unicode normalisation): equal keys would be one file there."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", name).casefold())


_RESERVED_KEYS = {name_key(stem): stem for stem in RESERVED_STEMS}


def unsafe_reason(person_id: str) -> str | None:
    """Why ``<id>.<format>`` is not a safe file name on every system; None when it is."""
    if not person_id:
        return "an empty id names no file"
    if person_id in (".", ".."):
        return f"{person_id!r} names a folder in every path, not a file"
    bad = sorted({c for c in person_id if c in _FORBIDDEN or ord(c) < 32 or c == "\x7f"})
    if bad:
        shown = ", ".join(repr(c) for c in bad)
        return f"it contains {shown}, which cannot be in a file name on Windows (or would leave the folder)"
    stem = person_id.split(".", 1)[0].rstrip(" ")
    if stem.upper() in _DEVICES:
        return f"{stem} is a device name on Windows, so {file_name(person_id, 'md')} cannot be a file name there"
    reserved = _RESERVED_KEYS.get(name_key(person_id))
    if reserved is not None:
        return f"{reserved}.html, in any case, is the page that lists the briefs"
    if len(person_id.encode("utf-8", "surrogatepass")) > MAX_ID_BYTES:
        return f"it is longer than {MAX_ID_BYTES} bytes, too long for a file name"
    return None


def clashes(ids: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(later id, earlier id) for each id whose file names equal an earlier one's ignoring case."""
    seen: dict[str, str] = {}
    for each in ids:
        first = seen.setdefault(name_key(each), each)
        if first != each:
            yield each, first
