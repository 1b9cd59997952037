"""The demo district exercises issue 21: every source, outcome, family and mediation, shops' visits
and problems, classes — and its dates follow the states of each demand."""

from __future__ import annotations

import datetime as dt

from models.check import integrity_problems
from models.registry.coverage import Period
from models.demo import generate_demo
from models.records.people import Cadre
from models.figures.stats import figures
from models.records.work import Demand, DemandCategory, DemandGroup, Visit

TODAY = dt.date(2026, 11, 1)


def test_every_source_outcome_family_and_mediation_appears(db):
    generate_demo(600, seed=5, today=TODAY)
    live = Demand.alive()
    assert {d.source for d in live} == set(Demand.SOURCES)
    closed = live.where(Demand.state == "closed")
    assert {d.outcome for d in closed} == set(Demand.OUTCOMES)  # every closing says how it ended
    assert all(d.outcome_reason for d in closed if d.outcome == "unsolvable")
    assert all(d.outcome is None and d.mediation is None for d in live.where(Demand.state != "closed"))
    assert {c.family for c in DemandCategory.select()} == set(DemandCategory.FAMILIES)
    disputes = [d for d in closed if d.category.family == "dispute"]
    assert {d.mediation for d in disputes} == set(Demand.MEDIATIONS)
    assert all(d.mediation is None for d in closed if d.category.family != "dispute")


def test_shops_are_visited_and_their_problems_belong_to_them(db):
    generate_demo(600, seed=5, today=TODAY)
    shop_visits = Visit.select().where(Visit.shop.is_null(False))
    assert shop_visits.count() > 0 and all(v.household_id is None for v in shop_visits)
    for demand in Demand.select().where(Demand.shop.is_null(False)):
        assert demand.household_id is None
        assert demand.source == ("enterprise_visit" if demand.visit_id else "hotline")
    reports = Demand.select().where(Demand.source == "grid_report")
    assert reports.count() > 0 and {d.recorded_by.role for d in reports} == {"grid_worker"}
    assert {g.name for g in DemandGroup.select()} == {"楼道灯集中更换", "屋顶防水修补"}
    assert integrity_problems() == []


def test_the_dates_follow_the_states(db):
    generate_demo(600, seed=5, today=TODAY)
    for demand in Demand.select():
        assert demand.raised_on <= TODAY
        if demand.state in ("pending", "rejected"):
            assert demand.accepted_on is None and demand.closed_on is None
            continue
        assert demand.raised_on <= demand.accepted_on <= TODAY, demand.description
        if demand.state == "closed":
            assert demand.accepted_on <= demand.closed_on <= TODAY
        for dispatch in demand.dispatches:
            assert demand.raised_on <= dispatch.dispatched_on <= TODAY
        for call in demand.return_visits:
            assert call.visited_on <= TODAY


def test_the_demo_gives_every_new_figure_something_to_count(db):
    generate_demo(600, seed=5, today=TODAY)
    values = figures(Period(dt.date(2026, 5, 1), TODAY), today=TODAY)
    for key in ("demands_solved", "demands_answered", "demands_unsolvable", "whistles", "whistles_solved",
                "disputes_accepted", "disputes_closed", "enterprise_visits", "enterprise_demands", "grid_reports",
                "grid_workers"):
        assert values[key] > 0, key
    assert values["grid_workers"] == Cadre.select().where(Cadre.role == "grid_worker").count()
    assert values["resolution_rate"] is not None and values["whistles_by_unit"]
