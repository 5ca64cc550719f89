"""One SARIF 2.1.0 log, the format code-scanning dashboards (GitHub among them) read.

The driver lists the whole rule catalogue, not only the rules that fired, so a dashboard can
explain every code and keep showing a rule's help after its last finding is fixed. Results come
in report order and rules in catalogue order, so the same report always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any
from urllib.parse import quote

from cascade._version import __version__
from cascade.diagnostics import Diagnostic, Report, Severity
from cascade.rules import REGISTRY, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://example.invalid/cascade"
"""Placeholder, as in docs/ci.md: the project has no public home yet (the PyPI name is taken)."""

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.OFF: "none"}
_DRIVE = re.compile(r"^[A-Za-z]:/")
_FINGERPRINT = "cascadeIds/v1"
"""Versioned so that a later change of what is hashed does not silently re-key old alerts."""


def render(report: Report) -> str:
    return json.dumps(log(report), ensure_ascii=False, indent=2) + "\n"


def log(report: Report) -> dict[str, Any]:
    """The SARIF log as plain data, for callers that want to inspect it or add to it."""
    index = {code: i for i, code in enumerate(REGISTRY)}
    driver = {
        "name": "cascade",
        "informationUri": INFORMATION_URI,
        "version": __version__,
        "rules": [_descriptor(rule) for rule in REGISTRY.values()],
    }
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": [_result(d, index) for d in report.diagnostics]}],
    }


def _descriptor(rule: type[Rule]) -> dict[str, Any]:
    manual = rule.manual()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _first_paragraph(manual) or rule.summary},
        "help": {"text": manual or rule.summary},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }


def _result(diagnostic: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": diagnostic.code}
    if diagnostic.code in index:  # a code outside the catalogue still reports, just without a rule link
        out["ruleIndex"] = index[diagnostic.code]
    out["level"] = _LEVEL[diagnostic.severity]
    out["message"] = {"text": diagnostic.message}
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(diagnostic.file)}}
    if diagnostic.line:
        region = {"startLine": diagnostic.line}
        if diagnostic.column:
            region["startColumn"] = diagnostic.column
        physical["region"] = region
    out["locations"] = [{"physicalLocation": physical}]
    if diagnostic.ids:
        # ids outlive line numbers: an edit above a fault moves it but must not reopen it as new
        key = json.dumps([diagnostic.code, *diagnostic.ids], ensure_ascii=False)
        out["partialFingerprints"] = {_FINGERPRINT: hashlib.sha256(key.encode()).hexdigest()}
    out["properties"] = {"ids": list(diagnostic.ids)}
    return out


def artifact_uri(path: str) -> str:
    """A file as a URI reference: forward slashes, relative paths kept relative, unsafe bytes encoded."""
    posix = path.replace("\\", "/")
    if _DRIVE.match(posix):  # C:/plans/x.yaml would otherwise read as a URI with scheme "C"
        return "file:///" + posix[:2] + quote(posix[2:], safe="/!$&'()*+,;=@")
    return quote(posix, safe="/!$&'()*+,;=@")


def _first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n", 1)[0].split())
