"""Hostile names in a real browser: shown as text, no script runs, long titles stay on the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page

from cascade.briefing import DEFAULT_BUDGET
from tests.rendering.plans import HOSTILE_NAMES, LONG_TITLE, SCRIPT_NAME, UNBROKEN_TITLE


@pytest.fixture
def dialogs(page: Page) -> Iterator[list[str]]:
    """Every dialog the page opens (alert, confirm, prompt), dismissed and recorded."""
    seen: list[str] = []

    def record(dialog: Dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    yield seen
    page.remove_listener("dialog", record)


@pytest.mark.parametrize("person", ["lead", "quotes", "amp", "emoji", "arabic", "hebrew"])
def test_names_read_as_written_and_no_script_runs(
    page: Page, hostile_briefs: Path, dialogs: list[str], person: str
) -> None:
    page.goto((hostile_briefs / f"{person}.html").as_uri())
    name = SCRIPT_NAME if person == "lead" else HOSTILE_NAMES[person]
    assert page.inner_text("h1") == name
    assert page.title().startswith(f"{name}: ")
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("b, i, em, u").count() == 0
    page.evaluate("() => new Promise(r => setTimeout(r, 50))")  # let anything that could run, run
    assert dialogs == []


def test_every_hostile_name_shows_on_the_leaders_page(page: Page, hostile_briefs: Path, dialogs: list[str]) -> None:
    page.goto((hostile_briefs / "lead.html").as_uri())
    people = page.inner_text("#people")
    for key, name in HOSTILE_NAMES.items():
        if key != "script":
            assert name in people
    assert "Blocker <script>alert(4)</script>" in page.inner_text("#removing")
    assert "Moment <img src=x onerror=alert(3)>" in page.inner_text("#moments")
    assert dialogs == []


def test_long_titles_stay_on_the_page(page: Page, hostile_briefs: Path) -> None:
    page.goto((hostile_briefs / "lead.html").as_uri())
    limit = DEFAULT_BUDGET.title_chars
    table = page.locator("#what table")
    text = table.inner_text()
    assert LONG_TITLE[:limit].rsplit(" ", 1)[0] + "…" in text  # at the last word that fits whole
    assert UNBROKEN_TITLE[: limit - 1] + "…" in text
    sizes = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
    assert sizes[0] <= sizes[1]
    table_box = table.bounding_box()
    assert table_box is not None
    for cell in page.locator("#what td").all():
        box = cell.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= table_box["x"] + table_box["width"] + 0.5
        widths = cell.evaluate("c => [c.scrollWidth, c.clientWidth]")
        assert widths[0] <= widths[1]
    page_width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert page_width[0] <= page_width[1]
