"""md_escape: text from the plan comes out of a Markdown brief as literal text, never as markup.

Each case is checked twice: the escaped text itself, and what a CommonMark renderer
(markdown-it-py, with GFM tables) makes of it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Literal

import pytest
from markdown_it import MarkdownIt

from cascade.briefing import brief
from cascade.rendering import render_brief
from cascade.rendering.markdown import md_escape
from tests.rendering.plans import AS_OF, HOSTILE_TITLE, SCRIPT_NAME, heavy_plan, hostile_plan, northwind

MD = MarkdownIt("commonmark").enable("table")


def as_html(markdown: str) -> str:
    return str(MD.render(markdown))


def paragraph_text(markdown: str) -> str:
    """The text of the one paragraph ``markdown`` renders to; fails on any other markup."""
    out = as_html(markdown)
    found = re.fullmatch(r"<p>(.*)</p>\n", out, flags=re.DOTALL)
    assert found, f"{markdown!r} rendered as {out!r}"
    assert "<" not in found.group(1), f"{markdown!r} made markup: {out!r}"
    return html.unescape(found.group(1))


LITERAL = [
    "[x](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "a | b | c",
    "# heading",
    "## heading",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "12) item",
    "> quote",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<https://evil.example>",
    "use `code` here",
    "``two ticks``",
    "snake_case_name and __dunder__",
    "*star* and **bold** and ***both***",
    "~~strike~~",
    "a \\ backslash",
    "trailing backslash \\",
    "---",
    "***",
    "===",
    "Close $600k new ARR",
    "Win 30% more (at least) & keep margins!",
    "Quotes \"double\" and 'single'",
    "Zoë 🚀 ليلى נועה",
]


@pytest.mark.parametrize("text", LITERAL)
def test_text_renders_as_itself(text: str) -> None:
    assert paragraph_text(md_escape(text)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("a | b", r"a \| b"),
        ("<script>", r"\<script\>"),
        ("`x`", r"\`x\`"),
        ("a_b_c", r"a\_b\_c"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("# heading", r"\# heading"),
        ("1. item", r"1\. item"),
        ("3) item", r"3\) item"),
        ("Close $600k new ARR", "Close $600k new ARR"),
        ("Grow new ARR to $7.2M", "Grow new ARR to $7.2M"),
        ("Book 1,000 meetings (Q1)", "Book 1,000 meetings (Q1)"),
    ],
)
def test_only_meaningful_characters_are_escaped(text: str, expected: str) -> None:
    assert md_escape(text) == expected


@pytest.mark.parametrize(
    "text",
    ["first line\n# heading", "first\n- item", "first\n1. item", "a\r\n\r\n---", "x\n\n<script>alert(1)</script>"],
)
def test_a_newline_cannot_start_a_block(text: str) -> None:
    escaped = md_escape(text)
    assert "\n" not in escaped
    assert "\r" not in escaped
    assert paragraph_text(escaped) == " ".join(text.split())


def test_whitespace_is_collapsed_and_trimmed() -> None:
    assert md_escape("  a \t b\n\n c  ") == "a b c"
    assert md_escape("    indented code") == "indented code"


def test_values_that_are_not_text() -> None:
    assert md_escape(600000) == "600000"
    assert md_escape(dt.date(2027, 1, 2)) == "2027-01-02"


def test_a_pipe_does_not_break_a_table_cell() -> None:
    cell = md_escape("left | right")
    table = f"| a | b |\n|---|---|\n| {cell} | two |\n"
    out = as_html(table)
    assert out.count("<td>") == 2
    assert "<td>left | right</td>" in out


@pytest.mark.parametrize("text", ["Renew AT&amp;T", "Show &#60;b&#62; literally", "&copy; notice"])
def test_entity_references_stay_literal(text: str) -> None:
    """'AT&amp;T' must not be shown as 'AT&T', nor '&#60;b&#62;' as '<b>'."""
    assert paragraph_text(md_escape(text)) == text


# -- through the template -----------------------------------------------------------------


def test_hostile_names_and_titles_stay_text_in_the_markdown_brief() -> None:
    plan = hostile_plan()
    for person in plan.index.people:
        text = render_brief(brief(plan, person, as_of=AS_OF), "md")
        out = as_html(text)
        assert "<script" not in out
        assert "<img" not in out
        assert "<b>" not in out
        assert "<a " not in out
        assert out.count("<h1>") == 1
        for row in re.findall(r"<tr>(.*?)</tr>", out, flags=re.DOTALL):  # no row gains or loses a cell
            assert row.count("<td") + row.count("<th") == 4


def test_the_markdown_brief_shows_the_text_itself() -> None:
    plan = hostile_plan()
    lead = render_brief(brief(plan, "lead", as_of=AS_OF), "md")
    assert lead.startswith(f"# {md_escape(SCRIPT_NAME)}\n")
    shown = html.unescape(re.sub(r"<[^>]+>", "", as_html(lead)))
    assert SCRIPT_NAME in shown
    amp = render_brief(brief(plan, "amp", as_of=AS_OF), "md")
    shown = html.unescape(re.sub(r"<[^>]+>", "", as_html(amp)))
    assert HOSTILE_TITLE in shown


def test_a_plain_brief_reads_as_plain_markdown() -> None:
    text = render_brief(brief(northwind(), "priya", as_of=AS_OF), "md")
    assert "Close $280k new ARR in mid-market accounts" in text
    assert "Grow new ARR to $7.2M" in text
    assert "\\$" not in text


def test_the_markdown_brief_says_how_many_more_commitments_changes_and_people() -> None:
    hana = brief(heavy_plan(), "hana", as_of=AS_OF)
    text = render_brief(hana, "md")
    assert f"and {hana.more_commitments} more" in text
    assert f"and {hana.more_changes} more" in text
    assert f"and {hana.more_reports} more people" in text


def test_the_markdown_brief_says_how_many_more_of_every_list() -> None:
    hana = brief(heavy_plan(), "hana", as_of=AS_OF)
    text = render_brief(hana, "md")
    assert hana.more_blockers
    assert f"and {hana.more_blockers} more" in text
    assert f"and {hana.more_removing} more" in text
    assert f"and {hana.more_moments} more" in text


ONE_MORE = {
    "more_commitments": 1,
    "more_changes": 1,
    "more_moments": 1,
    "more_blockers": 1,
    "more_removing": 1,
    "more_reports": 1,
}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_one_more_is_said_in_the_singular_and_two_in_the_plural(fmt: Literal["md", "html"]) -> None:
    hana = brief(heavy_plan(), "hana", as_of=AS_OF)
    one = re.sub(r"<[^>]+>|\*", "", render_brief(hana.model_copy(update=ONE_MORE), fmt))
    for wrong in ("1 more people", "1 more commitments", "1 more moments", "1 more obstacles", "1 more changes"):
        assert wrong not in one
    assert "and 1 more person" in one
    assert "and 1 more commitment" in one
    two = re.sub(r"<[^>]+>|\*", "", render_brief(hana.model_copy(update=dict.fromkeys(ONE_MORE, 2)), fmt))
    assert "and 2 more people" in two
    assert "and 2 more commitments" in two
    assert "and 2 more obstacles" in two
    assert "and 2 more moments" in two
