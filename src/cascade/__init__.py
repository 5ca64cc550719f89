"""cascade: turn what a company intends into what each person does.

import cascade
plan = cascade.load("plans/")
report = cascade.validate(plan)
"""

from __future__ import annotations

from ._version import __version__
from .diagnostics import Diagnostic, Location, Report, Severity
from .dump import dump, dumps
from .engine import validate
from .limits import Limits
from .model import Blocker, Change, Checks, Header, Measure, Moment, Node, Person, Policy, Team
from .plan import Plan, PlanError
from .reading import load, loads

__all__ = [
    "Blocker",
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
    "PlanError",
    "Policy",
    "Report",
    "Severity",
    "Team",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
    "validate",
]
