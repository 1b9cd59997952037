"""`lianxin import-roster FILE [--sheet NAME] [--dry-run]`: bring an office's roster into the registry.

Prints the report (every refused row by its row number) to stdout; progress and
refusals go to stderr.  Exit 0 when rows were imported (or, with --dry-run, could
be); 1 when the file is refused whole or no row can be imported, or when a roster
without a 街道 column names a community several sub-districts have (the window asks
which one; here the roster needs a 街道 column).
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.commands.arguments import readable_file_problem, writable_file_problem
from desktop.commands.secrets import SecretProblem, add_password_option, locked_workbook_problem, workbook_password
from desktop.terminal import fail, stderr_progress

SHOWN_PROBLEMS = 200


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "import-roster",
        help="Import a roster workbook (.xlsx, .xls, .csv) into the registry",
        description="Import residents and households from an office roster (花名册). Households are matched "
        "by address and residents by ID number, so importing the same file again changes nothing.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the roster: .xlsx, .xls or .csv (UTF-8 or GBK)")
    parser.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first with a roster header)")
    parser.add_argument("--dry-run", action="store_true", help="check everything and print the report, write nothing")
    parser.add_argument("--report", type=Path, metavar="FILE.xlsx", help="also save the report as a workbook")
    parser.add_argument("--all-problems", action="store_true", help=f"print every problem row (default: the first {SHOWN_PROBLEMS})")
    add_password_option(parser, "open a password-protected roster")
    parser.set_defaults(run=run, validate=validate, database="write", long_writer=lambda args: not args.dry_run)


def validate(args) -> int | None:
    problem = readable_file_problem(args.file, "roster")
    if problem is None and args.report is not None:
        if args.report.suffix.lower() != ".xlsx":
            print(f"lianxin import-roster: {args.report}: the report file name must end in .xlsx", file=sys.stderr)
            return 2
        problem = writable_file_problem(args.report)
    problem = problem or password_problem(args)
    return None if problem is None else fail(f"import-roster: {problem}")


def password_problem(args) -> str | None:
    """Why this run's password cannot open `args.file` (one line), or None; the import-shops command's too."""
    try:
        workbook_password(args)
        return locked_workbook_problem([args.file])
    except SecretProblem as secret_problem:
        return str(secret_problem)


def run(args) -> int:
    from desktop.operations import roster  # (each command loads its work when it runs)

    try:
        report = roster.import_roster(path=args.file, sheet=args.sheet, dry_run=args.dry_run,
                                      progress=stderr_progress("import")).value
    except roster.RosterRefused as refusal:
        return fail(f"import-roster: {refusal}")
    for line in report.summary_lines():
        print(line)
    shown = report.problems if args.all_problems else report.problems[:SHOWN_PROBLEMS]
    for problem in shown:
        value = roster.shown_value(problem.field, problem.value)
        print(problem.line() + (f"（{value}）" if value and problem.field in ("id_number", "phone") else ""))
    hidden = len(report.problems) - len(shown) + report.problems_not_listed
    if hidden:
        print(f"……另有 {hidden} 个问题未列出（用 --report 保存完整报告）")
    if args.report:
        roster.save_report(report=report, path=args.report)
        print(f"report saved: {args.report}", file=sys.stderr)
    if report.imported_rows == 0:
        return fail(f"import-roster: {report.file}: no row could be imported; nothing was written")
    if report.ambiguous_communities:  # a dry run says what the import would do: refuse (it has no way to ask)
        return fail(f"import-roster: {roster.ambiguity(report)}")
    return 0
