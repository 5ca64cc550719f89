"""cascade.check (cascade.plan_check): read and validate in one call, a report for any plan, the kept verdict."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import cascade
from cascade.limits import Limits
from cascade.plan_check import Checked, check
from cascade.store import file_cache as cache_module
from cascade.store.file_cache import CACHE_DIR
from tests.conftest import AS_OF, HEADER, WritePlan

FAULTY = (
    HEADER
    + "people:\n  - {id: a, name: A, manager: zz}\nobjectives:\n  - {id: n, title: N, owner: a, due: 2026-12-01}\n"
)
"""An unknown manager (CAS006), a node never cascaded and vague (CAS102, CAS404), due outside
the period (CAS303) and, as of AS_OF, overdue (CAS304)."""

DEEP = HEADER + (
    "people: [{id: a, name: A}]\n"
    "objectives:\n"
    "  - id: x\n"
    "    title: X\n"
    "    children:\n"
    "      - id: y\n"
    "        title: Y\n"
    "        children: [{id: z, title: Z}]\n"
)
"""Nested four levels deep: the node ``y`` on line 8 is past a depth cap of 3."""


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled: no "racy" margin (see cascade.store.file_cache)."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)


def cached(path: Path, **options: object) -> Checked:
    return check(path, cache=True, **{"as_of": AS_OF, **options})  # type: ignore[arg-type]


def verdict_files(plan: Path) -> list[Path]:
    return sorted(((plan if plan.is_dir() else plan.parent) / CACHE_DIR).glob("*.verdict"))


def test_check_is_load_then_validate(write_plan: WritePlan) -> None:
    path = write_plan(FAULTY)
    checked = check(path, as_of=AS_OF)
    assert [(d.code, d.line, d.column) for d in checked.report] == [
        ("CAS006", 4, 31),
        ("CAS102", 6, 5),
        ("CAS404", 6, 5),
        ("CAS303", 6, 38),
        ("CAS304", 6, 38),
    ]
    assert checked.report.diagnostics == cascade.validate(cascade.load(path), as_of=AS_OF).diagnostics
    assert checked.plan == cascade.load(path)
    assert not checked.replayed


def test_select_ignore_and_as_of_are_those_of_validate(write_plan: WritePlan) -> None:
    path = write_plan(FAULTY)
    checked = check(path, select=["cas0", "CAS3"], ignore=["cas006"], as_of=dt.date(2026, 11, 1))
    assert checked.report.codes() == ["CAS303"]  # not yet overdue on 1 November
    plan = cascade.load(path)
    expected = cascade.validate(plan, select=["CAS0", "CAS3"], ignore=["CAS006"], as_of=dt.date(2026, 11, 1))
    assert checked.report.diagnostics == expected.diagnostics


@pytest.mark.parametrize("limits", [{"max_depth": 3}, Limits(max_depth=3)], ids=["mapping", "limits"])
def test_limits_are_applied_as_a_mapping_or_as_limits(write_plan: WritePlan, limits: object) -> None:
    path = write_plan(DEEP)
    checked = check(path, limits=limits, as_of=AS_OF)  # type: ignore[arg-type]
    assert [(d.code, d.file, d.line, d.column) for d in checked.report] == [("CAS008", str(path), 8, 7)]
    assert checked.plan is None
    assert check(path, select=["CAS0"], as_of=AS_OF).report.diagnostics == []  # the default cap is 100


def test_a_plan_that_cannot_be_read_gives_a_report_in_place_order(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan("cascade: 1\nplan: [\n", "b.yaml")
    write_plan("people: [\n", "a.yaml")
    checked = check(tmp_path, as_of=AS_OF)
    assert [(d.code, d.file, d.line) for d in checked.report] == [
        ("CAS001", str(tmp_path / "a.yaml"), 2),
        ("CAS001", str(tmp_path / "b.yaml"), 3),
    ]
    assert checked.plan is None
    assert not checked.replayed
    assert not checked.report.ok


def test_a_missing_plan_is_a_report_and_no_cache_is_made(tmp_path: Path) -> None:
    checked = check(tmp_path / "nope.yaml", cache=True, as_of=AS_OF)
    assert [(d.code, d.file, d.line) for d in checked.report] == [("CAS001", str(tmp_path / "nope.yaml"), 0)]
    assert checked.plan is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("settled")
def test_only_a_cached_check_keeps_anything_beside_the_plan(write_plan: WritePlan) -> None:
    path = write_plan(FAULTY)
    check(path, as_of=AS_OF)
    assert not (path.parent / CACHE_DIR).exists()
    first = cached(path)
    assert not first.replayed
    assert len(verdict_files(path)) == 1


@pytest.mark.usefixtures("settled")
def test_a_plan_that_cannot_be_read_keeps_no_verdict(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("cascade: 1\nplan: [\n", encoding="utf-8")
    first = cached(plan)
    assert first.report.codes() == ["CAS001"]
    assert first.plan is None
    assert verdict_files(plan) == []


@pytest.mark.usefixtures("settled")
def test_codes_in_any_case_and_order_ask_the_same_question(write_plan: WritePlan) -> None:
    path = write_plan(FAULTY)
    first = cached(path, select=["cas3", "cas0"], ignore=["cas006"])
    assert first.report.codes() == ["CAS303", "CAS304"]
    again = cached(path, select=["CAS0", "CAS3"], ignore=["CAS006"])
    assert again.replayed
    assert again.plan is None
    assert again.report.diagnostics == first.report.diagnostics


@pytest.mark.usefixtures("settled")
def test_no_as_of_asks_about_today(write_plan: WritePlan) -> None:
    path = write_plan(FAULTY)
    today = dt.date.today()
    first = check(path, cache=True)
    again = check(path, cache=True, as_of=today)
    if dt.date.today() != today:
        pytest.skip("the day changed during the test")
    assert not first.replayed
    assert again.replayed
    assert again.report.diagnostics == first.report.diagnostics
    assert not cached(path, as_of=today - dt.timedelta(days=1)).replayed
