"""An integrity check a person can run before trusting a database (`lianxin check`)."""

from __future__ import annotations

from models.storage.connection import database
from models.migrations import LATEST_VERSION


def integrity_problems() -> list[str]:
    """Everything found wrong, one line each; an empty list means the database is sound."""
    problems: list[str] = []
    result = [row[0] for row in database.execute_sql("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        problems += [f"SQLite integrity: {line}" for line in result[:20]]
    for table, rowid, parent, _ in database.execute_sql("PRAGMA foreign_key_check").fetchall()[:20]:
        problems.append(f"table {table} row {rowid}: points to a missing {parent}")
    version = database.execute_sql("PRAGMA user_version").fetchone()[0]
    if version != LATEST_VERSION:
        problems.append(f"schema version {version}, expected {LATEST_VERSION}")
    problems += _live_children_of_deleted_households()
    problems += _work_of_nobody()
    return problems


def _live_children_of_deleted_households() -> list[str]:
    rows = database.execute_sql(
        "SELECT count(*) FROM resident r JOIN household h ON h.uuid = r.household_id "
        "WHERE r.deleted = 0 AND h.deleted = 1"
    ).fetchone()[0]
    return [f"{rows} residents are still listed in removed households"] if rows else []


def _work_of_nobody() -> list[str]:
    """A visit or demand belongs to one household or one shop (models/records/work.py); a row typed into a
    workbook by hand can name neither, or both."""
    found = []
    for table, what in (("visit", "visits"), ("demand", "demands")):
        rows = database.execute_sql(
            f'SELECT count(*) FROM "{table}" WHERE deleted = 0 AND (household_id IS NULL) = (shop_id IS NULL)'
        ).fetchone()[0]
        if rows:
            found.append(f"{rows} {what} belong to no household or shop, or to both")
    return found
