"""Plans the brief and render tests share: the northwind example, hostile names, and one
person with far more than fits on a page."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import cascade
from cascade import Plan
from cascade.plan_diff import PlanDiff, diff
from tests.conftest import NORTHWIND

AS_OF = dt.date(2027, 2, 20)
"""The day every brief here is rendered as of: inside the northwind period, after some dates."""

SCRIPT_NAME = "<script>alert(1)</script> Ann"
QUOTES_NAME = 'Ann "Ace" O\'Neil'
AMP_NAME = "Smith & Wesson <b>bold</b>"
EMOJI_NAME = "Zoë 🚀 Starr 👩🏽‍💼"
ARABIC_NAME = "ليلى الحداد"
HEBREW_NAME = "נועה כהן"
HOSTILE_NAMES = {
    "script": SCRIPT_NAME,
    "quotes": QUOTES_NAME,
    "amp": AMP_NAME,
    "emoji": EMOJI_NAME,
    "arabic": ARABIC_NAME,
    "hebrew": HEBREW_NAME,
}
LONG_TITLE = ("Close the Antwerp-Rotterdam port logistics consortium renewal " * 4)[:200]
"""A 200-character title: the brief cuts it to Budget.title_chars with an ellipsis."""
UNBROKEN_TITLE = ("Renew:" + "ANTWERP-ROTTERDAM_PORT_LOGISTICS_CONSORTIUM" * 5)[:200]
"""A 200-character title without a single space, like a pasted URL or a code."""
HOSTILE_TITLE = 'Close $600k [x](javascript:alert(1)) | <script>alert(2)</script> & "win"'

HEAVY_COMMITMENTS = 80
HEAVY_BLOCKERS = 10
HEAVY_REPORTS = 12
HEAVY_REMOVING = 5


def heavy_since() -> PlanDiff:
    """What changed for ``hana`` since a plan where each of her dates was a day earlier."""
    return diff(heavy_plan(shift=-1), heavy_plan())


@cache
def northwind() -> Plan:
    """The example plan, read once (a plan is a snapshot: nothing here changes it)."""
    return cascade.load(NORTHWIND)


def plan_of(data: dict[str, Any]) -> Plan:
    """A plan from a dict, with the header filled in when it is missing."""
    data.setdefault("plan", {"name": "Demo", "start": "2027-01-01", "end": "2027-06-30"})
    return Plan.model_validate(data)


def hostile_plan() -> Plan:
    """A leader and five reports whose names and titles carry markup, quotes, emoji and RTL text."""
    people: list[dict[str, Any]] = [{"id": "lead", "name": SCRIPT_NAME, "role": "Head of <i>Sales</i>"}]
    objectives: list[dict[str, Any]] = []
    children: list[dict[str, Any]] = []
    for key, name in HOSTILE_NAMES.items():
        if key == "script":
            continue
        people.append({"id": key, "name": name, "role": "AE & friend", "manager": "lead"})
        children.append(
            {
                "id": f"{key}-deal",
                "title": f"{name}: {HOSTILE_TITLE}",
                "owner": key,
                "due": "2027-03-31",
                "measure": {"unit": "USD", "target": 100000},
            }
        )
    children.append(
        {
            "id": "lead-long",
            "title": LONG_TITLE,
            "owner": "lead",
            "due": "2027-02-28",
            "done_when": "Signed <u>contract</u> & kickoff held",
        }
    )
    children.append(
        {
            "id": "lead-unbroken",
            "title": UNBROKEN_TITLE,
            "owner": "lead",
            "due": "2027-03-15",
            "done_when": UNBROKEN_TITLE,
        }
    )
    children.append(
        {
            "id": "lead-rides",
            "title": "Ride along with each AE",
            "owner": "lead",
            "due": "2027-04-30",
            "kind": "frontline",
            "with": [k for k in HOSTILE_NAMES if k != "script"],
            "done_when": "One call each",
        }
    )
    objectives.append(
        {
            "id": "arr",
            "title": 'Grow <em>ARR</em> & "margin"',
            "owner": "lead",
            "due": "2027-06-30",
            "measure": {"unit": "USD", "target": 450000},
            "children": children,
        }
    )
    return plan_of(
        {
            "plan": {"name": 'Plan <b>&</b> "Q1"', "start": "2027-01-01", "end": "2027-06-30"},
            "people": people,
            "teams": [{"id": "t", "name": "Team <script>x</script>", "lead": "lead"}],
            "objectives": objectives,
            "moments": [
                {
                    "id": "m",
                    "name": "Moment <img src=x onerror=alert(3)>",
                    "architect": "lead",
                    "standard": ["Say <b>hello</b> & mean it"],
                }
            ],
            "blockers": [
                {
                    "id": "b",
                    "title": "Blocker <script>alert(4)</script>",
                    "raised_by": "arabic",
                    "blocks": ["arabic-deal"],
                    "helper": "lead",
                    "due": "2027-02-10",
                }
            ],
        }
    )


def heavy_plan(shift: int = 0) -> Plan:
    """``hana`` has 80 commitments, raised 10 open blockers, removes 5, and leads 12 people.

    ``shift`` moves her commitments by that many days: two plans with different shifts differ
    in every one of her dates, which fills the "since" part of her brief too.

    Every list of her brief is over budget, and the text is long, so that the page is as full
    as a real plan can make it. Her first commitments (by date) are done, so the brief must
    skip them in favour of open ones.
    """
    start = dt.date(2027, 1, 1)
    reports = [f"r{i:02d}" for i in range(1, HEAVY_REPORTS + 1)]
    people: list[dict[str, Any]] = [
        {"id": "boss", "name": "Beatriz Oyelaran-Castellanos", "role": "Chief Revenue Officer"},
        {
            "id": "hana",
            "name": "Hana Kowalczyk-Fitzgerald",
            "role": "Regional Vice President, Central Europe",
            "manager": "boss",
        },
    ]
    for i, rid in enumerate(reports, 1):
        people.append(
            {
                "id": rid,
                "name": f"Report Number {i:02d} Longname-Doublebarrel",
                "role": "Senior Enterprise Account Executive",
                "manager": "hana",
            }
        )
    mine: list[dict[str, Any]] = []
    for i in range(HEAVY_COMMITMENTS):
        node: dict[str, Any] = {
            "id": f"hana-{i:02d}",
            "title": f"Commitment {i:02d}: run the quarterly account planning workshop with the "
            f"largest customers of the region and agree the expansion",
            "owner": "hana",
            "due": (start + dt.timedelta(days=2 * i + 3 + shift)).isoformat(),
        }
        if i < 3:
            node["status"] = "done"
        if i % 3 == 0:
            node["measure"] = {"unit": "USD", "target": 150000 + i}
        else:
            node["done_when"] = (
                "Workshop held, notes and owners sent within a day, and the expansion case agreed in writing"
            )
        if i % 7 == 1:  # i = 1, 8, ..., 78: one frontline commitment with each report, so CAS504 is quiet
            node["kind"] = "frontline"
            node["with"] = [reports[i // 7]]
        if i % 11 == 2:
            node["personal"] = True
        if i % 5 == 4:
            node["change"] = {
                "from": f"Approve discounts by email after the fact ({i})",
                "to": "Decide discounts on the deal call, with the customer's value case in front of everyone",
            }
        if i % 4 == 0:
            node["moment"] = ("discovery", "proposal", "qbr")[i % 3]
        mine.append(node)
    theirs: list[dict[str, Any]] = []
    for i, rid in enumerate(reports):
        for j in range(3):
            theirs.append(
                {
                    "id": f"{rid}-deal-{j}",
                    "title": f"Close new ARR with the enterprise manufacturers of territory {i:02d}-{j}, "
                    "including the two framework renewals",
                    "owner": rid,
                    "due": (start + dt.timedelta(days=40 + 30 * j + i)).isoformat(),
                    "measure": {"unit": "USD", "target": 200000},
                }
            )
    blockers: list[dict[str, Any]] = [
        {
            "id": f"hana-blocker-{i}",
            "title": f"Obstacle {i}: legal takes three weeks to review every master services agreement "
            "for the regulated buyers",
            "raised_by": "hana",
            "blocks": [f"hana-{10 + i:02d}"],
            "helper": "boss",
            "due": (start + dt.timedelta(days=20 + 9 * i)).isoformat(),
        }
        for i in range(HEAVY_BLOCKERS)
    ]
    blockers += [
        {
            "id": f"report-blocker-{i}",
            "title": f"Obstacle for {reports[i]}: discounts above 15% wait a week for the approval of finance",
            "raised_by": reports[i],
            "blocks": [f"{reports[i]}-deal-0"],
            "helper": "hana",
            "due": (start + dt.timedelta(days=30 + 7 * i)).isoformat(),
        }
        for i in range(HEAVY_REMOVING)
    ]
    standard = [
        "Read the account's last annual report and the notes of every previous call before the meeting",
        "Ask the three qualifying questions before showing anything, and write the answers down",
        "Leave with a mutual plan and the next meeting in both calendars",
        "Send the notes within the hour",
    ]
    return plan_of(
        {
            "plan": {"name": "Heavy Industries FY27 H1 Sales Plan", "start": "2027-01-01", "end": "2027-06-30"},
            "people": people,
            "teams": [{"id": "central", "name": "Central Europe Enterprise", "lead": "hana", "members": reports}],
            "objectives": [
                {
                    "id": "arr",
                    "title": "Grow new ARR to $9M across every region of the company",
                    "owner": "boss",
                    "due": "2027-06-30",
                    "measure": {"unit": "USD", "target": 9000000},
                    "children": [
                        *(
                            {
                                "id": f"hana-arr-{j}",
                                "title": f"Central Europe closes $2M new ARR with manufacturers, wave {j + 1}",
                                "owner": "hana",
                                "due": "2027-06-30",
                                "measure": {"unit": "USD", "target": 2000000},
                                "children": [n for n in theirs if n["id"].endswith(f"-deal-{j}")],
                            }
                            for j in range(3)
                        ),
                        {
                            "id": "hana-craft",
                            "title": "Central Europe runs every customer moment to the standard, led from the front",
                            "owner": "hana",
                            "due": "2027-06-30",
                            "measure": {"unit": "USD", "target": 3000000},
                            "children": mine,
                        },
                    ],
                }
            ],
            "moments": [
                {
                    "id": "discovery",
                    "name": "First discovery call with a new enterprise buyer",
                    "architect": "boss",
                    "standard": standard,
                },
                {
                    "id": "proposal",
                    "name": "Proposal walk-through with the buying committee",
                    "architect": "hana",
                    "standard": standard,
                },
                {"id": "qbr", "name": "Quarterly business review", "architect": "boss", "standard": standard},
            ],
            "blockers": blockers,
        }
    )
