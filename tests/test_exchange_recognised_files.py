"""A workbook merged before, byte for byte, is recognised and not read again; any other bytes are read in full."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from models.records.merged_files import MergedFile
from models.records.people import Household
from models.progress import Cancelled
from sync.exchange import read_ahead
from sync.exchange.backups import make_backup, restore_backup
from sync.exchange.merge import merge_workbooks
from sync.exchange.receipts import save_receipt
from tests.exchange_fixtures import Laptop, office_with_registry
from tests.test_exchange_files import _households_member
from tests.test_exchange_groups import _CancelWhenReaching, _registry_workbook


def full_dump(path) -> list[str]:
    """The whole database as SQL text: every table, every row, the local bookkeeping included (sorted:
    opening a laptop rewrites its name, which moves that row to the end)."""
    connection = sqlite3.connect(path)
    try:
        return sorted(connection.iterdump())
    finally:
        connection.close()


def data_dump(path, leave_out: tuple[str, ...]) -> dict[str, list]:
    """Every row of every table but `leave_out`, sorted (the clock in `setting` moves with any full read)."""
    connection = sqlite3.connect(path)
    try:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                         "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {table: sorted(map(repr, connection.execute(f'SELECT * FROM "{table}"')))
                for table in tables if table not in leave_out}
    finally:
        connection.close()


def rows_brought(receipt) -> int:
    return receipt.new + receipt.updated + receipt.unchanged + receipt.conflicts


def forbid_reading(monkeypatch) -> None:
    """From now on a workbook that is read fails the test: a recognised file is answered from the table alone."""
    monkeypatch.setattr(read_ahead, "read_exchange_workbook", lambda path, *a, **k: pytest.fail(f"{path} was read again"))


def test_the_same_file_merged_again_is_recognised_unread_and_changes_nothing(tmp_path, monkeypatch):
    _, _, base = office_with_registry(tmp_path)
    field = Laptop(tmp_path / "field.db", "field")
    (first,) = field.merge(base)
    assert first.accepted and not first.recognised and first.new > 0
    before = full_dump(field.path)
    copy = tmp_path / "the same file under another name.xlsx"
    shutil.copy(base, copy)

    forbid_reading(monkeypatch)
    again, renamed = field.merge(base, copy)

    for receipt in (again, renamed):
        assert receipt.accepted and receipt.recognised
        assert receipt.new == receipt.updated == receipt.conflicts == receipt.hand_edits == receipt.added_by_hand == 0
        assert receipt.unchanged == rows_brought(first)
        assert (receipt.source_name, receipt.exported_at) == (first.source_name, first.exported_at)
    assert f"already merged on {again.merged_before_text}; nothing new ({again.unchanged} unchanged)" in again.summary()
    assert full_dump(field.path) == before


def test_the_same_content_saved_again_is_read_in_full_and_changes_nothing(tmp_path):
    _, _, base = office_with_registry(tmp_path)
    field = Laptop(tmp_path / "field.db", "field")
    (first,) = field.merge(base)
    before = data_dump(field.path, leave_out=("setting", "merged_file"))
    resaved = tmp_path / "resaved.xlsx"
    openpyxl.load_workbook(base).save(resaved)
    assert resaved.read_bytes() != base.read_bytes()

    (receipt,) = field.merge(resaved)

    assert receipt.accepted and not receipt.recognised
    assert receipt.new == receipt.updated == receipt.conflicts == receipt.hand_edits == 0
    assert receipt.unchanged == rows_brought(first)
    assert data_dump(field.path, leave_out=("setting", "merged_file")) == before
    assert field.merge(resaved)[0].recognised  # read once, clean: now it is known too


def _point_households_at(source, target, old_grid: str, new_grid: str) -> None:
    """The households of `source` moved by hand (in their 网格标识 cells) to another grid."""
    member = _households_member(source)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            copy.writestr(item, data.replace(old_grid.encode(), new_grid.encode()) if item.filename == member else data)


def test_a_refused_file_is_read_in_full_again_and_accepted_once_the_database_allows(tmp_path):
    first, first_ids = _registry_workbook(tmp_path, "first")
    second, second_ids = _registry_workbook(tmp_path, "second")
    moved = tmp_path / "moved.xlsx"
    _point_households_at(first, moved, first_ids["grid"], second_ids["grid"])
    field = Laptop(tmp_path / "field.db", "field")

    refusals = [field.merge(moved)[0] for _ in range(2)]
    for receipt in refusals:
        assert not receipt.accepted and not receipt.recognised
        assert "neither in this workbook nor in the database" in receipt.refused[0]
    with field.open():
        assert MergedFile.select().count() == 0

    assert field.merge(second)[0].accepted  # brings the grid the moved households point at
    receipt = field.merge(moved)[0]
    assert receipt.accepted and not receipt.recognised and receipt.hand_edits == 2
    with field.open():
        assert Household.get_by_id(first_ids["first"]).grid_id == second_ids["grid"]


def test_a_cancelled_file_is_not_remembered(tmp_path):
    first, _ = _registry_workbook(tmp_path, "first")
    second, _ = _registry_workbook(tmp_path, "second")
    field = Laptop(tmp_path / "field.db", "field")
    with field.open() as installation:
        with pytest.raises(Cancelled):
            merge_workbooks([first, second], installation=installation, progress=_CancelWhenReaching(second.name))
        assert [row.name for row in MergedFile.select()] == ["first.xlsx"]

    again_first, again_second = field.merge(first, second)
    assert again_first.recognised
    assert not again_second.recognised and again_second.new > 0


def test_after_restoring_a_copy_the_files_merged_since_are_read_again(tmp_path):
    _, ids, base = office_with_registry(tmp_path)
    field = Laptop(tmp_path / "field.db", "field")
    with field.open() as installation:
        copy = make_backup("merge")
        assert merge_workbooks([base], installation=installation)[0].new > 0
        installation = restore_backup(copy.path)
        assert Household.select().count() == 0
        (receipt,) = merge_workbooks([base], installation=installation)
        assert receipt.accepted and not receipt.recognised and receipt.new > 0
        assert Household.get_by_id(ids["first"]).address == "乐园小区1号楼1单元101"


def test_an_own_older_workbook_is_refused_even_when_recognised(tmp_path, monkeypatch):
    office, ids, base = office_with_registry(tmp_path)
    with office.open() as installation:
        assert merge_workbooks([base], installation=installation)[0].accepted  # nothing changed since the export
    with office.open():
        household = Household.get_by_id(ids["first"])
        household.notes = "导出之后改过"
        household.save()
    forbid_reading(monkeypatch)
    (receipt,) = office.merge(base)
    assert not receipt.accepted and not receipt.recognised
    assert "this laptop wrote this workbook" in receipt.refused[0]


def test_the_receipt_workbook_and_the_receipt_table_say_it_in_words(tmp_path, qtmodeltester):
    from ui.sections.exchange import ReceiptModel

    _, _, base = office_with_registry(tmp_path)
    field = Laptop(tmp_path / "field.db", "field")
    receipts = field.merge(base, base)
    saved = tmp_path / "receipt.xlsx"
    save_receipt(saved, receipts)
    rows = CalamineWorkbook.from_path(str(saved)).get_sheet_by_name("回执").to_python()
    status, note = rows[0].index("结果"), rows[0].index("说明")
    assert [row[status] for row in rows[1:]] == ["已合并", "此前已合并"]
    assert rows[1][note] == "" and rows[2][note] == f"已于 {receipts[1].merged_before_text} 合并过这个文件，没有新内容"

    model = ReceiptModel()
    model.set_receipts(receipts)
    qtmodeltester.check(model)
    reason = ReceiptModel.FIELDS.index("reason")
    assert [model.index(row, 1).data() for row in range(2)] == ["merged", "already merged"]
    assert model.index(1, reason).data() == f"Already merged on {receipts[1].merged_before_text}; nothing new."
