"""Passphrases and passwords on the command line: from an environment variable or a file, never an argument.

An argument would sit in the shell's history and in every process listing of
the machine; an environment variable or a file readable by its owner does not.
A file's one line is taken without its line ending.
"""

from __future__ import annotations

import os
from pathlib import Path


class SecretProblem(Exception):
    """The secret's file cannot be read; the message says which and why."""


def secret(variable: str, file: Path | None = None) -> str | None:
    """The secret in `file` when given, else in the environment `variable`; None when neither holds one."""
    if file is not None:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise SecretProblem(f"{file}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
        lines = text.splitlines()
        return lines[0] if lines and lines[0] else None
    return os.environ.get(variable) or None


def add_password_option(parser, verb: str) -> None:
    """--password-file for a command that reads or writes exchange workbooks (else LIANXIN_WORKBOOK_PASSWORD)."""
    from sync.spreadsheet.protection import PASSWORD_VARIABLE

    parser.add_argument("--password-file", type=Path, metavar="FILE",
                        help=f"{verb} with the password on the first line of FILE (else {PASSWORD_VARIABLE}; "
                        "never on the command line, which the shell's history keeps)")


def workbook_password(args) -> str | None:
    """The workbook password of this run, given to the readers (`sync.spreadsheet.protection`); SecretProblem if
    --password-file cannot be read."""
    from sync.spreadsheet.protection import PASSWORD_VARIABLE, use_password

    password = secret(PASSWORD_VARIABLE, getattr(args, "password_file", None))
    use_password(password)
    return password


def locked_workbook_problem(paths) -> str | None:
    """Whether this run's password opens the first protected workbook among `paths`, as one line; None if it does.

    Checked before anything is read or written: a missing or wrong password refuses the whole run, not file
    after file.  Only the first is checked here (each check costs a tenth of a second: the 100,000-round hash
    of the password); a later file with another password is refused alone by the merge, as a damaged one is.
    """
    from sync.spreadsheet.protection import is_encrypted, password_problem

    first = next((path for path in paths if is_encrypted(path)), None)
    return None if first is None else password_problem(first)
