"""The plan as graphs: the cascade (parent -> child through ``children`` and ``supports``),
the organisation (manager -> report, teams and sub-teams), and the queries built on them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cascade
from cascade.model.links import below, cascade_graph, commitments_of, leaves, line_of_sight, links_of, org_graph, roots
from tests.rules._helpers import AS_OF, HEAD
from tests.strategies import cascades

EXAMPLE = Path(__file__).parent.parent / "data" / "example.yaml"


@pytest.fixture(scope="module")
def example() -> cascade.Plan:
    return cascade.load(EXAMPLE)


# -- the cascade -------------------------------------------------------------------------------


def test_cascade_edges_from_children_and_supports(example: cascade.Plan) -> None:
    graph = cascade_graph(links_of(example.index))
    assert set(graph.nodes) == {
        "arr",
        "emea-arr",
        "priya-midmarket",
        "tomas-expansion",
        "marco-ride-alongs",
        "marco-kickoff",
        "dana-qbrs",
    }
    assert set(graph.edges) == {
        ("arr", "emea-arr"),  # children
        ("emea-arr", "priya-midmarket"),  # children
        ("emea-arr", "tomas-expansion"),  # children
        ("emea-arr", "marco-ride-alongs"),  # supports
        ("emea-arr", "marco-kickoff"),  # supports
        ("arr", "dana-qbrs"),  # supports
    }
    assert set(example.graph.edges) == set(graph.edges)


def test_roots_and_leaves(example: cascade.Plan) -> None:
    graph = example.graph
    assert list(roots(graph)) == ["arr"]
    assert list(leaves(graph)) == [
        "priya-midmarket",
        "tomas-expansion",
        "marco-ride-alongs",
        "marco-kickoff",
        "dana-qbrs",
    ]
    assert [n.id for n in example.commitments] == list(leaves(graph))
    assert example.is_leaf("dana-qbrs")
    assert not example.is_leaf("emea-arr")


def test_below(example: cascade.Plan) -> None:
    assert below(example.graph, "emea-arr") == {
        "priya-midmarket",
        "tomas-expansion",
        "marco-ride-alongs",
        "marco-kickoff",
    }
    assert below(example.graph, "dana-qbrs") == set()


def test_nodes_in_the_order_written(example: cascade.Plan) -> None:
    assert [n.id for n in example.nodes()] == [
        "arr",
        "emea-arr",
        "priya-midmarket",
        "tomas-expansion",
        "marco-ride-alongs",
        "marco-kickoff",
        "dana-qbrs",
    ]


def test_edges_to_unknown_ids_are_left_out() -> None:
    text = HEAD + (
        "objectives:\n"  # 3
        "  - id: a\n"  # 4
        "    title: A\n"  # 5
        "  - id: b\n"  # 6
        "    title: B\n"  # 7
        "    supports: [a, nowhere]\n"  # 8
    )
    plan = cascade.loads(text)
    assert set(plan.graph.nodes) == {"a", "b"}
    assert set(plan.graph.edges) == {("a", "b")}


def test_line_of_sight(example: cascade.Plan) -> None:
    assert example.line_of_sight("priya-midmarket") == ["arr", "emea-arr", "priya-midmarket"]
    assert example.line_of_sight("marco-kickoff") == ["arr", "emea-arr", "marco-kickoff"]
    assert example.line_of_sight("arr") == ["arr"]
    with pytest.raises(KeyError):
        example.line_of_sight("nowhere")


def test_line_of_sight_in_a_cycle_stops() -> None:
    text = HEAD + (
        "objectives:\n"
        "  - {id: a, title: A, supports: [c]}\n"
        "  - {id: b, title: B, supports: [a]}\n"
        "  - {id: c, title: C, supports: [b]}\n"
    )
    plan = cascade.loads(text)
    assert line_of_sight(plan.graph, "c") == ["a", "b", "c"]


# -- people --------------------------------------------------------------------------------------


def test_person_view(example: cascade.Plan) -> None:
    priya = example.person("priya")
    assert priya.id == "priya"
    assert priya.name == "Priya Natarajan"
    assert [n.id for n in priya.commitments] == ["priya-midmarket"]
    assert [n.id for n in priya.owned] == ["priya-midmarket"]
    assert priya.manager is not None
    assert priya.manager.id == "marco"
    assert priya.reports == []
    assert not priya.is_leader

    marco = example.person("marco")
    assert [n.id for n in marco.commitments] == ["marco-ride-alongs", "marco-kickoff"]
    assert [p.id for p in marco.reports] == ["priya", "tomas"]
    assert marco.is_leader

    dana = example.person("dana")
    assert [n.id for n in dana.owned] == ["arr", "dana-qbrs"]
    assert [n.id for n in dana.commitments] == ["dana-qbrs"]
    assert dana.manager is None

    with pytest.raises(KeyError):
        example.person("nobody")


def test_commitments_of(example: cascade.Plan) -> None:
    graph, nodes = example.graph, example.index.nodes
    assert [n.id for n in commitments_of(graph, nodes, "marco")] == ["marco-ride-alongs", "marco-kickoff"]
    assert [n.id for n in commitments_of(graph, nodes, "emea")] == []


def test_get(example: cascade.Plan) -> None:
    assert isinstance(example.get("priya"), cascade.Person)
    assert isinstance(example.get("emea"), cascade.Team)
    assert isinstance(example.get("arr"), cascade.Node)
    assert isinstance(example.get("discovery"), cascade.Moment)
    assert isinstance(example.get("msa-review"), cascade.Blocker)
    assert example.get("nobody") is None


# -- the organisation ------------------------------------------------------------------------------

ORG = HEAD + (
    "people:\n"
    "  - {id: dana, name: Dana}\n"
    "  - {id: marco, name: Marco, manager: dana}\n"
    "  - {id: priya, name: Priya, manager: marco}\n"
    "  - {id: tomas, name: Tomas, manager: marco}\n"
    "  - {id: lars, name: Lars, manager: dana}\n"
    "  - {id: olga, name: Olga, manager: lars}\n"
    "  - {id: kim, name: Kim, manager: dana}\n"
    "  - {id: zed, name: Zed, manager: dana}\n"
    "  - {id: pia, name: Pia, manager: kim}\n"
    "teams:\n"
    "  - {id: emea, name: EMEA, lead: marco, members: [kim]}\n"
    "  - {id: nordics, name: Nordics, lead: lars, parent: emea}\n"
    "  - {id: finland, name: Finland, parent: nordics, members: [zed]}\n"
    "  - {id: apac, name: APAC, lead: zed}\n"
)


@pytest.fixture(scope="module")
def org_plan() -> cascade.Plan:
    return cascade.loads(ORG)


def test_org_graph(org_plan: cascade.Plan) -> None:
    graph = org_graph(org_plan.index)
    assert set(graph.edges) == {
        ("dana", "marco"),
        ("marco", "priya"),
        ("marco", "tomas"),
        ("dana", "lars"),
        ("lars", "olga"),
        ("dana", "kim"),
        ("dana", "zed"),
        ("kim", "pia"),
    }


def test_in_person_org(org_plan: cascade.Plan) -> None:
    org = org_plan.organisation
    assert org.in_person_org("priya", "marco")
    assert org.in_person_org("priya", "dana")
    assert org.in_person_org("marco", "marco")
    assert not org.in_person_org("marco", "priya")  # up, not down
    assert not org.in_person_org("olga", "marco")
    assert org.organisation("marco") == {"marco", "priya", "tomas"}
    assert org.organisation("nobody") == set()
    assert list(org.chain("priya")) == ["priya", "marco", "dana"]
    assert org.manager_of("dana") is None
    assert org.direct_reports("marco") == ["priya", "tomas"]
    assert org.is_leader("lars")
    assert not org.is_leader("olga")


def test_subteams(org_plan: cascade.Plan) -> None:
    org = org_plan.organisation
    assert sorted(org.subteams("emea")) == ["finland", "nordics"]
    assert org.subteams("nordics") == ["finland"]
    assert org.subteams("apac") == []


def test_in_team_org(org_plan: cascade.Plan) -> None:
    org = org_plan.organisation
    inside = {"marco", "priya", "tomas", "kim", "lars", "olga", "zed"}
    # the lead's organisation, the listed member kim, the sub-team lead lars and his report olga,
    # and zed, a member of the sub-sub-team finland; not kim's report pia, not dana above
    assert {p for p in org_plan.index.people if org.in_team_org(p, "emea")} == inside
    assert {p for p in org_plan.index.people if org.in_team_org(p, "nordics")} == {"lars", "olga", "zed"}
    assert {p for p in org_plan.index.people if org.in_team_org(p, "apac")} == {"zed"}


def test_team_members_and_teams_of(org_plan: cascade.Plan) -> None:
    org = org_plan.organisation
    emea = org_plan.index.teams["emea"]
    assert org.team_members(emea) == ["kim", "priya", "tomas"]
    priya = org_plan.index.people["priya"]
    assert [t.id for t in org.teams_of(priya)] == ["emea"]
    zed = org_plan.index.people["zed"]
    assert [t.id for t in org.teams_of(zed)] == ["finland", "apac"]


# -- cycles do not hang ----------------------------------------------------------------------------


def finishes(work: Callable[[], None], seconds: float = 10.0) -> bool:
    """True when ``work()`` returns within ``seconds``."""
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive()


def test_a_reporting_cycle_does_not_hang() -> None:
    text = HEAD + (
        "people:\n"
        "  - {id: a, name: A, manager: c}\n"
        "  - {id: b, name: B, manager: a}\n"
        "  - {id: c, name: C, manager: b}\n"
        "  - {id: d, name: D, manager: d}\n"
        "teams:\n"
        "  - {id: t1, name: T1, lead: a, parent: t2}\n"
        "  - {id: t2, name: T2, lead: d, parent: t1}\n"
        "objectives:\n"
        "  - id: o\n"
        "    title: O\n"
        "    owner: t1\n"
        "    due: 2027-06-30\n"
        "    children:\n"
        "      - {id: o1, title: O1, owner: b, due: 2027-06-30, done_when: Done}\n"
        "      - {id: o2, title: O2, owner: d, due: 2027-06-30, done_when: Done, personal: true}\n"
    )
    plan = cascade.loads(text)
    results: dict[str, object] = {}

    def work() -> None:
        org = plan.organisation
        results["chain"] = list(org.chain("a"))
        results["inside"] = org.in_person_org("a", "b")
        results["outside"] = org.in_person_org("d", "a")
        results["team"] = org.in_team_org("c", "t1")
        results["subteams"] = sorted(org.subteams("t1"))
        results["report"] = cascade.validate(plan, as_of=AS_OF)

    assert finishes(work)
    assert results["chain"] == ["a", "c", "b"]
    assert results["inside"] is True
    assert results["outside"] is False
    assert results["team"] is True
    assert results["subteams"] == ["t2"]


# -- the rules' adjacency lists against networkx -----------------------------------------------


def _networkx_reference(plan: cascade.Plan) -> nx.DiGraph[str]:
    """The graph as networkx builds it from the same edges, deduplicating them itself."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    nodes = plan.index.nodes
    graph.add_nodes_from(nodes)
    graph.add_edges_from((parent, child) for child, parent in plan.index.nested_parent.items())
    graph.add_edges_from((p, n.id) for n in nodes.values() for p in n.supports if p in nodes)
    return graph


@settings(max_examples=300, deadline=None)
@given(cascades())
def test_links_hold_networkx_edges_in_networkx_order(plan: cascade.Plan) -> None:
    reference = _networkx_reference(plan)
    links = plan.links
    assert sorted(links.edges()) == sorted(reference.edges())
    for node_id in plan.index.nodes:
        assert list(links.below(node_id)) == list(reference.successors(node_id))
        assert list(links.above(node_id)) == list(reference.predecessors(node_id))
        assert links.is_leaf(node_id) == (reference.out_degree(node_id) == 0)
    assert list(links.leaves()) == [n for n, d in reference.out_degree() if d == 0]
    assert links.is_acyclic() == nx.is_directed_acyclic_graph(reference)
    families = [(parent.id, [child.id for child in below]) for parent, below in links.families]
    assert families == [(n, list(reference.successors(n))) for n in links.children]  # the rules' order
    assert sorted(links.children) == sorted(n for n in plan.index.nodes if reference.out_degree(n))
    graph = plan.graph
    assert list(graph.edges()) == list(reference.edges())
    for node_id in plan.index.nodes:  # networkx keeps each node's parents and children as written
        assert list(graph.predecessors(node_id)) == list(reference.predecessors(node_id))
        assert list(graph.successors(node_id)) == list(reference.successors(node_id))
        assert plan.line_of_sight(node_id) == line_of_sight(reference, node_id)


_PEOPLE = [f"p{i}" for i in range(7)]


@st.composite
def _organisations(draw: st.DrawFn) -> cascade.Plan:
    """Up to seven people, each with no manager, someone in the plan (themselves too) or not."""
    people = [
        cascade.Person(id=pid, name=pid, manager=draw(st.sampled_from([None, *_PEOPLE, "ghost"])))
        for pid in draw(st.lists(st.sampled_from(_PEOPLE), unique=True, min_size=1))
    ]
    header = cascade.Header.model_validate({"name": "D", "start": "2027-01-01", "end": "2027-06-30"})
    return cascade.Plan(plan=header, people=people)


@settings(max_examples=300, deadline=None)
@given(_organisations())
def test_reporting_lines_answer_as_networkx_does(plan: cascade.Plan) -> None:
    org, reference = plan.organisation, org_graph(plan.index)
    people = list(plan.index.people)
    for pid in people:
        assert org.manager_of(pid) == next(iter(reference.predecessors(pid)), None)
        assert org.direct_reports(pid) == list(reference.successors(pid))
        assert org.is_leader(pid) == (reference.out_degree(pid) > 0)
        assert org.organisation(pid) == {pid, *nx.descendants(reference, pid)}
        for leader in people:
            assert org.in_person_org(pid, leader) == (pid in org.organisation(leader)), (pid, leader)
    cyclic = any(len(c) > 1 for c in nx.strongly_connected_components(reference))
    assert org.is_forest() == (not cyclic)
