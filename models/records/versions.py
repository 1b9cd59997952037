"""Saving a form over the version it showed: no lost update when two people edit one record at once.

Two office workstations on one PostgreSQL master (or two windows on one file)
open the same household; both save.  Without a check the later save silently
replaces the earlier one: both are stamped by the same office, so no merge
rule sees a conflict.  A form therefore remembers the stored version it was
opened with (`seen_version`), and its save runs `over_version(uuid, seen)`:
`SyncedModel.save` then locks the stored row inside its transaction
(``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the transaction already
holds the writer lock of every process on the file), compares, and refuses
with `ChangedMeanwhile` — who saved it and when — when it is not the one seen.
The person then reloads theirs or keeps their own (saved without the check,
and the history shows it replacing the other's values).

Why a context and not an argument of every operation: a form's save goes
through operations and domain rules that save several records (a household
with its building, a demand with its notes); only the record the form showed
is checked, wherever along that path it is saved.

Why a token of the whole stored row and not the clock alone: every workstation
on a master stamps with the same office's device, so two saves in the same
instant could carry the same clock; the token also covers what they wrote.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from models.storage.connection import on_postgres

_expected: ContextVar[dict[str, str]] = ContextVar("lianxin_expected_versions", default={})

# Who last changed a record and when, as (who, when): filled in by the audit log (`models.records.audit`).
who_changed: list[Callable[[str], tuple[str, str]]] = []


class ChangedMeanwhile(Exception):
    """The record was saved by someone else after the form was opened; nothing was written."""

    def __init__(self, record_type: str, uuid: str, who: str, when: str) -> None:
        self.record_type, self.uuid, self.who, self.when = record_type, uuid, who, when
        super().__init__(f"this record was changed meanwhile ({who or 'someone'}, {when or 'just now'}); "
                         "open it again, or save yours over it")


def version_token(record: Any) -> str:
    """The stored version of `record` (read whole) as a short token: its clock, device, versions and content."""
    content = {key: _plain(value) for key, value in record.content().items()}
    text = json.dumps([record.hlc, record.device, record.vv, bool(record.deleted), content],
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def seen_version(model, uuid: str | None) -> str | None:
    """The version of record `uuid` stored now: what a form opening it remembers (None: no such record)."""
    if not uuid:
        return None
    record = model.get_or_none(model.uuid == uuid)
    return None if record is None else version_token(record)


def shown_version(record: Any) -> str | None:
    """The version of `record` as a list read it for a form: from its own values when it was read whole, else
    (some columns left out) the version stored now."""
    if all(field.name in record.__data__ for field in record._meta.sorted_fields):
        return version_token(record)
    return seen_version(type(record), record.uuid)


@contextmanager
def over_version(uuid: str | None, seen: str | None) -> Iterator[None]:
    """Within this block, record `uuid` is saved only over the stored version `seen` (no check when None)."""
    if not uuid or seen is None:
        yield
        return
    token = _expected.set(_expected.get() | {uuid: seen})
    try:
        yield
    finally:
        _expected.reset(token)


def refuse_if_changed(record: Any) -> None:
    """Inside the save's transaction: lock the stored row of `record` and compare it with the version expected."""
    expected = _expected.get()
    seen = expected.get(record.uuid)
    if seen is None:
        return
    model = type(record)
    query = model.select().where(model.uuid == record.uuid)
    stored = (query.for_update() if on_postgres() else query).get_or_none()
    if stored is None or version_token(stored) == seen:
        # Checked, and the row is this transaction's now: the operation's further saves of it (a dispatch
        # to two units saves its demand twice) are its own, not someone else's.
        _expected.set({uuid: version for uuid, version in expected.items() if uuid != record.uuid})
        return
    who, when = who_changed[0](record.uuid) if who_changed else ("", "")
    raise ChangedMeanwhile(model._meta.table_name, record.uuid, who, when)


def refuse_if_stale(model, uuid: str | None, seen: str | None) -> None:
    """Before an operation decides anything on what a page showed (a demand's state): refused with
    `ChangedMeanwhile` when the stored record is no longer version `seen`.  Not locked — the save checks
    again under its lock — but it lets the person see the change before a rule refuses in other words."""
    if not uuid or seen is None:
        return
    now = seen_version(model, uuid)
    if now is not None and now != seen:
        who, when = who_changed[0](uuid) if who_changed else ("", "")
        raise ChangedMeanwhile(model._meta.table_name, uuid, who, when)


def _plain(value: Any) -> Any:
    """Values as both stores hand them back (a date or a number may come as text from one and not the other)."""
    return None if value is None else str(value)
