"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

import cascade


@st.composite
def cascades(
    draw: st.DrawFn,
    *,
    ids: int = 8,
    max_supports: int = 3,
    max_children: int = 2,
    max_objectives: int = 4,
    owners_and_dates: bool = False,
) -> cascade.Plan:
    """A few nodes, some nested two levels deep, each supporting any ids: known, unknown
    ("ghost"), itself, twice; so cycles and dangling edges come up. With ``owners_and_dates``
    a node may have an owner (the plan's one person "ana", or an unknown id) and a due date."""
    names = [f"n{i}" for i in range(ids)]

    def node(depth: int) -> dict[str, object]:
        data: dict[str, object] = {
            "id": draw(st.sampled_from(names)),
            "title": "t",
            "supports": draw(st.lists(st.sampled_from([*names, "ghost"]), max_size=max_supports)),
        }
        if owners_and_dates:
            data["owner"] = draw(st.sampled_from([None, "ana", "nobody"]))
            data["due"] = draw(st.sampled_from([None, "2027-03-31"]))
        if depth < 2:
            data["children"] = [node(depth + 1) for _ in range(draw(st.integers(0, max_children)))]
        return data

    header = cascade.Header.model_validate({"name": "D", "start": "2027-01-01", "end": "2027-06-30"})
    objectives = [cascade.Node.model_validate(node(0)) for _ in range(draw(st.integers(1, max_objectives)))]
    people = [cascade.Person(id="ana", name="Ana")] if owners_and_dates else []
    return cascade.Plan(plan=header, people=people, objectives=objectives)
