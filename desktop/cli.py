"""The command line: one parser, one module per command.

Exit status: 0 done; 1 input rejected or stopped before anything changed (one
clear line on stderr, database unchanged); 2 usage error; 3 partly done (a
merge that kept some files and not others: the receipts of those kept are
printed, and the first not kept is named).  With no command the window opens.

Each command is checked whole before the database is opened (a usage error
creates no database), opened as it needs it (`database`: "read" refuses a
database that does not exist, "write" creates it, "own" leaves opening to the
command), and a long writer holds the writer lock for its whole run
(`models.storage.database_lock`): a second one waits, saying for whom, up to --wait.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from contextlib import ExitStack, redirect_stderr, redirect_stdout
from pathlib import Path

from desktop import __version__
from desktop.commands import COMMANDS
from desktop.crash_log import record_crash
from desktop.failures import explain
from desktop.operations.outcome import Refused
from desktop.paths import default_database
from desktop.terminal import fail
from models.storage import cipher, database_lock
from models.database import DatabaseRefused, close_database, open_database
from models.storage.postgres_url import PostgresUrl, is_postgres


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value < 0:
        raise argparse.ArgumentTypeError("the wait cannot be negative")
    return value


def database_location(text: str) -> Path | PostgresUrl:
    """A database file, or an office master on a PostgreSQL server (``postgresql://USER@HOST[:PORT]/NAME``)."""
    return PostgresUrl(text) if is_postgres(text) else Path(text)


WAIT_HELP = (f"when another Lianxin is writing to the database, wait up to SECONDS for it "
             f"(default {database_lock.DEFAULT_WAIT:.0f}), then give up")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lianxin",
        description="Lianxin (连心): door-to-door visits, demands and return visits, offline. "
        "Without a command, opens the window.",
        epilog="Exit status: 0 done; 1 refused or stopped, nothing changed; 2 usage error; "
        "3 partly done (a merge that kept some files, not all).",
    )
    parser.add_argument("--db", type=database_location, metavar="FILE",
                        help=f"database file (default: {default_database()}), or postgresql://USER@HOST[:PORT]/NAME")
    parser.add_argument("--wait", type=_seconds, default=database_lock.DEFAULT_WAIT, metavar="SECONDS", help=WAIT_HELP)
    parser.add_argument("--version", action="version", version=f"lianxin {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    for subparser in subparsers.choices.values():  # `lianxin merge … --wait 5` as well as `lianxin --wait 5 merge …`
        subparser.add_argument("--wait", type=_seconds, default=argparse.SUPPRESS, metavar="SECONDS", help=WAIT_HELP)
    return parser


def say_waiting(db_path: Path, holder: database_lock.Holder | None, limit: float) -> None:
    print(f"waiting: {database_lock.another(holder)} is writing to {db_path.name}; "
          f"waiting up to {limit:.0f} s (--wait)", file=sys.stderr, flush=True)


def opens_window(argv: list[str]) -> bool:
    """Whether `argv` opens the window (no command), without acting on it (no --help text printed)."""
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            args, _ = build_parser().parse_known_args(argv)
    except SystemExit:
        return False
    return args.command is None


def run(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    database_file = args.db_path = args.db or default_database()
    cipher.use_passphrase(os.environ.get(cipher.PASSPHRASE_VARIABLE))  # none: plain databases, as before
    database_lock.configure(command=args.command or "window", wait=args.wait, on_wait=say_waiting)
    if args.command is None:
        from ui.app import run_window  # the only place the command line reaches for widgets

        return run_window(database_file, asked_for=args.db is not None)
    validate = getattr(args, "validate", None)
    if validate is not None:
        status = validate(args)
        if status is not None:
            return status
    try:
        with ExitStack() as held:
            held.callback(close_database)
            mode = getattr(args, "database", "read")
            if mode != "own":
                open_database(database_file, create=(mode == "write"))
            locks = database_lock.locks_for(database_file)  # None on PostgreSQL: its transactions do it
            if locks is not None and getattr(args, "long_writer", lambda _: False)(args):
                locks.hold_writer(args.command)
                held.callback(locks.release_writer)  # after closing: a restore waiting for it then finds it closed
                held.callback(close_database)
            return args.run(args)
    except (DatabaseRefused, database_lock.DatabaseLockError) as refusal:
        return fail(str(refusal))
    except Refused as refusal:  # an operation's own check: one line, nothing changed
        return fail(f"lianxin {args.command}: {refusal}")
    except KeyboardInterrupt:
        print("interrupted; the unfinished step was rolled back", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early (`lianxin find 王 | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # the last guard: a person sees one line, the details go to the log
        known = explain(error, database_file)
        if known is not None:
            return fail(f"lianxin {args.command}: {known}; nothing was changed")
        log_file = record_crash(error)
        return fail(f"lianxin {args.command}: unexpected error ({type(error).__name__}); nothing was changed. Details: {log_file}")
