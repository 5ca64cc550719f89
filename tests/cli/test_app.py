"""What every command's help page shows: its arguments named as in its Arguments section, and an example."""

from __future__ import annotations

import re

import pytest

from cascade.cli import app, main

COMMANDS = sorted(command.name or "" for command in app.registered_commands)


def test_every_command_is_listed() -> None:
    assert COMMANDS == ["diff", "graph", "init", "render", "rules", "schema", "trace", "validate"]


@pytest.mark.parametrize("argv", [[], *([name] for name in COMMANDS)], ids=["cascade", *COMMANDS])
def test_help_has_an_example_and_plain_metavars(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--help"]) == 0
    page = capsys.readouterr().out
    assert "{" not in page, page
    assert "}" not in page, page
    assert "Example:" in page
    # the example is a command line of this command, kept on one line
    example = page.split("Example:", 1)[1]
    assert re.search(rf"^\s+cascade {' '.join(argv)}\b", example, re.M), example


def test_a_missing_argument_names_it_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trace"]) == 2
    err = capsys.readouterr().err
    assert "Usage: cascade trace [OPTIONS] PATH ID" in err
