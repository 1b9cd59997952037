"""The records an operation acts on, read by id on the thread that runs it.

The window hands operations ids, never records it read on its own thread: a
record is read again where it is written, so the write sees the stored
version.  An id that names nothing (a record merged away meanwhile, a typo on
the command line) is refused with one line instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from desktop.operations.outcome import Outcome, Refused
from models.progress import Progress
from models.records.base import SyncedModel
from models.records.versions import over_version, refuse_if_stale

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


def saved_over(operation: Callable[..., Outcome], *, record: str | None, seen: str | None,
               checked_first: type | None = None) -> Callable[..., Outcome]:
    """`operation` (its arguments bound but progress) saving record `record` only over the version `seen` a form
    showed: run where the save runs (the window's worker), it raises `ChangedMeanwhile` (who, when) instead of
    overwriting someone else's save.  `seen` None: no check (a new record, or "keep mine").

    `checked_first` (the record's model): compared before the operation runs too, for operations whose rules
    look at the record before saving it (a demand's state), so the person hears "changed meanwhile"
    rather than a rule's refusal of a move they chose on an old page."""

    def run(progress: Progress | None = None) -> Outcome:
        if checked_first is not None:
            refuse_if_stale(checked_first, record, seen)
        with over_version(record, seen):
            return operation(progress=progress)

    return run
