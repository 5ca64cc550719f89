"""Runs the rules and decides what is shown: severity, the plan's checks, flags, per-node and per-person ignores."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from cascade.diagnostics import Diagnostic, Finding, Report, Severity
from cascade.gc_pause import gc_paused
from cascade.model.plan import Plan
from cascade.rules import REGISTRY, Context


@dataclass(frozen=True)
class Selection:
    """What the command line asks for, on top of the plan's own ``checks``."""

    select: frozenset[str] | None = None
    """Only these codes (or code prefixes such as ``CAS5``); None for all."""
    ignore: frozenset[str] = frozenset()
    """Codes (or prefixes) switched off."""


@gc_paused
def validate(
    plan: Plan,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    as_of: dt.date | None = None,
) -> Report:
    """Check a plan against every rule and return the report, sorted by place.

    The rules see the plan as it is now: derived data worked out before (the index, the
    graph...) is dropped first (:meth:`Plan.refresh`), so edits made in place count. A path
    is a ``TypeError``: read it with :func:`cascade.load`, or read and check it in one call
    with :func:`cascade.plan_check`.
    """
    if not isinstance(plan, Plan):
        raise TypeError(_not_a_plan(plan))
    plan.refresh()
    selection = Selection(
        frozenset(c.upper() for c in select) if select else None,
        frozenset(c.upper() for c in ignore),
    )
    ctx = Context(plan, as_of or dt.date.today())
    findings: list[Finding] = list(plan.load_findings)
    for code, rule_class in REGISTRY.items():
        if rule_class.reported_by_reader or not _wanted(code, selection):
            continue
        findings.extend(rule_class().check(ctx))
    return Report(_decide(plan, findings, selection))


def _not_a_plan(given: object) -> str:
    message = f"validate() takes a Plan (from cascade.load or cascade.loads), not {type(given).__name__}"
    if isinstance(given, str | os.PathLike):
        # a str may be a path or YAML text: guessing would read the wrong one
        return message + ": for a path, use cascade.validate(cascade.load(path)) or cascade.check(path)"
    return message


def _wanted(code: str, selection: Selection) -> bool:
    if selection.select is not None and not any(code.startswith(s) for s in selection.select):
        return False
    return not any(code.startswith(s) for s in selection.ignore)


def _decide(plan: Plan, findings: Iterable[Finding], selection: Selection) -> list[Diagnostic]:
    checks = plan.plan.checks
    plan_ignored = set(checks.ignore)
    overrides = {code: Severity(level) for code, level in checks.severity.items()}
    nodes, people = plan.index.nodes, plan.index.people
    out: list[Diagnostic] = []
    for finding in findings:
        code = finding.code
        if code in plan_ignored or not _wanted(code, selection):
            continue
        rule = REGISTRY.get(code)
        severity = overrides.get(code, rule.severity if rule else Severity.ERROR)
        if severity is Severity.OFF:
            continue
        if finding.ids:
            # a finding names first the record it stands at: a node, or a person (CAS204,
            # CAS504, CAS601...), whose own ``ignore`` may silence it
            first = finding.ids[0]
            subject = nodes.get(first) or people.get(first)
            if subject is not None and code in subject.ignore:
                continue
        where = finding.where
        out.append(Diagnostic(code, severity, finding.message, where.file, where.line, where.column, finding.ids))
    out.sort(key=Diagnostic.sort_key)
    return out
