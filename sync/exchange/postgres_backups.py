"""Copies of an office master on PostgreSQL, made and restored with PostgreSQL's own tools.

Why pg_dump and pg_restore: SQLite's backup API copies a file; a server's
database is copied consistently only by the server's tools.  `pg_dump -Fc` takes
one snapshot (the other workstations go on working) into a compressed archive;
`pg_restore --clean --single-transaction` puts one back all or nothing.  The
password comes from libpq (PGPASSFILE, ~/.pgpass) as for every connection.

The copies live in this computer's Lianxin data folder, under ``backups/``,
one folder per server and database, named and kept within the budget as the
copies of a file are (`sync.exchange.backups`).  Without the tools (PostgreSQL's
client package) a merge is refused before it writes, saying so: a merge keeps a
copy first, on either store.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

from models.database import DatabaseRefused, close_database, open_database
from models.storage.connection import database, on_postgres
from models.storage.postgres_keyring import password_for
from models.storage.postgres_url import PostgresUrl
from sync.exchange.backup_names import PARTIAL_SUFFIX, STAMP_FORMAT, name_pattern, unused_name

NAME_PATTERN = name_pattern(".dump")


class ToolsMissing(DatabaseRefused):
    """pg_dump or pg_restore is not installed on this computer."""


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ToolsMissing(f"{name} is not installed: install PostgreSQL's client tools (Debian: postgresql-client; "
                           "Windows: the PostgreSQL installer's command line tools) so Lianxin can keep copies of "
                           "the master (docs/postgresql.md)")
    return found


def backup_folder(url: PostgresUrl) -> Path:
    """This computer's folder for the copies of the master at `url` (LIANXIN_DATA_DIR overrides the data folder)."""
    data = os.environ.get("LIANXIN_DATA_DIR") or platformdirs.user_data_dir("Lianxin", appauthor=False)
    parts = urlsplit(url)
    place = re.sub(r"[^\w.-]+", "_", f"{parts.hostname or 'local'}-{parts.port or 5432}-{url.name}")
    return Path(data) / "backups" / place


def list_backups(url: PostgresUrl, backup_type):
    """The copies of the master, newest first, as `backup_type` (sync.exchange.backups.Backup) rows."""
    folder = backup_folder(url)
    found = []
    for path in folder.glob("*.dump") if folder.is_dir() else ():
        match = NAME_PATTERN.match(path.name)
        if match:
            made_at = dt.datetime.strptime(match["stamp"], STAMP_FORMAT)
            found.append(backup_type(path, made_at, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda backup: (backup.made_at, backup.path.stat().st_mtime_ns, backup.path.name),
                  reverse=True)


def _environment(url: PostgresUrl) -> dict:
    """libpq's variables for `url`, with the password through PGPASSWORD (never on a command line): the one the
    open master connected with (the URL's, or the keyring's once its server asked for one: a server that asks
    none is copied without touching the keyring), else the URL's or the keyring's when libpq has none."""
    environment = dict(os.environ)
    if on_postgres() and database.obj.url == url:
        password = database.obj.connect_params.get("password")
    else:
        password = password_for(url)
    if password is not None:
        environment["PGPASSWORD"] = password
    environment.setdefault("PGSSLMODE", "prefer")
    return environment


def _connection_arguments(url: PostgresUrl) -> list[str]:
    parts = urlsplit(url)
    arguments = ["--dbname", url.name]
    if parts.hostname:
        arguments += ["--host", parts.hostname]
    if parts.port:
        arguments += ["--port", str(parts.port)]
    if parts.username:
        arguments += ["--username", parts.username]
    return arguments + ["--no-password"]


def _run(command: list[str], url: PostgresUrl, what: str, environment: dict | None = None) -> None:
    result = subprocess.run(command, env=environment or _environment(url), capture_output=True, text=True)
    if result.returncode != 0:
        first = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[0]
        raise DatabaseRefused(f"{url.shown()}: {what} failed ({first})")


def make_backup(url: PostgresUrl, reason: str, now: dt.datetime, backup_type, budget) -> object:
    """A pg_dump archive of the master, under a hidden name until whole; then the copies past the budget go."""
    dump = tool("pg_dump")
    target = unused_name(backup_folder(url), url.name, reason, now, ".dump")
    partial = target.with_name(f".{target.name}{PARTIAL_SUFFIX}")
    try:
        _run([dump, "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial),
              *_connection_arguments(url)], url, "pg_dump")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    copies = list_backups(url, backup_type)
    for old in copies[max(1, budget.copies):]:
        old.path.unlink(missing_ok=True)
    return backup_type(target, now.replace(microsecond=0), reason, target.stat().st_size)


def check_copy(url: PostgresUrl, backup: Path) -> None:
    """Refuse what is not a pg_dump archive of a Lianxin database."""
    restore_tool = tool("pg_restore")
    if not backup.is_file():
        raise DatabaseRefused(f"{backup}: no such file")
    result = subprocess.run([restore_tool, "--list", str(backup)], capture_output=True, text=True)
    if result.returncode != 0:
        raise DatabaseRefused(f"{backup}: not a copy made by pg_dump (a PostgreSQL archive); choose another file")
    if "TABLE DATA public lianxin_schema" not in result.stdout:
        raise DatabaseRefused(f"{backup}: a PostgreSQL archive of another program, not of a Lianxin master")


def restore(url: PostgresUrl, backup: Path, keep_present):
    """Put the archive back in place of the master's tables, in one transaction; returns the reopened installation.

    `keep_present()` makes the copy of the master as it is first.
    """
    backup = Path(backup)
    check_copy(url, backup)
    kept = keep_present()
    environment = _environment(url)  # while the master is open (its password)
    close_database()
    _run([tool("pg_restore"), "--clean", "--if-exists", "--single-transaction", "--no-owner", "--no-privileges",
          *_connection_arguments(url), str(backup)], url, "pg_restore", environment)
    return open_database(url), kept
