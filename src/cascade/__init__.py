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

from ._version import __version__
from .brief import Brief, brief
from .diagnostics import Diagnostic, Location, Report, Severity
from .diff import PlanDiff, diff
from .dump import dump, dumps
from .engine import validate
from .limits import Limits
from .model import Blocker, Change, Checks, Header, Measure, Moment, Node, Person, Policy, Team
from .plan import Plan, PlanError
from .reading import load, loads
from .render import render

__all__ = [
    "Blocker",
    "Brief",
    "Change",
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
    "diff",
    "dump",
    "dumps",
    "load",
    "loads",
    "render",
    "validate",
]
