"""The 户籍地址 column of the 居民 sheet: it travels, and a workbook written before it existed blanks nothing.

A laptop that runs a Lianxin older than the column exports its residents without
it; merging such a version of a resident must keep the registration address the
office holds ("not known" is not "empty"), whichever way the row arrives.
"""

from __future__ import annotations

import openpyxl

from models.records.people import Resident
from tests.exchange_fixtures import Laptop, edit_cells, office_with_registry, row_of

REGISTERED = "河北省沧州市献县本斋乡小屯村9号"


def without_registration_column(path, target):
    """The workbook as a Lianxin without the column would have written it (the rest untouched)."""
    book = openpyxl.load_workbook(path)
    sheet = book["居民"]
    column = next(cell.column for cell in sheet[1] if cell.value == "户籍地址")
    sheet.delete_cols(column)
    book.save(target)
    return target


def registered_office(tmp_path):
    office, ids, _ = office_with_registry(tmp_path)
    with office.open():
        resident = Resident.get(Resident.name == "张三明")
        resident.registered_address = REGISTERED
        resident.save()
    return office, office.export(tmp_path / "office.xlsx")


def test_the_registration_address_travels_in_the_resident_sheet(tmp_path):
    _, book = registered_office(tmp_path)
    titles = [cell.value for cell in openpyxl.load_workbook(book, read_only=True)["居民"][1]]
    assert "户籍地址" in titles
    laptop = Laptop(tmp_path / "laptop.db", "甲")
    [receipt] = laptop.merge(book)
    assert receipt.accepted and receipt.hand_edits == 0
    with laptop.open():
        assert Resident.get(Resident.name == "张三明").registered_address == REGISTERED


def test_an_old_workbook_merges_and_keeps_the_registration_address(tmp_path):
    office, book = registered_office(tmp_path)
    old_laptop = Laptop(tmp_path / "old.db", "旧版")
    old_laptop.merge(book)
    with old_laptop.open():  # what an old Lianxin holds: no registration address, and a newer edit of the phone
        resident = Resident.get(Resident.name == "张三明")
        resident.registered_address = ""
        resident.phone = "13911112222"
        resident.save()
    old_book = without_registration_column(old_laptop.export(tmp_path / "old-new.xlsx"), tmp_path / "old.xlsx")
    [receipt] = office.merge(old_book)
    assert receipt.accepted and receipt.updated >= 1 and receipt.hand_edits == 0  # its rows check as written
    with office.open():
        resident = Resident.get(Resident.name == "张三明")
        assert resident.phone == "13911112222" and resident.registered_address == REGISTERED


def test_a_hand_edit_in_an_old_workbook_keeps_the_registration_address(tmp_path):
    office, book = registered_office(tmp_path)
    old = without_registration_column(book, tmp_path / "old.xlsx")
    edit_cells(old, "居民", {(row_of(old, "居民", "姓名", "张三明"), "备注"): "改过"})
    [receipt] = office.merge(old)
    assert receipt.accepted and receipt.hand_edits == 1
    with office.open():
        resident = Resident.get(Resident.name == "张三明")
        assert resident.notes == "改过" and resident.registered_address == REGISTERED


def test_a_new_workbook_that_clears_the_address_clears_it(tmp_path):
    office, book = registered_office(tmp_path)
    laptop = Laptop(tmp_path / "laptop.db", "甲")
    laptop.merge(book)
    with laptop.open():
        resident = Resident.get(Resident.name == "张三明")
        resident.registered_address = ""
        resident.save()
    [receipt] = office.merge(laptop.export(tmp_path / "cleared.xlsx"))
    assert receipt.accepted
    with office.open():
        assert Resident.get(Resident.name == "张三明").registered_address == ""


def test_a_resident_new_in_an_old_workbook_has_no_registration_address(tmp_path):
    office, book = registered_office(tmp_path)
    laptop = Laptop(tmp_path / "empty.db", "乙")
    [receipt] = laptop.merge(without_registration_column(book, tmp_path / "old.xlsx"))
    assert receipt.accepted
    with laptop.open():
        assert not Resident.get(Resident.name == "张三明").registered_address  # not known here yet
        assert Resident.get(Resident.name == "王建国").registered_address in ("", None)
