"""Numbered schema migrations, applied in order before anything reads the database.

Each module has a `VERSION` and an `up(database)`; the schema version is kept in
SQLite's `user_version`, and each migration runs in its own transaction with the
version bump, so a failure leaves the previous version intact.
"""

from models.migrations import m0001_initial, m0002_search
from models.migrations import m0003_daily
from models.migrations import m0004_exchange
from models.migrations import m0005_merged_files
from models.migrations import m0006_lean_address_index
from models.migrations import m0007_registered_address
from models.migrations import m0008_public_unit_phone
from models.migrations import m0010_search_queue_unpaused

MIGRATIONS = (m0001_initial, m0002_search, m0003_daily, m0004_exchange, m0005_merged_files,
              m0006_lean_address_index, m0007_registered_address, m0008_public_unit_phone,
              m0010_search_queue_unpaused)

LATEST_VERSION = MIGRATIONS[-1].VERSION


def pending(current_version: int) -> list:
    return [m for m in MIGRATIONS if m.VERSION > current_version]


def migrate(database, current_version: int) -> int:
    """Bring the database to `LATEST_VERSION`; returns how many migrations ran."""
    steps = pending(current_version)
    for migration in steps:
        with database.atomic("IMMEDIATE"):
            migration.up(database)
            database.execute_sql(f"PRAGMA user_version = {int(migration.VERSION)}")
    return len(steps)
