"""Where every mapping, key, value and sequence item of a YAML file stands, kept compactly.

The reader turns each file into plain Python data whose containers are :class:`YMap` and
:class:`YList` (a dict and a list that remember one integer: their offset in the file's
:class:`SourceMap`). Positions live in a few flat integer arrays, not in an object per
scalar, so a plan of a million nodes keeps its line marks for a few bytes each.

Layout: a container at offset ``o`` holds its own start at ``o`` and the size ``n`` of its
block; entries ``o+1 .. o+n`` are its keys (or items) in order, each with the position of
the key, the position of the value, and the offset of the value when it is a container.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence

NO_CHILD = -1


class YMap(dict):  # type: ignore[type-arg]
    """A mapping read from YAML; ``src`` is its offset in the file's source map."""

    __slots__ = ("src",)
    src: int


class YList(list):  # type: ignore[type-arg]
    """A sequence read from YAML; ``src`` is its offset in the file's source map."""

    __slots__ = ("src",)
    src: int


class SourceMap:
    """Positions of one YAML file. Lines and columns are stored 1-based."""

    __slots__ = ("_aliases", "_key_col", "_key_line", "_keys", "_sub", "_val_col", "_val_line", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self._key_line = array("I")
        self._key_col = array("I")
        self._val_line = array("I")
        self._val_col = array("I")
        self._sub = array("i")
        self._keys: list[str | None] = []
        self._aliases: set[int] = set()

    def __len__(self) -> int:
        return len(self._sub)

    def add_container(
        self,
        line: int,
        column: int,
        keys: Sequence[str | None],
        entries: Sequence[int],
    ) -> int:
        """Store one container; ``entries`` holds five ints per key or item. Returns its offset."""
        offset = len(self._sub)
        size = len(keys)
        self._key_line.append(line)
        self._key_col.append(column)
        self._val_line.append(line)
        self._val_col.append(column)
        self._sub.append(size)
        self._keys.append(None)
        self._keys.extend(keys)
        self._key_line.extend(entries[0::5])
        self._key_col.extend(entries[1::5])
        self._val_line.extend(entries[2::5])
        self._val_col.extend(entries[3::5])
        self._sub.extend(entries[4::5])
        return offset

    def add_alias(self, offset: int, line: int, column: int) -> int:
        """A copy of the container at ``offset`` that starts where its alias (``*name``) stands.

        Everything in it is placed at the alias: that is where the record stands.
        """
        size = self._sub[offset]
        block = slice(offset + 1, offset + 1 + size)
        new = len(self._sub)
        for values, first in (
            (self._key_line, line),
            (self._key_col, column),
            (self._val_line, line),
            (self._val_col, column),
            (self._sub, size),
        ):
            values.append(first)
            values.extend(values[block])
        self._keys.append(None)
        self._keys.extend(self._keys[block])
        self._aliases.add(new)
        return new

    def columns(self) -> list[array[int]]:
        """The position arrays, for the cache."""
        return [self._key_line, self._key_col, self._val_line, self._val_col, self._sub]

    def keys(self) -> list[str | None]:
        return list(self._keys)

    def restore(self, columns: list[array[int]], keys: list[str | None]) -> None:
        """Fill an empty map from :meth:`columns` and :meth:`keys` of another."""
        if len(columns) != 5 or any(len(c) != len(keys) for c in columns):
            raise ValueError("a source map needs five position arrays as long as its keys")
        self._key_line, self._key_col, self._val_line, self._val_col, self._sub = columns
        self._keys = list(keys)

    def has_aliases(self) -> bool:
        return bool(self._aliases)

    def size(self, offset: int) -> int:
        """How many keys or items the container at ``offset`` had as written."""
        return self._sub[offset]

    def start(self, offset: int) -> tuple[int, int]:
        """Line and column where the container at ``offset`` starts."""
        return self._key_line[offset], self._key_col[offset]

    def _entry(self, offset: int, part: str | int) -> int | None:
        size = self._sub[offset]
        if isinstance(part, int):
            return offset + 1 + part if 0 <= part < size else None
        keys = self._keys
        for i in range(offset + 1, offset + 1 + size):
            if keys[i] == part:
                return i
        return None

    def child(self, offset: int, part: str | int) -> int | None:
        """Offset of the container stored under ``part`` (a key or an index), if any."""
        entry = self._entry(offset, part)
        if entry is None or self._sub[entry] == NO_CHILD:
            return None
        return self._sub[entry]

    def locate(self, offset: int, path: Sequence[str | int] = (), *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path`` below the container at ``offset``.

        The path is followed as far as it exists; the deepest place reached is returned.
        With ``key=True`` a mapping entry gives the position of its key, else of its value.
        """
        place = self.start(offset)
        if offset in self._aliases:  # a copy made by ``*name`` stands, as a whole, where the alias is
            return place
        for n, part in enumerate(path):
            entry = self._entry(offset, part)
            if entry is None:
                return place
            last = n == len(path) - 1
            if last and key and isinstance(part, str):
                return self._key_line[entry], self._key_col[entry]
            place = (self._val_line[entry], self._val_col[entry])
            sub = self._sub[entry]
            if sub == NO_CHILD:
                if not last:  # the path goes deeper than the file: the key is the best place
                    return self._key_line[entry], self._key_col[entry]
                return place
            offset = sub
        return place


_POSITIONS = frozenset(("_aliases", "_key_col", "_key_line", "_keys", "_sub", "_val_col", "_val_line"))


class DeferredSourceMap(SourceMap):
    """A source map whose positions are fetched when a place is first asked for.

    The cache keeps each file's positions apart from its records: a clean run asks for no
    place, and the positions are half of what is cached. Until then the position slots are
    empty; Python calls ``__getattr__`` only for an empty slot, so once they are filled,
    reading a place costs what it costs in a plain map.
    """

    __slots__ = ("_fetch", "_size")

    def __init__(self, path: str, size: int, fetch: Callable[[], SourceMap | None]) -> None:
        # SourceMap.__init__ is not called: it would fill the positions with empty arrays.
        self.path = path
        self._size = size
        self._fetch = fetch

    def __reduce__(self) -> tuple[object, ...]:
        # A copy or a pickle is a plain map: the fetch reads this run's cache, and is no data.
        return (_plain_map, (self.path, self.columns(), self.keys(), set(self._aliases)))

    def __getattr__(self, name: str) -> object:
        if name not in _POSITIONS:
            raise AttributeError(name)
        found = self._fetch()
        if found is not None and len(found) == self._size:
            self._key_line, self._key_col, self._val_line, self._val_col, self._sub = found.columns()
            self._keys = found._keys
            self._aliases = found._aliases
        else:  # the positions are lost (the file changed since it was read): places are unknown
            self._key_line, self._key_col, self._val_line, self._val_col = (array("I", bytes(4 * self._size)),) * 4
            self._sub = array("i", bytes(4 * self._size))  # every container empty: paths stop at once
            self._keys = [None] * self._size
            self._aliases = set()
        return object.__getattribute__(self, name)


def _plain_map(path: str, columns: list[array[int]], keys: list[str | None], aliases: set[int]) -> SourceMap:
    plain = SourceMap(path)
    plain.restore(columns, keys)
    plain._aliases = aliases
    return plain
