"""Moving an office: its SQLite database copied into a PostgreSQL master, checked row for row.

Why copy tables and not export and merge a workbook: a workbook carries the
records that travel, but not what is the office's own (its installation — device
id, name, clock —, settings, conflicts kept for review, the audit log, the files
already merged).  The master must go on as the same office, so every table is
copied as it is, in SQLite's row order (the export writes rows in that order),
with PostgreSQL's COPY.

All or nothing: the copy, the search index built again and the check run in one
transaction; the check compares every row of every table on both sides, in key
order, and any difference rolls everything back.  The SQLite file is only read
(a connection of its own, read-only), so the office can go on using it until
the master is checked.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from models.database import DatabaseRefused, inspect_file, refuse_if_foreign
from models.migrations import LATEST_VERSION
from models.progress import Progress
from models.storage.connection import database, on_postgres

# Derived, local tables: the search index is built again on the master; SQLite's own bookkeeping stays.
NOT_COPIED = ("search_doc", "search_key", "search_address", "search_dirty", "search_pause", "sqlite_sequence",
              "sqlite_stat1", "sqlite_stat4")
CHUNK = 20_000


class MoveRefused(DatabaseRefused):
    """The move cannot start, or its check found a difference (nothing was written)."""


def _source(path: Path) -> sqlite3.Connection:
    facts = inspect_file(path)
    if facts is None:
        raise MoveRefused(f"{path}: no such database (nothing was copied)")
    refuse_if_foreign(path, facts)
    if facts.schema_version != LATEST_VERSION:
        raise MoveRefused(f"{path}: a database of an older Lianxin (schema {facts.schema_version}); open it once "
                          "with this Lianxin to bring it up to date, then move it")
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.execute("BEGIN")  # one snapshot of the file for the whole copy
    return connection


def _tables(source: sqlite3.Connection) -> list[str]:
    names = [name for (name,) in source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
    return [name for name in names if name not in NOT_COPIED and not name.startswith("search_address_")]


def _columns(source: sqlite3.Connection, table: str) -> tuple[list[str], list[str]]:
    """The table's columns, and its primary key's (the order both sides are compared in)."""
    info = source.execute(f'PRAGMA table_info("{table}")').fetchall()
    columns = [row[1] for row in info]
    key = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]] or columns
    return columns, key


def _csv(rows) -> io.StringIO:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(["\\N" if value is None else value for value in row])
    buffer.seek(0)
    return buffer


def _copy_table(source, table: str, columns: list[str], raw) -> int:
    quoted = ", ".join(f'"{column}"' for column in columns)
    try:  # SQLite's row order, which the master's "rowid" numbers on from
        rows = source.execute(f'SELECT {quoted} FROM "{table}" ORDER BY rowid')
    except sqlite3.OperationalError:  # a table without rowid
        rows = source.execute(f'SELECT {quoted} FROM "{table}"')
    copied = 0
    while True:
        chunk = rows.fetchmany(CHUNK)
        if not chunk:
            return copied
        raw.copy_expert(f'COPY "{table}" ({quoted}) FROM STDIN WITH (FORMAT csv, NULL \'\\N\')', _csv(chunk))
        copied += len(chunk)


def _differences(source, table: str, columns: list[str], key: list[str]) -> str | None:
    """The first difference between the table on both sides, or None."""
    quoted = ", ".join(f'"{column}"' for column in columns)
    order = ", ".join(f'"{column}"' for column in key)
    theirs = source.execute(f'SELECT {quoted} FROM "{table}" ORDER BY {order}')
    ours = database.execute_native(f'SELECT {quoted} FROM "{table}" ORDER BY {order}')
    row_number = 0
    while True:
        left, right = theirs.fetchmany(CHUNK), ours.fetchmany(CHUNK)
        for a, b in zip(left, right):
            row_number += 1
            if tuple(a) != tuple(b):
                return f"table {table}, row {row_number} (key {a[columns.index(key[0])]!r}) differs"
        if len(left) != len(right):
            return f"table {table}: {row_number + len(left)} rows in the file, {row_number + len(right)} copied"
        if not left:
            return None


def move_into_open_master(path: str | Path, progress: Progress | None = None) -> dict[str, int]:
    """Copy the SQLite database at `path` into the open PostgreSQL master, which holds no records yet.

    Returns the rows copied per table.  Raises MoveRefused (nothing written) when
    the file is not a current Lianxin database, the master already holds records,
    or the check finds a difference.
    """
    from models.registry.search import rebuild  # (the search's keys need pypinyin: loaded when moving)
    from models.schema import SYNCED_MODELS

    progress = progress or Progress()
    path = Path(path)
    if not on_postgres():
        raise MoveRefused("the database to move into must be a PostgreSQL master (--db postgresql://…)")
    held = [model._meta.table_name for model in SYNCED_MODELS if model.select().exists()]
    if held:
        raise MoveRefused(f"{database.obj.url}: already holds records ({', '.join(held[:3])}…); "
                          "move into an empty database (nothing was copied)")
    source = _source(path)
    try:
        tables = _tables(source)
        master_tables = set(database.get_tables())
        missing = [table for table in tables if table not in master_tables]
        if missing:
            raise MoveRefused(f"{path}: tables this Lianxin does not know ({', '.join(missing)}); nothing was copied")
        counts: dict[str, int] = {}
        with database.atomic():
            raw = database.connection()._connection.cursor()
            with database.obj.indexing_myself():
                for number, table in enumerate(tables):
                    progress.step(number, 2 * len(tables) + 1, f"copying {table}")
                    columns, _ = _columns(source, table)
                    database.execute_native(f'DELETE FROM "{table}"')  # (the master's own new installation)
                    counts[table] = _copy_table(source, table, columns, raw)
            progress.step(len(tables), 2 * len(tables) + 1, "search index")
            rebuild()
            for number, table in enumerate(tables):
                progress.step(len(tables) + 1 + number, 2 * len(tables) + 1, f"checking {table}")
                columns, key = _columns(source, table)
                difference = _differences(source, table, columns, key)
                if difference is not None:
                    raise MoveRefused(f"{path}: the copy differs from the file ({difference}); nothing was copied")
        progress.step(1, 1, "")
        return counts
    finally:
        source.close()

