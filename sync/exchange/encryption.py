"""Encrypting a plain database in place, and changing an encrypted one's passphrase; the copies follow.

A laptop's database made before encryption existed is plain: `encrypt_database`
writes an encrypted copy beside it (into the backups folder, as the copy kept
"before encrypting"), checks that copy (SQLite's quick check, and every table
holds as many rows as in the plain file), and only then swaps it in place of
the plain file at once (a process killed at any moment leaves the plain
database or the encrypted one).  The plain copies already in the backups folder
are encrypted too: a backups folder that kept them would give away what the
database no longer does.

`change_passphrase` re-encrypts the database under a new passphrase (SQLCipher's
rekey) and the copies that the old one opens, so a copy is always restorable
with the passphrase in use.  Both need the database to themselves, as a restore
does (`models.storage.database_lock`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from models.database import DatabaseRefused, close_database, inspect_file, open_database, refuse_if_foreign
from models.records.installation import Installation
from models.storage import cipher
from models.storage.database_lock import locks_for
from sync.exchange.backups import Backup, _replace, _target, list_backups, write_whole

MIN_LENGTH = 8


@dataclass(frozen=True)
class Encrypted:
    installation: Installation
    kept: Backup  # the encrypted copy made first, checked, then put in place
    copies: int  # plain copies in the backups folder encrypted as well


def passphrase_problem(passphrase: str | None) -> str | None:
    """Why a passphrase cannot protect a database, or None; forgotten, it cannot be recovered, so it is chosen with care."""
    if not passphrase:
        return "no passphrase given"
    if len(passphrase) < MIN_LENGTH:
        return f"a passphrase needs at least {MIN_LENGTH} characters"
    if passphrase.strip() != passphrase:
        return "a passphrase cannot start or end with a space"
    return None


def encrypt_database(db_path: Path, passphrase: str) -> Encrypted:
    """Encrypt the plain database at `db_path` with `passphrase`, after an encrypted, checked copy; reopen it."""
    db_path = Path(db_path)
    problem = passphrase_problem(passphrase)
    if problem:
        raise DatabaseRefused(f"{db_path}: {problem}; nothing was changed")
    facts = inspect_file(db_path)  # (its marks may still be in its log: `refuse_if_foreign` allows for that)
    if facts is None:
        raise DatabaseRefused(f"{db_path}: no Lianxin database to encrypt; nothing was changed")
    refuse_if_foreign(db_path, facts)
    if facts.encrypted:
        raise DatabaseRefused(f"{db_path}: already encrypted; change its passphrase instead (lianxin passphrase)")
    with locks_for(db_path).alone("encrypt"):
        close_database()
        now = dt.datetime.now()
        kept = Backup(_target(db_path, "before-encrypt", now), now.replace(microsecond=0), "before-encrypt", 0)
        try:
            _encrypted_copy(db_path, kept.path, passphrase)
        except BaseException:
            open_database(db_path)  # as it was, plain
            raise
        kept = replace(kept, size=kept.path.stat().st_size)
        _replace(db_path, kept.path)
        copies = 0
        for backup in list_backups(db_path):
            if backup.path != kept.path and cipher.is_plain(backup.path):
                _encrypted_copy(backup.path, backup.path, passphrase)
                copies += 1
        cipher.use_passphrase(passphrase)
        installation = open_database(db_path)
    return Encrypted(installation, kept, copies)


def change_passphrase(db_path: Path, old: str, new: str) -> tuple[Installation, int]:
    """Re-encrypt the database at `db_path` (and the copies `old` opens) under `new`; reopen it.

    Returns the reopened installation and how many copies were re-encrypted.
    """
    db_path = Path(db_path)
    problem = passphrase_problem(new)
    if problem:
        raise DatabaseRefused(f"{db_path}: {problem}; nothing was changed")
    facts = inspect_file(db_path, old)  # refuses a wrong old passphrase, the file untouched
    if facts is None or not facts.encrypted:
        raise DatabaseRefused(f"{db_path}: not an encrypted database; encrypt it first (lianxin encrypt)")
    with locks_for(db_path).alone("passphrase"):
        close_database()
        _rekey(db_path, old, new)
        copies = 0
        for backup in list_backups(db_path):
            if not cipher.is_plain(backup.path) and cipher.opens_with(backup.path, old):
                _rekey(backup.path, old, new)
                copies += 1
        cipher.use_passphrase(new)
        installation = open_database(db_path)
    return installation, copies


def _rekey(path: Path, old: str, new: str) -> None:
    connection = cipher.connect(path, old, isolation_level=None)
    try:
        cipher.rekey(connection, new)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # nothing left in the log under the old key
    finally:
        connection.close()


def _encrypted_copy(source: Path, target: Path, passphrase: str) -> None:
    """Write the plain `source` encrypted to `target`, checked before it appears under that name."""
    def export(partial: Path) -> None:
        cipher.export_encrypted(source, partial, passphrase)
        _check_same(source, partial, passphrase)

    write_whole(target, export)


def _check_same(plain: Path, encrypted: Path, passphrase: str) -> None:
    """Refuse an encrypted copy that SQLite finds damaged or that lacks a row of the plain file."""
    reader = cipher.connect(plain, None)
    copy = cipher.connect(encrypted, passphrase)
    try:
        verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise DatabaseRefused(f"{plain}: its encrypted copy failed the check ({verdict}); nothing was changed")
        tables = [name for (name,) in reader.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            query = f'SELECT count(*) FROM "{table}"'
            if reader.execute(query).fetchone()[0] != copy.execute(query).fetchone()[0]:
                raise DatabaseRefused(f"{plain}: its encrypted copy lacks rows of {table}; nothing was changed")
    finally:
        copy.close()
        reader.close()
