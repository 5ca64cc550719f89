"""The ``cascade`` namespace: every public name is there, and importing it stays cheap."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

import cascade
from cascade.briefing import brief
from cascade.dumping import dump
from cascade.plan_diff import diff
from cascade.rendering import render
from tests.conftest import NORTHWIND

API = Path(__file__).parent.parent / "docs" / "api.md"


def test_every_public_name_resolves_after_every_module_is_imported() -> None:
    """Importing a submodule binds it on the package; no submodule may shadow a public name."""
    for info in pkgutil.walk_packages(cascade.__path__, "cascade."):
        if info.name.startswith("cascade.rendering.pdf"):
            continue  # needs the optional weasyprint only when called, but keep the walk cheap
        importlib.import_module(info.name)
    for name in cascade.__all__:
        value = getattr(cascade, name)
        assert not isinstance(value, types.ModuleType), f"cascade.{name} is a module"


def test_functions_are_the_library_functions() -> None:
    assert (cascade.brief, cascade.dump, cascade.diff, cascade.render) == (brief, dump, diff, render)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        cascade.nonsense  # noqa: B018


def test_dir_lists_the_public_names() -> None:
    assert set(cascade.__all__) <= set(dir(cascade))


def test_the_api_page_documents_exactly_the_public_names() -> None:
    """docs/api.md ends with "Everything in `cascade`", a table naming each name of
    ``cascade.__all__`` once as `cascade.NAME`, and nothing else; wherever else the page
    writes cascade.NAME, NAME is a public name or a module of the package."""
    page = API.read_text(encoding="utf-8")
    index = page.split("\n## Everything in `cascade`\n", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"`cascade\.(\w+)`", index)
    assert sorted(listed) == sorted(cascade.__all__)
    named = set(re.findall(r"\bcascade\.(\w+)", page))
    unknown = {n for n in named - set(cascade.__all__) if importlib.util.find_spec(f"cascade.{n}") is None}
    assert unknown == set()


@pytest.mark.parametrize(
    ("statement", "absent"),
    [
        ("import cascade", ["pydantic", "networkx", "jinja2", "rich", "typer"]),
        ("import cascade.read.assemble", ["jinja2", "icalendar", "rich", "typer"]),
        ("from cascade.cli import main", ["jinja2", "icalendar", "networkx", "cascade.briefing", "cascade.plan_diff"]),
        (f"from cascade.cli import main; main(['validate', '--no-cache', {str(NORTHWIND)!r}])", ["networkx", "jinja2"]),
    ],
)
def test_heavy_modules_are_imported_only_where_needed(statement: str, absent: list[str]) -> None:
    code = f"{statement}; import sys; print(' '.join(m for m in {absent!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == []
