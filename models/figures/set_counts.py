"""Counts over every household of a city, set-based, for an office master on PostgreSQL.

`models.registry.coverage.coverage` asks two correlated EXISTS of each household (is it
linked? was it visited?).  SQLite answers them by index in a blink for a district; a
PostgreSQL master of a city (1.2 million households) ran them as 2.4 million subplans
(14 s of the 29.5 s of `lianxin stats`).  Here the same three numbers come from one
statement of set operations: the linked households (live links to live cadres) and the
visited ones (live visits in the period) each worked out once as a set, joined to the
households of the scope.  The definitions are exactly coverage's (docs/statistics.md);
tests/test_coverage.py and the figure tests check both stores give the same numbers.

The statement runs with planner settings scoped to it (`counting_settings`): memory enough
to hash a million ids without spilling to disk (work_mem 4 MB made it write 900 MB of
temporary files), no parallel workers (each worker built the same hash again, three times the
work on a two-core server), no JIT (its compilation cost more than it saved).
"""

from __future__ import annotations

from contextlib import contextmanager

from peewee import JOIN, fn

from models.records.people import Assignment, Cadre, Household
from models.records.work import Visit
from models.registry.coverage import Coverage, Period, coverage
from models.scope import Scope
from models.storage.connection import database, on_postgres

# Each setting for this statement only (restored afterwards); see the module's docstring for why.
COUNTING_SETTINGS = {"work_mem": "256MB", "max_parallel_workers_per_gather": "0", "jit": "off"}


@contextmanager
def counting_settings():
    """Run the block with COUNTING_SETTINGS in a transaction, each put back as it was when the block ends.

    `set_config(…, true)` is SET LOCAL: a transaction of its own ends it; inside a caller's transaction the
    old values are set back explicitly so nothing after the block is planned differently."""
    with database.atomic():
        before = {}
        for name, value in COUNTING_SETTINGS.items():
            (before[name],) = database.execute_sql("SELECT current_setting(?)", (name,)).fetchone()
            database.execute_sql("SELECT set_config(?, ?, true)", (name, value))
        try:
            yield
        finally:
            for name, value in before.items():
                database.execute_sql("SELECT set_config(?, ?, true)", (name, value))


def _linked_ids():
    """The households with at least one live link to a live cadre (`coverage.is_linked`), each once."""
    return (Assignment.select(Assignment.household.alias("hid"))
            .join(Cadre, on=(Cadre.uuid == Assignment.cadre))
            .where((Assignment.deleted == False) & (Cadre.deleted == False))  # noqa: E712
            .distinct())


def _visited_ids(period: Period):
    """The households with a live visit in the period (`coverage.was_visited`), each once."""
    return (Visit.select(Visit.household.alias("hid"))
            .where((Visit.deleted == False) & Visit.visited_on.between(period.start, period.end)  # noqa: E712
                   & Visit.household.is_null(False))
            .distinct())


def coverage_counted(scope: Scope, period: Period) -> Coverage:
    """`models.registry.coverage.coverage(scope, period)`: the same numbers, set-based on PostgreSQL."""
    if not on_postgres():
        return coverage(scope, period)  # SQLite's EXISTS by index is its fastest (tests/benchmarks/bench_dashboard.py)
    linked = _linked_ids().alias("linked")
    visited = _visited_ids(period).alias("visited")
    query = (Household.select(fn.COUNT(Household.uuid), fn.COUNT(linked.c.hid),
                              fn.COUNT(linked.c.hid).filter(visited.c.hid.is_null(False)))
             .join(linked, JOIN.LEFT_OUTER, on=(linked.c.hid == Household.uuid))
             .join_from(Household, visited, JOIN.LEFT_OUTER, on=(visited.c.hid == Household.uuid))
             .where(scope.households_condition()))
    with counting_settings():
        households, linked_count, visited_count = query.tuples().get()
    return Coverage(households, linked_count, visited_count)
