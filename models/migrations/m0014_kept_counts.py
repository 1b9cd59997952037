"""Migration 14: counts kept as records change, for a PostgreSQL master's figures.

A city's `lianxin stats` read 1.2 million households, 1.3 million links, 3.5 million residents
and the period's visits every time (10.7 s).  On PostgreSQL this migration keeps, beside the
records, what the figures count — per grid and micro-grid: live households, linked ones, the
households first visited on each day of a month, visits and demands raised on each day, open
demands; per cadre: links to live households and their first visits; live records of each
kind — maintained by the server itself (statement triggers, `models/migrations/postgres_kept_counts.py`),
so every writer keeps them: merges, imports, forms, undo, restore, moving an office.

SQLite adds nothing: a district's figures count from the window's stock in milliseconds
(tests/benchmarks/bench_dashboard.py), and triggers would only slow a laptop's writes.
"""

VERSION = 14

STATEMENTS = ()


def up(database) -> None:
    """Nothing on SQLite (see above)."""
