"""The plan as graphs, and plain queries on them; no rule logic lives here.

Two graphs: the cascade (node ids, parent -> child, through ``children`` and ``supports``)
and the organisation (person ids, manager -> report). Each is kept as plain adjacency
lists, which is what the rules walk, and is available as a networkx ``DiGraph`` for its
algorithms (cycles, paths) and for drawing; networkx is imported only then. Every query
here is linear in what it returns, so the rules built on them stay linear in the size of
the plan.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

from cascade.model.index import PlanIndex
from cascade.model.records import Node, Person, Team

if TYPE_CHECKING:
    import networkx as nx

    DiGraph: TypeAlias = nx.DiGraph[str]  # networkx's classes are generic only in its type stubs


_NONE: tuple[str, ...] = ()


@dataclass(frozen=True)
class Links:
    """The cascade as adjacency lists of node ids: what the rules walk.

    The same edges, in the same order, as :func:`cascade_graph`, which is built from these.
    The rules take every node once or twice, and plain lists cost a fraction of a networkx
    graph to build and to walk (a third of a whole run at a million nodes); networkx is used
    where its algorithms are needed: cycles, paths, drawing.
    """

    nodes: dict[str, Node]
    nested: dict[str, str]
    """Node id -> the node it is written under (``children``); its first parent."""
    children: dict[str, list[str]]
    """Node id -> the ids below it; nodes with nothing below them are absent."""
    parents: dict[str, list[str]]
    """Node id -> the ids above it; top-level nodes are absent."""

    @functools.cached_property
    def families(self) -> list[tuple[Node, list[Node]]]:
        """Each node with something below it, and the nodes below it, in the order of
        :attr:`children`. Looking an id up in a table of a million nodes costs far more than
        reading the node (the table is out of the processor's cache): the rules that go
        parent by parent share these lookups, made once."""
        nodes = self.nodes
        return [(nodes[parent], [nodes[child] for child in below]) for parent, below in self.children.items()]

    def below(self, node_id: str) -> Sequence[str]:
        return self.children.get(node_id, _NONE)

    def above(self, node_id: str) -> Sequence[str]:
        return self.parents.get(node_id, _NONE)

    def is_leaf(self, node_id: str) -> bool:
        return node_id not in self.children

    def edges(self) -> Iterator[tuple[str, str]]:
        """Parent -> child; each parent's children in the order written."""
        for parent, below in self.children.items():
            for child in below:
                yield parent, child

    def leaves(self) -> Iterator[str]:
        children = self.children
        return (n for n in self.nodes if n not in children)

    def is_acyclic(self) -> bool:
        """True when no node is below itself.

        Kahn's algorithm (peel off nodes with no parent left), on the nodes with something
        below them only: a node on a cycle has an edge out, so leaves (most of a plan) can be
        left out, and the nodes above a node are always nodes with something below them.
        """
        children, parents = self.children, self.parents
        waiting = {n: len(parents.get(n, _NONE)) for n in children}
        ready = [n for n, count in waiting.items() if not count]
        peeled = 0
        while ready:
            node = ready.pop()
            peeled += 1
            for child in children[node]:
                left = waiting.get(child)
                if left is not None:  # a child with something below it
                    waiting[child] = left - 1
                    if left == 1:
                        ready.append(child)
        return peeled == len(waiting)


def links_of(index: PlanIndex) -> Links:
    """Edges through ``children`` first, then through ``supports``, each once. Edges to ids that
    are not nodes are left out (CAS006 reports them)."""
    nodes = index.nodes
    nested = index.nested_parent
    children: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    for child, parent in nested.items():
        children.setdefault(parent, []).append(child)
        parents.setdefault(child, []).append(parent)
    for node in nodes.values():
        if not node.supports:
            continue
        child = node.id
        for parent in dict.fromkeys(node.supports):
            if parent in nodes and parent != nested.get(child):
                children.setdefault(parent, []).append(child)
                parents.setdefault(child, []).append(parent)
    return Links(nodes, nested, children, parents)


def cascade_graph(links: Links) -> DiGraph:
    """Node ids, parent -> child, as a networkx graph."""
    import networkx as nx

    graph: DiGraph = nx.DiGraph()
    graph.add_nodes_from(links.nodes)
    # in the order links_of found them, which networkx keeps both ways: each node's children
    # and each node's parents as written (the nested parent first, then ``supports``)
    nested = links.nested
    graph.add_edges_from((parent, child) for child, parent in nested.items())
    graph.add_edges_from(
        (parent, child)
        for child in links.nodes
        for parent in links.parents.get(child, _NONE)
        if parent != nested.get(child)
    )
    return graph


def reporting_lines(index: PlanIndex) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Person -> manager, and manager -> direct reports in the order written. A manager
    who is not in the plan (CAS006), or a person managing themselves (CAS103), is no line."""
    people = index.people
    managers: dict[str, str] = {}
    reports: dict[str, list[str]] = {}
    for pid, person in people.items():
        manager = person.manager
        if manager is not None and manager != pid and manager in people:
            managers[pid] = manager
            reports.setdefault(manager, []).append(pid)
    return managers, reports


def org_graph(index: PlanIndex) -> DiGraph:
    """Person ids, manager -> direct report, as a networkx graph."""
    import networkx as nx

    graph: DiGraph = nx.DiGraph()
    graph.add_nodes_from(index.people)
    graph.add_edges_from((manager, pid) for pid, manager in reporting_lines(index)[0].items())
    return graph


@dataclass
class Organisation:
    """Reporting lines and teams, answering "who is inside whose organisation"."""

    index: PlanIndex
    managers: dict[str, str]
    """Person id -> their manager's, for everyone whose manager is in the plan."""
    reports: dict[str, list[str]]
    """Manager id -> their direct reports' ids, in the order written."""
    _team_leads: dict[str, frozenset[str]] = field(default_factory=dict)
    _team_members: dict[str, frozenset[str]] = field(default_factory=dict)
    _subteams: dict[str, list[str]] | None = None

    @classmethod
    def of(cls, index: PlanIndex) -> Organisation:
        return cls(index, *reporting_lines(index))

    @functools.cached_property
    def org(self) -> DiGraph:
        """The reporting lines as a networkx graph, manager -> report (built on first use)."""
        return org_graph(self.index)

    def manager_of(self, person_id: str) -> str | None:
        return self.managers.get(person_id)

    def direct_reports(self, person_id: str) -> list[str]:
        return list(self.reports.get(person_id, ()))

    def is_leader(self, person_id: str) -> bool:
        return person_id in self.reports

    def _below(self, person_id: str) -> Iterator[str]:
        """Everyone reporting up to the person, directly or not (each once, even on a cycle)."""
        reports = self.reports
        seen = {person_id}
        stack = list(reports.get(person_id, ()))
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            yield current
            stack.extend(reports.get(current, ()))

    def chain(self, person_id: str) -> Iterator[str]:
        """The person, their manager, and so on up; stops on a reporting cycle."""
        seen: set[str] = set()
        current: str | None = person_id
        while current is not None and current not in seen:
            seen.add(current)
            yield current
            current = self.manager_of(current)

    def organisation(self, person_id: str) -> set[str]:
        """The person and everyone reporting up to them, directly or not."""
        if person_id not in self.index.people:
            return set()
        return {person_id, *self._below(person_id)}

    def line_is_broken(self, person_id: str) -> bool:
        """True when someone up the person's reporting line names a manager not in the plan (CAS006)."""
        return person_id in self.broken_lines

    @functools.cached_property
    def broken_lines(self) -> frozenset[str]:
        """Everyone whose reporting line reaches a manager who is not in the plan."""
        # Someone naming a missing manager has no edge in: they top a tree of the graph, and
        # the line of everyone below them is broken too. One walk each, not one per question.
        people = self.index.people
        broken: set[str] = set()
        for person_id, person in people.items():
            if person.manager is not None and person.manager not in people:
                broken.add(person_id)
                broken.update(self._below(person_id))
        return frozenset(broken)

    def in_person_org(self, person_id: str, leader_id: str) -> bool:
        """True when ``person_id`` is ``leader_id`` or reports up to them."""
        spans = self.spans
        return self.within(spans.get(person_id), spans.get(leader_id), person_id, leader_id)

    def within(
        self, inner: tuple[int, int] | None, outer: tuple[int, int] | None, person_id: str, leader_id: str
    ) -> bool:
        """:meth:`in_person_org` for callers that looked the two spans up already (one per parent,
        when a rule asks about every child of a node)."""
        if inner is not None and outer is not None:  # two comparisons instead of a walk up
            return outer[0] <= inner[0] and inner[1] <= outer[1]
        return any(p == leader_id for p in self.chain(person_id))  # on a reporting cycle

    def is_forest(self) -> bool:
        """True when reporting lines have no cycle: the walk down from the tops reaches everyone
        (someone on a cycle, or below one, has their one manager inside it, so no top above)."""
        return len(self.spans) == len(self.index.people)

    @functools.cached_property
    def spans(self) -> dict[str, tuple[int, int]]:
        """When a depth-first walk of the reporting tree enters and leaves each person: someone
        is in a leader's organisation exactly when their interval lies inside the leader's."""
        managers, reports = self.managers, self.reports
        tour: dict[str, tuple[int, int]] = {}
        clock = 0
        for root in (p for p in self.index.people if p not in managers):
            entered = {root: clock}
            stack = [(root, iter(reports.get(root, ())))]
            while stack:
                person, below = stack[-1]
                child = next(below, None)
                if child is None:
                    stack.pop()
                    clock += 1
                    tour[person] = (entered[person], clock)
                elif child not in entered:
                    clock += 1
                    entered[child] = clock
                    stack.append((child, iter(reports.get(child, ()))))
        return tour

    def subteams(self, team_id: str) -> list[str]:
        """Every team below this one, at any depth."""
        if self._subteams is None:
            children: dict[str, list[str]] = {}
            for team in self.index.teams.values():
                if team.parent and team.parent in self.index.teams and team.parent != team.id:
                    children.setdefault(team.parent, []).append(team.id)
            self._subteams = children
        out: list[str] = []
        stack = list(self._subteams.get(team_id, ()))
        seen = {team_id}
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            out.append(current)
            stack.extend(self._subteams.get(current, ()))
        return out

    def _team_sets(self, team_id: str) -> tuple[frozenset[str], frozenset[str]]:
        if team_id not in self._team_leads:
            teams = [self.index.teams[t] for t in (team_id, *self.subteams(team_id))]
            self._team_leads[team_id] = frozenset(t.lead for t in teams if t.lead)
            self._team_members[team_id] = frozenset(m for t in teams for m in t.members)
        return self._team_leads[team_id], self._team_members[team_id]

    def in_team_org(self, person_id: str, team_id: str) -> bool:
        """Inside a team's organisation: its lead's organisation, its members, and its sub-teams'."""
        leads, members = self._team_sets(team_id)
        if person_id in members:
            return True
        return any(p in leads for p in self.chain(person_id))

    def team_members(self, team: Team) -> list[str]:
        """Members listed, then the lead's direct reports not listed."""
        listed = list(dict.fromkeys(team.members))
        extra = [r for r in self.direct_reports(team.lead) if r not in listed] if team.lead else []
        return listed + extra

    def teams_of(self, person: Person) -> list[Team]:
        """The teams a person leads or belongs to, in the order the teams are written."""
        return self._teams_by_person.get(person.id, [])

    def teams_led(self, person_id: str) -> list[Team]:
        return [t for t in self.teams_of_id(person_id) if t.lead == person_id]

    def teams_of_id(self, person_id: str) -> list[Team]:
        return self._teams_by_person.get(person_id, [])

    @functools.cached_property
    def _teams_by_person(self) -> dict[str, list[Team]]:
        # one pass over the teams, so briefs for every person stay linear in the plan
        found: dict[str, list[Team]] = {}
        for team in self.index.teams.values():
            people = [team.lead] if team.lead else []
            people += [*team.members, *self.direct_reports(team.lead)] if team.lead else list(team.members)
            for person_id in dict.fromkeys(people):
                found.setdefault(person_id, []).append(team)
        return found


def leaves(graph: DiGraph) -> Iterator[str]:
    """Nodes with nothing below them: the commitments."""
    return (n for n, degree in graph.out_degree() if degree == 0)


def roots(graph: DiGraph) -> Iterator[str]:
    """Nodes with no parent: the top-level objectives."""
    return (n for n, degree in graph.in_degree() if degree == 0)


def line_of_sight(graph: DiGraph | Links, node_id: str) -> list[str]:
    """From a top-level objective down to ``node_id``, following the first parent at each step
    (the one it is written under, else the first it ``supports``)."""
    above = graph.above if isinstance(graph, Links) else graph.predecessors
    path = [node_id]
    seen = {node_id}
    current = node_id
    while True:
        parents = [p for p in above(current) if p not in seen]
        if not parents:
            break
        current = parents[0]
        seen.add(current)
        path.append(current)
    path.reverse()
    return path


def below(graph: DiGraph, node_id: str) -> set[str]:
    """Every node under ``node_id``."""
    import networkx as nx

    return set(nx.descendants(graph, node_id))


def commitments_of(graph: DiGraph, nodes: dict[str, Node], person_id: str) -> list[Node]:
    """The leaves a person owns, in the order written."""
    return [nodes[n] for n in nodes if nodes[n].owner == person_id and graph.out_degree(n) == 0]
