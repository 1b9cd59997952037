"""An office server's password kept in the system's keyring, used when libpq has none.

Why a keyring and not a setting: a saved setting is a file anyone who copies the
laptop's profile can read.  The keyring (Windows Credential Manager, macOS
Keychain, the Secret Service on Linux) keeps it encrypted under the person's
login.  libpq's own places come first (PGPASSWORD, PGPASSFILE, ~/.pgpass): an
office that set those up keeps them; the keyring is asked only when they hold
nothing for this server, so a wrong keyring entry never hides a right .pgpass.

Where there is no keyring (a bare Linux, a locked keychain) `keyring` raises:
nothing is remembered or found, never an error, never a plain-text fallback.
The password is never printed and never returned by anything that prints.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

SERVICE = "lianxin-postgresql"
DEFAULT_PORT = 5432


def account(url: str) -> str:
    """The keyring's key of the server in `url`: ``user@host:port/database``."""
    parts = urlsplit(url)
    user = unquote(parts.username or "") or _default_user()
    host = parts.hostname or "localhost"
    database = parts.path.lstrip("/") or user
    return f"{user}@{host}:{parts.port or DEFAULT_PORT}/{database}"


def remembered(url: str) -> str | None:
    """The password kept in the keyring for the server in `url`; None if none (or no keyring here)."""
    try:
        import keyring

        return keyring.get_password(SERVICE, account(url)) or None
    except Exception:  # noqa: BLE001 - no backend, a locked keychain, no secret service: nothing remembered
        return None


def remember(url: str, password: str) -> bool:
    """Keep `password` for the server in `url`; False when this machine has no keyring that works."""
    try:
        import keyring

        keyring.set_password(SERVICE, account(url), password)
        return True
    except Exception:  # noqa: BLE001 - as above
        return False


def forget(url: str) -> bool:
    """Remove the password kept for the server in `url`; False when none was kept or there is no keyring."""
    try:
        import keyring

        keyring.delete_password(SERVICE, account(url))
        return True
    except Exception:  # noqa: BLE001 - as above, and "no such password"
        return False


def libpq_has_password(url: str) -> bool:
    """Whether libpq will find a password for `url` itself: PGPASSWORD, or a matching line of the password file."""
    if os.environ.get("PGPASSWORD"):
        return True
    parts = urlsplit(url)
    user = unquote(parts.username or "") or _default_user()
    wanted = (parts.hostname or "localhost", str(parts.port or DEFAULT_PORT), parts.path.lstrip("/") or user, user)
    try:
        lines = _password_file().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = _fields(line)
        if len(fields) == 5 and all(field in ("*", value) for field, value in zip(fields[:4], wanted)):
            return True
    return False


def password_for(url: str) -> str | None:
    """The password to hand libpq for `url`: the URL's own, else the keyring's when libpq has none; else None."""
    parts = urlsplit(url)
    if parts.password is not None:
        return unquote(parts.password)
    if libpq_has_password(url):
        return None
    return remembered(url)


def _password_file() -> Path:
    if os.environ.get("PGPASSFILE"):
        return Path(os.environ["PGPASSFILE"])
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", "")) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _fields(line: str) -> list[str]:
    """A password file's line split at its unescaped colons (``\\:`` and ``\\\\`` are a colon and a backslash)."""
    fields, current, escaped = [], [], False
    for character in line:
        if escaped:
            current.append(character)
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == ":" and len(fields) < 4:
            fields.append("".join(current))
            current = []
        else:
            current.append(character)
    fields.append("".join(current))
    return fields


def _default_user() -> str:
    """libpq's user when the URL names none: PGUSER, else the login name."""
    if os.environ.get("PGUSER"):
        return os.environ["PGUSER"]
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a service account): libpq would fail too
        return ""
