"""The Jinja environment: compiled templates are kept in the user's cache folder, and an
edited template is compiled again."""

from __future__ import annotations

from pathlib import Path

import pytest

from cascade.rendering import render
from tests.rendering.plans import AS_OF, northwind


def _render_hello(folder: Path, out: Path, greeting: str) -> str:
    (folder / "brief.md.j2").write_text(greeting + " {{ brief.person.name | md }}\n", encoding="utf-8")
    render(northwind(), out, formats=["md"], people=["priya"], templates=folder, as_of=AS_OF)
    return (out / "priya.md").read_text(encoding="utf-8")


def test_compiled_templates_are_kept_and_an_edited_one_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    assert _render_hello(folder, tmp_path / "a", "Hello") == "Hello Priya Natarajan\n"
    kept = list((tmp_path / "cache" / "cascade" / "templates").iterdir())
    assert kept
    assert _render_hello(folder, tmp_path / "b", "Howdy") == "Howdy Priya Natarajan\n"  # same name, new source


def test_without_a_cache_folder_templates_are_compiled_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    folder = tmp_path / "templates"
    folder.mkdir()
    assert _render_hello(folder, tmp_path / "a", "Hello") == "Hello Priya Natarajan\n"
