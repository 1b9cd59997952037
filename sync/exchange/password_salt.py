"""The salt this database's protected exports derive their password key with: made once at random, then kept.

Every protected export would otherwise pay the standard's 100,000 SHA-512
rounds for a fresh random salt, and so would every merge that reads it
(`sync.spreadsheet.agile_keys`).  One salt per database, stored in its local
settings (never exported: it is in each protected file's own header anyway, as
the standard wants), lets the exports of a run and the reading of an office's
files derive the key once.  A salt is not a secret; what makes each file's
encryption its own is its random package key and keyData salt, made per file.
"""

from __future__ import annotations

import base64
import binascii

from models.records.installation import Setting
from sync.spreadsheet.agile_keys import SALT_BYTES, new_salt

SALT_KEY = "workbook_password_salt"


def password_salt() -> bytes:
    """This database's password salt for protected exports, made (and stored) on first use."""
    stored = Setting.read(SALT_KEY)
    if stored:
        try:
            salt = base64.b64decode(stored, validate=True)
        except (binascii.Error, ValueError):
            salt = b""
        if len(salt) == SALT_BYTES:
            return salt
    salt = new_salt()
    Setting.write(SALT_KEY, base64.b64encode(salt).decode("ascii"))
    return salt
