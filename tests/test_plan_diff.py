"""``cascade.diff``: a semantic diff of two plans, each change naming the people it concerns."""

from __future__ import annotations

import copy
import datetime as dt
import sys
from typing import Any

import pytest
import yaml

import cascade
from cascade.plan_diff import ChangeKind, PlanChange, PlanDiff, diff
from tests.conftest import EXAMPLE, NORTHWIND

AS_OF = dt.date(2027, 1, 1)

BASE: dict[str, Any] = {
    "cascade": 1,
    "plan": {"name": "Diff demo", "start": "2027-01-01", "end": "2027-06-30"},
    "people": [
        {"id": "dana", "name": "Dana Whitfield", "role": "Chief Revenue Officer"},
        {"id": "marco", "name": "Marco Ruiz", "role": "Regional VP", "manager": "dana"},
        {"id": "priya", "name": "Priya Natarajan", "role": "Account Executive", "manager": "marco"},
        {"id": "tomas", "name": "Tomás Novák", "role": "Account Executive", "manager": "marco"},
    ],
    "teams": [{"id": "emea", "name": "EMEA Sales", "lead": "marco", "members": ["priya", "tomas"]}],
    "objectives": [
        {
            "id": "arr",
            "title": "Grow new ARR to $1.2M",
            "owner": "dana",
            "due": "2027-06-30",
            "measure": {"unit": "USD", "target": 1200000},
            "children": [
                {
                    "id": "emea-arr",
                    "title": "EMEA closes $1.2M new ARR",
                    "owner": "emea",
                    "due": "2027-06-30",
                    "measure": {"unit": "USD", "target": 1200000},
                    "children": [
                        {
                            "id": "priya-deals",
                            "title": "Close $600k in mid-market deals",
                            "owner": "priya",
                            "due": "2027-03-31",
                            "measure": {"unit": "USD", "target": 600000},
                        },
                        {
                            "id": "tomas-expansion",
                            "title": "Expand the top accounts by $650k",
                            "owner": "tomas",
                            "due": "2027-06-30",
                            "measure": {"unit": "USD", "target": 650000},
                        },
                    ],
                },
            ],
        },
        {
            "id": "marco-rides",
            "title": "Ride along with each AE",
            "owner": "marco",
            "supports": ["emea-arr"],
            "due": "2027-03-31",
            "kind": "frontline",
            "with": ["priya", "tomas"],
            "done_when": "Two calls per AE attended",
        },
        {
            "id": "dana-reviews",
            "title": "Join Marco on customer reviews",
            "owner": "dana",
            "supports": ["arr"],
            "due": "2027-06-30",
            "kind": "frontline",
            "with": ["marco"],
            "done_when": "Three reviews attended",
        },
    ],
}
"""A small plan that validates clean; each test changes a copy of it."""


def base() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def plan_text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def load(data: dict[str, Any]) -> cascade.Plan:
    return cascade.loads(plan_text(data))


def find(data: dict[str, Any], node_id: str) -> dict[str, Any]:
    """The node ``node_id`` of the plan data, wherever it is nested."""
    stack: list[dict[str, Any]] = list(data["objectives"])
    while stack:
        node = stack.pop()
        if node["id"] == node_id:
            return node
        stack.extend(node.get("children", []))
    raise KeyError(node_id)


def person(data: dict[str, Any], person_id: str) -> dict[str, Any]:
    return next(p for p in data["people"] if p["id"] == person_id)


def changes_of(new: dict[str, Any]) -> list[PlanChange]:
    return diff(load(base()), load(new)).changes


def only(changes: list[PlanChange]) -> PlanChange:
    assert len(changes) == 1, changes
    return changes[0]


# -- the base plan ------------------------------------------------------------------------


def test_base_plan_is_clean() -> None:
    assert cascade.validate(load(base()), as_of=AS_OF).diagnostics == []


def test_no_changes_is_empty_and_falsy() -> None:
    result = diff(load(base()), load(base()))
    assert isinstance(result, PlanDiff)
    assert result.changes == []
    assert not result
    assert result.by_person() == {}
    assert result.for_person("priya") == []


def test_a_plan_against_itself_is_empty() -> None:
    plan = load(base())
    assert not diff(plan, plan)


def test_a_change_makes_the_diff_truthy() -> None:
    new = base()
    find(new, "priya-deals")["due"] = "2027-03-15"
    assert diff(load(base()), load(new))


def test_nested_and_flat_forms_of_the_same_parent_are_no_change() -> None:
    new = base()
    emea = find(new, "emea-arr")
    tomas = emea["children"].pop()
    new["objectives"].append({**tomas, "supports": ["emea-arr"]})
    assert diff(load(base()), load(new)).changes == []


def test_reordering_people_and_nodes_is_no_change() -> None:
    new = base()
    new["people"].reverse()
    new["objectives"].reverse()
    assert not diff(load(base()), load(new))


# -- nodes --------------------------------------------------------------------------------


def test_added_commitment_concerns_its_owner() -> None:
    new = base()
    find(new, "emea-arr")["children"].append(
        {"id": "priya-renewals", "title": "Renew every account", "owner": "priya", "due": "2027-05"}
    )
    change = only(changes_of(new))
    assert change.kind is ChangeKind.ADDED
    assert (change.id, change.title) == ("priya-renewals", "Renew every account")
    assert change.before is None
    assert change.after == "2027-05-31"
    assert change.people == ("priya",)
    assert change.summary == "Renew every account (priya-renewals) added"


def test_added_objective_owned_by_a_team_concerns_its_lead() -> None:
    new = base()
    new["objectives"].append({"id": "emea-pipeline", "title": "Build pipeline", "owner": "emea"})
    change = only(changes_of(new))
    assert change.kind is ChangeKind.ADDED
    assert change.after is None
    assert change.people == ("marco",)


def test_added_node_without_owner_concerns_nobody() -> None:
    new = base()
    new["objectives"].append({"id": "orphan", "title": "Nobody's work"})
    change = only(changes_of(new))
    assert change.kind is ChangeKind.ADDED
    assert change.people == ()


def test_removed_commitment_concerns_its_old_owner() -> None:
    new = base()
    emea = find(new, "emea-arr")
    emea["children"] = [c for c in emea["children"] if c["id"] != "tomas-expansion"]
    change = only(changes_of(new))
    assert change.kind is ChangeKind.REMOVED
    assert (change.id, change.title) == ("tomas-expansion", "Expand the top accounts by $650k")
    assert change.before == "2027-06-30"
    assert change.after is None
    assert change.people == ("tomas",)
    assert change.summary.endswith("removed")


def test_removing_a_subtree_removes_each_node() -> None:
    new = base()
    find(new, "arr")["children"] = []
    new["objectives"] = [n for n in new["objectives"] if n["id"] != "marco-rides"]
    removed = {c.id for c in changes_of(new) if c.kind is ChangeKind.REMOVED}
    assert removed == {"emea-arr", "priya-deals", "tomas-expansion", "marco-rides"}
    by_id = {c.id: c for c in changes_of(new)}
    assert by_id["emea-arr"].people == ("marco",)  # owned by the team emea: its lead


def test_reowned_concerns_old_and_new_owner() -> None:
    new = base()
    find(new, "priya-deals")["owner"] = "tomas"
    change = only(changes_of(new))
    assert change.kind is ChangeKind.REOWNED
    assert change.id == "priya-deals"
    assert (change.before, change.after) == ("Priya Natarajan", "Tomás Novák")  # shown by name
    assert set(change.people) == {"priya", "tomas"}
    assert change.summary == "Close $600k in mid-market deals (priya-deals) re-owned: Priya Natarajan -> Tomás Novák"
    result = diff(load(base()), load(new))
    assert result.for_person("priya") == [change]
    assert result.for_person("tomas") == [change]
    assert result.for_person("marco") == []


def test_reowned_from_a_team_concerns_its_lead() -> None:
    new = base()
    find(new, "emea-arr")["owner"] = "dana"
    change = only(changes_of(new))
    assert change.kind is ChangeKind.REOWNED
    assert (change.before, change.after) == ("EMEA Sales", "Dana Whitfield")
    assert set(change.people) == {"marco", "dana"}


def test_reowned_to_a_team_concerns_its_lead() -> None:
    new = base()
    new["teams"].append({"id": "leaders", "name": "Leadership", "lead": "dana"})
    find(new, "arr")["owner"] = "leaders"
    changes = changes_of(new)
    # a new team is news to its people too (dana leads it; marco reports to her)
    assert [(c.kind, c.id) for c in changes[1:]] == [(ChangeKind.TEAMS, "dana"), (ChangeKind.TEAMS, "marco")]
    change = changes[0]
    assert change.kind is ChangeKind.REOWNED
    assert change.after == "Leadership"
    assert change.people == ("dana",)  # dana owned it before and leads the new owner: named once


def test_owner_dropped_shows_none() -> None:
    new = base()
    del find(new, "marco-rides")["owner"]
    change = only(changes_of(new))
    assert change.kind is ChangeKind.REOWNED
    assert (change.before, change.after) == ("Marco Ruiz", None)
    assert change.people == ("marco",)
    assert change.summary.endswith("re-owned: Marco Ruiz -> none")


def test_redated() -> None:
    new = base()
    find(new, "tomas-expansion")["due"] = "2027-Q2"  # the same day in another form: no change
    assert changes_of(new) == []
    find(new, "tomas-expansion")["due"] = "2027-05"
    change = only(changes_of(new))
    assert change.kind is ChangeKind.REDATED
    assert (change.before, change.after) == ("2027-06-30", "2027-05-31")
    assert change.people == ("tomas",)
    assert change.summary == "Expand the top accounts by $650k (tomas-expansion) re-dated: 2027-06-30 -> 2027-05-31"


def test_retargeted() -> None:
    new = base()
    find(new, "tomas-expansion")["measure"]["target"] = 700000
    change = only(changes_of(new))
    assert change.kind is ChangeKind.RETARGETED
    assert change.before is not None
    assert change.after is not None
    assert "650,000" in change.before
    assert "700,000" in change.after
    assert change.people == ("tomas",)


def test_target_removed_is_retargeted_to_none() -> None:
    new = base()
    node = find(new, "priya-deals")
    del node["measure"]
    node["done_when"] = "Ten deals signed"
    change, done_when = changes_of(new)
    assert change.kind is ChangeKind.RETARGETED
    assert change.after is None
    assert (done_when.kind, done_when.before, done_when.after) == (ChangeKind.DONE_WHEN, None, "Ten deals signed")


def test_reparented_through_nesting() -> None:
    new = base()
    tomas = find(new, "emea-arr")["children"].pop()
    find(new, "arr")["children"].append(tomas)
    change = only(changes_of(new))
    assert change.kind is ChangeKind.REPARENTED
    assert change.id == "tomas-expansion"
    assert (change.before, change.after) == ("emea-arr", "arr")
    assert change.people == ("tomas",)


def test_reparented_through_supports() -> None:
    new = base()
    find(new, "marco-rides")["supports"] = ["arr"]
    change = only(changes_of(new))
    assert change.kind is ChangeKind.REPARENTED
    assert (change.before, change.after) == ("emea-arr", "arr")
    assert change.people == ("marco",)


def test_reparented_to_several_and_to_the_top_level() -> None:
    new = base()
    find(new, "marco-rides")["supports"] = ["emea-arr", "arr"]
    assert only(changes_of(new)).after == "arr, emea-arr"
    del find(new, "marco-rides")["supports"]
    assert only(changes_of(new)).after == "top level"


def test_retitled() -> None:
    new = base()
    find(new, "priya-deals")["title"] = "Close $700k in mid-market deals"
    change = only(changes_of(new))
    assert change.kind is ChangeKind.RETITLED
    assert (change.before, change.after) == ("Close $600k in mid-market deals", "Close $700k in mid-market deals")
    assert change.title == "Close $700k in mid-market deals"  # named by its new title
    assert change.people == ("priya",)


def test_status() -> None:
    new = base()
    find(new, "priya-deals")["status"] = "done"
    change = only(changes_of(new))
    assert change.kind is ChangeKind.STATUS
    assert (change.before, change.after) == ("planned", "done")
    assert change.people == ("priya",)


def test_several_facts_of_one_node_are_several_changes_in_a_stable_order() -> None:
    new = base()
    node = find(new, "tomas-expansion")
    node.update(owner="priya", due="2027-05-31", title="Expand", status="in_progress")
    node["measure"]["target"] = 1
    kinds = [c.kind for c in changes_of(new)]
    assert kinds == [
        ChangeKind.REOWNED,
        ChangeKind.REDATED,
        ChangeKind.RETARGETED,
        ChangeKind.RETITLED,
        ChangeKind.STATUS,
    ]
    assert all(set(c.people) == {"tomas", "priya"} for c in changes_of(new))


def test_unchanged_fields_give_no_change() -> None:
    new = base()
    find(new, "marco-rides")["notes"] = "A note"  # notes are not on any brief
    assert changes_of(new) == []


@pytest.mark.parametrize(
    ("field", "value", "kind", "before", "after"),
    [
        ("done_when", "Three calls per AE attended", ChangeKind.DONE_WHEN, "Two calls per AE attended", None),
        ("kind", "coaching", ChangeKind.KIND, "frontline", "coaching"),
        ("with", ["priya"], ChangeKind.WITH, "Priya Natarajan, Tomás Novák", "Priya Natarajan"),
        ("personal", True, ChangeKind.PERSONAL, "no", "yes"),
        ("cadence", "weekly", ChangeKind.CADENCE, None, None),
        (
            "change",
            {"from": "Demo first", "to": "Discovery first"},
            ChangeKind.WAY,
            None,
            "Demo first -> Discovery first",
        ),
    ],
)
def test_every_fact_a_brief_shows_of_a_node_is_reported(
    field: str, value: object, kind: ChangeKind, before: str | None, after: str | None
) -> None:
    new = base()
    find(new, "marco-rides")[field] = value
    change = only(changes_of(new))
    assert change.kind is kind
    assert change.id == "marco-rides"
    assert change.before == before
    assert change.after == (value if after is None else after)
    assert change.people == ("marco",)


def test_a_node_taken_through_another_moment_is_reported() -> None:
    old, new = base(), base()
    for data in (old, new):
        data["moments"] = [
            {"id": "disco", "name": "Discovery call", "architect": "marco"},
            {"id": "review", "name": "Business review", "architect": "dana"},
        ]
    find(old, "priya-deals")["moment"] = "disco"
    find(new, "priya-deals")["moment"] = "review"
    change = only(diff(load(old), load(new)).changes)
    assert change.kind is ChangeKind.MOMENT
    assert (change.before, change.after) == ("Discovery call", "Business review")
    assert change.people == ("priya",)


# -- blockers and moments -------------------------------------------------------------------

BLOCKER: dict[str, Any] = {
    "id": "legal",
    "title": "Contract reviews take three weeks",
    "raised_by": "priya",
    "blocks": ["priya-deals"],
    "helper": "marco",
    "due": "2027-02-15",
}
MOMENT: dict[str, Any] = {
    "id": "disco",
    "name": "Discovery call",
    "architect": "marco",
    "standard": ["Agree the next step before hanging up"],
}


def with_blocker_and_moment() -> dict[str, Any]:
    data = base()
    data["blockers"] = [copy.deepcopy(BLOCKER)]
    data["moments"] = [copy.deepcopy(MOMENT)]
    find(data, "tomas-expansion")["moment"] = "disco"
    return data


def blocker_and_moment_changes(edit: dict[str, Any]) -> list[PlanChange]:
    return diff(load(with_blocker_and_moment()), load(edit)).changes


def test_a_blocker_resolved_is_reported_to_whom_it_blocked_and_who_removes_it() -> None:
    new = with_blocker_and_moment()
    new["blockers"][0]["status"] = "resolved"
    change = only(blocker_and_moment_changes(new))
    assert change.kind is ChangeKind.STATUS
    assert (change.id, change.title, change.before, change.after) == ("legal", BLOCKER["title"], "open", "resolved")
    assert change.people == ("priya", "marco")


@pytest.mark.parametrize(
    ("section", "record_id", "field", "value", "kind", "before", "after", "people"),
    [
        ("blockers", "legal", "due", "2027-03-01", ChangeKind.REDATED, "2027-02-15", "2027-03-01", ("priya", "marco")),
        (
            "blockers",
            "legal",
            "helper",
            "dana",
            ChangeKind.HELPER,
            "Marco Ruiz",
            "Dana Whitfield",
            ("priya", "marco", "dana"),
        ),
        (
            "blockers",
            "legal",
            "title",
            "Legal is slow",
            ChangeKind.RETITLED,
            BLOCKER["title"],
            "Legal is slow",
            ("priya", "marco"),
        ),
        (
            "blockers",
            "legal",
            "blocks",
            [],
            ChangeKind.BLOCKS,
            "Close $600k in mid-market deals",
            None,
            ("priya", "marco"),
        ),
        (
            "blockers",
            "legal",
            "raised_by",
            "tomas",
            ChangeKind.RAISED_BY,
            "Priya Natarajan",
            "Tomás Novák",
            ("priya", "tomas", "marco"),
        ),
        (
            "moments",
            "disco",
            "standard",
            ["Agree the next step before hanging up", "Send notes the same day"],
            ChangeKind.STANDARD,
            "Agree the next step before hanging up",
            "Agree the next step before hanging up; Send notes the same day",
            ("marco", "tomas"),
        ),
        (
            "moments",
            "disco",
            "architect",
            "dana",
            ChangeKind.ARCHITECT,
            "Marco Ruiz",
            "Dana Whitfield",
            ("marco", "dana", "tomas"),
        ),
        (
            "moments",
            "disco",
            "name",
            "First call",
            ChangeKind.RETITLED,
            "Discovery call",
            "First call",
            ("marco", "tomas"),
        ),
    ],
)
def test_every_fact_a_brief_shows_of_a_blocker_or_a_moment_is_reported(
    section: str,
    record_id: str,
    field: str,
    value: object,
    kind: ChangeKind,
    before: str,
    after: str | None,
    people: tuple[str, ...],
) -> None:
    new = with_blocker_and_moment()
    new[section][0][field] = value
    change = only(blocker_and_moment_changes(new))
    assert (change.kind, change.id, change.before, change.after) == (kind, record_id, before, after)
    assert change.people == people


def test_blockers_added_and_removed() -> None:
    new = with_blocker_and_moment()
    new["blockers"] = [{**BLOCKER, "id": "pricing", "title": "No price list"}]
    changes = blocker_and_moment_changes(new)
    assert [(c.kind, c.id) for c in changes] == [(ChangeKind.ADDED, "pricing"), (ChangeKind.REMOVED, "legal")]
    assert all(c.people == ("priya", "marco") for c in changes)


def test_moments_added_and_removed() -> None:
    new = with_blocker_and_moment()
    new["moments"].append({"id": "qbr", "name": "Quarterly review", "architect": "dana"})
    change = only(blocker_and_moment_changes(new))
    assert (change.kind, change.id, change.people) == (ChangeKind.ADDED, "qbr", ("dana",))


# -- people -------------------------------------------------------------------------------


def test_person_joined_concerns_them_and_their_manager() -> None:
    new = base()
    new["people"].append({"id": "zoe", "name": "Zoé Lefèvre", "role": "Account Executive", "manager": "marco"})
    change = only(changes_of(new))
    assert change.kind is ChangeKind.JOINED
    assert (change.id, change.title) == ("zoe", "Zoé Lefèvre")
    assert change.after == "Account Executive"
    assert change.people == ("zoe", "marco")
    assert change.summary == "Zoé Lefèvre (zoe) joined"


def test_person_joined_without_manager() -> None:
    new = base()
    new["people"].append({"id": "ops", "name": "Olu Ops"})
    assert only(changes_of(new)).people == ("ops",)


def test_person_left_concerns_them_and_their_manager() -> None:
    new = base()
    new["people"] = [p for p in new["people"] if p["id"] != "priya"]
    new["teams"][0]["members"] = ["tomas"]
    find(new, "priya-deals")["owner"] = "tomas"
    find(new, "marco-rides")["with"] = ["tomas"]
    result = diff(load(base()), load(new))
    left = [c for c in result.changes if c.kind is ChangeKind.LEFT]
    assert len(left) == 1
    assert (left[0].id, left[0].title, left[0].before) == ("priya", "Priya Natarajan", "Account Executive")
    assert left[0].people == ("priya", "marco")
    assert left[0].summary == "Priya Natarajan (priya) left"
    # the one who left still reads their changes: the work they no longer own
    assert [c.kind for c in result.for_person("priya")] == [ChangeKind.REOWNED, ChangeKind.LEFT]
    assert result.people["priya"] == "Priya Natarajan"  # named from the old plan


def test_new_manager_concerns_the_person_and_both_managers() -> None:
    new = base()
    person(new, "tomas")["manager"] = "dana"
    change = only(changes_of(new))
    assert change.kind is ChangeKind.MOVED
    assert change.kind.value == "new manager"
    assert (change.before, change.after) == ("Marco Ruiz", "Dana Whitfield")
    assert change.people == ("tomas", "marco", "dana")


def test_first_manager_shows_none_before() -> None:
    old = base()
    del person(old, "marco")["manager"]
    change = only(diff(load(old), load(base())).changes)
    assert change.kind is ChangeKind.MOVED
    assert (change.before, change.after) == (None, "Dana Whitfield")
    assert change.people == ("marco", "dana")


def test_role_or_name_change_is_not_a_manager_change() -> None:
    new = base()
    person(new, "tomas")["role"] = "Senior Account Executive"
    assert not [c for c in changes_of(new) if c.kind is ChangeKind.MOVED]


@pytest.mark.parametrize(
    ("field", "value", "kind", "before"),
    [
        ("name", "Tomas Novak", ChangeKind.RENAMED, "Tomás Novák"),
        ("role", "Senior Account Executive", ChangeKind.ROLE, "Account Executive"),
        ("email", "tomas@example.com", ChangeKind.EMAIL, None),
    ],
)
def test_every_fact_a_brief_shows_of_a_person_is_reported(
    field: str, value: str, kind: ChangeKind, before: str | None
) -> None:
    new = base()
    person(new, "tomas")[field] = value
    change = only(changes_of(new))
    assert (change.kind, change.id, change.before, change.after) == (kind, "tomas", before, value)
    assert change.people == ("tomas", "marco")  # their manager's brief lists them too


def test_a_person_moved_to_another_team_is_reported() -> None:
    new = base()
    new["teams"].append({"id": "nam", "name": "NAM Sales", "lead": "dana", "members": ["tomas"]})
    new["teams"][0]["members"] = ["priya"]
    changes = changes_of(new)
    # a lead's direct reports belong to the team (marco to NAM); tomas, marco's report, stays in EMEA
    assert [(c.kind, c.id, c.before, c.after) for c in changes] == [
        (ChangeKind.TEAMS, "dana", None, "NAM Sales"),
        (ChangeKind.TEAMS, "marco", "EMEA Sales", "EMEA Sales, NAM Sales"),
        (ChangeKind.TEAMS, "tomas", "EMEA Sales", "EMEA Sales, NAM Sales"),
    ]
    assert [c.people for c in changes] == [("dana",), ("marco", "dana"), ("tomas", "marco")]


# -- per person ---------------------------------------------------------------------------


def _mixed() -> PlanDiff:
    new = base()
    find(new, "priya-deals")["owner"] = "tomas"  # priya, tomas
    find(new, "tomas-expansion")["due"] = "2027-05-31"  # tomas
    find(new, "emea-arr")["title"] = "EMEA closes more"  # marco (lead of emea)
    new["people"].append({"id": "amy", "name": "Amy Adams", "manager": "dana"})  # amy, dana
    return diff(load(base()), load(new))


def test_by_person_groups_in_name_order() -> None:
    result = _mixed()
    grouped = result.by_person()
    assert list(grouped) == ["amy", "dana", "marco", "priya", "tomas"]  # Amy, Dana, Marco, Priya, Tomás
    assert [c.kind for c in grouped["marco"]] == [ChangeKind.RETITLED]
    assert [c.kind for c in grouped["dana"]] == [ChangeKind.JOINED]


def test_by_person_keeps_the_order_of_changes() -> None:
    result = _mixed()
    for person_id, items in result.by_person().items():
        assert items == [c for c in result.changes if person_id in c.people]
    tomas = result.by_person()["tomas"]
    assert [c.kind for c in tomas] == [ChangeKind.REOWNED, ChangeKind.REDATED]


def test_for_person_matches_by_person() -> None:
    result = _mixed()
    for person_id, items in result.by_person().items():
        assert result.for_person(person_id) == items
    assert result.for_person("nobody") == []


def test_people_names_cover_both_plans() -> None:
    result = _mixed()
    assert result.people["amy"] == "Amy Adams"
    assert result.people["tomas"] == "Tomás Novák"
    assert set(result.people) == {"dana", "marco", "priya", "tomas", "amy"}


def test_changes_are_frozen() -> None:
    change = _mixed().changes[0]
    with pytest.raises(ValueError, match="frozen"):
        change.id = "other"  # type: ignore[misc]


def test_model_dump_is_json_ready() -> None:
    change = next(c for c in _mixed().changes if c.kind is ChangeKind.REOWNED)
    dumped = change.model_dump(mode="json")
    assert dumped["kind"] == "re-owned"
    assert dumped["people"] == ["priya", "tomas"]


def test_example_plans_diff_against_themselves_to_nothing() -> None:
    for path in (EXAMPLE, NORTHWIND):
        assert not diff(cascade.load(path), cascade.load(path))


def test_cascade_diff_is_the_function() -> None:
    """``cascade.diff(old, new)`` as the product page writes it, though a module of that name exists."""
    assert sys.modules["cascade.plan_diff"].diff is diff
    new = base()
    find(new, "priya-deals")["status"] = "done"
    result = cascade.diff(load(base()), load(new))
    assert isinstance(result, PlanDiff)
    assert [c.kind for c in result.changes] == [ChangeKind.STATUS]
