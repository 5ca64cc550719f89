"""cascade.briefing.page: the estimate of a brief's height the builder fills the page by.

tests/browser/test_one_page.py compares the estimate with the page Chromium lays out.
"""

from __future__ import annotations

from cascade.briefing import brief
from cascade.briefing.page import LINE, ROOM, height, lines
from tests.rendering.plans import AS_OF, heavy_plan, heavy_since, northwind


def test_a_text_takes_more_lines_as_it_grows_up_to_its_cap() -> None:
    assert lines("", 100) == 1
    assert lines("short", 100) == 1
    assert lines("x" * 200, 100) == 2
    assert lines("x" * 200, 100, most=1) == 1
    assert lines("x" * 2000, 100, most=5) == 5


def test_more_on_the_page_measures_taller() -> None:
    hana = brief(heavy_plan(), "hana", as_of=AS_OF)
    fewer = hana.model_copy(update={"commitments": hana.commitments[:-1], "blockers": hana.blockers[:1]})
    assert height(fewer) < height(hana) - LINE


def test_a_full_page_is_measured_within_its_room() -> None:
    hana = brief(heavy_plan(), "hana", as_of=AS_OF, since=heavy_since(), since_label="v1")
    assert hana.more_commitments > 0
    assert height(hana) <= ROOM
    assert height(hana) > ROOM * 0.85  # filled, not guessed short
    for person_id in northwind().index.people:
        assert height(brief(northwind(), person_id, as_of=AS_OF)) <= ROOM
