"""The dashboard's breakdowns (models/figures/breakdowns.py): they agree with the office's figures, and every bar opens
exactly the records it counts (models/figures/behind.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from models.figures.behind import PARTS, Bar, count_behind, demands_behind, households_behind
from models.figures.breakdowns import STATES, breakdowns, coverage_stock
from models.registry.coverage import Period
from models.database import close_database, open_database
from models.demo import generate_demo
from models.records.people import Cadre
from models.records.places import Grid
from models.scope import Scope
from models.figures.stats import figures

TODAY = dt.date(2026, 5, 20)
QUARTER = Period(dt.date(2026, 4, 1), TODAY)
SHARED = ("households", "demands_raised", "demands_accepted", "demands_closed", "demands_open", "demands_overdue",
          "coverage_assigned", "coverage_visited", "closure_rate", "on_time_closure_rate", "satisfaction_rate",
          "resolution_rate")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("breakdowns") / "demo.db"
    open_database(path)
    generate_demo(400, today=TODAY)
    yield path
    close_database()


def scopes():
    grid = Grid.alive().order_by(Grid.name).first()
    cadre = Cadre.alive().order_by(Cadre.name).first()
    return [Scope(), Scope(grid=grid.uuid), Scope(cadre=cadre.uuid)]


def bars_of(values: dict) -> list[tuple[Bar, int]]:
    """Every bar the dashboard draws, with the number written on it."""
    bars = []
    for row in values["coverage_by_grid"]:
        bars += [(Bar("coverage_by_grid", row["grid_id"], part), row[part]) for part in ("households", "linked", "visited")]
        bars.append((Bar("coverage_by_grid", row["grid_id"], "unvisited"), row["linked"] - row["visited"]))
    for row in values["coverage_by_cadre"]:
        bars += [(Bar("coverage_by_cadre", row["cadre_id"], part), row[part]) for part in ("linked", "visited")]
        bars.append((Bar("coverage_by_cadre", row["cadre_id"], "unvisited"), row["linked"] - row["visited"]))
    bars += [(Bar("demands_by_state", state, "raised"), count) for state, count in values["demands_by_state"].items()]
    for row in values["demands_by_category"]:
        bars += [(Bar("demands_by_category", row["category_id"], part), row[part])
                 for part in PARTS["demands_by_category"]]
    for row in values["demands_by_month"]:
        bars += [(Bar("demands_by_month", row["month"], part), row[part]) for part in ("raised", "closed")]
    for row in values["demands_by_unit"]:
        bars += [(Bar("demands_by_unit", row["unit_id"], part), row[part]) for part in ("accepted", "closed", "overdue")]
    return bars


def test_the_headline_equals_the_office_figures_in_every_scope(demo):
    for scope in scopes():
        values, office = breakdowns(QUARTER, TODAY, scope), figures(QUARTER, TODAY, scope)
        for key in SHARED:
            assert values[key] == pytest.approx(office[key]), (scope, key)


def test_every_bar_opens_the_records_it_counts(demo):
    for scope in scopes():
        values = breakdowns(QUARTER, TODAY, scope)
        bars = bars_of(values)
        assert any(count for _bar, count in bars)
        for bar, count in bars:
            assert count_behind(bar, QUARTER, TODAY, scope) == count, (scope, bar)


def test_a_bar_lists_its_records(demo):
    values = breakdowns(QUARTER, TODAY)
    grid = max(values["coverage_by_grid"], key=lambda row: row["visited"])
    households = list(households_behind(Bar("coverage_by_grid", grid["grid_id"], "visited"), QUARTER))
    assert len(households) == grid["visited"] and all(h.grid_id == grid["grid_id"] for h in households)
    demands = list(demands_behind(Bar("demands_by_state", "closed", "raised"), QUARTER, TODAY))
    assert len(demands) == values["demands_by_state"]["closed"]
    assert all(d.state == "closed" and QUARTER.start <= d.raised_on <= QUARTER.end for d in demands)


def test_the_parts_add_up(demo):
    values = breakdowns(QUARTER, TODAY)
    assert sum(values["demands_by_state"].values()) == values["demands_raised"]
    assert sum(row["raised"] for row in values["demands_by_category"]) == values["demands_raised"]
    assert all(row["raised"] == sum(row[state] for state in STATES) for row in values["demands_by_category"])
    months = [row["month"] for row in values["demands_by_month"]]
    assert len(months) == 12 and months[-1] == "2026-05" and months[0] == "2025-06"
    assert sum(row["households"] for row in values["coverage_by_grid"]) == values["households"]


def test_grid_scopes_divide_the_district(demo):
    whole = breakdowns(QUARTER, TODAY)
    parts = [breakdowns(QUARTER, TODAY, Scope(grid=grid.uuid)) for grid in Grid.alive()]
    for key in ("households", "households_linked", "households_visited"):
        assert sum(part[key] for part in parts) == whole[key]


def test_a_kept_stock_gives_the_same_figures(demo):
    scope = scopes()[1]
    assert breakdowns(QUARTER, TODAY, scope, coverage_stock(scope)) == breakdowns(QUARTER, TODAY, scope)


@pytest.mark.both_databases
def test_what_a_server_counts_set_based_equals_what_the_stock_counts(db):
    """On a PostgreSQL master the breakdowns count coverage on the server (models/figures/set_counts.py), not from the
    stock read into Python: by grid, by cadre and by micro-grid they must say exactly what the stock says — with a
    removed cadre (its households linked only through it are not linked), a removed household, a removed micro-grid
    and a cadre linked twice to one household (counted as two links, as the stock counts links)."""
    import uuid

    from models.records.people import Assignment, Household, MicroGrid

    generate_demo(600, today=TODAY)  # 600: half its households are in micro-grids
    cadres = list(Cadre.alive().order_by(Cadre.name))
    cadres[0].mark_deleted()
    Household.alive().order_by(Household.address).first().mark_deleted()
    MicroGrid.select().where(MicroGrid.deleted == False).order_by(MicroGrid.name).first().mark_deleted()  # noqa: E712
    twice = Assignment.select().where(Assignment.deleted == False).order_by(Assignment.uuid).first()  # noqa: E712
    Assignment(uuid=str(uuid.uuid4()), cadre=twice.cadre_id, household=twice.household_id).save(force_insert=True)
    grid = Grid.alive().order_by(Grid.name).first()
    for scope in (Scope(), Scope(grid=grid.uuid), Scope(cadre=cadres[1].uuid)):
        counted = breakdowns(QUARTER, TODAY, scope)
        assert counted == breakdowns(QUARTER, TODAY, scope, coverage_stock(scope)), scope
        assert counted["coverage_assigned"] == pytest.approx(figures(QUARTER, TODAY, scope)["coverage_assigned"])
    whole = breakdowns(QUARTER, TODAY)
    assert whole["by_micro_grid"] and whole["coverage_by_cadre"] and whole["households_visited"]
