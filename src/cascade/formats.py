"""The formats a brief is written in, and its paper sizes: light enough for the command line's help."""

from __future__ import annotations

from typing import Literal

FORMATS = ("md", "html", "pdf", "ics")
Paper = Literal["a4", "letter"]
