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

from ._version import __version__

if TYPE_CHECKING:
    from .briefing import Brief, brief
    from .checking import Checked, check
    from .diagnostics import Diagnostic, Location, Report, Severity
    from .dumping import dump, dumps
    from .engine import validate
    from .limits import Limits
    from .model import Blocker, Change, Checks, Header, Measure, Moment, Node, Person, Policy, Team
    from .plan import Plan, PlanError
    from .plandiff import PlanDiff, diff
    from .reading import load, loads
    from .rendering import render

# name -> module that defines it; imported on first use (PEP 562), so that the command line
# pays only for what a command needs.
_LAZY = {
    "Blocker": "model",
    "Change": "model",
    "Checks": "model",
    "Header": "model",
    "Measure": "model",
    "Moment": "model",
    "Node": "model",
    "Person": "model",
    "Policy": "model",
    "Team": "model",
    "Brief": "briefing",
    "brief": "briefing",
    "Checked": "checking",
    "check": "checking",
    "Diagnostic": "diagnostics",
    "Location": "diagnostics",
    "Report": "diagnostics",
    "Severity": "diagnostics",
    "PlanDiff": "plandiff",
    "diff": "plandiff",
    "dump": "dumping",
    "dumps": "dumping",
    "validate": "engine",
    "Limits": "limits",
    "Plan": "plan",
    "PlanError": "plan",
    "load": "reading",
    "loads": "reading",
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
    "Person",
    "Plan",
    "PlanDiff",
    "PlanError",
    "Policy",
    "Report",
    "Severity",
    "Team",
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
