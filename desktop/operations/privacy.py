"""Passphrase and passwords: encrypt a plain database in place, change its passphrase; protected workbooks.

Encrypting and rekeying replace what is on disk, so both need the database to
themselves (as a restore does) and reopen it afterwards; the window and the
command line share them.  The window asks for a protected workbook's password
before a merge and checks it here, so a wrong one changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.operations.outcome import Changes, Outcome
from models.database import database_path
from models.disclosures import Disclosure, record_disclosure
from models.records.installation import current_installation
from models.progress import Progress
from sync.exchange.encryption import Encrypted, change_passphrase as _change_passphrase, encrypt_database as _encrypt
from sync.exchange.encryption import passphrase_problem
from sync.spreadsheet.protection import is_encrypted, password_problem, use_password

__all__ = ["Encrypted", "change_passphrase", "encrypt_database", "passphrase_problem", "protected_workbooks",
           "record_shown", "shown_whole", "use_workbook_password", "workbook_password_problem"]


def _path(db_path: str | Path | None) -> Path:
    path = Path(db_path) if db_path is not None else database_path()
    if path is None:
        raise RuntimeError("no database is open")
    return path


def _before_anything(progress: Progress | None, doing: str) -> None:
    """The one point where a cancel still changes nothing: the file is then copied, checked and swapped at once."""
    if progress is not None:
        progress.step(0, 1, doing)


def encrypt_database(*, passphrase: str, db_path: str | Path | None = None,
                     progress: Progress | None = None) -> Outcome[Encrypted]:
    """Encrypt the plain database (the open one unless `db_path`) with `passphrase`; its plain copies too."""
    _before_anything(progress, "加密数据库")
    return Outcome(_encrypt(_path(db_path), passphrase), Changes.everything())


def change_passphrase(*, old: str, new: str, db_path: str | Path | None = None,
                      progress: Progress | None = None) -> Outcome[int]:
    """Re-encrypt the database (and the copies the old passphrase opens) under `new`; the value: copies re-encrypted."""
    _before_anything(progress, "更换数据库口令")
    _, copies = _change_passphrase(_path(db_path), old, new)
    return Outcome(copies, Changes.everything())


def protected_workbooks(paths: Sequence[str | Path]) -> list[Path]:
    """Those of `paths` that are password-protected workbooks (they need the password before a merge or import)."""
    return [Path(path) for path in paths if is_encrypted(Path(path))]


def use_workbook_password(password: str | None) -> None:
    """The password this process opens protected workbooks with (the merge's reader processes are given it too)."""
    use_password(password)


def workbook_password_problem(path: str | Path, password: str) -> str | None:
    """Why `password` does not open the protected workbook at `path` (one line), or None; nothing is read whole."""
    return password_problem(Path(path), password)


def shown_whole(*, id_numbers: bool, phones: bool) -> list[str]:
    """What a request shows whole, as `models.disclosures` names it (empty: everything stays masked)."""
    return [kind for kind, asked in (("id_numbers", id_numbers), ("phones", phones)) if asked]


def record_shown(*, shown: Sequence[str], channel: str, what: str, records: Sequence[str] = (), scope=None,
                 progress: Progress | None = None) -> Outcome[Disclosure | None]:
    """Write who saw full ID numbers or phones (`shown`), how (`channel`), of which records or the households of
    `scope`; nothing when nothing was shown whole."""
    if not shown:
        return Outcome(None)
    user = current_installation().user_name
    entry = record_disclosure(shown=shown, channel=channel, what=what, user=user, records=records,
                              household_ids=None if scope is None else scope.household_ids())
    return Outcome(entry)
