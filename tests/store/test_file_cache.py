"""``.cascade_cache/``: checked files are reused while their bytes are unchanged, the
diagnostics stay exactly those of a cold run, and only entries we signed are ever read."""

from __future__ import annotations

import copy
import os
import pickle
import shutil
import stat
from pathlib import Path

import pytest

import cascade
from cascade.cli import main
from cascade.limits import DEFAULT_LIMITS
from cascade.read.source_map import DeferredSourceMap
from cascade.store import cached_reader as reading
from cascade.store import file_cache as cache_module
from cascade.store.file_cache import CACHE_DIR, CacheWarning, FileCache, machine_secret, secret_path
from tests.test_bench_generate import AS_OF, faulty, write

SECRET = b"k" * 32


def diagnostics(plan: Path, *, cache: bool) -> list[tuple[str, str, int, int, str]]:
    try:
        found = cascade.validate(cascade.load(plan, cache=cache), as_of=AS_OF).diagnostics
    except cascade.PlanError as exc:
        found = exc.diagnostics
    return [(d.code, d.file, d.line, d.column, d.message) for d in found]


def entries(plan: Path, kind: str = "parts") -> list[Path]:
    """The cache's entries: the files' checked parts, or their source maps ("places")."""
    folder = (plan if plan.is_dir() else plan.parent) / CACHE_DIR
    return sorted(p for p in folder.glob("*.bin") if p.name.endswith("-places.bin") == (kind == "places"))


@pytest.mark.parametrize("layout", ["file", "dir"])
def test_a_faulty_plan_gives_the_same_diagnostics_cold_and_from_the_cache(tmp_path: Path, layout: str) -> None:
    """Dropped keys, dropped list items and placeholders are placed the same way from the cache."""
    plan = faulty(tmp_path, layout)
    cold = diagnostics(plan, cache=False)
    assert {"CAS003", "CAS004", "CAS005"} <= {code for code, *_ in cold}
    assert diagnostics(plan, cache=True) == cold  # writes the cache
    assert entries(plan)
    assert diagnostics(plan, cache=True) == cold  # reads it


REPAIRED = """\
cascade: 1
plan: {name: Demo, start: 2027-01-01, end: 2027-06-30, colour: blue}
people:
  - {id: ana, name: Ana}
objectives:
  - id: arr
    title: Close new ARR
    owner: ana
    children:
      - id: ana-arr
        title: Close $100k
        owner: ana
        due: 2027-02-31
        with: [ana, {not: an id}, nobody]
        measure: {metric: ARR, unit: USD, target: -5}
"""


def test_repairs_are_remembered_in_the_cache(tmp_path: Path) -> None:
    """A dropped date is not reported again as missing, and list items after a dropped one
    are placed where they are written, from the cache as in a cold run."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(REPAIRED, encoding="utf-8")
    cold = diagnostics(plan, cache=False)
    assert [(line, column, code) for code, _, line, column, _ in cold] == [
        (2, 56, "CAS003"),
        (6, 5, "CAS102"),
        (13, 14, "CAS004"),
        (14, 21, "CAS004"),
        (14, 35, "CAS006"),
        (15, 51, "CAS004"),
    ]
    assert diagnostics(plan, cache=True) == cold
    assert entries(plan)
    assert diagnostics(plan, cache=True) == cold


def test_a_cached_plan_equals_the_plan_read_afresh(tmp_path: Path, count_parses: list[str]) -> None:
    plan = write(tmp_path, "dir", people=60)
    fresh = cascade.load(plan)
    cascade.load(plan, cache=True)
    count_parses.clear()
    again = cascade.load(plan, cache=True)
    assert count_parses == []
    assert again == fresh
    node = next(again.nodes())
    assert again.where(node, "title") == fresh.where(next(fresh.nodes()), "title")


def test_only_the_changed_file_is_read_again(tmp_path: Path, count_parses: list[str]) -> None:
    plan = write(tmp_path, "dir", people=60)
    cascade.load(plan, cache=True)
    team = sorted((plan / "objectives").iterdir())[1]
    team.write_text(team.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    count_parses.clear()
    after = cascade.load(plan, cache=True)
    assert count_parses == [os.path.join(str(plan), "objectives", team.name)]
    assert any(n.title.startswith("Edited ") for n in after.nodes())
    assert diagnostics(plan, cache=True) == diagnostics(plan, cache=False)


def test_the_same_content_under_two_names_is_reported_under_each(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        "cascade: 1\nplan: {name: Demo, start: 2027-01-01, end: 2027-06-30}\n", encoding="utf-8"
    )
    same = "people:\n  - {id: ana, name: Ana, colour: red}\n"
    (tmp_path / "a.yaml").write_text(same, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(same.replace("ana", "ben"), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(same, encoding="utf-8")  # one entry serves a.yaml and c.yaml
    cold = diagnostics(tmp_path, cache=False)
    assert [(Path(f).name, code) for code, f, *_ in cold if code == "CAS003"] == [
        ("a.yaml", "CAS003"),
        ("b.yaml", "CAS003"),
        ("c.yaml", "CAS003"),
    ]
    assert diagnostics(tmp_path, cache=True) == cold
    assert diagnostics(tmp_path, cache=True) == cold


def test_unused_entries_are_pruned(tmp_path: Path) -> None:
    plan = write(tmp_path, "dir", people=30)
    cascade.load(plan, cache=True)
    before = entries(plan)
    people = plan / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    cascade.load(plan, cache=True)
    after = entries(plan)
    assert len(after) == len(before)
    assert len(set(after) - set(before)) == 1
    assert len(entries(plan, "places")) == len(after)  # each part's source map, kept beside it


def test_the_folder_says_it_is_a_cache(tmp_path: Path) -> None:
    plan = write(tmp_path, "file", people=10)
    cascade.load(plan, cache=True)
    folder = plan.parent / CACHE_DIR
    assert (
        (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_a_damaged_entry_is_ignored(tmp_path: Path, count_parses: list[str]) -> None:
    plan = write(tmp_path, "file", people=20)
    cold = diagnostics(plan, cache=True)
    (entry,) = entries(plan)
    blob = bytearray(entry.read_bytes())
    blob[-10] ^= 0xFF
    entry.write_bytes(bytes(blob))
    count_parses.clear()
    assert diagnostics(plan, cache=True) == cold
    assert count_parses == [str(plan)]


RAN: list[str] = []


def _run_planted(text: str) -> None:
    RAN.append(text)


class _Planted:
    """What an attacker's entry would run when unpickled."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (_run_planted, ("code ran",))


def test_an_entry_we_did_not_sign_is_never_unpickled(tmp_path: Path, count_parses: list[str]) -> None:
    """A cache folder committed to a repository (or made on another machine) is not trusted."""
    plan = write(tmp_path, "file", people=20)
    cold = diagnostics(plan, cache=False)
    store = FileCache(plan.parent, secret=b"another machine's key.........!!", layout=reading.CACHE_LAYOUT)
    key = store.key(plan.read_bytes(), DEFAULT_LIMITS)
    store.put(key, _Planted())  # properly signed, but with another key, in a folder marked with it
    assert (plan.parent / CACHE_DIR / f"{key}.bin").exists()
    count_parses.clear()
    with pytest.warns(CacheWarning, match="cascade did not make it here"):
        assert diagnostics(plan, cache=True) == cold
    assert RAN == []
    assert count_parses == [str(plan)]
    assert (plan.parent / CACHE_DIR / f"{key}.bin").exists()  # someone else's folder: not pruned either
    # In a folder of our own, an entry put there by hand is not unpickled either.
    shutil.rmtree(plan.parent / CACHE_DIR)
    assert diagnostics(plan, cache=True) == cold
    forged = plan.parent / CACHE_DIR / f"{key}.bin"
    forged.write_bytes(b"\0" * 32 + pickle.dumps(_Planted()))
    count_parses.clear()
    assert diagnostics(plan, cache=True) == cold
    assert RAN == []
    assert count_parses == [str(plan)]


def test_an_entry_cannot_be_moved_to_another_files_key(tmp_path: Path) -> None:
    store = FileCache(tmp_path, secret=SECRET)
    store.put("a" * 40, ("for", "a"))
    (tmp_path / CACHE_DIR / ("a" * 40 + ".bin")).rename(tmp_path / CACHE_DIR / ("b" * 40 + ".bin"))
    assert store.get("b" * 40) is None
    assert FileCache(tmp_path, secret=SECRET).get("a" * 40) is None


def test_values_round_trip_under_the_same_key(tmp_path: Path) -> None:
    store = FileCache(tmp_path, secret=SECRET)
    store.put("c" * 40, {"x": [1, 2]})
    assert FileCache(tmp_path, secret=SECRET).get("c" * 40) == {"x": [1, 2]}
    with pytest.warns(CacheWarning):  # a folder made with another key is not ours
        assert FileCache(tmp_path, secret=b"z" * 32).get("c" * 40) is None


def test_the_key_is_made_once_readable_by_its_owner_only() -> None:
    first = machine_secret()
    assert first is not None
    assert len(first) == 32
    assert machine_secret() == first
    assert stat.S_IMODE(secret_path().stat().st_mode) == 0o600


def test_without_a_place_for_the_key_nothing_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert cache_module.machine_secret() is None
    plan = write(tmp_path, "file", people=10)
    assert diagnostics(plan, cache=True) == diagnostics(plan, cache=False)
    assert entries(plan) == []


def test_the_command_line_caches_unless_told_not_to(tmp_path: Path) -> None:
    plan = write(tmp_path, "dir", people=20)
    args = ["validate", "--as-of", AS_OF.isoformat(), "--format", "json", str(plan)]
    assert main([*args, "--no-cache"]) == 0
    assert entries(plan) == []
    assert main(args) == 0
    assert entries(plan)


# -- finding a file's entry from its status, without reading it --------------------------------


def test_files_whose_status_is_unchanged_are_not_read(
    tmp_path: Path, count_reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # the files were written just now
    plan = write(tmp_path, "dir", people=40)
    cold = diagnostics(plan, cache=False)
    assert diagnostics(plan, cache=True) == cold
    count_reads.clear()
    assert diagnostics(plan, cache=True) == cold
    assert count_reads == []


def test_a_file_rewritten_with_the_same_size_and_times_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change time moves on every write and cannot be set back."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    plan = tmp_path / "plan.yaml"
    plan.write_text(REPAIRED, encoding="utf-8")
    before = plan.stat()
    assert diagnostics(plan, cache=True) == diagnostics(plan, cache=True)
    plan.write_text(REPAIRED.replace("colour: blue", "colour: rose"), encoding="utf-8")  # same size
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = plan.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    found = diagnostics(plan, cache=True)
    assert found == diagnostics(plan, cache=False)
    assert "rose" not in str(found)  # still the header's unknown field, now read from the new bytes
    assert found[0][2:4] == (2, 56)


def test_files_changed_just_before_a_run_ends_are_hashed_again(tmp_path: Path, count_reads: list[str]) -> None:
    plan = write(tmp_path, "dir", people=20)  # every file written a moment ago: "racily clean"
    diagnostics(plan, cache=True)
    count_reads.clear()
    diagnostics(plan, cache=True)
    assert len(count_reads) == len(list(plan.rglob("*.yaml")))


def test_a_status_record_we_did_not_sign_is_ignored(
    tmp_path: Path, count_reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    plan = write(tmp_path, "dir", people=20)
    cold = diagnostics(plan, cache=False)
    diagnostics(plan, cache=True)
    status = plan / CACHE_DIR / "files"
    assert status.exists()
    status.write_bytes(b"\0" * 32 + status.read_bytes()[32:])
    count_reads.clear()
    assert diagnostics(plan, cache=True) == cold
    assert len(count_reads) == len(list(plan.rglob("*.yaml")))


def test_files_too_big_to_be_worth_caching_are_read_each_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = write(tmp_path, "file", people=30)
    monkeypatch.setattr(reading, "LARGEST_CACHED", plan.stat().st_size - 1)
    cold = diagnostics(plan, cache=False)
    assert diagnostics(plan, cache=True) == cold
    assert diagnostics(plan, cache=True) == cold
    assert entries(plan) == []


def test_a_status_record_of_another_cache_layout_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count_reads: list[str]
) -> None:
    """After an upgrade, a recorded key would name an entry of the old shape: it is not used."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    plan = write(tmp_path, "dir", people=20)
    cold = diagnostics(plan, cache=False)
    diagnostics(plan, cache=True)
    monkeypatch.setattr(reading, "CACHE_LAYOUT", "another shape")
    count_reads.clear()
    assert diagnostics(plan, cache=True) == cold
    assert len(count_reads) == len(list(plan.rglob("*.yaml")))


@pytest.mark.parametrize("layout", ["file", "dir"])
def test_places_come_from_their_own_entry_only_when_asked(tmp_path: Path, layout: str) -> None:
    """A clean run reads no source map; a faulty one reads those of the files with faults."""
    plan = faulty(tmp_path, layout)
    cold = diagnostics(plan, cache=True)
    warm = cascade.load(plan, cache=True)
    deferred = [s for s in warm.provenance.sources if isinstance(s, DeferredSourceMap)]
    assert deferred
    assert not any(_filled(s) for s in deferred)
    assert [(d.code, d.file, d.line, d.column, d.message) for d in cascade.validate(warm, as_of=AS_OF)] == cold
    assert any(_filled(s) for s in deferred)


def _filled(source: DeferredSourceMap) -> bool:
    try:
        object.__getattribute__(source, "_sub")
    except AttributeError:
        return False
    return True


@pytest.mark.parametrize("damage", ["missing", "changed"])
def test_places_are_found_again_or_left_unknown_when_their_entry_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """A lost source map is read again from the file while it holds the content checked;
    after an edit in the middle of a run, the places are unknown (line 0) rather than wrong."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    plan = faulty(tmp_path, "file")
    cold = diagnostics(plan, cache=True)
    for entry in entries(plan, "places"):
        entry.unlink()
    warm = cascade.load(plan, cache=True)
    if damage == "changed":
        plan.write_text(plan.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    found = [(d.code, d.file, d.line, d.column, d.message) for d in cascade.validate(warm, as_of=AS_OF)]
    if damage == "missing":
        assert found == cold
        return
    assert sorted((c, f) for c, f, *_ in found) == sorted((c, f) for c, f, *_ in cold)  # messages may quote places
    assert any(d[2:4] == (0, 0) for d in found)  # the rules' places, asked after the edit
    assert all(d in cold or d[2:4] == (0, 0) for d in found)  # never a wrong line


def test_a_plan_read_from_the_cache_can_be_copied_and_pickled(tmp_path: Path) -> None:
    """Its source maps, still in the cache, become plain maps in the copy, which then
    places everything as a copy of the plan read afresh does."""
    plan = faulty(tmp_path, "dir")
    cold = cascade.load(plan, cache=True)
    warm = cascade.load(plan, cache=True)
    assert any(isinstance(s, DeferredSourceMap) for s in warm.provenance.sources)
    for copied in (copy.deepcopy, _pickled):
        twin = copied(warm)
        assert twin == warm
        assert not any(isinstance(s, DeferredSourceMap) for s in twin.provenance.sources)
        found = [(d.code, d.file, d.line, d.column) for d in cascade.validate(twin, as_of=AS_OF)]
        assert found == [(d.code, d.file, d.line, d.column) for d in cascade.validate(copied(cold), as_of=AS_OF)]


def _pickled(plan: cascade.Plan) -> cascade.Plan:
    twin: cascade.Plan = pickle.loads(pickle.dumps(plan))
    return twin
