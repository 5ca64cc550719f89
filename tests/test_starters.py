"""``cascade.starters``: the starter plans of ``seeds/``, shipped in the wheel, copied without ever
overwriting and moved to another period on request."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import cascade
from cascade import starters as seeding
from cascade.model.date_forms import Shift
from cascade.starters import SeedError, describe, init, seeds, seeds_folder, shift_text

AS_OF = dt.date(2026, 11, 27)
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
"""The one home of the starter plans."""


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder``: its bytes and its modification time."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


CACHE = ".cascade_cache"
"""The parse cache ``cascade validate`` leaves beside a plan: never part of a seed."""


def seed_files(seed: str) -> set[str]:
    """The files of a seed as the package holds them, without Python's files and without a parse cache."""
    out: set[str] = set()
    stack = [(seeds_folder() / seed, "")]
    while stack:
        folder, prefix = stack.pop()
        for item in folder.iterdir():
            if item.name in ("__init__.py", "__pycache__", CACHE):
                continue
            if item.is_dir():
                stack.append((item, f"{prefix}{item.name}/"))
            else:
                out.add(prefix + item.name)
    return out


def relative(paths: list[Path], folder: Path) -> set[str]:
    """The written paths below ``folder``, leaving out a parse cache (see test_a_parse_cache_is_not_copied)."""
    names = {p.relative_to(folder).as_posix() for p in paths}
    return {n for n in names if CACHE not in n.split("/")}


def test_seeds_are_the_root_folders() -> None:
    names = seeds()
    assert {"minimal", "saas-sales", "field-sales", "sdr-ae", "channel", "expansion"} <= set(names)
    assert names == sorted(names)
    assert names == sorted(p.name for p in SEEDS.iterdir() if p.is_dir() and not p.name.startswith("."))
    for name in names:
        assert any(f.endswith((".yaml", ".yml")) for f in seed_files(name))


def test_seeds_are_read_from_the_package_once_installed() -> None:
    """From a wheel, the package's own copy; from the source tree (no copy there), the root folder."""
    package = Path(cascade.__file__).resolve().parent
    expected = package / "seeds" if (package / "seeds").is_dir() else SEEDS
    assert seeds_folder() == expected
    assert not (ROOT / "src" / "cascade" / "seeds").exists()  # never kept twice in the tree


def files_below(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and CACHE not in p.parts and "__pycache__" not in p.parts
    }


def test_the_wheel_carries_the_seeds_folder_file_for_file(tmp_path: Path) -> None:
    """What 'pip install .' installs: the wheel's cascade/seeds is the root seeds/, byte for byte."""
    tree = tmp_path / "tree"  # a clean copy: a parse cache in the working tree is not the wheel's
    shutil.copytree(
        ROOT, tree, ignore=shutil.ignore_patterns(".git", ".venv", CACHE, "__pycache__", "*_cache", "site", "bench")
    )
    left = tree / "seeds" / "minimal" / CACHE  # what a run of cascade on a seed leaves: never shipped
    left.mkdir(exist_ok=True)
    (left / "entry").write_bytes(b"machine-local")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(tree)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    (wheel,) = (tmp_path / "dist").glob("cascade-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {
            name.removeprefix("cascade/seeds/"): archive.read(name)
            for name in archive.namelist()
            if name.startswith("cascade/seeds/") and not name.endswith("/")
        }
    assert shipped == files_below(SEEDS)


def test_minimal_into_an_empty_folder_validates_clean(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    target.mkdir()
    written = init(target)
    assert relative(written, target) == seed_files("minimal")
    assert all(p.is_file() for p in written)
    report = cascade.validate(cascade.load(target), as_of=AS_OF)
    assert report.diagnostics == []


def test_init_creates_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    init(target)
    assert cascade.validate(cascade.load(target), as_of=AS_OF).diagnostics == []


@pytest.mark.parametrize("seed", seeds())
def test_every_seed_validates_clean(tmp_path: Path, seed: str) -> None:
    written = init(tmp_path, seed)
    assert relative(written, tmp_path) == seed_files(seed)
    for path in written:
        shipped = seeds_folder().joinpath(seed, *path.relative_to(tmp_path).parts)
        assert path.read_bytes() == shipped.read_bytes()
    report = cascade.validate(cascade.load(tmp_path), as_of=AS_OF)
    assert [(d.code, d.file, d.line, d.message) for d in report.diagnostics] == []


@pytest.mark.parametrize("seed", seeds())
def test_every_seed_validates_clean_where_it_lies(seed: str) -> None:
    assert cascade.validate(cascade.load(seeds_folder() / seed), as_of=AS_OF).ok


def test_init_twice_changes_nothing(tmp_path: Path) -> None:
    init(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(SeedError, match="nothing was written"):
        init(tmp_path)
    assert snapshot(tmp_path) == before


def test_one_clash_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"README\.md"):
        init(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mine\n"


def test_unrelated_files_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "data.csv").write_text("a,b\n", encoding="utf-8")
    before = snapshot(tmp_path)
    written = init(tmp_path)
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) == set(before) | {p.relative_to(tmp_path).as_posix() for p in written}


def test_unknown_seed(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="nope") as caught:
        init(tmp_path, "nope")
    assert "minimal" in str(caught.value)  # the choices are named
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("seed", ["__init__.py", "__pycache__", "../seeds", "", "minimal/"])
def test_odd_seed_names_are_unknown(tmp_path: Path, seed: str) -> None:
    with pytest.raises(SeedError):
        init(tmp_path / "out", seed)
    assert not (tmp_path / "out").exists()


def test_target_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("x\n", encoding="utf-8")
    with pytest.raises(SeedError, match="not a folder"):
        init(target)
    assert target.read_text(encoding="utf-8") == "x\n"


def nested_seed() -> str:
    """A seed with a file in a sub-folder, or a skip when none has one."""
    for seed in seeds():
        if any("/" in name for name in seed_files(seed)):
            return seed
    pytest.skip("no seed has a sub-folder")


def test_a_file_where_the_seed_has_a_folder_writes_nothing(tmp_path: Path) -> None:
    seed = nested_seed()
    folder = sorted(name for name in seed_files(seed) if "/" in name)[0].split("/")[0]
    (tmp_path / folder).write_text("mine\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(SeedError, match=folder):
        init(tmp_path, seed)
    assert snapshot(tmp_path) == before


@pytest.fixture
def seeds_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seeds that ``cascade.starters`` reads instead, so a test may add to it."""
    copy = tmp_path / "seeds"
    shutil.copytree(seeds_folder(), copy, ignore=shutil.ignore_patterns(CACHE))
    monkeypatch.setattr(seeding, "seeds_folder", lambda: copy)
    return copy


def test_seeds_copy_is_used(seeds_copy: Path) -> None:
    assert seeds() == sorted(p.name for p in seeds_copy.iterdir() if p.is_dir() and p.name != "__pycache__")


def test_a_parse_cache_is_not_copied(seeds_copy: Path, tmp_path: Path) -> None:
    cascade.load(seeds_copy / "minimal", cache=True)  # what 'cascade validate' does by default
    assert (seeds_copy / "minimal" / CACHE).is_dir()
    target = tmp_path / "plan"
    written = init(target)
    assert not (target / CACHE).exists()
    assert {p.relative_to(target).as_posix() for p in written} == {"README.md", "plan.yaml"}


def test_a_parse_cache_is_not_a_seed(seeds_copy: Path) -> None:
    (seeds_copy / CACHE).mkdir(exist_ok=True)  # 'cascade validate' on the seeds folder as a whole
    assert CACHE not in seeds()


# -- the seeds as a sales leader meets them -------------------------------------------------------


def period(seed: str) -> tuple[dt.date, dt.date]:
    header = cascade.load(seeds_folder() / seed).plan
    return header.start, header.end


@pytest.mark.parametrize("seed", seeds())
def test_every_seed_is_clean_on_the_first_day_of_its_own_period(seed: str) -> None:
    start, _ = period(seed)
    report = cascade.validate(cascade.load(seeds_folder() / seed), as_of=start)
    assert [(d.code, d.file, d.line, d.message) for d in report.diagnostics] == []


@pytest.mark.parametrize("seed", seeds())
def test_every_seed_shows_the_habits_the_rules_check(seed: str) -> None:
    """A moment with a standard and a leader as architect, frontline time, a target or a done_when
    on every commitment; and, but for the smallest seed, a personal action and an open blocker."""
    plan = cascade.load(seeds_folder() / seed)
    leaders = {p.id for p in plan.people if plan.person(p.id).is_leader}
    assert plan.moments
    assert all(m.standard and m.architect in leaders for m in plan.moments)
    nodes = list(plan.nodes())
    assert any(n.kind == "frontline" and n.with_ for n in nodes)
    assert all((c.measure is not None and c.measure.target is not None) or c.done_when for c in plan.commitments)
    if seed != "minimal":
        assert 8 <= len(plan.people) <= 40
        assert any(n.personal for n in nodes)
        assert any(b.status == "open" and b.helper and b.due for b in plan.blockers)


def test_describe_reads_the_readme_and_counts_the_plan() -> None:
    info = describe("minimal")
    assert info.name == "minimal"
    first = (SEEDS / "minimal" / "README.md").read_text(encoding="utf-8").splitlines()[0]
    assert info.description == first.lstrip("# ")
    plan = cascade.load(SEEDS / "minimal")
    assert (info.people, info.commitments) == (len(plan.people), len(plan.commitments)) == (3, 3)


def test_describe_an_unknown_seed() -> None:
    with pytest.raises(SeedError, match="no seed 'nope'"):
        describe("nope")


# -- init --start: the starter moved to another period ---------------------------------------------

DATE = re.compile(r"\b\d{4}-(?:\d{2}-\d{2}|\d{2}|[Qq][1-4]|W\d{2})\b")


def same_but_dates(line: str) -> str:
    """The line with its dates blanked, and the spaces before its comment (which make up for a
    date that grew or shrank) counted as one."""
    return re.sub(r" +#", " #", DATE.sub("D", line))


@pytest.mark.parametrize("seed", seeds())
@pytest.mark.parametrize("start", [dt.date(2027, 7, 1), dt.date(2029, 2, 1), dt.date(2028, 3, 15)])
def test_a_moved_seed_is_clean_from_its_new_first_day(tmp_path: Path, seed: str, start: dt.date) -> None:
    init(tmp_path, seed, start=start)
    plan = cascade.load(tmp_path)
    assert plan.plan.start == start
    codes = [d.code for d in cascade.validate(plan, as_of=start).diagnostics]
    assert "CAS303" not in codes
    assert "CAS304" not in codes
    assert codes == []  # nor anything else: the shift keeps every order of dates


@pytest.mark.parametrize("seed", seeds())
def test_a_move_changes_the_dates_and_nothing_else(tmp_path: Path, seed: str) -> None:
    init(tmp_path, seed, start=dt.date(2030, 4, 1))
    for name in seed_files(seed):
        before = (seeds_folder() / seed / name).read_text(encoding="utf-8")
        after = (tmp_path / name).read_text(encoding="utf-8")
        if not name.endswith(".yaml"):
            assert after == before, name
            continue
        lines = list(zip(before.splitlines(keepends=True), after.splitlines(keepends=True), strict=True))
        for old, new in lines:
            if old.lstrip().startswith("#"):
                assert new == old  # comments are kept as written, dates in them included
            else:
                assert same_but_dates(new) == same_but_dates(old), (name, old)


def test_a_move_by_months_keeps_month_ends_and_forms(tmp_path: Path) -> None:
    init(tmp_path, "saas-sales", start=dt.date(2027, 7, 1))
    plan = cascade.load(tmp_path)
    assert (plan.plan.start, plan.plan.end) == (dt.date(2027, 7, 1), dt.date(2028, 6, 30))
    americas = (tmp_path / "objectives" / "americas.yaml").read_text(encoding="utf-8")
    assert "due: 2028-Q2\n" in americas  # was 2027-Q4
    assert "due: 2028-06\n" in americas  # was 2027-12
    blocker = next(b for b in plan.blockers if b.id == "discount-approvals")
    assert blocker.due == dt.date(2027, 8, 31)  # February's last day becomes August's


def test_a_move_to_the_seeds_own_start_changes_nothing(tmp_path: Path) -> None:
    start, _ = period("saas-sales")
    written = init(tmp_path, "saas-sales", start=start)
    for path in written:
        shipped = seeds_folder() / "saas-sales" / path.relative_to(tmp_path)
        assert path.read_bytes() == shipped.read_bytes()


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("due: 2027-03-31  # end of Q1\n", "due: 2027-06-30  # end of Q1\n"),
        ("due: '2027-02-15'\n", "due: '2027-05-15'\n"),
        ('due: "2027-Q1"\n', 'due: "2027-Q2"\n'),
        ("- {id: a, due: 2027-01, title: 2027-01-05 talk}\n", "- {id: a, due: 2027-04, title: 2027-01-05 talk}\n"),
        ("dates: [2027-01-31, 2027-W05]\n", "dates: [2027-04-30, 2027-05-07]\n"),
        ("2027-01-31: a key is never a date\n", "2027-01-31: a key is never a date\n"),
    ],
)
def test_shift_text_edits_only_the_date_values(text: str, moved: str) -> None:
    assert shift_text(text, Shift(months=3)) == moved


def test_shift_text_keeps_a_comment_in_its_column() -> None:
    text = "a: 2027-Q4     # end\nb: 2027-12-31 # end\n"
    assert shift_text(text, Shift(days=1)) == "a: 2028-01-01  # end\nb: 2028-01-01 # end\n"


def test_shift_text_keeps_windows_line_ends() -> None:
    text = "plan:\r\n  start: 2027-01-01\r\n  end: 2027-12-31\r\n"
    assert shift_text(text, Shift(days=7)) == "plan:\r\n  start: 2027-01-08\r\n  end: 2028-01-07\r\n"


def test_init_with_start_writes_nothing_over_a_file(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("mine\n", encoding="utf-8")
    with pytest.raises(SeedError, match="nothing was written"):
        init(tmp_path, start=dt.date(2027, 7, 1))
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == "mine\n"
