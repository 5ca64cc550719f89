"""The collector is paused for the length of an entry point's call, and left as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import cascade
from cascade.gc_pause import gc_paused
from tests.conftest import EXAMPLE


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_paused_while_the_call_runs_and_on_again_after() -> None:
    seen: list[bool] = []
    gc_paused(lambda: seen.append(gc.isenabled()))()
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_on_again_after_an_exception() -> None:
    def fail() -> None:
        raise ValueError("x")

    with pytest.raises(ValueError, match="x"):
        gc_paused(fail)()
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        gc_paused(lambda: None)()
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collector_on")
@pytest.mark.parametrize("entry", ["load", "loads", "validate", "check"])
def test_every_entry_point_pauses_it(entry: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen from inside: the plan is built (read_from) and checked (refresh comes first)."""
    seen: list[bool] = []
    build, refresh = cascade.Plan.read_from, cascade.Plan.refresh

    def read_from(provenance: object, /, **sections: object) -> cascade.Plan:
        seen.append(gc.isenabled())
        return build(provenance, **sections)  # type: ignore[arg-type]

    def spy(plan: cascade.Plan) -> None:
        seen.append(gc.isenabled())
        refresh(plan)

    monkeypatch.setattr(cascade.Plan, "read_from", read_from)
    monkeypatch.setattr(cascade.Plan, "refresh", spy)
    if entry == "load":
        cascade.load(EXAMPLE)
    elif entry == "loads":
        cascade.loads(EXAMPLE.read_text(encoding="utf-8"))
    elif entry == "validate":
        plan = cascade.load(EXAMPLE)
        seen.clear()
        cascade.validate(plan)
    else:
        cascade.check(EXAMPLE)
    assert seen
    assert not any(seen)
    assert gc.isenabled()
