"""Numbered schema migrations, applied in order before anything reads the database.

Each module has a `VERSION` and an `up(database)`; the schema version is kept in
SQLite's `user_version`, and each migration runs in its own transaction with the
version bump, so a failure leaves the previous version intact.  A migration that
rebuilds a table other tables point at says `FOREIGN_KEYS_OFF = True`: SQLite's
documented rebuild needs foreign keys off, which can only be switched outside a
transaction; the migration checks the keys itself.
"""

from models.migrations import m0001_initial, m0002_search
from models.migrations import m0003_daily
from models.migrations import m0004_exchange
from models.migrations import m0005_merged_files
from models.migrations import m0006_lean_address_index
from models.migrations import m0007_registered_address
from models.migrations import m0008_public_unit_phone
from models.migrations import m0009_outcomes_sources_shops
from models.migrations import m0010_search_queue_unpaused
from models.migrations import m0011_micro_grids
from models.migrations import m0012_disclosures
from models.migrations import m0013_household_places_index
from models.migrations import m0014_kept_counts

MIGRATIONS = (m0001_initial, m0002_search, m0003_daily, m0004_exchange, m0005_merged_files,
              m0006_lean_address_index, m0007_registered_address, m0008_public_unit_phone,
              m0009_outcomes_sources_shops, m0010_search_queue_unpaused, m0011_micro_grids, m0012_disclosures,
              m0013_household_places_index, m0014_kept_counts)

LATEST_VERSION = MIGRATIONS[-1].VERSION


def pending(current_version: int) -> list:
    return [m for m in MIGRATIONS if m.VERSION > current_version]


def migrate(database, current_version: int) -> int:
    """Bring the database to `LATEST_VERSION`; returns how many migrations ran."""
    steps = pending(current_version)
    for migration in steps:
        keys_off = getattr(migration, "FOREIGN_KEYS_OFF", False)
        if keys_off:
            keys_were = database.execute_sql("PRAGMA foreign_keys").fetchone()[0]
            database.execute_sql("PRAGMA foreign_keys = OFF")
        try:
            with database.atomic("IMMEDIATE"):
                migration.up(database)
                database.execute_sql(f"PRAGMA user_version = {int(migration.VERSION)}")
        finally:
            if keys_off:
                database.execute_sql(f"PRAGMA foreign_keys = {int(keys_were)}")
    return len(steps)
