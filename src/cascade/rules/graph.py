"""The cascade as a graph: no cycles, and every top-level objective reaches a commitment."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from cascade.diagnostics import Finding
from cascade.rules.base import Context, Rule, label, valid_commitment

if TYPE_CHECKING:
    from cascade.model.links import DiGraph
    from cascade.model.plan import Plan


class Cycle(Rule):
    """A node is, through ``children`` and ``supports``, below itself. A plan must flow
    one way, from the company objective down to people's commitments. Each cycle is
    reported once, at the node of the cycle written first, naming its ids in order.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: grow, title: Grow revenue, owner: ana, supports: [retain]}
          - {id: retain, title: Keep every customer, owner: ana, supports: [grow]}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: grow, title: Grow revenue, owner: ana}
          - {id: retain, title: Keep every customer, owner: ana, supports: [grow]}
    """

    code, name, summary = "CAS101", "cascade-cycle", "cycle in the cascade"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        if plan.links.is_acyclic():  # the usual case: networkx is needed only to name the cycles
            return
        import networkx as nx  # only for a plan with a cycle, to find and name each one

        graph = plan.graph
        order = {node_id: n for n, node_id in enumerate(plan.index.nodes)}
        for component in nx.strongly_connected_components(graph):
            if len(component) == 1:
                (only,) = component
                if not graph.has_edge(only, only):
                    continue
            start = min(component, key=order.__getitem__)
            cycle = _cycle_through(graph, component, start)
            shown = " -> ".join([*cycle, cycle[0]])
            node = plan.index.nodes[start]
            yield self.finding(
                f"cycle in the cascade: {shown}; a plan must flow one way, from objectives down to commitments",
                plan.where(node),
                *cycle,
            )


def _cycle_through(graph: DiGraph, component: set[str], start: str) -> list[str]:
    """One cycle that passes through ``start``, in order, starting there."""
    if graph.has_edge(start, start):
        return [start]
    sub = graph.subgraph(component)
    step = next(iter(sub.successors(start)))  # in a strong component every successor leads back
    import networkx as nx

    back: list[str] = nx.shortest_path(sub, step, start)
    return [start, *back[:-1]]


class NeverCascaded(Rule):
    """A top-level objective (a node with no parent) has nothing below it, or nothing
    below it is a real commitment: a leaf with one person as owner and a due date. Such
    an objective stays an intention; nobody has been asked to do anything about it.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - {id: nps, title: Raise customer satisfaction, owner: ana, due: 2027-06-30}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: nps
            title: Raise customer satisfaction
            owner: ana
            due: 2027-06-30
            children:
              - {id: ana-calls, title: Call every account after onboarding, owner: ana, due: 2027-03-31}
    """

    code, name, summary = "CAS102", "never-cascaded", "objective never cascaded to a commitment"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        links, nodes = plan.links, plan.index.nodes
        parents = links.parents
        tops = [n for n in nodes if n not in parents]
        # First, down from each objective until a valid commitment: a few steps each in a sound
        # plan. No node is entered twice, so an objective whose search comes back empty may only
        # have met nodes searched before; those few are decided exactly, walking up from every
        # valid commitment.
        entered: set[str] = set()
        unsure = [top for top in tops if not links.is_leaf(top) and not _finds_commitment(plan, top, entered)]
        reached = _above_commitments(plan) if unsure else set()
        for node_id in tops:
            if links.is_leaf(node_id):
                why = "nothing is below it; break it down into commitments with an owner and a date"
            elif node_id in reached or node_id not in unsure:
                continue
            else:
                why = "no commitment below it has both one person as owner and a due date"
            node = nodes[node_id]
            yield self.finding(f"objective {label(node)} is never cascaded: {why}", plan.where(node), node_id)


def _finds_commitment(plan: Plan, top: str, entered: set[str]) -> bool:
    links, nodes, people = plan.links, plan.index.nodes, plan.index.people
    stack = [top]
    while stack:
        current = stack.pop()
        if current in entered:
            continue
        entered.add(current)
        below = links.below(current)
        if below:
            stack.extend(below)
        elif valid_commitment(nodes[current], people):
            return True
    return False


def _above_commitments(plan: Plan) -> set[str]:
    """Every node with a valid commitment below it (or being one)."""
    links, nodes, people = plan.links, plan.index.nodes, plan.index.people
    reached: set[str] = set()
    stack = [n for n in links.leaves() if valid_commitment(nodes[n], people)]
    while stack:
        current = stack.pop()
        if current not in reached:
            reached.add(current)
            stack.extend(links.above(current))
    return reached


class ReportingCycle(Rule):
    """Someone reports, through their managers, to themselves. Reporting lines must form
    a tree, or nobody can say whose organisation anyone belongs to. Each cycle is reported
    once, at the ``manager`` of the person written first, naming the people in order.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg, manager: ana}
          - {id: ana, name: Ana Lima, manager: lea}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: ana, name: Ana Lima, manager: lea}
    """

    code, name, summary = "CAS103", "reporting-cycle", "cycle in the reporting lines"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        people = plan.index.people
        if plan.organisation.is_forest() and all(p.manager != pid for pid, p in people.items()):
            return  # the usual case: no strong components to look for
        import networkx as nx

        # The organisation graph points manager -> report, so a cycle there is a reporting cycle.
        graph = plan.organisation.org
        order = {person_id: n for n, person_id in enumerate(people)}
        for component in nx.strongly_connected_components(graph):
            if len(component) == 1:
                (only,) = component
                if people[only].manager != only:
                    continue
                cycle = [only]
            else:
                start = min(component, key=order.__getitem__)
                # walk up the managers from the first person until the walk comes back
                cycle = [start]
                manager = people[start].manager
                while manager is not None and manager != start and len(cycle) <= len(component):
                    cycle.append(manager)
                    manager = people[manager].manager
            names = " -> ".join(people[p].name for p in [*cycle, cycle[0]])
            first = people[cycle[0]]
            yield self.finding(
                f"the reporting lines go round in a circle: {names} (each reports to the next)",
                plan.where(first, "manager"),
                *cycle,
            )


RULES: tuple[type[Rule], ...] = (Cycle, NeverCascaded, ReportingCycle)
