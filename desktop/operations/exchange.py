"""Exchange workbooks, the only way data travels: export one, merge several, save a merge's receipt.

A merge keeps a copy of the database just before its first write (so a merge
that writes nothing makes none) and holds the writer lock for its whole run:
another program's writer waits for it instead of interleaving.  An export reads
one snapshot and takes no writer lock: merges elsewhere neither wait for it
nor show half in it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path

from desktop import __version__
from desktop.operations.outcome import NOTHING, Changes, Outcome
from models.database import database_path
from models.storage.database_lock import locks_for, reading
from models.records.installation import Installation, current_installation
from models.progress import Progress
from models.scope import Scope
from sync.exchange.backups import Backup, make_backup
from sync.exchange.merge import MergeStopped, merge_workbooks
from sync.exchange.receipts import FileReceipt
from sync.exchange.receipts import save_receipt as _save_receipt
from sync.exchange.writer import ExportError, ExportSummary, export_workbook

__all__ = ["ExportError", "ExportSummary", "FileReceipt", "MergeStopped", "changes_of", "export", "merge",
           "merged_now", "save_receipt"]

WINDOW_MERGE = "merge (window)"  # how the lock file names a merge of the window, for whoever waits for it


def export(
    *,
    path: str | Path,
    scope: Scope = Scope(),
    installation: Installation | None = None,
    progress: Progress | None = None,
    password: str | None = None,
) -> Outcome[ExportSummary]:
    """Write the exchange workbook of `scope` (default: everything) to `path`, encrypted with `password` when
    given; changes nothing here."""
    with reading():  # its snapshot transaction only reads: no writer waits for it
        summary = export_workbook(Path(path), scope, installation=installation or current_installation(),
                                  app_version=__version__, progress=progress, password=password)
    return Outcome(summary)


def merged_now(receipt: FileReceipt) -> bool:
    """The file was merged by this merge (not refused, not recognised as merged before)."""
    return receipt.accepted and not receipt.recognised


def changes_of(receipts: Sequence[FileReceipt]) -> Changes:
    """Anything may have changed if one file was merged now; nothing if all were refused or merged before."""
    return Changes.everything() if any(merged_now(receipt) for receipt in receipts) else NOTHING


def merge(
    *,
    files: Sequence[str | Path],
    installation: Installation | None = None,
    holder: str = "merge",
    on_backup: Callable[[Backup], object] | None = None,
    progress: Progress | None = None,
) -> Outcome[list[FileReceipt]]:
    """Merge exchange workbooks, each whole or not at all; the value is one receipt per file.

    A copy of the database is kept just before the first write (`on_backup` is
    told of it at once).  `holder` names this merge in the writer lock's file.
    Raises `MergeStopped` when an error stopped it after some files were kept
    (their changes: `changes_of(stop.kept)`).
    """
    def keep_a_copy() -> None:
        backup = make_backup("merge")
        if on_backup is not None:
            on_backup(backup)

    locks = locks_for(database_path())
    with locks.writing(holder) if locks is not None else nullcontext():
        receipts = merge_workbooks([Path(file) for file in files], installation=installation or current_installation(),
                                   progress=progress, before_writing=keep_a_copy)
    return Outcome(receipts, changes_of(receipts))


def save_receipt(*, path: str | Path, receipts: Sequence[FileReceipt], progress: Progress | None = None) -> Outcome[Path]:
    """Save a merge's receipts as a workbook (one row per file); changes nothing in the database."""
    _save_receipt(Path(path), list(receipts))
    return Outcome(Path(path))
