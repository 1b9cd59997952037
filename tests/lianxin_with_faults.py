"""The real command line (`python -m desktop`) with one fault made on purpose, for the reliability tests.

Run as a script: ``python tests/lianxin_with_faults.py --db X merge …`` with
LIANXIN_FAULT set to one or more of (comma-separated):

  pause-before:N  a merge stops before its file N (0-based), says "paused before NAME"
                  on stderr and goes on when a line arrives on stdin (a test kills it
                  or interrupts it there, at a moment it knows)
  pages:N         SQLite may add at most N pages to the database: a disk that fills up
  busy-ms:N       SQLite's busy timeout is N ms instead of 10 s
  pause-swap:K    a restore stops before its Kth file swap (os.replace: 1 renames the copy of
                  the present database, 2 swaps the restored file in), says "paused at swap K"
                  and goes on when a line arrives on stdin

Nothing here is part of Lianxin; the faults are made by replacing functions and
settings in this process only.  Reading processes start this script again
(spawn): the guard below keeps them from running the command line.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _database_argument(argv: list[str]) -> Path | None:
    for index, argument in enumerate(argv):
        if argument == "--db" and index + 1 < len(argv):
            return Path(argv[index + 1])
    return None


def _pages_now(path: Path) -> int:
    connection = sqlite3.connect(path)  # through the log: what the database holds now
    try:
        return connection.execute("PRAGMA page_count").fetchone()[0]
    finally:
        connection.close()


def make_faults(argv: list[str]) -> None:
    from models import database

    for fault in filter(None, os.environ.get("LIANXIN_FAULT", "").split(",")):
        name, _, value = fault.partition(":")
        if name == "pages":
            database.PRAGMAS["max_page_count"] = _pages_now(_database_argument(argv)) + int(value)
        elif name == "busy-ms":
            database.PRAGMAS["busy_timeout"] = int(value)
        elif name == "pause-before":
            _pause_merge_before(int(value))
        elif name == "pause-swap":
            _pause_restore_at_swap(int(value))
        else:
            raise SystemExit(f"unknown fault {fault!r}")


def _pause_merge_before(stop_at: int) -> None:
    from sync.exchange import merge

    real = merge._merge_file

    def paused(index, reading, *args, **kwargs):
        if index == stop_at:
            print(f"paused before {reading.paths[index].name}", file=sys.stderr, flush=True)
            sys.stdin.readline()
        return real(index, reading, *args, **kwargs)

    merge._merge_file = paused


def _pause_restore_at_swap(stop_at: int) -> None:
    from sync.exchange import backups

    real_os = backups.os
    swaps = []

    class PausingOs:
        def __getattr__(self, name):
            return getattr(real_os, name)

        @staticmethod
        def replace(source, target):
            swaps.append(target)
            if len(swaps) == stop_at:
                print(f"paused at swap {stop_at}", file=sys.stderr, flush=True)
                sys.stdin.readline()
            return real_os.replace(source, target)

    backups.os = PausingOs()


if __name__ == "__main__":
    import faulthandler
    import signal

    from desktop.__main__ import main

    if hasattr(signal, "SIGUSR1"):  # a test that finds it stuck can ask where (kill -USR1)
        faulthandler.register(signal.SIGUSR1, all_threads=True)

    arguments = sys.argv[1:]
    make_faults(arguments)
    sys.exit(main(arguments))
