"""The rule catalogue: every code, in order, mapped to the rule that documents and checks it.

One module per family, as in the format's table: structure (CAS0xx), graph (CAS10x),
ownership (CAS20x), dates (CAS30x), measures (CAS40x), leadership (CAS50x), capacity (CAS60x).
"""

from __future__ import annotations

from cascade.rules import capacity, dates, graph, leadership, measures, ownership, structure
from cascade.rules.base import Context, Rule

REGISTRY: dict[str, type[Rule]] = {
    rule.code: rule
    for family in (structure, graph, ownership, dates, measures, leadership, capacity)
    for rule in family.RULES
}
"""Rule code -> rule class, in catalogue order."""


def get_rule(code: str) -> type[Rule] | None:
    return REGISTRY.get(code.upper())


__all__ = ["REGISTRY", "Context", "Rule", "get_rule"]
