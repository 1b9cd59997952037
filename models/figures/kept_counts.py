"""The figures of a whole PostgreSQL master read from the counts its server keeps (migration 14).

`models/migrations/postgres_kept_counts.py` says what is kept and how.  Here they are read back in
the shapes the figures' other counts give (`models.figures.set_counts`, `models.figures.grid_levels`,
`models.figures.stats.counts`), so the numbers are the same, and a city's figures cost a few
hundred rows read instead of every household, link and visit.

Used only where they answer exactly:

* the whole database (`Scope()`); a narrower scope is counted from the records, as before;
* coverage's "visited" for a period that starts on the first of a month and ends in that month
  (this month to date, `lianxin stats`' default, or a whole month): the kept counts know each
  household's first visit of each month.  Visits and demands raised add up by day, so any period.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from models.registry.coverage import Period
from models.scope import Scope
from models.storage.connection import database, on_postgres

KEPT_TABLES = ("kept_place", "kept_place_day", "kept_cadre", "kept_cadre_day", "kept_live", "kept_demand_raised",
               "kept_demand_closed", "kept_visit_day", "kept_unit_raised", "kept_unit_closed", "kept_unit_running",
               "kept_running", "kept_whistle", "kept_whistle_demand")


def kept_for(scope: Scope) -> bool:
    """Whether the kept counts answer for `scope`: the whole of a PostgreSQL master."""
    return scope.everything and on_postgres()


def within_a_month(period: Period) -> bool:
    """A period kept coverage answers: from the first of a month to a day of the same month."""
    return period.start.day == 1 and (period.start.year, period.start.month) == (period.end.year, period.end.month)


def _days(period: Period) -> list[str]:
    return [period.start.isoformat(), period.end.isoformat()]


def coverage_by_place(period: Period) -> list[tuple[str, str | None, int, int, int]]:
    """As `models.figures.set_counts.coverage_by_place` for the whole master (`within_a_month(period)`)."""
    return database.execute_sql(
        'SELECT p."grid_id", nullif(p."micro_grid_id", \'\'), p."households", p."linked", coalesce(v.n, 0)::bigint '
        'FROM "kept_place" p LEFT JOIN (SELECT "grid_id", "micro_grid_id", sum("first_visits") AS n '
        'FROM "kept_place_day" WHERE "day" BETWEEN ? AND ? GROUP BY 1, 2) v '
        'ON v."grid_id" = p."grid_id" AND v."micro_grid_id" = p."micro_grid_id" '
        'WHERE p."households" > 0 ORDER BY 1, 2', _days(period)).fetchall()


def coverage_of_cadres(period: Period) -> list[tuple[str, str, int, int]]:
    """As `models.figures.set_counts.coverage_of_cadres` for the whole master (`within_a_month(period)`), in the
    same order.  (Sums are cast: numeric, psycopg2 would turn each into a number in Python.)"""
    return database.execute_sql(
        'SELECT k."cadre_id", c."name", k."links", coalesce(v.n, 0)::bigint FROM "kept_cadre" k '
        'JOIN "cadre" c ON c."uuid" = k."cadre_id" AND c."deleted" = 0 '
        'LEFT JOIN (SELECT "cadre_id", sum("first_visits") AS n FROM "kept_cadre_day" WHERE "day" BETWEEN ? AND ? '
        'GROUP BY 1) v ON v."cadre_id" = k."cadre_id" WHERE k."links" > 0 ORDER BY 2, 1', _days(period)).fetchall()


def micro_grid_work(period: Period) -> tuple[Counter, Counter, Counter]:
    """(live visits to live households in the period, live demands raised in it, live demands open now) of each
    micro-grid, as `models.figures.grid_levels.coverage_by_micro_grid` counts them for the whole master."""
    visits, raised = Counter(), Counter()
    for micro, seen, demands in database.execute_sql(
            'SELECT "micro_grid_id", sum("visits")::bigint, sum("demands_raised")::bigint FROM "kept_place_day" '
            'WHERE "day" BETWEEN ? AND ? AND "micro_grid_id" <> \'\' GROUP BY 1', _days(period)):
        visits[micro], raised[micro] = seen, demands
    still_open = Counter(dict(database.execute_sql(
        'SELECT "micro_grid_id", sum("demands_open")::bigint FROM "kept_place" WHERE "micro_grid_id" <> \'\' '
        'GROUP BY 1').fetchall()))
    return +visits, +raised, +still_open


def live_counts() -> dict[str, int]:
    """Live records of each kind, grid workers (`grid_worker`) and open conflicts (`open_conflict`)."""
    return dict(database.execute_sql('SELECT "what", "live" FROM "kept_live"').fetchall())


def living_away() -> tuple[int, int]:
    """As `models.figures.stats.living_away` for the whole master: (living away, registration known)."""
    away, known = database.execute_sql(
        'SELECT coalesce(sum("away"), 0), coalesce(sum("registered"), 0) FROM "kept_place"').fetchone()
    return int(away), int(known)


def visits_in(period: Period) -> int:
    """Live visits in the period (to households and shops), as `models.figures.stats.rates` counts them."""
    return int(database.execute_sql('SELECT coalesce(sum("n"), 0) FROM "kept_visit_day" WHERE "day" BETWEEN ? AND ?',
                                    _days(period)).fetchone()[0])


@dataclass(frozen=True)
class Raised:
    """Live demands raised on the days asked, alike in everything the figures tell apart: how many (`n`)."""

    category_id: str  # '' for none
    state: str
    on_time: bool  # closed, on or before its deadline
    source: str  # '' when not recorded
    outcome: str
    mediation: str
    of_shop: bool
    n: int


class KeptDemands:
    """The live demands of the whole master raised, and those closed, in a period (and by month over a longer
    window), as the server keeps them (`kept_demand_raised`, `kept_demand_closed`): what the demand figures count
    with a scan of every demand each time (a city's 320,000: 0.3–1.7 s a scan)."""

    def __init__(self, period: Period) -> None:
        self.raised = [Raised(category, state, bool(on_time), source, outcome, mediation, bool(shop), int(n))
                       for category, state, on_time, source, outcome, mediation, shop, n in database.execute_sql(
                'SELECT "category_id", "state", "on_time", "source", "outcome", "mediation", "of_shop", sum("n") '
                'FROM "kept_demand_raised" WHERE "day" BETWEEN ? AND ? GROUP BY 1, 2, 3, 4, 5, 6, 7 '
                'HAVING sum("n") <> 0', _days(period))]
        # (outcome, of a shop, how many) of the demands closed in the period
        self.closed = [(outcome, bool(shop), int(n)) for outcome, shop, n in database.execute_sql(
            'SELECT "outcome", "of_shop", sum("n") FROM "kept_demand_closed" WHERE "day" BETWEEN ? AND ? '
            'GROUP BY 1, 2 HAVING sum("n") <> 0', _days(period))]

    def count(self, where=lambda row: True) -> int:
        """The demands raised in the period that `where` keeps."""
        return sum(row.n for row in self.raised if where(row))

    def closings(self, shops_only: bool = False) -> dict[str, int]:
        """The demands closed in the period by outcome ('' not recorded)."""
        found: Counter = Counter()
        for outcome, of_shop, n in self.closed:
            if of_shop or not shops_only:
                found[outcome] += n
        return dict(found)


def demands_by_month(window: Period) -> tuple[Counter, Counter]:
    """(raised, closed) live demands by month ("2026-05") of the days in `window`."""
    raised = Counter({month: int(n) for month, n in database.execute_sql(
        'SELECT substr("day", 1, 7), sum("n") FROM "kept_demand_raised" WHERE "day" BETWEEN ? AND ? GROUP BY 1',
        _days(window))})
    closed = Counter({month: int(n) for month, n in database.execute_sql(
        'SELECT substr("day", 1, 7), sum("n") FROM "kept_demand_closed" WHERE "day" BETWEEN ? AND ? GROUP BY 1',
        _days(window))})
    return raised, closed


def demands_in_states(states: tuple[str, ...]) -> int:
    """Live demands now in one of `states`, whenever raised."""
    marks = ", ".join("?" * len(states))
    return int(database.execute_sql(f'SELECT coalesce(sum("n"), 0) FROM "kept_demand_raised" WHERE "state" IN ({marks})',
                                    list(states)).fetchone()[0])


def units(period: Period, today: dt.date) -> dict[str, Counter]:
    """Each responsible unit's demands (live dispatches), as `models.figures.breakdowns.demand_breakdowns` counts
    them: accepted, closed, closed on time (raised in the period), closings recorded and solved (closed in it),
    overdue (running, deadline before today)."""
    found: dict[str, Counter] = {}
    for unit, state, on_time, n in database.execute_sql(
            'SELECT "unit_id", "state", "on_time", sum("n") FROM "kept_unit_raised" WHERE "day" BETWEEN ? AND ? '
            'GROUP BY 1, 2, 3', _days(period)):
        counts = found.setdefault(unit, Counter())
        counts["accepted"] += int(n) if state in ("accepted", "in_progress", "closed") else 0
        counts["closed"] += int(n) if state == "closed" else 0
        counts["closed_on_time"] += int(n) if state == "closed" and on_time else 0
    for unit, outcome, n in database.execute_sql(
            'SELECT "unit_id", "outcome", sum("n") FROM "kept_unit_closed" WHERE "day" BETWEEN ? AND ? GROUP BY 1, 2',
            _days(period)):
        counts = found.setdefault(unit, Counter())
        counts["closings_recorded"] += int(n) if outcome in ("solved", "answered", "unsolvable") else 0
        counts["solved"] += int(n) if outcome == "solved" else 0
    for unit, n in database.execute_sql(
            'SELECT "unit_id", sum("n") FROM "kept_unit_running" WHERE "deadline" < ? GROUP BY 1', [today.isoformat()]):
        found.setdefault(unit, Counter())["overdue"] += int(n)
    return found


def overdue(today: dt.date) -> tuple[int, int]:
    """(running demands past their deadline, those of them sent to no unit)."""
    late, undispatched = database.execute_sql(
        'SELECT coalesce(sum("n"), 0), coalesce(sum("n") FILTER (WHERE NOT "dispatched"), 0) FROM "kept_running" '
        'WHERE "deadline" < ?', [today.isoformat()]).fetchone()
    return int(late), int(undispatched)


def whistles(period: Period) -> tuple[tuple[int, int, int], list[tuple[str, str, int, int, int]]]:
    """((whistles blown in the period, closed, solved), (unit id, name, whistles, closed, solved) of each unit)."""
    blown, closed, solved = database.execute_sql(
        'SELECT coalesce(sum("n"), 0), coalesce(sum("n") FILTER (WHERE "closed"), 0), '
        'coalesce(sum("n") FILTER (WHERE "solved"), 0) FROM "kept_whistle_demand" WHERE "day" BETWEEN ? AND ?',
        _days(period)).fetchone()
    units = [(unit, name, int(n), int(shut), int(good)) for unit, name, n, shut, good in database.execute_sql(
        'SELECT w."unit_id", u."name", sum(w."n"), coalesce(sum(w."n") FILTER (WHERE w."closed"), 0), '
        'coalesce(sum(w."n") FILTER (WHERE w."solved"), 0) FROM "kept_whistle" w '
        'JOIN "responsible_unit" u ON u."uuid" = w."unit_id" WHERE w."day" BETWEEN ? AND ? GROUP BY 1, 2 '
        'HAVING sum(w."n") <> 0', _days(period))]
    return (int(blown), int(closed), int(solved)), units


# -- checking them ----------------------------------------------------------------------------------------

_NONZERO = {
    "kept_place": '"households" <> 0 OR "linked" <> 0 OR "demands_open" <> 0',
    "kept_place_day": '"first_visits" <> 0 OR "visits" <> 0 OR "demands_raised" <> 0',
    "kept_cadre": '"links" <> 0',
    "kept_cadre_day": '"first_visits" <> 0',
    "kept_live": "true",
    "kept_demand_raised": '"n" <> 0',
    "kept_demand_closed": '"n" <> 0',
    "kept_visit_day": '"n" <> 0',
    **{table: '"n" <> 0' for table in ("kept_unit_raised", "kept_unit_closed", "kept_unit_running", "kept_running",
                                       "kept_whistle", "kept_whistle_demand")},
}


def drift() -> dict[str, list[tuple]]:
    """The kept rows that differ from a count of the records made afresh (nothing, when they are right):
    table → rows kept but not counted, then rows counted but not kept.  Leaves nothing changed."""
    from models.migrations.postgres_kept_counts import first_count

    found: dict[str, list[tuple]] = {}
    with database.atomic() as transaction:
        for table in ("kept_household", "kept_dispatched", *KEPT_TABLES):
            database.execute_sql(f'CREATE TEMPORARY TABLE "was_{table}" ON COMMIT DROP AS SELECT * FROM "{table}"')
            database.execute_sql(f'DELETE FROM "{table}"')
        for statement in first_count():
            database.obj.execute_native(statement)
        for table, nonzero in _NONZERO.items():
            kept = f'SELECT * FROM "was_{table}" WHERE {nonzero}'
            fresh = f'SELECT * FROM "{table}" WHERE {nonzero}'
            differ = (database.execute_sql(f"{kept} EXCEPT {fresh}").fetchall()
                      + database.execute_sql(f"{fresh} EXCEPT {kept}").fetchall())
            if differ:
                found[table] = differ
        transaction.rollback()
    return found
