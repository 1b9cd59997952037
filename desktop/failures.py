"""What went wrong, in one line a person can act on: the disk, the folder, another program.

SQLite and the operating system report a full disk, a read-only folder or a
database held by someone else in their own words ("database or disk is full",
errno 28, "database is locked"); the command line and the window say what it
means for the user's database instead of "unexpected error (OperationalError)".
Anything not recognised here stays unexpected (a crash log, `desktop.crash_log`).
"""

from __future__ import annotations

import errno
from pathlib import Path

from models.storage.database_lock import DatabaseLockError, another, holder_of

_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


def explain(error: BaseException, db_path: Path | None) -> str | None:
    """One line for a failure that has a known cause, or None for an unexpected one."""
    where = f"{db_path}: " if db_path else ""
    if isinstance(error, DatabaseLockError):
        return str(error)
    if _is_database_error(error):
        text = str(error)
        if "full" in text:
            return f"{where}the disk is full ({text}); make room and try again"
        if "locked" in text or "busy" in text:
            holder = holder_of(db_path) if db_path else None
            who = another(holder) if holder else "another program"
            return f"{where}the database is in use by {who}; try again when it has finished"
        if "readonly" in text or "read-only" in text:
            return f"{where}cannot write ({text}); is the file or its folder read-only?"
        if "disk I/O error" in text:
            return f"{where}the disk failed to read or write ({text})"
        if "server closed the connection" in text or "terminating connection" in text \
                or "connection already closed" in text or "could not receive data" in text:
            first = text.splitlines()[0] if text else type(error).__name__
            return f"{where}the PostgreSQL server went away ({first}); the unfinished transaction was rolled back"
        return None
    if isinstance(error, OSError) and error.errno is not None:
        name = f"{error.filename}: " if error.filename else where
        if error.errno in _FULL:
            return f"{name}the disk is full ({error.strerror}); make room and try again"
        if error.errno in _READ_ONLY:
            return f"{name}cannot write there ({error.strerror})"
    return None


def _is_database_error(error: BaseException) -> bool:
    """sqlite3's errors and peewee's wrappers of them (which do not derive from sqlite3's)."""
    return type(error).__name__ in ("OperationalError", "DatabaseError", "IntegrityError", "InterfaceError") and \
        type(error).__module__ in ("sqlite3", "sqlcipher3.dbapi2", "peewee", "psycopg2")
