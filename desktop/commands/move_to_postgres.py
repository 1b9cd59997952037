"""`lianxin --db postgresql://… move-to-postgres OFFICE.db`: the office's SQLite database into a PostgreSQL master.

Every table is copied (the office's installation, settings, conflicts and audit
log too, so the master goes on as the same office), the search index is built
again, and every row is compared on both sides before the one transaction
commits.  The file is only read.  docs/postgresql.md says how to prepare the
server and the role.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.commands.arguments import readable_file_problem, server_usage_problem
from desktop.terminal import fail, stderr_progress


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "move-to-postgres", help="Copy an office's SQLite database into the PostgreSQL master given by --db",
        description="Copy every table of an office's SQLite database into an empty PostgreSQL database "
        "(--db postgresql://USER@HOST[:PORT]/NAME), build its search index and check it row for row, "
        "all in one transaction. The SQLite file is only read.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the office's SQLite database (.db)")
    parser.set_defaults(run=run, validate=validate, database="write")


def validate(args) -> int | None:
    usage = server_usage_problem(args, "move-to-postgres", "the PostgreSQL master")
    if usage is not None:
        return usage
    problem = readable_file_problem(args.file, "database")
    return None if problem is None else fail(f"lianxin move-to-postgres: {problem}")


def run(args) -> int:
    from desktop.operations.postgres import move_to_postgres

    counts = move_to_postgres(source=args.file, progress=stderr_progress("move-to-postgres")).value
    for table, rows in counts.items():
        print(f"{table}\t{rows}")
    print(f"{args.file} → {args.db}: {sum(counts.values())} rows in {len(counts)} tables, checked row for row",
          file=sys.stderr)
    return 0
