"""A database as an older Lianxin made it: the migrations up to a version, then rows typed as SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from models.database import APPLICATION_ID
from models.migrations import MIGRATIONS
from tests.test_printing_units import RawDatabase


def database_at(path: Path, version: int, rows: tuple[str, ...] = ()) -> Path:
    """Apply migrations 1…`version` to a new file at `path`, insert `rows`, and mark it as of that version."""
    with sqlite3.connect(path) as connection:
        for migration in MIGRATIONS:
            if migration.VERSION <= version:
                migration.up(RawDatabase(connection))
        for statement in rows:
            connection.execute(statement)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {int(version)}")
    connection.close()
    return path
