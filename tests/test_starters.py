"""``cascade.starters``: the starter plans shipped in the package, copied without ever overwriting."""

from __future__ import annotations

import datetime as dt
import shutil
import types
from importlib import resources
from pathlib import Path

import pytest

import cascade
from cascade import starters as seeding
from cascade.starters import SeedError, init, seeds

AS_OF = dt.date(2026, 11, 27)


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
    stack = [(resources.files("cascade.seeds") / seed, "")]
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


def test_seeds_are_inside_the_package() -> None:
    root = resources.files("cascade.seeds")
    names = seeds()
    assert "minimal" in names
    assert names == sorted(names)
    for name in names:
        assert (root / name).is_dir()
        assert any(f.endswith((".yaml", ".yml")) for f in seed_files(name))
    assert "__pycache__" not in names


def test_seeds_live_beside_the_installed_code() -> None:
    package = Path(cascade.__file__).parent
    assert Path(str(resources.files("cascade.seeds"))).resolve() == (package / "seeds").resolve()


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
        shipped = resources.files("cascade.seeds").joinpath(seed, *path.relative_to(tmp_path).parts)
        assert path.read_bytes() == shipped.read_bytes()
    report = cascade.validate(cascade.load(tmp_path), as_of=AS_OF)
    assert [(d.code, d.file, d.line, d.message) for d in report.diagnostics] == []


@pytest.mark.parametrize("seed", seeds())
def test_every_seed_validates_clean_where_it_lies(seed: str) -> None:
    folder = Path(str(resources.files("cascade.seeds") / seed))
    assert cascade.validate(cascade.load(folder), as_of=AS_OF).ok


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
    """A copy of the package's seeds that ``cascade.starters`` reads instead, so a test may add to it."""
    copy = tmp_path / "seeds"
    shutil.copytree(Path(str(resources.files("cascade.seeds"))), copy, ignore=shutil.ignore_patterns(CACHE))
    fake = types.SimpleNamespace(files=lambda package: copy if package == "cascade.seeds" else resources.files(package))
    monkeypatch.setattr(seeding, "resources", fake)
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
