"""The rule catalogue against the format page: every code of the page's table, with its default
severity, a name, a summary and a manual whose snippets fail and pass; and the two worked
examples (the format page's plan and Northwind) give no diagnostic at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cascade
from cascade import Diagnostic, Severity
from cascade.rules import REGISTRY
from tests.rules._helpers import AS_OF

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "tests" / "data" / "example.yaml"
"""The format page's example plan, without its ``roster:`` line."""
NORTHWIND = ROOT / "examples" / "northwind" / "plan.yaml"

SPEC_TABLE: dict[str, str] = {
    "CAS001": "error",
    "CAS002": "error",
    "CAS003": "error",
    "CAS004": "error",
    "CAS005": "error",
    "CAS006": "error",
    "CAS007": "error",
    "CAS008": "error",
    "CAS009": "warning",
    "CAS101": "error",
    "CAS102": "error",
    "CAS103": "error",
    "CAS201": "error",
    "CAS202": "error",
    "CAS203": "warning",
    "CAS204": "warning",
    "CAS205": "error",
    "CAS301": "error",
    "CAS302": "error",
    "CAS303": "warning",
    "CAS304": "warning",
    "CAS401": "warning",
    "CAS402": "warning",
    "CAS403": "error",
    "CAS404": "warning",
    "CAS501": "warning",
    "CAS502": "warning",
    "CAS503": "error",
    "CAS504": "warning",
    "CAS601": "warning",
}
"""Code -> default severity, copied from the rule-code table of the format page."""

CODES = list(SPEC_TABLE)


def diagnostics(text: str) -> list[Diagnostic]:
    """Every diagnostic of a snippet as of AS_OF, or the reason it cannot be checked."""
    try:
        plan = cascade.loads(text)
    except cascade.PlanError as exc:
        return list(exc.diagnostics)
    return list(cascade.validate(plan, as_of=AS_OF).diagnostics)


def test_the_catalogue_covers_exactly_the_codes_of_the_format_page() -> None:
    assert list(REGISTRY) == CODES


@pytest.mark.parametrize("code", CODES)
def test_rule_metadata(code: str) -> None:
    rule = REGISTRY[code]
    assert re.fullmatch(r"CAS\d{3}", rule.code)
    assert rule.code == code
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.summary.strip()
    assert rule.severity is Severity(SPEC_TABLE[code])


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in REGISTRY.values()]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("code", CODES)
def test_manual_has_failing_and_passing_snippets(code: str) -> None:
    rule = REGISTRY[code]
    manual = rule.manual()
    assert "Failing:" in manual
    assert "Passing:" in manual
    failing, passing = rule.snippets()
    assert failing.strip()
    assert passing.strip()


@pytest.mark.parametrize("code", CODES)
def test_failing_snippet_gives_its_code(code: str) -> None:
    failing, _ = REGISTRY[code].snippets()
    found = [d for d in diagnostics(failing) if d.code == code]
    assert found
    assert all(d.line > 0 and d.column > 0 for d in found)
    assert all(d.severity is Severity(SPEC_TABLE[code]) for d in found)


@pytest.mark.parametrize("code", CODES)
def test_passing_snippet_does_not_give_its_code(code: str) -> None:
    _, passing = REGISTRY[code].snippets()
    assert code not in {d.code for d in diagnostics(passing)}


@pytest.mark.parametrize("path", [EXAMPLE, NORTHWIND], ids=["format-example", "northwind"])
def test_worked_examples_give_no_diagnostic_at_all(path: Path) -> None:
    plan = cascade.load(path)
    assert list(cascade.validate(plan, as_of=AS_OF).diagnostics) == []


def test_the_format_example_is_the_page_without_its_roster() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "roster:" not in text
    assert "name: Northwind FY27 H1 Sales Plan" in text
    assert "id: msa-review" in text
