"""The generated documentation matches what the code says."""

from __future__ import annotations

from pathlib import Path

from cascade.rules.docs import catalogue_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_rules_page_is_current() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == catalogue_markdown(), "docs/rules.md is stale: run `cascade rules --format markdown > docs/rules.md`"


def test_rules_page_documents_every_code() -> None:
    page = catalogue_markdown()
    for number in [*range(1, 9), 101, 102, *range(201, 206), *range(301, 305), *range(401, 405), *range(501, 505), 601]:
        assert f"### CAS{number:03d}" in page
