"""`lianxin encrypt`: encrypt a plain database in place with the passphrase in LIANXIN_PASSPHRASE.

An encrypted copy is made first, into the backups folder, and checked (every
table's rows) before it replaces the plain file; the plain copies already in
the backups folder are encrypted too.  Forgotten, the passphrase cannot be
recovered: the office keeps a copy of the data (an export).
"""

from __future__ import annotations

import sys

from desktop.terminal import fail
from models.storage.cipher import PASSPHRASE_VARIABLE, current_passphrase


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "encrypt", help=f"Encrypt a plain database in place with the passphrase in {PASSPHRASE_VARIABLE}",
        description=f"Encrypt the database (SQLCipher, AES-256) with the passphrase in {PASSPHRASE_VARIABLE}. "
        "An encrypted, checked copy is made first; plain backup copies are encrypted too. "
        "A forgotten passphrase cannot be recovered: keep the office's copy of the data.",
    )
    parser.set_defaults(run=run, database="read")


def run(args) -> int:
    from desktop.operations.privacy import encrypt_database  # (each command loads its work when it runs)

    passphrase = current_passphrase()
    if not passphrase:
        return fail(f"lianxin encrypt: set {PASSPHRASE_VARIABLE} to the passphrase; nothing was changed")
    encrypted = encrypt_database(passphrase=passphrase, db_path=args.db_path).value
    print(f"encrypted copy kept first: {encrypted.kept.path}", file=sys.stderr)
    if encrypted.copies:
        print(f"{encrypted.copies} plain backup cop{'y' if encrypted.copies == 1 else 'ies'} encrypted too",
              file=sys.stderr)
    print(f"{args.db_path}: encrypted; open it with {PASSPHRASE_VARIABLE} from now on")
    return 0
