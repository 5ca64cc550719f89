"""Pause the cyclic garbage collector for the length of a call to one of the library's
entry points (``load``, ``loads``, ``validate``, ``check``), and nowhere else.

Reading makes millions of containers and frees none of them, yet each batch of new
objects wakes the collector to scan them all again; pausing it roughly halves the time.
The command line disables the collector for its whole run, so there this does nothing.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def gc_paused(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` with the collector paused while it runs (restored after, if it was on)."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():  # the command line, or an entry point called by another
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused
