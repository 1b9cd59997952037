"""The records an operation acts on, read by id on the thread that runs it.

The window hands operations ids, never records it read on its own thread: a
record is read again where it is written, so the write sees the stored
version.  An id that names nothing (a record merged away meanwhile, a typo on
the command line) is refused with one line instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from desktop.operations.outcome import Refused
from models.records.base import SyncedModel

M = TypeVar("M", bound=SyncedModel)


def one(model: type[M], uuid: str | None, what: str) -> M:
    """The record of `model` with id `uuid` (removed ones too: the core refuses those with its own words)."""
    record = model.get_or_none(model.uuid == uuid) if uuid else None
    if record is None:
        raise Refused(f"no {what} with id {uuid!r}")
    return record


def each(model: type[M], uuids: Iterable[str], what: str) -> list[M]:
    """The records with ids `uuids`, in that order; refused if one of them names nothing."""
    uuids = list(uuids)
    found = {record.uuid: record for record in model.select().where(model.uuid.in_(uuids))} if uuids else {}
    missing = [uuid for uuid in uuids if uuid not in found]
    if missing:
        raise Refused(f"no {what} with id {missing[0]!r}")
    return [found[uuid] for uuid in uuids]
