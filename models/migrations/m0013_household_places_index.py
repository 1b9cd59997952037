"""Migration 13: the live households' places in id order, for a PostgreSQL master's figures.

The coverage breakdowns of a city (models/figures/set_counts.py) read every live household with its
grid and micro-grid in id order and merge it with the links, read in the same order from
"assignment_household_live": on PostgreSQL a partial covering index
(uuid) INCLUDE (grid_id, micro_grid_id) WHERE deleted = 0 is read without touching the table
(models/migrations/postgres.py).  SQLite counts from its own indexes (its figures come from a
stock read in Python, tests/benchmarks/bench_dashboard.py), so here it adds nothing: another
index would only slow its writes.
"""

VERSION = 13

STATEMENTS = ()


def up(database) -> None:
    """Nothing on SQLite (see above)."""
