"""The ownership family: leaves without an owner (CAS201), leaves owned by a team (CAS202),
owners outside the parent owner's organisation (CAS203), individual contributors without a
commitment (CAS204) and personal actions delegated (CAS205)."""

from __future__ import annotations

import pytest

import cascade
from tests.rules._helpers import HEAD, diags, of_code

# -- CAS201 leaf without an owner --------------------------------------------------------------

TWO_LEAVES = HEAD + (
    "people:\n"  # 3
    "  - id: ana\n"  # 4
    "    name: Ana Lima\n"  # 5
    "objectives:\n"  # 6
    "  - id: arr\n"  # 7
    "    title: Close $100k new ARR\n"  # 8
    "    owner: ana\n"  # 9
    "    due: 2027-06-30\n"  # 10
    "    children:\n"  # 11
    "      - id: south\n"  # 12
    "        title: Close $50k in the south\n"  # 13
    "        owner: ana\n"  # 14
    "        due: 2027-05-31\n"  # 15
    "        done_when: Closed\n"  # 16
    "      - id: north\n"  # 17
    "        title: Close $50k in the north\n"  # 18
    "        due: 2027-05-31\n"  # 19
    "        done_when: Closed\n"  # 20
)


def owner_of_north(line: str) -> str:
    """TWO_LEAVES with ``line`` (an owner) on line 21, the last line of the leaf ``north``."""
    return TWO_LEAVES + line


def test_cas201_leaf_without_owner() -> None:
    assert diags(TWO_LEAVES) == [(17, 9, "CAS201")]
    (found,) = of_code(TWO_LEAVES, "CAS201")
    assert found.ids == ("north",)
    assert "north" in found.message
    assert found.severity is cascade.Severity.ERROR


def test_cas201_not_for_an_objective_above_leaves() -> None:
    text = HEAD + (
        "people:\n"
        "  - id: ana\n"
        "    name: Ana Lima\n"
        "objectives:\n"
        "  - id: arr\n"
        "    title: Close $100k new ARR\n"
        "    due: 2027-06-30\n"
        "    children:\n"
        "      - id: south\n"
        "        title: Close $50k in the south\n"
        "        owner: ana\n"
        "        due: 2027-05-31\n"
        "        done_when: Closed\n"
    )
    assert diags(text) == []


def test_cas201_passing() -> None:
    assert diags(owner_of_north("        owner: ana\n")) == []


def test_an_unknown_owner_is_cas006_not_also_cas201() -> None:
    assert diags(owner_of_north("        owner: bob\n")) == [(21, 16, "CAS006")]


@pytest.mark.parametrize(
    ("value", "column"),
    [("not an id", 16), ("[ana, ben]", 16), ("{name: ana}", 16), ("true", 16)],
    ids=["spaces", "list", "mapping", "boolean"],
)
def test_an_invalid_owner_is_cas004_not_also_cas201(value: str, column: int) -> None:
    assert diags(owner_of_north(f"        owner: {value}\n")) == [(21, column, "CAS004")]


# -- CAS202 leaf owned by a team ---------------------------------------------------------------

TEAM_LEAF = HEAD + (
    "people:\n"  # 3
    "  - id: ana\n"  # 4
    "    name: Ana Lima\n"  # 5
    "teams:\n"  # 6
    "  - id: north\n"  # 7
    "    name: North\n"  # 8
    "    lead: ana\n"  # 9
    "objectives:\n"  # 10
    "  - id: events\n"  # 11
    "    title: Run the customer events\n"  # 12
    "    owner: north\n"  # 13
    "    due: 2027-06-30\n"  # 14
    "    children:\n"  # 15
    "      - id: demo-day\n"  # 16
    "        title: Run a customer demo day\n"  # 17
    "        owner: north\n"  # 18
    "        due: 2027-04-30\n"  # 19
    "        done_when: Twenty customers attended\n"  # 20
    "      - id: ana-invites\n"  # 21
    "        title: Invite the top accounts\n"  # 22
    "        owner: ana\n"  # 23
    "        due: 2027-03-31\n"  # 24
    "        done_when: Thirty invitations sent\n"  # 25
)


def test_cas202_leaf_owned_by_a_team() -> None:
    # the team may own the objective above (line 13), not the commitment (line 18)
    assert diags(TEAM_LEAF) == [(18, 16, "CAS202")]
    (found,) = of_code(TEAM_LEAF, "CAS202")
    assert found.ids == ("demo-day", "north")
    assert "Ana Lima (ana)" in found.message


def test_cas202_passing() -> None:
    text = TEAM_LEAF.replace("        owner: north\n", "        owner: ana\n")
    assert diags(text) == []


# -- CAS203 owner outside the parent owner's organisation ----------------------------------------

PERSON_PARENT = HEAD + (
    "people:\n"  # 3
    "  - id: dana\n"  # 4
    "    name: Dana Whitfield\n"  # 5
    "  - id: lea\n"  # 6
    "    name: Lea Berg\n"  # 7
    "    manager: dana\n"  # 8
    "  - id: ana\n"  # 9
    "    name: Ana Lima\n"  # 10
    "    manager: lea\n"  # 11
    "  - id: joe\n"  # 12
    "    name: Joe Park\n"  # 13
    "    manager: ana\n"  # 14
    "  - id: sam\n"  # 15
    "    name: Sam Okafor\n"  # 16
    "    manager: dana\n"  # 17
    "teams:\n"  # 18
    "  - id: south\n"  # 19
    "    name: South\n"  # 20
    "    lead: sam\n"  # 21
    "  - id: west\n"  # 22
    "    name: West\n"  # 23
    "    lead: ana\n"  # 24
    "objectives:\n"  # 25
    "  - id: arr\n"  # 26
    "    title: Close $100k new ARR\n"  # 27
    "    owner: lea\n"  # 28
    "    due: 2027-06-30\n"  # 29
    "    children:\n"  # 30
    "      - {id: c-lea, title: Lea herself, owner: lea}\n"  # 31
    "      - {id: c-ana, title: A direct report, owner: ana}\n"  # 32
    "      - {id: c-joe, title: A report of a report, owner: joe}\n"  # 33
    "      - {id: c-sam, title: A peer, owner: sam}\n"  # 34
    "      - {id: c-dana, title: The manager above, owner: dana}\n"  # 35
    "      - {id: c-west, title: A team led inside, owner: west}\n"  # 36
    "      - {id: c-south, title: A team led outside, owner: south}\n"  # 37
    "      - {id: c-bob, title: An unknown owner, owner: bob}\n"  # 38
    "      - {id: c-none, title: No owner}\n"  # 39
)


def test_cas203_person_parent() -> None:
    # outside Lea's organisation: her peer Sam, her manager Dana (the walk goes up, not down)
    # and the team South, whose lead Sam is outside; an unknown owner is CAS006 only
    assert diags(PERSON_PARENT, "CAS203") == [
        (34, 43, "CAS203"),
        (35, 55, "CAS203"),
        (37, 57, "CAS203"),
    ]
    assert [d.ids for d in of_code(PERSON_PARENT, "CAS203")] == [
        ("c-sam", "sam", "arr"),
        ("c-dana", "dana", "arr"),
        ("c-south", "south", "arr"),
    ]
    assert all(d.severity is cascade.Severity.WARNING for d in of_code(PERSON_PARENT, "CAS203"))
    assert diags(PERSON_PARENT, "CAS006") == [(38, 53, "CAS006")]


TEAM_PARENT = HEAD + (
    "people:\n"  # 3
    "  - {id: dana, name: Dana Whitfield}\n"  # 4
    "  - {id: marco, name: Marco Ruiz, manager: dana}\n"  # 5
    "  - {id: tomas, name: Tomas Novak, manager: marco}\n"  # 6
    "  - {id: priya, name: Priya Natarajan, manager: dana}\n"  # 7
    "  - {id: pia, name: Pia Lund, manager: priya}\n"  # 8
    "  - {id: lars, name: Lars Holm, manager: dana}\n"  # 9
    "  - {id: olga, name: Olga Berg, manager: lars}\n"  # 10
    "  - {id: kim, name: Kim Sato, manager: dana}\n"  # 11
    "  - {id: zed, name: Zed Amin, manager: dana}\n"  # 12
    "teams:\n"  # 13
    "  - {id: emea, name: EMEA, lead: marco, members: [priya]}\n"  # 14
    "  - {id: nordics, name: Nordics, lead: lars, members: [kim], parent: emea}\n"  # 15
    "  - {id: apac, name: APAC, lead: zed}\n"  # 16
    "objectives:\n"  # 17
    "  - id: emea-arr\n"  # 18
    "    title: EMEA closes $1M\n"  # 19
    "    owner: emea\n"  # 20
    "    due: 2027-06-30\n"  # 21
    "    children:\n"  # 22
    "      - {id: t-lead, title: The lead, owner: marco}\n"  # 23
    "      - {id: t-report, title: A report of the lead, owner: tomas}\n"  # 24
    "      - {id: t-member, title: A listed member, owner: priya}\n"  # 25
    "      - {id: t-sub-lead, title: A sub-team lead, owner: lars}\n"  # 26
    "      - {id: t-sub-report, title: A report of a sub-team lead, owner: olga}\n"  # 27
    "      - {id: t-sub-member, title: A sub-team member, owner: kim}\n"  # 28
    "      - {id: t-sub-team, title: The sub-team itself, owner: nordics}\n"  # 29
    "      - {id: t-outsider, title: Someone else, owner: zed}\n"  # 30
    "      - {id: t-other-team, title: A team led outside, owner: apac}\n"  # 31
    "      - {id: t-member-report, title: A report of a member, owner: pia}\n"  # 32
)


def test_cas203_team_parent() -> None:
    # inside a team: its lead and the lead's organisation, its members, its sub-teams'
    # leads, their organisations and members; a member's own reports are not members
    assert diags(TEAM_PARENT, "CAS203") == [
        (30, 54, "CAS203"),
        (31, 62, "CAS203"),
        (32, 67, "CAS203"),
    ]
    assert [d.ids[0] for d in of_code(TEAM_PARENT, "CAS203")] == ["t-outsider", "t-other-team", "t-member-report"]


def test_cas203_team_child_inside_through_its_lead() -> None:
    text = HEAD + (
        "people:\n"  # 3
        "  - {id: lea, name: Lea Berg}\n"  # 4
        "  - {id: sam, name: Sam Okafor, manager: lea}\n"  # 5
        "  - {id: ana, name: Ana Lima, manager: sam}\n"  # 6
        "teams:\n"  # 7
        "  - {id: south, name: South, lead: sam}\n"  # 8
        "objectives:\n"  # 9
        "  - id: arr\n"  # 10
        "    title: Close $100k new ARR\n"  # 11
        "    owner: lea\n"  # 12
        "    due: 2027-06-30\n"  # 13
        "    children:\n"  # 14
        "      - id: south-arr\n"  # 15
        "        title: South closes $100k\n"  # 16
        "        owner: south\n"  # 17
        "        due: 2027-06-30\n"  # 18
        "        children:\n"  # 19
        "          - id: ana-arr\n"  # 20
        "            title: Ana closes $100k\n"  # 21
        "            owner: ana\n"  # 22
        "            due: 2027-06-30\n"  # 23
        "            done_when: Closed\n"  # 24
    )
    assert diags(text, "CAS203") == []
    outside = text.replace("{id: sam, name: Sam Okafor, manager: lea}", "{id: sam, name: Sam Okafor}")
    assert diags(outside, "CAS203") == [(17, 16, "CAS203")]


def test_cas203_through_supports() -> None:
    text = HEAD + (
        "people:\n"  # 3
        "  - {id: lea, name: Lea Berg}\n"  # 4
        "  - {id: sam, name: Sam Okafor}\n"  # 5
        "objectives:\n"  # 6
        "  - id: arr\n"  # 7
        "    title: Close $100k new ARR\n"  # 8
        "    owner: lea\n"  # 9
        "  - id: sam-arr\n"  # 10
        "    title: Sam closes $100k\n"  # 11
        "    owner: sam\n"  # 12
        "    supports: [arr]\n"  # 13
    )
    assert diags(text, "CAS203") == [(12, 12, "CAS203")]


def test_cas203_passing() -> None:
    text = HEAD + (
        "people:\n"
        "  - {id: lea, name: Lea Berg}\n"
        "  - {id: sam, name: Sam Okafor, manager: lea}\n"
        "objectives:\n"
        "  - id: arr\n"
        "    title: Close $100k new ARR\n"
        "    owner: lea\n"
        "    due: 2027-06-30\n"
        "    children:\n"
        "      - {id: sam-arr, title: Close $100k, owner: sam, due: 2027-05-31, done_when: Closed}\n"
        "      - {id: lea-rides, title: Ride along, owner: lea, due: 2027-05-31, done_when: Done,"
        " kind: frontline, with: [sam]}\n"
    )
    assert diags(text) == []


# -- CAS204 individual contributor with no commitment -------------------------------------------

NO_COMMITMENT = HEAD + (
    "people:\n"  # 3
    "  - id: lea\n"  # 4
    "    name: Lea Berg\n"  # 5
    "  - id: ana\n"  # 6
    "    name: Ana Lima\n"  # 7
    "    manager: lea\n"  # 8
    "  - id: ben\n"  # 9
    "    name: Ben Adler\n"  # 10
    "    manager: lea\n"  # 11
    "  - id: cy\n"  # 12
    "    name: Cy Tran\n"  # 13
    "    manager: lea\n"  # 14
    "objectives:\n"  # 15
    "  - id: arr\n"  # 16
    "    title: Close $100k new ARR\n"  # 17
    "    owner: lea\n"  # 18
    "    due: 2027-06-30\n"  # 19
    "    children:\n"  # 20
    "      - id: ben-arr\n"  # 21
    "        title: Ben's region\n"  # 22
    "        owner: ben\n"  # 23
    "        children:\n"  # 24
    "          - id: cy-arr\n"  # 25
    "            title: Close $100k\n"  # 26
    "            owner: cy\n"  # 27
    "            due: 2027-05-31\n"  # 28
    "            done_when: Closed\n"  # 29
)


def test_cas204_counts_only_leaves_and_ignores_leaders() -> None:
    # Lea leads: not an IC; Ana owns nothing; Ben owns an objective, not a commitment
    assert diags(NO_COMMITMENT, "CAS204") == [(6, 5, "CAS204"), (9, 5, "CAS204")]
    assert [d.ids for d in of_code(NO_COMMITMENT, "CAS204")] == [("ana",), ("ben",)]
    assert all(d.severity is cascade.Severity.WARNING for d in of_code(NO_COMMITMENT, "CAS204"))


def test_cas204_passing() -> None:
    text = HEAD + (
        "people:\n"
        "  - {id: ana, name: Ana Lima}\n"
        "  - {id: ben, name: Ben Adler}\n"
        "objectives:\n"
        "  - id: arr\n"
        "    title: Close $180k new ARR\n"
        "    owner: ana\n"
        "    due: 2027-06-30\n"
        "    children:\n"
        "      - {id: ana-arr, title: Close $100k, owner: ana, due: 2027-06-30, done_when: Closed}\n"
        "      - {id: ben-arr, title: Close $80k, owner: ben, due: 2027-06-30, done_when: Closed}\n"
    )
    assert diags(text, "CAS204") == []


def test_a_record_written_as_a_flow_mapping_is_placed_at_its_brace() -> None:
    # "at the node" is where the YAML mapping starts: for `- {id: ben, ...}` that is the `{`
    text = HEAD + (
        "people:\n"  # 3
        "  - {id: ana, name: Ana Lima}\n"  # 4
        "  - {id: ben, name: Ben Adler}\n"  # 5
        "objectives:\n"  # 6
        "  - id: arr\n"  # 7
        "    title: Close $100k new ARR\n"  # 8
        "    owner: ana\n"  # 9
        "    due: 2027-06-30\n"  # 10
        "    children:\n"  # 11
        "      - {id: ana-arr, title: Close $100k, owner: ana, due: 2027-06-30, done_when: Closed}\n"  # 12
    )
    assert diags(text) == [(5, 5, "CAS204")]


# -- CAS205 personal action delegated ----------------------------------------------------------

PERSONAL = HEAD + (
    "people:\n"  # 3
    "  - {id: lea, name: Lea Berg}\n"  # 4
    "  - {id: ana, name: Ana Lima, manager: lea}\n"  # 5
    "teams:\n"  # 6
    "  - {id: north, name: North, lead: lea}\n"  # 7
    "objectives:\n"  # 8
    "  - id: arr\n"  # 9
    "    title: Close $100k new ARR\n"  # 10
    "    owner: {parent}\n"  # 11
    "    due: 2027-06-30\n"  # 12
    "    children:\n"  # 13
    "      - id: kickoff\n"  # 14
    "        title: Present the plan to the team\n"  # 15
    "        owner: {child}\n"  # 16
    "        due: 2027-01-15\n"  # 17
    "        personal: true\n"  # 18
    "        done_when: Everyone heard it\n"  # 19
)


def personal(parent: str, child: str) -> str:
    return PERSONAL.replace("{parent}", parent).replace("{child}", child)


@pytest.mark.parametrize("parent", ["lea", "north"], ids=["person-parent", "team-parent"])
def test_cas205_personal_node_owned_by_someone_else(parent: str) -> None:
    text = personal(parent, "ana")
    assert diags(text, "CAS205") == [(16, 16, "CAS205")]
    (found,) = of_code(text, "CAS205")
    assert found.ids == ("kickoff", "ana")
    assert found.severity is cascade.Severity.ERROR


@pytest.mark.parametrize("parent", ["lea", "north"], ids=["person-parent", "team-parent"])
def test_cas205_passing_owned_by_the_parent_owner_or_the_team_lead(parent: str) -> None:
    assert diags(personal(parent, "lea"), "CAS205") == []


PERSONAL_WITH_CHILD = HEAD + (
    "people:\n"  # 3
    "  - {id: lea, name: Lea Berg}\n"  # 4
    "  - {id: ana, name: Ana Lima, manager: lea}\n"  # 5
    "objectives:\n"  # 6
    "  - id: arr\n"  # 7
    "    title: Close $100k new ARR\n"  # 8
    "    owner: lea\n"  # 9
    "    due: 2027-06-30\n"  # 10
    "    children:\n"  # 11
    "      - id: key-account\n"  # 12
    "        title: Call the key account\n"  # 13
    "        owner: lea\n"  # 14
    "        due: 2027-03-31\n"  # 15
    "        personal: true\n"  # 16
    "        children:\n"  # 17
    "          - id: prep\n"  # 18
    "            title: Prepare the call\n"  # 19
    "            owner: {child}\n"  # 20
    "            due: 2027-03-15\n"  # 21
    "            done_when: Brief written\n"  # 22
)


def test_cas205_a_child_below_owned_by_someone_else() -> None:
    text = PERSONAL_WITH_CHILD.replace("{child}", "ana")
    assert diags(text, "CAS205") == [(20, 20, "CAS205")]
    (found,) = of_code(text, "CAS205")
    assert found.ids == ("prep", "key-account")


def test_cas205_a_child_below_owned_by_the_same_leader() -> None:
    assert diags(PERSONAL_WITH_CHILD.replace("{child}", "lea"), "CAS205") == []


def test_cas205_a_personal_child_of_a_personal_node_is_reported_once() -> None:
    text = PERSONAL_WITH_CHILD.replace("{child}", "ana").replace(
        "            done_when: Brief written\n", "            done_when: Brief written\n            personal: true\n"
    )
    assert diags(text, "CAS205") == [(20, 20, "CAS205")]
