"""Copies of the database kept before a merge writes and before a restore, within a budget, and restorable.

A copy is made with SQLite's online backup API, a few hundred pages at a
time, from a connection of its own: a consistent snapshot even while the
database is open in WAL mode, with memory flat whatever the database's size
(`VACUUM INTO`, used before, held memory that grew with the database).  It
is written under a hidden name and renamed when whole, so a copy cut short
(a full disk, kill -9) is never listed or restored.

Copies live in a `backups` folder beside the database, named after the
database, the time and the reason.  The budget (`Budget`, kept in the
database's settings so the window and the command line agree) keeps the
newest copies, at most `copies` of them and at most `size_multiple` times the
database's size together; the newest copy is always kept.  Callers make a copy
only when something will be written: a merge asks for it just before its first
write (`merge_workbooks(before_writing=…)`), so a refused merge or one of files
merged before makes none.

A copy of an encrypted database is encrypted with the same passphrase
(`models.storage.cipher`): the backups folder on a lost laptop gives away no
more than the database itself.  It is a copy of the encrypted file's bytes
(`sync.exchange.file_copy`), same key and salt, whenever its log can be
checkpointed first: the backup API would decrypt and encrypt every page.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.database import (
    DatabaseRefused,
    close_database,
    database_path,
    inspect_file,
    open_database,
    refuse_if_foreign,
)
from models.storage import cipher
from models.storage.database_lock import locks_for
from models.storage.postgres_url import PostgresUrl, is_postgres
from sync.exchange import postgres_backups
from sync.exchange.backup_names import PARTIAL_SUFFIX, STAMP_FORMAT, name_pattern, unused_name
from sync.exchange.file_copy import copy_file_snapshot
from models.storage.connection import database
from models.records.installation import Installation, Setting

FOLDER_NAME = "backups"
NAME_PATTERN = name_pattern(".db")
PAGES_PER_STEP = 256  # 4 MB of 16 KB pages per step of the backup API
REASONS = {"merge": "before a merge", "before-restore": "before a restore", "damaged": "a damaged database set aside",
           "before-encrypt": "before encrypting (encrypted itself)"}


@dataclass(frozen=True)
class Budget:
    """How many copies to keep: the newest `copies`, together at most `size_multiple` × the database."""

    copies: int = 5
    size_multiple: float = 3.0

    KEYS = ("backup_copies", "backup_size_multiple")

    @classmethod
    def read(cls) -> "Budget":
        """The open database's budget (the defaults when none was chosen or no database is open)."""
        default = cls()
        if database.database is None or database.is_closed():
            return default
        try:
            copies = int(Setting.read(cls.KEYS[0], str(default.copies)))
            multiple = float(Setting.read(cls.KEYS[1], str(default.size_multiple)))
        except ValueError:
            return default
        return cls(max(1, copies), max(1.0, multiple))

    def save(self) -> None:
        Setting.write(self.KEYS[0], str(max(1, int(self.copies))))
        Setting.write(self.KEYS[1], f"{max(1.0, float(self.size_multiple)):g}")


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: dt.datetime
    reason: str
    size: int

    @property
    def why(self) -> str:
        return REASONS.get(self.reason, self.reason)


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / FOLDER_NAME


def list_backups(db_path: Path) -> list[Backup]:
    """The copies of this database, newest first."""
    folder = backup_folder(db_path)
    found = []
    for path in folder.glob(f"{db_path.stem}-*.db") if folder.is_dir() else ():
        match = NAME_PATTERN.match(path.name)
        if match and match["stem"] == db_path.stem:
            made_at = dt.datetime.strptime(match["stamp"], STAMP_FORMAT)
            found.append(Backup(path, made_at, match["reason"], path.stat().st_size))
    # Made in the same second: the later file is the newer copy.
    return sorted(found, key=lambda backup: (backup.made_at, backup.path.stat().st_mtime_ns, backup.path.name),
                  reverse=True)


def _target(db_path: Path, reason: str, now: dt.datetime) -> Path:
    return unused_name(backup_folder(db_path), db_path.stem, reason, now, ".db")


def copy_database(source: Path, target: Path, pages: int = PAGES_PER_STEP) -> None:
    """Copy the database at `source` to `target`; `target` appears only when whole.

    An encrypted database is copied as its file's bytes when its log can be checkpointed into the file
    (`sync.exchange.file_copy`: no page decrypted and encrypted again), otherwise with the backup API.
    """
    passphrase = passphrase_of(source)

    def copy(partial: Path) -> None:
        if passphrase and copy_file_snapshot(source, partial, passphrase):
            return
        reader = cipher.connect(source, passphrase, timeout=10)
        try:
            copy = cipher.connect(partial, passphrase)
            try:
                copy.execute("PRAGMA journal_mode = OFF")  # a new file renamed when whole needs no journal
                reader.backup(copy, pages=pages)
            finally:
                copy.close()
        finally:
            reader.close()

    write_whole(target, copy)


def write_whole(target: Path, write: Callable[[Path], None]) -> None:
    """`write(partial)` writes a hidden file beside `target`, synced and renamed to `target` only when whole:
    cut short (a full disk, kill -9), it is removed (or left hidden, never listed)."""
    partial = target.with_name(f".{target.name}{PARTIAL_SUFFIX}")
    partial.unlink(missing_ok=True)
    try:
        write(partial)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def passphrase_of(path: Path) -> str | None:
    """The passphrase a database file is read with: None for a plain one, this process's for an encrypted one."""
    return None if not Path(path).exists() or cipher.is_plain(path) else cipher.current_passphrase()


def make_backup(reason: str, *, db_path: Path | None = None, budget: Budget | None = None,
                now: dt.datetime | None = None) -> Backup:
    """Copy the database (the open one unless `db_path`) into its backups folder, then keep to the budget."""
    if is_postgres(db_path or database_path()):  # the office master: pg_dump (sync/exchange/postgres_backups.py)
        return postgres_backups.make_backup(PostgresUrl(db_path or database_path()), reason, now or dt.datetime.now(),
                                            Backup, budget or Budget.read())
    db_path = Path(db_path or database_path() or "")
    if not db_path.name:
        raise RuntimeError("no database is open")
    budget = budget or Budget.read()
    now = now or dt.datetime.now()
    _remove_partials(db_path)
    target = _target(db_path, reason, now)
    copy_database(db_path, target)
    rotate(db_path, budget)
    return Backup(target, now.replace(microsecond=0), reason, target.stat().st_size)


def _remove_partials(db_path: Path) -> None:
    """Copies cut short (a full disk, a killed process): whoever makes a copy holds the writer lock."""
    folder = backup_folder(db_path)
    for partial in folder.glob(f".{db_path.stem}-*{PARTIAL_SUFFIX}") if folder.is_dir() else ():
        partial.unlink(missing_ok=True)


def within_budget(backups: list[Backup], database_size: int, budget: Budget) -> tuple[list[Backup], list[Backup]]:
    """(kept, dropped) of `backups` (newest first): the newest always, then while count and total size allow."""
    kept, dropped, total = [], [], 0
    limit = budget.size_multiple * max(database_size, 1)
    for backup in backups:
        if not kept or (len(kept) < budget.copies and total + backup.size <= limit):
            kept.append(backup)
            total += backup.size
        else:
            dropped.append(backup)
    return kept, dropped


def database_size(db_path: Path, backups: list[Backup] | None = None) -> int:
    """The database's size for the budget: its file, or its newest copy if larger (most of a
    database in WAL mode may still be in its log, and a copy holds all of it)."""
    backups = list_backups(db_path) if backups is None else backups
    on_disk = db_path.stat().st_size if db_path.exists() else 0
    return max([on_disk] + [backup.size for backup in backups[:1]])


def rotate(db_path: Path, budget: Budget | None = None) -> list[Path]:
    """Remove the copies past the budget, oldest first; returns what was removed."""
    budget = budget or Budget.read()
    backups = list_backups(db_path)
    _, dropped = within_budget(backups, database_size(db_path, backups), budget)
    for backup in dropped:
        backup.path.unlink(missing_ok=True)
    return [backup.path for backup in dropped]


def check_copy(backup: Path) -> None:
    """Refuse (DatabaseRefused) a file that is not a sound Lianxin database this version can open."""
    backup = Path(backup)
    if backup.is_dir():
        raise DatabaseRefused(f"{backup}: is a folder, not a backup copy")
    if not backup.exists():
        raise DatabaseRefused(f"{backup}: no such file")
    facts = inspect_file(backup)
    if facts is None or not facts.ours:
        raise DatabaseRefused(f"{backup}: not a Lianxin database; choose one of the copies `lianxin backups` lists")
    refuse_if_foreign(backup, facts)
    probe = cipher.connect(backup, passphrase_of(backup), immutable=True)
    try:
        verdict = probe.execute("PRAGMA quick_check").fetchone()[0]
    except cipher.DATABASE_ERRORS as error:
        verdict = str(error)
    finally:
        probe.close()
    if verdict != "ok":
        raise DatabaseRefused(f"{backup}: a damaged copy ({verdict}); choose another")


@dataclass(frozen=True)
class Restored:
    installation: Installation
    kept: Backup | None  # the database as it was before, copied first (None: there was none)


def restore(backup: Path, db_path: Path | None = None) -> Restored:
    """Put a copy back in place of the database, keeping a copy of the present one first, and open it.

    The copy is checked first (`check_copy`).  The database must be open in no
    other process (`DatabaseInUse`, from `models.storage.database_lock`): replacing
    the file under another program's connection lost a whole merge once.  A
    present database that cannot be read is copied aside byte for byte; a file
    of another program in its place is refused.
    """
    backup = Path(backup)
    if is_postgres(db_path or database_path()):  # the office master: pg_restore (sync/exchange/postgres_backups.py)
        url = PostgresUrl(db_path or database_path())
        installation, kept = postgres_backups.restore(
            url, backup, lambda: make_backup("before-restore", db_path=url, budget=Budget.read()))
        return Restored(installation, kept)
    db_path = Path(db_path or database_path() or "")
    if not db_path.name:
        raise RuntimeError("no database is open")
    check_copy(backup)
    if db_path.exists() and db_path.resolve() == backup.resolve():
        raise DatabaseRefused(f"{backup}: is the database itself, not a copy of it")
    budget = Budget.read()
    with locks_for(db_path).alone("restore"):
        kept = _keep_present(db_path, budget)
        close_database()
        _replace(db_path, backup)
        installation = open_database(db_path)
    return Restored(installation, kept)


def restore_backup(backup: Path, db_path: Path | None = None) -> Installation:
    """`restore`, for callers that need only the reopened installation."""
    return restore(backup, db_path).installation


def _keep_present(db_path: Path, budget: Budget) -> Backup | None:
    """Copy the database about to be replaced; None if there is none (or only an empty file)."""
    if not db_path.exists() or (db_path.stat().st_size == 0 and not Path(f"{db_path}-wal").exists()):
        return None
    try:
        facts = inspect_file(db_path)
    except DatabaseRefused as refusal:
        if "damaged" not in str(refusal):
            raise DatabaseRefused(f"{refusal}; it is not replaced") from None
        return _set_aside(db_path)
    if facts is not None and not facts.ours and facts.has_tables:
        raise DatabaseRefused(f"{db_path}: an SQLite file of another program, not a Lianxin database; it is not replaced")
    try:
        kept = make_backup("before-restore", db_path=db_path, budget=budget)
    except cipher.DATABASE_ERRORS:
        return _set_aside(db_path)
    # Its file alone may not have said what it is (a database in WAL mode keeps its latest pages in its log):
    # the copy, made through the log, does.
    copied = inspect_file(kept.path)
    if copied is None or (not copied.ours and not copied.has_tables):
        kept.path.unlink(missing_ok=True)  # an empty file: nothing to keep
        return None
    return kept


def _set_aside(db_path: Path) -> Backup:
    """A database SQLite cannot read: set its file (and its log) aside as they are."""
    now = dt.datetime.now()
    target = _target(db_path, "damaged", now)
    shutil.copyfile(db_path, target)
    side = Path(f"{db_path}-wal")
    if side.exists():
        shutil.copyfile(side, Path(f"{target}-wal"))
    return Backup(target, now.replace(microsecond=0), "damaged", target.stat().st_size)


def _replace(db_path: Path, backup: Path) -> None:
    """Swap the file in at once (os.replace): killed at any moment, the database is the old or the new one."""
    staging = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(backup, staging)
    with staging.open("rb+") as handle:
        os.fsync(handle.fileno())
    # The present database was copied (its log read through) and every connection to it is closed:
    # what is left of its log belongs to the old file, not to the one coming in.
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(staging, db_path)
