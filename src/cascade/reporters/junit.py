"""JUnit XML: one test case per rule of the catalogue, so a CI test report lists every check.

A rule passes when it has no diagnostic. Errors and warnings each become a ``<failure>`` of
their rule's test case. Infos do not: they never change the exit status, so showing them as
failed tests would paint a passing run red. They go to the test case's ``<system-out>``
instead, where they stay visible. ``failures`` counts failed test cases, as the JUnit schema
defines it, not ``<failure>`` elements. A failure's message is ``file:line:col: message``
(just ``file: message`` when the place is not known), the same place the text format shows.

The tree is built with ElementTree so that names and messages are escaped by the serialiser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cascade.diagnostics import Diagnostic, Report, Severity
from cascade.rules import REGISTRY

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry even escaped; ElementTree would write them raw and break the file."""


def render(report: Report) -> str:
    by_code: dict[str, list[Diagnostic]] = {code: [] for code in REGISTRY}
    for diagnostic in report.diagnostics:
        by_code.setdefault(diagnostic.code, []).append(diagnostic)  # a stray code gets its own case

    suite = ET.Element("testsuite", name="cascade")
    failed = 0
    for code, diagnostics in by_code.items():
        rule = REGISTRY.get(code)
        case = ET.SubElement(suite, "testcase", classname="cascade.rules", name=f"{code} {rule.name}" if rule else code)
        shown = [d for d in diagnostics if d.severity is not Severity.INFO]
        for diagnostic in shown:
            failure = ET.SubElement(
                case,
                "failure",
                type=diagnostic.severity.value,
                message=_clean(f"{diagnostic.location}: {diagnostic.message}"),
            )
            failure.text = _clean(_line(diagnostic))
        infos = [d for d in diagnostics if d.severity is Severity.INFO]
        if infos:
            ET.SubElement(case, "system-out").text = _clean("\n".join(_line(d) for d in infos))
        failed += bool(shown)

    counts = {"tests": str(len(by_code)), "failures": str(failed), "errors": "0", "skipped": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name="cascade", tests=counts["tests"], failures=counts["failures"], errors="0")
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _line(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.location}: {diagnostic.code} {diagnostic.severity.value}: {diagnostic.message}"


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
