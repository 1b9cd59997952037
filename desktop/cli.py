"""The command line of `../shared/DESIGN.md`: one parser, one module per command.

Exit status: 0 done; 1 input rejected (one clear line on stderr, database
unchanged); 2 usage error.  With no command the window opens.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop import __version__
from desktop.commands import COMMANDS
from desktop.paths import default_database
from desktop.crash_log import record_crash
from desktop.terminal import fail
from models.database import DatabaseRefused, close_database, open_database


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lianxin",
        description="Lianxin (连心): door-to-door visits, demands and return visits, offline. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--db", type=Path, metavar="FILE", help=f"database file (default: {default_database()})")
    parser.add_argument("--version", action="version", version=f"lianxin {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    database_file = args.db or default_database()
    if args.command is None:
        from ui.app import run_window  # the only place the command line reaches for widgets

        return run_window(database_file)
    try:
        open_database(database_file)
    except DatabaseRefused as refusal:
        return fail(str(refusal))
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted; the unfinished step was rolled back", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early (`lianxin find 王 | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # the last guard: a person sees one line, the details go to the log
        log_file = record_crash(error)
        return fail(f"lianxin {args.command}: unexpected error ({type(error).__name__}); nothing was changed. Details: {log_file}")
    finally:
        close_database()
