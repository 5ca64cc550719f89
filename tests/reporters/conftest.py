"""Hand-made reports shared by the reporter tests, and a CLI runner that ignores the caller's CI."""

from __future__ import annotations

import importlib

import pytest

from cascade import Diagnostic, Report, Severity
from cascade.reporters import REPORTERS
from tests.conftest import HEADER

FILE = "plans/fy27.yaml"

ERROR = Diagnostic(
    "CAS006", Severity.ERROR, "manager of person 'a' names 'b', which is unknown", FILE, 4, 31, ("a", "b")
)
WARNING = Diagnostic("CAS204", Severity.WARNING, "Cleo (c) has no commitment", FILE, 5, 5, ("c",))
INFO = Diagnostic("CAS303", Severity.INFO, "due date outside the plan period", FILE, 9, 12, ("n",))
NOWHERE = Diagnostic("CAS007", Severity.ERROR, "no plan: header in the directory", "plans")
"""A diagnostic whose line and column are not known (0)."""

BAD = HEADER + "people:\n  - {id: a, name: A, manager: b}\n  - {id: c, name: C, rol: x}\n"
"""A plan file with two errors: an unknown manager (CAS006) and an unknown field (CAS003)."""


def written(name: str, report: Report) -> object:
    """The report as the reporter of format ``name`` writes it (``str``, or Rich ``Text``)."""
    return importlib.import_module(REPORTERS[name]).render(report)


def report(*diagnostics: Diagnostic) -> Report:
    out = Report()
    out.extend(diagnostics)
    return out


@pytest.fixture(autouse=True)
def _not_under_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that expect the text default must not flip to github when the suite itself runs in Actions."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
