"""Recognising a workbook merged before, byte for byte, so that it is not read again.

The office merges the same folder of laptop workbooks again and again (a new
one arrives, the whole folder is merged once more).  Each file merged whole and
clean is remembered in `merged_file` by the SHA-256 of its bytes; merging a
file whose digest is there writes nothing and gives a receipt that says so,
with all its rows counted as unchanged.  Hashing streams the file in 1 MB
blocks, so memory stays flat
for an office export of any size.

Why answering from the table is the same as reading the file again:

* The database only grows by joins.  A merge adds each incoming version to its
  record's heads and keeps the maximal ones; an edit on this laptop, a settled
  conflict and a hand edit all write a version that has seen the one before.
  Nothing removes a version without putting one above it (records are never
  deleted, only marked).  So every version a merged file brought stays seen by
  some head forever, and offering it again changes nothing — the idempotence
  that `tests/test_merge_laws.py` proves.
* Rows edited or added by hand became edits of this laptop once, and their keys
  stay in `exchange_applied_edit`; reading them again would find the keys and
  change nothing either.
* A file is remembered only in the transaction that wrote it, after it was
  accepted whole: no refused rows, no problems, not cancelled.  A refused or
  cancelled file leaves no trace here and is read in full next time, so fixing
  the database (merging the file with the missing parents first, say) lets it in.
* Restoring a backup copy restores this table with the records: the copy holds
  exactly the files merged before it was made, so files merged after it are
  read in full again, and bring back what the restore removed.
* A workbook this laptop wrote itself is refused once the laptop has changed
  since it was exported ("export again instead").  That rule looks at the
  workbook's device and export clock, which are remembered too, so a
  recognised file gets the same refusal a full read would give.
* Other bytes are another file: the same content saved again by Excel, WPS or
  LibreOffice (or one cell edited by hand) has a new digest and is read in full.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from models.storage.connection import database
from models.records.merged_files import MergedFile
from models.storage.model_sql import column_list, columns_of, insert_statement
from sync.exchange.metadata import Metadata
from sync.exchange.receipts import FileReceipt

BLOCK = 1 << 20
COLUMNS = tuple(columns_of(MergedFile))
# Plain SQL: one look-up per merged file, where peewee's query building cost many times the query.
LOOKUP = f'SELECT {column_list(MergedFile, COLUMNS)} FROM "merged_file" WHERE "sha256" = ?'
INSERT = insert_statement(MergedFile, COLUMNS)


@dataclass(frozen=True)
class Fingerprint:
    sha256: str
    size: int


def fingerprint(path: Path) -> Fingerprint | None:
    """The SHA-256 and size of the file's bytes, read in 1 MB blocks; None if it cannot be read (the reader says why)."""
    digest, size = hashlib.sha256(), 0
    try:
        with path.open("rb") as handle:
            while block := handle.read(BLOCK):
                digest.update(block)
                size += len(block)
    except OSError:
        return None
    return Fingerprint(digest.hexdigest(), size)


def merged_before(file: Fingerprint | None) -> MergedFile | None:
    row = None if file is None else database.execute_sql(LOOKUP, (file.sha256,)).fetchone()
    return None if row is None else MergedFile(**dict(zip(COLUMNS, row)))


def remember(file: Fingerprint | None, path: Path, metadata: Metadata, receipt: FileReceipt) -> None:
    """Record a file just merged whole and clean, in the transaction that wrote its rows."""
    if file is None:
        return
    merged = {
        "sha256": file.sha256, "name": path.name, "size": file.size, "merged_at": dt.datetime.now().isoformat(timespec="seconds"),
        "source_device": metadata.device_id, "source_name": metadata.device_name, "exported_at": metadata.exported_at,
        "export_clock": metadata.clock, "scope": metadata.scope, "new": receipt.new, "updated": receipt.updated,
        "unchanged": receipt.unchanged, "conflicts": receipt.conflicts, "hand_edits": receipt.hand_edits,
        "added_by_hand": receipt.added_by_hand,
    }
    database.execute_sql(INSERT, tuple(merged[column] for column in COLUMNS))


def recognised_receipt(receipt: FileReceipt, known: MergedFile) -> FileReceipt:
    """The receipt of a file merged before: nothing new, every row it brought unchanged."""
    receipt.source_device, receipt.source_name = known.source_device, known.source_name
    receipt.exported_at, receipt.scope = known.exported_at, known.scope
    receipt.unchanged = known.rows
    receipt.merged_before = known.merged_at
    return receipt
