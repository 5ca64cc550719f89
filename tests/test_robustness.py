"""Properties of hostile input (issue 11): any bytes, any YAML tree and any valid plan with
random faults put in give diagnostics in the plan's words (never pydantic's), or a one-line
error with exit 2; never a traceback, an ``internal error`` or an exception other than
PlanError; and, in a subprocess under a memory cap, within a bounded time."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cascade
from tests.capped import run_capped
from tests.conftest import AS_OF, EXAMPLE, assert_one_line_error, run_cli
from tests.read.test_wording import PYDANTIC
from tests.strategies import cascades

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],  # capsys is drained each run
)
CODE = re.compile(r"CAS\d{3}")
LINE = re.compile(r"^.*:\d+:\d+: CAS\d{3} (error|warning|info): .+$")

Data = Any
"""A YAML tree: mappings, lists and scalars."""


# -- what every outcome must be -------------------------------------------------------------


def check_api(text: str | bytes) -> None:
    """Through the API: a report of well-formed diagnostics, or a PlanError with some."""
    try:
        plan = cascade.loads(text, name="plan.yaml")
    except cascade.PlanError as exc:
        diagnostics = list(exc.diagnostics)
        assert diagnostics
    else:
        diagnostics = list(cascade.validate(plan, as_of=AS_OF).diagnostics)
    for d in diagnostics:
        assert CODE.fullmatch(d.code)
        assert d.message
        assert not PYDANTIC.search(d.message), d.message  # the plan's words, not pydantic's
        assert (d.line or 0) >= 0
        assert (d.column or 0) >= 0


def check_cli(capsys: pytest.CaptureFixture[str], folder: Path, text: str | bytes) -> None:
    """Through the command line, in this process: text diagnostics and exit 0 or 1, or a
    one-line error and exit 2."""
    path = folder / "plan.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    argv = ["validate", "--no-cache", "--format", "text", "--as-of", AS_OF.isoformat(), str(path)]
    status, out, err = run_cli(capsys, *argv)
    check_outcome(status, out, err)


def check_outcome(status: int | None, out: str, err: str) -> None:
    assert status is not None, "no answer in time"
    assert "Traceback" not in err
    assert "internal error" not in err, err
    if status == 2:
        assert_one_line_error(status, out, err)
    else:
        assert status in (0, 1), err
        assert all(LINE.match(line) for line in out.splitlines()), out


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


# -- any bytes ----------------------------------------------------------------------------

EXAMPLE_BYTES = EXAMPLE.read_bytes()


@st.composite
def damaged_example(draw: st.DrawFn) -> bytes:
    """The format page's example with a few byte ranges cut, repeated or replaced."""
    data = bytearray(EXAMPLE_BYTES)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 40))
        data[at : at + cut] = draw(st.one_of(st.binary(max_size=8), st.just(bytes(data[at : at + cut]) * 3)))
    return bytes(data)


ANY_BYTES = st.one_of(st.binary(max_size=400), damaged_example())


@SETTINGS
@given(ANY_BYTES)
def test_any_bytes_through_the_api(data: bytes) -> None:
    check_api(data)


@SETTINGS
@given(ANY_BYTES)
def test_any_bytes_through_the_cli(capsys: pytest.CaptureFixture[str], folder: Path, data: bytes) -> None:
    check_cli(capsys, folder, data)


# -- any YAML tree --------------------------------------------------------------------------

FIELDS = [
    *("cascade", "plan", "people", "teams", "objectives", "moments", "blockers", "name", "start", "end"),
    *("roster", "policy", "checks", "limits", "max_depth", "ignore", "severity", "id", "title", "role"),
    *("manager", "lead", "members", "parent", "owner", "due", "measure", "unit", "target", "current"),
    *("children", "supports", "with", "personal", "moment", "change", "from", "to", "status", "kind"),
    *("architect", "standard", "raised_by", "blocks", "helper", "done_when", "quota_coverage", "min", "max"),
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400).map(lambda n: n * (-1) ** (n % 2)),
    st.floats(),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.text(max_size=20),
    st.sampled_from(["a", "b", "top", "2027-Q1", "2027-W53", "2027-02-30", "index", "..", "CON", "CAS204"]),
)
KEYS = st.one_of(st.sampled_from(FIELDS), st.text(max_size=8), st.integers(-3, 3))
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=30,
)
HEADER_DATA = {"cascade": 1, "plan": {"name": "Demo", "start": "2027-01-01", "end": "2027-06-30"}}


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    """A YAML tree, dumped: often a mapping, often with a valid header first."""
    tree = draw(st.one_of(TREES, st.dictionaries(KEYS, TREES, max_size=6)))
    if isinstance(tree, dict) and draw(st.booleans()):
        tree = {**HEADER_DATA, **tree}
    return yaml.safe_dump(tree, sort_keys=False, allow_unicode=True)


@SETTINGS
@given(yaml_documents())
def test_any_yaml_tree_through_the_api(text: str) -> None:
    check_api(text)


@SETTINGS
@given(yaml_documents())
def test_any_yaml_tree_through_the_cli(capsys: pytest.CaptureFixture[str], folder: Path, text: str) -> None:
    check_cli(capsys, folder, text)


# -- valid plans with faults put in ---------------------------------------------------------


def records(tree: Data) -> list[dict[str, Data]]:
    """Every mapping below the top of the plan (records, measures, headers), depth first."""
    found: list[dict[str, Data]] = []
    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found[1:]


def ids_of(tree: Data) -> list[str]:
    return [r["id"] for r in records(tree) if isinstance(r.get("id"), str)] or ["ghost"]


NUMBERS = st.one_of(
    st.integers(-(10**400), 10**400),
    st.sampled_from([10**400, -(10**400), 0, -1, 1e308, -1e308, 5e-324]),
    st.floats(),
)


@st.composite
def mutated_plans(draw: st.DrawFn) -> str:
    """A random cascade (tests/strategies.py) with people, teams, moments and blockers whose
    ids other records already use, then up to five random faults."""
    plan = draw(cascades(owners_and_dates=True))
    tree: dict[str, Data] = {"cascade": 1, **plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)}
    taken = ids_of(tree)
    for section, required in (("people", "name"), ("teams", "name"), ("moments", "name"), ("blockers", "title")):
        shared = draw(st.lists(st.sampled_from(taken), max_size=2))
        tree.setdefault(section, []).extend({"id": i, required: "Shared"} for i in shared)
    if draw(st.booleans()):
        tree["teams"].append({"id": "t", "name": "T", "lead": draw(st.sampled_from(taken)), "members": taken[:3]})
    for _ in range(draw(st.integers(0, 5))):
        mutate(draw, tree)
    return yaml.safe_dump(tree, sort_keys=False, allow_unicode=True)


def mutate(draw: st.DrawFn, tree: dict[str, Data]) -> None:
    places = records(tree)
    record = draw(st.sampled_from(places)) if places else tree
    move = draw(st.sampled_from(["number", "drop", "extra", "reorder", "repeat", "retype", "reference"]))
    keys = list(record)
    if move == "number":
        record.setdefault("measure", {})["target"] = draw(NUMBERS)
        if draw(st.booleans()):
            record["measure"]["current"] = draw(NUMBERS)
    elif move == "drop" and keys:
        del record[draw(st.sampled_from(keys))]
    elif move == "extra":
        record[draw(st.sampled_from([*FIELDS, "bogus", "<<"]))] = draw(SCALARS)
    elif move == "reorder":
        lists = [v for v in record.values() if isinstance(v, list)] or [v for v in tree.values() if isinstance(v, list)]
        if lists:
            chosen = draw(st.sampled_from(lists))
            chosen[:] = draw(st.permutations(chosen))
    elif move == "repeat":
        section = tree.get(draw(st.sampled_from(["people", "teams", "objectives", "moments", "blockers"])))
        if isinstance(section, list) and section:
            section.append(json.loads(json.dumps(draw(st.sampled_from(section)))))
    elif move == "retype" and keys:
        record[draw(st.sampled_from(keys))] = draw(st.one_of(SCALARS, st.lists(SCALARS, max_size=2), st.just({})))
    else:
        field = draw(st.sampled_from(["owner", "manager", "lead", "parent", "supports", "with", "moment", "helper"]))
        ids = ids_of(tree)
        record[field] = draw(st.one_of(st.sampled_from(ids), st.lists(st.sampled_from(ids), max_size=3)))


@SETTINGS
@given(mutated_plans())
def test_a_mutated_plan_through_the_api(text: str) -> None:
    check_api(text)


@SETTINGS
@given(mutated_plans())
def test_a_mutated_plan_through_the_cli(capsys: pytest.CaptureFixture[str], folder: Path, text: str) -> None:
    check_cli(capsys, folder, text)


# -- bounded time and memory ------------------------------------------------------------------

CAPPED_MEMORY = 1 << 30
"""1 GB of address space: what cascade may take for these small but hostile inputs."""
CAPPED_SECONDS = 60


@st.composite
def hostile(draw: st.DrawFn) -> str:
    """Input that costs to read: aliases of aliases, deep nesting, long values, many records."""
    kind = draw(st.sampled_from(["aliases", "nesting", "long", "many", "mutated"]))
    head = "cascade: 1\nplan: {name: Demo, start: 2027-01-01, end: 2027-06-30}\n"
    if kind == "aliases":
        fan, levels = draw(st.integers(2, 40)), draw(st.integers(2, 12))
        lines = [f"a0: &a0 [{', '.join(['x'] * fan)}]"]
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * fan)}]" for i in range(1, levels)]
        return head + "\n".join(lines) + "\n"
    if kind == "nesting":
        depth = draw(st.integers(50, 20_000))
        return head + "notes: " + "[" * depth + "]" * depth + "\n"
    if kind == "long":
        size = draw(st.integers(10_000, 5_000_000))
        return head + f'people:\n  - {{id: a, name: "{"n" * size}", manager: zz}}\n'
    if kind == "many":
        count = draw(st.integers(1_000, 30_000))
        return head + "people:\n" + "".join(f"  - {{id: p{i}, name: P, manager: p{i // 3}}}\n" for i in range(count))
    return draw(mutated_plans())


@settings(max_examples=6, deadline=None, derandomize=True, database=None)
@given(hostile())
def test_hostile_input_in_bounded_time_and_memory(text: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "plan.yaml").write_text(text, encoding="utf-8")
        argv = ["validate", "--format", "text", "--as-of", AS_OF.isoformat(), "plan.yaml"]
        ran = run_capped(argv, folder, CAPPED_SECONDS, CAPPED_MEMORY)
    check_outcome(ran.status, ran.out, ran.err)
