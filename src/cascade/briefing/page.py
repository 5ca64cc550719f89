"""How much of the printed page a brief fills, estimated from what it shows.

The builder fills the page before it cuts a list: it adds items while the estimate stays
within :data:`ROOM`. The estimate follows the built-in stylesheet (brief.css): its font
sizes and line heights, its column widths, and its line caps (a ``c1`` text is one line, a
``c2`` text at most two), with the number of lines a text wraps to guessed from its length
at a generous width per character, so that it errs on the tall side. Every length is in
millimetres of the printed page; tests/browser/test_one_page.py compares it with Chromium.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from cascade.briefing.content import Brief, ChangeItem, Commitment, HelpItem, MomentItem, ReportItem

_PT = 25.4 / 72
LINE = 8.5 * 1.3 * _PT
"""One line of body text (8.5pt, line height 1.3)."""
SMALL = 7 * 1.3 * _PT
"""One line of the small grey text: a line of sight, a role, a report's commitment."""
ROOM = 279.4 - 2 * 9 - 12
"""The height a brief may fill: Letter's (the shorter paper) inside its 9 mm margins, less
12 mm kept free against an estimate that runs short."""

_MM_PER_CHAR = 1.75
"""The width of one character of body text, on the wide side (DejaVu Sans at 8.5pt)."""
_WIDTH = 186.0
_COLUMN = (_WIDTH - 4) / 2
_TITLE = _WIDTH - 19 - 0.3 * _WIDTH - 2
_MEASURE = 0.3 * _WIDTH - 2
_HEADING = LINE + 2.2 + 0.6
_TABLE_HEAD = SMALL + 1.2
_ROW = 1.2
"""A table row's padding and border."""
_CARD = 0.6
_FIXED = 13.5 + 13.6 + 4.5
"""The header, the timeline (a 700 x 48 drawing across the page) and the footer."""


def lines(text: str, width: float, most: int = 2) -> int:
    """How many lines ``text`` takes in a box ``width`` mm wide, at most ``most``."""
    return max(1, min(most, math.ceil(len(text) * _MM_PER_CHAR / width)))


def commitment(item: Commitment) -> float:
    tags = " frontline with " + ", ".join(item.with_people) if item.frontline else ""
    tags += " in person" * item.personal + (f" {item.status}" if item.status != "planned" else "")
    # tags are set smaller than the title
    left = lines(item.title + tags[: int(len(tags) * 0.8)], _TITLE) * LINE
    left += SMALL * bool(item.why) + SMALL * bool(item.parts or item.own_parts)
    if item.target and item.done_when:
        right = LINE + SMALL
    else:
        right = lines(item.target or item.done_when or "", _MEASURE) * LINE
    return max(left, right) + _ROW


def change(item: ChangeItem) -> float:
    return LINE + lines(f"{item.before} → {item.after}", _COLUMN) * LINE + _CARD


def moment(item: MomentItem, standard: int) -> float:
    """A moment with the first ``standard`` lines of its standard."""
    return LINE + min(standard, len(item.standard)) * LINE + _CARD


def obstacle(item: HelpItem) -> float:
    return lines(item.title, _COLUMN) * LINE + LINE + _CARD


def removing(item: HelpItem) -> float:
    return lines(f"{item.title} for {item.raised_by or ''}, by 00 Mmm", _COLUMN) * LINE


def report(item: ReportItem, shown: int) -> float:
    """A report's row with ``shown`` of their commitments."""
    person = LINE + SMALL * bool(item.person.role)
    theirs = min(shown, len(item.commitments) + item.more_commitments)
    work = theirs * SMALL if theirs else LINE
    return max(person, work, lines(item.target or "", 0.17 * _WIDTH - 2) * LINE) + _ROW


def total(
    *,
    header: float,
    commitments: Sequence[float],
    left: float,
    right: float,
    people: Sequence[float] | None,
) -> float:
    """The page: the header, the commitments' rows, the two columns side by side and, for a
    leader, the rows of the table of their people."""
    height = header + _HEADING
    height += (_TABLE_HEAD + sum(commitments)) if commitments else 2 * LINE
    height += max(left, right)
    if people is not None:
        height += _HEADING + _TABLE_HEAD + sum(people)
    return height


def header(role: str | None, manager: str | None, teams: Sequence[str]) -> float:
    """The header, the timeline and the footer; the line under the name (role, manager and
    teams) may wrap to two lines."""
    text = f"{role or ''} · reports to {manager or ''} · {', '.join(teams)}"
    return _FIXED + (lines(text, _WIDTH - 55, 2) - 1) * LINE


def left_column(changes: Sequence[float], since: int | None, moments: Sequence[float]) -> float:
    """What changes, what changed since (how many items; None without ``--since``), and the
    customer moments; each list as the heights of its items."""
    height = _HEADING + sum(changes)
    if not changes and not since:
        height += LINE
    if since is not None:
        height += LINE * (1 + since)
    if moments:
        height += _HEADING + sum(moments)
    return height


def right_column(blockers: Sequence[float], removes: Sequence[float]) -> float:
    """Who helps, and the obstacles the person removes, as the heights of their items."""
    height = _HEADING + (sum(blockers) if blockers else 2 * LINE)
    if removes:
        height += _HEADING + sum(removes)
    return height


def height(brief: Brief) -> float:
    """The estimated height of a built brief."""
    standard = max((len(m.standard) for m in brief.moments), default=0)
    shown = max((len(r.commitments) for r in brief.reports), default=0)
    return total(
        header=header(brief.person.role, brief.manager.name if brief.manager else None, brief.teams),
        commitments=[commitment(c) for c in brief.commitments],
        left=left_column(
            [change(c) for c in brief.changes],
            len(brief.since) if brief.since_label is not None else None,
            [moment(m, standard) for m in brief.moments],
        ),
        right=right_column([obstacle(b) for b in brief.blockers], [removing(b) for b in brief.removing]),
        people=[report(r, shown) for r in brief.reports] if brief.is_leader else None,
    )
