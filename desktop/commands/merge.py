"""`lianxin merge FILE.xlsx …`: merge exchange workbooks, one transaction per file, with a receipt."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.terminal import stderr_progress
from models.installation import current_installation


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "merge", help="Merge exchange workbooks from other laptops",
        description="Merge exchange workbooks. A copy of the database is kept first (backups/ beside it). "
        "Each file is merged whole or refused whole; the exit status is 1 if any file was refused.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE.xlsx", help="workbooks written by lianxin export")
    parser.add_argument("--receipt", type=Path, metavar="FILE.xlsx", help="also save the receipt as a workbook")
    parser.set_defaults(run=run)


def run(args) -> int:
    from sync.exchange.backups import make_backup  # (each command loads its work when it runs)
    from sync.exchange.merge import merge_workbooks
    from sync.exchange.receipts import save_receipt

    if args.receipt is not None and args.receipt.suffix.lower() != ".xlsx":
        print(f"lianxin merge: {args.receipt}: the receipt file name must end in .xlsx", file=sys.stderr)
        return 2
    backup = make_backup("merge")
    print(f"backup copy: {backup.path}", file=sys.stderr)
    receipts = merge_workbooks(args.files, installation=current_installation(), progress=stderr_progress("merge"))
    for receipt in receipts:
        print(receipt.summary())
        for line in receipt.refused[1:]:
            print(f"  {line}", file=sys.stderr)
    if args.receipt is not None:
        try:
            save_receipt(args.receipt, receipts)
        except OSError as error:
            print(f"{args.receipt}: the receipt could not be saved ({error})", file=sys.stderr)
            return 1
    refused = [r for r in receipts if not r.accepted]
    if refused:
        print(f"{len(refused)} of {len(receipts)} file(s) refused; nothing of them was kept", file=sys.stderr)
        return 1
    return 0
