"""The generated documentation matches what the code says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cascade.rules.docs import catalogue_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_rules_page_is_current() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == catalogue_markdown(), "docs/rules.md is stale: run `cascade rules --format markdown > docs/rules.md`"


def test_rules_page_documents_every_code() -> None:
    page = catalogue_markdown()
    for number in [
        *range(1, 10),
        101,
        102,
        *range(201, 206),
        *range(301, 305),
        *range(401, 405),
        *range(501, 505),
        601,
    ]:
        assert f"### CAS{number:03d}" in page


def test_every_test_the_security_page_cites_exists() -> None:
    """docs/security.md proves each promise with a test: each file and test it names is there."""
    root = Path(__file__).parent.parent
    page = (root / "docs" / "security.md").read_text(encoding="utf-8")
    cited = re.findall(r"`(tests/[\w/]+\.py)((?:::\w+)?)`((?:, `::\w+`)*)", page)
    assert len(cited) > 20
    for path, first, more in cited:
        source = (root / path).read_text(encoding="utf-8")
        for name in [first, *re.findall(r"::\w+", more)]:
            if name:
                assert f"def {name[2:]}(" in source, f"{path}{name} is not a test"


_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)[^)]*\)")


@pytest.mark.parametrize("page", ["README.md", *(f"docs/{p.name}" for p in sorted((ROOT / "docs").glob("*.md")))])
def test_no_link_leaves_the_repository(page: str) -> None:
    """A user reads the README and the docs in a clone: a relative link must lead to a file of the clone."""
    source = ROOT / page
    for target in _LINK.findall(source.read_text(encoding="utf-8")):
        if re.match(r"[a-z][a-z0-9+.-]*:|#", target):  # a URL or an anchor on the same page
            continue
        resolved = (source.parent / target.split("#", 1)[0]).resolve()
        assert resolved.is_relative_to(ROOT.resolve()), f"{page} links outside the repository: {target}"
        assert resolved.exists(), f"{page} links to a missing file: {target}"
