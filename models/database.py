"""Opening a Lianxin database: refuse what is not ours, migrate, load this installation.

A file is examined read-only before anything writes to it, so a spreadsheet
someone picked by mistake, another program's SQLite file, or a database from a
newer Lianxin is refused with a clear message and left byte-for-byte untouched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from models import schema  # noqa: F401  (binds every model and the audit log)
from models.db import database
from models.installation import Installation, set_current_installation
from models.migrations import LATEST_VERSION, migrate

# PRAGMA application_id marks the file as ours: "LXIN".
APPLICATION_ID = 0x4C58494E
SQLITE_HEADER = b"SQLite format 3\x00"

# page_size first: it takes effect only on a new, empty file, before journal_mode
# writes the file's header.  16 KB pages instead of SQLite's 4 KB: a district's
# roster import writes a 300 MB registry and search index, and inserting its
# households, residents and search documents and committing took 4.2–4.7 CPU
# seconds instead of 4.9–5.6 (three alternating runs each), the commit's copy
# of the log into the file about half as long.  An existing file keeps its page
# size; its backups (VACUUM INTO) are written with the new one.
PRAGMAS = {
    "page_size": 16_384,
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "synchronous": "normal",
    "cache_size": -64_000,
    "temp_store": "memory",
}


class DatabaseRefused(Exception):
    """The file cannot be opened as a Lianxin database; the message says why and what to do."""


@dataclass(frozen=True)
class FileFacts:
    application_id: int
    schema_version: int
    has_tables: bool


def inspect_file(path: Path) -> FileFacts | None:
    """What an existing file is, read without changing it; None if it is absent or empty."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    if path.is_dir():
        raise DatabaseRefused(f"{path}: is a folder, not a database file")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseRefused(f"{path}: not a Lianxin database (not an SQLite file); choose another file")
    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            application_id = probe.execute("PRAGMA application_id").fetchone()[0]
            version = probe.execute("PRAGMA user_version").fetchone()[0]
            tables = probe.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseRefused(f"{path}: damaged or unreadable database ({error})") from error
    return FileFacts(application_id, version, tables > 0)


def refuse_if_foreign(path: Path, facts: FileFacts | None) -> None:
    if facts is None:
        return
    if facts.application_id != APPLICATION_ID and facts.has_tables:
        raise DatabaseRefused(f"{path}: an SQLite file of another program, not a Lianxin database; choose another file")
    if facts.schema_version > LATEST_VERSION:
        raise DatabaseRefused(
            f"{path}: written by a newer Lianxin (schema {facts.schema_version}, this version knows "
            f"{LATEST_VERSION}); update Lianxin to open it"
        )


def open_database(path: str | Path) -> Installation:
    """Open (creating if needed) and migrate the database at `path`; bind all models to it."""
    path = Path(path)
    refuse_if_foreign(path, inspect_file(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    close_database()
    database.init(str(path), pragmas=PRAGMAS, check_same_thread=False)  # models.bulk_writer writes on a second thread
    database.connect()
    current = database.execute_sql("PRAGMA user_version").fetchone()[0]
    if current == 0:
        database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(database, current)
    installation = Installation.load_or_create()
    set_current_installation(installation)
    return installation


def close_database() -> None:
    if not database.is_closed():
        database.close()
    set_current_installation(None)


def database_path() -> Path | None:
    return None if database.database is None else Path(database.database)
