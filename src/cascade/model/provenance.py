"""Where a plan came from: its files, where each record is written, what reading repaired,
and what it found. One immutable value, made by the reader and handed to the plan.

A plan built in Python has an empty provenance: its records are written nowhere, and its
findings are the rules'. A plan read from files carries the reader's: ``plan.where(record)``
then names the file, line and column of the record, or of a field below it.

Records are found by what they are, not by where they sit in memory: by their id, then
among the few records sharing it, by identity. A copy or a pickle of a plan copies its
records and its provenance together (``copy.deepcopy`` and ``pickle`` keep shared objects
shared), so a copy places its records as the original does, with nothing special done;
a record a script puts in afterwards is written nowhere and has no place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar, Union

from cascade.diagnostics import UNKNOWN, Finding, Location
from cascade.model.records import Header

if TYPE_CHECKING:
    from cascade.model.index import PlanIndex, Record

Placeable = Union["Record", Header]


class Source(Protocol):
    """A file the plan was read from, able to place a path below one of its records."""

    path: str

    def locate(self, offset: int, path: Sequence[str | int] = (), *, key: bool = False) -> tuple[int, int]: ...


class Place(NamedTuple):
    """Where a record stands: which source, and its offset there (a tuple: there is one per record)."""

    source: int
    offset: int


@dataclass(frozen=True)
class Written:
    """Records read from one source, in the order written, each with its offset there
    (-1: the record is not written as a mapping, so it has no place of its own)."""

    source: int
    records: Sequence[Placeable]
    offsets: Sequence[int]


@dataclass(frozen=True)
class Repair:
    """What reading removed from one record, so that it could be kept: the rules then do
    not report those keys again."""

    record: Placeable
    dropped: frozenset[str] = frozenset()
    """Keys that were invalid and removed (``"measure.target"`` for a nested one)."""
    kept: Mapping[str, Sequence[int]] = field(default_factory=dict)
    """List field -> the index as written of each item kept, when bad items were removed."""


@dataclass(frozen=True, eq=False)
class Provenance:
    """Where a plan came from (see the module's docstring)."""

    files: tuple[str, ...] = ()
    """The files read, named as when read: the YAML files in reading order, then the roster."""
    sources: tuple[Source, ...] = ()
    """The sources records are written in (the YAML files' source maps, then the roster's)."""
    written: tuple[Written, ...] = ()
    """Every record read, source by source."""
    repairs: tuple[Repair, ...] = ()
    """The records reading repaired (few: only records with faults)."""
    findings: tuple[Finding, ...] = ()
    """Faults found while reading (CAS001 to CAS004, CAS007, CAS008)."""
    file_indexes: tuple[PlanIndex, ...] | None = None
    """Each file's index of its records, when the plan's index may be a merge of them (a
    hint for speed: the plan checks that they still describe its records before use)."""
    header: Place | None = None
    """The top mapping of the file holding the plan's header (the header is its ``plan``
    entry): kept apart from the records, so that placing it reads no source map early."""

    def locate(self, place: Place, path: Sequence[str | int] = (), *, key: bool = False) -> Location:
        """The file, line and column of a place, or of a path below the record there."""
        source = self.sources[place.source]
        line, column = source.locate(place.offset, path, key=key)
        return Location(source.path, line, column)


class PlaceTable:
    """The places of a provenance's records, looked up by record: built on the first question
    (a clean plan never asks where a record is), and held by the plan as derived data."""

    def __init__(self, provenance: Provenance) -> None:
        self._places = _by_record((w.records, [Place(w.source, o) for o in w.offsets]) for w in provenance.written)
        self._repairs = _by_record([(tuple(r.record for r in provenance.repairs), provenance.repairs)])

    def place_of(self, record: Placeable) -> Place | None:
        place = _find(self._places, record)
        return None if place is None or place.offset < 0 else place

    def repair_of(self, record: Placeable) -> Repair | None:
        return _find(self._repairs, record) if self._repairs else None


T = TypeVar("T")
Table = dict[str | None, list[tuple[Placeable, T]]]


def _by_record(groups: Iterable[tuple[Sequence[Placeable], Iterable[T]]]) -> Table[T]:
    """Records by id (None for the header), each with its value; records sharing an id are
    told apart by identity."""
    table: Table[T] = {}
    for records, values in groups:
        for record, value in zip(records, values, strict=True):
            key = getattr(record, "id", None)
            entries = table.get(key)
            if entries is None:
                table[key] = [(record, value)]
            else:
                entries.append((record, value))
    return table


def _find(table: Table[T], record: Placeable) -> T | None:
    for each, value in table.get(getattr(record, "id", None), ()):
        if each is record:
            return value
    return None


NO_PROVENANCE = Provenance()
"""The provenance of a plan built in Python or read from text: written nowhere."""

__all__ = [
    "NO_PROVENANCE",
    "UNKNOWN",
    "Place",
    "PlaceTable",
    "Placeable",
    "Provenance",
    "Record",
    "Repair",
    "Source",
    "Written",
]
