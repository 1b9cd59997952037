"""Migration 3: indexes for the daily-work lists at district scale.

Measured on a 120,000-household demo district (tests/benchmarks/bench_daily.py):
the coverage checks look up each household's live assignments and visits in a
period, the lists of missed households and of demands are ordered by address
and by date, and the cadre loads count each cadre's live links.  Covering
indexes let SQLite answer those from the index alone.  No data changes.
"""

VERSION = 3

STATEMENTS = (
    'CREATE INDEX "assignment_household_live" ON "assignment" ("household_id", "deleted", "cadre_id")',
    'CREATE INDEX "assignment_cadre_live" ON "assignment" ("cadre_id", "deleted", "household_id")',
    'CREATE INDEX "visit_household_day" ON "visit" ("household_id", "visited_on", "deleted")',
    'CREATE INDEX "household_address_room" ON "household" ("address", "room")',
    'CREATE INDEX "demand_raised_on" ON "demand" ("raised_on")',
    'CREATE INDEX "cadre_name" ON "cadre" ("name")',
)


def up(database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
