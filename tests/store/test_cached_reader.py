"""The cached reader: parts as an uncached read gives them, the caller's listing and statuses, close, the layout."""

from __future__ import annotations

import collections
import dataclasses
import importlib.util
import io
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from pydantic import BaseModel, create_model

import cascade
from cascade import diagnostics
from cascade.limits import DEFAULT_LIMITS
from cascade.model import records
from cascade.read import file_part, readers, yaml_file
from cascade.read.assemble import read_plan
from cascade.read.file_part import FilePart, Repairs
from cascade.read.readers import Reader
from cascade.read.source_map import DeferredSourceMap, SourceMap
from cascade.store import cached_reader
from cascade.store import file_cache as cache_module
from cascade.store.cached_reader import CACHE_LAYOUT, CachedReader
from cascade.store.file_cache import CACHE_DIR, Status, status_of
from tests.conftest import AS_OF, HEADER

PEOPLE = """\
people:
  - {id: ana, name: Ana, colour: red}
  - {id: ben, name: Ben, manager: ana}
  - {id: cy, name: Cy, manager: ana}
"""

OBJECTIVES = """\
objectives:
  - id: grow
    title: Grow
    owner: ana
    due: 2027-02-31
    with: [ben, {not: an id}, cy]
    measure: {unit: USD, target: -5}
    children:
      - {id: grow-ben, title: Ben grows, owner: ben, dew: 2027-03-01}
      - {id: grow-cy, title: Cy grows, owner: cy}
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A directory plan with faults in two of its files, one of them nested."""
    root = tmp_path / "plan"
    (root / "objectives").mkdir(parents=True)
    (root / "plan.yaml").write_text(HEADER, encoding="utf-8")
    (root / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (root / "objectives" / "grow.yaml").write_text(OBJECTIVES, encoding="utf-8")
    return root


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written a moment ago are recorded with their status (see ``file_cache.RACY_NS``)."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)


@pytest.fixture
def stats(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plan files whose status the cached reader took itself."""
    taken: list[str] = []
    real = cache_module.status_of

    def counting(info: os.stat_result) -> Status:
        taken.append(str(info.st_ino))
        return real(info)

    monkeypatch.setattr(cached_reader, "status_of", counting)
    return taken


def read_all(reader: Reader) -> list[FilePart]:
    """Every part of a directory plan, read by ``reader``, which is closed afterwards."""
    try:
        return [reader.part(where, display, DEFAULT_LIMITS) for where, display in reader.listing()]
    finally:
        reader.close()


def statuses(reader: Reader) -> dict[str, Status | None]:
    return {display: status_of(os.stat(where)) for where, display in reader.listing()}


def outcome(plan: cascade.Plan) -> list[tuple[str, str, int, int, str]]:
    return [(d.code, d.file, d.line, d.column, d.message) for d in cascade.validate(plan, as_of=AS_OF)]


# -- a file read again is not parsed again --------------------------------------------------------


def test_a_file_read_twice_by_one_reader_is_parsed_once(plan: Path, count_parses: list[str]) -> None:
    reader = CachedReader(plan)
    where = str(plan / "people.yaml")
    first = reader.part(where, where, DEFAULT_LIMITS)
    second = reader.part(where, where, DEFAULT_LIMITS)
    reader.close()
    assert count_parses == [where]
    assert second.records == first.records
    assert isinstance(second.file.source, DeferredSourceMap)


@pytest.mark.parametrize("written", ["just now", "a while ago"])
def test_an_unchanged_file_is_not_parsed_by_the_next_reader(
    plan: Path, count_parses: list[str], count_reads: list[str], monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    if written == "a while ago":
        monkeypatch.setattr(cache_module, "RACY_NS", 0)
    read_all(CachedReader(plan))
    assert sorted(map(os.path.basename, count_parses)) == ["grow.yaml", "people.yaml", "plan.yaml"]
    count_parses.clear()
    count_reads.clear()
    read_all(CachedReader(plan))
    assert count_parses == []
    # A file changed this close to the last run is count_reads to know it is unchanged; one that
    # settled is known by its status alone.
    assert sorted(count_reads) == ([] if written == "a while ago" else ["grow.yaml", "people.yaml", "plan.yaml"])


def test_an_edited_file_is_parsed_again_and_only_it(plan: Path, count_parses: list[str], settled: None) -> None:
    read_all(CachedReader(plan))
    people = plan / "people.yaml"
    people.write_text(PEOPLE.replace("Cy, manager", "Cyrus, manager"), encoding="utf-8")
    count_parses.clear()
    parts = read_all(CachedReader(plan))
    assert count_parses == [str(people)]
    [edited] = [p for p in parts if p.file.path == str(people)]
    assert [r.name for r in edited.records if isinstance(r, records.Person)] == ["Ana", "Ben", "Cyrus"]


# -- parts as an uncached read gives them -----------------------------------------------------------


def same_part(cached: FilePart, fresh: FilePart) -> None:
    assert cached.model == fresh.model
    assert cached.records == fresh.records
    assert list(cached.offsets) == list(fresh.offsets)
    assert cached.repairs == fresh.repairs
    assert (cached.root, cached.version, cached.header_dropped) == (fresh.root, fresh.version, fresh.header_dropped)
    assert cached.index == fresh.index
    assert cached.file.path == cached.file.source.path == fresh.file.path
    assert cached.file.findings == fresh.file.findings
    assert cached.file.readable
    assert len(cached.file.source) == len(fresh.file.source)
    source, expected = cached.file.source, fresh.file.source
    assert [source.start(o) for o in cached.offsets] == [expected.start(o) for o in fresh.offsets]
    for offset, record in zip(cached.offsets, cached.records, strict=True):
        for name in ("id", "title", "owner", "due", "with", "children"):
            assert source.locate(offset, (name,), key=True) == expected.locate(offset, (name,), key=True), record


def test_parts_cold_and_warm_are_the_parts_of_an_uncached_read(plan: Path) -> None:
    fresh = read_all(Reader(plan))
    assert {p.file.path: len(p.file.findings) for p in fresh} == {
        str(plan / "objectives" / "grow.yaml"): 4,
        str(plan / "people.yaml"): 1,
        str(plan / "plan.yaml"): 0,
    }
    cold = read_all(CachedReader(plan))
    warm = read_all(CachedReader(plan))
    for cached, expected in zip(cold, fresh, strict=True):
        assert type(cached.file.source) is SourceMap  # the map read, put back once stored
        same_part(cached, expected)
    for cached, expected in zip(warm, fresh, strict=True):
        assert isinstance(cached.file.source, DeferredSourceMap)
        assert cached.places == len(expected.file.source)
        same_part(cached, expected)


def test_a_part_cached_under_one_name_is_given_under_another(plan: Path, count_parses: list[str]) -> None:
    (plan / "zz-people.yaml").write_text(PEOPLE, encoding="utf-8")  # the bytes of people.yaml
    parts = read_all(CachedReader(plan))
    assert str(plan / "zz-people.yaml") not in count_parses
    fresh = {p.file.path: p for p in read_all(Reader(plan))}
    [copy] = [p for p in parts if p.file.path.endswith("zz-people.yaml")]
    same_part(copy, fresh[copy.file.path])
    assert [f.where.file for f in copy.file.findings] == [str(plan / "zz-people.yaml")]
    [first] = [p for p in parts if p.file.path.endswith(f"{os.sep}people.yaml")]
    assert [f.where.file for f in first.file.findings] == [str(plan / "people.yaml")]  # the original keeps its name


@pytest.mark.parametrize("run", ["cold", "warm"])
def test_the_plan_of_a_cached_reader_is_the_plan_of_an_uncached_one(plan: Path, run: str) -> None:
    fresh = read_plan(Reader(plan))
    if run == "warm":
        reader = CachedReader(plan)
        read_plan(reader)
        reader.close()
    reader = CachedReader(plan)
    try:
        cached = read_plan(reader)
    finally:
        reader.close()
    assert cached == fresh
    assert cached.provenance.files == fresh.provenance.files
    assert cached.load_findings == fresh.load_findings
    assert outcome(cached) == outcome(fresh)
    grow = next(n for n in cached.nodes() if n.id == "grow")
    # "cy", kept as item 1, is written as item 2 after the dropped mapping
    assert cached.where(grow, "with", 1) == fresh.where(next(n for n in fresh.nodes() if n.id == "grow"), "with", 1)
    assert cached.where(grow, "with", 1).column == OBJECTIVES.splitlines()[5].index("cy") + 1
    assert cached.was_dropped(grow, "measure.target")


# -- what the caller knows already ----------------------------------------------------------------


def test_a_listing_given_is_joined_to_the_plan_as_given_and_nothing_is_walked(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walked = Reader(plan).listing()

    def no_walk(root: str) -> list[tuple[str, str]]:
        raise AssertionError(f"{root} was walked")

    monkeypatch.setattr(readers, "plan_files", no_walk)
    given = [(str(plan / "people.yaml"), "people.yaml"), (str(plan / "plan.yaml"), "plan.yaml")]
    assert CachedReader(plan, listing=given).listing() == [
        (str(plan / "people.yaml"), os.path.join(str(plan), "people.yaml")),
        (str(plan / "plan.yaml"), os.path.join(str(plan), "plan.yaml")),
    ]
    assert CachedReader(f"{plan}/", listing=given[:1]).listing() == [(str(plan / "people.yaml"), f"{plan}/people.yaml")]
    assert CachedReader(plan, listing=[]).listing() == []  # an empty plan, as the caller found it
    monkeypatch.undo()
    assert CachedReader(plan).listing() == walked


def test_a_given_listing_of_one_file_reads_that_file_only(
    plan: Path, count_parses: list[str], count_reads: list[str]
) -> None:
    reader = CachedReader(plan, listing=[(str(plan / "plan.yaml"), "plan.yaml")])
    try:
        only = read_plan(reader)
    finally:
        reader.close()
    assert count_parses == [os.path.join(str(plan), "plan.yaml")]
    assert count_reads == ["plan.yaml"]
    assert only.provenance.files == (os.path.join(str(plan), "plan.yaml"),)
    assert (only.people, list(only.nodes())) == ([], [])
    assert only.plan.name == "Demo"


def test_statuses_given_are_used_instead_of_taking_them(plan: Path, stats: list[str], count_parses: list[str]) -> None:
    known = statuses(Reader(plan))
    reader = CachedReader(plan, statuses=known)
    try:
        cached = read_plan(reader)
    finally:
        reader.close()
    assert stats == []
    assert len(count_parses) == 3
    assert cached == read_plan(Reader(plan))


def test_a_status_given_serves_the_first_read_of_its_file_only(plan: Path, stats: list[str]) -> None:
    where = str(plan / "people.yaml")
    reader = CachedReader(plan, statuses={where: status_of(os.stat(where)), "other.yaml": None})
    reader.part(where, where, DEFAULT_LIMITS)
    assert stats == []
    reader.part(where, where, DEFAULT_LIMITS)  # a second read, under other caps say: its own status
    assert stats == [str(os.stat(where).st_ino)]
    reader.part(str(plan / "plan.yaml"), str(plan / "plan.yaml"), DEFAULT_LIMITS)  # not given: taken
    assert len(stats) == 2
    reader.close()


def test_the_status_given_is_the_one_recorded_for_the_next_run(
    plan: Path, count_reads: list[str], count_parses: list[str]
) -> None:
    """Recorded as given, not as taken again: a file changed since reads as changed next time."""
    where = str(plan / "people.yaml")
    real = status_of(os.stat(where))
    told: Status = (real[0], real[1], real[2], 1, 1)  # long settled, so it is recorded
    read_all(CachedReader(plan, listing=[(where, "people.yaml")], statuses={where: told}))
    assert count_reads == ["people.yaml"]
    count_reads.clear()
    count_parses.clear()
    read_all(CachedReader(plan, listing=[(where, "people.yaml")], statuses={where: told}))
    assert (count_reads, count_parses) == ([], [])  # known by the status given: neither read nor parsed
    read_all(CachedReader(plan, listing=[(where, "people.yaml")]))
    assert count_reads == ["people.yaml"]  # its own status is not the one recorded: count_reads again
    assert count_parses == []  # and found unchanged


# -- close ------------------------------------------------------------------------------------


def open_in(folder: Path) -> int:
    """How many of this process's descriptors are open on ``folder``."""
    real = os.path.realpath(folder)
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}") == real
        except OSError:
            continue
    return count


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to see open descriptors")
def test_close_lets_go_of_the_cache_and_can_be_called_twice(plan: Path, count_parses: list[str]) -> None:
    cache = plan / CACHE_DIR
    reader = CachedReader(plan)
    reader.close()  # nothing read: nothing made
    assert not cache.exists()
    where = str(plan / "people.yaml")
    reader.part(where, where, DEFAULT_LIMITS)
    assert open_in(cache) == 1
    assert not (cache / "files").exists()  # the files' statuses are recorded on close
    reader.close()
    assert open_in(cache) == 0
    record = (cache / "files").read_bytes()
    reader.close()
    assert (cache / "files").read_bytes() == record
    assert open_in(cache) == 0
    count_parses.clear()
    again = reader.part(where, where, DEFAULT_LIMITS)  # a closed reader opens the cache again
    assert count_parses == []
    assert isinstance(again.file.source, DeferredSourceMap)
    reader.close()
    assert open_in(cache) == 0


def test_close_prunes_what_the_run_did_not_use(plan: Path) -> None:
    read_all(CachedReader(plan))
    cache = plan / CACHE_DIR
    assert len(list(cache.glob("*.bin"))) == 6  # each of the three parts, and its source map
    read_all(CachedReader(plan, listing=[(str(plan / "plan.yaml"), "plan.yaml")]))
    assert len(list(cache.glob("*.bin"))) == 2


# -- the layout entries are keyed on --------------------------------------------------------------


def layout_now() -> str:
    """CACHE_LAYOUT as the module works it out from the classes it imports now."""
    spec = importlib.util.spec_from_file_location("cascade_layout_probe", cached_reader.__file__)
    assert spec is not None
    assert spec.loader is not None
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    layout: str = probe.CACHE_LAYOUT
    return layout


def _repairs() -> type:
    class Repairs(NamedTuple):
        removed: frozenset[str]
        shifts: dict[str, list[int]]

    return Repairs


def _yaml_file() -> type:
    @dataclasses.dataclass
    class YamlFile:
        path: str
        data: object = None
        findings: list[object] = dataclasses.field(default_factory=list)
        source: object = None

    return YamlFile


def _location() -> type:
    @dataclasses.dataclass(frozen=True)
    class Location:
        file: str
        column: int = 0
        line: int = 0

    return Location


def test_the_layout_is_worked_out_again_the_same_from_the_same_classes() -> None:
    assert layout_now() == CACHE_LAYOUT
    assert len(CACHE_LAYOUT) == 16
    int(CACHE_LAYOUT, 16)


@pytest.mark.parametrize(
    ("module", "name", "changed"),
    [
        (file_part, "Repairs", _repairs),
        (yaml_file, "YamlFile", _yaml_file),
        (diagnostics, "Location", _location),
    ],
    ids=["a field renamed", "fields reordered", "the same fields in another order"],
)
def test_the_layout_changes_when_the_fields_of_a_class_change_but_not_their_number(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str, changed: Callable[[], object]
) -> None:
    monkeypatch.setattr(module, name, changed())
    assert layout_now() != CACHE_LAYOUT


def test_the_layout_does_not_depend_on_the_process() -> None:
    """Entries are read by later runs: the layout is the same in every process."""
    script = "from cascade.store.cached_reader import CACHE_LAYOUT; print(CACHE_LAYOUT)"
    src = str(Path(cached_reader.__file__).parents[2])
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": src}
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=True
        )
        assert result.stdout.strip() == CACHE_LAYOUT


EVERYTHING = """\
cascade: 1
plan:
  name: Demo
  start: 2027-01-01
  end: 2027-06-30
  colour: blue
  roster: {file: roster.csv, columns: {id: Employee ID}}
  policy: {quota_coverage: {min: 1.0}}
  checks: {limits: {max_depth: 50}}
people:
  - {id: ana, name: Ana, hat: red}
teams:
  - {id: ana, name: Ana's team}
objectives:
  - {id: n, title: N, measure: {target: 5}, change: {from: a, to: b}}
moments:
  - {id: m, name: M}
blockers:
  - {id: b, title: B}
"""
"""A file that holds every kind of record and part of one, a repair and a duplicate id."""

PICKLED = [
    ("cascade.diagnostics", "Finding"),
    ("cascade.diagnostics", "Location"),
    ("cascade.model.index", "Duplicate"),
    ("cascade.model.index", "PlanIndex"),
    *(("cascade.model.records", cls.__name__) for cls in records.LAYOUT_CLASSES),
    ("cascade.model.records", "PlanFile"),
    ("cascade.read.file_part", "FilePart"),
    ("cascade.read.file_part", "Repairs"),
    ("cascade.read.source_map", "SourceMap"),
    ("cascade.read.yaml_file", "YamlFile"),
]
"""Every class of cascade that a cached part holds."""


def classes_pickled(value: object) -> set[tuple[str, str]]:
    """The (module, name) of every class of cascade that a pickle of ``value`` names."""
    named: set[tuple[str, str]] = set()

    class Listing(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> type:
            named.add((module, name))
            found: type = super().find_class(module, name)
            return found

    Listing(io.BytesIO(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))).load()
    return {(module, name) for module, name in named if module.startswith("cascade.")}


def test_a_cached_part_holds_these_classes(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(EVERYTHING, encoding="utf-8")
    reader = CachedReader(tmp_path / "plan.yaml")
    where = str(tmp_path / "plan.yaml")
    reader.part(where, where, DEFAULT_LIMITS)
    reader.close()
    [entry] = [p for p in (tmp_path / CACHE_DIR).glob("*.bin") if not p.name.endswith("-places.bin")]
    key = entry.name.removesuffix(".bin")
    stored = cache_module.FileCache(tmp_path, layout=CACHE_LAYOUT).get(key)
    assert isinstance(stored, FilePart)
    assert stored.index is not None
    assert [d.id for d in stored.index.duplicates] == ["ana"]
    assert stored.header_dropped == frozenset({"colour"})
    assert stored.repairs == {0: Repairs(frozenset({"hat"}), {})}
    assert classes_pickled(stored) == set(PICKLED)
    places = cache_module.FileCache(tmp_path, layout=CACHE_LAYOUT).get(f"{key}-places")
    assert classes_pickled(places) == {("cascade.read.source_map", "SourceMap")}


def one_more_field(cls: type) -> type:
    """A class of the same name as ``cls`` with a field more."""
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return create_model(cls.__name__, __base__=cls, probe_extra=(int, 0))
    if dataclasses.is_dataclass(cls):
        frozen = cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        return dataclasses.make_dataclass(
            cls.__name__, [("probe_extra", int, dataclasses.field(default=0))], bases=(cls,), frozen=frozen
        )
    fields = getattr(cls, "_fields", None)
    if fields is not None:
        made: type = collections.namedtuple(cls.__name__, [*fields, "probe_extra"])  # type: ignore[misc]
        return made
    return type(cls.__name__, (cls,), {"__slots__": ("probe_extra",)})


@pytest.mark.parametrize(
    "held",
    PICKLED,
    ids=[name for _, name in PICKLED],
)
def test_the_layout_changes_when_a_class_a_part_holds_gains_a_field(
    monkeypatch: pytest.MonkeyPatch, held: tuple[str, str]
) -> None:
    module, name = held
    cls = getattr(sys.modules[module], name)
    changed = one_more_field(cls)
    monkeypatch.setattr(sys.modules[module], name, changed)
    if cls in records.LAYOUT_CLASSES:
        monkeypatch.setattr(
            records, "LAYOUT_CLASSES", tuple(changed if c is cls else c for c in records.LAYOUT_CLASSES)
        )
    assert layout_now() != CACHE_LAYOUT
