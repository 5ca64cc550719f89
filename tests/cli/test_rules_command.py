"""``cascade rules [CODE]``: the catalogue, one rule explained, and the Markdown of docs/rules.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from cascade.rules import REGISTRY
from cascade.rules.docs import catalogue_markdown
from tests.conftest import assert_one_line_error, run_cli


def test_the_catalogue_lists_every_code_once_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "rules")
    assert status == 0
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == list(REGISTRY)


def test_one_rule_is_explained_with_both_snippets(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "rules", "cas201")  # codes are read in any case
    assert status == 0
    assert out.startswith("CAS201 ")
    assert "Failing:" in out
    assert "Passing:" in out
    assert out.index("Failing:") < out.index("Passing:")


def test_an_unknown_code_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "rules", "CAS999")
    assert_one_line_error(status, out, err, "CAS999", "cascade rules")


def test_markdown_is_the_rules_page(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "rules", "--format", "markdown")
    assert status == 0
    assert out == catalogue_markdown()
    assert out == (Path(__file__).parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")


def test_markdown_of_one_rule_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "rules", "CAS201", "--format", "markdown")
    assert_one_line_error(status, out, err, "--format markdown")
