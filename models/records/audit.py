"""The audit log: who changed what, where and when, for every record.

Entries are records themselves (they travel, so the office sees the history a
laptop wrote) but are never edited, so they never conflict.  ID numbers and
phones are stored as written: the log is data in the database, not a log file.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from peewee import BigIntegerField, TextField

from models.records.base import SyncedModel, on_change
from models.records.installation import Installation
from models.records.devices import known_devices
from models.records.versions import who_changed


class AuditEntry(SyncedModel):
    ACTIONS = ("create", "update", "delete", "restore")

    at_wall = TextField()
    user = TextField(default="")
    record_type = TextField()
    record_uuid = TextField(index=True)
    action = TextField()
    changes = TextField(default="{}")  # {column: [before, after]}
    at_hlc = BigIntegerField(default=0)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def describe_change(before: dict[str, Any] | None, after: dict[str, Any]) -> tuple[str, dict]:
    """The action and the changed columns between two contents of a record."""
    if before is None:
        return "create", {k: [None, _jsonable(v)] for k, v in after.items() if v not in (None, "")}
    changes = {
        key: [_jsonable(before.get(key)), _jsonable(value)]
        for key, value in after.items()
        if _jsonable(before.get(key)) != _jsonable(value)
    }
    action = "update"
    if "deleted" in changes:
        action = "delete" if after["deleted"] else "restore"
    return action, changes


def audit_change(record: SyncedModel, before: dict[str, Any] | None, installation: Installation) -> None:
    if isinstance(record, AuditEntry):
        return
    after = record.content() | {"deleted": record.deleted}
    action, changes = describe_change(before, after)
    if not changes and action == "update":
        return
    entry = AuditEntry(
        at_wall=dt.datetime.now().isoformat(timespec="seconds"),
        user=installation.user_name,
        record_type=record._meta.table_name,
        record_uuid=record.uuid,
        action=action,
        changes=json.dumps(changes, ensure_ascii=False, sort_keys=True),
        at_hlc=record.hlc,
    )
    entry.save(force_insert=True)


def history(record: SyncedModel) -> list[AuditEntry]:
    """A record's changes, oldest first."""
    return list(
        AuditEntry.select()
        .where(AuditEntry.record_uuid == record.uuid)
        .order_by(AuditEntry.at_hlc, AuditEntry.hlc)
    )


def last_change(record_uuid: str) -> tuple[str, str]:
    """Who last changed record `record_uuid` (the user's name, else the device's) and when (its wall time)."""
    entry = (AuditEntry.select().where(AuditEntry.record_uuid == record_uuid)
             .order_by(AuditEntry.at_hlc.desc(), AuditEntry.hlc.desc()).first())
    if entry is None:
        return "", ""
    device = known_devices().get(entry.device)
    place = device.name if device is not None else entry.device[:8]
    who = f"{entry.user} · {place}" if entry.user and place else entry.user or place
    return who, entry.at_wall.replace("T", " ")[:16]


on_change(audit_change)
who_changed.append(last_change)
