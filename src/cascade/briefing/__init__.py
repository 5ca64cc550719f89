"""The brief of one person: its typed content, and the builder that fills it from a plan."""

from cascade.briefing import content
from cascade.briefing.builder import BriefMaker, brief
from cascade.briefing.content import *  # noqa: F403  (the content's own __all__ says what)

__all__ = ["BriefMaker", "brief"]
__all__ += content.__all__
