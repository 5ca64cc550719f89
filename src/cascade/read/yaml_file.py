"""Read one YAML file into plain data and a source map, safely.

The reader walks libyaml's event stream itself instead of calling ``yaml.load``: it is
several times faster and leaner, it sees duplicate keys (which PyYAML drops silently),
it resolves scalars by YAML 1.2's rules, and it enforces the safety caps (CAS008) as it
goes, so an alias bomb or a 20,000-deep nesting is refused before it costs anything.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cascade.diagnostics import Finding, Location
from cascade.limits import DEFAULT_LIMITS, Limits
from cascade.read.safe_files import Refused, TooBig, confined, read_regular
from cascade.read.scalars import resolve_plain
from cascade.read.source_map import NO_CHILD, SourceMap, YList, YMap

try:  # libyaml's C parser; the pure-Python one only where libyaml is missing
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - every supported platform ships libyaml wheels
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStartEvent = yaml.DocumentStartEvent

_SKIP = object()  # the key of an entry whose value is read and then dropped
_INTERN_UP_TO = 40  # short scalars (keys, ids, dates, statuses) are shared; long text rarely repeats
_intern = sys.intern


class _Refused(Exception):
    """A safety cap was hit: reading stops at once."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line, self.column = line, column


@dataclass
class YamlFile:
    """One file as read: its data (None when unreadable), its source map and its faults."""

    path: str
    data: object = None
    source: SourceMap = field(default_factory=lambda: SourceMap(""))
    findings: list[Finding] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not any(f.code in ("CAS001", "CAS008") for f in self.findings)


def read_file(path: Path, display: str, limits: Limits = DEFAULT_LIMITS, root: str | None = None) -> YamlFile:
    """Read ``path``; ``display`` is how diagnostics name it. Never raises for bad content.

    With ``root``, the file must stand inside that folder once its symlinks are resolved (a
    file of a directory plan); any file must be a regular one (see :mod:`cascade.read.safe_files`).
    """
    return read_fetched(lambda: read_input(os.fspath(path), limits.max_file_size, root), display, limits)


def read_fetched(fetch: Callable[[], bytes], display: str, limits: Limits = DEFAULT_LIMITS) -> YamlFile:
    """Read the bytes ``fetch`` gets (from a file, from git...): a ``TooBig``, ``Refused`` or
    ``OSError`` it raises is a finding of the file, as for :func:`read_file`."""
    try:
        raw = fetch()
    except TooBig as exc:
        return _refused(
            display,
            f"the file is {exc.size:,} bytes, over the limit of {limits.max_file_size:,} "
            "(raise it with --max-file-size)",
            1,
            1,
        )
    except Refused as exc:
        return _refused(display, str(exc), 1, 1)
    except OSError as exc:
        return _unreadable(display, f"cannot read the file: {exc.strerror or exc}")
    return read_bytes(raw, display, limits)


def read_input(path: str, limit: int, root: str | None = None) -> bytes:
    """The bytes of one plan file: confined to ``root`` when given, regular, under ``limit``.

    The files of a directory plan are found by a walk that does not enter linked folders, so
    only a file that is itself a symlink can lead outside: only those are resolved."""
    if root is not None and os.path.islink(path):
        confined(root, path, "plan file")
    return read_regular(path, limit, "plan file")


def read_bytes(raw: bytes, display: str, limits: Limits = DEFAULT_LIMITS) -> YamlFile:
    """Read YAML text given as bytes (it must be UTF-8)."""
    if len(raw) > limits.max_file_size:
        return _refused(display, f"the text is {len(raw):,} bytes, over the limit of {limits.max_file_size:,}", 1, 1)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(raw, exc.start)
        return _refused(
            display,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "is it a binary file, or saved in another encoding?",
            line,
            column,
        )
    nul = raw.find(b"\0")
    if nul >= 0:  # valid UTF-8, yet no text file holds NUL: UTF-16 without its mark, or binary data
        line, column = _line_column(raw, nul)
        return _refused(
            display,
            "the file holds NUL bytes, so it is not UTF-8 text (is it UTF-16, or a binary file?)",
            line,
            column,
        )
    result = YamlFile(display, source=SourceMap(display))
    try:
        result.data = _TreeBuilder(result, limits).build(raw)
    except _Refused as exc:
        result.data = None
        result.findings.append(Finding("CAS008", str(exc), Location(display, exc.line, exc.column)))
    except yaml.MarkedYAMLError as exc:
        result.data = None
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if "maximum nesting depth" in problem:  # libyaml's own cap, met while it scans ahead
            message = f"the nesting is deeper than libyaml accepts, past the limit of {limits.max_depth} levels"
            result.findings.append(Finding("CAS008", message, Location(display, line, column)))
            return result
        if exc.context:
            problem = f"{problem} ({exc.context})"
        result.findings.append(Finding("CAS001", f"YAML syntax error: {problem}", Location(display, line, column)))
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        result.data = None
        position = getattr(exc, "position", 0)
        line, column = _line_column(raw.decode("utf-8"), position)
        reason = getattr(exc, "reason", "unacceptable character")
        result.findings.append(Finding("CAS001", f"YAML syntax error: {reason}", Location(display, line, column)))
    return result


class _TreeBuilder:
    """Turns an event stream into YMap/YList/scalars while filling the source map."""

    def __init__(self, result: YamlFile, limits: Limits) -> None:
        self.result = result
        self.limits = limits
        self.findings = result.findings
        self.source = result.source
        self.file = result.path

    def _fault(self, code: str, message: str, line: int, column: int) -> None:
        self.findings.append(Finding(code, message, Location(self.file, line, column)))

    def build(self, raw: bytes) -> object:
        source = self.source
        max_depth = self.limits.max_depth
        alias_budget = self.limits.max_alias_nodes
        anchors: dict[str, tuple[object, int, int]] = {}  # name -> (value, node count, offset)
        # A frame: [container, is_map, pending key, key line, key col, keys, entries, count, line, col]
        stack: list[list[Any]] = []
        top: object = None
        documents = 0

        parser = _Parser(raw)
        try:
            while True:
                event: Any = parser.get_event()
                if event is None:
                    break
                kind = type(event)
                mark: Any = event.start_mark
                if kind is _ScalarEvent:
                    if event.tag is not None:
                        self._refuse_tag(event.tag, mark.line + 1, mark.column + 1)
                    text = event.value
                    if len(text) <= _INTERN_UP_TO:  # keys, ids, dates, units recur: keep one copy of each
                        text = _intern(text)
                    if stack and event.anchor is None:
                        # The hot path, inlined: most events are a key or a value in a mapping.
                        frame = stack[-1]
                        if frame[1]:
                            key = frame[2]
                            if key is None:  # a key: always text, never resolved
                                frame[2] = text
                                frame[3] = mark.line + 1
                                frame[4] = mark.column + 1
                                frame[7] += 1
                                continue
                            if key is not _SKIP and key not in frame[0]:
                                frame[2] = None
                                frame[7] += 1
                                frame[0][key] = resolve_plain(text) if event.implicit[0] else text
                                frame[5].append(key)
                                frame[6] += (frame[3], frame[4], mark.line + 1, mark.column + 1, NO_CHILD)
                                continue
                    value: object = resolve_plain(text) if event.implicit[0] else text
                    sub = NO_CHILD
                    size = 1
                elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                    if event.tag is not None:
                        self._refuse_tag(event.tag, mark.line + 1, mark.column + 1)
                    if len(stack) >= max_depth:
                        raise _Refused(
                            f"the nesting is deeper than {max_depth} levels (raise it with --max-depth)",
                            mark.line + 1,
                            mark.column + 1,
                        )
                    is_map = kind is _MappingStartEvent
                    container: YMap | YList = YMap() if is_map else YList()
                    stack.append(
                        [
                            container,
                            is_map,
                            None,
                            0,
                            0,
                            [],
                            [],
                            1,
                            mark.line + 1,
                            mark.column + 1,
                            event.anchor,
                        ]
                    )
                    continue
                elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                    frame = stack.pop()
                    container = frame[0]
                    sub = source.add_container(frame[8], frame[9], frame[5], frame[6])
                    container.src = sub
                    value = container
                    size = frame[7]
                    mark = None
                    anchor = frame[10]
                    if anchor is not None:
                        anchors[anchor] = (value, size, sub)
                    line, column = frame[8], frame[9]
                    self._place(stack, value, line, column, sub, size)
                    if not stack:
                        top = value
                    continue
                elif kind is _AliasEvent:
                    name = event.anchor
                    if name not in anchors:
                        raise yaml.composer.ComposerError(None, None, f"found undefined alias {name!r}", mark)
                    value, size, sub = anchors[name]
                    if isinstance(value, YMap | YList):
                        # A copy placed at the alias, so a fault in it (a duplicate id, say) is
                        # reported where the alias stands, and each copy is its own record.
                        copy = type(value)(value)
                        copy.src = sub = source.add_alias(sub, mark.line + 1, mark.column + 1)
                        value = copy
                    alias_budget -= size
                    if alias_budget < 0:
                        raise _Refused(
                            f"anchors and aliases expand to more than {self.limits.max_alias_nodes:,} nodes "
                            "(raise it with --max-aliases)",
                            mark.line + 1,
                            mark.column + 1,
                        )
                elif kind is _DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise yaml.MarkedYAMLError(
                            None, None, "a plan file holds one YAML document, this is a second one", mark
                        )
                    continue
                else:  # stream and document ends
                    continue

                # a scalar or an alias: a finished value
                if kind is _ScalarEvent and event.anchor is not None:
                    anchors[event.anchor] = (value, 1, NO_CHILD)
                if not stack:
                    top = value
                    continue
                self._place(
                    stack,
                    value,
                    mark.line + 1,
                    mark.column + 1,
                    sub,
                    size,
                    text if kind is _ScalarEvent else None,
                )
        finally:
            parser.dispose()
        return top

    def _place(
        self,
        stack: list[list[Any]],
        value: object,
        line: int,
        column: int,
        sub: int,
        size: int,
        text: str | None = None,
    ) -> None:
        """Put a finished value into the container on top of the stack."""
        if not stack:
            return
        frame = stack[-1]
        frame[7] += size
        container = frame[0]
        entries: list[int] = frame[6]
        keys: list[str | None] = frame[5]
        if not frame[1]:  # a sequence item
            container.append(value)
            keys.append(None)
            entries += (line, column, line, column, sub)
            return
        key = frame[2]
        if key is None:  # this value is a key
            if text is None:
                where = "an alias" if sub == NO_CHILD else "a mapping or a list"
                self._fault("CAS004", f"a key must be a plain name, not {where}", line, column)
                frame[2] = _SKIP
            else:
                frame[2] = text
            frame[3], frame[4] = line, column
            return
        frame[2] = None
        if key is _SKIP:
            return
        mapping: dict[str, object] = container
        if key in mapping:
            self._fault(
                "CAS002",
                f"duplicate key {key!r}: the first one, on line {self._first_key_line(frame, key)}, "
                "is kept and this one is ignored",
                frame[3],
                frame[4],
            )
            return
        mapping[key] = value
        keys.append(key)
        entries += (frame[3], frame[4], line, column, sub)

    @staticmethod
    def _first_key_line(frame: list[Any], key: str) -> int:
        keys: list[str | None] = frame[5]
        entries: list[int] = frame[6]
        return entries[keys.index(key) * 5]

    def _refuse_tag(self, tag: str, line: int, column: int) -> None:
        raise _Refused(
            f"explicit YAML tags are refused for safety ({tag}); write plain values instead",
            line,
            column,
        )


def _unreadable(display: str, message: str) -> YamlFile:
    return YamlFile(display, findings=[Finding("CAS001", message, Location(display, 0, 0))])


def _refused(display: str, message: str, line: int, column: int) -> YamlFile:
    return YamlFile(display, findings=[Finding("CAS008", message, Location(display, line, column))])


def _line_column(text: bytes | str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character (or byte) offset."""
    if isinstance(text, str):
        return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
    return text.count(b"\n", 0, offset) + 1, offset - text.rfind(b"\n", 0, offset)
