"""HTML briefs escape everything that comes from the plan: names, roles, titles, team names."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from cascade.briefing import DEFAULT_BUDGET, brief
from cascade.rendering import render, render_brief
from tests.rendering.plans import AS_OF, HOSTILE_NAMES, HOSTILE_TITLE, LONG_TITLE, SCRIPT_NAME, hostile_plan

RAW = ["<script", "<img", "<b>", "<u>", "<em>", "<i>"]
"""Markup from the hostile plan that must never reach an HTML file as markup."""


class Page(HTMLParser):
    """The tags of a page and the text inside each element named in ``keep``."""

    def __init__(self, keep: tuple[str, ...] = ("h1", "title")) -> None:
        super().__init__(convert_charrefs=True)
        self.keep = keep
        self.tags: list[str] = []
        self.text: dict[str, list[str]] = {name: [] for name in keep}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in self.keep:
            self._open.append(tag)
            self.text[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for tag in self._open:
            self.text[tag][-1] += data


def parse(text: str, keep: tuple[str, ...] = ("h1", "title")) -> Page:
    page = Page(keep)
    page.feed(text)
    page.close()
    return page


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every brief of the hostile plan, and its index, as written to disk."""
    out = tmp_path_factory.mktemp("hostile")
    render(hostile_plan(), out, formats=["html"], as_of=AS_OF)
    return {path.stem: path.read_text(encoding="utf-8") for path in out.glob("*.html")}


def test_every_page_was_written(pages: dict[str, str]) -> None:
    assert set(pages) == {"lead", *(k for k in HOSTILE_NAMES if k != "script"), "index"}


@pytest.mark.parametrize("person", ["lead", "quotes", "amp", "emoji", "arabic", "hebrew"])
def test_names_come_out_escaped_and_read_back_as_themselves(pages: dict[str, str], person: str) -> None:
    text = pages[person]
    for raw in RAW:
        assert raw not in text
    name = SCRIPT_NAME if person == "lead" else HOSTILE_NAMES[person]
    page = parse(text)
    assert page.text["h1"] == [name]
    assert page.text["title"][0].startswith(f"{name}: ")
    assert "script" not in page.tags
    assert "img" not in page.tags
    assert page.tags.count("h1") == 1
    assert str(escape(name)) in text


def test_no_markup_from_the_plan_survives_anywhere(pages: dict[str, str]) -> None:
    for name, text in pages.items():
        tags = set(parse(text).tags)
        assert not tags & {"script", "img", "b", "u", "em", "i", "iframe"}, name
        for raw in RAW:
            assert raw not in text, name


def test_the_escaped_text_is_present(pages: dict[str, str]) -> None:
    lead = pages["lead"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ann" in lead
    assert "Head of &lt;i&gt;Sales&lt;/i&gt;" in lead
    assert "Team &lt;script&gt;x&lt;/script&gt;" in lead
    assert "Grow &lt;em&gt;ARR&lt;/em&gt; &amp; &#34;margin&#34;" in lead
    assert "Moment &lt;img src=x onerror=alert(3)&gt;" in lead
    assert "Blocker &lt;script&gt;alert(4)&lt;/script&gt;" in lead
    quotes = pages["quotes"]
    assert "Ann &#34;Ace&#34; O&#39;Neil" in quotes
    amp = pages["amp"]
    assert "Smith &amp; Wesson &lt;b&gt;bold&lt;/b&gt;" in amp
    assert str(escape(HOSTILE_TITLE)) in amp


def test_emoji_and_right_to_left_text_are_kept_verbatim(pages: dict[str, str]) -> None:
    assert HOSTILE_NAMES["emoji"] in pages["emoji"]
    assert HOSTILE_NAMES["arabic"] in pages["arabic"]
    assert HOSTILE_NAMES["hebrew"] in pages["hebrew"]
    assert '<meta charset="utf-8">' in pages["arabic"]


def test_a_200_character_title_is_cut_and_escaped(pages: dict[str, str]) -> None:
    limit = DEFAULT_BUDGET.title_chars
    cut = LONG_TITLE[:limit].rsplit(" ", 1)[0] + "…"  # at the last word that fits whole
    assert cut in pages["lead"]
    assert LONG_TITLE not in pages["lead"]


def test_the_index_escapes_names_too(pages: dict[str, str]) -> None:
    index = pages["index"]
    page = parse(index, keep=("a", "h1", "h2"))
    assert "script" not in page.tags
    assert SCRIPT_NAME in page.text["a"]
    assert HOSTILE_NAMES["arabic"] in page.text["a"]
    assert "Team <script>x</script>" in page.text["h2"]
    assert page.text["h1"] == ['Plan <b>&</b> "Q1"']


def test_a_template_override_is_escaped_like_the_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "brief.html.j2").write_text(
        "<p>{{ brief.person.name }}</p>{{ brief.plan_name | md }}\n", encoding="utf-8"
    )
    text = render_brief(brief(hostile_plan(), "lead", as_of=AS_OF), "html", templates=tmp_path)
    assert text.startswith("<p>&lt;script&gt;alert(1)&lt;/script&gt; Ann</p>")
