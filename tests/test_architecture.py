"""The layout docs/architecture.md describes: no import cycle, no two modules or public
classes of the same name, and tests at the mirrored path of the modules they test."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src" / "cascade"
TESTS = ROOT / "tests"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The cascade modules a module imports, at any depth (imports for type checkers too: a
    layered design needs no cycle even there)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from package import module`` needs the module; ``from module import name``, the module
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & known
            found.update(submodules or {node.module})
        pending.extend(ast.iter_child_nodes(node))
    return found & known


def import_graph() -> nx.DiGraph[str]:
    known = modules()
    graph: nx.DiGraph[str] = nx.DiGraph()
    for name, path in known.items():
        graph.add_node(name)
        for target in imports_of(path, set(known)):
            # a package imports its own modules to re-export them: an edge, but not back up
            if target != name:
                graph.add_edge(name, target)
    return graph


def test_the_walk_sees_imports() -> None:
    graph = import_graph()
    assert graph.has_edge("cascade.read.assemble", "cascade.read.yaml_file")
    assert graph.has_edge("cascade.engine", "cascade.rules")


def test_no_import_cycle() -> None:
    graph = import_graph()
    # Importing a module runs its package's __init__ first: a package's own modules may not
    # import it back through a cycle either, so the package edges stay in.
    cycles = list(nx.simple_cycles(graph))
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join([*c, c[0]]) for c in cycles[:5])


def test_no_two_modules_share_a_name() -> None:
    names = Counter(p.stem for p in SRC.rglob("*.py") if p.stem not in {"__init__", "__main__"})
    packages = Counter(p.parent.name for p in SRC.rglob("__init__.py") if p.parent != SRC)
    clashes = {name for name, n in (names + packages).items() if n > 1}
    assert clashes == set()


def test_no_two_public_classes_share_a_name() -> None:
    seen: dict[str, list[str]] = {}
    for name, path in modules().items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                seen.setdefault(node.name, []).append(name)
    assert {cls: where for cls, where in seen.items() if len(where) > 1} == {}


def mirrored(module: str) -> Path:
    parts = module.split(".")[1:]
    if not parts:
        return TESTS / "test_init.py"
    return TESTS.joinpath(*parts[:-1], f"test_{parts[-1]}.py")


# Modules tested through another module's tests, each for a reason.
TESTED_ELSEWHERE = {
    "cascade.__main__": "two lines: python -m cascade, run by the command-line tests",
    "cascade._version": "one constant",
    "cascade.gc_pause": "a context manager, measured by the benchmark",
    "cascade.limits": "the caps, tested where they bite: tests/read/test_yaml_file.py",
    "cascade.cli.app": "the Typer app, driven by every test of tests/cli/",
    "cascade.cli.options": "shared options, driven by every test of tests/cli/",
    "cascade.rules.base": "the rule base class, driven by every test of tests/rules/",
    "cascade.rules.docs": "the catalogue page, tested by tests/test_docs.py",
    "cascade.reporters.json_report": "tested with the other reporters in tests/reporters/",
}


def test_every_module_has_its_tests_at_the_mirrored_path() -> None:
    missing = []
    for name, path in modules().items():
        if name in TESTED_ELSEWHERE:
            continue
        if path.name == "__init__.py" and name != "cascade":
            folder = TESTS.joinpath(*name.split(".")[1:])
            if folder.is_dir():
                continue  # a package: its modules have their tests in the mirrored folder
        expected = mirrored(name)
        command = TESTS / "cli" / f"test_{name.rsplit('.', 1)[-1].removesuffix('_command')}.py"
        if not expected.exists() and not (name.startswith("cascade.cli.") and command.exists()):
            missing.append(f"{name}: {expected.relative_to(ROOT)}")
    assert missing == []
