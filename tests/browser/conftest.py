"""One Chromium for the whole session (Debian's, never Playwright's own download), one page
reused by every test, and the briefs they look at, rendered once.

In CI these tests must run: a missing /usr/bin/chromium (or poppler's pdftoppm and pdftotext,
which read the PDFs) fails them there (CI set), and only skips them on a developer's machine.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from cascade.rendering import render
from tests.rendering.plans import AS_OF, heavy_plan, heavy_since, hostile_plan, northwind

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAPERS = ("a4", "letter")
POPPLER = ("pdftoppm", "pdftotext")
"""Debian's poppler-utils: they rasterise a PDF and give the boxes of its words."""


def _missing(message: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _need_chromium() -> None:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    _missing(
        f"{CHROMIUM} is missing, so the one-page proof cannot run: install Debian's chromium "
        "(apt-get install chromium); never 'playwright install'"
    )


def need_poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        _missing(
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing, so the PDF cannot be "
            "compared with Chromium's print: install Debian's poppler-utils (apt-get install poppler-utils)"
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    _need_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def page(browser: Browser) -> Iterator[Page]:
    """One page for every test: each goes to the file it needs."""
    context = browser.new_context(viewport={"width": 1000, "height": 1200}, device_scale_factor=1)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def northwind_briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The northwind briefs as HTML, one folder per paper."""
    folders = {}
    for paper in PAPERS:
        folder = tmp_path_factory.mktemp(f"northwind-{paper}")
        render(northwind(), folder, formats=["html"], paper=paper, as_of=AS_OF)  # type: ignore[arg-type]
        folders[paper] = folder
    return folders


@pytest.fixture(scope="session")
def heavy_briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """hana's brief (80 commitments, 10 obstacles, 12 reports, 80 dates moved since the last plan)."""
    folders = {}
    for paper in PAPERS:
        folder = tmp_path_factory.mktemp(f"heavy-{paper}")
        render(
            heavy_plan(),
            folder,
            formats=["html"],
            people=["hana"],
            paper=paper,  # type: ignore[arg-type]
            as_of=AS_OF,
            since=heavy_since(),  # every list full, what changed since the last plan included
            since_label="last week's plan",
        )
        folders[paper] = folder
    return folders


@pytest.fixture(scope="session")
def hostile_briefs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    render(hostile_plan(), folder, formats=["html"], as_of=AS_OF)
    return folder
