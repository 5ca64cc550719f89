"""The graph family: cycles in the cascade (CAS101), objectives never cascaded (CAS102) and
cycles in the reporting lines (CAS103). Lines and columns are worked out by hand."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings

import cascade
from tests.rules._helpers import HEAD, diags, of_code, report
from tests.strategies import cascades

# -- CAS101 cycle in the cascade ------------------------------------------------------------

TWO_CYCLE = HEAD + (
    "people:\n"  # 3
    "  - id: ana\n"  # 4
    "    name: Ana Lima\n"  # 5
    "objectives:\n"  # 6
    "  - id: grow\n"  # 7
    "    title: Grow revenue\n"  # 8
    "    owner: ana\n"  # 9
    "    supports: [retain]\n"  # 10
    "  - id: retain\n"  # 11
    "    title: Keep every customer\n"  # 12
    "    owner: ana\n"  # 13
    "    supports: [grow]\n"  # 14
)


def test_cas101_two_nodes_supporting_each_other() -> None:
    assert diags(TWO_CYCLE, "CAS101") == [(7, 5, "CAS101")]
    (found,) = of_code(TWO_CYCLE, "CAS101")
    assert found.ids == ("grow", "retain")
    assert "grow -> retain -> grow" in found.message
    assert found.severity is cascade.Severity.ERROR


def test_cas101_two_nodes_nothing_else_but_the_ic_without_a_leaf() -> None:
    # neither node is a root (each has a parent) nor a leaf (each has a child): no CAS102,
    # CAS201, CAS301 or CAS404; Ana owns no leaf at all, so she is an IC without commitment
    assert diags(TWO_CYCLE) == [(4, 5, "CAS204"), (7, 5, "CAS101")]


def test_cas101_self_loop() -> None:
    text = HEAD + (
        "people:\n"  # 3
        "  - id: ana\n"  # 4
        "    name: Ana Lima\n"  # 5
        "objectives:\n"  # 6
        "  - id: keep\n"  # 7
        "    title: Keep\n"  # 8
        "    owner: ana\n"  # 9
        "    due: 2027-06-30\n"  # 10
        "    children:\n"  # 11
        "      - id: ana-keep\n"  # 12
        "        title: Keep the top accounts\n"  # 13
        "        owner: ana\n"  # 14
        "        due: 2027-06-30\n"  # 15
        "        done_when: Every top account renewed\n"  # 16
        "  - id: loop\n"  # 17
        "    title: Loop\n"  # 18
        "    owner: ana\n"  # 19
        "    supports: [loop]\n"  # 20
    )
    assert diags(text) == [(17, 5, "CAS101")]
    (found,) = of_code(text, "CAS101")
    assert found.ids == ("loop",)
    assert "loop -> loop" in found.message


def test_cas101_through_nested_children_and_supports() -> None:
    text = HEAD + (
        "people:\n"  # 3
        "  - id: ana\n"  # 4
        "    name: Ana Lima\n"  # 5
        "objectives:\n"  # 6
        "  - id: top\n"  # 7
        "    title: Top\n"  # 8
        "    owner: ana\n"  # 9
        "    supports: [low]\n"  # 10
        "    children:\n"  # 11
        "      - id: mid\n"  # 12
        "        title: Mid\n"  # 13
        "        owner: ana\n"  # 14
        "        children:\n"  # 15
        "          - id: low\n"  # 16
        "            title: Low\n"  # 17
        "            owner: ana\n"  # 18
    )
    assert diags(text, "CAS101") == [(7, 5, "CAS101")]
    (found,) = of_code(text, "CAS101")
    assert found.ids == ("top", "mid", "low")
    assert "top -> mid -> low -> top" in found.message


def test_cas101_ids_follow_the_cycle_not_the_order_written() -> None:
    # edges a -> c (c supports a), c -> b (b supports c), b -> a (a supports b)
    text = HEAD + (
        "people:\n"  # 3
        "  - id: ana\n"  # 4
        "    name: Ana Lima\n"  # 5
        "objectives:\n"  # 6
        "  - id: a\n"  # 7
        "    title: A\n"  # 8
        "    supports: [b]\n"  # 9
        "  - id: b\n"  # 10
        "    title: B\n"  # 11
        "    supports: [c]\n"  # 12
        "  - id: c\n"  # 13
        "    title: C\n"  # 14
        "    supports: [a]\n"  # 15
    )
    assert diags(text, "CAS101") == [(7, 5, "CAS101")]
    (found,) = of_code(text, "CAS101")
    assert found.ids == ("a", "c", "b")
    assert "a -> c -> b -> a" in found.message


def test_cas101_reported_once_per_cycle_at_its_first_written_node() -> None:
    text = HEAD + (
        "people:\n"  # 3
        "  - id: ana\n"  # 4
        "    name: Ana Lima\n"  # 5
        "objectives:\n"  # 6
        "  - id: x2\n"  # 7
        "    title: X2\n"  # 8
        "    supports: [x1]\n"  # 9
        "  - id: y1\n"  # 10
        "    title: Y1\n"  # 11
        "    supports: [y2]\n"  # 12
        "  - id: x1\n"  # 13
        "    title: X1\n"  # 14
        "    supports: [x2]\n"  # 15
        "  - id: y2\n"  # 16
        "    title: Y2\n"  # 17
        "    supports: [y1]\n"  # 18
    )
    assert diags(text, "CAS101") == [(7, 5, "CAS101"), (10, 5, "CAS101")]
    assert [d.ids for d in of_code(text, "CAS101")] == [("x2", "x1"), ("y1", "y2")]


def test_cas101_is_placed_at_a_node_of_the_cycle_it_names() -> None:
    # one strongly connected component {a, c, b} holding two cycles: a -> b -> c -> a and b <-> c
    # edges: a -> b (b supports a), b -> c (c supports b), c -> b (b nested in c), c -> a (a supports c)
    text = HEAD + (
        "people:\n"  # 3
        "  - id: ana\n"  # 4
        "    name: Ana Lima\n"  # 5
        "objectives:\n"  # 6
        "  - id: a\n"  # 7
        "    title: A\n"  # 8
        "    supports: [c]\n"  # 9
        "  - id: c\n"  # 10
        "    title: C\n"  # 11
        "    supports: [b]\n"  # 12
        "    children:\n"  # 13
        "      - id: b\n"  # 14
        "        title: B\n"  # 15
        "        supports: [a]\n"  # 16
    )
    # once for the component, at its first written node, naming the one cycle through it
    assert diags(text, "CAS101") == [(7, 5, "CAS101")]
    (found,) = of_code(text, "CAS101")
    assert found.ids == ("a", "b", "c")
    assert "a -> b -> c -> a" in found.message


def test_cas101_passing() -> None:
    text = HEAD + (
        "people:\n"
        "  - id: ana\n"
        "    name: Ana Lima\n"
        "objectives:\n"
        "  - id: grow\n"
        "    title: Grow revenue\n"
        "    owner: ana\n"
        "    due: 2027-06-30\n"
        "  - id: retain\n"
        "    title: Keep every customer\n"
        "    owner: ana\n"
        "    due: 2027-06-30\n"
        "    done_when: Every customer renewed\n"
        "    supports: [grow]\n"
    )
    assert diags(text) == []


# -- CAS102 objective never cascaded -----------------------------------------------------------


def test_cas102_root_with_nothing_below() -> None:
    # a valid commitment on its own is still a root with nothing below it
    text = HEAD + (
        "people:\n"  # 3
        "  - id: ana\n"  # 4
        "    name: Ana Lima\n"  # 5
        "objectives:\n"  # 6
        "  - id: nps\n"  # 7
        "    title: Raise customer satisfaction\n"  # 8
        "    owner: ana\n"  # 9
        "    due: 2027-06-30\n"  # 10
        "    done_when: NPS above 40\n"  # 11
    )
    assert diags(text) == [(7, 5, "CAS102")]
    (found,) = of_code(text, "CAS102")
    assert found.ids == ("nps",)
    assert "nothing is below it" in found.message


ROOT_AND_ONE_LEAF = HEAD + (
    "people:\n"  # 3
    "  - id: ana\n"  # 4
    "    name: Ana Lima\n"  # 5
    "teams:\n"  # 6
    "  - id: north\n"  # 7
    "    name: North\n"  # 8
    "    lead: ana\n"  # 9
    "objectives:\n"  # 10
    "  - id: nps\n"  # 11
    "    title: Raise customer satisfaction\n"  # 12
    "    owner: ana\n"  # 13
    "    due: 2027-06-30\n"  # 14
    "    children:\n"  # 15
    "      - id: calls\n"  # 16
    "        title: Call every account\n"  # 17
    "        done_when: Every account called\n"  # 18
)


def root_and_one_leaf(leaf: str) -> str:
    """The plan above, with the rest of the leaf ``calls`` (from line 19)."""
    return ROOT_AND_ONE_LEAF + leaf


def test_cas102_root_whose_only_leaf_is_owned_by_a_team() -> None:
    text = root_and_one_leaf("        owner: north\n        due: 2027-03-31\n")
    assert diags(text) == [(4, 5, "CAS204"), (11, 5, "CAS102"), (19, 16, "CAS202")]
    (found,) = of_code(text, "CAS102")
    assert "no commitment below it" in found.message


def test_cas102_root_whose_only_leaf_has_no_date() -> None:
    text = root_and_one_leaf("        owner: ana\n")
    assert diags(text) == [(11, 5, "CAS102"), (16, 9, "CAS301")]


def test_cas102_root_whose_only_leaf_names_an_unknown_owner() -> None:
    # the leaf is reported once, as CAS006; the root has no valid commitment below it
    text = root_and_one_leaf("        owner: bob\n        due: 2027-03-31\n")
    assert diags(text) == [(4, 5, "CAS204"), (11, 5, "CAS102"), (19, 16, "CAS006")]


def test_cas102_one_valid_leaf_anywhere_below_is_enough() -> None:
    text = root_and_one_leaf("        owner: north\n        due: 2027-03-31\n") + (
        "  - id: deep\n"  # 21
        "    title: Deep\n"  # 22
        "    owner: ana\n"  # 23
        "    supports: [nps]\n"  # 24
        "    children:\n"  # 25
        "      - id: ana-calls\n"  # 26
        "        title: Call the top accounts\n"  # 27
        "        owner: ana\n"  # 28
        "        due: 2027-03-31\n"  # 29
        "        done_when: Top accounts called\n"  # 30
    )
    assert diags(text) == [(19, 16, "CAS202")]


def test_cas102_passing() -> None:
    text = root_and_one_leaf("        owner: ana\n        due: 2027-03-31\n")
    assert diags(text) == []


# -- CAS103 cycle in the reporting lines -------------------------------------------------------

REPORTING_CYCLE = HEAD + (
    "people:\n"  # 3
    "  - id: lea\n"  # 4
    "    name: Lea Berg\n"  # 5
    "    manager: sam\n"  # 6
    "  - id: sam\n"  # 7
    "    name: Sam Okafor\n"  # 8
    "    manager: lea\n"  # 9
    "  - id: ana\n"  # 10
    "    name: Ana Lima\n"  # 11
)


def test_cas103_reporting_cycle() -> None:
    # at the `manager` of the person of the cycle written first, naming the people up the lines
    assert diags(REPORTING_CYCLE, "CAS103") == [(6, 14, "CAS103")]
    (found,) = of_code(REPORTING_CYCLE, "CAS103")
    assert found.ids == ("lea", "sam")
    assert found.severity is cascade.Severity.ERROR


def test_cas103_three_people_in_the_order_of_their_managers() -> None:
    text = HEAD + (
        "people:\n"  # 3
        "  - {id: ana, name: Ana Lima, manager: lea}\n"  # 4
        "  - {id: sam, name: Sam Okafor, manager: ana}\n"  # 5
        "  - {id: lea, name: Lea Berg, manager: sam}\n"  # 6
        "  - {id: joe, name: Joe Park, manager: sam}\n"  # 7
    )
    assert diags(text, "CAS103") == [(4, 40, "CAS103")]
    (found,) = of_code(text, "CAS103")
    assert found.ids == ("ana", "lea", "sam")
    assert "Ana Lima -> Lea Berg -> Sam Okafor -> Ana Lima" in found.message


def test_cas103_a_person_who_is_their_own_manager() -> None:
    text = HEAD + (
        "people:\n"  # 3
        "  - id: lea\n"  # 4
        "    name: Lea Berg\n"  # 5
        "    manager: lea\n"  # 6
    )
    assert diags(text, "CAS103") == [(6, 14, "CAS103")]
    assert of_code(text, "CAS103")[0].ids == ("lea",)


def test_cas103_passing_and_a_reporting_cycle_does_not_hang_the_rules() -> None:
    # every rule runs to its end on a plan whose reporting lines loop
    assert report(REPORTING_CYCLE) is not None
    text = HEAD + "people:\n  - id: lea\n    name: Lea Berg\n  - id: sam\n    name: Sam Okafor\n    manager: lea\n"
    assert "CAS103" not in {d.code for d in report(text)}


# -- CAS102 against the plain definition, on random cascades ----------------------------------


@settings(max_examples=400, deadline=None)
@given(cascades(ids=9, max_supports=2, max_children=3, max_objectives=5, owners_and_dates=True))
def test_never_cascaded_is_exactly_the_objectives_no_valid_commitment_is_below(plan: cascade.Plan) -> None:
    graph, nodes, people = plan.graph, plan.index.nodes, plan.index.people

    def valid(n: str) -> bool:
        node = nodes[n]
        return graph.out_degree(n) == 0 and node.due is not None and node.owner in people

    expected = [
        n
        for n in nodes
        if graph.in_degree(n) == 0 and (graph.out_degree(n) == 0 or not any(valid(d) for d in nx.descendants(graph, n)))
    ]
    found = [d.ids[0] for d in cascade.validate(plan, select=["CAS102"]).diagnostics]
    assert sorted(found) == sorted(expected)
