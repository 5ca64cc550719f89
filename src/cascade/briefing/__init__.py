"""The brief of one person: its typed content, and the builder that fills it from a plan."""

from cascade.briefing.builder import BriefMaker, brief
from cascade.briefing.content import (
    DEFAULT_BUDGET,
    Brief,
    BriefModel,
    Budget,
    ChangeItem,
    Commitment,
    CoverageItem,
    HelpItem,
    MomentItem,
    PersonRef,
    ReportItem,
    SinceItem,
    Step,
    Timeline,
    TimelineMark,
)

__all__ = [
    "DEFAULT_BUDGET",
    "Brief",
    "BriefMaker",
    "BriefModel",
    "Budget",
    "ChangeItem",
    "Commitment",
    "CoverageItem",
    "HelpItem",
    "MomentItem",
    "PersonRef",
    "ReportItem",
    "SinceItem",
    "Step",
    "Timeline",
    "TimelineMark",
    "brief",
]
