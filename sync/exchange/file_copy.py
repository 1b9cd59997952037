"""A copy of an encrypted database made of its file's bytes, as they are on disk, instead of page by page.

Why: SQLite's backup API between two encrypted connections decrypts every
page of the database and checks its HMAC, then encrypts it again and computes
a new HMAC for the copy (under a new salt, so a new key derived first): 2.8–3.0
CPU seconds for a district's 515 MB database, against 0.4–0.85 s for a plain
one.  The file's own bytes are already encrypted: copied as they are, the copy
keeps the database's key and salt, opens with the same passphrase, and costs
what copying a plain file costs.

The bytes are a consistent snapshot only if nothing changes the file while
they are read, and if the file holds every committed page: a read transaction
is opened on the database first (no checkpoint writes into the file behind a
reader), then a checkpoint from a second connection copies the write-ahead
log's pages into the file up to that reader's snapshot.  When the checkpoint
cannot copy all of them (another program reads an older snapshot), the caller
falls back to the backup API, as it does when the system refuses to read the
file's bytes.  The copy is then opened with the passphrase and its page
count compared before it is kept.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from models.storage import cipher


def copy_file_snapshot(source: Path, target: Path, passphrase: str, *, timeout: float = 10) -> bool:
    """Write the encrypted database at `source` to `target` as its file's bytes; False (nothing written to
    `target`) when its write-ahead log could not be copied into the file first, so the caller copies another way."""
    reader = cipher.connect(source, passphrase, timeout=timeout, isolation_level=None)
    try:
        reader.execute("BEGIN")
        # The read transaction starts here (page 1 is read): from now on no checkpoint writes a later page into the
        # file, and neither does a writer in rollback-journal mode (it waits for this reader).
        pages = int(reader.execute("PRAGMA page_count").fetchone()[0])
        page_size = int(reader.execute("PRAGMA page_size").fetchone()[0])
        if reader.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal" and not _checkpointed(
                source, passphrase, timeout):
            return False
        try:
            _copy_bytes(source, target, pages * page_size)
        except OSError:
            # The system refused to read the file as bytes (on Windows a lock another program holds on part
            # of it can): the backup API reads it through SQLite.  A full disk fails that way too, and says so.
            target.unlink(missing_ok=True)
            return False
    finally:
        if reader.in_transaction:
            reader.execute("ROLLBACK")
        reader.close()
    _check(target, passphrase, pages)
    return True


def _checkpointed(source: Path, passphrase: str, timeout: float) -> bool:
    """Copy the write-ahead log into the file (PASSIVE: waits for no writer); whether all of it was copied."""
    checkpointer = cipher.connect(source, passphrase, timeout=timeout, isolation_level=None)
    try:
        busy, frames, copied = checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        checkpointer.close()
    return busy == 0 and frames == copied


def _copy_bytes(source: Path, target: Path, size: int) -> None:
    """The first `size` bytes of `source` (the whole file but for pages past the database's end), copied by the
    system's own means where it has them (shutil.copyfile: the kernel's copy on Linux and macOS)."""
    shutil.copyfile(source, target)
    copied = target.stat().st_size
    if copied < size:
        raise OSError(f"{source}: {copied} bytes copied, {size} expected")
    if copied > size:
        os.truncate(target, size)


def _check(target: Path, passphrase: str, pages: int) -> None:
    """Refuse a copy that the passphrase does not open or that lacks pages (cipher.DATABASE_ERRORS)."""
    probe = cipher.connect(target, passphrase, immutable=True)
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        copied = int(probe.execute("PRAGMA page_count").fetchone()[0])
    finally:
        probe.close()
    if copied != pages:
        raise cipher.sqlcipher.DatabaseError(f"{target}: the copy holds {copied} pages of {pages}")
