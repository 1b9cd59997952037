"""Reviewing and settling conflicts: the versions of a record side by side, and a choice that travels.

A record in conflict has the version its table shows (the deterministic winner)
and one or more kept versions.  Settling it is an ordinary edit whose version
vector has seen every one of them (`join_vectors` of all heads), made through
`record.save()`, so it is audited, dominates every head on every laptop it
reaches, and the conflict disappears there too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from models.records.clock import dumps_vector
from models.storage.connection import database
from models.schema import MODEL_BY_TABLE
from sync.exchange.format import NO, SPECS, YES, Column
from sync.exchange.versions import join_vectors, parse_vector

OPEN = "open"


@dataclass(frozen=True)
class Side:
    """One version of the record: where it was made, when, and its stored values."""

    device: str
    hlc: int
    vv: str
    values: dict[str, Any]
    current: bool  # the version the table shows


@dataclass(frozen=True)
class ConflictedRecord:
    table: str
    uuid: str
    sides: list[Side]  # the table's version first

    @property
    def title(self) -> str:
        return SPECS[self.table].title

    def differing_columns(self) -> list[Column]:
        """The content columns on which the versions disagree."""
        return [column for column in SPECS[self.table].content
                if len({json.dumps(side.values.get(column.column), sort_keys=True) for side in self.sides}) > 1]


def shown(column: Column, value: Any) -> str:
    """A stored value as a person reads it in the conflicts screen."""
    if value is None:
        return ""
    if column.kind == "bool":
        return YES if value else NO
    if column.kind == "choice":
        return column.choices.get(value, str(value))
    if column.kind == "words":
        return " ".join(column.choices.get(word, word) for word in str(value).split())
    return str(value)


def open_conflict_count() -> int:
    return database.execute_sql("SELECT count(*) FROM conflict WHERE status = ?", (OPEN,)).fetchone()[0]


def conflicted_records(limit: int | None = None) -> list[ConflictedRecord]:
    """Records with open conflicts, oldest finding first."""
    sql = ("SELECT record_type, record_uuid FROM conflict WHERE status = ? GROUP BY record_type, record_uuid "
           "ORDER BY min(found_at), record_type, record_uuid")
    rows = database.execute_sql(sql + (f" LIMIT {int(limit)}" if limit else ""), (OPEN,)).fetchall()
    return [conflicted_record(table, uuid) for table, uuid in rows]


def conflicted_record(table: str, uuid: str) -> ConflictedRecord:
    spec = SPECS[table]
    columns = spec.db_columns
    quoted = ", ".join(f'"{column}"' for column in columns)
    device, hlc, vv, *values = database.execute_sql(f'SELECT device, hlc, vv, {quoted} FROM "{table}" WHERE uuid = ?',
                                                    (uuid,)).fetchone()
    sides = [Side(device, hlc, vv, dict(zip(columns, values)), True)]
    for device, hlc, vv, payload in database.execute_sql(
        "SELECT device, hlc, vv, payload FROM conflict WHERE record_type = ? AND record_uuid = ? AND status != 'resolved' "
        "ORDER BY hlc DESC, device DESC", (table, uuid)
    ):
        sides.append(Side(device, hlc, vv, json.loads(payload), False))
    return ConflictedRecord(table, uuid, sides)


def resolve(record: ConflictedRecord, values: dict[str, Any]) -> None:
    """Settle a conflict with `values` (stored values by column; missing columns keep the table's).

    The new version has seen every head, so it replaces them all here and wherever it travels.
    """
    model = MODEL_BY_TABLE[record.table]
    fields = {field.column_name: field for field in model._meta.sorted_fields}
    with database.atomic():
        instance = model.get_by_id(record.uuid)
        for column, value in values.items():
            if column == "deleted":
                instance.deleted = bool(value)
            else:
                instance.__data__[fields[column].name] = value
        instance.vv = dumps_vector(join_vectors([parse_vector(side.vv) for side in record.sides]))
        instance.save()
        database.execute_sql(
            "UPDATE conflict SET status = 'resolved' WHERE record_type = ? AND record_uuid = ? AND status != 'resolved'",
            (record.table, record.uuid))
