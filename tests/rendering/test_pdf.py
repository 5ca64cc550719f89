"""PDF briefs through WeasyPrint (the pdf extra): one page each; a clear hint when it is missing."""

from __future__ import annotations

import builtins
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from cascade.briefing import brief
from cascade.formats import Paper
from cascade.rendering import PdfUnavailable, render
from cascade.rendering.pdf import html_to_pdf
from tests.rendering.plans import AS_OF, heavy_plan, heavy_since, hostile_plan, northwind

HINT = 'pip install "cascade[pdf]"'
POINTS = {"a4": (595, 842), "letter": (612, 792)}


@pytest.fixture(scope="module")
def weasyprint() -> None:
    """The real branch: WeasyPrint must be there in CI (the test extra pulls it in)."""
    if importlib.util.find_spec("weasyprint") is None:
        if os.environ.get("CI"):
            pytest.fail(f"weasyprint is not installed, so PDF briefs are not tested: {HINT}")
        pytest.skip(f"weasyprint is not installed ({HINT})")


def page_size(reader: PdfReader) -> tuple[int, int]:
    box = reader.pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.mark.usefixtures("weasyprint")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_briefs_are_one_page(tmp_path: Path, paper: Paper) -> None:
    """Every northwind brief on Letter (the shorter page); its leaders and the fullest briefs on A4.

    The browser tests prove every brief on both papers in Chromium; this proves WeasyPrint agrees.
    """
    plan = northwind()
    people = list(plan.index.people) if paper == "letter" else [p for p in plan.index.people if plan.person(p).reports]
    written = render(plan, tmp_path / "nw", formats=["pdf"], people=people, paper=paper, as_of=AS_OF)
    written += render(
        heavy_plan(),
        tmp_path / "heavy",
        formats=["pdf"],
        people=["hana"],
        paper=paper,
        as_of=AS_OF,
        since=heavy_since(),
    )
    written += render(hostile_plan(), tmp_path / "hostile", formats=["pdf"], paper=paper, as_of=AS_OF)
    assert len(written) == len(people) + 1 + 6
    for path in written:
        assert path.suffix == ".pdf"
        reader = PdfReader(path)
        assert len(reader.pages) == 1, f"{path.name} has {len(reader.pages)} pages on {paper}"
        assert page_size(reader) == POINTS[paper]


@pytest.mark.usefixtures("weasyprint")
def test_the_pdf_holds_the_brief(tmp_path: Path) -> None:
    render(heavy_plan(), tmp_path, formats=["pdf", "html"], people=["hana"], as_of=AS_OF)
    text = PdfReader(tmp_path / "hana.pdf").pages[0].extract_text()
    assert "Hana Kowalczyk-Fitzgerald" in text
    assert f"and {brief(heavy_plan(), 'hana', as_of=AS_OF).more_commitments} more" in text
    assert "index.html" in {p.name for p in tmp_path.iterdir()}


@pytest.mark.usefixtures("weasyprint")
def test_html_to_pdf_returns_pdf_bytes() -> None:
    data = html_to_pdf("<!doctype html><title>x</title><p>Hello</p>")
    assert data.startswith(b"%PDF-")


def test_without_weasyprint_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # makes `import weasyprint` raise ImportError
    with pytest.raises(PdfUnavailable) as caught:
        html_to_pdf("<p>x</p>")
    assert HINT in str(caught.value)


def test_without_weasyprint_render_writes_no_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(PdfUnavailable, match=r"cascade\[pdf\]"):
        render(northwind(), tmp_path, formats=["pdf"], people=["priya"], as_of=AS_OF)
    assert not list(tmp_path.glob("*.pdf"))
    assert not list(tmp_path.glob(".*.tmp"))


def test_without_the_system_libraries_the_error_names_them(monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': not found")
        return real(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(PdfUnavailable, match="pango") as caught:
        html_to_pdf("<p>x</p>")
    assert "libpango" in str(caught.value)
