"""The records behind one bar of the dashboard: the households or demands it counts.

Every bar of `models.figures.breakdowns` is a door.  A `Bar` names the chart, what the
bar stands for (a grid, a cadre, a state, a category, a month, a unit) and
which part of it (visited or not, raised or closed, a state…); `behind(bar,
period, today, scope)` gives the query of the records it counts, so a click
opens exactly the number written on the bar (tests/test_breakdowns.py opens
every bar of the demo and compares).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, Expression, fn

from models.figures.breakdowns import ACCEPTED_STATES, UNCATEGORISED
from models.registry.coverage import Period, is_linked, was_visited
from models.work.demands import overdue_condition
from models.records.people import Assignment, Household, Shop

from models.scope import Scope
from models.figures.scoped import Scoped, narrowed
from models.records.work import Demand, DemandCategory, Dispatch

HOUSEHOLD_CHARTS = ("coverage_by_grid", "coverage_by_cadre")
DEMAND_CHARTS = ("demands_by_state", "demands_by_category", "demands_by_month", "demands_by_unit")
# The parts a bar of each chart can stand for (the chart's field names).
PARTS = {
    "coverage_by_grid": ("households", "linked", "visited", "unvisited"),
    "coverage_by_cadre": ("linked", "visited", "unvisited"),
    "demands_by_state": ("raised",),
    "demands_by_category": ("raised", "pending", "accepted", "in_progress", "closed", "rejected"),
    "demands_by_month": ("raised", "closed"),
    "demands_by_unit": ("accepted", "closed", "overdue"),
}


@dataclass(frozen=True)
class Bar:
    """One bar: `chart` (a key of the breakdowns), `key` (the row's id: grid, cadre, state, category, month "2026-05",
    unit) and `part` (one of PARTS[chart])."""

    chart: str
    key: str
    part: str

    @property
    def of_households(self) -> bool:
        return self.chart in HOUSEHOLD_CHARTS


def _month(key: str) -> Period:
    year, month = (int(part) for part in key.split("-"))
    return Period.month_of(dt.date(year, month, 1))


def household_condition(bar: Bar, period: Period, scope: Scope = Scope()) -> Expression:
    """The live households of the scope behind a coverage bar (a condition on Household)."""
    condition = scope.households_condition()
    if bar.chart == "coverage_by_grid":
        condition &= Household.grid == bar.key
        if bar.part == "households":
            return condition
    else:
        links = Assignment.select(Assignment.uuid).where(
            (Assignment.household == Household.uuid) & (Assignment.cadre == bar.key)
            & (Assignment.deleted == False))  # noqa: E712
        condition &= fn.EXISTS(links)
    condition &= is_linked()
    if bar.part == "visited":
        condition &= was_visited(period)
    elif bar.part == "unvisited":
        condition &= ~was_visited(period)
    return condition


def demand_condition(bar: Bar, period: Period, today: dt.date, scope: Scope = Scope()) -> Expression:
    """The live demands of the scope behind a demand bar (a condition on Demand)."""
    live = narrowed(Demand.deleted == False, Scoped(scope).of_households_or_shops(Demand.household, Demand.shop))  # noqa: E712
    raised = Demand.raised_on.between(period.start, period.end)
    if bar.chart == "demands_by_state":
        return live & raised & (Demand.state == bar.key)
    if bar.chart == "demands_by_category":
        category = Demand.category.is_null() if bar.key == UNCATEGORISED else Demand.category == bar.key
        condition = live & raised & category
        return condition if bar.part == "raised" else condition & (Demand.state == bar.part)
    if bar.chart == "demands_by_month":
        month = _month(bar.key)
        if bar.part == "raised":
            return live & Demand.raised_on.between(month.start, month.end)
        return live & (Demand.state == "closed") & Demand.closed_on.between(month.start, month.end)
    if bar.chart == "demands_by_unit":
        sent = fn.EXISTS(Dispatch.select(Dispatch.uuid).where(
            (Dispatch.demand == Demand.uuid) & (Dispatch.unit == bar.key) & (Dispatch.deleted == False)))  # noqa: E712
        if bar.part == "overdue":
            return live & sent & overdue_condition(today)
        condition = live & sent & raised & Demand.state.in_(ACCEPTED_STATES)
        return condition if bar.part == "accepted" else condition & (Demand.state == "closed")
    raise ValueError(f"no demands behind a bar of {bar.chart!r}")


def households_behind(bar: Bar, period: Period, scope: Scope = Scope()):
    """The households behind a coverage bar, in address order, with `grid_name` attached."""
    return (Household.select(Household).where(household_condition(bar, period, scope))
            .order_by(Household.address, Household.room, Household.uuid))


def demands_behind(bar: Bar, period: Period, today: dt.date, scope: Scope = Scope()):
    """The demands behind a demand bar, newest first, each with `address` and `category_name` attached."""
    shop_address = fn.TRIM(Shop.name.concat(" ").concat(fn.COALESCE(Shop.address, "")))
    return (
        Demand.select(Demand, fn.COALESCE(Household.address, shop_address).alias("address"),
                      DemandCategory.name.alias("category_name"))
        .join(Household, JOIN.LEFT_OUTER, on=(Household.uuid == Demand.household)).switch(Demand)
        .join(Shop, JOIN.LEFT_OUTER, on=(Shop.uuid == Demand.shop)).switch(Demand)
        .join(DemandCategory, JOIN.LEFT_OUTER, on=(DemandCategory.uuid == Demand.category))
        .where(demand_condition(bar, period, today, scope))
        .order_by(Demand.raised_on.desc(), Demand.uuid)
        .objects()
    )


def count_behind(bar: Bar, period: Period, today: dt.date, scope: Scope = Scope()) -> int:
    """How many records a bar opens."""
    if bar.of_households:
        return Household.select(fn.COUNT(Household.uuid)).where(household_condition(bar, period, scope)).scalar()
    return Demand.select(fn.COUNT(Demand.uuid)).where(demand_condition(bar, period, today, scope)).scalar()
