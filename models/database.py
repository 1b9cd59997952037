"""Opening a Lianxin database: refuse what is not ours, migrate, load this installation.

A file is examined read-only before anything writes to it, so a spreadsheet
someone picked by mistake, another program's SQLite file, or a database from a
newer Lianxin is refused with a clear message and left byte-for-byte untouched.
So is an encrypted database opened without its passphrase, or with a wrong
one (`models.storage.cipher`); given one, a new database is created encrypted.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError, OperationalError

from models.storage import cipher, database_lock
from models import schema  # noqa: F401  (binds every model and the audit log)
from models.storage.connection import database, on_postgres
from models.storage.postgres_url import is_postgres
from models.records.installation import Installation, set_current_installation
from models.migrations import LATEST_VERSION, migrate

# PRAGMA application_id marks the file as ours: "LXIN".
APPLICATION_ID = 0x4C58494E

# page_size first: it takes effect only on a new, empty file, before journal_mode
# writes the file's header.  16 KB pages instead of SQLite's 4 KB: a district's
# roster import writes a registry and search index of hundreds of megabytes, and
# with bigger pages inserting them and committing costs less CPU, the commit's
# copy of the log into the file about half as long (README, "Measured").  An
# existing file keeps its page size, and so do its backup copies (SQLite's
# backup API copies pages as they are).
PRAGMAS = {
    "page_size": 16_384,
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "synchronous": "normal",
    "cache_size": -64_000,
    "temp_store": "memory",
}


class DatabaseRefused(Exception):
    """The file cannot be opened as a Lianxin database; the message says why and what to do."""


@dataclass(frozen=True)
class FileFacts:
    application_id: int
    schema_version: int
    has_tables: bool
    encrypted: bool = False

    @property
    def ours(self) -> bool:
        return self.application_id == APPLICATION_ID


def inspect_file(path: Path, passphrase: str | None = None) -> FileFacts | None:
    """What an existing file is, read without changing it or leaving anything beside it; None if absent or empty.

    SQLite opens it with `immutable=1`: no locks, no journal, no -wal or -shm
    files created (`mode=ro` creates both beside a file in WAL mode).  What a
    Lianxin database's write-ahead log holds but its file does not yet is not
    seen here; `open_database` checks the schema version again once it is open.
    A file that does not read alone while a log lies beside it (a process killed
    while copying its log into the file) is read again through the log.
    A file without SQLite's header is read as an encrypted one with
    `passphrase` (this process's when None); refused without one or when it does not open it.
    """
    if path.is_dir():
        raise DatabaseRefused(f"{path}: is a folder, not a database file; give the database file inside it")
    try:
        if not path.exists() or path.stat().st_size == 0:
            return None
        plain = cipher.is_plain(path)
    except OSError as error:
        raise DatabaseRefused(f"{path}: cannot be read ({error.strerror or error})") from None
    passphrase = None if plain else (passphrase or cipher.current_passphrase())
    if not plain:
        if not cipher.looks_encrypted(path):
            raise DatabaseRefused(f"{path}: not a Lianxin database (not an SQLite file); choose another file")
        if passphrase is None:
            raise DatabaseRefused(f"{path}: not a Lianxin database (not an SQLite file), or an encrypted one: give "
                                  f"its passphrase ({cipher.PASSPHRASE_VARIABLE}); nothing was changed")
        if not cipher.opens_with(path, passphrase):
            raise DatabaseRefused(f"{path}: wrong passphrase, or not a Lianxin database; nothing was changed")
    try:
        application_id, version, tables = _read_facts(path, passphrase, immutable=True)
    except cipher.DATABASE_ERRORS as error:
        if not cipher.has_log(path):
            raise DatabaseRefused(f"{path}: damaged or unreadable database ({error})") from error
        # Killed while copying its log into the file: the file alone is torn, the file and its log are whole.
        try:
            application_id, version, tables = _read_facts(path, passphrase, immutable=False)
        except cipher.DATABASE_ERRORS as error:
            raise DatabaseRefused(f"{path}: damaged or unreadable database ({error})") from error
    return FileFacts(application_id, version, tables > 0, encrypted=not plain)


def _read_facts(path: Path, passphrase: str | None, *, immutable: bool) -> tuple[int, int, int]:
    """The file's application id, schema version and number of tables: from the file alone (`immutable`), or
    read-only through its write-ahead log."""
    probe = cipher.connect(path, passphrase, immutable=immutable, read_only=not immutable)
    try:
        return (probe.execute("PRAGMA application_id").fetchone()[0],
                probe.execute("PRAGMA user_version").fetchone()[0],
                probe.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0])
    finally:
        probe.close()


def refuse_if_foreign(path: Path, facts: FileFacts | None) -> None:
    """Refuse a file that is not a Lianxin database this version can open; an empty SQLite file is accepted."""
    if facts is None:
        return
    if not facts.ours and facts.has_tables:
        raise DatabaseRefused(f"{path}: an SQLite file of another program, not a Lianxin database; choose another file")
    if not facts.ours and facts.schema_version:
        raise DatabaseRefused(f"{path}: an empty SQLite file marked with version {facts.schema_version} by another "
                              "program, not a Lianxin database; choose another file")
    refuse_if_newer(path, facts.schema_version)


def refuse_if_newer(path: Path, schema_version: int) -> None:
    if schema_version > LATEST_VERSION:
        raise DatabaseRefused(
            f"{path}: written by a newer Lianxin (schema {schema_version}, this version knows "
            f"{LATEST_VERSION}); update Lianxin to open it"
        )


def refuse_if_missing(path: Path) -> None:
    """For what only reads: a database that is not there is a mistyped name, not a new database."""
    if inspect_file(path) is None:
        what = "no such database" if not path.exists() else "an empty file, not a Lianxin database"
        raise DatabaseRefused(f"{path}: {what}; check the name (nothing was created)")


def _refuse_unwritable_folder(path: Path) -> None:
    """A new database needs a folder it can write in: say so in one line, before SQLite fails in many."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=folder).close()
    except OSError as error:
        raise DatabaseRefused(f"{path}: cannot create a database in the folder {folder} "
                              f"({error.strerror or error}); choose a folder you can write in") from None


def _refusal_of(path: Path, error: Exception) -> DatabaseRefused:
    """SQLite's complaint while opening, as one line a person can act on."""
    text = str(error)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DatabaseRefused(f"{path}: cannot be opened ({text}); is the file or its folder read-only? "
                               "Lianxin writes its log beside the database, so copy it to a folder you can write in")
    if "full" in text:
        return DatabaseRefused(f"{path}: the disk is full ({text}); make room and try again")
    if "locked" in text or "busy" in text:
        return DatabaseRefused(f"{path}: the database is in use by another program ({text}); try again later")
    return DatabaseRefused(f"{path}: damaged or unreadable database ({text})")


def open_database(path: str | Path, *, create: bool = True) -> Installation:
    """Open (creating it if `create`) and migrate the database at `path`; bind all models to it.

    Refuses (DatabaseRefused) what is not a Lianxin database, a missing file
    when `create` is false, and a new file in a folder that cannot be written;
    in every case before anything is written.  While open, this process holds
    the database's shared open lock (`models.storage.database_lock`); waits while a
    restore replaces the file (DatabaseLockError after the wait limit).
    """
    close_database()
    if is_postgres(path):  # the office master on a server (models/postgres_database.py)
        from models.postgres_database import open_postgres

        return open_postgres(path, create=create, refused=DatabaseRefused)
    path = Path(path)
    facts = inspect_file(path)
    # A plain file stays plain (`encrypt_database` encrypts it on request); a new one is encrypted when given a passphrase.
    database.passphrase = cipher.current_passphrase() if facts is None or facts.encrypted else None
    if facts is None and not create:
        refuse_if_missing(path)
    refuse_if_foreign(path, facts)
    if facts is None:
        _refuse_unwritable_folder(path)
    locks = database_lock.locks_for(path)
    locks.hold_open()
    try:
        database.init(str(path), pragmas=PRAGMAS, check_same_thread=False)  # models.storage.bulk_writer writes on a second thread
        try:
            database.connect()
            current = database.execute_sql("PRAGMA user_version").fetchone()[0]
        except (OperationalError, DatabaseError) as error:
            raise _refusal_of(path, error) from None
        # What the write-ahead log held and the file did not (`inspect_file` reads the file alone):
        refuse_if_newer(path, current)
        application_id = database.execute_sql("PRAGMA application_id").fetchone()[0]
        if application_id != APPLICATION_ID and database.get_tables():
            raise DatabaseRefused(f"{path}: an SQLite file of another program, not a Lianxin database; choose another file")
        if current == 0:
            database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(database, current)
        installation = Installation.load_or_create()
    except BaseException:
        _close(locks)
        raise
    set_current_installation(installation)
    _opened.append(locks)
    return installation


_opened: list = []  # the locks of the database open now (at most one)


def _close(locks) -> None:
    if not database.is_closed():
        database.close()
    locks.release_open()


def close_database() -> None:
    if on_postgres():
        from models.postgres_database import close_postgres

        close_postgres()
    if not database.is_closed():
        database.close()
    while _opened:
        _opened.pop().release_open()
    set_current_installation(None)


def close_thread_connection() -> None:
    """Close this thread's connection (a worker's, when its job ends); the database stays open for the others."""
    if not database.is_closed():
        database.close()


def database_path() -> Path | None:
    """The open database's file; for the office master on PostgreSQL, its URL (a `PostgresUrl`)."""
    if on_postgres():
        return database.obj.url
    return None if database.database is None else Path(database.database)


def database_passphrase() -> str | None:
    """The passphrase the open database was opened with; None when it is plain, on PostgreSQL (its server guards
    it), or none is open."""
    if on_postgres() or database.database is None:
        return None
    return database.passphrase
