"""The figures broken down: coverage by grid and by cadre, demands by state, category, month and responsible unit.

The dashboard draws these, `lianxin stats --json` prints them, the statistics
workbook charts them and the monthly report prints them — one function,
`breakdowns(period, today, scope)`, so the four always agree.  Every row keeps
the id of what it counts (a grid, a cadre, a category, a unit), so a bar can
open the records behind it (`models.behind`), and those records are exactly
the ones counted here (tests/test_breakdowns.py checks every bar).

Definitions (docs/statistics.md, "Breakdowns"), all within the scope
(`models.scoped`):

* coverage by grid / by cadre — as `models.coverage`: live households, those
  linked to a live cadre, and of those the ones visited in the period.  A
  cadre's row counts the live households of the scope linked to them.
* demands by state and by category — the demands raised in the period, by
  the state they are in now (they add up to `demands_raised`).
* demands by month — the twelve calendar months that end with the period's
  last month: demands raised in each, and demands now closed whose closing day
  falls in it (as `demands_closed` counts a period).
* by responsible unit — the demands dispatched (live dispatches) to the unit:
  the closure, on-time closure, satisfaction and resolution rates of
  docs/statistics.md restricted to them, and how many are overdue now.  A
  demand sent to several units counts for each; overdue demands sent to no
  unit are `demands_overdue_undispatched`.

The hand-written SQL counts a district of 120,000 households in well under the
dashboard's 300 ms (tests/benchmarks/bench_dashboard.py); the demand figures
are one pass over the demands that can matter, summed in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from models.coverage import Period
from models.db import database
from models.demands import GOOD_SATISFACTION, OPEN_STATES, RUNNING_STATES
from models.scope import Scope
from models.scoped import Scoped
from models.work import Demand

STATES = ("pending", "accepted", "in_progress", "closed", "rejected")
ACCEPTED_STATES = ("accepted", "in_progress", "closed")
MONTHS = 12
UNCATEGORISED = ""  # the category id of demands without a category


def share(part: int, whole: int) -> float | None:
    """A rate, or None when there is nothing to divide by."""
    return part / whole if whole else None


def _days(period: Period) -> tuple[str, str]:
    return period.start.isoformat(), period.end.isoformat()


# -- coverage ------------------------------------------------------------------------------

# What a change to these tables can change in a `CoverageStock`; changes to any other (a visit, a demand) cannot.
STOCK_TABLES = frozenset({"household", "assignment", "cadre", "grid", "community"})


@dataclass(frozen=True)
class CoverageStock:
    """The part of coverage that no period changes: who is linked, and to whom.

    Reading it is most of the cost of the coverage breakdowns at district scale (120,000
    households), and a visit or another period leaves it as it was: the window keeps it until a
    household, a link or a cadre changes, and then counting a period's visits against it is a
    matter of milliseconds, whatever the period's length.
    """

    households: dict[str, int]  # grid id → live households of the scope
    linked: dict[str, str]  # linked household (to a live cadre) → its grid
    cadres_of: dict[str, tuple[str, ...]]  # household of the scope → the cadres of its live links
    linked_by_grid: Counter  # grid id → linked households
    links_by_cadre: Counter  # cadre id → households of the scope linked to them
    grid_names: dict[str, tuple[str, str]]  # grid id → (grid, community)
    cadre_names: dict[str, str]  # live cadre id → name


def coverage_stock(scope: Scope = Scope()) -> CoverageStock:
    """Read the coverage stock of `scope` (see CoverageStock)."""
    scoped = Scoped(scope)
    in_scope, params = scoped.sql('hh."uuid"')
    homes = dict(database.execute_sql(
        f'SELECT hh."uuid", hh."grid_id" FROM "household" hh WHERE hh."deleted" = 0 AND {in_scope}', params).fetchall())
    # Every live link at once, kept when its household is one of the scope's live ones: at district scale one
    # plain read and a dictionary beat a correlated EXISTS per household (0.12 s instead of 0.25 s).
    alive, params = ("1", []) if scoped.everything else scoped.sql('a."household_id"')
    cadres_of: dict[str, list[str]] = defaultdict(list)
    for household, cadre in database.execute_sql(
            f'SELECT a."household_id", a."cadre_id" FROM "assignment" a WHERE a."deleted" = 0 AND {alive}', params):
        if household in homes:
            cadres_of[household].append(cadre)
    cadre_names = dict(database.execute_sql('SELECT "uuid", "name" FROM "cadre" WHERE "deleted" = 0').fetchall())
    # Linked: to at least one live cadre (`models.coverage.is_linked`).
    linked = {household: homes[household] for household, cadres in cadres_of.items()
              if any(cadre in cadre_names for cadre in cadres)}
    names = {
        uuid: (grid, community)
        for uuid, grid, community in database.execute_sql(
            'SELECT g."uuid", g."name", coalesce(c."name", \'\') FROM "grid" g '
            'LEFT JOIN "community" c ON c."uuid" = g."community_id"'
        )
    }
    return CoverageStock(
        Counter(homes.values()), linked, {household: tuple(cadres) for household, cadres in cadres_of.items()},
        Counter(linked.values()), Counter(cadre for cadres in cadres_of.values() for cadre in cadres), names,
        cadre_names,
    )


def _visited(period: Period) -> list[str]:
    """The households with a live visit in the period (any household: the stock keeps those of the scope)."""
    # "+v.visited_on": not through the index on the day, which would look up every visit's row, but through the
    # covering index (household, day, deleted) — 5 times faster for a quarter of a district's visits.
    return [household for (household,) in database.execute_sql(
        'SELECT DISTINCT v."household_id" FROM "visit" v WHERE v."deleted" = 0 AND +v."visited_on" BETWEEN ? AND ? '
        'AND v."household_id" IS NOT NULL', _days(period))]


def coverage_by_grid(period: Period, scope: Scope = Scope(), stock: CoverageStock | None = None,
                     visited: list[str] | None = None) -> list[dict]:
    """Each grid with live households in the scope: households, linked, visited (and the visited rate), by name."""
    stock = stock or coverage_stock(scope)
    linked = stock.linked_by_grid
    seen = Counter(stock.linked[household] for household in (_visited(period) if visited is None else visited)
                   if household in stock.linked)
    names = stock.grid_names
    rows = []
    for grid_id, households in stock.households.items():
        grid, community = names.get(grid_id, ("", ""))
        rows.append({"grid_id": grid_id, "grid": grid, "community": community, "households": households,
                     "linked": linked[grid_id], "visited": seen[grid_id],
                     "visited_rate": share(seen[grid_id], linked[grid_id])})
    return sorted(rows, key=lambda row: (row["community"], row["grid"], row["grid_id"]))


def coverage_by_cadre(period: Period, scope: Scope = Scope(), stock: CoverageStock | None = None,
                      visited: list[str] | None = None) -> list[dict]:
    """Each live cadre linked to live households of the scope: how many, and how many visited in the period; by name."""
    stock = stock or coverage_stock(scope)
    links = stock.links_by_cadre
    seen = Counter(cadre for household in (_visited(period) if visited is None else visited)
                   for cadre in stock.cadres_of.get(household, ()))
    names = stock.cadre_names
    rows = [
        {"cadre_id": cadre_id, "cadre": names[cadre_id], "linked": count, "visited": seen[cadre_id],
         "visited_rate": share(seen[cadre_id], count)}
        for cadre_id, count in links.items() if cadre_id in names
    ]
    return sorted(rows, key=lambda row: (row["cadre"], row["cadre_id"]))


# -- demands -------------------------------------------------------------------------------


def month_start(day: dt.date, back: int = 0) -> dt.date:
    """The first day of the month `back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def months_ending(day: dt.date) -> list[Period]:
    """The twelve calendar months ending with `day`'s month, oldest first."""
    return [Period.month_of(month_start(day, back)) for back in range(MONTHS - 1, -1, -1)]


def _month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _demands_that_matter(scope: Scope, since: dt.date) -> list[tuple]:
    """(id, category, state, raised, deadline, closed, outcome) of the scope's live demands raised or closed
    since `since`, and of every open one (the stocks).  Days are ISO text, compared as text as SQLite compares them."""
    in_scope, params = Scoped(scope).demand_sql("d")
    return database.execute_sql(
        'SELECT d."uuid", coalesce(d."category_id", \'\'), d."state", d."raised_on", d."deadline", d."closed_on", '
        'd."outcome" '
        f'FROM "demand" d WHERE d."deleted" = 0 AND {in_scope} '
        'AND (d."raised_on" >= ? OR d."closed_on" >= ? OR d."state" IN (\'pending\', \'accepted\', \'in_progress\'))',
        [*params, since.isoformat(), since.isoformat()],
    ).fetchall()


def _units_of() -> dict[str, tuple[str, ...]]:
    """The units each demand was dispatched to (live dispatches), each unit once: one read of every dispatch,
    cheaper than a subquery per demand (120,000 households: 30 ms instead of 150)."""
    units: dict[str, dict[str, None]] = defaultdict(dict)
    for demand, unit in database.execute_sql('SELECT "demand_id", "unit_id" FROM "dispatch" WHERE "deleted" = 0'):
        units[demand][unit] = None
    return {demand: tuple(found) for demand, found in units.items()}


def last_return_visits(period: Period, scope: Scope = Scope()) -> dict[str, bool]:
    """For each live demand of the scope called back in the period: was the last call in it satisfied (or fairly)?

    "Last": the latest day; on the same day, the later-recorded (as `models.stats` counts satisfaction).
    """
    in_scope, params = Scoped(scope).demand_sql("d")
    rows = database.execute_sql(
        'SELECT r."demand_id", r."visited_on", r."hlc", r."satisfaction" FROM "return_visit" r '
        'JOIN "demand" d ON d."uuid" = r."demand_id" '
        f'WHERE r."deleted" = 0 AND d."deleted" = 0 AND r."visited_on" BETWEEN ? AND ? AND {in_scope}',
        [*_days(period), *params],
    )
    last: dict[str, tuple] = {}
    for demand, day, hlc, answer in rows:
        if demand not in last or (str(day), hlc) > last[demand][:2]:
            last[demand] = (str(day), hlc, answer)
    return {demand: answer in GOOD_SATISFACTION for demand, (_day, _hlc, answer) in last.items()}


def _unit_row(unit_id: str, unit: str, counts: Counter) -> dict:
    return {
        "unit_id": unit_id, "unit": unit,
        "accepted": counts["accepted"], "closed": counts["closed"], "closed_on_time": counts["closed_on_time"],
        "closure_rate": share(counts["closed"], counts["accepted"]),
        "on_time_closure_rate": share(counts["closed_on_time"], counts["closed"]),
        "called_back": counts["called_back"], "satisfied": counts["satisfied"],
        "satisfaction_rate": share(counts["satisfied"], counts["called_back"]),
        "closings_recorded": counts["closings_recorded"], "solved": counts["solved"],
        "resolution_rate": share(counts["solved"], counts["closings_recorded"]),
        "overdue": counts["overdue"],
    }


def demand_breakdowns(period: Period, today: dt.date, scope: Scope = Scope()) -> dict[str, object]:
    """Demands by state, category, month and unit, and the demand figures of the dashboard's headline."""
    months = months_ending(period.end)
    first, last = _days(period)
    window_first, window_last = months[0].start.isoformat(), months[-1].end.isoformat()
    today_text = today.isoformat()
    answers = last_return_visits(period, scope)

    by_state, raised_by_month, closed_by_month, figures = Counter(), Counter(), Counter(), Counter()
    by_category: dict[str, Counter] = defaultdict(Counter)
    units: dict[str, Counter] = defaultdict(Counter)
    units_of = _units_of()
    outcomes = set(Demand.OUTCOMES)
    for uuid, category, state, raised, deadline, closed_on, outcome in _demands_that_matter(
            scope, min(months[0].start, period.start)):
        raised, deadline, closed_on = str(raised), deadline and str(deadline), closed_on and str(closed_on)
        mine = units_of.get(uuid, ())
        closed = state == "closed"
        if window_first <= raised <= window_last:
            raised_by_month[raised[:7]] += 1
        if closed and closed_on and window_first <= closed_on <= window_last:
            closed_by_month[closed_on[:7]] += 1
        if first <= raised <= last:
            by_state[state] += 1
            by_category[category][state] += 1
            if state in ACCEPTED_STATES:
                on_time = closed and bool(closed_on and deadline) and closed_on <= deadline
                figures["accepted"] += 1
                figures["closed_of_raised"] += closed
                figures["on_time"] += on_time
                for unit in mine:
                    counts = units[unit]
                    counts["accepted"] += 1
                    counts["closed"] += closed
                    counts["closed_on_time"] += on_time
        if closed and closed_on and first <= closed_on <= last:
            figures["closed"] += 1
            if outcome in outcomes:
                solved = outcome == "solved"
                figures["recorded"] += 1
                figures["solved"] += solved
                for unit in mine:
                    units[unit]["closings_recorded"] += 1
                    units[unit]["solved"] += solved
        if state in OPEN_STATES:
            figures["open"] += 1
            if state in RUNNING_STATES and deadline and deadline < today_text:
                figures["overdue"] += 1
                figures["overdue_undispatched"] += not mine
                for unit in mine:
                    units[unit]["overdue"] += 1
    # (a demand called back in the period may have been raised and closed before the months read above: its
    # units are in units_of all the same)
    for demand, satisfied in answers.items():
        for unit in units_of.get(demand, ()):
            units[unit]["called_back"] += 1
            units[unit]["satisfied"] += satisfied

    names = dict(database.execute_sql('SELECT "uuid", "name" FROM "demand_category"').fetchall())
    orders = dict(database.execute_sql('SELECT "uuid", "sort_order" FROM "demand_category"').fetchall())
    unit_names = dict(database.execute_sql('SELECT "uuid", "name" FROM "responsible_unit"').fetchall())
    categories = [
        {"category_id": category, "category": names.get(category, ""), "raised": sum(counts.values()),
         **{state: counts[state] for state in STATES}}
        for category, counts in by_category.items()
    ]
    categories.sort(key=lambda row: (row["category_id"] == UNCATEGORISED, orders.get(row["category_id"], 0),
                                     row["category"], row["category_id"]))
    unit_rows = sorted((_unit_row(unit, unit_names.get(unit, ""), counts) for unit, counts in units.items()),
                       key=lambda row: (row["unit"], row["unit_id"]))
    return {
        "demands_raised": sum(by_state.values()),
        "demands_accepted": figures["accepted"],
        "demands_closed": figures["closed"],
        "demands_open": figures["open"],
        "demands_overdue": figures["overdue"],
        "closure_rate": share(figures["closed_of_raised"], figures["accepted"]),
        "on_time_closure_rate": share(figures["on_time"], figures["closed_of_raised"]),
        "satisfaction_rate": share(sum(answers.values()), len(answers)),
        "resolution_rate": share(figures["solved"], figures["recorded"]),
        "demands_overdue_undispatched": figures["overdue_undispatched"],
        "demands_by_state": {state: by_state[state] for state in STATES},
        "demands_by_category": categories,
        "demands_by_month": [
            {"month": _month_key(month.start), "raised": raised_by_month[_month_key(month.start)],
             "closed": closed_by_month[_month_key(month.start)]}
            for month in months
        ],
        "demands_by_unit": unit_rows,
    }


# -- everything the dashboard shows ----------------------------------------------------------

BREAKDOWN_KEYS = ("coverage_by_grid", "coverage_by_cadre", "demands_by_state", "demands_by_category",
                  "demands_by_month", "demands_by_unit", "demands_overdue_undispatched")


def breakdowns(
    period: Period, today: dt.date | None = None, scope: Scope = Scope(), stock: CoverageStock | None = None
) -> dict[str, object]:
    """The dashboard's figures for `period` and `scope`: the headline (households, linked, visited and the demand
    figures, each defined as `models.stats` defines it) and every breakdown.  `stock`: the scope's coverage stock
    when the caller kept it (counted here otherwise)."""
    today = today or dt.date.today()
    stock = stock or coverage_stock(scope)
    visits = _visited(period)
    grids = coverage_by_grid(period, scope, stock, visits)
    households = sum(row["households"] for row in grids)
    linked = sum(row["linked"] for row in grids)
    visited = sum(row["visited"] for row in grids)
    return {
        "period_from": period.start.isoformat(),
        "period_to": period.end.isoformat(),
        "households": households,
        "households_linked": linked,
        "households_visited": visited,
        "coverage_assigned": share(linked, households),
        "coverage_visited": share(visited, linked),
        "coverage_by_grid": grids,
        "coverage_by_cadre": coverage_by_cadre(period, scope, stock, visits),
    } | demand_breakdowns(period, today, scope)
