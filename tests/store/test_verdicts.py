"""The kept verdict: replayed only while the question and every file it depends on are
unchanged, and exactly the report a fresh run gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cascade
from cascade.plan_check import Checked, check
from cascade.read import plan_files as planfiles
from cascade.read import readers as reading
from cascade.store import file_cache as cache_module
from cascade.store import verdicts
from cascade.store.file_cache import CACHE_DIR, CacheWarning, FileCache
from tests.read.test_assemble import ROSTER_PLAN
from tests.test_bench_generate import AS_OF, faulty, write


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled: no "racy" margin (see cascade.store.file_cache)."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)


def fresh(path: Path, **options: object) -> list[cascade.Diagnostic]:
    """The report of a run without any cache."""
    return check(path, cache=False, **{"as_of": AS_OF, **options}).report.diagnostics  # type: ignore[arg-type]


def cached(path: Path, **options: object) -> Checked:
    return check(path, cache=True, **{"as_of": AS_OF, **options})  # type: ignore[arg-type]


def verdict_files(plan: Path) -> list[Path]:
    return sorted(((plan if plan.is_dir() else plan.parent) / CACHE_DIR).glob("*.verdict"))


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("layout", ["file", "dir"])
def test_an_unchanged_plan_replays_the_report_of_a_fresh_run(
    tmp_path: Path, layout: str, count_parses: list[str]
) -> None:
    plan = faulty(tmp_path, layout)
    expected = fresh(plan)
    assert {"CAS003", "CAS004", "CAS005"} <= {d.code for d in expected}
    first = cached(plan)
    assert not first.replayed
    assert first.plan is not None
    assert first.report.diagnostics == expected
    assert len(verdict_files(plan)) == 1
    count_parses.clear()
    second = cached(plan)
    assert second.replayed
    assert second.plan is None
    assert second.report.diagnostics == expected
    assert count_parses == []


@pytest.mark.usefixtures("settled")
def test_an_edited_file_is_judged_again(tmp_path: Path) -> None:
    plan = write(tmp_path, "dir", people=40)
    assert cached(plan).report.diagnostics == []
    team = sorted((plan / "objectives").glob("*.yaml"))[0]
    team.write_text(team.read_text(encoding="utf-8").replace("    owner: ", "    owner: nobody-", 1), encoding="utf-8")
    again = cached(plan)
    assert not again.replayed
    assert again.report.diagnostics == fresh(plan)
    assert "CAS006" in again.report.codes()


@pytest.mark.usefixtures("settled")
def test_an_added_or_removed_file_is_judged_again(tmp_path: Path) -> None:
    plan = write(tmp_path, "dir", people=40)
    cached(plan)
    extra = plan / "objectives" / "zz-extra.yaml"
    extra.write_text("objectives: []\n", encoding="utf-8")
    assert not cached(plan).replayed
    assert cached(plan).replayed
    extra.unlink()
    assert not cached(plan).replayed


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize(
    "options",
    [
        {"select": ["CAS2"]},
        {"ignore": ["CAS304"]},
        {"as_of": dt.date(2027, 12, 31)},
        {"limits": {"max_depth": 50}},
    ],
    ids=["select", "ignore", "as_of", "limits"],
)
def test_another_question_is_judged_again(tmp_path: Path, options: dict[str, object]) -> None:
    plan = faulty(tmp_path, "file")
    cached(plan)
    other = cached(plan, **options)
    assert not other.replayed
    assert other.report.diagnostics == fresh(plan, **options)
    assert cached(plan, **options).replayed


@pytest.mark.usefixtures("settled")
def test_the_roster_is_an_input_even_before_it_exists(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(ROSTER_PLAN, encoding="utf-8")
    missing = cached(plan)
    assert "CAS001" in missing.report.codes()
    assert cached(plan).replayed
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,manager\nmarco,Marco,dana\n", encoding="utf-8")
    found = cached(plan)
    assert not found.replayed
    assert "CAS001" not in found.report.codes()
    assert found.report.diagnostics == fresh(plan)
    assert cached(plan).replayed
    roster.write_text("id,name,manager\nmarco,Marco,zz\n", encoding="utf-8")
    changed = cached(plan)
    assert not changed.replayed
    assert "CAS006" in changed.report.codes()
    assert changed.report.diagnostics == fresh(plan)


def test_files_changed_just_before_the_run_keep_no_verdict(tmp_path: Path) -> None:
    """The test wrote the plan a moment ago: its status cannot vouch for its content yet."""
    plan = faulty(tmp_path, "file")
    assert not cached(plan).replayed
    assert verdict_files(plan) == []
    assert not cached(plan).replayed


@pytest.mark.usefixtures("settled")
def test_a_verdict_not_signed_with_our_key_is_not_replayed(tmp_path: Path) -> None:
    plan = faulty(tmp_path, "file")
    expected = cached(plan).report.diagnostics
    [kept] = verdict_files(plan)
    question = verdicts.Question(str(plan), None, frozenset(), AS_OF, None)
    # a stranger's cache (another key) does not even take our folder for its own
    stranger = FileCache(plan.parent, secret=b"s" * 32)
    with pytest.warns(CacheWarning):
        assert stranger.read_data(kept.name) is None
    # their verdict that the plan is clean, made elsewhere and copied over ours
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    theirs = FileCache(elsewhere, secret=b"s" * 32)
    verdicts.Verdicts(question, theirs).record(cascade.Report(), [str(plan)], started_ns=2**62)
    kept.write_bytes((elsewhere / CACHE_DIR / kept.name).read_bytes())
    assert cached(plan).report.diagnostics == expected
    kept.write_bytes(b"\0" * 32 + kept.read_bytes()[32:])  # a damaged signature
    assert not cached(plan).replayed


@pytest.mark.usefixtures("settled")
def test_new_code_judges_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing a module of cascade (or upgrading it) changes the question's key."""
    plan = faulty(tmp_path, "file")
    cached(plan)
    stamp = verdicts.code_stamp()
    monkeypatch.setattr(verdicts, "code_stamp", lambda: (*stamp, "edited"))
    assert not cached(plan).replayed


def test_the_code_stamp_follows_the_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site" / "cascade"
    (package / "rules").mkdir(parents=True)
    (package / "rules" / "dates.py").write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(verdicts, "__file__", str(package / "store" / "verdicts.py"))
    before = verdicts.code_stamp()
    (package / "rules" / "dates.py").write_text("A = 22\n", encoding="utf-8")
    assert verdicts.code_stamp() != before


@pytest.mark.usefixtures("settled")
def test_the_question_names_the_plan_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report names files as the path was given: another spelling is another question."""
    plan = faulty(tmp_path, "file")
    monkeypatch.chdir(plan.parent)
    cached(Path("plan.yaml"))
    assert cached(Path("plan.yaml")).replayed
    other = cached(Path(".") / ".." / plan.parent.name / "plan.yaml")
    assert not other.replayed
    assert all(d.file.startswith("..") for d in other.report.diagnostics)


def test_a_replay_imports_neither_the_models_nor_the_rules_nor_rich(tmp_path: Path) -> None:
    """What makes a repeat run start fast: a fresh interpreter replays from plain data."""
    plan = faulty(tmp_path, "file")
    first = (
        "import cascade.store.file_cache as c; c.RACY_NS = 0\n"
        "from cascade.cli import main\n"
        f"main(['validate', {str(plan)!r}, '--as-of', '{AS_OF}'])\n"
    )
    second = (
        "import json, sys\n"
        "from cascade.cli import main\n"
        f"status = main(['validate', {str(plan)!r}, '--as-of', '{AS_OF}', '--format', 'json'])\n"
        "heavy = ['pydantic', 'yaml', 'networkx', 'jinja2', 'rich', 'cascade.model.records', 'cascade.rules']\n"
        "print(json.dumps([status, [m for m in heavy if m in sys.modules]]), file=sys.stderr)\n"
    )
    env = {**os.environ, "NO_COLOR": "1"}
    subprocess.run([sys.executable, "-c", first], check=True, capture_output=True, env=env)
    done = subprocess.run([sys.executable, "-c", second], check=False, capture_output=True, text=True, env=env)
    status, heavy = json.loads(done.stderr.strip().splitlines()[-1])
    assert status == 1
    assert heavy == []
    assert [d["code"] for d in json.loads(done.stdout)["diagnostics"]] == [d.code for d in fresh(plan)]


@pytest.mark.usefixtures("settled")
def test_record_refuses_files_changed_after_reading_began(tmp_path: Path) -> None:
    plan = faulty(tmp_path, "file")
    question = verdicts.Question(str(plan), None, frozenset(), AS_OF, None)
    kept = verdicts.Verdicts(question)
    written = plan.stat().st_ctime_ns
    assert not kept.record(cascade.Report(), [str(plan)], started_ns=written)
    assert kept.record(cascade.Report(), [str(plan)], started_ns=written + 1)
    assert dataclasses.replace(question, path=str(plan)).key() == kept.key


@pytest.mark.usefixtures("settled")
def test_a_file_added_while_the_plan_is_read_is_judged_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The verdict names the files read, not the files found once reading is over."""
    plan = write(tmp_path, "dir", people=40)
    late = plan / "objectives" / "zz-late.yaml"
    listing = planfiles.plan_files

    def listing_then_a_new_file(root: str) -> list[tuple[str, str]]:
        found = listing(root)
        late.write_text("objectives:\n  - {id: late, title: Late, owner: ghost, due: 2027-03-31}\n", encoding="utf-8")
        return found

    monkeypatch.setattr(reading, "plan_files", listing_then_a_new_file)
    first = cached(plan)
    assert "CAS006" not in first.report.codes()
    monkeypatch.setattr(reading, "plan_files", listing)
    second = cached(plan)
    assert not second.replayed
    assert "CAS006" in second.report.codes()
