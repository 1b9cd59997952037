"""`lianxin check`: integrity of the database file and of its records."""

import sys

from models.database import database_path


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("check", help="Check the integrity of the database")
    parser.set_defaults(run=run, database="read")


def run(args) -> int:
    from desktop.operations.check import check_database  # (each command loads its work when it runs)

    problems = check_database().value
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{database_path()}: {len(problems)} problem(s) found; restore a backup copy or ask for help", file=sys.stderr)
        return 1
    print(f"{database_path()}: OK")
    return 0
