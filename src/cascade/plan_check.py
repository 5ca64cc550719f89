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
from cascade.gc_pause import gc_paused
from cascade.limits import Limits
from cascade.store.verdicts import Question, Verdicts

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
    given = os.fspath(path)
    question = Question(
        given,
        frozenset(c.upper() for c in select) if select else None,
        frozenset(c.upper() for c in ignore),
        as_of or dt.date.today(),  # "today" is part of the question: overdue dates depend on it
        limits,
    )
    verdicts = Verdicts(question) if cache and os.path.exists(given) else None
    if verdicts is not None:
        kept = verdicts.replay()
        if kept is not None:
            return Checked(kept, None, replayed=True)

    # Imported here: a replayed verdict needs neither the models nor the rules.
    from cascade.engine import validate
    from cascade.errors import PlanError
    from cascade.read.assemble import read_plan

    started = time.time_ns()
    try:
        if verdicts is None:
            plan = read_plan(given, limits=limits, cache=cache)
        else:  # what replay() listed and stat'ed is not done again
            plan = read_plan(given, limits=limits, cache=cache, listing=verdicts.listing, statuses=verdicts.statuses)
    except PlanError as exc:
        return Checked(Report(sorted(exc.diagnostics, key=lambda d: d.sort_key())), None)
    report = validate(plan, select=question.select, ignore=question.ignore, as_of=question.as_of)
    if verdicts is not None:
        verdicts.record(report, plan.files, started)
    return Checked(report, plan)
