"""cascade: turn what a company intends into what each person does.

    import cascade
    plan = cascade.load("plans/")
    report = cascade.validate(plan)
    brief = cascade.brief(plan, "priya")
    cascade.render(plan, "briefs/", formats=["md", "html"])
    changes = cascade.diff(old_plan, plan)

The functions ``brief``, ``diff`` and ``render`` share their names with the modules that
define them; the functions win. Rendering loads Jinja2 and icalendar on first use, so that
a command such as ``cascade validate`` starts quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cascade._version import __version__

if TYPE_CHECKING:
    from cascade.briefing import Brief, brief
    from cascade.diagnostics import Diagnostic, Location, Report, Severity
    from cascade.dumping import dump, dumps
    from cascade.engine import validate
    from cascade.errors import CascadeError, PlanError
    from cascade.limits import Limits
    from cascade.model.plan import Plan
    from cascade.model.provenance import Provenance
    from cascade.model.records import Blocker, Change, Checks, Header, Measure, Moment, Node, Person, Policy, Team
    from cascade.plan_check import Checked, check
    from cascade.plan_diff import PlanDiff, diff
    from cascade.read.assemble import load, loads
    from cascade.read.revision import RevisionError
    from cascade.rendering import render
    from cascade.rendering.brief_files import RenderError
    from cascade.rendering.diagram import UnknownNode
    from cascade.rendering.pdf import PdfUnavailable
    from cascade.starters import SeedError

# name -> module that defines it; imported on first use (PEP 562), so that the command line
# pays only for what a command needs.
_LAZY = {
    "Blocker": "model.records",
    "Change": "model.records",
    "Checks": "model.records",
    "Header": "model.records",
    "Measure": "model.records",
    "Moment": "model.records",
    "Node": "model.records",
    "Person": "model.records",
    "Policy": "model.records",
    "Team": "model.records",
    "Brief": "briefing",
    "brief": "briefing",
    "Checked": "plan_check",
    "check": "plan_check",
    "Diagnostic": "diagnostics",
    "Location": "diagnostics",
    "Report": "diagnostics",
    "Severity": "diagnostics",
    "PlanDiff": "plan_diff",
    "diff": "plan_diff",
    "dump": "dumping",
    "dumps": "dumping",
    "validate": "engine",
    "Limits": "limits",
    "Plan": "model.plan",
    "Provenance": "model.provenance",
    "CascadeError": "errors",
    "PlanError": "errors",
    "PdfUnavailable": "rendering.pdf",
    "RenderError": "rendering.brief_files",
    "RevisionError": "read.revision",
    "SeedError": "starters",
    "UnknownNode": "rendering.diagram",
    "load": "read.assemble",
    "loads": "read.assemble",
    "render": "rendering",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cascade' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"cascade.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "Blocker",
    "Brief",
    "CascadeError",
    "Change",
    "Checked",
    "Checks",
    "Diagnostic",
    "Header",
    "Limits",
    "Location",
    "Measure",
    "Moment",
    "Node",
    "PdfUnavailable",
    "Person",
    "Plan",
    "PlanDiff",
    "PlanError",
    "Policy",
    "Provenance",
    "RenderError",
    "Report",
    "RevisionError",
    "SeedError",
    "Severity",
    "Team",
    "UnknownNode",
    "__version__",
    "brief",
    "check",
    "diff",
    "dump",
    "dumps",
    "load",
    "loads",
    "render",
    "validate",
]
