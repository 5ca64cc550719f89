"""Synthetic sales organisations for the benchmark: N people, three plan nodes each.

The organisation is a tree built from the bottom up: individual contributors in teams
of 6 to 10 under a sales manager, managers grouped 6 to 10 under directors, directors
under vice presidents and so on, until at most twelve regions report to the Chief
Revenue Officer. Everyone owns three nodes of the plan:

* an individual contributor, three commitments (leaves): a share of new ARR and a share
  of expansion ARR (measures in USD) and a piece of work with a ``done_when``;
* a leader, their part of the two ARR objectives (whose targets their people's targets
  cover 1.05 to 1.4 times) and one ``kind: frontline`` commitment ``with`` each direct
  report; the regions' expansion objectives are owned by the region's team.

Due dates use every form of the format (2027-03-31, 2027-03, 2027-Q1, 2027-W12), fall in
the plan period and never after the parent's. A few customer moments, blockers with a
helper and a date, and a team for every leader (with its lead and parent team) complete
the plan. With ``faults=0`` it validates with no diagnostic at all; with ``faults=p`` a
share ``p`` of the records, drawn by the seeded generator, carry one fault each.

Output is written as it is produced, never held as one string, so a plan of a million
nodes fits in memory; the same seed always gives the same bytes.

    python bench/generate.py --people 1000 --seed 7 --layout dir --out /tmp/plan
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import re
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

START = dt.date(2027, 1, 1)
END = dt.date(2027, 6, 30)
AS_OF = dt.date(2026, 11, 27)
"""The as-of day the generated plans are checked with (nothing is overdue then)."""

MIN_TEAM, MAX_TEAM = 6, 10
"""People reporting to one leader, except to the Chief Revenue Officer."""
MAX_REGIONS = 12
"""At most this many regions report to the Chief Revenue Officer."""

# Due date forms, as stored per node.
DAY, MONTH, QUARTER, WEEK = 0, 1, 2, 3

FIRST_NAMES = (
    "Ava", "Ben", "Chloé", "Dana", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kenji", "Lena",
    "Mateusz", "Nadia", "Oluwaseun", "Priya", "Quinn", "Rafael", "Sofia", "Tomás", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoé", "Amara", "Bjørn", "Carmen", "Dmitri", "Emma", "Farah",
)  # fmt: skip
LAST_NAMES = (
    "Okafor", "Lindqvist", "Natarajan", "Novák", "Ruiz", "Whitfield", "Tanaka", "Müller", "Rossi",
    "O'Brien", "Kowalski", "Haddad", "Nguyen", "Silva", "Andersen", "Mbeki", "Petrov", "García",
    "Fischer", "Kim", "Dubois", "Yilmaz", "Costa", "Sato", "Jensen", "Moreau", "Ivanova", "Chen",
    "Adeyemi", "Larsen", "Horvat", "Patel",
)  # fmt: skip
REGIONS = (
    "North America", "EMEA", "APAC", "LATAM", "DACH", "Nordics", "UK and Ireland", "ANZ", "Japan",
    "India", "Middle East", "Africa",
)  # fmt: skip
TERRITORIES = (
    "mid-market accounts", "the Benelux territory", "UK retail groups", "regional banks", "public sector",
    "healthcare providers", "manufacturing", "the top 20 accounts", "new logos in the north",
    "new logos in the south", "insurance", "logistics", "telecoms", "higher education", "utilities",
)  # fmt: skip
IC_ROLES = ("Account Executive", "Senior Account Executive", "Account Manager", "Enterprise Account Executive")
CHORES = (
    ("Build a mutual plan with every open opportunity", "Every opportunity over $50k has a mutual plan agreed"),
    ("Refresh the named account list", "The list holds 60 named accounts, each with a contact"),
    ("Log every discovery call within a day", "No call in the last month is logged later than the next day"),
    ("Run a win-loss review of each closed deal", "A one-page review is shared for every deal closed"),
    ("Hand over each new customer in person", "Every new customer met the onboarding lead on a call"),
)
MOMENTS = (
    ("discovery", "First discovery call", ("Read the account's last annual report", "Leave with the next meeting")),
    ("proposal", "Proposal walk-through", ("Present the proposal live", "Agree the signing date before hanging up")),
    ("qbr", "Quarterly business review", ("Open with the customer's own numbers", "Bring one expansion case")),
    ("handover", "Handover to onboarding", ("Introduce the onboarding lead in person", "Share the mutual plan")),
)
CHANGES = (
    ("Demo first, then qualify", "Qualify every deal before any demo"),
    ("Email the proposal and wait", "Walk the buyer through the proposal on a live call"),
    ("Talk growth only at renewal", "Bring an expansion case to every business review"),
)

NODE_FAULTS = (
    "unknown_owner",
    "missing_due",
    "bad_date",
    "duplicate_id",
    "unknown_field",
    "team_owned_leaf",
    "negative_target",
    "late_due",
    "unit_mismatch",
    "vague",
)
PERSON_FAULTS = ("unknown_manager", "unknown_field")
TEAM_FAULTS = ("unknown_lead", "unknown_parent")
MOMENT_FAULTS = ("no_standard", "architect_not_leader")
BLOCKER_FAULTS = ("no_helper", "unknown_blocks")
LEAF_ONLY = frozenset({"missing_due", "team_owned_leaf", "vague", "duplicate_id"})


@dataclass
class Org:
    """The whole synthetic plan as compact arrays, indexed by person (preorder: a leader
    comes before everyone in their organisation, so a manager's index is always smaller)."""

    size: int
    seed: int
    manager: array[int] = field(default_factory=lambda: array("i"))
    depth: array[int] = field(default_factory=lambda: array("b"))
    height: array[int] = field(default_factory=lambda: array("b"))
    first: array[int] = field(default_factory=lambda: array("B"))
    last: array[int] = field(default_factory=lambda: array("B"))
    flavour: array[int] = field(default_factory=lambda: array("B"))
    """Role of an individual contributor, chore of their third commitment, territory..."""
    region: array[int] = field(default_factory=lambda: array("i"))
    """Which of the CRO's direct reports the person works under (0 for the CRO)."""
    reports: dict[int, list[int]] = field(default_factory=dict)
    """Direct reports of every leader, in order."""
    arr: array[int] = field(default_factory=lambda: array("q"))
    exp: array[int] = field(default_factory=lambda: array("q"))
    due: array[int] = field(default_factory=lambda: array("i"))
    """Three due days per person (proleptic ordinals): ARR node, expansion node, third node."""
    form: array[int] = field(default_factory=lambda: array("b"))
    """The form each of those three dates is written in (DAY, MONTH, QUARTER, WEEK)."""
    moment: dict[int, int] = field(default_factory=dict)
    change: dict[int, int] = field(default_factory=dict)
    blockers: list[tuple[int, int, bool]] = field(default_factory=list)
    """(person who raised it, due ordinal, open) for each blocker."""
    faults: dict[tuple[str, int], str] = field(default_factory=dict)
    """Fault per record: ("person"|"team"|"arr"|"exp"|"third"|"moment"|"blocker", index) -> kind."""

    def is_leader(self, i: int) -> bool:
        return i in self.reports

    def pid(self, i: int) -> str:
        return f"{_slug(FIRST_NAMES[self.first[i]])}-{i}"

    def name(self, i: int) -> str:
        return f"{FIRST_NAMES[self.first[i]]} {LAST_NAMES[self.last[i]]}"

    def team_id(self, leader: int) -> str:
        return f"team-{leader}"

    def node_id(self, i: int, which: str) -> str:
        return f"{self.pid(i)}-{which}"

    @property
    def node_count(self) -> int:
        return 3 * self.size


def _slug(text: str) -> str:
    plain = text.translate(str.maketrans("éáøüçãíó'", "eaoucaio-"))
    return re.sub(r"[^a-z0-9-]", "", plain.lower())


# ---------------------------------------------------------------------------------------
# Building the organisation
# ---------------------------------------------------------------------------------------


def _upper_levels(teams: int) -> list[int]:
    """How many leaders stand on each level above ``teams`` managers, bottom up, until at
    most MAX_REGIONS regions remain (the CRO, above them, is not counted)."""
    levels: list[int] = []
    count = teams
    while count > MAX_REGIONS:
        count = max(1, round(count / 8))
        levels.append(count)
    return levels


def _sizes(rng: random.Random, groups: int, total: int, low: int, high: int) -> list[int]:
    """``groups`` random sizes in [low, high] (widened if it must be) that add up to ``total``."""
    low = max(1, min(low, total // groups))
    high = max(high, -(-total // groups))
    sizes = [rng.randint(low, high) for _ in range(groups)]
    diff = total - sum(sizes)
    while diff:
        k = rng.randrange(groups)
        if diff > 0 and sizes[k] < high:
            sizes[k] += 1
            diff -= 1
        elif diff < 0 and sizes[k] > low:
            sizes[k] -= 1
            diff += 1
    return sizes


def _shape(people: int) -> tuple[int, list[int]]:
    """(managers, leaders on each level above them) for an organisation of ``people``."""
    if people - 1 <= MAX_TEAM:
        return 0, []
    best: tuple[int, int, int, list[int]] | None = None
    guess = max(1, round((people - 1) / 9.15))
    for teams in range(max(1, guess - 3), guess + 4):
        levels = _upper_levels(teams)
        ics = people - 1 - teams - sum(levels)
        if ics < teams:
            continue
        miss = max(0, MIN_TEAM * teams - ics, ics - MAX_TEAM * teams)
        candidate = (miss, abs(ics - 8 * teams), teams, levels)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    if best is None:
        return 0, []
    return best[2], best[3]


def build(people: int, seed: int = 0, faults: float = 0.0) -> Org:
    """The synthetic organisation of ``people`` people (at least 2), as compact arrays."""
    if people < 2:
        raise ValueError("an organisation needs at least 2 people")
    rng = random.Random(seed)
    teams, levels = _shape(people)
    ics = people - 1 - teams - sum(levels)
    # Per level, top first: how many direct reports each leader of that level has.
    plan: list[list[int]] = []
    counts = [*reversed(levels), teams] if teams else []
    above = 1
    for count in counts:
        plan.append(_sizes(rng, above, count, 1 if above == 1 else MIN_TEAM, MAX_REGIONS if above == 1 else MAX_TEAM))
        above = count
    plan.append(_sizes(rng, above, ics, 1 if above == 1 else MIN_TEAM, MAX_TEAM))

    org = Org(people, seed)
    cursors = [0] * len(plan)

    def add(boss: int, level: int, region: int) -> None:
        i = len(org.manager)
        org.manager.append(boss)
        org.depth.append(level)
        org.height.append(len(plan) - level)
        org.first.append(rng.randrange(len(FIRST_NAMES)))
        org.last.append(rng.randrange(len(LAST_NAMES)))
        org.flavour.append(rng.randrange(60))
        org.region.append(len(org.reports[0]) - 1 if level == 1 else region)
        if level < len(plan):
            below = plan[level][cursors[level]]
            cursors[level] += 1
            mine: list[int] = []
            org.reports[i] = mine
            for _ in range(below):
                mine.append(len(org.manager))
                add(i, level + 1, org.region[i])

    add(-1, 0, 0)
    assert len(org.manager) == people, (len(org.manager), people)
    _targets(org, rng)
    _dues(org, rng)
    _extras(org, rng)
    if faults > 0:
        _faults(org, random.Random(f"faults:{seed}"), faults)
    return org


def _targets(org: Org, rng: random.Random) -> None:
    n = org.size
    org.arr.extend([0] * n)
    org.exp.extend([0] * n)
    for i in range(n - 1, -1, -1):
        below = org.reports.get(i)
        if below is None:
            org.arr[i] = rng.randrange(20, 81) * 10_000
            org.exp[i] = rng.randrange(5, 41) * 10_000
            continue
        for targets in (org.arr, org.exp):
            total = sum(targets[r] for r in below)
            cover = rng.uniform(1.05, 1.4)
            targets[i] = max(1000, int(total / cover) // 1000 * 1000)


def _form_text(kind: int, day: dt.date) -> str:
    if kind == MONTH:
        return f"{day.year}-{day.month:02d}"
    if kind == QUARTER:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if kind == WEEK:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def _pick_due(rng: random.Random, parent: int, earliest: int) -> tuple[int, int]:
    """A due day no later than ``parent`` (ordinals) and its form: the form's day is the due."""
    latest = parent
    day = dt.date.fromordinal(rng.randint(min(earliest, latest), latest))  # then written in one of the forms
    options = [(DAY, day.toordinal())]
    month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if month_end.toordinal() <= latest:
        options.append((MONTH, month_end.toordinal()))
    quarter_month = ((day.month - 1) // 3 + 1) * 3
    quarter_end = dt.date(day.year, quarter_month, calendar.monthrange(day.year, quarter_month)[1])
    if quarter_end.toordinal() <= latest:
        options.append((QUARTER, quarter_end.toordinal()))
    sunday = day + dt.timedelta(days=7 - day.isoweekday())
    if sunday.toordinal() <= latest:
        options.append((WEEK, sunday.toordinal()))
    kind, chosen = options[rng.randrange(len(options))]
    return kind, chosen


def _dues(org: Org, rng: random.Random) -> None:
    first = (START + dt.timedelta(days=14)).toordinal()
    end = END.toordinal()
    for i in range(org.size):
        boss = org.manager[i]
        for which in range(3):
            if boss < 0:
                limit = end if which < 2 else org.due[0]
            elif which == 1:
                limit = org.due[3 * boss + 1]
            else:  # the ARR node and the third one both sit below the manager's ARR node
                limit = org.due[3 * boss]
            if which == 2 and org.is_leader(i):
                limit = org.due[3 * i]  # a frontline commitment supports its owner's own ARR node
            if boss < 0 and which < 2:
                kind, day = (QUARTER, end) if which else (DAY, end)
            else:
                kind, day = _pick_due(rng, limit, max(first, limit - 120))
            org.form.append(kind)
            org.due.append(day)


def _extras(org: Org, rng: random.Random) -> None:
    for i in range(org.size):
        if org.is_leader(i):
            continue
        roll = rng.random()
        if roll < 0.3:
            org.moment[i] = rng.randrange(len(MOMENTS))
        if roll < 0.1:
            org.change[i] = rng.randrange(len(CHANGES))
        if rng.random() < 0.025:
            due = rng.randint((START + dt.timedelta(days=10)).toordinal(), END.toordinal())
            org.blockers.append((i, due, rng.random() < 0.8))
    if not org.blockers:  # every plan shows at least one
        first_ic = next(i for i in range(org.size) if not org.is_leader(i))
        org.blockers.append((first_ic, (START + dt.timedelta(days=45)).toordinal(), True))


def _faults(org: Org, rng: random.Random, share: float) -> None:
    def maybe(kind: str, index: int, choices: tuple[str, ...]) -> None:
        if rng.random() < share:
            org.faults[kind, index] = choices[rng.randrange(len(choices))]

    for i in range(org.size):
        maybe("person", i, PERSON_FAULTS if i else ("unknown_field",))
    for leader in org.reports:
        maybe("team", leader, TEAM_FAULTS if leader else ("unknown_lead",))
    for i in range(org.size):
        leaf = not org.is_leader(i)
        for which in ("arr", "exp", "third"):
            choices = NODE_FAULTS if leaf else tuple(f for f in NODE_FAULTS if f not in LEAF_ONLY)
            if which == "third":
                choices = tuple(f for f in choices if f not in {"negative_target", "unit_mismatch"})
                if not leaf:
                    choices = tuple(f for f in choices if f != "late_due")
            else:
                choices = tuple(f for f in choices if f not in {"vague", "duplicate_id"})
            if i == 0 and which != "third":
                choices = tuple(f for f in choices if f != "late_due")
            maybe(which, i, choices)
    for k in range(len(MOMENTS)):
        maybe("moment", k, MOMENT_FAULTS)
    for k in range(len(org.blockers)):
        maybe("blocker", k, BLOCKER_FAULTS)


# ---------------------------------------------------------------------------------------
# Records, and the sinks that write them as YAML (or as JSON, for the benchmark's floor)
# ---------------------------------------------------------------------------------------


class Plain(str):
    """A value written as is in YAML (a date form, or a deliberately bad one)."""

    __slots__ = ()


class Ids(list[str]):
    """A list of ids, written in the flow form ``[a, b]``."""


Record = dict[str, object]

_PLAIN = re.compile(r"[A-Za-z0-9À-ɏ$][A-Za-z0-9À-ɏ $%&'()+,./-]*\Z")
_FLOW_PLAIN = re.compile(r"[A-Za-z0-9À-ɏ$][A-Za-z0-9À-ɏ $%&'()+./-]*\Z")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


def scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same string, else quoted
    (``flow``: inside ``{...}`` or ``[...]``, where a comma ends a plain scalar)."""
    if isinstance(text, Plain):
        return text
    plain = (_FLOW_PLAIN if flow else _PLAIN).match(text)
    if plain and not text.endswith(" ") and text.lower() not in _RESERVED and not text[0].isdigit():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_value(value: object, pad: str) -> str:
    if isinstance(value, bool):
        return " true" if value else " false"
    if isinstance(value, int):
        return f" {value}"
    if isinstance(value, str):
        return " " + scalar(value)
    if isinstance(value, Ids):
        return f" [{', '.join(value)}]"
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {v if isinstance(v, int) else scalar(str(v), flow=True)}" for k, v in value.items())
        return f" {{{inner}}}"
    if isinstance(value, list):
        return "".join(f"\n{pad}  - {scalar(str(v))}" for v in value)
    raise TypeError(f"cannot write {value!r}")


class YamlSink:
    """Writes records as block-style YAML, as a person would: two spaces a level."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.indent = 2
        self.open: list[bool] = []

    def header(self, name: str, comment: str) -> None:
        period = f"  start: {START.isoformat()}\n  end: {END.isoformat()}\n"
        self.out.write(f"{comment}\n\ncascade: 1\nplan:\n  name: {scalar(name)}\n{period}")

    def comment(self, text: str) -> None:
        self.out.write(f"{' ' * self.indent}# {text}\n")

    def begin(self, key: str) -> None:
        self.out.write(f"\n{key}:\n")

    def end(self) -> None:
        pass

    def item(self, record: Record, children: bool = False) -> None:
        pad = " " * (self.indent + 2)
        parts = []
        for key, value in record.items():
            parts.append(f"{pad}{key}:{_yaml_value(value, pad)}\n")
        parts[0] = f"{' ' * self.indent}- {parts[0][self.indent + 2 :]}"
        if children:
            parts.append(f"{pad}children:\n")
            self.indent += 4
        self.open.append(children)
        self.out.write("".join(parts))

    def end_item(self) -> None:
        if self.open.pop():
            self.indent -= 4

    def finish(self) -> None:
        pass


class JsonSink:
    """Writes the same records as one JSON document (the file layout only)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.first: list[bool] = []
        self.open: list[bool] = []

    def header(self, name: str, comment: str) -> None:
        plan = {"name": name, "start": START.isoformat(), "end": END.isoformat()}
        self.out.write(f'{{"cascade": 1, "plan": {json.dumps(plan, ensure_ascii=False)}')

    def comment(self, text: str) -> None:
        pass

    def begin(self, key: str) -> None:
        self.out.write(f',\n"{key}": [\n')
        self.first.append(True)

    def end(self) -> None:
        self.first.pop()
        self.out.write("]")

    def _comma(self) -> None:
        if self.first[-1]:
            self.first[-1] = False
        else:
            self.out.write(",\n")

    def item(self, record: Record, children: bool = False) -> None:
        self._comma()
        text = json.dumps(record, ensure_ascii=False)
        if children:
            self.out.write(f'{text[:-1]}, "children": [\n')
            self.first.append(True)
        else:
            self.out.write(text)
        self.open.append(children)

    def end_item(self) -> None:
        if self.open.pop():
            self.first.pop()
            self.out.write("]}")

    def finish(self) -> None:
        self.out.write("}\n")


Sink = YamlSink | JsonSink


class Records:
    """The records of the plan (people, teams, nodes, moments, blockers), faults included."""

    def __init__(self, org: Org) -> None:
        self.org = org

    def person(self, i: int) -> Record:
        org = self.org
        fault = org.faults.get(("person", i))
        pid = org.pid(i)
        record: Record = {"id": pid, "name": org.name(i), "role": self.role(i)}
        boss = org.manager[i]
        if fault == "unknown_manager":
            record["manager"] = f"nobody-{i}"
        elif boss >= 0:
            record["manager"] = org.pid(boss)
        if org.is_leader(i):
            record["email"] = f"{pid}@example.com"
        if fault == "unknown_field":
            record["phone"] = f"+1 555 {i:07d}"
        return record

    def role(self, i: int) -> str:
        org = self.org
        if i == 0:
            return "Chief Revenue Officer"
        if not org.is_leader(i):
            return IC_ROLES[org.flavour[i] % len(IC_ROLES)]
        if org.depth[i] == 1:
            return "Regional Vice President"
        return {1: "Sales Manager", 2: "Sales Director", 3: "Area Vice President"}.get(org.height[i], "Vice President")

    def team_name(self, leader: int) -> str:
        org = self.org
        if leader == 0:
            return "Sales"
        region = REGIONS[org.region[leader]]
        if org.depth[leader] == 1:
            return region
        return f"{region} {self.role(leader).replace('Sales ', '')} team {leader}"

    def team(self, leader: int) -> Record:
        org = self.org
        fault = org.faults.get(("team", leader))
        record: Record = {"id": org.team_id(leader), "name": self.team_name(leader)}
        record["lead"] = f"nobody-{leader}" if fault == "unknown_lead" else org.pid(leader)
        boss = org.manager[leader]
        if fault == "unknown_parent":
            record["parent"] = f"team-nowhere-{leader}"
        elif boss >= 0:
            record["parent"] = org.team_id(boss)
        return record

    def moment(self, k: int) -> Record:
        org = self.org
        fault = org.faults.get(("moment", k))
        mid, name, standard = MOMENTS[k]
        reports = org.reports[0]
        architect = 0 if k == 0 else reports[(k - 1) % len(reports)]
        if not org.is_leader(architect):
            architect = 0
        if fault == "architect_not_leader":
            architect = next(i for i in range(org.size) if not org.is_leader(i))
        record: Record = {"id": mid, "name": name, "architect": org.pid(architect)}
        if fault != "no_standard":
            record["standard"] = list(standard)
        return record

    def blocker(self, k: int) -> Record:
        org = self.org
        fault = org.faults.get(("blocker", k))
        raiser, due, is_open = org.blockers[k]
        record: Record = {
            "id": f"blocker-{k + 1}",
            "title": f"Legal review of MSAs takes three weeks for {TERRITORIES[k % len(TERRITORIES)]}",
            "raised_by": org.pid(raiser),
            "blocks": Ids([f"no-such-node-{k}" if fault == "unknown_blocks" else org.node_id(raiser, "arr")]),
        }
        if fault != "no_helper":
            record["helper"] = org.pid(org.manager[raiser])
        record["due"] = Plain(dt.date.fromordinal(due).isoformat())
        record["status"] = "open" if is_open else "resolved"
        return record

    def node(self, i: int, which: str, supports: str | None = None) -> Record:
        """Node ``which`` ("arr", "exp" or "third") of person ``i``, without its children;
        ``supports`` names its parent in the flat form."""
        org = self.org
        slot = {"arr": 0, "exp": 1, "third": 2}[which]
        fault = org.faults.get((which, i))
        leader = org.is_leader(i)
        node_id = org.node_id(i, "arr" if fault == "duplicate_id" else which)
        title, measure, done_when, extra = self._content(i, which)
        owner = org.pid(i)
        if which == "exp" and org.depth[i] == 1 and leader:
            owner = org.team_id(i)  # a region's expansion objective belongs to the region's team
        if fault == "unknown_owner":
            owner = f"ghost-{i}"
        elif fault == "team_owned_leaf":
            owner = org.team_id(org.manager[i])
        record: Record = {"id": node_id, "title": title, "owner": owner}
        if supports is not None:
            record["supports"] = Ids([supports])
        kind, day = org.form[3 * i + slot], dt.date.fromordinal(org.due[3 * i + slot])
        if fault == "bad_date":
            record["due"] = Plain("2027-02-30")
        elif fault == "late_due":  # a week after the parent's date
            record["due"] = Plain(dt.date.fromordinal(self.parent_due(i, slot) + 7).isoformat())
        elif fault != "missing_due":
            record["due"] = Plain(_form_text(kind, day))
        if fault == "unknown_field":
            record["dew"] = record["due"]
        if measure is not None:
            metric, target = measure
            shown: dict[str, object] = {"metric": metric} if metric else {}
            shown["unit"] = "EUR" if fault == "unit_mismatch" else "USD"
            shown["target"] = -target if fault == "negative_target" else target
            record["measure"] = shown
        record.update(extra)
        if done_when is not None and fault != "vague":
            record["done_when"] = done_when
        return record

    def parent_due(self, i: int, slot: int) -> int:
        """The due day (ordinal) of the node that node ``slot`` of person ``i`` sits below."""
        org = self.org
        if slot == 2:
            return org.due[3 * i] if org.is_leader(i) else org.due[3 * org.manager[i]]
        return org.due[3 * org.manager[i] + slot]

    def _content(self, i: int, which: str) -> tuple[str, tuple[str | None, int] | None, str | None, Record]:
        """(title, (metric, target) or None, done_when or None, other fields) of a node."""
        org = self.org
        leader = org.is_leader(i)
        territory = TERRITORIES[org.flavour[i] % len(TERRITORIES)]
        extra: Record = {}
        if which == "arr":
            amount = _money(org.arr[i])
            if leader:
                title = f"{self.team_name(i)} closes {amount} new ARR"
            else:
                title = f"Close {amount} new ARR in {territory}"
                if i in org.moment:
                    extra["moment"] = MOMENTS[org.moment[i]][0]
                if i in org.change:
                    before, after = CHANGES[org.change[i]]
                    extra["change"] = {"from": before, "to": after}
            return title, ("new ARR" if i == 0 else None, org.arr[i]), None, extra
        if which == "exp":
            amount = _money(org.exp[i])
            title = f"{self.team_name(i)} expands accounts by {amount}" if leader else f"Expand {territory} by {amount}"
            return title, ("expansion ARR" if i == 0 else None, org.exp[i]), None, extra
        if leader:
            reports = org.reports[i]
            extra["kind"] = "frontline"
            extra["with"] = Ids(org.pid(r) for r in reports)
            return (
                f"Join each of my {len(reports)} direct reports on two customer calls",
                None,
                "Two calls per person attended and debriefed the same day",
                extra,
            )
        chore, done = CHORES[org.flavour[i] % len(CHORES)]
        return chore, None, done, extra


def _money(amount: int) -> str:
    if amount >= 1_000_000:
        return f"${amount / 1_000_000:.2f}M"
    return f"${amount // 1000}k"


def _cascade(sink: Sink, records: Records, i: int, which: str, supports: str | None = None) -> None:
    """Node ``which`` of person ``i`` with everything below it, nested."""
    org = records.org
    below = org.reports.get(i)
    sink.item(records.node(i, which, supports), children=bool(below))
    for r in below or ():
        _cascade(sink, records, r, which)
        if which == "arr" and not org.is_leader(r):
            sink.item(records.node(r, "third"))
            sink.end_item()
    sink.end_item()


def _items(sink: Sink, key: str, records: Iterator[Record]) -> None:
    sink.begin(key)
    for record in records:
        sink.item(record)
        sink.end_item()
    sink.end()


def _header(org: Org, sink: Sink) -> None:
    sink.header(
        f"Synthetic FY27 H1 sales plan ({org.size} people)",
        f"# A synthetic sales plan: {org.size} people, {org.node_count} nodes, seed {org.seed}.\n"
        "# Written by bench/generate.py; see bench/README.md.",
    )


def write_file(org: Org, path: Path, *, fmt: str = "yaml") -> None:
    """The whole plan as one file: the cascade nested, leaders' frontline actions flat.
    ``fmt="json"`` writes the same data as JSON (what ``json.loads`` is timed on)."""
    records = Records(org)
    with path.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        sink: Sink = YamlSink(out) if fmt == "yaml" else JsonSink(out)
        _header(org, sink)
        _items(sink, "people", (records.person(i) for i in range(org.size)))
        _items(sink, "teams", (records.team(leader) for leader in org.reports))
        sink.begin("objectives")
        _cascade(sink, records, 0, "arr")
        _cascade(sink, records, 0, "exp")
        sink.comment("Leaders' frontline time, in the flat form")
        for leader in org.reports:
            sink.item(records.node(leader, "third", org.node_id(leader, "arr")))
            sink.end_item()
        sink.end()
        _items(sink, "moments", (records.moment(k) for k in range(len(MOMENTS))))
        _items(sink, "blockers", (records.blocker(k) for k in range(len(org.blockers))))
        sink.finish()


def _team_nodes(sink: YamlSink, records: Records, leader: int) -> None:
    """The leader's own nodes, attached with ``supports``, with their contributors' commitments nested."""
    org = records.org
    boss = org.manager[leader]
    contributors = [r for r in org.reports[leader] if not org.is_leader(r)]
    for which in ("arr", "exp"):
        sink.item(records.node(leader, which, org.node_id(boss, which) if boss >= 0 else None), bool(contributors))
        for r in contributors:
            for mine in ("arr", "third") if which == "arr" else ("exp",):
                sink.item(records.node(r, mine))
                sink.end_item()
        sink.end_item()
    sink.item(records.node(leader, "third", org.node_id(leader, "arr")))
    sink.end_item()


def team_file(org: Org, leader: int) -> str:
    """Where a team's objectives go in a directory plan, relative to its root."""
    return f"objectives/{org.team_id(leader)}.yaml"


def write_dir(org: Org, root: Path) -> None:
    """The plan as a directory: a header, people, teams, moments, blockers, and one file per
    team under ``objectives/`` holding the leader's nodes and their contributors' commitments."""
    records = Records(org)
    root.mkdir(parents=True, exist_ok=True)
    (root / "objectives").mkdir(exist_ok=True)

    def opened(name: str) -> TextIO:
        return (root / name).open("w", encoding="utf-8", newline="\n", buffering=1 << 16)

    with opened("plan.yaml") as out:
        _header(org, YamlSink(out))
    with opened("people.yaml") as out:
        _items(YamlSink(out), "people", (records.person(i) for i in range(org.size)))
    with opened("teams.yaml") as out:
        _items(YamlSink(out), "teams", (records.team(leader) for leader in org.reports))
    with opened("moments.yaml") as out:
        _items(YamlSink(out), "moments", (records.moment(k) for k in range(len(MOMENTS))))
    with opened("blockers.yaml") as out:
        _items(YamlSink(out), "blockers", (records.blocker(k) for k in range(len(org.blockers))))
    for leader in org.reports:
        with opened(team_file(org, leader)) as out:
            out.write(f"# {records.team_name(leader)}: led by {org.name(leader)}\n")
            sink = YamlSink(out)
            sink.begin("objectives")
            _team_nodes(sink, records, leader)


def generate(people: int, out: Path | str, *, seed: int = 0, faults: float = 0.0, layout: str = "file") -> Org:
    """Build the organisation and write it to ``out`` as one file or as a directory
    (``layout="json"``: one JSON file with the data of the one-file layout)."""
    org = build(people, seed, faults)
    if layout == "file":
        write_file(org, Path(out))
    elif layout == "json":
        write_file(org, Path(out), fmt="json")
    elif layout == "dir":
        write_dir(org, Path(out))
    else:
        raise ValueError(f"layout is 'file', 'dir' or 'json', not {layout!r}")
    return org


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--people", type=int, required=True, help="people in the organisation (at least 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--faults", type=float, default=0.0, help="share of records with a fault (0 to 1)")
    parser.add_argument(
        "--layout", choices=("file", "dir", "json"), default="file", help="json: the one-file data as JSON"
    )
    parser.add_argument("--out", type=Path, required=True, help="the file, or the directory, to write")
    args = parser.parse_args(argv)
    if args.people < 2 or not 0 <= args.faults <= 1:
        parser.error("--people must be at least 2 and --faults between 0 and 1")
    org = generate(args.people, args.out, seed=args.seed, faults=args.faults, layout=args.layout)
    print(f"{args.out}: {org.size} people, {org.node_count} nodes, {len(org.faults)} faults", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
