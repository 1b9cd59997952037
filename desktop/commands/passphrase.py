"""`lianxin passphrase`: change an encrypted database's passphrase (and its backup copies').

The present passphrase comes from LIANXIN_PASSPHRASE, the new one from
LIANXIN_NEW_PASSPHRASE or --new-passphrase-file: never from an argument, which
the shell's history and every process listing would keep.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.commands.arguments import readable_file_problem
from desktop.commands.secrets import SecretProblem, secret
from desktop.terminal import fail
from models.storage.cipher import PASSPHRASE_VARIABLE, current_passphrase

NEW_VARIABLE = "LIANXIN_NEW_PASSPHRASE"


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "passphrase", help=f"Change the database's passphrase (new one from {NEW_VARIABLE})",
        description=f"Re-encrypt the database under a new passphrase: the present one from {PASSPHRASE_VARIABLE}, "
        f"the new one from {NEW_VARIABLE} or --new-passphrase-file. Backup copies follow.",
    )
    parser.add_argument("--new-passphrase-file", type=Path, metavar="FILE",
                        help=f"read the new passphrase from the first line of FILE instead of {NEW_VARIABLE}")
    parser.set_defaults(run=run, validate=validate, database="read")


def validate(args) -> int | None:
    if args.new_passphrase_file is not None:
        problem = readable_file_problem(args.new_passphrase_file, "passphrase file")
        if problem:
            return fail(f"lianxin passphrase: {problem}")
    if not current_passphrase():
        return fail(f"lianxin passphrase: set {PASSPHRASE_VARIABLE} to the present passphrase; nothing was changed")
    return None


def run(args) -> int:
    from desktop.operations.privacy import change_passphrase  # (each command loads its work when it runs)

    try:
        new = secret(NEW_VARIABLE, args.new_passphrase_file)
    except SecretProblem as problem:
        return fail(f"lianxin passphrase: {problem}; nothing was changed")
    if not new:
        return fail(f"lianxin passphrase: set {NEW_VARIABLE} or give --new-passphrase-file; nothing was changed")
    copies = change_passphrase(old=current_passphrase(), new=new, db_path=args.db_path).value
    if copies:
        print(f"{copies} backup cop{'y' if copies == 1 else 'ies'} re-encrypted too", file=sys.stderr)
    print(f"{args.db_path}: passphrase changed; open it with the new one from now on")
    return 0
