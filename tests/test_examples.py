"""The shipped plans hold up: seeds, examples, the planning script and the CI snippets.

Every seed that ``cascade init`` copies and every example plan validates with no diagnostic at
all; the directory form of Northwind is the same plan as the one-file form; the planning script
writes a plan that loads back equal to the one it built; the CI files are YAML that names a
hook the repository defines.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

import cascade
from cascade.cli import main
from cascade.rendering import render
from cascade.starters import seeds_folder

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SOURCE_SEEDS = ROOT / "seeds"
INSTALLED_SEEDS = seeds_folder()
"""Where ``cascade init`` finds the seeds: the installed package's copy (the root folder itself
when cascade runs from the source tree)."""
NORTHWIND = EXAMPLES / "northwind" / "plan.yaml"
NORTHWIND_SPLIT = EXAMPLES / "northwind-split"
SCRIPT = EXAMPLES / "scripts" / "build_plan.py"
ROSTER = EXAMPLES / "scripts" / "roster.csv"
CI = EXAMPLES / "ci"

AS_OF = dt.date(2026, 11, 27)
TARGET = 2_400_000


def _seed_names() -> list[str]:
    return sorted(p.name for p in SOURCE_SEEDS.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


SEEDS = _seed_names()
PLANS = {
    **{f"seed-{name}": SOURCE_SEEDS / name for name in SEEDS},
    "northwind": NORTHWIND,
    "northwind-split": NORTHWIND_SPLIT,
}


def _report(path: Path) -> cascade.Report:
    return cascade.validate(cascade.load(path), as_of=AS_OF)


def _dumps(records: Iterable[cascade.Person | cascade.Team | cascade.Moment | cascade.Blocker]) -> set[str]:
    return {record.model_dump_json() for record in records}


# -- every seed and example validates clean ----------------------------------------------------


def test_there_are_seeds() -> None:
    assert {"minimal", "saas-sales", "field-sales", "sdr-ae", "channel", "expansion"} <= set(SEEDS)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_validates_strictly_inside_its_own_period(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    seed = SOURCE_SEEDS / name
    header = cascade.load(seed).plan
    for day in (header.start, header.start + dt.timedelta(days=3)):
        assert main(["validate", "--no-cache", "--strict", "--as-of", day.isoformat(), str(seed)]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("name", SEEDS)
def test_seed_renders_a_brief_for_everyone(name: str, tmp_path: Path) -> None:
    plan = cascade.load(SOURCE_SEEDS / name)
    written = render(plan, tmp_path, formats=["md", "html"], as_of=plan.plan.start)
    assert written
    for person in plan.people:
        assert person.name in (tmp_path / f"{person.id}.md").read_text(encoding="utf-8")
        assert (tmp_path / f"{person.id}.html").is_file()


@pytest.mark.parametrize("path", PLANS.values(), ids=PLANS.keys())
def test_plan_validates_with_no_diagnostic(path: Path) -> None:
    assert _report(path).diagnostics == []


@pytest.mark.parametrize("path", PLANS.values(), ids=PLANS.keys())
def test_plan_validates_clean_through_the_cli(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-cache", "--as-of", AS_OF.isoformat(), str(path)]) == 0
    capsys.readouterr()
    assert (
        main(["validate", "--no-cache", "--as-of", AS_OF.isoformat(), "--strict", "--format", "json", str(path)]) == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["diagnostics"] == []
    assert result["summary"] == {"errors": 0, "warnings": 0, "infos": 0}


@pytest.mark.parametrize("name", SEEDS)
def test_seed_ships_in_the_package(name: str) -> None:
    """The installed package holds every seed, file for file (package data in the wheel)."""
    source, installed = SOURCE_SEEDS / name, INSTALLED_SEEDS / name
    assert installed.is_dir()
    written = sorted(p.relative_to(source) for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert written
    for relative in written:
        assert filecmp.cmp(source / relative, installed / relative, shallow=False), relative


@pytest.mark.parametrize("name", SEEDS)
def test_seed_has_a_readme(name: str) -> None:
    assert (SOURCE_SEEDS / name / "README.md").is_file()


def test_minimal_seed_is_small_and_whole() -> None:
    plan = cascade.load(SOURCE_SEEDS / "minimal" / "plan.yaml")
    leaders = [p for p in plan.people if plan.person(p.id).is_leader]
    assert len(plan.people) == 3
    assert len(leaders) == 1
    (objective,) = [n for n in plan.objectives if not n.supports]
    assert {c.owner for c in objective.children} == {p.id for p in plan.people} - {leaders[0].id}
    assert all(c.due is not None and c.measure and c.measure.target for c in objective.children)
    assert plan.moments[0].architect == leaders[0].id
    assert plan.moments[0].standard
    assert "$schema" not in (SOURCE_SEEDS / "minimal" / "plan.yaml").read_text(encoding="utf-8")
    readme = (SOURCE_SEEDS / "minimal" / "README.md").read_text(encoding="utf-8")
    assert "cascade validate ." in readme
    assert "cascade render . --out briefs" in readme


def test_saas_seed_is_a_directory_plan_of_forty_people() -> None:
    seed = SOURCE_SEEDS / "saas-sales"
    plan = cascade.load(seed)
    assert len(plan.people) == 40
    regions = sorted(p.stem for p in (seed / "objectives").glob("*.yaml") if p.stem != "company")
    assert len(regions) >= 3
    for name in ("plan.yaml", "people.yaml", "teams.yaml", "objectives/company.yaml", "moments.yaml", "blockers.yaml"):
        assert (seed / name).is_file(), name
    roles = [p.role or "" for p in plan.people]
    assert any("Account Executive" in r for r in roles)
    assert any("Sales Development" in r for r in roles)
    assert any(r.startswith("Sales Manager") for r in roles)
    nodes = list(plan.nodes())
    assert any(n.personal for n in nodes)
    assert any(n.change is not None for n in nodes)
    assert plan.moments
    assert plan.blockers
    assert all(b.helper and b.due for b in plan.blockers)


# -- Northwind as a directory is the same plan --------------------------------------------------


def _node_facts(plan: cascade.Plan) -> set[tuple[str, str | None, dt.date | None, int | Decimal | None]]:
    return {(n.id, n.owner, n.due, n.measure.target if n.measure else None) for n in plan.nodes()}


def test_northwind_split_is_the_same_plan() -> None:
    one, split = cascade.load(NORTHWIND), cascade.load(NORTHWIND_SPLIT)
    assert split.plan == one.plan
    assert _node_facts(split) == _node_facts(one)
    assert set(split.graph.edges()) == set(one.graph.edges())
    assert _dumps(split.people) == _dumps(one.people)
    assert _dumps(split.teams) == _dumps(one.teams)
    assert _dumps(split.moments) == _dumps(one.moments)
    assert _dumps(split.blockers) == _dumps(one.blockers)
    # beyond the facts above: every node says the same thing, wherever it is written
    content = {"children", "supports"}
    assert {n.id: n.model_dump(exclude=content) for n in split.nodes()} == {
        n.id: n.model_dump(exclude=content) for n in one.nodes()
    }


def test_northwind_split_keeps_each_region_in_its_own_file() -> None:
    header = cascade.load(NORTHWIND_SPLIT / "plan.yaml")
    assert not header.objectives
    assert not header.people
    regions = sorted(p for p in (NORTHWIND_SPLIT / "objectives").glob("*.yaml") if p.stem != "company")
    assert len(regions) >= 3
    company = yaml.safe_load((NORTHWIND_SPLIT / "objectives" / "company.yaml").read_text(encoding="utf-8"))
    company_ids = {n["id"] for n in company["objectives"]}
    owners = _codeowners(NORTHWIND_SPLIT / "CODEOWNERS")
    for region in regions:
        data = yaml.safe_load(region.read_text(encoding="utf-8"))
        assert set(data) == {"objectives"}, region.name
        # a region's subtrees hang from company objectives through the flat form; everything
        # else in the file points only at nodes of the same file
        own = set(_ids(data["objectives"]))
        supported = {parent for node in data["objectives"] for parent in node.get("supports", [])}
        assert supported & company_ids, region.name
        assert supported <= own | company_ids, region.name
        matching = [teams for pattern, teams in owners if pattern.endswith(f"objectives/{region.name}")]
        assert matching, f"CODEOWNERS gives no owner to {region.name}"
        assert all(t.startswith("@") and "/" in t for t in matching[-1])


def _ids(nodes: list[dict[str, Any]]) -> Iterator[str]:
    for node in nodes:
        yield node["id"]
        yield from _ids(node.get("children", []))


def _codeowners(path: Path) -> list[tuple[str, list[str]]]:
    rules: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


# -- the planning script ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def build_plan_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_plan_example", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_script(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _built(module: ModuleType, roster: Path = ROSTER, target: int = TARGET) -> cascade.Plan:
    read_roster: Callable[[Path], list[cascade.Person]] = module.read_roster
    build: Callable[[Sequence[cascade.Person], int], cascade.Plan] = module.build_plan
    return build(read_roster(roster), target)


def test_script_writes_a_clean_plan_equal_to_the_one_it_built(tmp_path: Path, build_plan_module: ModuleType) -> None:
    out = tmp_path / "plan.yaml"
    done = _run_script("--roster", ROSTER, "--target", TARGET, "--out", out, "--as-of", AS_OF, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    written = cascade.load(out)
    assert cascade.validate(written, as_of=AS_OF).diagnostics == []
    built = _built(build_plan_module)
    assert written == built
    assert cascade.validate(built, as_of=AS_OF).diagnostics == []


def test_script_splits_the_target_by_its_rule(build_plan_module: ModuleType) -> None:
    plan = _built(build_plan_module)
    (company,) = [n for n in plan.objectives if not n.supports]
    assert company.measure is not None
    assert company.measure.target == TARGET
    roster = {p.id: p for p in build_plan_module.read_roster(ROSTER)}
    sellers = [n for n in plan.commitments if n.kind != "frontline"]
    assert len(sellers) == 8
    for region in company.children:
        assert region.measure is not None
        assert region.measure.target is not None
        quotas = [c.measure.target for c in region.children if c.measure and c.measure.target]
        # 10% over-assignment, each quota rounded up to whole thousands
        over = Decimal("1.1") * region.measure.target
        assert over <= sum(quotas) < over + 1_000 * len(quotas)
        senior = [c for c in region.children if (roster[c.owner or ""].role or "").startswith("Senior")]
        others = [c for c in region.children if c not in senior]
        for s in senior:
            assert all(s.measure and o.measure and (s.measure.target or 0) > (o.measure.target or 0) for o in others)
    regions = sum(r.measure.target or 0 for r in company.children if r.measure)
    assert TARGET <= regions < TARGET + 1_000 * len(company.children)


def test_script_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    refused = _run_script("--out", out, "--as-of", AS_OF, cwd=tmp_path)
    assert refused.returncode == 2
    assert "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"
    forced = _run_script("--out", out, "--as-of", AS_OF, "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert cascade.validate(cascade.load(out), as_of=AS_OF).diagnostics == []


def test_script_exits_1_and_writes_nothing_when_the_plan_has_errors(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,name,role,email,manager\n"
        "ceo,Ana Lima,Chief Revenue Officer,,\n"
        "ae,Ben Adler,Account Executive,,ceo\n"
        "x,Xia Wen,Account Executive,,y\n"
        "y,Yusuf Demir,Account Executive,,x\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.yaml"
    done = _run_script("--roster", roster, "--out", out, "--as-of", AS_OF, cwd=tmp_path)
    assert done.returncode == 1
    assert "CAS103" in done.stderr
    assert not out.exists()


def test_script_exits_2_on_an_unreadable_roster(tmp_path: Path) -> None:
    done = _run_script("--roster", tmp_path / "missing.csv", "--out", tmp_path / "plan.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert "missing.csv" in done.stderr
    assert not (tmp_path / "plan.yaml").exists()


# -- CI snippets --------------------------------------------------------------------------------


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_github_workflow_parses_and_validates_strictly() -> None:
    workflow = _yaml(CI / "github-actions.yml")
    assert isinstance(workflow, dict)
    assert workflow.get("on", workflow.get(True))  # YAML 1.1 readers take a bare `on` for true
    steps = workflow["jobs"]["validate"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any("pip install" in run for run in runs)
    assert "cascade validate plans/ --strict" in runs
    briefs = workflow["jobs"]["briefs"]
    assert briefs["needs"] == "validate"
    assert any("cascade render plans/" in step.get("run", "") for step in briefs["steps"])
    assert any(str(step.get("uses", "")).startswith("actions/upload-artifact") for step in briefs["steps"])


def test_pre_commit_config_uses_the_repository_hook() -> None:
    config = _yaml(CI / "pre-commit-config.yaml")
    defined = {hook["id"] for hook in _yaml(ROOT / ".pre-commit-hooks.yaml")}
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert [hook["id"] for hook in hooks] == ["cascade-validate"]
    assert "cascade-validate" in defined
    assert hooks[0]["args"] == ["plans/"]
