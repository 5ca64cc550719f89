"""Structure: the file can be read, matches the format, and its ids are unique and resolve.

CAS001 to CAS004, CAS007 and CAS008 are found by the reader while it reads; they live
here so the catalogue documents them. CAS005, CAS006 and CAS009 look at the merged plan, and
so does the part of CAS004 that asks whether a person's id can name their brief files.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from cascade.diagnostics import Finding
from cascade.filenames import clashes, unsafe_reason
from cascade.model.index import Kind, Record
from cascade.rules.base import Context, Rule, label

_SUGGESTION_BUDGET = 100  # did-you-mean is a linear scan; past this many misses, skip it


class YamlSyntax(Rule):
    """The file is not valid YAML, or cannot be read at all.

    Nothing else in the file can be checked until it parses.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30
        people: [{id: ana, name: Ana Lima}]

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
    """

    code, name, summary = "CAS001", "yaml-syntax", "YAML syntax error"
    reported_by_reader = True


class DuplicateKey(Rule):
    """A key appears twice in one mapping.

    YAML keeps only one of the two values, so the other would vanish without a word;
    cascade keeps the first and reports the later one.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - id: ana
            name: Ana Lima
            name: Ana Souza

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - id: ana
            name: Ana Lima
    """

    code, name, summary = "CAS002", "duplicate-key", "duplicate key in one mapping"
    reported_by_reader = True


class UnknownField(Rule):
    """A field the format does not know, usually a typo; the message suggests the closest field.

    Unknown fields are errors so that a misspelt ``due`` never passes as a plan without dates.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - id: ana
            name: Ana Lima
            rol: Account Executive

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - id: ana
            name: Ana Lima
            role: Account Executive
    """

    code, name, summary = "CAS003", "unknown-field", "unknown field"
    reported_by_reader = True


class WrongValue(Rule):
    """A value of the wrong type or form: a date that does not exist, a negative target,
    text where a list belongs, an id with spaces, or a required field left out.

    A person's id also names their brief files (``<id>.md``, ``<id>.html``...), so it
    must make a file name on Linux, macOS and Windows alike: not ``.`` or ``..``, not a
    Windows device name (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM0`` to ``COM9``,
    ``LPT0`` to ``LPT9``, in any case and before any extension, as in ``nul.x``), and
    not ``index`` in any case, which is the page that lists the briefs. Only people get
    files: a team, node, moment or blocker may have any id the pattern allows.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: win
            title: Win ten new logos
            owner: ana
            due: 2027-02-30
            measure: {target: 10}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
        objectives:
          - id: win
            title: Win ten new logos
            owner: ana
            due: 2027-02-28
            measure: {target: 10}
    """

    code, name, summary = "CAS004", "wrong-value", "value of the wrong type or form"
    # The reader finds the other faults while it reads; file names are checked on the merged
    # plan, so that people from a roster or built in Python are judged too.
    reported_by_reader = False

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        for person in plan.index.people.values():
            reason = unsafe_reason(person.id)
            if reason is not None:
                yield self.finding(
                    f"the id of person {label(person)} cannot name brief files: {reason}",
                    plan.where(person, "id"),
                    person.id,
                )


class DuplicateId(Rule):
    """Two records share an id. Ids are one namespace across people, teams, nodes,
    moments and blockers, and across every file of a directory plan; each later
    occurrence is reported.

    Two people whose ids differ only in case (``Ana`` and ``ana``) are duplicates too:
    macOS and Windows ignore case in file names, so their briefs would be one file. The
    later person in reading order is reported. Other records may differ only in case.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: ana, name: Ana Lima}
          - {id: ana, name: Ana Souza}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: ana, name: Ana Lima}
          - {id: ana-souza, name: Ana Souza}
    """

    code, name, summary = "CAS005", "duplicate-id", "duplicate id"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        for dup in plan.index.duplicates:
            first = plan.where(dup.first)
            where = f"{first.file}:{first.line}" if first.line else first.file
            yield self.finding(
                f"id {dup.id!r} is used again: this {dup.kind} repeats the id of the {dup.first_kind} at {where}",
                plan.where(dup.record, "id"),
                dup.id,
            )
        people = plan.index.people
        for later, earlier in clashes(people):
            first = plan.where(people[earlier], "id")
            where = f"{first.file}:{first.line}" if first.line else first.file
            yield self.finding(
                f"id {later!r} differs only in case from the person {earlier!r} at {where}: "
                "their briefs would be one file on macOS and Windows",
                plan.where(people[later], "id"),
                later,
                earlier,
            )


# (section's record kind, field, kinds the field may name)
_REFERENCES: tuple[tuple[Kind, str, tuple[Kind, ...]], ...] = (
    ("person", "manager", ("person",)),
    ("team", "lead", ("person",)),
    ("team", "members", ("person",)),
    ("team", "parent", ("team",)),
    ("node", "owner", ("person", "team")),
    ("node", "supports", ("node",)),
    ("node", "with", ("person",)),
    ("node", "moment", ("moment",)),
    ("moment", "architect", ("person",)),
    ("blocker", "raised_by", ("person",)),
    ("blocker", "blocks", ("node",)),
    ("blocker", "helper", ("person",)),
)
_WORD = {"person": "person", "team": "team", "node": "objective", "moment": "moment", "blocker": "blocker"}


class UnknownReference(Rule):
    """A field names an id that is not in the plan, or an id of the wrong kind
    (an owner must be a person or a team; ``supports`` must name objectives).

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: ana, name: Ana Lima, manager: bob}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people:
          - {id: bob, name: Bob Stone}
          - {id: ana, name: Ana Lima, manager: bob}
    """

    code, name, summary = "CAS006", "unknown-reference", "reference to an unknown id"

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        index = plan.index
        budget = [_SUGGESTION_BUDGET]
        tables: dict[Kind, dict[str, Record]] = {
            "person": index.people,  # type: ignore[dict-item]
            "team": index.teams,  # type: ignore[dict-item]
            "node": index.nodes,  # type: ignore[dict-item]
            "moment": index.moments,  # type: ignore[dict-item]
            "blocker": index.blockers,  # type: ignore[dict-item]
        }
        for kind, field, allowed in _REFERENCES:
            attribute = "with_" if field == "with" else field
            first, *others = [tables[k] for k in allowed]
            for record in tables[kind].values():
                value = getattr(record, attribute)
                if value is None:
                    continue
                if type(value) is str:
                    if value in first or any(value in table for table in others):
                        continue
                    targets: list[tuple[int | None, str]] = [(None, value)]
                elif not value:  # an empty list: most records, most list fields
                    continue
                else:
                    targets = [
                        (n, t)
                        for n, t in enumerate(value)
                        if t not in first and not any(t in table for table in others)
                    ]
                for position, target in targets:
                    found = index.kind_of(target)
                    path: tuple[str | int, ...] = (field,) if position is None else (field, position)
                    yield self.finding(
                        _message(record, field, target, found, allowed, tables, budget),
                        plan.where(record, *path),
                        record.id,
                        target,
                    )


def _message(
    record: Record,
    field: str,
    target: str,
    found: Kind | None,
    allowed: tuple[Kind, ...],
    tables: dict[Kind, dict[str, Record]],
    budget: list[int],
) -> str:
    wanted = " or ".join(_a(_WORD[k]) for k in allowed)
    subject = f"{_WORD[_kind_of(record)]} {label(record)}"
    if found is not None:
        return f"{field} of {subject} is {target!r}, which is {_a(_WORD[found])}; it must name {wanted}"
    hint = ""
    if budget[0] > 0:
        budget[0] -= 1
        candidates = [i for k in allowed for i in tables[k]]
        close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)
        if close:
            hint = f"; did you mean {close[0]!r}?"
    return f"{field} of {subject} names {target!r}, which is not {wanted} in the plan{hint}"


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _kind_of(record: Record) -> Kind:
    return type(record).__name__.lower()  # type: ignore[return-value]


class VersionAndHeader(Rule):
    """The plan has no ``cascade: 1`` version, an unsupported one, no ``plan:`` header,
    more than one, or a file whose top level is not a mapping (empty, a list, a scalar).

    In a directory plan exactly one file carries the header and the version; the
    others hold only lists (``people``, ``teams``, ``objectives``, ``moments``, ``blockers``).

    Failing:
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
    """

    code, name, summary = (
        "CAS007",
        "version-and-header",
        "missing or unsupported version, or no single plan header",
    )
    reported_by_reader = True


class UnsafeInput(Rule):
    """Input refused for safety, while it is read: a file over the size cap (512 MB),
    nesting deeper than 100 levels, anchors and aliases that expand to more than 10,000
    nodes, any explicit tag (``!!python/object``, ``!include``...), or bytes that are
    not UTF-8 text. ``--max-file-size``, ``--max-depth`` and ``--max-aliases`` change the caps.

    Failing:
        cascade: 1
        plan: !!python/object:os.system {name: Demo, start: 2027-01-01, end: 2027-06-30}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
    """

    code, name, summary = "CAS008", "unsafe-input", "input refused for safety"
    reported_by_reader = True


class EmptyPlan(Rule):
    """The plan has no people and no objectives: nothing to check and nobody to brief. A
    clean report for it would read as "all clear"; more likely the lists are in a file
    that was not read, or under a misplaced key. It is reported only for a plan read
    without faults: a fault that dropped a list is reported where it stands.

    Failing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}

    Passing:
        cascade: 1
        plan: {name: Demo, start: 2027-01-01, end: 2027-06-30}
        people: [{id: ana, name: Ana Lima}]
    """

    code, name, summary = "CAS009", "empty-plan", "plan with no people and no objectives"
    severity = Rule.warning

    def check(self, ctx: Context) -> Iterable[Finding]:
        plan = ctx.plan
        # A plan the reader found faults in does not read "all clear"; and its lists may be
        # empty only because a fault dropped them, which is reported where it stands.
        if not plan.index.people and not plan.index.nodes and not plan.load_findings:
            yield self.finding(
                "the plan has no people and no objectives: there is nothing to check and nobody to brief",
                plan.where(plan.plan),
            )


RULES: tuple[type[Rule], ...] = (
    YamlSyntax,
    DuplicateKey,
    UnknownField,
    WrongValue,
    DuplicateId,
    UnknownReference,
    VersionAndHeader,
    UnsafeInput,
    EmptyPlan,
)
