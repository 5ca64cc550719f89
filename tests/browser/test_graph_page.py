"""The page of ``cascade graph --format html`` in a real browser: it folds, unfolds and searches,
fetches nothing, and shows hostile titles as text.

Uses the session's Chromium (Debian's) from ``tests/browser/conftest.py``; each test gets its own
browser context, so the listeners of one never see another's page.
"""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request

import cascade
from tests.conftest import NORTHWIND
from tests.test_plan_diff import base, find, plan_text

BREAKOUT = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"


def graph_page(plan: Path, out: Path, *extra: str) -> Path:
    """``cascade graph PLAN --format html`` written to ``out``, run as users run it."""
    proc = subprocess.run(
        [sys.executable, "-m", "cascade", "graph", str(plan), "--format", "html", *extra],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out.write_bytes(proc.stdout)
    return out


@pytest.fixture(scope="module")
def northwind_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return graph_page(NORTHWIND, tmp_path_factory.mktemp("graph") / "northwind.html")


def hostile_plan_file(folder: Path, title: str) -> Path:
    data = base()
    data["plan"]["name"] = "Plan " + BREAKOUT
    find(data, "priya-deals")["title"] = title
    find(data, "tomas-expansion")["title"] = IMG
    path = folder / "hostile.yaml"
    path.write_text(plan_text(data), encoding="utf-8")
    return path


@dataclass
class Watched:
    """A page with everything it did recorded."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def settle(self) -> None:
        self.page.evaluate("() => new Promise(r => setTimeout(r, 50))")  # let anything that could run, run


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    seen = Watched(page)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.errors.append(f"console: {message.text}")

    def on_dialog(dialog: Dialog) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_request(request: Request) -> None:
        seen.requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(f"pageerror: {error}"))
    page.on("request", on_request)
    page.on("dialog", on_dialog)
    try:
        yield seen
    finally:
        context.close()


def is_open(page: Page, selector: str) -> bool:
    return bool(page.eval_on_selector(selector, "d => d.open"))


def fold_all(page: Page) -> None:
    page.get_by_role("button", name="Fold all", exact=True).click()


def unfold_all(page: Page) -> None:
    page.get_by_role("button", name="Unfold all", exact=True).click()


def occurrences(plan: cascade.Plan) -> dict[str, int]:
    """How many times each node shows in the page's tree: once under each path from a root."""
    graph = plan.graph

    @functools.cache
    def count(node: str) -> int:
        parents = list(graph.predecessors(node))
        return 1 if not parents else sum(count(p) for p in parents)

    return {n: count(n) for n in graph.nodes}


# -- loading ------------------------------------------------------------------------------


def test_loads_cleanly_and_fetches_nothing(watched: Watched, northwind_page: Path) -> None:
    watched.open(northwind_page)
    watched.settle()
    assert watched.errors == []
    assert watched.requests == [northwind_page.as_uri()]
    assert watched.page.title() == "Northwind FY27 H1 Sales Plan: the cascade"
    assert watched.page.inner_text("h1") == "Northwind FY27 H1 Sales Plan"


def test_roots_are_shown_open(watched: Watched, northwind_page: Path) -> None:
    plan = cascade.load(NORTHWIND)
    roots = [n for n in plan.graph.nodes if plan.graph.in_degree(n) == 0]
    watched.open(northwind_page)
    page = watched.page
    top = page.locator("#tree > details")
    assert top.count() == len(roots)
    assert [top.nth(i).get_attribute("data-id") for i in range(top.count())] == roots
    for root in roots:
        selector = f'#tree > details[data-id="{root}"]'
        assert is_open(page, selector)
        assert page.locator(f"{selector} > summary").is_visible()
        for child in plan.graph.successors(root):
            child_selector = f'{selector} > details[data-id="{child}"]'
            assert page.locator(f"{child_selector} > summary").is_visible()
            if plan.graph.out_degree(child):
                assert not is_open(page, child_selector)  # the level below the roots starts folded
    assert page.locator("details").count() == sum(occurrences(plan).values())


def test_clicking_a_summary_unfolds_and_folds(watched: Watched, northwind_page: Path) -> None:
    plan = cascade.load(NORTHWIND)
    root = next(n for n in plan.graph.nodes if plan.graph.in_degree(n) == 0)
    child = next(c for c in plan.graph.successors(root) if plan.graph.out_degree(c))
    grandchildren = list(plan.graph.successors(child))
    folded = f'#tree > details[data-id="{root}"] > details[data-id="{child}"]'
    watched.open(northwind_page)
    page = watched.page
    below = [page.locator(f'{folded} > details[data-id="{g}"] > summary') for g in grandchildren]
    assert not is_open(page, folded)
    assert not any(b.is_visible() for b in below)

    page.click(f"{folded} > summary")
    assert is_open(page, folded)
    assert all(b.is_visible() for b in below)

    page.click(f"{folded} > summary")
    assert not is_open(page, folded)
    assert not any(b.is_visible() for b in below)
    assert watched.errors == []


def test_fold_all_and_unfold_all(watched: Watched, northwind_page: Path) -> None:
    watched.open(northwind_page)
    page = watched.page
    details = page.locator("#tree details")
    summaries = page.locator("#tree summary")
    total = details.count()

    unfold_all(page)
    assert page.eval_on_selector_all("#tree details", "ds => ds.filter(d => d.open).length") == total
    assert all(summaries.nth(i).is_visible() for i in range(total))

    fold_all(page)
    assert page.eval_on_selector_all("#tree details", "ds => ds.filter(d => d.open).length") == 0
    visible = [summaries.nth(i).is_visible() for i in range(total)]
    assert sum(visible) == page.locator("#tree > details").count()  # only the roots' lines show

    unfold_all(page)
    assert page.eval_on_selector_all("#tree details", "ds => ds.filter(d => d.open).length") == total
    assert watched.errors == []


def test_search_marks_matches_opens_their_ancestors_and_counts(watched: Watched, northwind_page: Path) -> None:
    plan = cascade.load(NORTHWIND)
    name = plan.index.people["priya"].name
    owned = {n.id for n in plan.index.nodes.values() if n.owner == "priya"}
    matching = {n.id for n in plan.index.nodes.values() if name.lower() in f"{n.id} {n.title}".lower() or n.id in owned}
    expected = sum(occurrences(plan)[n] for n in matching)
    assert expected >= 1

    watched.open(northwind_page)
    page = watched.page
    fold_all(page)
    page.fill("#search", name)
    hits = page.locator("#tree details.hit")
    assert hits.count() == expected
    assert {hits.nth(i).get_attribute("data-id") for i in range(hits.count())} == matching
    for i in range(hits.count()):
        assert hits.nth(i).locator(":scope > summary").is_visible()  # every ancestor was opened
    assert page.inner_text("#count") == f"{expected} match" + ("" if expected == 1 else "es")
    assert page.locator("#tree details:not(.hit)").count() == page.locator("#tree details").count() - expected


def test_search_is_case_insensitive_and_clears(watched: Watched, northwind_page: Path) -> None:
    watched.open(northwind_page)
    page = watched.page
    page.fill("#search", "PRIYA")
    assert page.locator("#tree details.hit").count() >= 1
    assert page.inner_text("#count").endswith(("match", "matches"))
    page.fill("#search", "")
    assert page.locator("#tree details.hit").count() == 0
    assert page.inner_text("#count") == ""
    page.fill("#search", "no such thing anywhere")
    assert page.locator("#tree details.hit").count() == 0
    assert page.inner_text("#count") == "0 matches"
    assert watched.errors == []


def test_search_by_id_gives_one_match(watched: Watched, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text(base()), encoding="utf-8")
    watched.open(graph_page(plan, tmp_path / "graph.html"))
    watched.page.fill("#search", "tomas-expansion")
    assert watched.page.inner_text("#count") == "1 match"


def test_root_option_shows_only_that_subtree(watched: Watched, tmp_path: Path) -> None:
    page_path = graph_page(NORTHWIND, tmp_path / "emea.html", "--root", "emea-arr")
    watched.open(page_path)
    top = watched.page.locator("#tree > details")
    assert top.count() == 1
    assert top.get_attribute("data-id") == "emea-arr"
    assert is_open(watched.page, "#tree > details")
    assert watched.errors == []


# -- hostile titles -----------------------------------------------------------------------


def test_hostile_titles_render_as_text(watched: Watched, tmp_path: Path) -> None:
    page_path = graph_page(hostile_plan_file(tmp_path, BREAKOUT), tmp_path / "hostile.html")
    watched.open(page_path)
    page = watched.page
    unfold_all(page)
    watched.settle()
    assert watched.dialogs == []
    assert watched.errors == []
    assert watched.requests == [page_path.as_uri()]  # the <img> never became an image to fetch
    assert page.inner_text('details[data-id="priya-deals"] > summary .title') == BREAKOUT
    assert page.inner_text('details[data-id="tomas-expansion"] > summary .title') == IMG
    assert page.inner_text("h1") == "Plan " + BREAKOUT
    assert page.title().startswith("Plan " + BREAKOUT)
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2  # the data and the code, nothing injected
    page.fill("#search", "<script>")
    assert page.inner_text("#count") == "1 match"


def test_title_with_a_comment_opener_keeps_the_page_working(watched: Watched, tmp_path: Path) -> None:
    title = "Win <!-- big --> deals <!--<script>"
    page_path = graph_page(hostile_plan_file(tmp_path, title), tmp_path / "comment.html")
    watched.open(page_path)
    watched.settle()
    assert watched.errors == []
    unfold_all(watched.page)
    assert watched.page.inner_text('details[data-id="priya-deals"] > summary .title') == title
