"""What a privacy benchmark prints beside its figures: the SQLCipher driver measured and how loaded the machine was.

Why: the encrypted database's overhead depends on the driver's build more than
on the cipher (sqlcipher3-binary, built without optimisation, made every
statement cost about twice its CPU), and on a shared two-core machine wall
time swings with the other work running: a figure without both is not
comparable with another.
"""

from __future__ import annotations

import importlib.metadata
import os


def sqlcipher_driver() -> str:
    """The installed SQLCipher driver's distribution and version, and its SQLCipher, SQLite and crypto library."""
    import sqlcipher3.dbapi2 as sqlcipher

    names = [name for name in ("sqlcipher3-wheels", "sqlcipher3-binary", "sqlcipher3") if _installed(name)]
    connection = sqlcipher.connect(":memory:")
    try:
        connection.execute("PRAGMA key = 'x'")
        version = connection.execute("PRAGMA cipher_version").fetchone()[0]
        provider = connection.execute("PRAGMA cipher_provider_version").fetchone()[0]
    finally:
        connection.close()
    installed = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names) or "sqlcipher3 (unknown)"
    return f"{installed}: SQLCipher {version}, SQLite {sqlcipher.sqlite_version}, {provider}"


def _installed(name: str) -> bool:
    try:
        importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def load() -> str:
    """The load average (1, 5, 15 minutes) over the machine's cores."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} / {fifteen:.1f} (1, 5, 15 min) on {os.cpu_count()} cores"
