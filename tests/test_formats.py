"""cascade.formats: the one list of output formats, and a command line that offers exactly it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from cascade import formats
from cascade.cli import app
from cascade.formats import BRIEF_FORMATS, BY_COMMAND, DIFF_FORMATS, GRAPH_FORMATS, REPORT_FORMATS, RULES_FORMATS
from cascade.reporters import REPORTERS
from tests.conftest import NORTHWIND, assert_one_line_error, run_cli

COMMANDS = Path(__file__).parent.parent / "docs" / "commands.md"
CHOICES = sorted(set(BY_COMMAND) - {"render"})
"""The commands whose ``--format`` takes one name; ``render`` takes a comma-separated list."""


def commands() -> dict[str, typer.core.TyperCommand]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    found = {name: command for name, command in group.commands.items() if isinstance(command, typer.core.TyperCommand)}
    assert found.keys() == group.commands.keys()
    return found


def format_option(command: str) -> typer.core.TyperOption:
    found = [p for p in commands()[command].params if p.name == "format"]
    assert len(found) == 1
    option = found[0]
    assert isinstance(option, typer.core.TyperOption)
    return option


def test_the_report_formats_are_the_reporters() -> None:
    assert tuple(REPORTERS) == REPORT_FORMATS


def test_every_command_with_a_format_is_listed() -> None:
    offered = {name for name, command in commands().items() if any(p.name == "format" for p in command.params)}
    assert offered == set(BY_COMMAND)


@pytest.mark.parametrize("command", CHOICES)
def test_the_command_line_offers_exactly_the_registry(command: str) -> None:
    option = format_option(command)
    assert tuple(getattr(option.type, "choices", ())) == BY_COMMAND[command]
    assert option.default is None or str(option.default) in BY_COMMAND[command]


@pytest.mark.parametrize("command", CHOICES)
def test_a_format_outside_the_registry_is_a_usage_error(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, command, "--format", "nonsense", str(NORTHWIND))
    assert (status, out) == (2, "")
    assert "Invalid value for '--format'" in err
    assert ", ".join(repr(name) for name in BY_COMMAND[command]) in err


@pytest.mark.parametrize("command", sorted(BY_COMMAND))
def test_the_help_names_every_format(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, command, "--help")
    assert status == 0
    text = " ".join(out.split())  # help is wrapped to the terminal
    names = BY_COMMAND[command]
    assert ("|".join(names) if command in CHOICES else ",".join(names)) in text


def test_render_refuses_a_format_outside_the_registry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "render", str(NORTHWIND), "--out", str(tmp_path), "--format", "md,docx")
    assert_one_line_error(status, out, err, "docx", ", ".join(BRIEF_FORMATS))


@pytest.mark.parametrize("name", REPORT_FORMATS)
def test_every_report_format_is_written(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_cli(capsys, "validate", "--no-cache", "--format", name, str(NORTHWIND))
    assert status == 0, err
    assert "internal error" not in err


@pytest.mark.parametrize("name", GRAPH_FORMATS)
def test_every_graph_format_is_drawn(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "graph", "--format", name, str(NORTHWIND))
    assert (status, err) == (0, "")
    assert out


@pytest.mark.parametrize("name", DIFF_FORMATS)
def test_every_diff_format_is_written(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "diff", "--format", name, str(NORTHWIND), str(NORTHWIND))
    assert (status, err) == (0, "")
    assert out


@pytest.mark.parametrize("name", RULES_FORMATS)
def test_every_rules_format_is_written(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "rules", "--format", name)
    assert (status, err) == (0, "")
    assert "CAS001" in out


@pytest.mark.parametrize("name", [f for f in BRIEF_FORMATS if f != "pdf"])  # PDF: tests/rendering/test_pdf.py
def test_every_brief_format_is_written(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_cli(capsys, "render", str(NORTHWIND), "--out", str(tmp_path), "--format", name)
    assert status == 0, err
    assert list(tmp_path.glob(f"*.{name}"))


@pytest.mark.parametrize("command", sorted(BY_COMMAND))
def test_the_commands_page_names_every_format(command: str) -> None:
    page = COMMANDS.read_text(encoding="utf-8")
    section = page.split(f"\n## {command}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `-f`, `--format")]
    assert len(rows) == 1
    assert set(BY_COMMAND[command]) <= set(re.findall(r"`([^`]+)`", rows[0]))


def test_one_of() -> None:
    assert [formats.one_of(n) for n in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == ["", "a", "a or b", "a, b or c"]


def test_the_paper_sizes_are_the_type_of_paper() -> None:
    assert formats.PAPERS == ("a4", "letter")
