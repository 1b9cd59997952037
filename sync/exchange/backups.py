"""Copies of the database kept before each merge, rotated, and restorable.

A copy is made with SQLite's `VACUUM INTO`: a consistent snapshot even while
the database is open in WAL mode, and compact.  Copies live in a `backups`
folder beside the database, named after the database, the time and the reason.
Copies older than `KEEP_DAYS` are removed, but the newest `KEEP_AT_LEAST` are
always kept, so a laptop unused for a month still has its last copies.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from models.database import close_database, database_path, inspect_file, open_database, refuse_if_foreign
from models.db import database
from models.installation import Installation

FOLDER_NAME = "backups"
KEEP_DAYS = 14
KEEP_AT_LEAST = 5
STAMP_FORMAT = "%Y%m%d-%H%M%S"
NAME_PATTERN = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?-(?P<reason>[a-z-]+)\.db$")


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: dt.datetime
    reason: str
    size: int


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
    return sorted(found, key=lambda backup: (backup.made_at, backup.path.name), reverse=True)


def make_backup(reason: str, *, keep_days: int = KEEP_DAYS, now: dt.datetime | None = None) -> Backup:
    """Copy the open database into the backups folder, then drop copies past their time."""
    db_path = database_path()
    if db_path is None:
        raise RuntimeError("no database is open")
    now = now or dt.datetime.now()
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}-{now:{STAMP_FORMAT}}-{reason}.db"
    serial = 1
    while target.exists():
        serial += 1
        target = folder / f"{db_path.stem}-{now:{STAMP_FORMAT}}-{serial}-{reason}.db"
    database.execute_sql("VACUUM INTO ?", (str(target),))
    rotate(db_path, keep_days=keep_days, now=now)
    return Backup(target, now.replace(microsecond=0), reason, target.stat().st_size)


def rotate(db_path: Path, *, keep_days: int = KEEP_DAYS, now: dt.datetime | None = None) -> list[Path]:
    """Remove copies older than `keep_days`, keeping the newest KEEP_AT_LEAST whatever their age."""
    now = now or dt.datetime.now()
    removed = []
    for backup in list_backups(db_path)[KEEP_AT_LEAST:]:
        if now - backup.made_at > dt.timedelta(days=keep_days):
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def restore_backup(backup: Path, db_path: Path | None = None) -> Installation:
    """Put a copy back in place of the database (copying the current one first) and reopen it.

    The copy is checked before anything is replaced: a file that is not a
    Lianxin database of a version this program knows is refused (DatabaseRefused).
    """
    db_path = db_path or database_path()
    if db_path is None:
        raise RuntimeError("no database is open")
    refuse_if_foreign(backup, inspect_file(backup))
    make_backup("before-restore")
    close_database()
    staging = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(backup, staging)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(staging, db_path)
    return open_database(db_path)
