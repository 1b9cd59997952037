"""The database encrypted at rest: SQLCipher connections keyed by the passphrase this process was given.

A field laptop holds a whole community's names, ID numbers and the demands
people raised; a lost laptop must give none of it away.  An encrypted database
is an SQLCipher file (AES-256, the key derived from the passphrase with
PBKDF2-SHA512, SQLCipher 4's defaults): every page, and every page in its
write-ahead log, is written encrypted, and the file starts with a random salt
instead of SQLite's header, so no tool reads it without the passphrase.

Every connection to such a file goes through `connect` (the models' own,
the backup copies, the read-only probe), so the key and the page size are set
the same way everywhere: a file keyed one way and read another would look
damaged.  The passphrase is held here, in memory only, for the process: the
command line takes it from LIANXIN_PASSPHRASE, the window asks for it.  A
process given none opens plain databases as before (scripts and tests).
"""

from __future__ import annotations

import sqlite3
import functools
import hashlib
import os
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

PASSPHRASE_VARIABLE = "LIANXIN_PASSPHRASE"
SQLITE_HEADER = b"SQLite format 3\x00"
# As the plain database's 16 KB pages (models.database.PRAGMAS): SQLCipher needs it on every connection, first.
CIPHER_PAGE_SIZE = 16_384
# SQLCipher 4's key derivation, done here once per passphrase and file (`_raw_key`) instead of by SQLCipher on
# every connection: a tenth of a second to a second each on a busy laptop, and the window opens one per job.
KDF_ITERATIONS = 256_000
SALT_BYTES = 16
DATABASE_ERRORS = (sqlite3.DatabaseError, sqlcipher.DatabaseError)  # the two drivers' errors share no class

_passphrase: str | None = None


def use_passphrase(passphrase: str | None) -> None:
    """The passphrase this process opens (and creates) databases with; None or "" for plain ones."""
    global _passphrase
    _passphrase = passphrase or None


def current_passphrase() -> str | None:
    return _passphrase


def _literal(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def apply_key(connection, passphrase: str, schema: str = "") -> None:
    """Key a fresh connection (or an attached `schema`) with the passphrase: before anything reads or writes."""
    prefix = f"{schema}." if schema else ""
    connection.execute(f"PRAGMA {prefix}key = {_literal(passphrase)}")
    connection.execute(f"PRAGMA {prefix}cipher_page_size = {CIPHER_PAGE_SIZE}")


@functools.lru_cache(maxsize=8)
def _raw_key(passphrase: str, salt: bytes) -> str:
    """The key SQLCipher derives from `passphrase` and the file's salt (PBKDF2-HMAC-SHA512), with the salt, as a
    raw key: a file keyed so opens with the passphrase in any SQLCipher 4, and the derivation is done once."""
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    return f"\"x'{key.hex()}{salt.hex()}'\""


def _salt_of(path: Path) -> bytes:
    """The salt an SQLCipher file starts with; a new one for a file not written yet."""
    try:
        with path.open("rb") as handle:
            salt = handle.read(SALT_BYTES)
    except OSError:
        salt = b""
    if len(salt) == SALT_BYTES and salt != SQLITE_HEADER:
        return salt
    return os.urandom(SALT_BYTES)


def connect(path: str | Path, passphrase: str | None, *, immutable: bool = False, read_only: bool = False, **kwargs):
    """A connection to the database at `path` keyed with `passphrase` (Python's own sqlite3 when None, as before
    encryption); `immutable`: read without locks or a file beside it (SQLite's immutable=1); `read_only`: read
    with SQLite's locks, through the write-ahead log (mode=ro)."""
    path = Path(path)
    target = str(path)
    if immutable or read_only:
        target = f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"
        kwargs["uri"] = True
    if not passphrase:
        return sqlite3.connect(target, **kwargs)
    connection = sqlcipher.connect(target, **kwargs)
    if passphrase:
        try:
            connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong passphrase: our one line, not SQLCipher's three
            connection.execute(f"PRAGMA key = {_raw_key(passphrase, _salt_of(path))}")
            connection.execute(f"PRAGMA cipher_page_size = {CIPHER_PAGE_SIZE}")
        except BaseException:
            connection.close()
            raise
    return connection


def is_plain(path: Path) -> bool:
    """Whether the file starts with SQLite's own header (an SQLCipher file starts with its random salt)."""
    with Path(path).open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def looks_encrypted(path: Path) -> bool:
    """Whether a file without SQLite's header may be an SQLCipher database: whole pages (a multiple of 512
    bytes).  A spreadsheet or a text file picked by mistake is then refused as foreign, not asked a passphrase for."""
    size = Path(path).stat().st_size
    return size >= 512 and size % 512 == 0 and not is_plain(path)


def has_log(path: Path) -> bool:
    """Whether a write-ahead log with frames lies beside the file: a process ended in the middle of writing
    (killed, the power gone), perhaps while copying the log into the file.  The file alone may then be torn, and
    only a read through the log sees the database as it is (SQLite puts it right on the next write)."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def opens_with(path: Path, passphrase: str) -> bool:
    """Whether `passphrase` opens the encrypted file at `path`, read without changing it or leaving a file beside it
    (read through the log when one is beside it and the file alone does not open: see `has_log`)."""
    for immutable in (True, False) if has_log(path) else (True,):
        try:
            probe = connect(path, passphrase, immutable=immutable, read_only=not immutable)
            try:
                probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                probe.close()
            return True
        except sqlcipher.DatabaseError:
            continue
    return False


def rekey(connection, new_passphrase: str) -> None:
    """Re-encrypt every page of the open, encrypted database under `new_passphrase` (SQLCipher's rekey)."""
    connection.execute(f"PRAGMA rekey = {_literal(new_passphrase)}")


def export_encrypted(source: Path, target: Path, passphrase: str, *, source_passphrase: str | None = None) -> None:
    """Write the whole database at `source` as a new encrypted file `target` (SQLCipher's export).

    The export copies tables, indexes, triggers and rows but not the header's
    marks, so the schema version and the application id are copied after it.
    """
    connection = sqlcipher.connect(str(source), isolation_level=None)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        if source_passphrase:
            apply_key(connection, source_passphrase)
        connection.execute(f"ATTACH DATABASE {_literal(str(target))} AS encrypted KEY {_literal(passphrase)}")
        connection.execute(f"PRAGMA encrypted.cipher_page_size = {CIPHER_PAGE_SIZE}")
        connection.execute("SELECT sqlcipher_export('encrypted')")
        for mark in ("user_version", "application_id"):
            value = int(connection.execute(f"PRAGMA main.{mark}").fetchone()[0])
            connection.execute(f"PRAGMA encrypted.{mark} = {value}")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
