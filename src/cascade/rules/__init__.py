"""The rule catalogue: every code, in order, mapped to the rule that documents and checks it."""

from __future__ import annotations

from .base import Context, Rule
from .structure import RULES as _STRUCTURE

REGISTRY: dict[str, type[Rule]] = {rule.code: rule for rule in (*_STRUCTURE,)}
"""Rule code -> rule class, in catalogue order."""


def get_rule(code: str) -> type[Rule] | None:
    return REGISTRY.get(code.upper())


__all__ = ["REGISTRY", "Context", "Rule", "get_rule"]
