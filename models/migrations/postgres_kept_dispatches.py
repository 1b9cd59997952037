"""Migration 14 on PostgreSQL, continued: the counts of demands that depend on their dispatches, kept by the server.

The figures by responsible unit (accepted, closed, on time, closings, overdue), the overdue demands sent to no
unit, and the whistles (吹哨: a demand's second unit, by the day it was reached) join every running or recent
demand to its dispatches: 1–3 s for a city.  Kept here as for the households
(`models/migrations/postgres_kept_counts.py`): `kept_dispatched` holds each demand's last contribution (alive,
state, days, outcome, the distinct units of its live dispatches, the day its whistle was blown), and a change to a
demand or a dispatch takes that away and adds the new one, after locking the demand's row (the same reasoning
for two writers at once):

* `kept_unit_raised` (unit, raising day, state, closed on time), `kept_unit_closed` (unit, closing day, outcome),
  `kept_unit_running` (unit, deadline of a running demand);
* `kept_running` (deadline of a running demand, dispatched or not);
* `kept_whistle` (day blown, unit, closed, solved) and `kept_whistle_demand` (day blown, closed, solved).
"""

from __future__ import annotations

from models.migrations.postgres_recount import recount_function
from models.work.demands import RUNNING_STATES

_RUNNING = ", ".join(f"'{state}'" for state in RUNNING_STATES)
_TEXT = 'TEXT COLLATE "C" NOT NULL'

TABLES = (
    f'CREATE TABLE "kept_dispatched" ("demand_id" TEXT COLLATE "C" PRIMARY KEY, "alive" BOOLEAN NOT NULL DEFAULT false, '
    f'"state" {_TEXT} DEFAULT \'\', "raised_on" {_TEXT} DEFAULT \'\', "closed_on" {_TEXT} DEFAULT \'\', '
    '"deadline" TEXT COLLATE "C", "on_time" BOOLEAN NOT NULL DEFAULT false, '
    f'"outcome" {_TEXT} DEFAULT \'\', "units" TEXT[] COLLATE "C" NOT NULL DEFAULT \'{{}}\', "blown" TEXT COLLATE "C")',
    f'CREATE TABLE "kept_unit_raised" ("unit_id" {_TEXT}, "day" {_TEXT}, "state" {_TEXT}, "on_time" BOOLEAN NOT NULL, '
    '"n" BIGINT NOT NULL DEFAULT 0, PRIMARY KEY ("day", "unit_id", "state", "on_time"))',
    f'CREATE TABLE "kept_unit_closed" ("unit_id" {_TEXT}, "day" {_TEXT}, "outcome" {_TEXT}, '
    '"n" BIGINT NOT NULL DEFAULT 0, PRIMARY KEY ("day", "unit_id", "outcome"))',
    f'CREATE TABLE "kept_unit_running" ("unit_id" {_TEXT}, "deadline" {_TEXT}, "n" BIGINT NOT NULL DEFAULT 0, '
    'PRIMARY KEY ("deadline", "unit_id"))',
    f'CREATE TABLE "kept_running" ("deadline" {_TEXT}, "dispatched" BOOLEAN NOT NULL, "n" BIGINT NOT NULL DEFAULT 0, '
    'PRIMARY KEY ("deadline", "dispatched"))',
    f'CREATE TABLE "kept_whistle" ("day" {_TEXT}, "unit_id" {_TEXT}, "closed" BOOLEAN NOT NULL, '
    '"solved" BOOLEAN NOT NULL, "n" BIGINT NOT NULL DEFAULT 0, PRIMARY KEY ("day", "unit_id", "closed", "solved"))',
    f'CREATE TABLE "kept_whistle_demand" ("day" {_TEXT}, "closed" BOOLEAN NOT NULL, "solved" BOOLEAN NOT NULL, '
    '"n" BIGINT NOT NULL DEFAULT 0, PRIMARY KEY ("day", "closed", "solved"))',
)

# What a demand adds, from the records (`wanted`: the demands).  The whistle: the second of its units in the order
# of their first dispatch (then of the unit), as `models.figures.reported_figures.WHISTLE_UNITS` finds it.
_FRESH = (
    'SELECT w.id AS demand_id, coalesce(d."deleted" = 0, false) AS alive, coalesce(d."state", \'\') AS state, '
    'coalesce(d."raised_on", \'\') AS raised_on, coalesce(d."closed_on", \'\') AS closed_on, d."deadline" AS deadline, '
    'coalesce(d."state" = \'closed\' AND d."closed_on" <= d."deadline", false) AS on_time, '
    'coalesce(d."outcome", \'\') AS outcome, '
    'ARRAY(SELECT DISTINCT x."unit_id" FROM "dispatch" x WHERE x."demand_id" = w.id AND x."deleted" = 0 ORDER BY 1) '
    'AS units, (SELECT f.day FROM (SELECT x."unit_id" AS unit, min(x."dispatched_on") AS day FROM "dispatch" x '
    'WHERE x."demand_id" = w.id AND x."deleted" = 0 GROUP BY 1) f ORDER BY f.day, f.unit OFFSET 1 LIMIT 1) AS blown '
    'FROM unnest(wanted) AS w(id) LEFT JOIN "demand" d ON d."uuid" = w.id'
)
_COLUMNS = 'demand_id, alive, state, raised_on, closed_on, deadline, on_time, outcome, units, blown'
_CHANGED = (f'SELECT -1 AS s, {_COLUMNS} FROM unnest(old) o UNION ALL '
            f'SELECT 1, {_COLUMNS} FROM "kept_dispatched" k WHERE k."demand_id" = ANY(wanted)')


def _upsert(table: str, keys: tuple[str, ...], select: str) -> str:
    """Add `select` (the keys, then a signed count) to `table`, each row once, in key order."""
    names = ", ".join(f'"{key}"' for key in keys)
    groups = ", ".join(str(number) for number in range(1, len(keys) + 1))
    return (f'INSERT INTO "{table}" AS t ({names}, "n") SELECT {names}, sum(s) FROM ({select}) y({names}, s) '
            f'GROUP BY {groups} HAVING sum(s) <> 0 ORDER BY {groups} '
            f'ON CONFLICT ({names}) DO UPDATE SET "n" = t."n" + EXCLUDED."n"')


def totals(rows: str) -> list[str]:
    """The statements adding what `rows` (s, then kept_dispatched's columns) count to the totals."""
    each_unit = f'FROM ({rows}) x, unnest(x.units) AS u(unit) WHERE x.alive'
    closed, solved = "x.state = 'closed'", "x.state = 'closed' AND x.outcome = 'solved'"
    return [
        _upsert("kept_unit_raised", ("unit_id", "day", "state", "on_time"),
                f'SELECT u.unit, x.raised_on, x.state, x.on_time, x.s {each_unit}'),
        _upsert("kept_unit_closed", ("unit_id", "day", "outcome"),
                f'SELECT u.unit, x.closed_on, x.outcome, x.s {each_unit} AND {closed}'),
        _upsert("kept_unit_running", ("unit_id", "deadline"),
                f'SELECT u.unit, x.deadline, x.s {each_unit} AND x.state IN ({_RUNNING}) AND x.deadline IS NOT NULL'),
        _upsert("kept_running", ("deadline", "dispatched"),
                f'SELECT x.deadline, cardinality(x.units) > 0, x.s FROM ({rows}) x WHERE x.alive '
                f'AND x.state IN ({_RUNNING}) AND x.deadline IS NOT NULL'),
        _upsert("kept_whistle", ("day", "unit_id", "closed", "solved"),
                f'SELECT x.blown, u.unit, {closed}, {solved}, x.s {each_unit} AND x.blown IS NOT NULL'),
        _upsert("kept_whistle_demand", ("day", "closed", "solved"),
                f'SELECT x.blown, {closed}, {solved}, x.s FROM ({rows}) x WHERE x.alive AND x.blown IS NOT NULL'),
    ]


RECOUNT = recount_function(
    "lianxin_kept_demand_recount", "kept_dispatched", "demand_id",
    ("alive", "state", "raised_on", "closed_on", "deadline", "on_time", "outcome", "units", "blown"), _FRESH,
    totals(_CHANGED))

# The demands a statement on each table may have changed the counts of: (their column, the columns that matter).
DEMAND_OF = {
    "demand": ('"uuid"', ('"deleted"', '"state"', '"raised_on"', '"closed_on"', '"deadline"', '"outcome"')),
    "dispatch": ('"demand_id"', ('"deleted"', '"demand_id"', '"unit_id"', '"dispatched_on"')),
}

# Every demand once, as the migration counts an existing master (the recount of all of them at once).
FIRST_COUNT = ('SELECT lianxin_kept_demand_recount(ARRAY(SELECT "uuid" FROM "demand"))',)
KEPT_TABLES = ("kept_unit_raised", "kept_unit_closed", "kept_unit_running", "kept_running", "kept_whistle",
               "kept_whistle_demand")
