"""Checks of a command's file arguments, made before the database is opened or anything is written.

`merge good.xlsx missing.xlsx` once kept good.xlsx and then failed on the
second; an unwritable `--receipt` was found after merging.  Every file a
command reads must be a readable file, and every file it writes must be
writable, before it starts: then a refusal really changes nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def readable_file_problem(path: Path, kind: str = "file") -> str | None:
    """Why `path` cannot be read as a file, or None."""
    if path.is_dir():
        return f"{path}: is a folder, not a {kind}; give the files inside it"
    if not path.exists():
        return f"{path}: no such file"
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        return f"{path}: cannot be read ({error.strerror or error})"
    return None


def writable_file_problem(path: Path) -> str | None:
    """Why `path` cannot be written (it is a folder, its folder is missing or read-only), or None.

    Nothing is left behind: an existing file is opened for appending and
    closed untouched, a new one is tried as a temporary file in its folder.
    """
    if path.is_dir():
        return f"{path}: is a folder; give a file name"
    folder = path.resolve().parent
    if not folder.is_dir():
        return f"{path}: the folder {folder} does not exist"
    try:
        if path.exists():
            with path.open("ab"):
                pass
        else:
            tempfile.TemporaryFile(dir=folder).close()
    except OSError as error:
        return f"{path}: cannot be written ({error.strerror or error})"
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path}: cannot be written (read-only)"
    return None


def server_usage_problem(args, command: str, what: str = "the server") -> int | None:
    """For a command about a PostgreSQL master: exit status 2 (said on stderr) unless --db is a postgresql:// URL."""
    from models.storage.postgres_url import is_postgres

    if args.db is None or not is_postgres(args.db):
        print(f"lianxin {command}: give {what} with --db postgresql://USER@HOST[:PORT]/NAME", file=sys.stderr)
        return 2
    return None
