"""Read and check a plan in one call, as ``cascade validate`` does, replaying the last
verdict when nothing it depends on has changed (see :mod:`cascade.store.verdicts`)."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cascade.diagnostics import Report
from cascade.engine import validate
from cascade.errors import PlanError
from cascade.gc_pause import gc_paused
from cascade.limits import Limits
from cascade.read.assemble import read_plan
from cascade.read.readers import Reader
from cascade.store.cached_reader import CachedReader
from cascade.store.verdicts import Question, Verdicts, recall

if TYPE_CHECKING:
    from cascade.model.plan import Plan


@dataclass(frozen=True)
class Checked:
    """What :func:`check` found."""

    report: Report
    plan: Plan | None
    """The plan read; None when it could not be read, or when the kept verdict was replayed."""
    replayed: bool = False
    """True when the report is the last run's, replayed without reading the plan."""


@gc_paused
def check(
    path: str | os.PathLike[str],
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    as_of: dt.date | None = None,
    limits: Limits | Mapping[str, int] | None = None,
    cache: bool = False,
) -> Checked:
    """Read the plan at ``path`` and check it: :func:`cascade.load` then :func:`cascade.validate`.

    A plan that cannot be read gives a report of why, not an exception. With ``cache=True``
    the files' outcomes are cached, and the report is kept: a later call with the same
    arguments on files whose status has not changed replays it without reading them.
    """
    question = Question.asked(path, select=select, ignore=ignore, as_of=as_of, limits=limits)
    kept, verdicts = recall(question, cache=cache)
    if kept is not None:
        return Checked(kept, None, replayed=True)
    return check_afresh(question, verdicts, cache=cache)


def check_afresh(question: Question, verdicts: Verdicts | None, *, cache: bool) -> Checked:
    """Read and check the plan ``question`` names; with ``verdicts`` (those :func:`recall`
    found no report in), the files it listed and stat'ed are not listed again, and the
    report is kept for next time."""
    started = time.time_ns()
    given = question.path
    reader = (
        CachedReader(  # what recall listed and stat'ed is not done again
            given,
            listing=verdicts.listing if verdicts is not None else None,
            statuses=verdicts.statuses if verdicts is not None else None,
        )
        if cache
        else Reader(given)
    )
    try:
        plan = read_plan(reader, limits=question.limits)
    except PlanError as exc:
        return Checked(Report(sorted(exc.diagnostics, key=lambda d: d.sort_key())), None)
    finally:
        reader.close()
    report = validate(plan, select=question.select, ignore=question.ignore, as_of=question.as_of)
    if verdicts is not None:
        verdicts.record(report, plan.files, started)
    return Checked(report, plan)
