"""Build a sales plan from a roster and a company ARR target, check it, and write it as YAML.

This is the kind of script a revenue-operations analyst runs each planning cycle instead of
editing YAML by hand. It reads a roster CSV (columns ``id,name,role,email,manager``, the same
columns cascade accepts for ``plan.roster``) and builds the plan with cascade's Python API:

* the person with no manager owns the company objective, ``new-arr``, with the ARR target;
* every leader (a person with direct reports) owns an objective for their part of the number,
  and every other person owns one commitment: a quota, due on the last day of the plan;
* every leader gets a frontline commitment with each of their direct reports.

How the number is split. Each quota carrier (a person without reports) has a weight taken from
their role: 1.25 when the role starts with "Senior", 1 otherwise. A leader's weight is the sum of
the weights below them. A node's target is its share of its parent's target in proportion to its
weight, rounded up to the next $1,000; a quota carrier's share is raised by 10% first
(over-assignment), so the sellers under each leader carry 110% of that leader's number, and a
few missed deals do not sink it.

The plan is validated before it is written: the diagnostics are printed, and the script exits 1
without writing anything when there is an error. It exits 2 when it cannot run (an unreadable
roster, an output file that exists without ``--force``). Run it from the repository root::

    python examples/scripts/build_plan.py --roster examples/scripts/roster.csv --target 2400000 --out plan.yaml
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

import cascade
from cascade import Header, Measure, Moment, Node, Person, Plan

HERE = Path(__file__).resolve().parent
DEFAULT_ROSTER = HERE / "roster.csv"
DEFAULT_TARGET = 2_400_000
DEFAULT_NAME = "Harbor Analytics FY27 H1 Sales Plan"
DEFAULT_START = dt.date(2027, 1, 1)
DEFAULT_END = dt.date(2027, 6, 30)

OVER_ASSIGNMENT = Fraction(11, 10)
"""Quota carriers together carry 110% of their leader's number."""
SENIOR_WEIGHT = Fraction(5, 4)
"""A senior seller carries a quarter more than another seller."""
ROUND_TO = 1_000
"""Targets are rounded up to whole thousands of dollars."""
COMPANY_OBJECTIVE = "new-arr"
MOMENT = "discovery"

COLUMNS = ("id", "name", "role", "email", "manager")


class RosterError(Exception):
    """The roster cannot be turned into a plan."""


def read_roster(path: Path) -> list[Person]:
    """The people of a roster CSV, in file order; empty cells are left out."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in ("id", "name") if c not in (reader.fieldnames or [])]
            if missing:
                raise RosterError(f"{path}: the roster has no {' or '.join(missing)} column")
            people: list[Person] = []
            for row in reader:
                cells = {key: (row.get(key) or "").strip() for key in COLUMNS}
                people.append(
                    Person(
                        id=cells["id"],
                        name=cells["name"],
                        role=cells["role"] or None,
                        email=cells["email"] or None,
                        manager=cells["manager"] or None,
                    )
                )
    except OSError as exc:
        raise RosterError(f"cannot read the roster {path}: {exc.strerror or exc}") from None
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise RosterError(f"{path}: a row is not a valid person: {exc}") from None
    return people


def money(amount: int) -> str:
    """$1.2M, $389k or $900: short enough for a title."""
    if amount >= 1_000_000:
        return f"${amount / 1_000_000:.2f}".rstrip("0").rstrip(".") + "M"
    if amount >= 1_000:
        return f"${amount / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    return f"${amount}"


def round_up(amount: Fraction) -> int:
    return math.ceil(amount / ROUND_TO) * ROUND_TO


def last_day_of_first_quarter(start: dt.date, end: dt.date) -> dt.date:
    """The last day of the quarter the plan starts in, or the plan's end if that comes first."""
    quarter_end_month = (start.month - 1) // 3 * 3 + 3
    next_month = dt.date(start.year + quarter_end_month // 12, quarter_end_month % 12 + 1, 1)
    return min(next_month - dt.timedelta(days=1), end)


class _Builder:
    """Walks the reporting lines from the top and writes one node per person."""

    def __init__(self, people: Sequence[Person], start: dt.date, end: dt.date) -> None:
        self.people: Mapping[str, Person] = {p.id: p for p in people}
        if len(self.people) != len(people):
            raise RosterError("the roster names the same id twice")
        self.reports: dict[str, list[str]] = {p.id: [] for p in people}
        for person in people:
            if person.manager is not None:
                if person.manager not in self.people:
                    raise RosterError(f"{person.id}'s manager {person.manager!r} is not in the roster")
                self.reports[person.manager].append(person.id)
        tops = [p.id for p in people if p.manager is None]
        if len(tops) != 1:
            raise RosterError(f"the roster needs exactly one person without a manager, not {len(tops)}")
        self.top = tops[0]
        self.start = start
        self.end = end
        self.frontline: list[Node] = []
        self._weights: dict[str, Fraction] = {}

    def weight(self, person_id: str) -> Fraction:
        if person_id not in self._weights:
            reports = self.reports[person_id]
            if reports:
                self._weights[person_id] = sum((self.weight(r) for r in reports), Fraction(0))
            else:
                role = self.people[person_id].role or ""
                self._weights[person_id] = SENIOR_WEIGHT if role.lower().startswith("senior") else Fraction(1)
        return self._weights[person_id]

    def company(self, target: int) -> Node:
        return self._leader_node(self.top, COMPANY_OBJECTIVE, target, f"Win {money(target)} of new ARR", "new ARR")

    def _below(self, leader_id: str, target: int) -> list[Node]:
        """One node per direct report of ``leader_id``, splitting ``target`` by weight."""
        children: list[Node] = []
        for person_id in self.reports[leader_id]:
            share = Fraction(target) * self.weight(person_id) / self.weight(leader_id)
            if self.reports[person_id]:
                amount = round_up(share)
                children.append(
                    self._leader_node(person_id, f"{person_id}-arr", amount, self._title(person_id, amount))
                )
            else:
                amount = round_up(share * OVER_ASSIGNMENT)
                children.append(
                    Node(
                        id=f"{person_id}-arr",
                        title=f"Close {money(amount)} of new ARR",
                        owner=person_id,
                        due=self.end,
                        measure=Measure(unit="USD", target=amount),
                        moment=MOMENT,
                    )
                )
        return children

    def _leader_node(self, leader_id: str, node_id: str, target: int, title: str, metric: str | None = None) -> Node:
        self.frontline.append(self._frontline(leader_id, node_id))
        return Node(
            id=node_id,
            title=title,
            owner=leader_id,
            due=self.end,
            measure=Measure(metric=metric, unit="USD", target=target),
            children=tuple(self._below(leader_id, target)),
        )

    def _title(self, leader_id: str, amount: int) -> str:
        role = self.people[leader_id].role or ""
        area = role.split(",", 1)[1].strip() if "," in role else f"{self.people[leader_id].name}'s team"
        return f"{area} closes {money(amount)} of new ARR"

    def _frontline(self, leader_id: str, objective_id: str) -> Node:
        reports = self.reports[leader_id]
        names = [self.people[r].name.split()[0] for r in reports]
        listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
        # `with` is a Python keyword, so this node is built from a mapping, as YAML would give it
        return Node.model_validate(
            {
                "id": f"{leader_id}-frontline",
                "title": f"Join {listed} on a customer call each",
                "owner": leader_id,
                "supports": [objective_id],
                "due": last_day_of_first_quarter(self.start, self.end),
                "kind": "frontline",
                "with": list(reports),
                "moment": MOMENT,
                "done_when": f"A customer call with each of the {len(reports)} direct reports, debriefed the same day",
            }
        )


def build_plan(
    people: Sequence[Person],
    target: int = DEFAULT_TARGET,
    *,
    name: str = DEFAULT_NAME,
    start: dt.date = DEFAULT_START,
    end: dt.date = DEFAULT_END,
) -> Plan:
    """The whole plan for ``people`` and a company ARR target of ``target`` US dollars."""
    if target <= 0:
        raise RosterError("the ARR target must be a positive number of dollars")
    builder = _Builder(people, start, end)
    company = builder.company(target)
    discovery = Moment(
        id=MOMENT,
        name="First discovery call",
        architect=builder.top,
        standard=(
            "Research the account before the call and bring one insight about its business",
            "Agree the next step and its date before the call ends",
        ),
    )
    return Plan(
        plan=Header(name=name, start=start, end=end),
        people=list(people),
        objectives=[company, *builder.frontline],
        moments=[discovery],
    )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of dollars: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the target must be above zero")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build a sales plan from a roster CSV and a company ARR target, validate it, write it as YAML."
    )
    parser.add_argument("--roster", type=Path, default=DEFAULT_ROSTER, help="roster CSV (default: %(default)s)")
    parser.add_argument(
        "--target", type=_positive, default=DEFAULT_TARGET, help="company new-ARR target in USD (default: %(default)s)"
    )
    parser.add_argument("--out", type=Path, default=Path("plan.yaml"), help="YAML file to write (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    parser.add_argument("--name", default=DEFAULT_NAME, help="the plan's name")
    parser.add_argument("--start", type=_date, default=DEFAULT_START, help="first day of the plan period")
    parser.add_argument("--end", type=_date, default=DEFAULT_END, help="last day of the plan period")
    parser.add_argument("--as-of", type=_date, default=None, help="the day the rules check against (default: today)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    out: Path = args.out
    if out.exists() and not args.force:
        print(f"build_plan: {out} exists; pass --force to overwrite it", file=sys.stderr)
        return 2
    try:
        plan = build_plan(read_roster(args.roster), args.target, name=args.name, start=args.start, end=args.end)
    except (RosterError, ValueError) as exc:
        print(f"build_plan: {exc}", file=sys.stderr)
        return 2

    report = cascade.validate(plan, as_of=args.as_of)
    for diagnostic in report:
        print(f"{diagnostic.code} {diagnostic.severity.value}: {diagnostic.message}", file=sys.stderr)
    if not report.ok:
        print(f"build_plan: {len(report.errors)} error(s); {out} was not written", file=sys.stderr)
        return 1

    cascade.dump(plan, out)
    sellers = sum(1 for node in plan.commitments if node.kind != "frontline")
    print(f"wrote {out}: {len(plan.people)} people, {sellers} quotas, {len(report.warnings)} warning(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
