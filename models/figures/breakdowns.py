"""The figures broken down: coverage by grid and by cadre, demands by state, category, month and responsible unit.

The dashboard draws these, `lianxin stats --json` prints them, the statistics
workbook charts them and the monthly report prints them — one function,
`breakdowns(period, today, scope)`, so the four always agree.  Every row keeps
the id of what it counts (a grid, a cadre, a category, a unit), so a bar can
open the records behind it (`models.figures.behind`), and those records are exactly
the ones counted here (tests/test_breakdowns.py checks every bar).

Definitions (docs/statistics.md, "Breakdowns"), all within the scope
(`models.figures.scoped`):

* coverage by grid / by cadre — as `models.registry.coverage`: live households, those
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
are a few GROUP BY reads, summed by SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, repeat

from models.registry.coverage import Period
from models.storage.connection import database
from models.work.demands import GOOD_SATISFACTION, OPEN_STATES, RUNNING_STATES
from models.scope import Scope
from models.figures import kept_counts
from models.figures.grid_levels import (
    counted_coverage,
    by_special_grid,
    coverage_by_micro_grid,
    micro_grid_rows,
    micro_grid_work,
)
from models.figures.scoped import Scoped
from models.figures.set_counts import coverage_by_place, coverage_of_cadres
from models.records.work import Demand
from models.storage.connection import on_postgres
from models.storage.side_by_side import side_by_side

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
    cadres_of: dict[str, list[str]]  # household of the scope → the cadres of its live links
    linked_by_grid: Counter  # grid id → linked households
    links_by_cadre: Counter  # cadre id → households of the scope linked to them
    grid_names: dict[str, tuple[str, str]]  # grid id → (grid, community)
    cadre_names: dict[str, str]  # live cadre id → name

    @cached_property
    def cadre_rows(self) -> list[tuple[str, str, int]]:
        """(id, name, linked households) of each live cadre linked to households of the scope, by name."""
        names, links = self.cadre_names, self.links_by_cadre
        return sorted(((cadre, names[cadre], count) for cadre, count in links.items() if cadre in names),
                      key=lambda row: (row[1], row[0]))


def coverage_stock(scope: Scope = Scope()) -> CoverageStock:
    """Read the coverage stock of `scope` (see CoverageStock)."""
    scoped = Scoped(scope)
    in_scope, params = scoped.sql('hh."uuid"')
    homes = dict(database.execute_sql(
        f'SELECT hh."uuid", hh."grid_id" FROM "household" hh WHERE hh."deleted" = 0 AND {in_scope}', params).fetchall())
    # Every live link at once, kept when its household is one of the scope's live ones: at district scale one
    # plain read and a dictionary beat a correlated EXISTS per household (0.12 s instead of 0.25 s).
    alive, params = ("1", []) if scoped.everything else scoped.sql('a."household_id"')
    cadre_names = dict(database.execute_sql('SELECT "uuid", "name" FROM "cadre" WHERE "deleted" = 0').fetchall())
    # One pass over the links builds every map (a second pass per household cost half the time at district scale).
    # Linked: to at least one live cadre (`models.registry.coverage.is_linked`).
    cadres_of: dict[str, list[str]] = {}
    linked: dict[str, str] = {}
    link_cadres: list[str] = []
    grid_of, cadres_get = homes.get, cadres_of.get
    for household, cadre in database.execute_sql(
            f'SELECT a."household_id", a."cadre_id" FROM "assignment" a WHERE a."deleted" = 0 AND {alive}', params):
        grid = grid_of(household)
        if grid is None:
            continue
        link_cadres.append(cadre)
        kept = cadres_get(household)
        if kept is None:
            cadres_of[household] = [cadre]
        else:
            kept.append(cadre)
        if cadre in cadre_names:
            linked[household] = grid
    names = {
        uuid: (grid, community)
        for uuid, grid, community in database.execute_sql(
            'SELECT g."uuid", g."name", coalesce(c."name", \'\') FROM "grid" g '
            'LEFT JOIN "community" c ON c."uuid" = g."community_id"'
        )
    }
    return CoverageStock(
        Counter(homes.values()), linked, cadres_of, Counter(linked.values()), Counter(link_cadres), names,
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
    # map() and Counter() loop in C: a quarter's 50,000 visited households of a district in milliseconds.
    seen = Counter(map(stock.linked.get, _visited(period) if visited is None else visited))
    seen.pop(None, None)  # visited, not linked (or not in the scope)
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
    households = _visited(period) if visited is None else visited
    seen = Counter(chain.from_iterable(map(stock.cadres_of.get, households, repeat((), len(households)))))
    return [{"cadre_id": cadre_id, "cadre": name, "linked": count, "visited": seen[cadre_id],
             "visited_rate": share(seen[cadre_id], count)} for cadre_id, name, count in stock.cadre_rows]


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


def _quoted(values) -> str:
    return ", ".join(f"'{value}'" for value in values)


def _units_called_back(period: Period) -> dict[str, tuple[str, ...]]:
    """The units (live dispatches) of each demand called back in the period, each unit once."""
    units: dict[str, dict[str, None]] = defaultdict(dict)
    for demand, unit in database.execute_sql(
            'SELECT "demand_id", "unit_id" FROM "dispatch" WHERE "deleted" = 0 AND "demand_id" IN '
            '(SELECT r."demand_id" FROM "return_visit" r WHERE r."deleted" = 0 AND r."visited_on" BETWEEN ? AND ?)',
            _days(period)):
        units[demand][unit] = None
    return {demand: tuple(found) for demand, found in units.items()}


def last_return_visits(period: Period, scope: Scope = Scope()) -> dict[str, bool]:
    """For each live demand of the scope called back in the period: was the last call in it satisfied (or fairly)?

    "Last": the latest day; on the same day, the later-recorded (as `models.figures.stats` counts satisfaction).
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


def _kept_demand_groups(period: Period, months: list[Period]) -> tuple:
    """What the scan of `demand_breakdowns` counts, from the counts a PostgreSQL master keeps (the whole master):
    by state, by category and state, raised and closed by month, on time, closed, closings recorded, solved."""
    kept = kept_counts.KeptDemands(period)
    by_state: Counter = Counter()
    by_category: dict[str, Counter] = defaultdict(Counter)
    for row in kept.raised:
        by_state[row.state] += row.n
        by_category[row.category_id][row.state] += row.n
    closings = kept.closings()
    raised_by_month, closed_by_month = kept_counts.demands_by_month(Period(months[0].start, months[-1].end))
    return (by_state, by_category, raised_by_month, closed_by_month, kept.count(lambda row: row.on_time),
            sum(closings.values()), sum(n for outcome, n in closings.items() if outcome in Demand.OUTCOMES),
            closings.get("solved", 0))


def demand_breakdowns(period: Period, today: dt.date, scope: Scope = Scope()) -> dict[str, object]:
    """Demands by state, category, month and unit, and the demand figures of the dashboard's headline.

    Counted by SQLite (GROUP BY and conditional sums, a few indexed reads), not row by row in Python: a district's
    30,000 demands in a fraction of the dashboard's 300 ms."""
    months = months_ending(period.end)
    first, last = _days(period)
    window = (months[0].start.isoformat(), months[-1].end.isoformat())
    today_text = today.isoformat()
    in_scope, scope_params = Scoped(scope).demand_sql("d")
    live = f'd."deleted" = 0 AND {in_scope}'
    accepted_states, open_states, running_states = (_quoted(ACCEPTED_STATES), _quoted(OPEN_STATES),
                                                    _quoted(RUNNING_STATES))
    outcomes = _quoted(Demand.OUTCOMES)

    if kept_counts.kept_for(scope):  # the whole of a PostgreSQL master: its server keeps these counts
        by_state, by_category, raised_by_month, closed_by_month, on_time, closed, recorded, solved = \
            _kept_demand_groups(period, months)
    else:
        # One scan of the demands raised or closed in the twelve months or the period ("+": no index, whose row
        # look-ups cost more than reading the table), grouped by everything the figures tell apart.
        by_state: Counter = Counter()
        by_category: dict[str, Counter] = defaultdict(Counter)
        raised_by_month: Counter = Counter()
        closed_by_month: Counter = Counter()
        on_time = closed = recorded = solved = 0
        for category, state, raised_month, closed_month, raised_in, closed_in, in_time, known, good, count in \
                database.execute_sql(
                    'SELECT coalesce(d."category_id", \'\'), d."state", substr(d."raised_on", 1, 7), '
                    'CASE WHEN d."state" = \'closed\' THEN substr(d."closed_on", 1, 7) END, '
                    'd."raised_on" BETWEEN ? AND ?, d."state" = \'closed\' AND d."closed_on" BETWEEN ? AND ?, '
                    f'd."state" = \'closed\' AND d."closed_on" <= d."deadline", d."outcome" IN ({outcomes}), '
                    'd."outcome" = \'solved\', count(*) '
                    f'FROM "demand" d WHERE {live} AND (+d."raised_on" BETWEEN ? AND ? OR +d."raised_on" BETWEEN ? AND ? '
                    'OR (+d."state" = \'closed\' AND (d."closed_on" BETWEEN ? AND ? OR d."closed_on" BETWEEN ? AND ?))) '
                    'GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9',
                    [first, last, first, last, *scope_params, *window, first, last, *window, first, last]):
            raised_by_month[raised_month] += count
            if closed_month:
                closed_by_month[closed_month] += count
            if raised_in:
                by_state[state] += count
                by_category[category][state] += count
                on_time += count if in_time else 0
            if closed_in:
                closed += count
                recorded += count if known else 0
                solved += count if good else 0
    if kept_counts.kept_for(scope):  # kept by the server, with each demand's dispatches
        still_open = kept_counts.demands_in_states(OPEN_STATES)
        overdue, undispatched = kept_counts.overdue(today)
        units: dict[str, Counter] = defaultdict(Counter, {
            unit: counts for unit, counts in kept_counts.units(period, today).items()
            if counts["accepted"] or counts["closings_recorded"] or counts["overdue"]})
    else:
        ((still_open, overdue, undispatched),) = database.execute_sql(
            f'SELECT coalesce(sum(d."state" IN ({open_states})), 0), '
            f'coalesce(sum(d."state" IN ({running_states}) AND d."deadline" < ?), 0), '
            f'coalesce(sum(d."state" IN ({running_states}) AND d."deadline" < ? AND NOT EXISTS (SELECT 1 FROM "dispatch" x '
            'WHERE x."demand_id" = d."uuid" AND x."deleted" = 0)), 0) '
            f'FROM "demand" d WHERE {live} AND d."state" IN ({open_states})',
            [today_text, today_text, *scope_params]).fetchall()  # (the select list's days come before the scope's)
        units = defaultdict(Counter)
        # Each (unit, demand) once, for the demands that can count: raised or closed in the period, or running.
        # "CROSS JOIN" keeps SQLite reading the demands first (then each one's dispatches by index): the other way
        # round it reads every dispatch, three times slower.
        for unit, *counts in database.execute_sql(
                f'SELECT unit, sum(raised BETWEEN ? AND ? AND state IN ({accepted_states})), '
                'sum(raised BETWEEN ? AND ? AND state = \'closed\'), '
                'sum(raised BETWEEN ? AND ? AND state = \'closed\' AND closed <= deadline), '
                f'sum(state = \'closed\' AND closed BETWEEN ? AND ? AND outcome IN ({outcomes})), '
                'sum(state = \'closed\' AND closed BETWEEN ? AND ? AND outcome = \'solved\'), '
                f'sum(state IN ({running_states}) AND deadline < ?) '
                'FROM (SELECT DISTINCT x."unit_id" AS unit, d."uuid", d."state" AS state, d."raised_on" AS raised, '
                'd."closed_on" AS closed, d."deadline" AS deadline, d."outcome" AS outcome '
                'FROM "demand" d CROSS JOIN "dispatch" x ON x."demand_id" = d."uuid" AND x."deleted" = 0 '
                f'WHERE {live} AND (d."raised_on" BETWEEN ? AND ? OR d."closed_on" BETWEEN ? AND ? '
                f'OR d."state" IN ({running_states}))) GROUP BY unit',
                [first, last, first, last, first, last, first, last, first, last, today_text, *scope_params,
                 first, last, first, last]):
            names = ("accepted", "closed", "closed_on_time", "closings_recorded", "solved", "overdue")
            found = Counter({name: value or 0 for name, value in zip(names, counts)})
            if found["accepted"] or found["closings_recorded"] or found["overdue"]:
                units[unit] = found
    answers = last_return_visits(period, scope)
    for demand, unit_ids in _units_called_back(period).items():
        if demand not in answers:  # a demand of another scope, or removed
            continue
        for unit in unit_ids:
            units[unit]["called_back"] += 1
            units[unit]["satisfied"] += answers[demand]

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
    accepted = sum(by_state[state] for state in ACCEPTED_STATES)
    return {
        "demands_raised": sum(by_state.values()),
        "demands_accepted": accepted,
        "demands_closed": closed,
        "demands_open": still_open,
        "demands_overdue": overdue,
        "closure_rate": share(by_state["closed"], accepted),
        "on_time_closure_rate": share(on_time, by_state["closed"]),
        "satisfaction_rate": share(sum(answers.values()), len(answers)),
        "resolution_rate": share(solved, recorded),
        "demands_overdue_undispatched": undispatched,
        "demands_by_state": {state: by_state[state] for state in STATES},
        "demands_by_category": categories,
        "demands_by_month": [
            {"month": _month_key(month.start), "raised": raised_by_month.get(_month_key(month.start), 0),
             "closed": closed_by_month.get(_month_key(month.start), 0)}
            for month in months
        ],
        "demands_by_unit": unit_rows,
    }


# -- everything the dashboard shows ----------------------------------------------------------


def _counted_by_the_server(period: Period, scope: Scope, today: dt.date) -> tuple[list, list, list, list, dict]:
    """Coverage by grid, by cadre and by micro-grid as `coverage_by_grid`, `coverage_by_cadre` and
    `coverage_by_micro_grid` count them from a stock, counted set-based by a PostgreSQL server instead
    (`models.figures.set_counts`): a city's stock is 1.2 million households and 1.3 million links, 9 s to read
    into Python, where the server groups them in about two.  With them, and at the same time
    (`models.storage.side_by_side`), the rows by special grid and the demands' breakdowns."""
    (places, names), cadres, micro_work, special, demands = side_by_side(
        lambda: (coverage_by_place(period, scope), _grid_names()),
        lambda: _cadre_rows(period, scope),
        lambda: micro_grid_work(period, scope),
        lambda: by_special_grid(period, scope),
        lambda: demand_breakdowns(period, today, scope))
    by_grid: dict[str, list[int]] = {}
    by_micro: dict[str, tuple[int, int, int]] = {}
    for grid_id, micro, households, linked, visited in places:
        counts = by_grid.setdefault(grid_id, [0, 0, 0])
        counts[0], counts[1], counts[2] = counts[0] + households, counts[1] + linked, counts[2] + visited
        if micro is not None:
            by_micro[micro] = (households, linked, visited)
    grids = []
    for grid_id, (households, linked, visited) in by_grid.items():
        grid, community = names.get(grid_id, ("", ""))
        grids.append({"grid_id": grid_id, "grid": grid, "community": community, "households": households,
                      "linked": linked, "visited": visited, "visited_rate": share(visited, linked)})
    grids.sort(key=lambda row: (row["community"], row["grid"], row["grid_id"]))
    micro_grids = micro_grid_rows(counted_coverage(by_micro), micro_work) if by_micro else []
    return grids, cadres, micro_grids, special, demands


def _grid_names() -> dict[str, tuple[str, str]]:
    """(name, community's name) of every grid."""
    return {uuid: (grid, community) for uuid, grid, community in database.execute_sql(
        'SELECT g."uuid", g."name", coalesce(c."name", \'\') FROM "grid" g LEFT JOIN "community" c ON c."uuid" = g."community_id"')}


def _cadre_rows(period: Period, scope: Scope) -> list[dict]:
    """The rows of coverage by cadre, counted by the server, in its order: by name then id (text is compared as
    bytes there, "C", which is Python's order)."""
    return [{"cadre_id": cadre_id, "cadre": name, "linked": count, "visited": seen, "visited_rate": share(seen, count)}
            for cadre_id, name, count, seen in coverage_of_cadres(period, scope)]


BREAKDOWN_KEYS = ("coverage_by_grid", "coverage_by_cadre", "demands_by_state", "demands_by_category",
                  "demands_by_month", "demands_by_unit", "demands_overdue_undispatched", "by_micro_grid",
                  "by_special_grid")


def breakdowns(
    period: Period, today: dt.date | None = None, scope: Scope = Scope(), stock: CoverageStock | None = None
) -> dict[str, object]:
    """The dashboard's figures for `period` and `scope`: the headline (households, linked, visited and the demand
    figures, each defined as `models.figures.stats` defines it) and every breakdown.  `stock`: the scope's coverage stock
    when the caller kept it (counted here otherwise)."""
    today = today or dt.date.today()
    if stock is None and on_postgres():
        grids, cadres, micro_grids, special, demands = _counted_by_the_server(period, scope, today)
    else:
        stock = stock or coverage_stock(scope)
        visits = _visited(period)
        grids = coverage_by_grid(period, scope, stock, visits)
        cadres = coverage_by_cadre(period, scope, stock, visits)
        micro_grids = coverage_by_micro_grid(period, scope, stock.linked, visits)
        special, demands = by_special_grid(period, scope), demand_breakdowns(period, today, scope)
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
        "coverage_by_cadre": cadres,
        "by_micro_grid": micro_grids,
        "by_special_grid": special,
    } | demands
