"""Importing a roster: read, check every row, write the good ones in one transaction.

The whole import is one transaction: the report a person sees in a dry run is the
report of the real import (a dry run *is* the import, rolled back).  Rows stream
from the workbook in batches, so Python holds one batch, not the file, plus two
dicts: the ID numbers seen (to name repeats) and the address → household map.

Households are formed by where people live: 楼栋/单元/门牌号 when the row gives
them, else the 现住址 (住址…) column; the 户籍地址 is stored on the resident and
counted (人户分离) but never forms a household (`sync.roster.rows.RowReader._home`).
A second 户主 row at an address that already has one from this roster starts a
household of its own there (一址多户), which the report names by row and column.
Households are matched by normalised address and residents by ID number (or,
without one, by name within the household), so importing the same roster again
writes nothing: no new rows, no new versions.  New rows are bulk-inserted with
`executemany` and stamped here (hlc, device, version vector) because `save()`
per row would cost minutes at 350,000 residents; one summary audit entry records
the import.  The import is one edit, so every record it creates carries the same
version: one tick of the clock for the whole run.

Speed (tests/benchmarks/bench_roster_import.py): each row is checked by one
`RowReader` compiled for the header, and a big streamed sheet is read and
checked by a second process (`checked_rows`); existing residents are looked up
per batch (as tuples) only when the registry had any before the import began;
new places, rows and their search documents are inserted by a `BulkWriter` on
a second thread while this one matches and builds the next batch, and the
search keys of every `KEYS_EVERY` batches are sorted into their index together.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import uuid as uuid_module
from collections import namedtuple
from dataclasses import dataclass, field
from pathlib import Path

from models.registry import search
from models.registry.addresses import address_key
from models.records.audit import AuditEntry
from models.storage.bulk_writer import BulkWriter
from models.records.clock import dumps_vector
from models.storage.collection_pause import fewer_collections
from models.storage.deferred_indexes import deferred_indexes
from models.storage.connection import database
from models.records.installation import current_installation
from models.storage.model_sql import column_list, insert_statement
from models.storage.ordered_ids import OrderedIds
from models.records.people import Household, Resident
from models.progress import Progress
from sync.roster.checked_rows import CheckedRows, CheckedRowsFromProcess, checked_rows
from sync.roster.columns import HEADER_SEARCH_ROWS, Header, find_header, with_mapping
from sync.roster.micro_grid_book import MicroGridBook, MicroGridCounts
from sync.roster.place_book import HouseholdsByAddress, PlaceBook
from sync.roster.rows import BY_ADDRESS, BY_PARTS, BY_PARTS_ADDRESS_DIFFERS, RosterRow, RowProblem
from sync.spreadsheet import WorkbookRefused, column_letter, open_workbook

BATCH = 2_000
KEYS_EVERY = 10  # batches whose search keys are sorted into the index together (see `_insert`)
MAX_LISTED_PROBLEMS = 20_000

# What a roster may change of a resident it finds again (a `RosterRow` has the same names).
UPDATABLE = ("name", "relation", "sex", "birth_date", "phone", "ethnicity", "tags", "notes", "registered_address")
updatable = operator.attrgetter(*UPDATABLE)
# A resident as the registry has it, for comparing with a roster row (a tuple: 350,000 of them on re-import).
Stored = namedtuple("Stored", ("uuid", "household_id", "vv", *UPDATABLE, "id_number"))
STORED_COLUMNS = column_list(Resident, Stored._fields)

# The rows the import writes, as tuples of these columns; every other column gets its model's default.
HOUSEHOLD_COLUMNS = ("uuid", "hlc", "device", "vv", "grid_id", "building_id", "unit_id", "room", "address")
HOUSEHOLD_INSERT = insert_statement(Household, HOUSEHOLD_COLUMNS)
HOUSEHOLD_UUID, HOUSEHOLD_ADDRESS = HOUSEHOLD_COLUMNS.index("uuid"), HOUSEHOLD_COLUMNS.index("address")
RESIDENT_COLUMNS = ("uuid", "hlc", "device", "vv", "household_id", "name", "relation", "sex", "birth_date", "id_number",
                    "phone", "ethnicity", "tags", "notes", "registered_address")
RESIDENT_INSERT = insert_statement(Resident, RESIDENT_COLUMNS)
RESIDENT_UUID = RESIDENT_COLUMNS.index("uuid")


class RosterRefused(Exception):
    """The file is not a roster we can import at all; nothing was written."""


@dataclass
class RosterReport:
    file: str
    sheet: str = ""
    header: Header | None = None
    data_rows: int = 0
    households_created: int = 0
    households_matched: int = 0
    residents_created: int = 0
    residents_updated: int = 0
    residents_unchanged: int = 0
    places_created: int = 0
    refused_rows: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    problems_not_listed: int = 0
    end_row: int | None = None
    written: bool = False
    dry_run: bool = False
    # How households were formed: households by way (`sync.roster.rows.BY_…`), created or matched.
    formed: list[int] = field(default_factory=lambda: [0, 0, 0])
    address_title: str = "住址"  # the roster's own title of its address column, for the report
    birth_dates_read_leniently: int = 0  # 出生日期 cells that were a plain number (a serial) or typed text
    rows_address_differs: int = 0  # rows whose 现住址 named another place than their 楼栋/单元/门牌号
    second_heads: int = 0  # 户主 rows at an address that had a 户主 from this roster (一址多户)
    registration_known: int = 0  # imported rows with a 户籍地址
    living_away: int = 0  # …of them registered elsewhere than where they live (人户分离)
    communities_matched: dict[str, str] = field(default_factory=dict)  # community → sub-district it was found under
    ambiguous_communities: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # → [(uuid, sub-district)]
    micro_grids: MicroGridCounts = field(default_factory=MicroGridCounts)  # what the 微网格 columns did

    @property
    def imported_rows(self) -> int:
        return self.residents_created + self.residents_updated + self.residents_unchanged

    @property
    def changed(self) -> bool:
        micro = self.micro_grids
        return bool(self.households_created or self.residents_created or self.residents_updated or self.places_created
                    or micro.created or micro.leaders_changed or micro.households_placed)

    def summary_lines(self) -> list[str]:
        if self.dry_run:
            mode = "试导入，未写入"
        elif self.written:
            mode = "已导入"
        else:
            mode = "与登记册相同，没有需要写入的内容" if self.imported_rows else "未写入"
        lines = [
            f"{self.file}，工作表“{self.sheet}”，表头在第 {self.header.row} 行：{mode}",
            f"数据行 {self.data_rows}，可导入 {self.imported_rows}，拒绝 {self.refused_rows}",
            f"住户：新增 {self.households_created}，已有 {self.households_matched}",
            f"居民：新增 {self.residents_created}，更新 {self.residents_updated}，无变化 {self.residents_unchanged}",
            *self.formation_lines(),
        ]
        ignored = self.header.unmapped()
        if ignored:
            lines.append("未使用的列：" + "、".join(f"{column_letter(c)} {t}" for c, t in sorted(ignored.items())))
        micro = self.micro_grids
        if micro.created or micro.leaders_changed or micro.households_placed:
            lines.append(f"微网格：新增 {micro.created}，更新微网格长 {micro.leaders_changed}，"
                         f"住户划入 {micro.households_placed}")
        if self.birth_dates_read_leniently:
            lines.append(f"出生日期：{self.birth_dates_read_leniently} 个是数字或文字，已按日期读出")
        if self.end_row is not None:
            lines.append(f"第 {self.end_row} 行是合计或签字行，表格到此为止")
        return lines

    def formation_lines(self) -> list[str]:
        """How households were formed, who lives away from their registration, and the places matched by name."""
        by_parts = self.formed[BY_PARTS] + self.formed[BY_PARTS_ADDRESS_DIFFERS]
        by_address = self.formed[BY_ADDRESS]
        ways = []
        if by_parts:
            ways.append(f"按楼栋/单元/门牌号归户，{by_parts:,} 户")
        if by_address:
            ways.append(("没有门牌号的行" if by_parts else "") + f"按{self.address_title}归户，{by_address:,} 户")
        lines = ["；".join(ways)] if ways else []
        if self.rows_address_differs:
            lines.append(f"{self.rows_address_differs:,} 行的{self.address_title}没有写到楼栋/单元/门牌号：补上它们后归户，"
                         "不同门牌号不合为一户")
        if self.second_heads:
            lines.append(f"一址多户：{self.second_heads:,} 个户主所在的住址已有本表前面的户主，各自另立一户（见问题行）")
        if self.header is not None and self.header.column_of("registered_address") is not None:
            lines.append(f"人户分离：{self.living_away:,} 人（户籍地址与现住地不是同一处；有户籍地址的 {self.registration_known:,} 人中）")
        for name, sub_district in sorted(self.communities_matched.items()):
            lines.append(f"表中没有街道：社区“{name}”按名称归入登记册中{sub_district}的“{name}”")
        for name, found in sorted(self.ambiguous_communities.items()):
            lines.append(f"表中没有街道：社区“{name}”在登记册中有 {len(found)} 个（{'、'.join(sub for _, sub in found)}），"
                         "导入前需要选定是哪一个")
        return lines


def import_roster(
    path: str | Path,
    *,
    sheet: str | None = None,
    dry_run: bool = False,
    mapping: dict[int, str | None] | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
    communities: dict[str, str | None] | None = None,
) -> RosterReport:
    """Import the roster at `path`; with `dry_run` check everything and write nothing.

    `mapping` (0-based column → field name, or None to ignore a column) overrides
    the automatic reading of the header.  `communities` says which of the
    registry's communities a roster without 街道 means where several have its
    name (`sync.roster.place_book.PlaceBook`); left open, a dry run lists them in the
    report and a real import is refused.  Raises `RosterRefused` for a file that
    is no roster at all; row problems go into the report instead.
    """
    progress = progress or Progress()
    path = Path(path)
    report = RosterReport(file=path.name, dry_run=dry_run)
    try:
        with open_workbook(path) as workbook:
            sheet_name, header, rows, height = _locate(workbook, sheet)
            if mapping:
                header = with_mapping(header, mapping)
            _require_columns(path, sheet_name, header)
            report.sheet, report.header = sheet_name, header
            today = today or dt.date.today()
            columns = {name: column for column, name in header.columns.items()}
            with database.atomic() as transaction, search.indexing_myself():
                work = _Import(report, header, progress, communities)
                checked = checked_rows(workbook, path, sheet_name, header.row, columns, today, rows, height)
                try:
                    work.run(checked, height)
                finally:
                    checked.close()  # on every path: a reading process never outlives its import
                if report.data_rows == 0:
                    raise RosterRefused(f"{path.name}，工作表“{sheet_name}”：表头下面没有数据行")
                if report.ambiguous_communities and not dry_run:
                    raise RosterRefused(ambiguity(report))
                if dry_run or not report.changed:
                    transaction.rollback()
                else:
                    report.written = True
    except WorkbookRefused as refusal:
        raise RosterRefused(refusal.message) from None
    return report


def ambiguity(report: RosterReport) -> str:
    """Why an import whose communities were left open is refused: one line naming file, sheet and the sub-districts."""
    ambiguous = report.ambiguous_communities
    name, found = sorted(ambiguous.items())[0]
    more = f"（另有 {len(ambiguous) - 1} 个社区也是如此）" if len(ambiguous) > 1 else ""
    return (f"{report.file}，工作表“{report.sheet}”：表中没有“街道”一列，社区“{name}”在登记册中有 {len(found)} 个"
            f"（{'、'.join(sub for _, sub in found)}），无法确定是哪一个{more}；请在表中加一列“街道”后再导入，"
            "或在窗口中导入并选择；没有写入任何内容")


def _locate(workbook, sheet: str | None):
    """(sheet, header, the rows after the header, the sheet's height if known)."""
    candidates = [sheet] if sheet is not None else workbook.sheet_names
    first_rows_seen = False
    for name in candidates:
        rows = workbook.iter_rows(name)
        top = []
        for item in rows:
            top.append(item)
            if len(top) >= HEADER_SEARCH_ROWS:
                break
        first_rows_seen = first_rows_seen or bool(top)
        header = find_header(top)
        if header is not None:
            after = [item for item in top if item[0] > header.row]
            return name, header, _rest_of(after, rows), workbook.heights.get(name)
    where = f"工作表“{sheet}”" if sheet is not None else "所有工作表"
    if not first_rows_seen:
        raise WorkbookRefused(f"{where}都是空的，没有可导入的数据", file=workbook.path)
    raise WorkbookRefused(
        f"{where}的前 {HEADER_SEARCH_ROWS} 行里找不到表头（需要一行同时有“姓名”和身份证号、住址等栏目）",
        file=workbook.path,
    )


def _rest_of(buffered: list, rows):
    """The buffered rows, then the rest; closing it closes the reader underneath."""
    try:
        yield from buffered
        yield from rows
    finally:
        rows.close()


def _require_columns(path: Path, sheet: str, header: Header) -> None:
    fields = set(header.columns.values())
    if "name" not in fields:
        raise RosterRefused(f"{path.name}，工作表“{sheet}”，第 {header.row} 行：表头里没有“姓名”栏目")
    if not fields.intersection({"address", "building", "room"}):
        registration = header.column_of("registered_address")
        if registration is not None:
            raise RosterRefused(
                f"{path.name}，工作表“{sheet}”，第 {header.row} 行：表头里只有户籍地址（{column_letter(registration)} 列"
                f"“{header.titles[registration]}”），没有现住址、楼栋或门牌号；户籍地址是户口登记的地方，不一定是住的地方，"
                "不能用来归户。请在表中加一列现住址，或在窗口的预览中把这一列改读为“住址”"
            )
        raise RosterRefused(
            f"{path.name}，工作表“{sheet}”，第 {header.row} 行：表头里没有现住址、楼栋或门牌号栏目，无法按住址归户"
        )


class _Import:
    """One import run: the state shared by its batches."""

    def __init__(self, report: RosterReport, header: Header, progress: Progress,
                 communities: dict[str, str | None] | None = None) -> None:
        self.report = report
        self.header = header
        self.progress = progress
        self.installation = current_installation()
        self.ids = OrderedIds()
        self.places = PlaceBook(self.installation.device_id, self._stamp, self.ids, communities)
        address_column = header.column_of("address")
        if address_column is not None:
            report.address_title = header.titles[address_column]
        self.head_row_of_key: dict[str, int] = {}  # address key → the first 户主 row of this roster there
        self.index = search.BulkIndexer()
        self.households = HouseholdsByAddress()
        self.micro_grids = MicroGridBook()
        self.headless: set[str] = set()  # households created here that have no resident from this file yet
        # ID number → the row it first appeared on, keyed by the number the first 17
        # digits make (the 18th follows from them).
        self.first_row_of_number: dict[int, int] = {}
        self.first_row_of_person: dict[tuple[str, str], int] = {}
        # Residents that were in the registry before this import; the file's own repeats
        # are caught by "roster_first_row", so an empty registry needs no lookups at all.
        self.registry_had_residents = database.execute_sql(
            "SELECT EXISTS (SELECT 1 FROM resident WHERE deleted = 0)"
        ).fetchone()[0] == 1
        self.version: tuple[int, str] | None = None
        self.writer: BulkWriter | None = None
        self.batches_since_keys = 0

    # -- the run ---------------------------------------------------------------------------

    def run(self, checked: CheckedRows | CheckedRowsFromProcess, height: int | None) -> None:
        with fewer_collections():
            # Into an empty registry, its indexes are built once at the end (`deferred_indexes`).
            with deferred_indexes("household", "resident"), BulkWriter() as self.writer:
                self._read_all(checked, height)
            checked.close()  # free the sheet (or stop its reading process) before the search index;
            # on failure the caller closes it
            self.report.end_row = checked.end_row
            self._finish(height)

    def _read_all(self, checked: CheckedRows | CheckedRowsFromProcess, height: int | None) -> None:
        batch: list[RosterRow] = []
        total = max(height or 0, 1)
        for rows in checked:
            self.report.data_rows += len(rows)
            for row_number, row, problems in rows:
                if row is not None:
                    duplicate = None if row.id_number else self._same_person_without_id(row)
                    if duplicate is None:
                        batch.append(row)
                    else:
                        problems = [duplicate]
                if problems:
                    self._refuse(problems)
                if len(batch) >= BATCH:
                    self._write(batch)
                    batch = []
                    self.progress.step(min(row_number, total - 1), total, "导入花名册")
        self._write(batch)

    def _finish(self, height: int | None) -> None:
        total = max(height or 0, 1)
        self.first_row_of_number = {}
        self.report.households_created, self.report.households_matched = self.households.counts()
        self.report.formed = [created + matched for created, matched in zip(self.households.created, self.households.matched)]
        self.report.communities_matched = dict(self.places.matched)
        self.report.ambiguous_communities = dict(self.places.ambiguous)
        self.households.drop()
        self.report.micro_grids = self.micro_grids.apply(self.ids, self._stamp, self.installation.next_version,
                                                         self.installation.device_id)
        self.head_row_of_key = {}
        self.report.problems.sort(key=lambda problem: problem.row)  # (repeats and moves are found per batch)
        if not self.report.dry_run:  # a dry run is rolled back: its index would be too
            self.progress.step(total - 1, total, "建立搜索索引")
            self.index.finish()
        self.report.places_created = self.places.created
        if self.report.changed and not self.report.dry_run:
            self.installation.save_clock()
            search.refresh(self.progress)  # the updated residents queued in _update
            self._audit_summary()
        self.progress.step(total, total, "导入花名册")

    def _same_person_without_id(self, row: RosterRow) -> RowProblem | None:
        first = self.first_row_of_person.setdefault((row.address_key, row.name), row.row)
        return None if first == row.row else self._repeat(row, first, "name", "同一住址、同名且都没有身份证号")

    def _without_repeated_ids(self, batch: list[RosterRow]) -> list[RosterRow]:
        """The batch without rows whose ID number an earlier row of the file has; those are refused."""
        first_rows = self.first_row_of_number
        fresh = []
        for row in batch:
            if row.id_number:
                first = first_rows.setdefault(int(row.id_number[:17]), row.row)
                if first != row.row:
                    self._refuse([self._repeat(row, first, "id_number", "身份证号相同")])
                    continue
            fresh.append(row)
        return fresh

    def _repeat(self, row: RosterRow, first: int, field: str, same: str) -> RowProblem:
        column = self.header.column_of(field)
        return RowProblem(
            row.row, None if column is None else column_letter(column), field, "",
            f"与第 {first} 行是同一人（{same}），重复的一行不导入",
        )

    def _refuse(self, problems: list[RowProblem]) -> None:
        self.report.refused_rows += 1
        room = MAX_LISTED_PROBLEMS - len(self.report.problems)
        self.report.problems.extend(problems[: max(room, 0)])
        self.report.problems_not_listed += max(len(problems) - max(room, 0), 0)

    # -- writing a batch -----------------------------------------------------------------

    def _write(self, batch: list[RosterRow]) -> None:
        batch = self._without_repeated_ids(batch)
        if not batch:
            return
        by_id = self._existing_by_id([row.id_number for row in batch if row.id_number])
        homes = self.households.of_keys([row.address_key for row in batch])
        if not by_id:  # no row is in the registry already (always so for a first import): none has moved
            accepted = [(row, None) for row in batch]
        else:
            accepted = self._not_moved(batch, by_id, homes)
        by_person = self._existing_by_person([row.address_key for row, _ in accepted if not row.id_number], homes)
        new_households, new_residents, new_keys, new_away, updates, matched = [], [], [], [], [], []
        report = self.report
        registration_known = living_away = address_differs = read_leniently = 0  # added to the report after the batch
        head_row_of_key, new_resident = self.head_row_of_key, self._new_resident
        for row, existing in accepted:
            key = row.address_key
            known = homes.get(key)
            if row.relation == "户主" and head_row_of_key.setdefault(key, row.row) != row.row:
                household = self._second_head(row, key, existing, new_households)
                homes[key] = (household, False)
            elif known is None:
                household = self._new_household(row, key, new_households)
                homes[key] = (household, False)
            else:
                household = known[0]
                if known[1]:
                    matched.append((key, row.home))
            if row.micro_grid:
                self.micro_grids.note(household, row.micro_grid, row.micro_leader, row.micro_leader_phone)
            if row.registered_address:
                registration_known += 1
                living_away += row.away
            if row.home == BY_PARTS_ADDRESS_DIFFERS:
                address_differs += 1
            read_leniently += row.birth_read_leniently
            if existing is None and not row.id_number:
                existing = by_person.get((household, row.name))
            if existing is None:
                new_residents.append(new_resident(row, household))
                new_keys.append(row.search_keys)
                new_away.append(row.registered_address if row.away else "")
            else:
                changes = self._changes(row, existing)
                if changes:
                    updates.append((existing.uuid, existing.vv, changes))
                else:
                    self.report.residents_unchanged += 1
        report.registration_known += registration_known
        report.living_away += living_away
        report.rows_address_differs += address_differs
        report.birth_dates_read_leniently += read_leniently
        report.residents_created += len(new_residents)
        self._insert([household for _, _, household in new_households], new_residents, new_keys, new_away)
        self.households.record([(key, household[0], how) for key, how, household in new_households], matched)
        self._update(updates)

    def _not_moved(self, batch: list[RosterRow], by_id: dict[str, Stored], homes: dict[str, tuple[str, bool]]
                   ) -> list[tuple[RosterRow, Stored | None]]:
        """(row, the registry's resident with its ID number or None) of the rows accepted: a resident the
        registry has at another address is refused (moving is done in the registry)."""
        accepted = []
        for row in batch:
            key = row.address_key
            existing = by_id.get(row.id_number) if row.id_number else None
            known = homes.get(key)
            moved = existing is not None and (known is None or known[0] != existing.household_id)
            if moved:
                address = self._address_of(existing.household_id)
                if address_key(address) != key:  # (two households may share an address)
                    column = self.header.column_of("id_number")
                    self._refuse([RowProblem(
                        row.row, column_letter(column), "id_number", "",
                        f"此人（{row.name}）已登记在“{address}”，与本表住址不同；如已搬家，请在登记册中迁移",
                    )])
                    continue
            accepted.append((row, existing))
        return accepted

    def _second_head(self, row: RosterRow, key: str, existing: Stored | None, new_households: list) -> str:
        """The household of a 户主 row at an address where this roster had a 户主 already: a household of
        its own (一址多户), reported by row and column; the rows after it at that address join it."""
        first = self.head_row_of_key[key]
        self.report.second_heads += 1
        column = self.header.column_of("relation")
        self.report.problems.append(RowProblem(
            row.row, None if column is None else column_letter(column), "relation", "",
            f"此住址（{row.written_address}）第 {first} 行已有户主：作为同一住址的另一户导入（一址多户），"
            "不与前一户合并；如是录入错误，请核对门牌号",
        ))
        if existing is not None:  # imported before: it stays in its household, and the rows after it join that
            self.households.point(key, existing.household_id, row.home)
            return existing.household_id
        return self._new_household(row, key, new_households)

    def _existing_by_id(self, id_numbers: list[str]) -> dict[str, Stored]:
        if not id_numbers or not self.registry_had_residents:
            return {}
        marks = ",".join("?" * len(id_numbers))
        return {
            row.id_number: row
            for row in self._select(f"FROM resident WHERE deleted = 0 AND id_number IN ({marks})", id_numbers)
        }

    def _address_of(self, household: str) -> str:
        found = database.execute_sql("SELECT address FROM household WHERE uuid = ?", (household,)).fetchone()
        return found[0] if found else ""

    def _existing_by_person(self, keys: list[str], homes: dict[str, tuple[str, bool]]) -> dict[tuple[str, str], Stored]:
        if not self.registry_had_residents:
            return {}
        households = sorted({homes[key][0] for key in keys if key in homes})
        if not households:
            return {}
        marks = ",".join("?" * len(households))
        return {
            (row.household_id, row.name): row
            for row in self._select(f"FROM resident WHERE deleted = 0 AND id_number = '' AND household_id IN ({marks})", households)
        }

    def _select(self, where: str, params: list) -> list[Stored]:
        return list(map(Stored._make, database.execute_sql(f"SELECT {STORED_COLUMNS} {where}", params).fetchall()))

    def _new_household(self, row: RosterRow, key: str, new_households: list) -> str:
        grid, building, unit = self.places.places_of(row)
        uuid = self.ids.next()
        hlc, vv = self._stamp()
        new_households.append((key, row.home, (  # HOUSEHOLD_COLUMNS
            uuid, hlc, self.installation.device_id, vv, grid, building, unit, row.room, row.written_address)))
        self.headless.add(uuid)
        return uuid

    def _new_resident(self, row: RosterRow, household: str) -> tuple:
        """The new resident's row (`RESIDENT_COLUMNS`); the caller counts it."""
        headless = self.headless
        if household in headless:
            headless.discard(household)
            relation = row.relation or "户主"
        else:
            relation = row.relation or "其他"
        hlc, vv = self.version or self._stamp()
        return (  # RESIDENT_COLUMNS
            self.ids.next(), hlc, self.installation.device_id, vv, household, row.name, relation, row.sex,
            row.birth_date, row.id_number, row.phone, row.ethnicity, row.tags, row.notes, row.registered_address,
        )

    def _changes(self, row: RosterRow, existing: Stored) -> dict[str, object]:
        """Fields the roster fills in differently; an empty roster cell keeps what is stored."""
        given = updatable(row)
        stored = updatable(existing)
        if given == stored:  # a roster imported before: nearly every row
            return {}
        return {name: value for name, value, old in zip(UPDATABLE, given, stored) if value and value != old}

    def _stamp(self) -> tuple[int, str]:
        """The version of every record this import creates: one tick of the clock, a vector naming only this device."""
        if self.version is None:
            hlc = self.installation.clock.tick()
            self.version = hlc, dumps_vector({self.installation.device_id: hlc})
        return self.version

    def _insert(self, households: list[tuple], residents: list[tuple], resident_keys: list[str],
                registrations: list[str]) -> None:
        """Hand the new places and rows, and unless this is a dry run their search documents, to the writer thread.

        `resident_keys` are the residents' search keys, worked out where the rows were read and checked;
        `registrations` the 户籍地址 of those registered elsewhere than they live ("" for the others).
        """
        for statement, places in self.places.take_new():
            self.writer.submit(statement, places)
        self.writer.submit(HOUSEHOLD_INSERT, households)
        self.writer.submit(RESIDENT_INSERT, residents)
        if self.report.dry_run:
            return
        docs, addresses = self.index.household_docs([(row[HOUSEHOLD_UUID], row[HOUSEHOLD_ADDRESS], "") for row in households])
        resident_docs = self.index.keyed_resident_docs([(row[RESIDENT_UUID], keys)
                                                        for row, keys in zip(residents, resident_keys)])
        docs += resident_docs
        addresses += [(doc[0], registration) for doc, registration in zip(resident_docs, registrations) if registration]
        self.writer.submit(search.DOC_INSERT, docs)
        self.writer.submit(search.ADDRESS_INSERT, addresses)
        self.batches_since_keys += 1
        if self.batches_since_keys >= KEYS_EVERY:
            self.batches_since_keys = 0
            self.writer.execute(*self.index.keys_so_far())

    def _update(self, updates: list[tuple[str, str, dict]]) -> None:
        for uuid, vv, changes in updates:
            hlc, new_vv = self.installation.next_version(vv)
            assignments = ", ".join(f"{name} = ?" for name in changes)
            database.execute_sql(
                f"UPDATE resident SET {assignments}, hlc = ?, vv = ?, device = ? WHERE uuid = ?",
                [*changes.values(), hlc, new_vv, self.installation.device_id, uuid],
            )
            self.report.residents_updated += 1
        if updates:
            search.queue([(uuid, search.RESIDENT) for uuid, _, _ in updates])

    def _audit_summary(self) -> None:
        report = self.report
        facts = {
            "file": report.file,
            "sheet": report.sheet,
            "households_created": report.households_created,
            "residents_created": report.residents_created,
            "residents_updated": report.residents_updated,
            "refused_rows": report.refused_rows,
            "households_by_parts": report.formed[BY_PARTS] + report.formed[BY_PARTS_ADDRESS_DIFFERS],
            "households_by_address": report.formed[BY_ADDRESS],
            "living_away": report.living_away,
        }
        AuditEntry(
            at_wall=dt.datetime.now().isoformat(timespec="seconds"),
            user=self.installation.user_name,
            record_type="roster_import",
            record_uuid=str(uuid_module.uuid4()),
            action="create",
            changes=json.dumps({key: [None, value] for key, value in facts.items()}, ensure_ascii=False, sort_keys=True),
            at_hlc=self.installation.clock.last,
        ).save(force_insert=True)
