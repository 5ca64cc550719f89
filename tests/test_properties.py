"""Properties over random valid plans: they round-trip through YAML, and a fault written into one
record is reported at the line where it was written.

A plan is generated as plain data (ids, a manager tree, teams, nested and flat nodes with valid
references, dates in every form, measures), then either given to ``cascade.dumps``, or rendered
to YAML text here, one key per line, so the line and column of every key, value and list item is
known and a fault can be put at an exact place.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

import cascade
from cascade.filenames import unsafe_reason
from tests.conftest import diags

Data = dict[str, object]

REF_FIELDS = frozenset({"manager", "lead", "parent", "owner", "moment", "architect", "raised_by", "helper"})
REF_LISTS = frozenset({"members", "supports", "with", "blocks"})
MISSING = "zz-missing"  # never generated: generated ids have no '-'

# YAML words read as other types, and names no brief file can take (``con``, ``index``: CAS004)
IDS = st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True).filter(
    lambda s: s not in ("null", "true", "false") and unsafe_reason(s) is None
)
TEXT = st.text(
    alphabet=st.sampled_from("abcXYZ019 -_.,:;#&*!|>'\"%@`?[]{}()/\\éñ漢😀"),
    min_size=1,
    max_size=12,
)
DUE_FORMS = st.one_of(
    st.dates(min_value=dt.date(2027, 1, 1), max_value=dt.date(2027, 12, 31)).map(dt.date.isoformat),
    st.integers(1, 12).map(lambda m: f"2027-{m:02d}"),
    st.integers(1, 4).map(lambda q: f"2027-Q{q}"),
    st.integers(1, 52).map(lambda w: f"2027-W{w:02d}"),
)
TARGETS = st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False, allow_infinity=False))


def maybe(draw: st.DrawFn, record: Data, key: str, strategy: st.SearchStrategy[object]) -> None:
    if draw(st.booleans()):
        record[key] = draw(strategy)


def some(draw: st.DrawFn, choices: list[str], most: int = 3) -> list[str]:
    if not choices:
        return []
    return draw(st.lists(st.sampled_from(choices), min_size=1, max_size=most, unique=True))


@st.composite
def plans(draw: st.DrawFn) -> Data:
    """A valid plan as plain data: every reference names an id of the right kind."""
    sizes = [draw(st.integers(lo, hi)) for lo, hi in ((1, 4), (0, 2), (1, 5), (0, 2), (0, 2))]
    ids = draw(st.lists(IDS, min_size=sum(sizes), max_size=sum(sizes), unique=True))
    cut = [sum(sizes[:i]) for i in range(6)]
    person_ids, team_ids, node_ids, moment_ids, blocker_ids = (ids[cut[i] : cut[i + 1]] for i in range(5))

    people: list[Data] = []
    for i, pid in enumerate(person_ids):
        person: Data = {"id": pid, "name": draw(TEXT)}
        maybe(draw, person, "role", TEXT)
        if i and draw(st.booleans()):
            person["manager"] = draw(st.sampled_from(person_ids[:i]))  # a tree: managers come first
        people.append(person)

    teams: list[Data] = []
    for i, tid in enumerate(team_ids):
        team: Data = {"id": tid, "name": draw(TEXT)}
        maybe(draw, team, "lead", st.sampled_from(person_ids))
        if draw(st.booleans()):
            team["members"] = some(draw, person_ids)
        if i and draw(st.booleans()):
            team["parent"] = draw(st.sampled_from(team_ids[:i]))
        teams.append(team)

    moments: list[Data] = []
    for mid in moment_ids:
        moment: Data = {"id": mid, "name": draw(TEXT)}
        maybe(draw, moment, "architect", st.sampled_from(person_ids))
        maybe(draw, moment, "standard", st.lists(TEXT, min_size=1, max_size=2))
        moments.append(moment)

    roots: list[Data] = []
    written: list[Data] = []
    for i, nid in enumerate(node_ids):
        node: Data = {"id": nid, "title": draw(TEXT)}
        maybe(draw, node, "owner", st.sampled_from(person_ids + team_ids))
        maybe(draw, node, "due", DUE_FORMS)
        if draw(st.booleans()):
            measure: Data = {}
            maybe(draw, measure, "unit", st.sampled_from(["USD", "deals", "EUR"]))
            measure["target"] = draw(TARGETS)
            node["measure"] = measure
        if draw(st.booleans()):
            node["with"] = some(draw, person_ids)
        if moment_ids:
            maybe(draw, node, "moment", st.sampled_from(moment_ids))
        maybe(draw, node, "personal", st.booleans())
        maybe(draw, node, "status", st.sampled_from(["planned", "in_progress", "done", "dropped"]))
        maybe(draw, node, "done_when", TEXT)
        place = draw(st.integers(-1, i - 1))  # -1: a root; else nested under an earlier node
        if i and draw(st.booleans()):
            node["supports"] = some(draw, node_ids[:i], 2)  # flat form, to earlier nodes only
        if place < 0:
            roots.append(node)
        else:
            parent = written[place]
            children = parent.setdefault("children", [])
            assert isinstance(children, list)
            children.append(node)
        written.append(node)

    blockers: list[Data] = []
    for bid in blocker_ids:
        blocker: Data = {"id": bid, "title": draw(TEXT)}
        maybe(draw, blocker, "raised_by", st.sampled_from(person_ids))
        if draw(st.booleans()):
            blocker["blocks"] = some(draw, node_ids, 2)
        maybe(draw, blocker, "helper", st.sampled_from(person_ids))
        maybe(draw, blocker, "due", DUE_FORMS)
        maybe(draw, blocker, "status", st.sampled_from(["open", "resolved"]))
        blockers.append(blocker)

    plan: Data = {
        "cascade": 1,
        "plan": {"name": draw(TEXT), "start": "2027-01-01", "end": draw(st.sampled_from(["2027-12-31", "2027-Q4"]))},
        "people": people,
    }
    for name, records in (("teams", teams), ("objectives", roots), ("moments", moments), ("blockers", blockers)):
        if records:
            plan[name] = records
    return plan


# -- rendering with known places ----------------------------------------------------------


@dataclass
class Line:
    """One line of rendered YAML and what stands on it (columns are 1-based; 0 when absent)."""

    text: str
    key: str = ""
    key_col: int = 0
    value_col: int = 0
    ref: bool = False
    starts_item: bool = False


@dataclass
class Rendered:
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(line.text + "\n" for line in self.lines)


PLAIN = re.compile(r"[a-z][a-z0-9]*|[0-9]{4}-[0-9QW-]+")


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    assert isinstance(value, str)
    return value if PLAIN.fullmatch(value) else json.dumps(value, ensure_ascii=False)


def render_fields(record: Data, indent: int, out: Rendered, dash: bool) -> None:
    """Write a mapping's entries at ``indent`` spaces, the first after '- ' when ``dash``."""
    for n, (key, value) in enumerate(record.items()):
        lead = " " * indent + ("- " if dash and n == 0 else "  " if dash else "")
        key_col = len(lead) + 1
        if isinstance(value, dict):
            out.lines.append(Line(f"{lead}{key}:", key, key_col, starts_item=dash and n == 0))
            render_fields(value, len(lead) + 2, out, dash=False)
        elif isinstance(value, list):
            out.lines.append(Line(f"{lead}{key}:", key, key_col, starts_item=dash and n == 0))
            for item in value:
                if isinstance(item, dict):
                    render_fields(item, len(lead) + 2, out, dash=True)
                else:
                    pad = " " * (len(lead) + 2) + "- "
                    out.lines.append(Line(pad + scalar(item), value_col=len(pad) + 1, ref=key in REF_LISTS))
        else:
            text = f"{lead}{key}: {scalar(value)}"
            out.lines.append(
                Line(text, key, key_col, key_col + len(key) + 2, key in REF_FIELDS, starts_item=dash and n == 0)
            )


def render(plan: Data) -> Rendered:
    out = Rendered()
    render_fields(plan, 0, out, dash=False)
    return out


# -- properties ---------------------------------------------------------------------------

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True, database=None)


@SETTINGS
@given(plans())
def test_dumps_then_loads_gives_an_equal_plan(data: Data) -> None:
    plan = cascade.Plan.model_validate(data)
    again = cascade.loads(cascade.dumps(plan))
    assert again.load_findings == []
    assert again == plan
    assert cascade.validate(again, select=["CAS0"]).diagnostics == []


@SETTINGS
@given(plans())
def test_a_rendered_plan_reads_back_clean(data: Data) -> None:
    text = render(data).text
    assert diags(text) == []
    assert cascade.loads(text) == cascade.Plan.model_validate(data)


@SETTINGS
@given(plans(), st.data())
def test_a_duplicated_key_is_cas002_at_its_line(data: Data, choice: st.DataObject) -> None:
    rendered = render(data)
    candidates = [i for i, line in enumerate(rendered.lines) if line.key and line.value_col]
    at = choice.draw(st.sampled_from(candidates))
    line = rendered.lines[at]
    copy = line.text
    if line.starts_item:  # the copy must not open a new list item
        copy = copy[: line.key_col - 3] + "  " + copy[line.key_col - 1 :]
    rendered.lines.insert(at + 1, Line(copy))
    assert diags(rendered.text) == [(at + 2, line.key_col, "CAS002")]


@SETTINGS
@given(plans(), st.data())
def test_a_renamed_field_is_cas003_at_its_line(data: Data, choice: st.DataObject) -> None:
    rendered = render(data)
    candidates = [
        i for i, line in enumerate(rendered.lines) if line.key and line.key not in ("cascade", "plan")
    ]  # without those two, the plan cannot be checked at all (CAS007)
    at = choice.draw(st.sampled_from(candidates))
    line = rendered.lines[at]
    start = line.key_col - 1
    line.text = line.text[:start] + line.key + "_x" + line.text[start + len(line.key) :]
    found = diags(rendered.text)
    assert [t for t in found if t[2] == "CAS003"] == [(at + 1, line.key_col, "CAS003")]
    assert {code for _, _, code in found} <= {"CAS003", "CAS004", "CAS006"}  # a renamed id or child leaves gaps


@SETTINGS
@given(plans(), st.data())
def test_a_reference_to_a_missing_id_is_cas006_at_its_line(data: Data, choice: st.DataObject) -> None:
    rendered = render(data)
    candidates = [i for i, line in enumerate(rendered.lines) if line.ref]
    if not candidates:  # a plan with no reference at all
        return
    at = choice.draw(st.sampled_from(candidates))
    line = rendered.lines[at]
    line.text = line.text[: line.value_col - 1] + MISSING
    assert diags(rendered.text) == [(at + 1, line.value_col, "CAS006")]
