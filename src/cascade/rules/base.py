"""What a rule is: a code, a name, a default severity, a manual, and a check that reports facts."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from cascade.diagnostics import Finding, Location, Severity
from cascade.model.index import Record
from cascade.model.plan import Plan
from cascade.model.records import Node
from cascade.read.record_check import MISSING_ID_PREFIX

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What every check may read besides the plan."""

    plan: Plan
    as_of: dt.date
    _shared: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def shared(self, key: str, make: Callable[[], T]) -> T:
        """A value worked out once per run for the rules that need it (made on first use)."""
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]  # type: ignore[return-value]


class Rule:
    """A check of the catalogue. Subclasses set the class attributes and write a docstring:
    a paragraph on why it matters, then ``Failing:`` and ``Passing:`` plan snippets."""

    error, warning, info = Severity.ERROR, Severity.WARNING, Severity.INFO
    code: str = ""
    name: str = ""
    severity: Severity = Severity.ERROR
    summary: str = ""
    reported_by_reader = False
    """True for the structure codes, which the reader reports while it reads."""

    def check(self, ctx: Context) -> Iterable[Finding]:
        return ()

    @classmethod
    def manual(cls) -> str:
        # docstrings mark code the reStructuredText way (``due``); people read Markdown (`due`)
        return inspect.cleandoc(cls.__doc__ or "").replace("``", "`")

    @classmethod
    def snippets(cls) -> tuple[str, str]:
        """The failing and passing snippets of the docstring."""
        text = cls.manual()
        failing = text.split("Failing:", 1)[1].split("Passing:", 1)[0] if "Failing:" in text else ""
        passing = text.split("Passing:", 1)[1] if "Passing:" in text else ""
        return _unfence(failing), _unfence(passing)

    def finding(self, message: str, where: Location, *ids: str) -> Finding:
        return Finding(self.code, message, where, ids)


def _unfence(block: str) -> str:
    lines = block.strip("\n").splitlines()
    lines = [ln for ln in lines if not ln.strip().startswith("```")]
    return inspect.cleandoc("\n".join(lines)) + "\n" if lines else ""


def label(record: Record | None, fallback: str = "") -> str:
    """How a message names a record: its name or title, then its id."""
    if record is None:
        return repr(fallback)
    text = getattr(record, "name", None) or getattr(record, "title", None)
    if record.id.startswith(MISSING_ID_PREFIX):  # a placeholder for a missing id (already a CAS004)
        return f"{text} (no id)" if text else "a record without an id"
    if text and text != record.id:
        return f"{text} ({record.id})"
    return repr(record.id)


def valid_commitment(node: Node, people: Mapping[str, object]) -> bool:
    """A leaf that says who and when: one person as owner and a due date."""
    return node.due is not None and node.owner is not None and node.owner in people


def leaves(plan: Plan) -> list[Node]:
    """The commitments: nodes with nothing below them, in the order written."""
    return plan.commitments
