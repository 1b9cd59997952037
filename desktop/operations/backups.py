"""The copies kept of the database: list them (with the budget they are kept within), restore one.

Copies are made by the operations that need them (a merge, a restore); here a
person looks at them and puts one back.  A restore replaces the database file,
so it needs the database to itself: every connection of this process is closed
while the file is swapped, and another program's open database refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.operations.outcome import Changes, Outcome
from models.database import DatabaseRefused, database_path, open_database, refuse_if_missing
from models.progress import Progress
from models.storage.postgres_url import PostgresUrl, is_postgres
from sync.exchange.backups import Backup, Budget, Restored, database_size, list_backups, restore, within_budget

__all__ = ["Backup", "BackupList", "Budget", "backups", "restore_backup", "save_budget"]


@dataclass(frozen=True)
class BackupList:
    """The copies, newest first, and the budget: how many copies are kept and how much room they may take."""

    copies: list[Backup]
    budget: Budget
    database_size: int
    kept: list[Backup]  # those within the budget; the others go at the next copy
    note: str = ""  # why the database's own budget could not be read (a damaged database)


def backups(*, db_path: str | Path | None = None, progress: Progress | None = None) -> Outcome[BackupList]:
    """The copies of the open database, or of the one at `db_path`, which is opened for its budget.

    A database that cannot be opened still has its copies listed, with the
    default budget and a note that says why: that is when they are needed.
    """
    note = ""
    if is_postgres(db_path if db_path is not None else database_path()):
        return _postgres_backups(PostgresUrl(db_path if db_path is not None else database_path()))
    if db_path is None:
        db_path, budget = database_path(), Budget.read()
    else:
        db_path = Path(db_path)
        refuse_if_missing(db_path)
        try:
            open_database(db_path, create=False)
            budget = Budget.read()
        except DatabaseRefused as refusal:
            note, budget = str(refusal), Budget()
    copies = list_backups(db_path) if db_path else []
    size = database_size(db_path, copies) if db_path else 0
    kept, _ = within_budget(copies, size, budget)
    return Outcome(BackupList(copies, budget, size, kept, note))


def _postgres_backups(url: PostgresUrl) -> Outcome[BackupList]:
    """The pg_dump copies of an office master kept on this computer (sync/exchange/postgres_backups.py)."""
    from sync.exchange import postgres_backups

    open_database(url, create=False)
    budget = Budget.read()
    copies = postgres_backups.list_backups(url, Backup)
    size = max([copy.size for copy in copies[:1]] or [0])  # the newest archive: what one more copy will take
    kept, _ = within_budget(copies, size, budget)
    return Outcome(BackupList(copies, budget, size, kept))


def restore_backup(*, backup: str | Path, db_path: str | Path | None = None,
                   progress: Progress | None = None) -> Outcome[Restored]:
    """Put the copy `backup` back in place of the database (the open one unless `db_path`), and open it.

    The copy is checked first and the present database copied first; the value
    says where that copy went and carries the reopened installation.  Refused
    (`DatabaseRefused`, `DatabaseLockError`) with nothing changed when the copy
    is not sound or another program has the database open.
    """
    if is_postgres(db_path):
        return Outcome(restore(Path(backup), db_path), Changes.everything())
    restored = restore(Path(backup), Path(db_path) if db_path is not None else None)
    return Outcome(restored, Changes.everything())


def save_budget(*, copies: int, size_multiple: float, progress: Progress | None = None) -> Outcome[Budget]:
    """Keep the newest `copies` copies, together at most `size_multiple` × the database (the next copy prunes)."""
    budget = Budget(copies, size_multiple)
    budget.save()
    return Outcome(Budget.read())
