"""What, in numbers: children's targets add up to their parent's, in the same unit, and
every commitment says how anyone will know it is done."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from cascade.diagnostics import Finding
from cascade.model.amounts import Number, Rounding, add, amount_text, percent_text, ratio
from cascade.model.plan import Plan
from cascade.model.records import Node
from cascade.rules.base import Context, Rule, label, leaves


def coverage(node: Node, children: Iterable[Node]) -> tuple[Number, Fraction] | None:
    """(sum of the same-unit children's targets, ratio to the node's target), or None when
    the node has no positive target or no child has a target in its unit. Both are exact."""
    if node.measure is None or node.measure.target is None or node.measure.target <= 0:
        return None
    unit = node.measure.unit
    targets = [
        c.measure.target
        for c in children
        if c.measure is not None and c.measure.target is not None and c.measure.unit == unit
    ]
    if not targets:
        return None
    total = add(targets)
    return total, ratio(total, node.measure.target)


def _coverages(plan: Plan) -> list[tuple[Node, str | None, Number, Number, Fraction]]:
    """(node, unit, target, children's total, ratio) for every node with a target and something below it."""
    out: list[tuple[Node, str | None, Number, Number, Fraction]] = []
    for node, below in plan.links.families:  # only nodes with something below
        if node.measure is None or node.measure.target is None:
            continue
        found = coverage(node, below)
        if found is not None:
            out.append((node, node.measure.unit, node.measure.target, *found))
    return out


class _Coverage(Rule):
    rounding: Rounding
    """Which way a ratio next to its bound is rounded, so that it never reads as the bound it missed."""
    policy: str
    """What the message says the policy wants, before the bound."""

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        bounds = plan.plan.policy.quota_coverage
        for node, unit, target, total, share in ctx.shared("coverage", lambda: _coverages(plan)):  # CAS401, CAS402
            bound = self._missed(share, bounds.min, bounds.max)
            if bound is not None:
                shown, wanted = percent_text(share), percent_text(bound)
                if shown == wanted:  # 99.6% of a 100% minimum reads 99%, not 100%
                    shown = percent_text(share, self.rounding)
                yield self.finding(
                    f"the targets below {label(node)} add up to {amount_text(total, unit)}, "
                    f"{shown} of its {amount_text(target, unit)}; {self.policy} {wanted}",
                    plan.where(node, "measure", "target"),
                    node.id,
                )

    def _missed(self, share: Fraction, low: Number, high: Number) -> Number | None:
        """The bound ``share`` is on the wrong side of, if any."""
        raise NotImplementedError


class UnderCovered(_Coverage):
    """The targets of a node's children add up to less than ``quota_coverage.min`` (100%
    by default) of its own target: even if everyone delivers, the objective is missed.
    Only children with a target in the parent's unit count.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: ana
            due: 2027-06-30
            measure: {unit: USD, target: 100000}
            children:
              - {id: north, title: Close up north, owner: ana, due: 2027-05-31, measure: {unit: USD, target: 60000}}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: ana
            due: 2027-06-30
            measure: {unit: USD, target: 100000}
            children:
              - {id: north, title: Close up north, owner: ana, due: 2027-05-31, measure: {unit: USD, target: 110000}}
    """

    code, name, summary = "CAS401", "under-covered", "children's targets do not cover the parent's"
    severity = Rule.warning

    rounding: Rounding = "down"
    policy = "the policy asks for at least"

    def _missed(self, share: Fraction, low: Number, high: Number) -> Number | None:
        return low if share < low else None


class OverCovered(_Coverage):
    """The targets of a node's children add up to more than ``quota_coverage.max`` (150%
    by default) of its own target: people are asked for far more than the plan needs,
    which makes their targets hard to believe.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: ana
            due: 2027-06-30
            measure: {unit: USD, target: 100000}
            children:
              - {id: north, title: Close up north, owner: ana, due: 2027-05-31, measure: {unit: USD, target: 200000}}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: ana
            due: 2027-06-30
            measure: {unit: USD, target: 100000}
            children:
              - {id: north, title: Close up north, owner: ana, due: 2027-05-31, measure: {unit: USD, target: 120000}}
    """

    code, name, summary = "CAS402", "over-covered", "children's targets far exceed the parent's"
    severity = Rule.warning

    rounding: Rounding = "up"
    policy = "the policy allows at most"

    def _missed(self, share: Fraction, low: Number, high: Number) -> Number | None:
        return high if share > high else None


class UnitMismatch(Rule):
    """A child's measure is in another unit than its parent's (euros under a dollar
    target, meetings under revenue), so the two cannot be added up.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: ana
            due: 2027-06-30
            measure: {unit: USD, target: 100000}
            children:
              - {id: north, title: Close up north, owner: ana, due: 2027-05-31, measure: {unit: EUR, target: 100000}}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: ana
            due: 2027-06-30
            measure: {unit: USD, target: 100000}
            children:
              - {id: north, title: Close up north, owner: ana, due: 2027-05-31, measure: {unit: USD, target: 100000}}
    """

    code, name, summary = "CAS403", "unit-mismatch", "child's unit differs from its parent's"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        for parent, below in plan.links.families:  # parent by parent
            theirs = parent.measure.unit if parent.measure is not None else None
            if theirs is None:
                continue
            for child in below:
                mine = child.measure.unit if child.measure is not None else None
                if mine is None or mine == theirs:
                    continue
                yield self.finding(
                    f"{label(child)} is measured in {mine} but {label(parent)}, which it adds to, "
                    f"is measured in {theirs}",
                    plan.where(child, "measure", "unit"),
                    child.id,
                    parent.id,
                )


class VagueCommitment(Rule):
    """A commitment has neither a measure target nor ``done_when``: nobody can tell
    when it is done. Give it a number, or one sentence saying what done looks like.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: ana-pipe, title: Work on pipeline, owner: ana, due: 2027-03-31}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: ana-pipe
            title: Work on pipeline
            owner: ana
            due: 2027-03-31
            done_when: Twenty qualified first meetings are booked
    """

    code, name, summary = "CAS404", "vague-commitment", "commitment with no target and no done_when"
    severity = Rule.warning

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        for node in leaves(plan):
            if node.done_when or (node.measure is not None and node.measure.target is not None):
                continue
            if plan.was_dropped(node, "measure") or plan.was_dropped(node, "measure.target"):
                continue
            if plan.was_dropped(node, "done_when"):
                continue
            yield self.finding(
                f"commitment {label(node)} is vague: give it a measure target or a done_when",
                plan.where(node),
                node.id,
            )


RULES: tuple[type[Rule], ...] = (UnderCovered, OverCovered, UnitMismatch, VagueCommitment)
