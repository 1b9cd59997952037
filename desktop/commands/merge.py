"""`lianxin merge FILE.xlsx …`: merge exchange workbooks, each whole or not at all, with a receipt.

Every argument is checked before anything is written (each workbook a
readable file, the receipt's folder writable).  A copy of the database is
kept just before the first write, so a merge that writes nothing makes none.
Exit 0: every file merged (or merged before); 1: nothing changed (every file
refused, or the merge stopped before its first commit); 3: some files kept
and some not — their receipts are printed and the first not kept is named.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.commands.arguments import readable_file_problem, writable_file_problem
from desktop.commands.secrets import SecretProblem, add_password_option, locked_workbook_problem, workbook_password
from desktop.failures import explain
from desktop.terminal import fail, stderr_progress
from models.database import database_path

PARTLY_DONE = 3


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "merge", help="Merge exchange workbooks from other laptops",
        description="Merge exchange workbooks. A copy of the database is kept first (backups/ beside it) when the "
        "merge will write. Each file is merged whole or refused whole. Exit status: 0 all merged; 1 nothing "
        "changed; 3 some files kept and some not.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE.xlsx",
                        help="workbooks written by lianxin export (or saved again by a spreadsheet program as .xls or .ods)")
    parser.add_argument("--receipt", type=Path, metavar="FILE.xlsx", help="also save the receipt as a workbook")
    add_password_option(parser, "open password-protected workbooks")
    parser.set_defaults(run=run, validate=validate, database="write", long_writer=lambda args: True)


def validate(args) -> int | None:
    if args.receipt is not None and args.receipt.suffix.lower() != ".xlsx":
        print(f"lianxin merge: {args.receipt}: the receipt file name must end in .xlsx", file=sys.stderr)
        return 2
    for path in args.files:
        problem = readable_file_problem(path, "workbook")
        if problem is not None:
            return fail(f"lianxin merge: {problem}; nothing was merged")
    if args.receipt is not None:
        problem = writable_file_problem(args.receipt)
        if problem is not None:
            return fail(f"lianxin merge: {problem}; nothing was merged")
    try:
        workbook_password(args)
    except SecretProblem as problem:
        return fail(f"lianxin merge: {problem}; nothing was merged")
    problem = locked_workbook_problem(args.files)
    return None if problem is None else fail(f"lianxin merge: {problem}; nothing was merged")


def run(args) -> int:
    from desktop.operations import exchange  # (each command loads its work when it runs)

    try:
        receipts = exchange.merge(files=args.files, progress=stderr_progress("merge"),
                                  on_backup=lambda backup: print(f"backup copy: {backup.path}", file=sys.stderr)).value
    except exchange.MergeStopped as stop:
        if not any(exchange.merged_now(receipt) for receipt in stop.kept):
            raise stop.cause from None  # nothing was kept: the command line's one line, exit 1 (or 130)
        _print(stop.kept)
        _save_receipt(args, stop.kept)
        if isinstance(stop.cause, KeyboardInterrupt):
            reason = "interrupted"
        else:
            reason = explain(stop.cause, database_path()) or f"unexpected error ({type(stop.cause).__name__})"
        later = len(args.files) - len(stop.kept) - 1
        print(f"merge stopped at {stop.stopped_at.name}: {reason}; the {len(stop.kept)} file(s) above were kept, "
              f"{stop.stopped_at.name}{f' and the {later} after it' if later else ''} not", file=sys.stderr)
        return PARTLY_DONE
    _print(receipts)
    changed = any(exchange.merged_now(receipt) for receipt in receipts)
    if not _save_receipt(args, receipts):
        return PARTLY_DONE if changed else 1
    refused = [r for r in receipts if not r.accepted]
    if refused:
        print(f"{len(refused)} of {len(receipts)} file(s) refused; nothing of them was kept", file=sys.stderr)
        return PARTLY_DONE if changed else 1
    return 0


def _print(receipts) -> None:
    for receipt in receipts:
        print(receipt.summary())
        for line in receipt.refused[1:]:
            print(f"  {line}", file=sys.stderr)


def _save_receipt(args, receipts) -> bool:
    if args.receipt is None:
        return True
    from desktop.operations import exchange

    try:
        exchange.save_receipt(path=args.receipt, receipts=receipts)
    except OSError as error:
        print(f"{args.receipt}: the receipt could not be saved ({error.strerror or error})", file=sys.stderr)
        return False
    return True
