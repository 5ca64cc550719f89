"""The PDF brief (WeasyPrint) looks like the HTML brief printed by Chromium: the same words in
the same places and the timeline drawn alike, so a style that reaches one engine and not the
other is caught. Both PDFs are read by poppler, page 1, the same way."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from cascade.briefing import brief
from cascade.rendering import render
from tests.browser.conftest import PAPERS, need_poppler
from tests.browser.poppler import Raster, Word, raster, words
from tests.browser.test_timeline import COLOURS, close
from tests.rendering.plans import AS_OF, northwind

PERSON = "marco"
"""A leader with a 'today' line and marks of several kinds on his timeline."""
LEGEND = ("commitment", "frontline", "in", "person", "obstacle", "overdue")
TIMELINE_HEIGHT = 40
"""Points, a little more than the timeline's height on either paper (about 36)."""
PLACE = 1.5
"""Points a word may sit away from where Chromium prints it (the two engines round differently)."""
DPI = 100


class Prints(NamedTuple):
    weasyprint: Path
    chromium: Path


@pytest.fixture(scope="module", params=PAPERS)
def prints(request: pytest.FixtureRequest, page: Page, tmp_path_factory: pytest.TempPathFactory) -> Prints:
    """The brief as cascade writes its PDF, and its HTML as Chromium prints it."""
    need_poppler()
    paper = request.param
    folder = tmp_path_factory.mktemp(f"prints-{paper}")
    render(northwind(), folder, formats=["html", "pdf"], people=[PERSON], paper=paper, as_of=AS_OF)
    page.goto((folder / f"{PERSON}.html").as_uri())
    chromium = folder / "chromium.pdf"
    chromium.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    return Prints(folder / f"{PERSON}.pdf", chromium)


def timeline_band(printed: list[Word]) -> tuple[float, float]:
    """From top to bottom, the points of the page the timeline takes in Chromium's print."""
    months = [name for _, name in brief(northwind(), PERSON, as_of=AS_OF).timeline.months]
    legend = next(
        w for w in printed if w.text == "commitment" and {"obstacle", "overdue"} <= line_of(printed, w.middle)
    )
    labels = [
        w for w in printed if w.text in {*months, "today"} and legend.top - TIMELINE_HEIGHT < w.middle < legend.top
    ]
    assert {w.text for w in labels} == {*months, "today"}
    return min(w.top for w in labels) - 2, legend.bottom + 2


def line_of(printed: list[Word], middle: float) -> set[str]:
    return {w.text for w in printed if abs(w.middle - middle) < 1}


def within(printed: list[Word], band: tuple[float, float]) -> list[Word]:
    return [w for w in printed if band[0] < w.middle < band[1]]


def placed_alike(word: Word, others: list[Word], slack: float) -> bool:
    def near(other: Word) -> bool:
        return all(abs(a - b) <= slack for a, b in zip(other[1:], word[1:], strict=True))

    return any(o.text == word.text and near(o) for o in others)


def test_the_timeline_labels_sit_where_chromium_prints_them(prints: Prints) -> None:
    chromium, weasyprint = words(prints.chromium), words(prints.weasyprint)
    band = timeline_band(chromium)
    expected, labels = within(chromium, band), within(weasyprint, band)
    assert sorted(w.text for w in labels) == sorted(w.text for w in expected)
    assert {*LEGEND} <= {w.text for w in labels}
    astray = [w for w in expected if not placed_alike(w, labels, PLACE)]
    assert not astray, f"not where Chromium prints them: {[w.text for w in astray]}"
    overlapping = [(a.text, b.text) for i, a in enumerate(labels) for b in labels[i + 1 :] if a.overlaps(b)]
    assert not overlapping
    body = sorted(w.bottom - w.top for w in weasyprint)[len(weasyprint) // 2]
    assert max(w.bottom - w.top for w in labels) < 0.8 * body, "the timeline's labels are not smaller than the text"


def test_the_timeline_is_drawn_as_chromium_draws_it(prints: Prints) -> None:
    top, bottom = timeline_band(words(prints.chromium))
    chromium, weasyprint = raster(prints.chromium, DPI), raster(prints.weasyprint, DPI)
    assert (chromium.width, chromium.height) == (weasyprint.width, weasyprint.height)
    rows = range(round(top * DPI / 72), round(bottom * DPI / 72))
    unlike = strays(weasyprint, chromium, rows) + strays(chromium, weasyprint, rows)
    pixels = len(rows) * chromium.width
    assert unlike < pixels * 0.01, f"{unlike} of {pixels} pixels of the timeline differ from Chromium's"
    drawn = [pixel(weasyprint, x, y) for y in rows for x in range(weasyprint.width)]
    marco = brief(northwind(), PERSON, as_of=AS_OF)
    for kind in {m.kind for m in marco.timeline.marks}:
        assert any(close(rgb, COLOURS[kind]) for rgb in drawn), f"no {kind} mark in the PDF's timeline"


def strays(image: Raster, other: Raster, rows: range) -> int:
    """The pixels of image in rows with no pixel of the same colour in other at most one pixel
    away: the engines may place an edge a fraction of a point apart, not draw another thing."""
    count = 0
    for y in rows:
        for x in range(image.width):
            rgb = pixel(image, x, y)
            if close(rgb, pixel(other, x, y), slack=48):
                continue
            near = (pixel(other, x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if 0 <= x + dx < image.width)
            count += not any(close(rgb, o, slack=48) for o in near)
    return count


def pixel(image: Raster, x: int, y: int) -> tuple[int, int, int]:
    at = (y * image.width + x) * 3
    return image.rgb[at], image.rgb[at + 1], image.rgb[at + 2]


def test_every_word_is_where_chromium_prints_it(prints: Prints) -> None:
    """The whole page, not only the timeline; a few words may differ where the engines cut a
    clamped line at another letter ('before i…' against 'before…')."""
    chromium, weasyprint = words(prints.chromium), words(prints.weasyprint)
    astray = [w.text for w in chromium if not placed_alike(w, weasyprint, 2)]
    assert len(astray) <= len(chromium) * 0.02, f"{len(astray)} of {len(chromium)} words elsewhere: {astray}"


def test_every_brief_of_the_example_prints_as_its_html(page: Page, tmp_path: Path) -> None:
    """Not only marco's: every person's PDF is one page with its words where Chromium prints
    the same brief's HTML (A4; the paper-specific checks above run on both)."""
    need_poppler()
    plan = northwind()
    render(plan, tmp_path, formats=["html", "pdf"], paper="a4", as_of=AS_OF)
    unlike: dict[str, str] = {}
    for person_id in plan.index.people:
        page.goto((tmp_path / f"{person_id}.html").as_uri())
        printed = tmp_path / f"{person_id}.chromium.pdf"
        printed.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
        made = tmp_path / f"{person_id}.pdf"
        assert pages(made) == 1, f"{person_id}: the PDF is {pages(made)} pages"
        chromium, weasyprint = words(printed), words(made)
        # where a clamped line ends, the engines cut at another letter ('before i…', 'before…')
        astray = [w.text for w in chromium if "…" not in w.text and not placed_alike(w, weasyprint, 2)]
        if len(astray) > len(chromium) * 0.02:
            unlike[person_id] = f"{len(astray)} of {len(chromium)} words elsewhere: {astray[:12]}"
    assert len(plan.index.people) >= 25
    assert not unlike, unlike


def pages(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)
