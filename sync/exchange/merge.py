"""Merging exchange workbooks into the open database: one transaction per file, nothing lost.

For every row the workbook brings, the record's heads (`versions.add_head`)
decide: new, already seen (unchanged), newer (updated), or concurrent (a
conflict: the winner goes in the table, the other head is kept in `conflict`).
A row edited by hand becomes a new edit of this laptop on top of the version it
was edited from; a row added by hand becomes a new record, checked like a
roster row.  The kept conflict versions in a workbook's 冲突 sheet merge the
same way, so offices that merge the same files end with the same conflicts.

Any problem refuses the whole file: its transaction rolls back and the receipt
lists where and why.  Other files of the same merge are not affected.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.records.audit import AuditEntry, describe_change
from models.records.base import derived_uuid
from models.storage.collection_pause import fewer_collections
from models.records.conflicts import Conflict
from models.registry.search import HOUSEHOLD, RESIDENT, queue
from models.storage.connection import database, on_postgres
from models.records.devices import remember_devices
from models.records.installation import Installation
from models.storage.model_sql import insert_statement
from models.progress import Cancelled, Progress
from sync.exchange.format import SPECS, VERSION_CHECK_TITLE, digest
from sync.exchange.metadata import high_water_mark
from sync.exchange.reader import (
    MAX_PROBLEMS,
    ExchangeWorkbook,
    IncomingConflict,
    IncomingRow,
    Problem,
    SheetRows,
    WorkbookRejected,
)
from sync.exchange.recognised_files import Fingerprint, fingerprint, merged_before, recognised_receipt, remember
from sync.exchange.read_ahead import MIN_FILES, ReadAhead
from sync.exchange.receipts import FileReceipt
from sync.exchange.values import CellProblem, checked_value
from sync.exchange.versions import Version, add_head, winner

CHUNK = 500
LOOKUP_CHUNK = 5_000  # uuids per SELECT … IN (…): one query for a laptop's sheet
GROUP_ROWS = 20_000  # rows written per commit when merging many files (≈ 20 laptop workbooks)
SEARCHED = {"resident": RESIDENT, "household": HOUSEHOLD}  # what the search queue's triggers queue, and as what
OPEN, IDENTICAL, RESOLVED = "open", "identical", "resolved"
# Rows written as tuples of these columns; every other column gets its model's default.
KEPT_COLUMNS = ("uuid", "record_type", "record_uuid", "payload", "hlc", "device", "vv", "status", "found_at", "source")
KEPT_INSERT = insert_statement(Conflict, KEPT_COLUMNS,
                                   ' ON CONFLICT("uuid") DO UPDATE SET "status" = excluded."status"')
AUDIT_COLUMNS = ("uuid", "hlc", "device", "vv", "at_wall", "user", "record_type", "record_uuid", "action", "changes",
                 "at_hlc")
AUDIT_INSERT = insert_statement(AuditEntry, AUDIT_COLUMNS)


def conflict_payload(values: dict[str, Any]) -> str:
    """A losing version's content as JSON with sorted keys: the same text on every laptop."""
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def conflict_id(record_uuid: str, vv_text: str) -> str:
    """One conflict row per (record, version) on every laptop, so merging twice adds nothing."""
    return derived_uuid("conflict", record_uuid, vv_text)


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass
class _Record:
    """What this merge knows about one record: its heads before and after, and where they came from."""

    local_vv: str | None  # the table row's version before the merge (None: no row)
    heads: list[Version]
    kept: dict[str, str] = field(default_factory=dict)  # vv text -> status of conflict rows stored before
    changed: bool = False


@dataclass(frozen=True)
class _RowOrigin:
    sheet: SheetRows
    row: IncomingRow


class _FileMerge:
    def __init__(self, workbook: ExchangeWorkbook, installation: Installation, receipt: FileReceipt) -> None:
        self.workbook = workbook
        self.installation = installation
        self.receipt = receipt
        self.problems: list[Problem] = []
        self.records: dict[tuple[str, str], _Record] = {}
        self.local: dict[str, dict[str, str | None]] = defaultdict(dict)  # table -> uuid -> the table's vv (None: absent)
        self.with_conflicts: dict[str, set[str]] | None = None
        self.applied_keys: list[tuple[str, str]] = []
        self.audit_rows: list[tuple] = []
        self.max_hlc = 0
        self.kept_seen: set[tuple[str, str, str, str]] = set()  # (PostgreSQL) conflict versions seen by `load_all`
        self.read_at: str | None = None  # (PostgreSQL) the commits mark taken before `load_all` read anything

    # ----- reading the current state -------------------------------------------------

    def _load_local(self, table: str, uuids: list[str]) -> None:
        """Remember the table's version vector of each record (None for records the table lacks).

        Only (uuid, vv): what tells whether a row is held.  The time and device
        of the table's version are read for the few records a file changes
        (`_record`); fetching them for every row made the look-up much slower.
        """
        known = self.local[table]
        wanted = [uuid for uuid in uuids if uuid not in known]
        for chunk in _chunks(wanted, LOOKUP_CHUNK):
            marks = ",".join("?" * len(chunk))
            known.update(dict.fromkeys(chunk))
            known.update(database.execute_sql(f'SELECT uuid, vv FROM "{table}" WHERE uuid IN ({marks})', chunk))

    def load_all(self, sheets: list[SheetRows]) -> None:
        """On a server, the versions held for every sheet of the file in one query (one round trip, not one
        per sheet); SQLite, in the same process, looks each sheet up when it comes (`merge_sheet`)."""
        versions_held = getattr(database.obj, "versions_held", None)
        if versions_held is None:
            return
        self.read_at = database.obj.commits_mark()  # before reading: a commit after it moves the mark
        wanted = {}
        for sheet in sheets:
            known = self.local[sheet.spec.table]
            wanted.setdefault(sheet.spec.table, []).extend(uuid for uuid in sheet.uuids() if uuid not in known)
        for table, uuids in wanted.items():
            self.local[table].update(dict.fromkeys(uuids))
        for table, uuid, vv in versions_held(wanted):
            self.local[table][uuid] = vv
        self.kept_seen = self._kept_now()

    def _kept_now(self) -> set[tuple[str, str, str, str]]:
        """(table, uuid, vv, status) of the kept conflict versions, not resolved, of the records looked up."""
        uuids = list({uuid for known in self.local.values() for uuid in known})
        rows = database.obj.execute_native('SELECT "record_type", "record_uuid", "vv", "status" FROM "conflict" '
                                           'WHERE "record_uuid" = ANY(%s) AND "status" != %s', (uuids, RESOLVED))
        return {tuple(row) for row in rows.fetchall() if row[1] in self.local.get(row[0], ())}

    def still_as_read(self) -> bool:
        """Whether every record this file's decisions read is still as they read it: the same version in its
        table (or still absent), the same kept conflict versions.  On PostgreSQL the decisions are made before
        this workstation's turn to write (`_writing_turn`), and another may have written meanwhile; if no
        transaction that wrote has committed since they read (`PostgresDatabase.commits_mark`), they are."""
        if self.read_at is not None and database.obj.commits_mark() == self.read_at:
            return True
        now: dict[tuple[str, str], str] = {}
        for table, uuid, vv in database.obj.versions_held({table: list(known) for table, known in self.local.items()}):
            now[(table, uuid)] = vv
        for table, known in self.local.items():
            for uuid, vv in known.items():
                if now.get((table, uuid)) != vv:
                    return False
        kept_read = self.kept_seen | {(table, uuid, vv, status) for (table, uuid), record in self.records.items()
                                      for vv, status in record.kept.items()}
        return self._kept_now() == kept_read

    def _exists(self, table: str, uuid: str) -> bool:
        return self.local[table].get(uuid) is not None

    def _conflicted(self, table: str) -> set[str]:
        """Records of `table` with kept conflict versions (all tables read in one query)."""
        if self.with_conflicts is None:
            self.with_conflicts = defaultdict(set)
            for record_type, record_uuid in database.execute_sql(
                    "SELECT DISTINCT record_type, record_uuid FROM conflict WHERE status != ?", (RESOLVED,)):
                self.with_conflicts[record_type].add(record_uuid)
        return self.with_conflicts[table]

    def _stored_values(self, table: str, uuid: str) -> dict[str, Any]:
        columns = SPECS[table].db_columns
        quoted = ", ".join(f'"{column}"' for column in columns)
        row = database.execute_sql(f'SELECT {quoted} FROM "{table}" WHERE uuid = ?', (uuid,)).fetchone()
        return dict(zip(columns, row))

    def _record(self, table: str, uuid: str) -> _Record:
        key = (table, uuid)
        record = self.records.get(key)
        if record is None:
            self._load_local(table, [uuid])
            local_vv = self.local[table].get(uuid)
            heads = []
            if local_vv is not None:
                hlc, device = database.execute_sql(f'SELECT hlc, device FROM "{table}" WHERE uuid = ?', (uuid,)).fetchone()
                heads.append(Version(local_vv, hlc, device, origin=("table", table, uuid)))
            record = _Record(local_vv, heads)
            if uuid in self._conflicted(table):
                for vv, hlc, device, payload, status in database.execute_sql(
                    "SELECT vv, hlc, device, payload, status FROM conflict WHERE record_type = ? AND record_uuid = ? "
                    "AND status != ?", (table, uuid, RESOLVED)
                ):
                    record.heads.append(Version(vv, hlc, device, values=json.loads(payload)))
                    record.kept[vv] = status
            self.records[key] = record
        return record

    # ----- offering versions -------------------------------------------------------------

    def offer(self, table: str, uuid: str, version: Version) -> str:
        """Merge one version into the record's heads; returns new, updated, unchanged or conflict."""
        if version.hlc > self.max_hlc:
            self.max_hlc = version.hlc
        record = self.records.get((table, uuid))
        if record is None and uuid not in self._conflicted(table):
            known = self.local[table]
            local = known.get(uuid)
            if local is not None and local == version.vv_text:
                return "unchanged"
            if local is None and uuid in known:  # the table lacks it: the common case of a first merge
                self.records[(table, uuid)] = _Record(None, [version], changed=True)
                return "new"
        if record is None:
            record = self._record(table, uuid)
        before = len(record.heads)
        heads = add_head(record.heads, version)
        if heads is None:
            return "unchanged"
        record.heads = heads
        record.changed = True
        if before == 0:
            return "new"
        return "updated" if len(heads) == 1 else "conflict"

    def merge_sheet(self, sheet: SheetRows, progress: Progress, done: int, total: int) -> int:
        """Merge a sheet's rows: first one bulk look-up of the versions held, then the rows that can change something."""
        table = sheet.spec.table
        self._load_local(table, sheet.uuids())
        known = self.local[table]
        occurrences: dict[tuple, int] = defaultdict(int)
        for start in range(0, sheet.height, CHUNK):
            progress.step(done + start, total, sheet.spec.title)
            held, rows = sheet.rows_to_merge(known, start, start + CHUNK)
            self.receipt.unchanged += held  # the common case of merging again: nothing to do
            for row in rows:
                if row.uuid and not row.version_intact:
                    self.problems.append(Problem(sheet.spec.title, row.row_number, VERSION_CHECK_TITLE,
                                                 "the key columns (标识, 版本, 时间戳, 设备) were changed; "
                                                 "they must not be edited"))
                elif row.hand_edited:
                    occurrence = occurrences[tuple(row.texts)]
                    occurrences[tuple(row.texts)] += 1
                    self._hand_edit(sheet, row, occurrence)
                else:
                    version = Version(row.vv, row.hlc, row.device, origin=_RowOrigin(sheet, row))
                    self.receipt.count(self.offer(table, row.uuid, version))
        return done + sheet.height

    def merge_kept_conflicts(self, conflicts: list[IncomingConflict]) -> None:
        for conflict in conflicts:
            version = Version(conflict.vv, conflict.hlc, conflict.device, values=conflict.values)
            self.receipt.count(self.offer(conflict.table, conflict.uuid, version))

    # ----- hand edits ----------------------------------------------------------------------

    def _checked_values(self, sheet: SheetRows, row: IncomingRow) -> dict[str, Any] | None:
        values, ok = {}, True
        for column in sheet.spec.content:
            try:
                values[column.column] = checked_value(sheet.spec, column, sheet.cell(row, column.title))
            except CellProblem as problem:
                self.problems.append(Problem(sheet.spec.title, row.row_number, column.title, str(problem)))
                ok = False
        return values if ok else None

    def _already_applied(self, key: str) -> bool:
        return database.execute_sql("SELECT 1 FROM exchange_applied_edit WHERE key = ?", (key,)).fetchone() is not None

    def _hand_edit(self, sheet: SheetRows, row: IncomingRow, occurrence: int) -> None:
        table = sheet.spec.table
        if row.uuid:
            key = digest("hand", table, row.uuid, row.vv, *row.texts)
            uuid = row.uuid
        else:
            key = digest("added", table, str(occurrence), *row.texts)
            uuid = derived_uuid("added-by-hand", table, str(occurrence), *row.texts)
        if self._already_applied(key) or any(k == key for k, _ in self.applied_keys):
            self.receipt.unchanged += 1
            return
        values = self._checked_values(sheet, row)
        if values is None:
            return
        hlc, vv_text = self.installation.next_version(row.vv or None)
        version = Version(vv_text, hlc, self.installation.device_id, values=values, origin=_RowOrigin(sheet, row))
        self._load_local(table, [uuid])
        before = self._stored_values(table, uuid) if self._exists(table, uuid) else None
        self.receipt.count(self.offer(table, uuid, version))
        if row.uuid:
            self.receipt.hand_edits += 1
        else:
            self.receipt.added_by_hand += 1
        self.applied_keys.append((key, uuid))
        self._audit(table, uuid, before, values)

    def _audit(self, table: str, uuid: str, before: dict | None, after: dict) -> None:
        """An audit entry for a hand edit: it is a change made on this laptop."""
        action, changes = describe_change(before, after)
        hlc, vv_text = self.installation.next_version(None)
        entry_uuid = derived_uuid("hand-edit-audit", uuid, vv_text, self.installation.device_id)
        entry = {
            "uuid": entry_uuid, "hlc": hlc, "device": self.installation.device_id, "vv": vv_text,
            "at_wall": dt.datetime.now().isoformat(timespec="seconds"), "user": self.installation.user_name,
            "record_type": table, "record_uuid": uuid, "action": action,
            "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True), "at_hlc": hlc,
        }
        self.audit_rows.append(tuple(entry[column] for column in AUDIT_COLUMNS))

    # ----- writing -----------------------------------------------------------------------

    def _values_of(self, table: str, version: Version) -> dict[str, Any]:
        if version.values is None:
            origin = version.origin
            if isinstance(origin, _RowOrigin):
                version.values = self._row_values(origin.sheet, origin.row)
            else:
                version.values = self._stored_values(table, origin[2])
        return version.values

    def _row_values(self, sheet: SheetRows, row: IncomingRow) -> dict[str, Any]:
        """The stored values of a row Lianxin wrote (its content check matched): converted by the
        reader already (`SheetRows.check_rows`), or here, where a cell that cannot be is a problem."""
        values = row.values
        if values is None:
            def problem(column, error: CellProblem) -> None:
                self.problems.append(Problem(sheet.spec.title, row.row_number, column.title, str(error)))

            values = sheet.plan.row_values(row.texts, row.cells, problem)
        return dict(zip(sheet.plan.names, values))

    def write(self, source: str) -> None:
        upserts: dict[str, list[tuple[Version, dict]]] = defaultdict(list)
        conflict_rows: list[tuple] = []
        resolved: list[tuple[str]] = []
        found_at = dt.datetime.now().isoformat(timespec="seconds")
        for (table, uuid), record in self.records.items():
            if not record.changed:
                continue
            top = winner(record.heads)
            top_values = self._values_of(table, top)
            if top.vv_text != record.local_vv:
                upserts[table].append((top, top_values | {"uuid": uuid}))
            keep = {head.vv_text: head for head in record.heads if head is not top}
            for vv in record.kept:
                if vv not in keep:
                    resolved.append((conflict_id(uuid, vv),))
            for vv, head in keep.items():
                values = self._values_of(table, head)
                status = IDENTICAL if values == top_values else OPEN
                if record.kept.get(vv) != status:
                    kept = {"uuid": conflict_id(uuid, vv), "record_type": table, "record_uuid": uuid,
                            "payload": conflict_payload(values), "hlc": head.hlc, "device": head.device, "vv": vv,
                            "status": status, "found_at": found_at, "source": source}
                    conflict_rows.append(tuple(kept[column] for column in KEPT_COLUMNS))
        if self.problems:
            raise WorkbookRejected(self.workbook.name, self.problems[:MAX_PROBLEMS])
        self._check_references(upserts)
        self._write_records(upserts)
        cursor = database.cursor()
        cursor.executemany("UPDATE conflict SET status = 'resolved' WHERE uuid = ?", resolved)
        cursor.executemany(KEPT_INSERT, conflict_rows)
        cursor.executemany("INSERT OR IGNORE INTO exchange_applied_edit (key, record_uuid, applied_at) VALUES (?, ?, ?)",
                           [(key, uuid, found_at) for key, uuid in self.applied_keys])
        cursor.executemany(AUDIT_INSERT, self.audit_rows)
        self.installation.clock.observe(self.max_hlc)
        self.installation.save_clock()

    def _write_records(self, upserts: dict[str, list[tuple[Version, dict]]]) -> None:
        """The records' rows.  On PostgreSQL the search queue is filled with one statement per table rather
        than by its row triggers (a PL/pgSQL call per row written: a third of writing the residents)."""
        if not on_postgres():
            for table, rows in upserts.items():
                self._upsert(table, rows)
            return
        with database.obj.indexing_myself():
            for table, rows in upserts.items():
                self._upsert(table, rows)
        queue([(values["uuid"], kind) for table, kind in SEARCHED.items() for _, values in upserts.get(table, ())])

    def _upsert(self, table: str, rows: list[tuple[Version, dict]]) -> None:
        """Insert new records and update known ones (two plain statements: an UPSERT would override
        the conflict clause of other modules' triggers on these tables)."""
        spec = SPECS[table]
        columns = ["hlc", "device", "vv"] + spec.db_columns
        inserted = [(version, values) for version, values in rows if not self._exists(table, values["uuid"])]
        updated = [(version, values) for version, values in rows if self._exists(table, values["uuid"])]
        cursor = database.cursor()
        if inserted:  # (a COPY on PostgreSQL: `models.storage.postgres`)
            quoted = ", ".join(f'"{c}"' for c in ["uuid", *columns])
            cursor.executemany(
                f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * (len(columns) + 1))})',
                [(values["uuid"], version.hlc, version.device, version.vv_text, *(values[c] for c in spec.db_columns))
                 for version, values in inserted])
        if updated:
            assignments = ", ".join(f'"{c}" = ?' for c in columns)
            cursor.executemany(
                f'UPDATE "{table}" SET {assignments} WHERE uuid = ?',
                [(version.hlc, version.device, version.vv_text, *(values[c] for c in spec.db_columns), values["uuid"])
                 for version, values in updated])

    def _check_references(self, upserts: dict[str, list[tuple[Version, dict]]]) -> None:
        """Every foreign key about to be written must point at a record in the database or in this file."""
        wanted: dict[str, dict[str, tuple[Version, Any]]] = defaultdict(dict)  # parent -> target -> first row naming it
        for table, rows in upserts.items():
            for key in SPECS[table].keys:
                targets = wanted[key.parent]
                for version, values in rows:
                    target = values.get(key.column)
                    if target and target not in targets:
                        targets[target] = (version, key)
        for parent, targets in wanted.items():
            found = {values["uuid"] for _, values in upserts.get(parent, ())}
            uuids = [uuid for uuid in targets if uuid not in found]
            for chunk in _chunks(uuids):
                marks = ",".join("?" * len(chunk))
                found.update(r[0] for r in database.execute_sql(f'SELECT uuid FROM "{parent}" WHERE uuid IN ({marks})', chunk))
            for missing in (u for u in uuids if u not in found):
                version, key = targets[missing]
                origin = version.origin
                sheet = origin.sheet.spec.title if isinstance(origin, _RowOrigin) else "冲突"
                row = origin.row.row_number if isinstance(origin, _RowOrigin) else None
                self.problems.append(Problem(sheet, row, key.title, f"points to {SPECS[parent].title} {missing}, which is "
                                             "neither in this workbook nor in the database"))
                if len(self.problems) >= MAX_PROBLEMS:
                    break
        if self.problems:
            raise WorkbookRejected(self.workbook.name, self.problems)


def _refuse_own_old_workbook(name: str, device_id: str, clock: int, exported_at: str,
                             installation: Installation) -> None:
    if device_id == installation.device_id and clock < high_water_mark():
        raise WorkbookRejected(name, [Problem("说明", None, None,
            f"this laptop wrote this workbook ({exported_at}) and has changed since; an old copy of its own "
            "data would bring back old versions — export again instead")])


class MergeStopped(Exception):
    """A merge stopped by an error (a full disk, the lock, Ctrl+C) after committing some files.

    `kept` are the receipts of the files committed before it stopped (each
    whole); `stopped_at` is the first file not kept; `cause` is what stopped
    it.  Nothing of `stopped_at` or of the files after it was kept.
    """

    def __init__(self, kept: list[FileReceipt], stopped_at: Path, cause: BaseException) -> None:
        super().__init__(f"the merge stopped at {stopped_at.name} ({type(cause).__name__})")
        self.kept, self.stopped_at, self.cause = kept, stopped_at, cause


class _Once:
    """`before_writing`, called once, just before the merge's first write (a backup copy)."""

    def __init__(self, call: Callable[[], object] | None) -> None:
        self._call = call

    def __call__(self) -> None:
        call, self._call = self._call, None
        if call is not None:
            call()


def merge_workbook(path: str | Path, *, installation: Installation, progress: Progress | None = None) -> FileReceipt:
    """Merge one workbook in its own transaction; a refusal is reported in the receipt, not raised."""
    with database.atomic("IMMEDIATE"):
        path = Path(path)
        return _merge_file(0, ReadAhead([path], []), fingerprint(path), installation, progress or Progress(), _Once(None),
                           _writing_turn if on_postgres() else None)


class _Stale(Exception):
    """Another workstation wrote what this file's decisions read, before this one's turn to write came."""


class _ReadOnce:
    """File `index`'s workbook, read (or taken from the readers) once however often its decisions are made."""

    def __init__(self, reading: ReadAhead, index: int, progress: Progress) -> None:
        self.reading, self.index, self.progress = reading, index, progress
        self._workbook: ExchangeWorkbook | None = None

    def __call__(self) -> ExchangeWorkbook:
        if self._workbook is None:
            self._workbook = self.reading.workbook(self.index, self.progress)
        return self._workbook

    def skip(self) -> None:
        if self._workbook is None:
            self.reading.skip(self.index)


def _merge_file(index: int, reading: ReadAhead, file_print: Fingerprint | None, installation: Installation,
                progress: Progress, before_writing: _Once,
                turn: Callable[[_FileMerge, Fingerprint | None], bool] | None = None) -> FileReceipt:
    """Merge one workbook inside the caller's transaction, all or nothing.

    `turn` (PostgreSQL) is called after the decisions, before the first write: it waits for this
    workstation's turn to write and says whether what the decisions read is unchanged.  If it is not,
    the decisions are made again, in the turn (which lasts until the transaction ends): the
    workbook is not read again.
    """
    read = _ReadOnce(reading, index, progress)
    try:
        return _merge_read_file(read, reading.paths[index], file_print, installation, progress, before_writing, turn)
    except _Stale:
        return _merge_read_file(read, reading.paths[index], file_print, installation, progress, before_writing, None)


def _merge_read_file(read: _ReadOnce, path: Path, file_print: Fingerprint | None, installation: Installation,
                     progress: Progress, before_writing: _Once,
                     turn: Callable[[_FileMerge, Fingerprint | None], bool] | None) -> FileReceipt:
    """(`_merge_file`, once.)

    Everything is read, decided and checked before the first write, and a
    refusal or a cancel comes before it: a refused file leaves the transaction
    as it found it without a savepoint, whose journal of every page a file
    touches made writing much slower (docs/workbook.md has the figures).
    A file merged whole before, byte for byte, is not read at all (`recognised_files`).
    """
    receipt = FileReceipt(path.name)
    try:
        known = merged_before(file_print)
        if known is not None:  # these very bytes were merged whole before: nothing in them can be new
            read.skip()
            _refuse_own_old_workbook(path.name, known.source_device, known.export_clock, known.exported_at, installation)
            return recognised_receipt(receipt, known)
        workbook = read()
        meta = workbook.metadata
        receipt.source_device, receipt.source_name = meta.device_id, meta.device_name
        receipt.exported_at, receipt.scope = meta.exported_at, meta.scope
        receipt.ignored_sheets, receipt.ignored_columns = workbook.ignored_sheets, workbook.ignored_columns
        _refuse_own_old_workbook(path.name, meta.device_id, meta.clock, meta.exported_at, installation)
        total = sum(sheet.height for sheet in workbook.sheets) + 1
        merge = _FileMerge(workbook, installation, receipt)
        done = 0
        merge.load_all(workbook.sheets)
        for sheet in workbook.sheets:
            done = merge.merge_sheet(sheet, progress, done, total)
        merge.merge_kept_conflicts(workbook.conflicts)
        receipt.lenient_dates = workbook.lenient_dates  # (counted while the sheets were hashed)
        progress.step(done, total, path.name)  # the last chance to cancel: writing is not interrupted
        if turn is not None and not turn(merge, file_print):
            raise _Stale
        before_writing()  # (in the turn: two workstations' copies of one master would be made at the same moment)
        remember_devices(meta.devices)  # so its records' devices can be named (history, conflicts)
        merge.write(str(path.name))
        remember(file_print, path, meta, receipt)
    except WorkbookRejected as rejection:
        receipt.refuse(rejection.lines())
    return receipt


def merge_workbooks(paths: list[str | Path], *, installation: Installation, progress: Progress | None = None,
                    read_ahead_from: int | None = None,
                    before_writing: Callable[[], object] | None = None) -> list[FileReceipt]:
    """Merge several workbooks, each all-or-nothing, and return one receipt per file.

    Files are merged in groups that share one transaction; each file is all or
    nothing (`_merge_file` writes only once it is accepted), so a refused file
    leaves the others alone, exactly as a transaction of its own would.  An
    unexpected database error rolls back the whole group.  Committing once per
    group rather than once per file is what makes an office merge fast: uuid
    keys are random, so every file touches pages all over each index, and
    every commit writes (and later checkpoints) all of them again.  Cancelling
    rolls back the file being merged and commits the files before it.

    `before_writing` is called once, inside the transaction and just before
    the first write of the whole merge: the command line and the window make
    their backup copy there (`backups.make_backup`), so a merge that writes
    nothing (every file refused, or merged before) makes none.

    An error other than a cancel (a full disk, Ctrl+C) raises `MergeStopped`
    with the receipts of the files committed before it.
    """
    progress = progress or Progress()
    receipts: list[FileReceipt] = []
    files = [Path(path) for path in paths]
    prints = [fingerprint(path) for path in files]
    to_read = [index for index, file_print in enumerate(prints) if merged_before(file_print) is None]
    once = _Once(before_writing)
    committed = 0
    try:
        with _references_checked_by_the_merge(), fewer_collections(), ReadAhead(files, to_read, read_ahead_from or MIN_FILES) as reading:
            while len(receipts) < len(files):
                _merge_group(reading, prints, receipts, installation, progress, once)
                committed = len(receipts)
    except Cancelled:
        raise
    except BaseException as error:
        if committed == len(files):
            return receipts  # stopped while the readers shut down: every file is committed
        kept = receipts[:committed]  # the group under way rolled back; the groups before it are committed
        raise MergeStopped(kept, files[committed], error) from error
    progress.step(len(paths), len(paths), "")
    return receipts


@contextmanager
def _references_checked_by_the_merge():
    """Let the merge alone check the keys it writes (`_check_references`), not SQLite as well.

    Every key a merge writes is checked in one query per parent table before
    its file is accepted; SQLite's own check of the same keys looks each parent
    up again, row by row, a large part of a first merge's time.  The merge deletes
    nothing, so no other key can break.  SQLite ignores the pragma inside a
    transaction: a caller that already holds one keeps both checks.
    """
    enforced = database.execute_sql("PRAGMA foreign_keys").fetchone()[0]
    database.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA foreign_keys = {int(enforced)}")


def _merge_group(reading: ReadAhead, prints: list[Fingerprint | None], receipts: list[FileReceipt],
                 installation: Installation, progress: Progress, before_writing: _Once) -> None:
    """Merge the next files into one transaction until about GROUP_ROWS rows were written.

    On PostgreSQL each file is a transaction of its own: its turn to write (`_writing_turn`)
    lasts until its transaction ends, and another workstation waits for it meanwhile.
    """
    cancelled: Cancelled | None = None
    written = 0
    paths = reading.paths
    turn = _writing_turn if on_postgres() else None
    with database.atomic("IMMEDIATE"):
        while len(receipts) < len(paths) and written < GROUP_ROWS:
            index = len(receipts)
            try:
                progress.step(index, len(paths), paths[index].name)
                receipt = _merge_file(index, reading, prints[index], installation,
                                      _FileProgress(progress, index, len(paths)), before_writing, turn)
            except Cancelled as cancel:
                cancelled = cancel
                break
            receipts.append(receipt)
            written += receipt.new + receipt.updated + receipt.conflicts
            if turn is not None:
                break
    if cancelled is not None:
        raise cancelled


def _writing_turn(merge: _FileMerge, file_print: Fingerprint | None) -> bool:
    """On PostgreSQL, several workstations merge into one database: they read their workbooks and decide
    what each row does at the same time, and take turns to write (`PostgresDatabase.hold_merge_lock`, held
    until the file's transaction ends).  True if nothing the decisions read was written meanwhile (by
    another workstation's turn); else the caller decides again, in its turn.  SQLite's writer lock is taken
    before anything is read instead: one machine, one writer."""
    database.obj.hold_merge_lock()
    database.obj.plan_afresh()  # the key checks at commit, planned for the tables as they are now
    return merged_before(file_print) is None and merge.still_as_read()


class _FileProgress(Progress):
    """Progress within one file of several, reported as a share of the whole merge."""

    def __init__(self, outer: Progress, index: int, count: int) -> None:
        super().__init__(cancel_event=outer.cancel_event, min_interval=0)
        self._outer, self._index, self._count = outer, index, count

    def step(self, done: int, total: int, message: str = "") -> None:
        share = (self._index + (done / total if total else 1)) / self._count
        self._outer.step(int(share * 10_000), 10_000, message)
