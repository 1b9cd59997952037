"""Coverage over every household of a city, counted by a PostgreSQL server, set-based.

`models.registry.coverage.coverage` asks two correlated EXISTS of each household (is it
linked? was it visited?), and the dashboard's breakdowns read every household and link into
Python (`breakdowns.coverage_stock`).  SQLite does both quickly for a district; on a
PostgreSQL master of a city (1.2 million households, 1.3 million links) the EXISTS took 14 s
and the stock 9 s of `lianxin stats`.  Here the server groups them: each live household of the
scope with its grid and micro-grid, its number of live links, its number of live links to
removed cadres, and whether it had a live visit in the period, all read in household-id order
(indexes) and merged — then counted by grid and micro-grid (`coverage_by_place`), or, for the
cadres, the links grouped by cadre (`coverage_of_cadres`).  The definitions are exactly
coverage's (docs/statistics.md); tests/test_coverage.py and tests/test_breakdowns.py check the
two stores give the same numbers.

Each statement runs with planner settings scoped to it (`counting_settings`, SET LOCAL):
no hash joins (the planner chose them, costing index reads in order as random, and took 5–6 s
where the merges take 1.6 s), memory to group without spilling to disk (work_mem 4 MB wrote
900 MB of temporary files), no parallel workers (each built the same hash again on a
two-core server), no JIT (compiling cost more than it saved).
"""

from __future__ import annotations

from contextlib import contextmanager

from models.figures import kept_counts
from models.registry.coverage import Coverage, Period, coverage
from models.figures.scoped import Scoped
from models.scope import Scope
from models.storage.connection import database, on_postgres

# For one statement only (restored afterwards); the module's docstring says why each.
COUNTING_SETTINGS = {"work_mem": "256MB", "max_parallel_workers_per_gather": "0", "jit": "off"}

# Merges, not hash joins, for the household-ordered reads (see below): the planner, costing index reads in order
# as random ones, chose hash joins that took 5–6 s where the merges take 1.6 s (EXPLAIN ANALYZE on the city).
MERGED_SETTINGS = {**COUNTING_SETTINGS, "enable_hashjoin": "off"}


@contextmanager
def counting_settings(values: dict[str, str] = COUNTING_SETTINGS):
    """Run the block with `values` set in a transaction, each put back as it was when the block ends.

    `set_config(…, true)` is SET LOCAL: a transaction of its own ends it; inside a caller's transaction the
    old values are set back explicitly so nothing after the block is planned differently."""
    with database.atomic():
        before = {}
        for name, value in values.items():
            (before[name],) = database.execute_sql("SELECT current_setting(?)", (name,)).fetchone()
            database.execute_sql("SELECT set_config(?, ?, true)", (name, value))
        try:
            yield
        finally:
            for name, value in before.items():
                database.execute_sql("SELECT set_config(?, ?, true)", (name, value))


def coverage_counted(scope: Scope, period: Period) -> Coverage:
    """`models.registry.coverage.coverage(scope, period)`: the same numbers, set-based on PostgreSQL."""
    if not on_postgres():
        return coverage(scope, period)  # SQLite's EXISTS by index is its fastest (tests/benchmarks/bench_dashboard.py)
    households = linked = visited = 0
    for _grid, _micro, in_place, linked_in_place, visited_in_place in coverage_by_place(period, scope):
        households, linked, visited = households + in_place, linked + linked_in_place, visited + visited_in_place
    return Coverage(households, linked, visited)


# -- by grid, micro-grid and cadre ---------------------------------------------------------------------------

# The live households in id order (the partial index "household_live_places", migration 13, read without the
# table), merged with their live links counted in the same order ("assignment_household_live"), their live links
# to removed cadres (few: a hash of them), and the households visited in the period (a sorted set).  A household
# is linked when it has more live links than links to removed cadres: each link's cadre exists (a foreign key).
_HOUSEHOLD_LINKS = (
    'FROM "household" h '
    'LEFT JOIN (SELECT "household_id", count(*) AS n FROM "assignment" WHERE "deleted" = 0 GROUP BY 1) l '
    'ON l."household_id" = h."uuid" '
    'LEFT JOIN (SELECT a."household_id", count(*) AS n FROM "assignment" a JOIN "cadre" c ON c."uuid" = a."cadre_id" '
    'WHERE a."deleted" = 0 AND c."deleted" <> 0 GROUP BY 1) gone ON gone."household_id" = h."uuid" '
    'LEFT JOIN (SELECT DISTINCT "household_id" AS hid FROM "visit" WHERE "deleted" = 0 AND "visited_on" BETWEEN ? AND ? '
    'AND "household_id" IS NOT NULL) v ON v.hid = h."uuid" '
)
_LINKED = 'coalesce(l.n, 0) > coalesce(gone.n, 0)'


def coverage_by_place(period: Period, scope: Scope) -> list[tuple[str, str | None, int, int, int]]:
    """(grid id, micro-grid id, live households of the scope, linked, linked and visited in the period) for each
    grid and micro-grid pair the scope's households are in — what `breakdowns.coverage_by_grid` and
    `grid_levels.coverage_by_micro_grid` count, without reading each household into Python (nor at all, for the
    whole master and a period within a month: the server keeps these counts, `models.figures.kept_counts`)."""
    if kept_counts.kept_for(scope) and kept_counts.within_a_month(period):
        return kept_counts.coverage_by_place(period)
    in_scope, params = Scoped(scope).sql('h."uuid"')
    with counting_settings(MERGED_SETTINGS):
        return database.execute_sql(
            f'SELECT h."grid_id", h."micro_grid_id", count(*), count(*) FILTER (WHERE {_LINKED}), '
            f'count(*) FILTER (WHERE {_LINKED} AND v.hid IS NOT NULL) {_HOUSEHOLD_LINKS}'
            f'WHERE h."deleted" = 0 AND {in_scope} GROUP BY 1, 2',
            [period.start.isoformat(), period.end.isoformat(), *params]).fetchall()


def coverage_of_cadres(period: Period, scope: Scope) -> list[tuple[str, str, int, int]]:
    """(cadre id, name, live links to live households of the scope, those to households visited in the period) of
    each live cadre with such links, by name then id — what `breakdowns.coverage_by_cadre` counts (a link, not a
    household: two live links of one cadre to one household count twice there too).  Kept by the server as for
    `coverage_by_place`."""
    if kept_counts.kept_for(scope) and kept_counts.within_a_month(period):
        return kept_counts.coverage_of_cadres(period)
    in_scope, params = Scoped(scope).sql('h."uuid"')
    with counting_settings(MERGED_SETTINGS):
        # Grouped by cadre before the cadres' names are joined: joined first, a look-up per link cost 0.7 s more.
        return database.execute_sql(
            'SELECT x.cadre, c."name", x.links, x.seen FROM (SELECT a."cadre_id" AS cadre, count(*) AS links, '
            'count(v.hid) AS seen FROM "assignment" a JOIN "household" h ON h."uuid" = a."household_id" '
            'AND h."deleted" = 0 LEFT JOIN (SELECT DISTINCT "household_id" AS hid FROM "visit" WHERE "deleted" = 0 '
            'AND "visited_on" BETWEEN ? AND ? AND "household_id" IS NOT NULL) v ON v.hid = a."household_id" '
            f'WHERE a."deleted" = 0 AND {in_scope} GROUP BY 1) x JOIN "cadre" c ON c."uuid" = x.cadre AND c."deleted" = 0 '
            'ORDER BY 2, 1',
            [period.start.isoformat(), period.end.isoformat(), *params]).fetchall()
