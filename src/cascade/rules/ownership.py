"""Who: every commitment has one person as owner, inside the right organisation, and
personal actions stay with the leader who must do them."""

from __future__ import annotations

from collections.abc import Iterable

from cascade.diagnostics import Finding
from cascade.model.plan import Plan
from cascade.rules.base import Context, Rule, label, leaves


class LeafWithoutOwner(Rule):
    """A commitment (a node with nothing below it) has no owner. Without a who, nobody does it.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: ana
            due: 2027-06-30
            children:
              - {id: north, title: Close $100k in the north, due: 2027-05-31}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: ana
            due: 2027-06-30
            children:
              - {id: north, title: Close $100k in the north, owner: ana, due: 2027-05-31}
    """

    code, name, summary = "CAS201", "leaf-without-owner", "commitment without an owner"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        for node in leaves(plan):
            if node.owner is None and not plan.was_dropped(node, "owner"):
                yield self.finding(
                    f"commitment {label(node)} has no owner: name the one person who will do it",
                    plan.where(node),
                    node.id,
                )


class LeafOwnedByTeam(Rule):
    """A commitment is owned by a team. A team is not a who: when everybody owns it,
    nobody does. Teams may own the objectives above; commitments need one person.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        teams: [{id: north, name: North, lead: ana}]
        objectives:
          - {id: demo-day, title: Run a customer demo day, owner: north, due: 2027-04-30}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        teams: [{id: north, name: North, lead: ana}]
        objectives:
          - {id: demo-day, title: Run a customer demo day, owner: ana, due: 2027-04-30}
    """

    code, name, summary = "CAS202", "leaf-owned-by-team", "commitment owned by a team"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        teams = plan.index.teams
        for node in leaves(plan):
            if node.owner in teams:
                team = teams[node.owner]
                lead = plan.index.people.get(team.lead) if team.lead else None
                hint = f", such as its lead {label(lead)}" if lead else ""
                yield self.finding(
                    f"commitment {label(node)} is owned by the team {label(team)}; "
                    f"a team is not a who: give it to one person{hint}",
                    plan.where(node, "owner"),
                    node.id,
                    team.id,
                )


class OwnerOutsideOrganisation(Rule):
    """A node's owner is outside the organisation of its parent's owner. A person's
    organisation is themselves and everyone reporting up to them; a team's is its lead's
    organisation, its members and its sub-teams'. Work handed across reporting lines
    usually has no one to follow it up.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: sam, name: Sam Okafor}
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: lea
            due: 2027-06-30
            children:
              - {id: sam-arr, title: Close $100k in the south, owner: sam, due: 2027-05-31}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: sam, name: Sam Okafor, manager: lea}
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: lea
            due: 2027-06-30
            children:
              - {id: sam-arr, title: Close $100k in the south, owner: sam, due: 2027-05-31}
    """

    code, name, summary = "CAS203", "owner-outside-organisation", "owner outside the parent owner's organisation"
    severity = Rule.warning

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        people, teams = plan.index.people, plan.index.teams
        org = plan.organisation
        spans, broken = org.spans, org.broken_lines
        for parent, below in plan.links.families:  # parent by parent
            boss = parent.owner
            if boss is None or (boss not in people and boss not in teams):
                continue
            by_person = boss in people
            outer = spans.get(boss)
            for child in below:
                owner = child.owner
                if owner is None or owner == boss:
                    continue
                who = owner if owner in people else (teams[owner].lead if owner in teams else None)
                if who is None or who not in people or who in broken:
                    continue  # an unknown manager is already a CAS006; the line cannot be judged
                if org.within(spans.get(who), outer, who, boss) if by_person else org.in_team_org(who, boss):
                    continue
                whose = people[boss].name if by_person else f"the team {teams[boss].name}"
                yield self.finding(
                    f"{label(child)} is owned by {label(people.get(owner) or teams[owner])}, who is outside "
                    f"the organisation of {whose}, owner of its parent {label(parent)}",
                    plan.where(child, "owner"),
                    child.id,
                    owner,
                    parent.id,
                )


class NoCommitment(Rule):
    """An individual contributor (a person with no direct reports) owns no commitment.
    The plan never reached them: they have nothing concrete to do. Someone who owns nothing
    on purpose (a new hire still ramping up) is waived with ``ignore: [CAS204]`` on that person.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: ana, name: Ana Lima}
          - {id: ben, name: Ben Adler}
        objectives:
          - {id: ana-arr, title: Close $100k new ARR, owner: ana, due: 2027-06-30}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: ana, name: Ana Lima}
          - {id: ben, name: Ben Adler}
        objectives:
          - {id: ana-arr, title: Close $100k new ARR, owner: ana, due: 2027-06-30}
          - {id: ben-arr, title: Close $80k new ARR, owner: ben, due: 2027-06-30}
    """

    code, name, summary = "CAS204", "no-commitment", "individual contributor with no commitment"
    severity = Rule.warning

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        org = plan.organisation
        committed = {node.owner for node in leaves(plan) if node.status != "dropped"}
        for person in plan.index.people.values():
            if person.id not in committed and not org.is_leader(person.id):
                yield self.finding(
                    f"{label(person)} has no commitment: the plan never reaches them",
                    plan.where(person),
                    person.id,
                )


class PersonalDelegated(Rule):
    """A ``personal: true`` action was handed down. Some things only the leader can do
    (present the plan in person, call the key customer); such a node must be owned by
    the owner of its parent (for a team, its lead), and none of its children may be
    owned by someone else.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: ana, name: Ana Lima, manager: lea}
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: lea
            due: 2027-06-30
            children:
              - {id: kickoff, title: Present the plan to the team, owner: ana, due: 2027-01-15, personal: true}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: lea, name: Lea Berg}
          - {id: ana, name: Ana Lima, manager: lea}
        objectives:
          - id: arr
            title: Close $100k new ARR
            owner: lea
            due: 2027-06-30
            children:
              - {id: kickoff, title: Present the plan to the team, owner: lea, due: 2027-01-15, personal: true}
    """

    code, name, summary = "CAS205", "personal-delegated", "personal action delegated"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        links, nodes, teams = plan.links, plan.index.nodes, plan.index.teams
        for node in nodes.values():
            if not node.personal or node.owner is None:
                continue
            for parent_id in links.above(node.id):
                parent = nodes[parent_id]
                expected = teams[parent.owner].lead if parent.owner in teams else parent.owner
                if expected is not None and node.owner != expected:
                    yield self.finding(
                        f"{label(node)} is personal: it belongs to {_name(plan, expected)}, "
                        f"owner of {label(parent)}, and may not be given to {_name(plan, node.owner)}",
                        plan.where(node, "owner"),
                        node.id,
                        node.owner,
                    )
            for child_id in links.below(node.id):
                child = nodes[child_id]
                # a personal child is judged by the first form, at the same place: report it once
                if child.owner is not None and child.owner != node.owner and not child.personal:
                    yield self.finding(
                        f"{label(node)} is personal to {_name(plan, node.owner)}, "
                        f"yet {label(child)} below it is handed to {_name(plan, child.owner)}",
                        plan.where(child, "owner"),
                        child.id,
                        node.id,
                    )


def _name(plan: Plan, record_id: str) -> str:
    record = plan.who(record_id)
    return record.name if record else repr(record_id)


RULES: tuple[type[Rule], ...] = (
    LeafWithoutOwner,
    LeafOwnedByTeam,
    OwnerOutsideOrganisation,
    NoCommitment,
    PersonalDelegated,
)
