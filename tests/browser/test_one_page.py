"""The one-page promise, proved in a real browser: every brief prints to exactly one page,
on A4 and on Letter, however much the person has to do."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page
from pypdf import PdfReader

from cascade.briefing import DEFAULT_BUDGET, brief
from cascade.briefing.page import ROOM, height
from cascade.read.assemble import load
from cascade.rendering import render
from cascade.starters import seeds, seeds_folder
from tests.browser.conftest import PAPERS
from tests.rendering.plans import (
    AS_OF,
    heavy_plan,
    heavy_since,
    northwind,
)

POINTS = {"a4": (595, 842), "letter": (612, 792)}
CUT = "spans => spans.filter(s => s.scrollWidth > s.clientWidth).map(s => s.textContent)"
"""The texts of the elements given that do not fit their box (shown with an ellipsis)."""


def printed(page: Page, path: Path) -> PdfReader:
    page.goto(path.as_uri())
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))


def size(reader: PdfReader) -> tuple[int, int]:
    box = reader.pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.mark.parametrize("paper", PAPERS)
def test_every_northwind_brief_prints_to_one_page(page: Page, northwind_briefs: dict[str, Path], paper: str) -> None:
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    def crash(error: Error) -> None:
        errors.append(str(error))

    page.on("console", console)
    page.on("pageerror", crash)
    try:
        files = sorted(p for p in northwind_briefs[paper].glob("*.html") if p.name != "index.html")
        assert len(files) == 45
        pages, cut = {}, []
        for path in files:
            reader = printed(page, path)
            pages[path.stem] = len(reader.pages)
            assert size(reader) == POINTS[paper], path.name
            cut += [f"{path.stem}: {text}" for text in page.eval_on_selector_all(".path .top", CUT)]
    finally:
        page.remove_listener("console", console)
        page.remove_listener("pageerror", crash)
    assert {name: n for name, n in pages.items() if n != 1} == {}
    assert errors == []
    assert cut == [], "the company objective of a line of sight is cut short"


@pytest.mark.parametrize("paper", PAPERS)
def test_a_person_with_far_too_much_still_gets_one_page(page: Page, heavy_briefs: dict[str, Path], paper: str) -> None:
    reader = printed(page, heavy_briefs[paper] / "hana.html")
    assert len(reader.pages) == 1
    assert size(reader) == POINTS[paper]
    hana = brief(heavy_plan(), "hana", as_of=AS_OF, since=heavy_since(), since_label="last week's plan")
    text = page.inner_text("body")
    assert f"and {hana.more_commitments} more commitments" in text
    assert f"and {hana.more_blockers} more obstacles" in page.inner_text("#help h2")
    assert f"and {hana.more_removing} more obstacles" in page.inner_text("#removing h2")
    assert f"and {hana.more_reports} more people" in page.inner_text("#people h2")
    assert hana.more_since > 0  # the page was made with a full "since" list too
    assert f"and {hana.more_changes} more" in page.inner_text("#changes h2")
    assert f"and {hana.more_moments} more" in page.inner_text("#moments h2")
    assert page.locator("#what tbody tr").count() == len(hana.commitments) > DEFAULT_BUDGET.commitments - 2
    assert page.locator("#people tbody tr").count() == len(hana.reports) >= DEFAULT_BUDGET.reports
    # what is on the page is the most urgent: her numbers, the earliest open commitments, the first reports
    assert "Central Europe closes $2M new ARR with manufacturers, wave 1" in text
    assert "Commitment 03:" in text
    assert "Commitment 02:" not in text  # done
    assert "Report Number 01" in text
    assert f"Report Number {len(hana.reports) + 1:02d}" not in text


def test_the_page_is_measured_on_the_tall_side_and_closely(
    page: Page, northwind_briefs: dict[str, Path], heavy_briefs: dict[str, Path]
) -> None:
    """The builder fills the page by its estimate of the page's height: the estimate must never
    be shorter than what Chromium lays out (or a full page would overflow), and not much
    taller (or lists would be cut while the page still has room)."""
    pages = {p.stem: p for p in northwind_briefs["letter"].glob("*.html") if p.name != "index.html"}
    made = {person_id: brief(northwind(), person_id, as_of=AS_OF) for person_id in pages}
    pages["hana"] = heavy_briefs["letter"] / "hana.html"
    made["hana"] = brief(heavy_plan(), "hana", as_of=AS_OF, since=heavy_since(), since_label="last week's plan")
    page.set_viewport_size({"width": round(186 / 25.4 * 96), "height": 1000})  # the printed width, 186 mm
    page.emulate_media(media="print")
    try:
        off = {}
        for person_id, path in pages.items():
            page.goto(path.as_uri())
            laid_out = page.evaluate("document.documentElement.getBoundingClientRect().height") * 25.4 / 96
            off[person_id] = round(height(made[person_id]) - laid_out, 1)
    finally:  # back to no emulation: page.pdf() of a page emulating "screen" prints with screen CSS
        page.emulate_media(media="null")
        page.set_viewport_size({"width": 1000, "height": 1200})
    assert len(off) == 46
    assert {p: d for p, d in off.items() if d < 0} == {}, "the estimate is shorter than the page"
    assert {p: d for p, d in off.items() if d > 20} == {}, "the estimate is far taller than the page"
    assert height(made["hana"]) <= ROOM
    assert off["hana"] < 10  # the full page is measured most closely


@pytest.mark.parametrize("paper", PAPERS)
def test_every_more_note_is_visible(page: Page, heavy_briefs: dict[str, Path], paper: str) -> None:
    """The 'and N more' notes are never clipped away by the line limits."""
    page.goto((heavy_briefs[paper] / "hana.html").as_uri())
    notes = page.locator("h2 .more")
    assert notes.count() == 6
    for i in range(notes.count()):
        note = notes.nth(i)
        assert note.is_visible()
        box = note.bounding_box()
        assert box is not None
        assert box["width"] > 10


@pytest.fixture(scope="module")
def seed_briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every seed's briefs as HTML on A4, dated the first day of the seed's own period."""
    folders = {}
    for seed in seeds():
        plan = load(seeds_folder() / seed)
        folder = tmp_path_factory.mktemp(f"seed-{seed}")
        render(plan, folder, formats=["html"], as_of=plan.plan.start)
        folders[seed] = folder
    return folders


@pytest.mark.parametrize("seed", seeds())
def test_every_brief_of_every_seed_prints_to_one_page(page: Page, seed_briefs: dict[str, Path], seed: str) -> None:
    files = sorted(p for p in seed_briefs[seed].glob("*.html") if p.name != "index.html")
    assert len(files) == len(load(seeds_folder() / seed).people)
    pages = {path.stem: len(printed(page, path).pages) for path in files}
    assert {name: n for name, n in pages.items() if n != 1} == {}
