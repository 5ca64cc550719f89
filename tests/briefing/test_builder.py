"""cascade.brief: the data of one person's one-pager, on the northwind example and on small plans."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest

from cascade.briefing import DEFAULT_BUDGET, Brief, BriefMaker, Budget, brief
from cascade.model.plan import Plan
from cascade.rendering import render_brief
from tests.rendering.plans import (
    AS_OF,
    HEAVY_BLOCKERS,
    HEAVY_COMMITMENTS,
    HEAVY_REMOVING,
    HEAVY_REPORTS,
    LONG_TITLE,
    heavy_plan,
    heavy_since,
    northwind,
    plan_of,
)


def nw(person_id: str, as_of: dt.date = AS_OF) -> Brief:
    return brief(northwind(), person_id, as_of=as_of)


# -- who ----------------------------------------------------------------------------------


def test_who_is_the_brief_for() -> None:
    b = nw("priya")
    assert (b.person.id, b.person.name, b.person.role) == ("priya", "Priya Natarajan", "Account Executive")
    assert b.manager is not None
    assert (b.manager.id, b.manager.name, b.manager.role) == (
        "ingrid",
        "Ingrid Solberg",
        "Sales Manager, EMEA Mid-Market",
    )
    assert b.teams == ["EMEA Mid-Market"]
    assert b.plan_name == "Northwind FY27 H1 Sales Plan"
    assert (b.period_start, b.period_end) == (dt.date(2027, 1, 1), dt.date(2027, 6, 30))
    assert b.as_of == AS_OF
    assert b.email is None
    assert not b.is_leader


def test_a_leader_belongs_to_the_teams_they_lead_and_the_top_has_no_manager() -> None:
    marco = nw("marco")
    assert marco.email == "marco@northwind.example"
    assert "EMEA Sales" in marco.teams
    assert marco.is_leader
    dana = nw("dana")
    assert dana.manager is None
    assert "Northwind Sales" in dana.teams


def test_as_of_defaults_to_today() -> None:
    assert brief(northwind(), "priya").as_of == dt.date.today()


def test_an_unknown_person_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        brief(northwind(), "nobody", as_of=AS_OF)
    with pytest.raises(KeyError):
        brief(northwind(), "emea", as_of=AS_OF)  # a team, not a person


# -- what, by when ------------------------------------------------------------------------


def test_commitments_come_in_date_order_with_their_target_or_done_when() -> None:
    tomas = nw("tomas")
    assert [c.id for c in tomas.commitments] == ["tomas-qbrs", "tomas-expansion"]
    qbrs, expansion = tomas.commitments
    assert qbrs.due == dt.date(2027, 4, 25)  # 2027-W16 is the Sunday of that week
    assert qbrs.target is None
    assert qbrs.done_when == "Ten reviews held, each with a written expansion case the customer has seen"
    assert expansion.due == dt.date(2027, 6, 30)
    assert expansion.target == "300,000 USD"
    assert expansion.done_when is None
    assert [c.due for c in nw("priya").commitments] == [dt.date(2027, 3, 31), dt.date(2027, 6, 30)]
    assert nw("joao").commitments[0].target == "180 meetings"


def test_frontline_and_personal_flags() -> None:
    marco = {c.id: c for c in nw("marco").commitments}
    kickoff, rides = marco["marco-kickoff"], marco["marco-ride-alongs"]
    assert kickoff.personal
    assert not kickoff.frontline
    assert rides.frontline
    assert not rides.personal
    assert rides.with_people == ["Priya Natarajan", "Tomás Novák", "Zoé Lefèvre", "Mateusz Wójcik", "Elif Yılmaz"]  # noqa: RUF001
    assert rides.moment == "First discovery call"
    priya = nw("priya").commitments[0]
    assert not priya.frontline
    assert not priya.personal
    assert priya.with_people == []


def test_frontline_kind_is_read_loosely() -> None:
    plan = plan_of(
        {
            "people": [{"id": "lea", "name": "Lea"}, {"id": "ana", "name": "Ana", "manager": "lea"}],
            "objectives": [
                {
                    "id": "x",
                    "title": "Ride along",
                    "owner": "lea",
                    "due": "2027-02-01",
                    "kind": " FrontLine ",
                    "with": ["ana"],
                },
                {"id": "y", "title": "Train", "owner": "lea", "due": "2027-02-02", "kind": "enablement"},
            ],
        }
    )
    x, y = brief(plan, "lea", as_of=AS_OF).commitments
    assert x.frontline
    assert not y.frontline


def test_overdue_depends_on_as_of_and_status() -> None:
    kickoff = next(c for c in nw("marco").commitments if c.id == "marco-kickoff")  # due 2027-01-15
    assert kickoff.overdue
    early = next(c for c in nw("marco", dt.date(2027, 1, 10)).commitments if c.id == "marco-kickoff")
    assert not early.overdue
    on_the_day = next(c for c in nw("marco", dt.date(2027, 1, 15)).commitments if c.id == "marco-kickoff")
    assert not on_the_day.overdue
    done = next(c for c in nw("oluwaseun").commitments if c.id == "oluwaseun-territories")  # done, due 2027-01-08
    assert done.status == "done"
    assert not done.overdue
    late = dt.date(2027, 7, 1)
    chiara = nw("chiara", late).commitments[0]
    assert (chiara.status, chiara.overdue) == ("in_progress", True)
    dropped = next(c for c in nw("camille", late).commitments if c.id == "camille-lms-migration")
    assert (dropped.status, dropped.overdue) == ("dropped", False)


def test_done_and_dropped_commitments_come_last() -> None:
    camille = nw("camille")
    assert [c.id for c in camille.commitments] == [
        "camille-proposal-kit",  # 2027-W10
        "camille-discovery-cert",  # 2027-03
        "camille-lms-migration",  # due first (2027-02) but dropped
    ]


# -- why ----------------------------------------------------------------------------------


def test_line_of_sight_runs_from_the_company_objective_down_to_the_commitment() -> None:
    c = nw("priya").commitments[0]
    assert c.id == "priya-midmarket"
    assert [s.id for s in c.why] == ["arr", "emea-arr", "emea-midmarket-arr"]
    assert [s.title for s in c.why] == [
        "Grow new ARR to $7.2M",
        "EMEA closes $2.4M new ARR",
        "EMEA mid-market closes $1.2M new ARR",
    ]
    assert [s.owner for s in c.why] == ["Dana Whitfield", "EMEA Sales", "EMEA Mid-Market"]


def test_line_of_sight_follows_supports() -> None:
    rides = next(c for c in nw("marco").commitments if c.id == "marco-ride-alongs")
    assert [s.id for s in rides.why] == ["arr", "emea-arr"]


def test_a_top_level_commitment_has_an_empty_why() -> None:
    plan = plan_of(
        {
            "people": [{"id": "ana", "name": "Ana"}],
            "objectives": [{"id": "x", "title": "X", "owner": "ana", "due": "2027-02-01"}],
        }
    )
    assert brief(plan, "ana", as_of=AS_OF).commitments[0].why == []


# -- what changes -------------------------------------------------------------------------


def test_changes_say_from_and_to() -> None:
    priya = nw("priya")
    assert [(c.commitment, c.before, c.after) for c in priya.changes] == [
        (
            "Close $280k new ARR in mid-market accounts",
            "Demo first, then qualify",
            "Qualify every deal before any demo",
        ),
        (
            "Close $240k new ARR in the Benelux territory",
            "Email the proposal and wait for an answer",
            "Walk the buyer through the proposal on a live call",
        ),
    ]
    assert priya.more_changes == 0
    assert nw("zoe").changes == []


# -- customer moments ---------------------------------------------------------------------


def test_moments_the_person_works_through() -> None:
    priya = nw("priya")
    assert [(m.name, m.architect, m.through) for m in priya.moments] == [
        ("First discovery call", "Dana Whitfield", ["Close $280k new ARR in mid-market accounts"]),
        ("Proposal walk-through", "Marco Ruiz", ["Close $240k new ARR in the Benelux territory"]),
    ]
    discovery = priya.moments[0]
    assert discovery.standard == [
        "Read the account's last annual report before the call",
        "Ask the three qualifying questions before showing anything",
        "Leave with a mutual plan and the next meeting in the calendar",
    ]  # her page has room for the whole standard
    assert discovery.more_standard == 0


def test_moments_the_person_designs_appear_without_work_through_them() -> None:
    rachel = nw("rachel")  # architect of the business review; none of her commitments runs through it
    assert [(m.name, m.through) for m in rachel.moments] == [
        ("Quarterly business review", []),
        ("First discovery call", []),  # Dana's standard: Rachel reports to her and coaches in the field
    ]
    kenji = nw("kenji")
    assert [(m.name, m.architect, m.through) for m in kenji.moments] == [
        ("Handover from sale to onboarding", "Kenji Watanabe", []),
        ("First discovery call", "Dana Whitfield", []),
    ]
    # none of Putri's commitments names a moment; Kenji's and Dana's standards are hers, nearest first
    assert [m.name for m in nw("putri").moments] == ["Handover from sale to onboarding", "First discovery call"]
    assert nw("oluwaseun").moments != []  # RevOps owns commitments and leads no one


# -- help ---------------------------------------------------------------------------------


def test_blockers_the_person_faces() -> None:
    priya = nw("priya")
    assert [(b.title, b.helper, b.due, b.raised_by, b.blocks) for b in priya.blockers] == [
        (
            "Legal takes three weeks to review MSAs",
            "Marco Ruiz",
            dt.date(2027, 2, 15),
            "Priya Natarajan",
            ["Close $280k new ARR in mid-market accounts"],
        )
    ]  # the Luxembourg overlap also blocks her, but it is resolved
    sofia = nw("sofia")  # not raised by her, but it holds up her meetings
    assert [b.title for b in sofia.blockers] == ["Inbound leads from Québec land in the US queue"]
    assert nw("tomas").blockers == []


def test_blockers_the_person_removes() -> None:
    marco = nw("marco")
    assert [(b.title, b.raised_by) for b in marco.removing] == [
        ("Legal takes three weeks to review MSAs", "Priya Natarajan")
    ]
    oluwaseun = nw("oluwaseun")  # the APAC contact data is resolved: not on the page
    assert [b.title for b in oluwaseun.removing] == ["Inbound leads from Québec land in the US queue"]
    stefan = nw("stefan")  # open by default
    assert [b.title for b in stefan.removing] == ["Banks need SSO on the trial tenant, which we cannot offer yet"]
    assert nw("priya").removing == []


# -- leaders ------------------------------------------------------------------------------


def test_a_leader_sees_each_report_with_commitments_target_and_frontline_time() -> None:
    ingrid = nw("ingrid")
    assert [r.person.id for r in ingrid.reports] == ["priya", "tomas", "zoe", "mateusz", "elif", "joao"]
    assert ingrid.more_reports == 0
    reports = {r.person.id: r for r in ingrid.reports}
    priya = reports["priya"]
    assert priya.person.role == "Account Executive"
    assert [c.id for c in priya.commitments] == ["priya-midmarket", "priya-benelux"]
    assert priya.target == "520,000 USD"
    assert priya.frontline_booked == 1
    assert reports["tomas"].target == "300,000 USD"  # the business reviews have no number
    assert reports["joao"].target == "180 meetings"
    assert reports["joao"].frontline_booked == 1  # the call coaching, not the ride-alongs
    marco = {r.person.id: r for r in nw("marco").reports}
    assert list(marco) == ["ingrid", "stefan"]
    assert marco["ingrid"].target is None
    assert marco["ingrid"].frontline_booked == 1
    assert [c.id for c in marco["ingrid"].commitments] == [
        "ingrid-ride-alongs",
        "ingrid-call-coaching",
        "ingrid-forecast",
    ]
    assert marco["ingrid"].more_commitments == 0  # the page has room for all three


def test_coverage_of_what_a_leader_answers_for() -> None:
    ingrid = nw("ingrid")  # leads the team that owns the mid-market number
    assert [(c.title, c.target, c.covered) for c in ingrid.coverage] == [
        ("EMEA mid-market closes $1.2M new ARR", "1,200,000 USD", "1,480,000 USD")
    ]
    assert ingrid.coverage[0].ratio == Fraction(1480, 1200)  # exact, not a float
    marco = nw("marco")
    assert [(c.title, c.covered, c.target) for c in marco.coverage] == [
        ("EMEA closes $2.4M new ARR", "2,600,000 USD", "2,400,000 USD"),
        ("Book 330 qualified first meetings in EMEA", "350 meetings", "330 meetings"),
    ]
    assert nw("priya").coverage == []


BIG = 12345678901234567890123
"""Past a float's 17 digits: printed through a float it would read 12,345,678,901,234,567,741,440."""


def big_plan() -> Plan:
    """``lea`` answers for BIG logos; her report ``ana`` commits to BIG + 0.1 + 0.2 of them, in two parts."""
    return plan_of(
        {
            "people": [{"id": "lea", "name": "Lea"}, {"id": "ana", "name": "Ana", "manager": "lea"}],
            "objectives": [
                {
                    "id": "logos",
                    "title": "Logos",
                    "owner": "lea",
                    "due": "2027-06-30",
                    "measure": {"unit": "logos", "target": BIG},
                    "children": [
                        {
                            "id": "big",
                            "title": "Big",
                            "owner": "ana",
                            "due": "2027-03-31",
                            "measure": {"unit": "logos", "target": BIG},
                        },
                        {
                            "id": "small",
                            "title": "Small",
                            "owner": "ana",
                            "due": "2027-04-30",
                            "measure": {"unit": "logos", "target": 0.1},
                        },
                        {
                            "id": "tiny",
                            "title": "Tiny",
                            "owner": "ana",
                            "due": "2027-05-31",
                            "measure": {"unit": "logos", "target": 0.2},
                        },
                    ],
                }
            ],
        }
    )


def test_a_brief_prints_a_huge_target_with_every_digit() -> None:
    lea = brief(big_plan(), "lea", as_of=AS_OF)
    (cov,) = lea.coverage
    assert cov.target == "12,345,678,901,234,567,890,123 logos"
    assert cov.covered == "12,345,678,901,234,567,890,123.3 logos"  # 0.1 + 0.2 is exactly 0.3
    assert cov.ratio == Fraction(BIG * 10 + 3, BIG * 10)
    (report,) = lea.reports
    assert report.target == "12,345,678,901,234,567,890,123.3 logos"
    ana = brief(big_plan(), "ana", as_of=AS_OF)
    assert [c.target for c in ana.commitments] == ["12,345,678,901,234,567,890,123 logos", "0.1 logos", "0.2 logos"]


def test_a_rendered_brief_prints_the_huge_target_as_written() -> None:
    data = brief(big_plan(), "lea", as_of=AS_OF)
    for fmt in ("md", "html"):
        text = render_brief(data, fmt)
        assert "12,345,678,901,234,567,890,123 logos" in text
        assert "(100%)" in text


def test_a_coverage_past_999_percent_renders_as_over_999() -> None:
    plan = plan_of(
        {
            "people": [{"id": "lea", "name": "Lea"}, {"id": "ana", "name": "Ana", "manager": "lea"}],
            "objectives": [
                {
                    "id": "p",
                    "title": "P",
                    "owner": "lea",
                    "due": "2027-06-30",
                    "measure": {"target": 1},
                    "children": [
                        {"id": "c", "title": "C", "owner": "ana", "due": "2027-03-31", "measure": {"target": BIG}}
                    ],
                }
            ],
        }
    )
    data = brief(plan, "lea", as_of=AS_OF)
    assert data.coverage[0].ratio == BIG
    assert "(>999%)" in render_brief(data, "md")


def test_target_totals_add_up_per_unit_and_leave_out_dropped_work() -> None:
    plan = plan_of(
        {
            "people": [{"id": "lea", "name": "Lea"}, {"id": "ana", "name": "Ana", "manager": "lea"}],
            "objectives": [
                {
                    "id": "a",
                    "title": "A",
                    "owner": "ana",
                    "due": "2027-02-01",
                    "measure": {"unit": "USD", "target": 1000},
                },
                {
                    "id": "b",
                    "title": "B",
                    "owner": "ana",
                    "due": "2027-02-02",
                    "measure": {"unit": "USD", "target": 500.5},
                },
                {
                    "id": "c",
                    "title": "C",
                    "owner": "ana",
                    "due": "2027-02-03",
                    "measure": {"unit": "meetings", "target": 5},
                },
                {
                    "id": "d",
                    "title": "D",
                    "owner": "ana",
                    "due": "2027-02-04",
                    "status": "dropped",
                    "measure": {"unit": "USD", "target": 9999},
                },
                {"id": "e", "title": "E", "owner": "lea", "due": "2027-02-05", "kind": "frontline", "with": ["ana"]},
                {"id": "f", "title": "F", "owner": "lea", "due": "2027-02-06", "kind": "frontline", "with": ["ana"]},
            ],
        }
    )
    (ana,) = brief(plan, "lea", as_of=AS_OF).reports
    assert ana.target == "1,500.5 USD, 5 meetings"
    assert ana.frontline_booked == 2
    assert brief(plan, "ana", as_of=AS_OF).reports == []


# -- the budget ---------------------------------------------------------------------------


def test_the_budget_keeps_the_most_urgent_items_and_counts_the_rest() -> None:
    plan = heavy_plan()
    hana = brief(plan, "hana", as_of=AS_OF)
    assert len(plan.person("hana").commitments) == HEAVY_COMMITMENTS
    # her four numbers first; then, under the one they make up, the earliest open commitments
    # (hana-00 to hana-02 are done)
    numbers, rest = hana.commitments[:4], hana.commitments[4:]
    assert [c.id for c in numbers] == ["hana-arr-0", "hana-arr-1", "hana-arr-2", "hana-craft"]
    assert rest
    assert [c.id for c in rest] == [f"hana-{i:02d}" for i in range(3, 3 + len(rest))]
    assert {c.level for c in rest} == {1}
    assert hana.more_commitments == HEAVY_COMMITMENTS + 4 - len(hana.commitments)
    assert hana.blockers
    assert [b.title.split(":")[0] for b in hana.blockers] == [f"Obstacle {i}" for i in range(len(hana.blockers))]
    assert hana.more_blockers == HEAVY_BLOCKERS - len(hana.blockers)
    assert hana.removing
    assert hana.more_removing == HEAVY_REMOVING - len(hana.removing)
    assert [r.person.id for r in hana.reports] == [f"r{i:02d}" for i in range(1, len(hana.reports) + 1)]
    assert hana.more_reports == HEAVY_REPORTS - len(hana.reports) > 0
    for report in hana.reports:
        assert report.commitments
        assert report.more_commitments == 3 - len(report.commitments)
        dates = [c.due for c in report.commitments if c.due is not None]
        assert dates == sorted(dates)
        assert report.commitments[0].id.endswith("-deal-0")
    assert hana.changes
    assert hana.more_changes == 16 - len(hana.changes)  # every fifth commitment asks for a change
    assert hana.changes[0].commitment.startswith("Commitment 04")
    assert len(hana.moments) + hana.more_moments == 3
    for moment in hana.moments:
        assert moment.standard
        assert moment.more_standard == 4 - len(moment.standard)
    assert hana.is_leader


def test_the_budget_can_be_changed() -> None:
    small = Budget(commitments=3, blockers=1, reports=2, report_commitments=1, fill=False)
    hana = brief(heavy_plan(), "hana", as_of=AS_OF, budget=small)
    assert [c.id for c in hana.commitments] == ["hana-arr-0", "hana-arr-1", "hana-arr-2"]  # her numbers first
    assert hana.more_commitments == HEAVY_COMMITMENTS + 4 - 3  # her commitments and her four numbers
    assert (len(hana.blockers), hana.more_blockers) == (1, HEAVY_BLOCKERS - 1)
    assert (len(hana.reports), hana.more_reports) == (2, HEAVY_REPORTS - 2)
    assert [len(r.commitments) for r in hana.reports] == [1, 1]
    assert [r.more_commitments for r in hana.reports] == [2, 2]


def test_long_titles_are_cut_with_an_ellipsis() -> None:
    limit = DEFAULT_BUDGET.title_chars
    exact = "x" * limit
    plan = plan_of(
        {
            "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}],
            "objectives": [
                {
                    "id": "top",
                    "title": LONG_TITLE,
                    "owner": "ana",
                    "due": "2027-06-30",
                    "children": [
                        {
                            "id": "long",
                            "title": LONG_TITLE,
                            "owner": "ana",
                            "due": "2027-02-01",
                            "done_when": LONG_TITLE,
                        },
                        {"id": "exact", "title": exact, "owner": "ana", "due": "2027-02-02", "done_when": "ok"},
                    ],
                }
            ],
            "blockers": [
                {
                    "id": "b",
                    "title": LONG_TITLE,
                    "raised_by": "ana",
                    "blocks": ["long"],
                    "helper": "bo",
                    "due": "2027-03-01",
                }
            ],
        }
    )
    ana = brief(plan, "ana", as_of=AS_OF)
    top, long, kept = ana.commitments
    assert top.id == "top"
    assert len(LONG_TITLE) == 200
    for text in (long.title, long.done_when, long.why[0].title, ana.blockers[0].title):
        assert text is not None
        assert len(text) <= limit
        assert text.endswith("…")
        assert LONG_TITLE.startswith(text[:-1])
    assert kept.title == exact
    shorter = brief(plan, "ana", as_of=AS_OF, budget=Budget(title_chars=20)).commitments[0].title
    assert len(shorter) <= 20
    assert shorter.endswith("…")


# -- the timeline -------------------------------------------------------------------------


def test_timeline_positions_and_month_ticks() -> None:
    marco = nw("marco")
    line = marco.timeline
    assert (line.start, line.end) == (dt.date(2027, 1, 1), dt.date(2027, 6, 30))
    assert [name for _, name in line.months] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
    span = (line.end - line.start).days
    for (position, _), month in zip(line.months, range(1, 7), strict=True):
        assert position == pytest.approx((dt.date(2027, month, 1) - line.start).days / span)
    assert line.months[0][0] == 0.0
    assert all(0.0 <= m.position <= 1.0 for m in line.marks)
    assert line.today == pytest.approx((AS_OF - line.start).days / span)
    # three commitments and the obstacle he removes, in date order
    assert [(m.date, m.kind) for m in line.marks] == [
        (dt.date(2027, 1, 15), "personal"),
        (dt.date(2027, 2, 15), "blocker"),
        (dt.date(2027, 3, 31), "frontline"),
        (dt.date(2027, 6, 27), "frontline"),
    ]
    assert line.marks[-1].position == pytest.approx(177 / 180)


def test_timeline_kinds_clamping_and_today_outside_the_period() -> None:
    plan = plan_of(
        {
            "plan": {"name": "Odd", "start": "2026-11-15", "end": "2027-02-10"},
            "people": [{"id": "ana", "name": "Ana"}],
            "objectives": [
                {"id": "early", "title": "Early", "owner": "ana", "due": "2026-10-01", "done_when": "x"},
                {"id": "late", "title": "Late", "owner": "ana", "due": "2027-05-01", "done_when": "x"},
                {"id": "open", "title": "Open", "owner": "ana", "due": "2027-01-10", "done_when": "x"},
                {"id": "undated", "title": "Undated", "owner": "ana", "done_when": "x"},
            ],
        }
    )
    line = brief(plan, "ana", as_of=dt.date(2026, 12, 15)).timeline
    assert [name for _, name in line.months] == ["Dec", "Jan", "Feb"]  # 15 Nov is not a month start
    assert all(0.0 < p < 1.0 for p, _ in line.months)
    marks = {m.label: m for m in line.marks}
    assert set(marks) == {"Early", "Late", "Open"}
    assert marks["Early"].position == 0.0
    assert marks["Late"].position == 1.0
    assert (marks["Early"].kind, marks["Open"].kind, marks["Late"].kind) == ("overdue", "commitment", "commitment")
    assert line.today is not None
    assert 0.0 < line.today < 1.0
    assert brief(plan, "ana", as_of=dt.date(2027, 3, 1)).timeline.today is None
    assert brief(plan, "ana", as_of=dt.date(2026, 1, 1)).timeline.today is None


def test_timeline_holds_every_date_not_only_those_on_the_page() -> None:
    hana = brief(heavy_plan(), "hana", as_of=AS_OF)
    kinds = [m.kind for m in hana.timeline.marks]
    assert kinds.count("blocker") == HEAVY_BLOCKERS + HEAVY_REMOVING
    assert len(kinds) == HEAVY_COMMITMENTS + HEAVY_BLOCKERS + HEAVY_REMOVING
    assert {"overdue", "frontline", "personal", "commitment", "blocker"} <= set(kinds)
    dates = [m.date for m in hana.timeline.marks]
    assert dates == sorted(dates)


def test_every_northwind_brief_builds() -> None:
    plan = northwind()
    briefs: dict[str, Any] = {p: brief(plan, p, as_of=AS_OF) for p in plan.index.people}
    assert len(briefs) == 45
    for person_id, b in briefs.items():
        answered = len(plan.owned_by.get(person_id, [])) + sum(
            len(plan.owned_by.get(t.id, [])) for t in plan.organisation.teams_led(person_id)
        )
        assert len(b.commitments) + b.more_commitments == answered
        assert all(0.0 <= m.position <= 1.0 for m in b.timeline.marks)


# -- many briefs from one maker -----------------------------------------------------------


def test_a_maker_gives_each_person_the_brief_that_brief_gives() -> None:
    """A maker shares what briefs have in common; no brief may differ for it, in any order."""
    for plan in (northwind(), heavy_plan()):
        ids = list(plan.index.people)
        maker = BriefMaker(plan, as_of=AS_OF)
        for person_id in [*reversed(ids), *ids]:  # reports before leaders, then the other way round
            assert maker.brief(person_id) == brief(plan, person_id, as_of=AS_OF)
    since = heavy_since()
    maker = BriefMaker(heavy_plan(), as_of=AS_OF)
    for person_id in ("hana", "boss", "r01"):
        expected = brief(heavy_plan(), person_id, as_of=AS_OF, since=since, since_label="v1")
        assert maker.brief(person_id, since=since, since_label="v1") == expected


def test_a_maker_builds_a_commitment_once_for_its_owner_and_their_manager() -> None:
    maker = BriefMaker(northwind(), as_of=AS_OF)
    marco = maker.brief("marco")
    shown = {c.id: c for report in marco.reports for c in report.commitments}
    theirs = {c.id: c for report in marco.reports for c in maker.brief(report.person.id).commitments}
    assert shown
    assert all(theirs[i] is shown[i] for i in shown if i in theirs)


def sight_plan() -> Plan:
    """``x`` sits under ``a`` and also supports ``b``; ``c`` is under ``p`` and ``p`` and ``q``
    support each other (a cycle, which validation reports but a brief must survive)."""
    return plan_of(
        {
            "people": [{"id": "ana", "name": "Ana"}],
            "objectives": [
                {"id": "b", "title": "B", "owner": "ana", "children": [{"id": "b1", "title": "B1", "owner": "ana"}]},
                {
                    "id": "a",
                    "title": "A",
                    "owner": "ana",
                    "children": [{"id": "x", "title": "X", "owner": "ana", "supports": ["b"], "done_when": "x"}],
                },
                {
                    "id": "p",
                    "title": "P",
                    "owner": "ana",
                    "supports": ["q"],
                    "children": [{"id": "c", "title": "C", "owner": "ana", "done_when": "c"}],
                },
                {"id": "q", "title": "Q", "owner": "ana", "supports": ["p"]},
            ],
        }
    )


@pytest.mark.parametrize("plan", [northwind(), heavy_plan(), sight_plan()], ids=["northwind", "heavy", "sight"])
def test_why_is_the_line_of_sight_of_the_plan(plan: Plan) -> None:
    """The first parent at each step (the one a node is written under, else the first it
    supports), also where a node has two parents and where parents make a cycle."""
    maker = BriefMaker(plan, as_of=AS_OF)
    seen = 0
    for person_id in plan.index.people:
        for commitment in maker.brief(person_id).commitments:
            assert [s.id for s in commitment.why] == plan.line_of_sight(commitment.id)[:-1]
            seen += 1
    assert seen
    if "x" in plan.index.nodes:
        why = {c.id: [s.id for s in c.why] for c in maker.brief("ana").commitments}
        assert why["x"] == ["a"]  # x is written under a, its first parent; b it only supports
        assert why["c"] == ["q", "p"]  # round the cycle once, not forever


# -- every node a person owns -------------------------------------------------------------


def numbers_plan() -> Plan:
    """``rm`` owns East's number, which her reps ``ana`` and ``bo`` break down; ``ana``'s annual
    quota is split into quarters she owns too, and ``rm`` has one commitment of her own."""
    quarters = [
        {
            "id": f"ana-q{q}",
            "title": f"Close Q{q}",
            "owner": "ana",
            "due": f"2027-{3 * q:02d}-28",
            "measure": {"unit": "USD", "target": 500000},
        }
        for q in range(1, 5)
    ]
    return plan_of(
        {
            "plan": {"name": "FY27", "start": "2027-01-01", "end": "2027-12-31"},
            "people": [
                {"id": "rm", "name": "Rosa Martin"},
                {"id": "ana", "name": "Ana", "manager": "rm"},
                {"id": "bo", "name": "Bo", "manager": "rm"},
            ],
            "objectives": [
                {
                    "id": "east",
                    "title": "East closes $4M",
                    "owner": "rm",
                    "due": "2027-12-31",
                    "measure": {"unit": "USD", "target": 4000000},
                    "children": [
                        {
                            "id": "ana-annual",
                            "title": "Close $2M this year",
                            "owner": "ana",
                            "due": "2027-12-31",
                            "measure": {"unit": "USD", "target": 2000000},
                            "children": quarters,
                        },
                        {
                            "id": "bo-annual",
                            "title": "Close $1.5M this year",
                            "owner": "bo",
                            "due": "2027-12-31",
                            "measure": {"unit": "USD", "target": 1500000},
                        },
                        {
                            "id": "rm-rides",
                            "title": "Ride along with each rep",
                            "owner": "rm",
                            "due": "2027-04-30",
                            "kind": "frontline",
                            "with": ["ana", "bo"],
                            "done_when": "One call each",
                        },
                    ],
                }
            ],
        }
    )


def test_a_leader_sees_her_own_number_first_then_how_it_breaks_down() -> None:
    rm = brief(numbers_plan(), "rm", as_of=AS_OF)
    east, rides = rm.commitments
    assert (east.id, east.target, east.level) == ("east", "4,000,000 USD", 0)
    assert [(p.owner, p.target) for p in east.parts] == [("Ana", "2,000,000 USD"), ("Bo", "1,500,000 USD")]
    assert east.own_parts == 1
    assert (east.covered, east.ratio) == ("3,500,000 USD", Fraction(35, 40))
    assert (rides.id, rides.level, rides.parts) == ("rm-rides", 1, [])  # hers, under her number
    assert rm.more_commitments == 0


def test_a_quota_split_into_quarters_keeps_the_annual_number() -> None:
    ana = brief(numbers_plan(), "ana", as_of=AS_OF)
    assert [(c.id, c.level) for c in ana.commitments] == [
        ("ana-annual", 0),
        ("ana-q1", 1),
        ("ana-q2", 1),
        ("ana-q3", 1),
        ("ana-q4", 1),
    ]
    annual = ana.commitments[0]
    assert annual.target == "2,000,000 USD"
    assert (annual.covered, annual.ratio) == ("2,000,000 USD", Fraction(1))
    assert (annual.parts, annual.own_parts) == ([], 4)  # each quarter has its own row
    md = render_brief(ana, "md")
    assert "Close $2M this year" in md
    html = render_brief(ana, "html")
    assert "Close $2M this year" in html
    assert "2,000,000 USD of 2,000,000 USD" in html


def test_a_team_lead_sees_the_number_of_the_team_they_lead() -> None:
    ingrid = nw("ingrid")
    assert ingrid.commitments[0].id == "emea-midmarket-arr"
    assert ingrid.commitments[0].covered == "1,480,000 USD"
    assert "priya-midmarket" not in [c.id for c in ingrid.commitments]


# -- customer moments for a whole organisation --------------------------------------------


def moments_plan() -> Plan:
    """``vp`` designs discovery and rides along; ``mgr`` (only a leader) designs the QBR; the
    reps ``r1`` (whose deal names discovery) and ``r2`` meet customers; ``ops`` has nothing
    to do and ``out`` is in another organisation."""
    return plan_of(
        {
            "people": [
                {"id": "vp", "name": "Vera"},
                {"id": "mgr", "name": "Max", "manager": "vp"},
                {"id": "r1", "name": "Rae", "manager": "mgr"},
                {"id": "r2", "name": "Rob", "manager": "mgr"},
                {"id": "ops", "name": "Oz", "manager": "vp"},
                {"id": "out", "name": "Uma"},
            ],
            "objectives": [
                {"id": "a", "title": "Deal A", "owner": "r1", "due": "2027-03-01", "moment": "qbr", "done_when": "x"},
                {"id": "b", "title": "Deal B", "owner": "r2", "due": "2027-03-01", "done_when": "x"},
                {"id": "c", "title": "Plan", "owner": "mgr", "due": "2027-03-01", "done_when": "x"},
                {
                    "id": "d",
                    "title": "Ride",
                    "owner": "vp",
                    "due": "2027-03-01",
                    "kind": "frontline",
                    "with": ["mgr"],
                    "done_when": "x",
                },
                {"id": "e", "title": "Deal E", "owner": "out", "due": "2027-03-01", "done_when": "x"},
            ],
            "moments": [
                {"id": "disco", "name": "Discovery", "architect": "vp", "standard": ["Listen"]},
                {"id": "qbr", "name": "QBR", "architect": "mgr", "standard": ["Numbers first"]},
            ],
        }
    )


def test_a_moments_standard_reaches_everyone_below_its_architect_who_meets_customers() -> None:
    plan = moments_plan()

    def names(person_id: str) -> list[str]:
        return [m.name for m in brief(plan, person_id, as_of=AS_OF).moments]

    assert names("r1") == ["QBR", "Discovery"]  # the one her deal names first
    assert names("r2") == ["QBR", "Discovery"]  # the nearest architect first
    assert names("vp") == ["Discovery"]  # she designs it (and rides along)
    assert names("mgr") == ["QBR"]  # only a leader: the moment he designs, not the others
    assert names("ops") == []  # no commitment, so no customer to meet
    assert names("out") == []  # not in either architect's organisation
    r2 = brief(plan, "r2", as_of=AS_OF).moments
    assert [m.through for m in r2] == [[], []]
    assert r2[1].standard == ["Listen"]


# -- the page is filled before a list is cut ----------------------------------------------


def test_a_list_is_not_cut_while_the_page_has_room() -> None:
    plan = plan_of(
        {
            "people": [{"id": "ana", "name": "Ana"}],
            "objectives": [
                {"id": f"c{i}", "title": f"Deal {i}", "owner": "ana", "due": f"2027-03-{i + 1:02d}", "done_when": "x"}
                for i in range(DEFAULT_BUDGET.commitments + 3)
            ],
        }
    )
    ana = brief(plan, "ana", as_of=AS_OF)
    assert (len(ana.commitments), ana.more_commitments) == (DEFAULT_BUDGET.commitments + 3, 0)
    priya = nw("priya")  # each standard has three lines, and her page has room for them all
    assert [m.more_standard for m in priya.moments] == [0, 0]
    assert len(priya.moments[0].standard) == 3


def test_long_titles_are_cut_at_a_word_boundary() -> None:
    plan = plan_of(
        {
            "people": [{"id": "ana", "name": "Ana"}],
            "objectives": [{"id": "x", "title": LONG_TITLE, "owner": "ana", "due": "2027-02-01", "done_when": "x"}],
        }
    )
    title = brief(plan, "ana", as_of=AS_OF).commitments[0].title
    kept = title.removesuffix("…")
    assert title.endswith("…")
    assert LONG_TITLE.startswith(kept)
    assert LONG_TITLE[len(kept)] == " "  # the next character starts a new word: none is cut in half
    assert not kept.endswith(" ")
