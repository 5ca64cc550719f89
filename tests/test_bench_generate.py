"""The benchmark's synthetic plans: clean when asked, the same bytes for the same seed, and
faults whose diagnostics (code, file, line) stay exactly as recorded, so that an
optimisation that changes what cascade reports fails here.

To record the snapshot again after an intended change of the diagnostics:
    CASCADE_WRITE_BENCH_SNAPSHOT=1 pytest tests/test_bench_generate.py
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import cascade

BENCH = Path(__file__).parent.parent / "bench"
SNAPSHOT = Path(__file__).parent / "data" / "bench_snapshot.json"
AS_OF = dt.date(2026, 11, 27)
FAULTY_PEOPLE, FAULTY_SEED, FAULTY_SHARE = 200, 1, 0.1
"""The faulty plans of the snapshot: small, yet every kind of fault of a person, a team or a node appears."""

Triple = tuple[str, str, int]


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


generate = _load_generator()


def write(tmp: Path, layout: str, *, people: int, seed: int = 0, faults: float = 0.0) -> Path:
    """Generate a plan in a folder of its own below ``tmp``: ``plan.yaml``, ``plan.json`` or ``plan/``."""
    folder = tmp / f"{layout}-{people}-{seed}-{faults}"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / {"file": "plan.yaml", "json": "plan.json", "dir": "plan"}[layout]
    generate.generate(people, out, seed=seed, faults=faults, layout=layout)
    return out


def faulty(tmp: Path, layout: str) -> Path:
    return write(tmp, layout, people=FAULTY_PEOPLE, seed=FAULTY_SEED, faults=FAULTY_SHARE)


def triples(plan: Path) -> list[Triple]:
    """(code, file relative to the plan's folder, line) of every diagnostic, in report order."""
    try:
        diagnostics = list(cascade.validate(cascade.load(plan), as_of=AS_OF).diagnostics)
    except cascade.PlanError as exc:
        diagnostics = list(exc.diagnostics)
    root = plan if plan.is_dir() else plan.parent
    return [(d.code, Path(os.path.relpath(d.file, root)).as_posix(), d.line) for d in diagnostics]


def _snapshot_text(plans: dict[str, object], diagnostics: dict[str, list[Triple]]) -> str:
    """The snapshot as JSON with one diagnostic a line, so that a change shows as a short diff."""
    parts = [f'{{\n "plans": {json.dumps(plans)},\n "diagnostics": {{']
    layouts = list(diagnostics.items())
    for k, (layout, found) in enumerate(layouts):
        rows = ",\n".join(f"  {json.dumps(t)}" for t in found)
        parts.append(f'\n "{layout}": [\n{rows}\n ]{"," if k < len(layouts) - 1 else ""}')
    parts.append("\n}}\n")
    return "".join(parts)


def contents(plan: Path) -> dict[str, bytes]:
    if plan.is_file():
        return {plan.name: plan.read_bytes()}
    return {p.relative_to(plan).as_posix(): p.read_bytes() for p in sorted(plan.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("layout", ["file", "dir"])
@pytest.mark.parametrize("people", [50, 300])
def test_a_plan_without_faults_gives_no_diagnostic(tmp_path: Path, layout: str, people: int) -> None:
    plan = write(tmp_path, layout, people=people, seed=people)
    report = cascade.validate(cascade.load(plan), as_of=AS_OF)
    assert [str(d) for d in report.diagnostics] == []


@pytest.mark.parametrize("people", [2, 7, 12, 13, 25])
def test_tiny_organisations_are_clean_too(tmp_path: Path, people: int) -> None:
    assert triples(write(tmp_path, "file", people=people)) == []


def test_the_organisation_is_realistic() -> None:
    org = generate.build(3000, 1)
    assert org.node_count == 9000
    managers = [leader for leader in org.reports if org.height[leader] == 1]
    assert all(6 <= len(org.reports[m]) <= 10 for m in managers)
    assert 1 <= len(org.reports[0]) <= 12
    assert max(org.depth) >= 3


@pytest.mark.parametrize("layout", ["file", "dir"])
def test_the_same_seed_gives_the_same_bytes(tmp_path: Path, layout: str) -> None:
    first = contents(write(tmp_path / "a", layout, people=300, seed=5, faults=0.1))
    again = contents(write(tmp_path / "b", layout, people=300, seed=5, faults=0.1))
    other = contents(write(tmp_path / "c", layout, people=300, seed=6, faults=0.1))
    assert first == again
    assert first != other


def test_the_command_line_writes_what_the_module_writes(tmp_path: Path) -> None:
    out = tmp_path / "cli.yaml"
    command = [sys.executable, str(BENCH / "generate.py"), "--people", "50", "--seed", "3", "--faults", "0.1"]
    subprocess.run([*command, "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == write(tmp_path, "file", people=50, seed=3, faults=0.1).read_bytes()


class _DatesAsText(yaml.SafeLoader):
    """YAML 1.1 without its timestamps: dates stay text, as in the JSON copy (and 2027-02-30 is no error)."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_the_json_copy_holds_the_same_data(tmp_path: Path) -> None:
    data = write(tmp_path, "json", people=80, seed=2, faults=0.2)
    text = write(tmp_path, "file", people=80, seed=2, faults=0.2)
    assert yaml.load(text.read_bytes(), Loader=_DatesAsText) == json.loads(data.read_bytes())


def test_every_kind_of_fault_is_in_the_snapshot_plans() -> None:
    org = generate.build(FAULTY_PEOPLE, FAULTY_SEED, FAULTY_SHARE)
    kinds = set(generate.NODE_FAULTS) | set(generate.PERSON_FAULTS) | set(generate.TEAM_FAULTS)
    assert kinds <= set(org.faults.values())


def test_faults_give_diagnostics_in_the_files_they_stand_in(tmp_path: Path) -> None:
    found = triples(faulty(tmp_path, "dir"))
    codes = {code for code, _, _ in found}
    assert {"CAS003", "CAS004", "CAS005", "CAS006", "CAS202", "CAS301", "CAS302", "CAS403", "CAS404"} <= codes
    assert all(line > 0 for _, _, line in found)
    assert any(file.startswith("objectives/") for _, file, _ in found)


def test_the_diagnostics_of_the_faulty_plans_are_those_recorded(tmp_path: Path) -> None:
    found = {layout: triples(faulty(tmp_path, layout)) for layout in ("file", "dir")}
    again = {layout: triples(faulty(tmp_path / "again", layout)) for layout in ("file", "dir")}
    assert found == again
    plans: dict[str, object] = {
        "generate": {"people": FAULTY_PEOPLE, "seed": FAULTY_SEED, "faults": FAULTY_SHARE},
        "as_of": str(AS_OF),
    }
    if os.environ.get("CASCADE_WRITE_BENCH_SNAPSHOT"):
        SNAPSHOT.write_text(_snapshot_text(plans, found), encoding="utf-8")
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert recorded["plans"] == plans
    for layout in ("file", "dir"):
        assert [tuple(t) for t in recorded["diagnostics"][layout]] == found[layout], layout
