"""The timeline is really drawn: visible, one circle per date plus the legend, and pixels on screen."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from cascade.briefing import brief
from tests.browser.png import pixels
from tests.rendering.plans import AS_OF, heavy_plan, northwind

LEGEND = 5
COLOURS = {
    "commitment": (0x1F, 0x5F, 0xBF),
    "frontline": (0x2E, 0x7D, 0x32),
    "personal": (0x7B, 0x1F, 0xA2),
    "blocker": (0xEF, 0x6C, 0x00),
    "overdue": (0xB3, 0x26, 0x1E),
}


def close(a: tuple[int, int, int], b: tuple[int, int, int], slack: int = 24) -> bool:
    return all(abs(x - y) <= slack for x, y in zip(a, b, strict=True))


def test_the_timeline_is_drawn(page: Page, northwind_briefs: dict[str, Path]) -> None:
    marco = brief(northwind(), "marco", as_of=AS_OF)
    page.goto((northwind_briefs["a4"] / "marco.html").as_uri())
    svg = page.locator("svg.timeline")
    assert svg.count() == 1
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None
    assert box["width"] > 600
    assert box["height"] > 30
    assert page.locator("svg.timeline circle").count() == len(marco.timeline.marks) + LEGEND
    assert page.locator("svg.timeline > circle > title").count() == len(marco.timeline.marks)
    assert page.locator("svg.timeline line.today").count() == 1
    assert page.locator("svg.timeline text").all_text_contents()[:6] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]

    width, height, rows = pixels(svg.screenshot())
    assert abs(width - box["width"]) < 2
    assert abs(height - box["height"]) < 2
    ink = sum(1 for row in rows for rgb in row if min(rgb) < 235)
    assert ink > width * height * 0.01, f"only {ink} of {width * height} pixels are drawn"
    # the band of the axis (above the legend) holds a pixel of each kind of mark marco has
    band = [rgb for row in rows[: int(height * 0.6)] for rgb in row]
    for kind in {m.kind for m in marco.timeline.marks}:
        assert any(close(rgb, COLOURS[kind]) for rgb in band), f"no {kind} mark on the axis"


def test_every_mark_sits_on_the_axis(page: Page, heavy_briefs: dict[str, Path]) -> None:
    hana = brief(heavy_plan(), "hana", as_of=AS_OF)
    page.goto((heavy_briefs["letter"] / "hana.html").as_uri())
    svg = page.locator("svg.timeline").bounding_box()
    assert svg is not None
    marks = page.locator("svg.timeline > circle[r='4']")
    assert marks.count() == len(hana.timeline.marks)
    xs = []
    for i in range(marks.count()):
        box = marks.nth(i).bounding_box()
        assert box is not None
        assert svg["x"] <= box["x"]
        assert box["x"] + box["width"] <= svg["x"] + svg["width"] + 0.5
        xs.append(box["x"])
    assert xs == sorted(xs)  # in date order, left to right
