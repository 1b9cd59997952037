"""Many workbooks are read ahead by a second process: the merge must come out exactly as when read here."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from models.records.merged_files import MergedFile
from models.progress import Cancelled
from sync.exchange.merge import merge_workbooks
from sync.exchange.read_ahead import READER_STOPPED, ReadAhead, read_in_reader
from sync.exchange.reader import WorkbookRejected
from tests.exchange_fixtures import Laptop, conflicting_workbooks
from tests.test_exchange_groups import _CancelWhenReaching, _registry_workbook
from tests.test_exchange_recognised_files import data_dump

EVERY_FILE = 1
NEVER = 10**9


def office_folder(tmp_path: Path) -> list[Path]:
    """What an office merges: its own export, two laptops that edited one household differently,
    a file that is no workbook, and a second copy of a laptop's file."""
    base, books = conflicting_workbooks(tmp_path)
    books = [base, *books]
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_text("no workbook")
    copy = tmp_path / "A again.xlsx"
    shutil.copy(books[1], copy)
    return [*books, bogus, copy]


def merged_into_a_new_laptop(tmp_path: Path, name: str, files: list[Path], read_ahead_from: int):
    laptop = Laptop(tmp_path / f"{name}.db", name)
    with laptop.open() as installation:
        receipts = merge_workbooks(files, installation=installation, read_ahead_from=read_ahead_from)
    return laptop, receipts


def test_read_ahead_merges_exactly_what_reading_here_merges(tmp_path):
    files = office_folder(tmp_path)
    here, here_receipts = merged_into_a_new_laptop(tmp_path, "here", files, NEVER)
    ahead, ahead_receipts = merged_into_a_new_laptop(tmp_path, "ahead", files, EVERY_FILE)

    described = [(r.file, r.accepted, r.recognised, r.new, r.updated, r.unchanged, r.conflicts, r.refused)
                 for r in ahead_receipts]
    assert described == [(r.file, r.accepted, r.recognised, r.new, r.updated, r.unchanged, r.conflicts, r.refused)
                         for r in here_receipts]
    assert [r.accepted for r in ahead_receipts] == [True, True, True, False, True]
    assert ahead_receipts[2].conflicts == 1 and ahead_receipts[4].recognised  # the copy: the same bytes as A's
    assert "不是 Excel 工作簿" in ahead_receipts[3].refused[0]
    # Settings, bookkeeping and audit times differ by laptop; everything else must be the same row for row.
    leave_out = ("setting", "merged_file", "audit_entry", "conflict")
    assert data_dump(ahead.path, leave_out) == data_dump(here.path, leave_out)
    assert kept_conflicts(ahead.path) == kept_conflicts(here.path)


def test_read_ahead_merges_hand_edited_and_hand_added_rows_as_reading_here_does(tmp_path):
    """The readers send no cells for rows they converted: rows a person touched must still arrive whole."""
    from python_calamine import CalamineWorkbook

    from tests.exchange_fixtures import valid_id
    from tests.exchange_fixtures import edit_cells

    files = office_folder(tmp_path)
    edited = files[1]
    households = CalamineWorkbook.from_path(str(edited)).get_sheet_by_name("住户").to_python()
    household = households[1][households[0].index("标识")]
    edit_cells(edited, "住户", {(2, "备注"): "门口有台阶，注意老人"})
    edit_cells(edited, "居民", {}, append={"住户标识": household, "姓名": "王小红", "性别": "女",
                                           "身份证号": valid_id(__import__("datetime").date(1980, 2, 2), 222),
                                           "出生日期": "1980-02-02", "已删除": "否"})
    here, here_receipts = merged_into_a_new_laptop(tmp_path, "here", files, NEVER)
    ahead, ahead_receipts = merged_into_a_new_laptop(tmp_path, "ahead", files, EVERY_FILE)

    assert (ahead_receipts[1].hand_edits, ahead_receipts[1].added_by_hand) == (1, 1)
    described = [(r.file, r.accepted, r.new, r.updated, r.unchanged, r.conflicts, r.hand_edits, r.added_by_hand, r.refused)
                 for r in ahead_receipts]
    assert described == [(r.file, r.accepted, r.new, r.updated, r.unchanged, r.conflicts, r.hand_edits, r.added_by_hand,
                          r.refused) for r in here_receipts]
    # A person's edits become edits of the merging laptop: the same content, each laptop's own version.
    assert registry_content(ahead.path) == registry_content(here.path)
    assert any("王小红" in row and "1980-02-02" in row for row in registry_content(ahead.path)["resident"])
    assert any("门口有台阶，注意老人" in row for row in registry_content(ahead.path)["household"])


def registry_content(path: Path) -> dict[str, list[tuple]]:
    """Households and residents without their version columns (hlc, device, vv)."""
    connection = sqlite3.connect(path)
    try:
        content = {}
        for table in ("household", "resident"):
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            kept = ", ".join(column for column in columns if column not in ("hlc", "device", "vv"))
            content[table] = sorted(connection.execute(f"SELECT {kept} FROM {table}"))
        return content
    finally:
        connection.close()


def kept_conflicts(path: Path) -> list[tuple]:
    """The conflicts kept, without the wall time each laptop found them at."""
    connection = sqlite3.connect(path)
    try:
        return sorted(connection.execute("SELECT record_type, record_uuid, vv, hlc, device, payload, status FROM conflict"))
    finally:
        connection.close()


def test_cancelling_a_merge_read_ahead_keeps_the_files_before_and_stops_the_reader(tmp_path):
    first, _ = _registry_workbook(tmp_path, "first")
    second, _ = _registry_workbook(tmp_path, "second")
    third, _ = _registry_workbook(tmp_path, "third")
    field = Laptop(tmp_path / "field.db", "field")
    with field.open() as installation:
        with pytest.raises(Cancelled):
            merge_workbooks([first, second, third], installation=installation,
                            progress=_CancelWhenReaching(second.name), read_ahead_from=EVERY_FILE)
        assert [row.name for row in MergedFile.select()] == ["first.xlsx"]


def reader_that_dies_on_b(path: str) -> tuple:
    """What a parser abort looks like from outside: the reading process ends at once."""
    if Path(path).name == "B.xlsx":
        os._exit(3)
    return read_in_reader(path)


def test_a_file_that_kills_the_reader_is_refused_and_the_files_after_it_are_read(tmp_path):
    files = office_folder(tmp_path)[:3]  # office, A, B
    files = [files[0], files[2], files[1]]  # office, B, A
    with ReadAhead(files, [0, 1, 2], min_files=1, read=reader_that_dies_on_b) as reading:
        assert reading.workbook(0).metadata.device_name == "街道办-主机"
        with pytest.raises(WorkbookRejected) as refused:
            reading.workbook(1)
        assert refused.value.lines() == [f"B.xlsx: {READER_STOPPED}"]
        assert reading.workbook(2).metadata.device_name == "A"


def test_with_two_readers_only_the_file_that_kills_one_is_refused(tmp_path):
    """B kills its reader while the other reads A: A must not be blamed for the broken pool."""
    office, a, b = office_folder(tmp_path)[:3]
    with ReadAhead([office, a, b, a], [0, 1, 2, 3], min_files=1, read=reader_that_dies_on_b, readers=2) as reading:
        assert reading.workbook(0).metadata.device_name == "街道办-主机"
        assert reading.workbook(1).metadata.device_name == "A"
        with pytest.raises(WorkbookRejected) as refused:
            reading.workbook(2)
        assert refused.value.lines() == [f"B.xlsx: {READER_STOPPED}"]
        assert reading.workbook(3).metadata.device_name == "A"


def reader_that_cannot_run(path: str) -> tuple:
    """What an unguarded main module does to a spawned reader: it ends before its first answer."""
    os._exit(1)


def test_a_reader_that_never_answers_leaves_the_reading_here(tmp_path):
    files = office_folder(tmp_path)[:3]
    with ReadAhead(files, [0, 1, 2], min_files=1, read=reader_that_cannot_run) as reading:
        assert [reading.workbook(index).metadata.device_name for index in range(3)] == ["街道办-主机", "A", "B"]


def merge_in_a_pool_worker(database: Path, files: list[Path]) -> list[bool]:
    with Laptop(database, "pool").open() as installation:
        return [r.accepted for r in merge_workbooks(files, installation=installation, read_ahead_from=EVERY_FILE)]


def test_a_merge_inside_a_daemonic_pool_worker_reads_in_its_own_process(tmp_path):
    """multiprocessing.Pool workers may not start processes: the merge must not fail there."""
    import multiprocessing

    files = office_folder(tmp_path)[:3]
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(merge_in_a_pool_worker, (tmp_path / "pool.db", files)) == [True, True, True]
