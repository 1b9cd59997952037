"""Concurrent edits kept for a person: the list of records in conflict, their versions, and settling one.

A record in conflict shows one version (the deterministic winner) and keeps
the others; settling it writes the person's choice as an edit that has seen
every version, so the conflict disappears on every laptop it reaches
(`sync.exchange.settle_conflicts`).  The values a person typed are checked as a merge
checks a workbook's cells before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.operations.outcome import Changes, Outcome, Refused
from models.storage.connection import database
from models.progress import Progress
from sync.exchange import settle_conflicts as _conflicts
from sync.exchange.settle_conflicts import ConflictedRecord
from sync.exchange.format import LABEL_COLUMNS, SPECS, Column
from sync.exchange.values import CellProblem, stored_value

__all__ = ["Column", "ConflictRow", "ConflictedRecord", "checked_values", "conflict_keys", "conflict_row",
           "conflicted_record", "fields", "open_conflict_count", "settle", "shown"]

open_conflict_count = _conflicts.open_conflict_count
conflicted_record = _conflicts.conflicted_record
shown = _conflicts.shown


@dataclass(frozen=True)
class ConflictRow:
    """One line of the list of conflicts: what kind of record, which one, how many versions."""

    table: str
    uuid: str
    kind: str  # the record type's Chinese title
    label: str  # its name, address or description (the id if it has none)
    versions: int  # the version shown and those kept


def conflict_keys() -> list[tuple[str, str]]:
    """(table, id) of every record with an open conflict, the longest waiting first."""
    return list(database.execute_sql(
        "SELECT record_type, record_uuid FROM conflict WHERE status = 'open' GROUP BY record_type, record_uuid "
        "ORDER BY min(found_at), record_type, record_uuid"))


def conflict_row(table: str, uuid: str) -> ConflictRow:
    label_column = LABEL_COLUMNS.get(table, "uuid")
    row = database.execute_sql(f'SELECT "{label_column}" FROM "{table}" WHERE uuid = ?', (uuid,)).fetchone()
    versions = database.execute_sql(
        "SELECT count(*) FROM conflict WHERE record_type = ? AND record_uuid = ? AND status != 'resolved'",
        (table, uuid)).fetchone()[0]
    return ConflictRow(table, uuid, SPECS[table].title, str(row[0]) if row else uuid, versions + 1)


def fields(table: str) -> list[Column]:
    """The fields a person compares and edits, in the exchange workbook's order (each with its Chinese title)."""
    return list(SPECS[table].content)


def checked_values(table: str, texts: list[str]) -> dict[str, Any]:
    """The stored values of the texts of `fields(table)`, or `Refused` naming the first field that is wrong."""
    values = {}
    for column, text in zip(fields(table), texts):
        try:
            values[column.column] = stored_value(column, text)
        except CellProblem as problem:
            raise Refused(f"{column.title}: {problem}") from None
    return values


def settle(*, record: ConflictedRecord, values: dict[str, Any], progress: Progress | None = None) -> Outcome[str]:
    """Settle `record` (the versions the person compared) with `values`; the value is the record's id."""
    _conflicts.resolve(record, values)
    return Outcome(record.uuid, Changes.of("conflict", record.table))
