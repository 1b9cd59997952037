"""`lianxin --db postgresql://USER@HOST/NAME remember-password`: keep the server's password in the system's keyring.

The password is read from LIANXIN_PG_PASSWORD, else from the terminal without
echo (or the first line of standard input when that is a pipe): never from an
argument, which the shell's history and every process listing would keep.
From then on every command and the window find it there when libpq's own
places (PGPASSWORD, ~/.pgpass) have none for that server.  `--forget` removes it.
"""

from __future__ import annotations

import getpass
import os
import sys

from desktop.commands.arguments import server_usage_problem
from desktop.terminal import fail
from models.storage.postgres_keyring import account, forget, remember
from models.storage.postgres_url import without_password

PASSWORD_VARIABLE = "LIANXIN_PG_PASSWORD"


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "remember-password", help="Keep the PostgreSQL server's password (--db) in the system's keyring",
        description=f"Keep the password of the server given by --db postgresql://USER@HOST[:PORT]/NAME in the "
        f"system's keyring, read from {PASSWORD_VARIABLE} or typed without echo. Commands and the window use it "
        "when PGPASSWORD and ~/.pgpass have none for that server.",
    )
    parser.add_argument("--forget", action="store_true", help="remove the password kept for that server instead")
    parser.set_defaults(run=run, validate=validate, database="own")


def validate(args) -> int | None:
    return server_usage_problem(args, "remember-password")


def _typed() -> str | None:
    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass("password (not shown): ") or None
        except EOFError:
            return None
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n") or None


def run(args) -> int:
    url = without_password(args.db)
    key = account(url)
    if args.forget:
        if not forget(url):
            return fail(f"lianxin remember-password: no password kept for {key} (or no keyring on this computer)")
        print(f"{key}: the password kept in the keyring was removed")
        return 0
    password = _typed()
    if not password:
        return fail(f"lianxin remember-password: no password given (set {PASSWORD_VARIABLE} or type it); "
                    "nothing was kept")
    if not remember(url, password):
        return fail("lianxin remember-password: this computer has no keyring that works (a bare Linux, a locked "
                    "keychain); put the password in ~/.pgpass instead (docs/postgresql.md); nothing was kept")
    print(f"{key}: the password is kept in the system's keyring")
    return 0
