"""The records behind one bar of the dashboard, or one figure of a table: the households, shops or demands it counts.

Every bar of `models.figures.breakdowns` is a door.  A `Bar` names the chart, what the
bar stands for (a grid, a cadre, a state, a category, a month, a unit) and
which part of it (visited or not, raised or closed, a state…); `behind(bar,
period, today, scope)` gives the query of the records it counts, so a click
opens exactly the number written on the bar (tests/test_breakdowns.py opens
every bar of the demo and compares).

The tables by micro-grid and by special grid (`models.figures.grid_levels`) are
doors too: a `Bar` of "by_micro_grid" (key: the micro-grid) or "by_special_grid"
(key: the grid) names a row and the figure of it, and opens what that figure
counts (tests/test_figures_micro_grids.py compares each with its figure).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, Expression, fn

from models.figures.breakdowns import ACCEPTED_STATES, UNCATEGORISED
from models.registry.coverage import Period, is_linked, was_visited
from models.work.demands import overdue_condition
from models.records.people import Assignment, Household, Shop
from models.records.work import Visit
from models.work.demands import OPEN_STATES

from models.scope import Scope
from models.figures.scoped import Scoped, narrowed
from models.records.work import Demand, DemandCategory, Dispatch

HOUSEHOLD_CHARTS = ("coverage_by_grid", "coverage_by_cadre")
DEMAND_CHARTS = ("demands_by_state", "demands_by_category", "demands_by_month", "demands_by_unit")
GRID_LEVEL_CHARTS = ("by_micro_grid", "by_special_grid")
HOUSEHOLD_PARTS = ("households", "linked", "visited", "unvisited")
SHOP_PARTS = ("shops", "shops_visited")
# The parts a bar of each chart can stand for (the chart's field names).
PARTS = {
    "coverage_by_grid": ("households", "linked", "visited", "unvisited"),
    "coverage_by_cadre": ("linked", "visited", "unvisited"),
    "demands_by_state": ("raised",),
    "demands_by_category": ("raised", "pending", "accepted", "in_progress", "closed", "rejected"),
    "demands_by_month": ("raised", "closed"),
    "demands_by_unit": ("accepted", "closed", "overdue"),
    "by_micro_grid": ("households", "linked", "visited", "demands_raised", "demands_open"),
    "by_special_grid": ("shops", "shops_visited", "demands_raised", "demands_open"),
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
        return self.chart in HOUSEHOLD_CHARTS or (self.chart == "by_micro_grid" and self.part in HOUSEHOLD_PARTS)

    @property
    def of_shops(self) -> bool:
        return self.chart == "by_special_grid" and self.part in SHOP_PARTS


def _month(key: str) -> Period:
    year, month = (int(part) for part in key.split("-"))
    return Period.month_of(dt.date(year, month, 1))


def household_condition(bar: Bar, period: Period, scope: Scope = Scope()) -> Expression:
    """The live households of the scope behind a coverage bar (a condition on Household)."""
    condition = scope.households_condition()
    if bar.chart in ("coverage_by_grid", "by_micro_grid"):
        condition &= (Household.grid if bar.chart == "coverage_by_grid" else Household.micro_grid) == bar.key
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
    if bar.chart in GRID_LEVEL_CHARTS:
        # As `grid_levels._demands` counts them: the demands of the micro-grid's households of the scope, or of
        # the special grid's live shops; raised in the period, or open now whenever raised.
        if bar.chart == "by_micro_grid":
            households = Household.select(Household.uuid).where(Household.micro_grid == bar.key)
            condition = narrowed(Demand.deleted == False, Scoped(scope).of_households(Demand.household))  # noqa: E712
            condition &= Demand.household.in_(households)
        else:
            shops = Shop.select(Shop.uuid).where((Shop.grid == bar.key) & (Shop.deleted == False))  # noqa: E712
            condition = (Demand.deleted == False) & Demand.shop.in_(shops)  # noqa: E712
        return condition & (raised if bar.part == "demands_raised" else Demand.state.in_(OPEN_STATES))
    raise ValueError(f"no demands behind a bar of {bar.chart!r}")


def shop_condition(bar: Bar, period: Period) -> Expression:
    """The live shops of a special grid behind its figure: all of them, or those with a live visit in the period."""
    condition = (Shop.grid == bar.key) & (Shop.deleted == False)  # noqa: E712
    if bar.part == "shops_visited":
        condition &= fn.EXISTS(Visit.select(Visit.uuid).where(
            (Visit.shop == Shop.uuid) & (Visit.deleted == False)  # noqa: E712
            & Visit.visited_on.between(period.start, period.end)))
    return condition


def shops_behind(bar: Bar, period: Period):
    """The shops behind a special grid's figure, by name."""
    return Shop.select(Shop).where(shop_condition(bar, period)).order_by(Shop.name, Shop.uuid)


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
    if bar.of_shops:
        return Shop.select(fn.COUNT(Shop.uuid)).where(shop_condition(bar, period)).scalar()
    return Demand.select(fn.COUNT(Demand.uuid)).where(demand_condition(bar, period, today, scope)).scalar()
