"""The database's passphrase: encrypt a plain database in place, change an encrypted one's passphrase.

Both replace what is on disk, so both need the database to themselves (as a
restore does) and reopen it afterwards; the window and the command line share them.
"""

from __future__ import annotations

from pathlib import Path

from desktop.operations.outcome import Changes, Outcome
from models.database import database_path
from models.progress import Progress
from sync.exchange.encryption import Encrypted, change_passphrase as _change_passphrase, encrypt_database as _encrypt
from sync.exchange.encryption import passphrase_problem

__all__ = ["Encrypted", "change_passphrase", "encrypt_database", "passphrase_problem"]


def _path(db_path: str | Path | None) -> Path:
    path = Path(db_path) if db_path is not None else database_path()
    if path is None:
        raise RuntimeError("no database is open")
    return path


def encrypt_database(*, passphrase: str, db_path: str | Path | None = None,
                     progress: Progress | None = None) -> Outcome[Encrypted]:
    """Encrypt the plain database (the open one unless `db_path`) with `passphrase`; its plain copies too."""
    return Outcome(_encrypt(_path(db_path), passphrase), Changes.everything())


def change_passphrase(*, old: str, new: str, db_path: str | Path | None = None,
                      progress: Progress | None = None) -> Outcome[int]:
    """Re-encrypt the database (and the copies the old passphrase opens) under `new`; the value: copies re-encrypted."""
    _, copies = _change_passphrase(_path(db_path), old, new)
    return Outcome(copies, Changes.everything())
