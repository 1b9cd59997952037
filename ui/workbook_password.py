"""The exchange workbooks' password in the window: typed, and remembered per office in the system's keyring on request.

The keyring (Windows Credential Manager, macOS Keychain, the Secret Service
on Linux) keeps the password out of Lianxin's own files.  Where there is none
(a bare Linux, a locked keychain), `keyring` raises; the window then simply
does not remember, and says so once: never an error, never a plain-text fallback.
"""

from __future__ import annotations

SERVICE = "Lianxin exchange workbooks"


def remembered(office: str) -> str | None:
    """The password remembered for `office`, or None (none kept, or no keyring on this machine)."""
    try:
        import keyring

        return keyring.get_password(SERVICE, office) or None
    except Exception:  # noqa: BLE001 - no backend, a locked keychain, a D-Bus without a secret service: not remembered
        return None


def remember(office: str, password: str) -> bool:
    """Keep `password` for `office` in the keyring; False when this machine has none that works."""
    try:
        import keyring

        keyring.set_password(SERVICE, office, password)
        return True
    except Exception:  # noqa: BLE001 - as above
        return False
