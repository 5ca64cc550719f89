"""The typed content of a brief (cascade.briefing.content): the Budget, frozen models, JSON and is_leader."""

from __future__ import annotations

from fractions import Fraction

import pytest
from pydantic import ValidationError

from cascade.briefing import DEFAULT_BUDGET, Brief, Budget, CoverageItem, brief
from tests.rendering.plans import AS_OF, HEAVY_REPORTS, heavy_plan, northwind


def test_a_leader_over_the_report_budget_is_still_a_leader() -> None:
    hana = brief(heavy_plan(), "hana", as_of=AS_OF, budget=Budget(reports=0, fill=False))
    assert hana.reports == []
    assert hana.more_reports == HEAVY_REPORTS
    assert hana.is_leader


def test_is_leader_counts_reports_shown_and_left_out() -> None:
    ingrid = brief(northwind(), "ingrid", as_of=AS_OF)
    assert ingrid.reports
    assert ingrid.is_leader
    assert not ingrid.model_copy(update={"reports": [], "more_reports": 0}).is_leader
    assert ingrid.model_copy(update={"reports": [], "more_reports": 1}).is_leader
    assert not brief(northwind(), "priya", as_of=AS_OF).is_leader


def test_the_default_budget_cannot_be_changed_in_place() -> None:
    """Every brief made without a budget shares this one: an edit would change them all."""
    with pytest.raises(ValidationError, match="frozen"):
        DEFAULT_BUDGET.commitments = 20  # type: ignore[misc]
    assert Budget() == DEFAULT_BUDGET


def test_a_budget_changes_only_what_it_names() -> None:
    small = Budget(commitments=3, title_chars=40)
    assert small.model_dump() == {**DEFAULT_BUDGET.model_dump(), "commitments": 3, "title_chars": 40}
    assert small != DEFAULT_BUDGET


def test_a_brief_and_its_items_are_frozen() -> None:
    priya = brief(northwind(), "priya", as_of=AS_OF)
    with pytest.raises(ValidationError, match="frozen"):
        priya.email = "p@x.example"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        priya.commitments[0].title = "Something else"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        priya.timeline.today = None  # type: ignore[misc]


def test_a_brief_made_without_since_has_no_since_items() -> None:
    priya = brief(northwind(), "priya", as_of=AS_OF)
    assert (priya.since, priya.more_since, priya.since_label) == ([], 0, None)


@pytest.mark.parametrize("person", ["ingrid", "marco", "priya"])
def test_a_brief_survives_json_exactly(person: str) -> None:
    """A tool or a template may read the brief as JSON: every value comes back as it was."""
    original = brief(northwind(), person, as_of=AS_OF)
    assert Brief.model_validate_json(original.model_dump_json()) == original


def test_a_coverage_ratio_stays_an_exact_fraction() -> None:
    (coverage,) = brief(northwind(), "ingrid", as_of=AS_OF).coverage
    assert coverage.ratio == Fraction(37, 30)
    assert coverage.model_dump(mode="json")["ratio"] == "37/30"
    again = CoverageItem.model_validate_json(coverage.model_dump_json())
    assert (type(again.ratio), again.ratio) == (Fraction, Fraction(37, 30))
