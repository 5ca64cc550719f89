"""Helpers of the rule tests: read a snippet, validate it as of a fixed day, and look at the
diagnostics as (line, column, code) triples, so that a test states where each fault stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import cascade
from cascade import Diagnostic

AS_OF = dt.date(2026, 11, 27)
"""Before every 2027 plan period of the snippets: nothing is overdue unless a test says so."""

HEAD = "cascade: 1\nplan: {name: Demo, start: 2027-01-01, end: 2027-06-30}\n"
"""A plan header on lines 1 and 2: the records of a snippet start on line 3."""

Triple = tuple[int, int, str]


def report(
    text: str,
    *,
    as_of: dt.date = AS_OF,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
) -> list[Diagnostic]:
    """Every diagnostic of ``text``, in report order; the snippet must be readable."""
    plan = cascade.loads(text)
    return list(cascade.validate(plan, select=select, ignore=ignore, as_of=as_of).diagnostics)


def diags(text: str, code: str | None = None, *, as_of: dt.date = AS_OF) -> list[Triple]:
    """(line, column, code) of the diagnostics of ``text``; only those of ``code`` when given."""
    return [(d.line, d.column, d.code) for d in report(text, as_of=as_of) if code is None or d.code == code]


def of_code(text: str, code: str, *, as_of: dt.date = AS_OF) -> list[Diagnostic]:
    """The diagnostics of one code."""
    return [d for d in report(text, as_of=as_of) if d.code == code]


def codes(text: str, *, as_of: dt.date = AS_OF) -> set[str]:
    return {d.code for d in report(text, as_of=as_of)}
