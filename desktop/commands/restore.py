"""`lianxin restore FILE`: put a backup copy back in place of the database.

As in the window: the copy is checked first (a Lianxin database this version
opens, sound by SQLite's quick check), and the present database is copied
before it is replaced.  Restore needs the database to itself: it waits for a
writer (up to --wait) and refuses while a window or another command has the
database open.  The file is swapped in at once, so a restore killed at any
moment leaves the old database or the restored one, never half of either.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.commands.arguments import readable_file_problem
from desktop.terminal import fail


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "restore", help="Restore a backup copy (see lianxin backups) in place of the database",
        description="Replace the database with a backup copy. The copy is checked first and the present database "
        "is copied first. Refused while the database is open in a window or another command.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the copy to restore (lianxin backups lists them)")
    parser.set_defaults(run=run, validate=validate, database="own")


def validate(args) -> int | None:
    problem = readable_file_problem(args.file, "backup copy")
    return None if problem is None else fail(f"lianxin restore: {problem}")


def run(args) -> int:
    from desktop.operations.backups import restore_backup  # (each command loads its work when it runs)

    restored = restore_backup(backup=args.file, db_path=args.db_path).value
    if restored.kept is not None:
        print(f"the database as it was: {restored.kept.path}", file=sys.stderr)
    print(f"{args.db_path}: restored from {args.file}")
    return 0
