"""pydantic's errors in the plan's words (cascade.read.wording): each fault a plan can hold, read
and checked, gives a CAS004 that says what the value should be, never pydantic's own phrasing."""

from __future__ import annotations

import re

import pytest
from pydantic_core import ErrorDetails

from cascade.read.wording import plain_problem
from tests.conftest import HEADER, run

PYDANTIC = re.compile(
    r"input should|should be a valid|valid (tuple|list|dictionary|integer|string|boolean|date)|field required"
    r"|extra inputs|string should|value error|assertion failed|unable to parse|should have at",
    re.IGNORECASE,
)
"""Phrases of pydantic's messages that no diagnostic may carry."""

PERSON = HEADER + "people:\n  - {id: a, name: A}\n"


def node(field: str) -> str:
    return PERSON + "objectives:\n  - id: n\n    title: T\n    " + field + "\n"


CASES = [
    # (the plan, a phrase its CAS004 must hold)
    (node("children:"), "a list of nodes is needed here, not nothing: write [] or leave 'children' out"),
    (node("children: 5"), "a list of nodes is needed here"),
    (node("children: [5]"), "a mapping of fields is needed here, not 5"),
    (node("supports: {a: b}"), "a list of node ids is needed here, such as [arr, emea-arr], not a mapping"),
    (node("with: a b"), "a list of person ids is needed here"),
    (node("ignore: CAS204"), "a list of rule codes is needed here, such as [CAS204, CAS504]"),
    (node("ignore: [cas204]"), "'cas204' is not a rule code such as CAS201"),
    (node("personal: yes"), "true or false is needed here, not 'yes'"),
    (node("status: finished"), "'finished' is not allowed; use 'planned', 'in_progress', 'done' or 'dropped'"),
    (node("measure: [1]"), "a mapping of fields is needed here, not a list"),
    (node("due: 31/03/2027"), "is not a date"),
    (node("done_when: [x]"), "text is needed here, not a list"),
    (node("notes: {a: 1}"), "text is needed here, not a mapping"),
    (node("owner: " + "a" * 201), "it is too long: at most 200 characters"),
    (node("change: {from: a}"), "has no 'to', which is required"),
    (PERSON.replace("name: A}", "name: A, manager: [a]}"), "text is needed here, not a list"),
    (HEADER + "people:\n", "a list of people is needed here, not nothing"),
    (HEADER + "teams: {id: t}\n", "a list of teams is needed here, such as [{id: emea, name: EMEA Sales}]"),
    (HEADER + "moments: [{id: m, name: M, standard: [[x]]}]\n", "text is needed here, not a list"),
    (HEADER + "moments: [{id: m, name: M, standard: x}]\n", "a list of lines of text is needed here"),
    (HEADER.replace("}", ", policy: {frontline_per_report: 1.5}}"), "a whole number such as 3 is needed here"),
    (HEADER.replace("}", ", policy: {frontline_per_report: -1}}"), "it must be at least 0, not -1"),
    (HEADER.replace("}", ", policy: {max_due_per_week: 'x'}}"), "a whole number such as 3 is needed here"),
    (HEADER.replace("}", ", checks: {limits: {max_depth: 0}}}"), "it must be more than 0, not 0"),
    (HEADER.replace("}", ", checks: {severity: {CAS204: loud}}}"), "'loud' is not allowed; use 'error',"),
    (HEADER.replace("}", ", checks: {ignore: CAS204}}"), "a list of rule codes is needed here"),
    (HEADER.replace("}", ", checks: {severity: [CAS204]}}"), "a mapping of fields is needed here, not a list"),
    (HEADER.replace("}", ", roster: [a.csv]}"), "a CSV file name such as roster.csv"),
    (HEADER.replace("}", ", policy: nothing}"), "a mapping of fields is needed here, not 'nothing'"),
]


@pytest.mark.parametrize(("text", "phrase"), CASES, ids=[phrase[:40] for _, phrase in CASES])
def test_a_malformed_value_is_told_in_the_plans_words(text: str, phrase: str) -> None:
    found = [d for d in run(text) if d.code == "CAS004"]
    assert found, text
    assert any(phrase in d.message for d in found), [d.message for d in found]
    for d in found:
        assert not PYDANTIC.search(d.message), d.message


def test_an_error_the_table_does_not_know_keeps_pydantics_words_out() -> None:
    error: ErrorDetails = {"type": "url_parsing", "loc": ("x",), "msg": "Input should be a valid URL", "input": "h"}
    assert plain_problem(error) == "'h' is not accepted here"


def test_a_validators_own_reason_is_kept_without_its_prefix() -> None:
    error: ErrorDetails = {
        "type": "value_error",
        "loc": ("x",),
        "msg": "Value error, too early",
        "input": 1,
        "ctx": {"error": ValueError("too early")},
    }
    assert plain_problem(error) == "too early"
