"""`lianxin backups`: the copies kept of the database (file, time, size, why), newest first.

One tab-separated line per copy on stdout; the budget (how many copies are
kept, and how much room they may take) on stderr.  Lists the copies of a
database that cannot be opened, too: that is when they are needed.
"""

from __future__ import annotations

import sys


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "backups", help="List the copies kept of the database (restore one with lianxin restore FILE)",
        description="List the backup copies of the database: file, time, size and why it was made. "
        "Copies are made before a merge writes and before a restore; the newest are kept within a budget "
        "(Settings in the window).",
    )
    parser.set_defaults(run=run, database="own")


def run(args) -> int:
    from desktop.operations.backups import backups as list_backups  # (each command loads its work when it runs)

    found = list_backups(db_path=args.db_path).value
    if found.note:  # a damaged database: its copies are what is needed now
        print(f"note: {found.note}", file=sys.stderr)
    backups, budget, size, kept = found.copies, found.budget, found.database_size, found.kept
    for backup in backups:
        print("\t".join((str(backup.path), backup.made_at.strftime("%Y-%m-%d %H:%M:%S"), _size(backup.size), backup.why)))
    total = sum(backup.size for backup in backups)
    print(f"{len(backups)} cop{'y' if len(backups) == 1 else 'ies'}, {_size(total)} together; kept: the newest "
          f"{budget.copies}, at most {budget.size_multiple:g} × the database ({_size(size)})", file=sys.stderr)
    if not backups:
        return 0
    if len(kept) < len(backups):
        print(f"{len(backups) - len(kept)} cop{'y' if len(backups) - len(kept) == 1 else 'ies'} past the budget "
              "will go at the next copy", file=sys.stderr)
    return 0


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} KB"

