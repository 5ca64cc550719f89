"""Properties of the rules on generated plans.

The strategy builds VALID plans as plain dicts: a CEO, managers and individual contributors,
each but the CEO with a manager; one objective per person, nested down the reporting lines,
owned by the person or by a team they lead; every IC's objective is a leaf with a target (in
the plan's one unit) or a ``done_when``; every leader has frontline commitments ``with`` each
report (nested or flat, through ``supports``); every due is inside the period and no later
than its parent's; each parent's target is covered 100% to 150% by its children's.

Then: (a) such a plan gives no diagnostic; (b) one back edge gives exactly one CAS101 naming
the cycle; (c) a leaf without its owner (or due) gives CAS201 (or CAS301) there, and nothing
else but what the format implies, computed here from the dict; (d) coverage scales linearly.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import cascade
from cascade.model.records import Node
from cascade.rules.measures import coverage

START, END = dt.date(2027, 1, 1), dt.date(2027, 6, 30)
AS_OF = dt.date(2026, 11, 27)
SETTINGS = settings(max_examples=50, deadline=None)

Plan = dict[str, Any]
Seen = tuple[int, int, str, tuple[str, ...]]


# -- the strategy -----------------------------------------------------------------------------------


@st.composite
def valid_plans(draw: st.DrawFn) -> Plan:
    size = draw(st.integers(min_value=2, max_value=9))
    manager: list[int | None] = [None] + [draw(st.integers(0, i - 1)) for i in range(1, size)]
    pid = [f"p{i}" for i in range(size)]
    reports = {i: [j for j in range(size) if manager[j] == i] for i in range(size)}
    people: list[dict[str, Any]] = []
    for i in range(size):
        person: dict[str, Any] = {"id": pid[i], "name": f"Person {i}"}
        boss = manager[i]
        if boss is not None:
            person["manager"] = pid[boss]
        people.append(person)
    unit = draw(st.sampled_from(["USD", "EUR", "deals", None]))
    with_moment = draw(st.booleans())
    teams: list[dict[str, Any]] = []
    flat: list[dict[str, Any]] = []

    def day(latest: dt.date) -> dt.date:
        return START + dt.timedelta(days=draw(st.integers(0, (latest - START).days)))

    def measure(target: int) -> dict[str, Any]:
        return {"unit": unit, "target": target} if unit else {"target": target}

    def objective(i: int, latest: dt.date) -> dict[str, Any]:
        due = day(latest)
        node: dict[str, Any] = {"id": f"n-{pid[i]}", "title": f"Objective of person {i}", "due": due}
        if not reports[i]:  # an individual contributor: the objective is their commitment
            node["owner"] = pid[i]
            if draw(st.booleans()):
                node["measure"] = measure(draw(st.integers(10, 1_000_000)))
            else:
                node["done_when"] = "Done as agreed"
            if with_moment and draw(st.booleans()):
                node["moment"] = "discovery"
            return node
        if draw(st.booleans()):
            teams.append({"id": f"t-{pid[i]}", "name": f"Team {i}", "lead": pid[i]})
            node["owner"] = f"t-{pid[i]}"
        else:
            node["owner"] = pid[i]
        children = [objective(r, due) for r in reports[i]]
        # frontline time with every report, in one or two commitments
        group = [pid[r] for r in reports[i]]
        cut = draw(st.integers(1, len(group)))
        for k, with_ in enumerate(g for g in (group[:cut], group[cut:]) if g):
            frontline: dict[str, Any] = {
                "id": f"fl-{pid[i]}-{k}",
                "title": f"Ride along, leader {i}",
                "owner": pid[i],
                "due": day(due),
                "kind": "frontline",
                "with": with_,
                "done_when": "Calls attended and debriefed",
            }
            if draw(st.booleans()):
                frontline["personal"] = True
            if draw(st.booleans()):
                children.append(frontline)
            else:
                frontline["supports"] = [node["id"]]
                flat.append(frontline)
        node["children"] = children
        covered = sum(c["measure"]["target"] for c in children if "measure" in c)
        if covered:
            node["measure"] = measure(covered if draw(st.booleans()) else covered * 4 // 5)
        return node

    root = objective(0, END)
    plan: Plan = {
        "cascade": 1,
        "plan": {"name": "Generated", "start": START, "end": END},
        "people": people,
        "teams": teams,
        "objectives": [root, *flat],
    }
    if with_moment:
        plan["moments"] = [
            {"id": "discovery", "name": "Discovery", "architect": "p0", "standard": ["Agree a next step"]}
        ]
    ics = [i for i in range(size) if not reports[i]]
    if draw(st.booleans()):
        ic = draw(st.sampled_from(ics))
        helper = manager[ic]
        assert helper is not None
        plan["blockers"] = [
            {
                "id": "b-legal",
                "title": "Legal is slow",
                "raised_by": pid[ic],
                "blocks": [f"n-{pid[ic]}"],
                "helper": pid[helper],
                "due": day(END),
                "status": draw(st.sampled_from(["open", "resolved"])),
            }
        ]
    return plan


# -- the dict, read as the format page reads it -------------------------------------------------------


def all_nodes(plan: Plan) -> dict[str, dict[str, Any]]:
    """Every node by id, in the order written (nested ones right after their parent)."""
    out: dict[str, dict[str, Any]] = {}

    def walk(node: dict[str, Any]) -> None:
        out[node["id"]] = node
        for child in node.get("children", []):
            walk(child)

    for node in plan["objectives"]:
        walk(node)
    return out


def edges(plan: Plan) -> list[tuple[str, str]]:
    """parent -> child, through ``children`` and ``supports``."""
    nodes = all_nodes(plan)
    out = [(n["id"], c["id"]) for n in nodes.values() for c in n.get("children", [])]
    out += [(p, n["id"]) for n in nodes.values() for p in n.get("supports", []) if p in nodes]
    return out


def below(plan: Plan, node_id: str) -> Iterator[str]:
    kids: dict[str, list[str]] = {}
    for parent, child in edges(plan):
        kids.setdefault(parent, []).append(child)
    stack, seen = list(kids.get(node_id, [])), set()
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            yield current
            stack.extend(kids.get(current, []))


def path(plan: Plan, top: str, bottom: str) -> list[str]:
    """The ids from ``top`` down to ``bottom``: each node of a generated plan has one parent."""
    parent = {child: p for p, child in edges(plan)}
    out = [bottom]
    while out[-1] != top:
        out.append(parent[out[-1]])
    return out[::-1]


def expected(plan: Plan, text: str) -> list[Seen]:
    """What the format page implies for a generated plan after one leaf lost its owner or due:
    CAS201, CAS301, CAS102, CAS204 and CAS504, placed by finding the records in ``text``."""
    nodes = all_nodes(plan)
    people = {p["id"]: p for p in plan["people"]}
    links = edges(plan)
    parents = {c for _, c in links}
    has_children = {p for p, _ in links}
    leaves = [n for n in nodes if n not in has_children]
    out: list[Seen] = []
    for leaf in leaves:
        if nodes[leaf].get("owner") is None:
            out.append((*place(text, leaf), "CAS201", (leaf,)))
        if nodes[leaf].get("due") is None:
            out.append((*place(text, leaf), "CAS301", (leaf,)))

    def valid(n: str) -> bool:
        return nodes[n].get("owner") in people and nodes[n].get("due") is not None

    for root in (n for n in nodes if n not in parents):
        if root not in has_children or not any(valid(n) for n in below(plan, root) if n in leaves):
            out.append((*place(text, root), "CAS102", (root,)))
    reports = {p: [r for r in people if people[r].get("manager") == p] for p in people}
    committed = {nodes[n].get("owner") for n in leaves}
    for person in people:
        if not reports[person] and person not in committed:
            out.append((*place(text, person), "CAS204", (person,)))
        short = [
            r
            for r in reports[person]
            if not any(
                n.get("owner") == person and n.get("kind") == "frontline" and r in n.get("with", [])
                for n in nodes.values()
            )
        ]
        if short:
            out.append((*place(text, person), "CAS504", (person, *short)))
    return sorted(out)


def place(text: str, record_id: str) -> tuple[int, int]:
    """Line and column of the record ``- id: record_id`` in the dumped text (its first key)."""
    pattern = re.compile(rf"^(\s*)- id: {re.escape(record_id)}$")
    for n, line in enumerate(text.splitlines(), start=1):
        match = pattern.match(line)
        if match:
            return n, len(match.group(1)) + 3
    raise AssertionError(f"{record_id} is not in the text")


def seen(text: str) -> list[Seen]:
    report = cascade.validate(cascade.loads(text), as_of=AS_OF)
    return sorted((d.line, d.column, d.code, d.ids) for d in report.diagnostics)


# -- (a) valid plans -------------------------------------------------------------------------------


@SETTINGS
@given(valid_plans())
def test_valid_plans_give_no_diagnostic(data: Plan) -> None:
    plan = cascade.Plan.model_validate(data)
    assert list(cascade.validate(plan, as_of=AS_OF).diagnostics) == []
    text = cascade.dumps(plan)
    read = cascade.loads(text)
    assert read == plan
    assert list(cascade.validate(read, as_of=AS_OF).diagnostics) == []
    assert expected(data, text) == []


# -- (b) one back edge, one cycle -------------------------------------------------------------------


@SETTINGS
@given(valid_plans(), st.data())
def test_a_back_edge_gives_exactly_one_cas101_naming_the_cycle(data: Plan, more: st.DataObject) -> None:
    nodes = all_nodes(data)
    top = more.draw(st.sampled_from([n for n in nodes if any(True for _ in below(data, n))]))
    bottom = more.draw(st.sampled_from(sorted(below(data, top))))
    cycle = path(data, top, bottom)
    changed = copy.deepcopy(data)
    node = all_nodes(changed)[top]
    node["supports"] = [*node.get("supports", []), bottom]
    text = cascade.dumps(cascade.Plan.model_validate(changed))
    found = [d for d in seen(text) if d[2] == "CAS101"]
    assert found == [(*place(text, top), "CAS101", tuple(cycle))]


# -- (c) a leaf loses its owner or its due ------------------------------------------------------------


@SETTINGS
@given(valid_plans(), st.sampled_from(["owner", "due"]), st.data())
def test_a_leaf_without_owner_or_due(data: Plan, field: str, more: st.DataObject) -> None:
    nodes = all_nodes(data)
    parents = {p for p, _ in edges(data)}
    leaf = more.draw(st.sampled_from([n for n in nodes if n not in parents]))
    changed = copy.deepcopy(data)
    del all_nodes(changed)[leaf][field]
    text = cascade.dumps(cascade.Plan.model_validate(changed))
    want = expected(changed, text)
    code = "CAS201" if field == "owner" else "CAS301"
    assert (*place(text, leaf), code, (leaf,)) in want
    assert seen(text) == want
    # what else the page implies, spelled out: CAS204 only for an IC's own leaf losing its owner,
    # CAS504 only for a frontline leaf losing its owner; CAS102 never (the CEO keeps other leaves)
    others = sorted(c for _, _, c, _ in want if c != code)
    if field == "due":
        assert others == []
    elif leaf.startswith("fl-"):
        assert others == ["CAS504"]
    else:
        assert others == ["CAS204"]


# -- (d) coverage scales with the children's targets --------------------------------------------------


def scaled(node: Node, k: int | Decimal) -> Node:
    if node.measure is None or node.measure.target is None:
        return node
    return node.model_copy(update={"measure": node.measure.model_copy(update={"target": node.measure.target * k})})


@SETTINGS
@given(valid_plans(), st.sampled_from([2, 3, Decimal("0.5"), Decimal("1.25")]))
def test_coverage_scales_with_the_children_targets(data: Plan, k: int | Decimal) -> None:
    plan = cascade.Plan.model_validate(data)
    graph, nodes = plan.graph, plan.index.nodes
    for node in nodes.values():
        children = [nodes[c] for c in graph.successors(node.id)]
        before = coverage(node, children)
        after = coverage(node, [scaled(c, k) for c in children])
        if before is None:
            assert after is None
            continue
        assert after is not None
        assert 1.0 <= before[1] <= 1.5
        assert after[0] == before[0] * k  # exactly: amounts are never floats
        assert after[1] == before[1] * Fraction(k)
