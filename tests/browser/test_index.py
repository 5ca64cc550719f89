"""The index page loads cleanly and links every brief."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from playwright.sync_api import ConsoleMessage, Error, Page

from tests.rendering.plans import northwind


def test_the_index_loads_without_errors_and_every_link_resolves(page: Page, northwind_briefs: dict[str, Path]) -> None:
    folder = northwind_briefs["a4"]
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            errors.append(f"{message.type}: {message.text}")

    def crash(error: Error) -> None:
        errors.append(str(error))

    page.on("console", console)
    page.on("pageerror", crash)
    try:
        response = page.goto((folder / "index.html").as_uri())
        assert response is not None
        assert response.ok
        assert page.title() == "Northwind FY27 H1 Sales Plan: briefs"
        hrefs: list[str] = page.eval_on_selector_all("a", "links => links.map(a => a.href)")
        people = set(northwind().index.people)
        targets = {Path(unquote(urlparse(href).path)) for href in hrefs}
        assert all(urlparse(href).scheme == "file" for href in hrefs)
        for target in targets:
            assert target.is_file(), f"{target} does not exist"
            assert target.parent == folder
        assert {t.stem for t in targets} == people
        page.click("text=Priya Natarajan")
        assert page.inner_text("h1") == "Priya Natarajan"
    finally:
        page.remove_listener("console", console)
        page.remove_listener("pageerror", crash)
    assert errors == []
