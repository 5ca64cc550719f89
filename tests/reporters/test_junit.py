"""The junit reporter: one test case per rule, a failure per error or warning, read back with ElementTree."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cascade import Diagnostic, Report, Severity
from cascade.reporters.junit import render
from cascade.rules import REGISTRY
from tests.conftest import EXAMPLE, WritePlan, run_cli
from tests.reporters.conftest import BAD, ERROR, INFO, NOWHERE, WARNING, report, written


def parse(sample: Report) -> ET.Element:
    body = written("junit", sample)
    assert isinstance(body, str)
    assert body.startswith("<?xml")
    return ET.fromstring(body)


def suite_of(root: ET.Element) -> ET.Element:
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    assert suites[0].get("name") == "cascade"
    return suites[0]


def case(suite: ET.Element, code: str) -> ET.Element:
    found = [c for c in suite.findall("testcase") if c.get("name", "").split()[0] == code]
    assert len(found) == 1
    return found[0]


def test_one_test_case_per_rule_in_catalogue_order() -> None:
    suite = suite_of(parse(report()))
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [f"{code} {rule.name}" for code, rule in REGISTRY.items()]
    assert {c.get("classname") for c in cases} == {"cascade.rules"}
    assert all(len(c) == 0 for c in cases)
    assert (suite.get("tests"), suite.get("failures")) == (str(len(REGISTRY)), "0")


def test_counts_and_failures() -> None:
    second = Diagnostic("CAS006", Severity.ERROR, "owner 'x' is unknown", "plans/fy27.yaml", 8, 12, ("x",))
    root = parse(report(ERROR, second, WARNING, NOWHERE))
    suite = suite_of(root)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (str(len(REGISTRY)), "3", "0")
    assert (root.get("tests"), root.get("failures")) == (str(len(REGISTRY)), "3")
    failures = case(suite, "CAS006").findall("failure")
    assert [(f.get("type"), f.get("message")) for f in failures] == [
        ("error", f"plans/fy27.yaml:4:31: {ERROR.message}"),
        ("error", "plans/fy27.yaml:8:12: owner 'x' is unknown"),
    ]
    assert failures[0].text == f"plans/fy27.yaml:4:31: CAS006 error: {ERROR.message}"
    assert [(f.get("type"), f.get("message")) for f in case(suite, "CAS204").findall("failure")] == [
        ("warning", f"plans/fy27.yaml:5:5: {WARNING.message}")
    ]
    assert case(suite, "CAS007").find("failure").get("message") == f"plans: {NOWHERE.message}"  # type: ignore[union-attr]
    assert case(suite, "CAS101").findall("failure") == []


def test_infos_are_not_failures_but_stay_visible() -> None:
    suite = suite_of(parse(report(INFO)))
    assert suite.get("failures") == "0"
    cas303 = case(suite, "CAS303")
    assert cas303.findall("failure") == []
    assert cas303.findtext("system-out") == f"plans/fy27.yaml:9:12: CAS303 info: {INFO.message}"


def test_markup_in_names_and_messages_round_trips() -> None:
    message = """owner <ana & "bo"> isn't 'known' ]]> &amp;"""
    odd = Diagnostic("CAS006", Severity.ERROR, message, 'a&b/<"q">.yaml', 3, 7)
    failure = case(suite_of(parse(report(odd))), "CAS006").find("failure")
    assert failure is not None
    assert failure.get("message") == f'a&b/<"q">.yaml:3:7: {message}'
    assert failure.text == f'a&b/<"q">.yaml:3:7: CAS006 error: {message}'


def test_characters_xml_cannot_hold_do_not_break_the_file() -> None:
    odd = Diagnostic("CAS008", Severity.ERROR, "tag \x00 and \x1b[1m here", "bin.yaml", 1, 1)
    failure = case(suite_of(parse(report(odd))), "CAS008").find("failure")
    assert failure is not None
    assert failure.get("message") == "bin.yaml:1:1: tag \\u0000 and \\u001b[1m here"


def test_a_code_outside_the_catalogue_gets_its_own_case() -> None:
    stray = Diagnostic("CAS999", Severity.WARNING, "from a plugin", "p.yaml", 1, 1)
    suite = suite_of(parse(report(stray)))
    assert suite.get("tests") == str(len(REGISTRY) + 1)
    assert case(suite, "CAS999").get("name") == "CAS999"


def test_output_is_deterministic() -> None:
    assert render(report(ERROR, WARNING)) == render(report(WARNING, ERROR))


# -- through the command line --------------------------------------------------------------


def test_cli_format_junit(capsys: pytest.CaptureFixture[str], write_plan: WritePlan) -> None:
    path = write_plan(BAD)
    status, out, err = run_cli(capsys, "validate", "--format", "junit", str(path))
    assert status == 1
    assert err == ""
    suite = suite_of(ET.fromstring(out))
    assert suite.get("tests") == str(len(REGISTRY))
    assert int(suite.get("failures", "0")) >= 2
    cas003 = case(suite, "CAS003").findall("failure")
    assert [f.get("message", "").startswith(f"{path}:5:22: unknown field 'rol'") for f in cas003] == [True]


def test_cli_junit_of_a_clean_plan(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "validate", "--format", "junit", str(EXAMPLE))
    assert status == 0
    suite = suite_of(ET.fromstring(out))
    assert (suite.get("tests"), suite.get("failures")) == (str(len(REGISTRY)), "0")
