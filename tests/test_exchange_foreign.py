"""What other spreadsheet programs (and the people using them) do to an exchange workbook, merged all the same.

Each test takes a real export, changes it the way Excel, WPS, LibreOffice or
Gnumeric would (written again by openpyxl with its own styles, or by
xlsxwriter with shared strings instead of Lianxin's inline strings), and merges it back into the laptop it came
from: nothing changes, and the receipt says what was read other than as
Lianxin wrote it.  What cannot be read is refused naming file, sheet, row and
column, the database untouched.
"""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.records.people import Resident
from sync.exchange.format import NO, YES
from sync.exchange.receipts import save_receipt
from sync.spreadsheet import WorkbookRefused, open_checked_workbook, open_workbook
from sync.spreadsheet import opening
from sync.spreadsheet.guard import Limits
from tests.exchange_fixtures import Laptop, office_with_registry


def _sheets(path) -> dict[str, list[list]]:
    with open_checked_workbook(path, sheets=None, limits=Limits(max_columns=80)) as workbook:
        return {name: workbook.sheet_rows(name) for name in workbook.sheet_names}


def rewrite(source, target, change=None, order=None):
    """The workbook at `source` written again by openpyxl, after `change(sheets)`; dates stay date cells."""
    sheets = _sheets(source)
    if change:
        change(sheets)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in order or sheets:
        sheet = book.create_sheet(name)
        for row in sheets[name]:
            sheet.append([None if value == "" else value for value in row])
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    book.save(target)
    return target


def _column(sheets, sheet: str, title: str) -> int:
    return sheets[sheet][0].index(title)


def _merged_back(tmp_path, change=None, order=None, edit=None):
    office, ids, base = office_with_registry(tmp_path)
    before = office.snapshot()
    changed = rewrite(base, tmp_path / "changed.xlsx", change, order)
    if edit:
        edit(changed)
    receipt = office.merge(changed)[0]
    return office, before, receipt


def _unchanged(office, before, receipt):
    assert receipt.accepted, receipt.refused
    assert receipt.new == receipt.updated == receipt.conflicts == receipt.hand_edits == receipt.added_by_hand == 0
    assert office.snapshot() == before


def test_a_workbook_written_again_by_another_program_changes_nothing(tmp_path):
    office, before, receipt = _merged_back(tmp_path)
    _unchanged(office, before, receipt)
    assert receipt.lenient_dates == 0 and not receipt.ignored_sheets and not receipt.ignored_columns


def test_shared_strings_instead_of_inline_strings_change_nothing(tmp_path):
    xlsxwriter = pytest.importorskip("xlsxwriter")
    office, ids, base = office_with_registry(tmp_path)
    before = office.snapshot()
    target = tmp_path / "shared.xlsx"
    book = xlsxwriter.Workbook(str(target))
    dates = book.add_format({"num_format": "yyyy\\-mm\\-dd"})
    for name, rows in _sheets(base).items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), dates)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write(r, c, value)
    book.close()
    with zipfile.ZipFile(target) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
    receipt = office.merge(target)[0]
    _unchanged(office, before, receipt)
    assert receipt.lenient_dates == 0


def _dates_as(form):
    def change(sheets):
        at = _column(sheets, "居民", "出生日期")
        for row in sheets["居民"][1:]:
            row[at] = form(row[at])
    return change


SERIAL = lambda date: float((date - dt.date(1899, 12, 30)).days)  # noqa: E731


@pytest.mark.parametrize("form", [
    SERIAL,
    lambda date: f"{date.year}/{date.month}/{date.day}",
    lambda date: f"{date.year}.{date.month}.{date.day}",
    lambda date: f"{date.year}年{date.month}月{date.day}日",
    lambda date: f"{date.year}-{date.month}-{date.day}",
], ids=["serial number", "2024/5/6", "2024.5.6", "2024年5月6日", "2024-5-6"])
def test_dates_left_as_numbers_or_typed_as_text_are_those_dates_and_counted(tmp_path, form):
    office, before, receipt = _merged_back(tmp_path, _dates_as(form))
    _unchanged(office, before, receipt)
    assert receipt.lenient_dates == 3  # the three residents' birth dates
    assert "3 date(s) read from a plain number or from text" in receipt.summary()
    save_receipt(tmp_path / "receipt.xlsx", [receipt])
    note = _sheets(tmp_path / "receipt.xlsx")["回执"][1]
    assert 3 in note and "3 个日期是按数字或文字读出的" in note


FORMS = [
    lambda date: date,
    SERIAL,
    lambda date: f"{date.year}/{date.month}/{date.day}",
    lambda date: f"{date.year}年{date.month}月{date.day}日",
]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(range(len(FORMS))), min_size=8, max_size=8))
def test_any_mix_of_date_forms_merges_back_unchanged_and_counts_what_was_no_date_cell(tmp_path_factory, forms):
    """Every date of every sheet written in one of the forms, chosen per cell: the receipt counts exactly
    the cells that were no date cell, and nothing changes."""
    folder = tmp_path_factory.mktemp("mix")
    changed = []

    def change(sheets):
        turn = 0
        for rows in sheets.values():
            for row in rows[1:]:
                for at, value in enumerate(row):
                    if isinstance(value, dt.date):
                        form = forms[turn % len(forms)]
                        row[at] = FORMS[form](value)
                        changed.append(form != 0)
                        turn += 1
    office, before, receipt = _merged_back(folder, change)
    _unchanged(office, before, receipt)
    assert receipt.lenient_dates == sum(changed)


@pytest.mark.parametrize("bad", ["3/7/1990", "1990年3月", "32939.5", "上个月"])
def test_what_is_no_date_in_a_date_column_is_refused_naming_the_cell(tmp_path, bad):
    def change(sheets):
        sheets["居民"][2][_column(sheets, "居民", "出生日期")] = float(bad) if bad[0].isdigit() and "." in bad else bad
    office, before, receipt = _merged_back(tmp_path, change)
    assert not receipt.accepted
    assert "sheet 居民" in receipt.refused[0] and "row 3" in receipt.refused[0] and "出生日期" in receipt.refused[0]
    assert office.snapshot() == before


def test_sheets_in_another_order_and_a_sheet_added_by_hand_are_read_as_they_are(tmp_path):
    def change(sheets):
        sheets["我的统计"] = [["网格", "户数"], ["第一网格", 2]]
    office, ids, base = office_with_registry(tmp_path)
    before = office.snapshot()
    names = list(_sheets(base))
    order = ["我的统计", *reversed(names)]
    receipt = office.merge(rewrite(base, tmp_path / "changed.xlsx", change, order))[0]
    _unchanged(office, before, receipt)
    assert receipt.ignored_sheets == ["我的统计"]
    assert "sheets added by hand, not read: 我的统计" in receipt.summary()


def test_columns_reordered_hidden_and_added_by_hand(tmp_path):
    def change(sheets):
        for name in ("住户", "居民"):
            rows = sheets[name]
            order = list(reversed(range(len(rows[0]))))
            sheets[name] = [[row[i] for i in order] + ["备用"] for row in rows]
            sheets[name][0][-1] = "我的备注"

    def hide(path):
        book = openpyxl.load_workbook(path)
        for letter in "ABC":
            book["居民"].column_dimensions[letter].hidden = True
        book.save(path)
    office, before, receipt = _merged_back(tmp_path, change, edit=hide)
    _unchanged(office, before, receipt)
    assert receipt.ignored_columns == ["住户: 我的备注", "居民: 我的备注"]
    assert "columns added by hand, not read: 住户: 我的备注, 居民: 我的备注" in receipt.summary()


def test_yes_no_as_booleans_and_spaces_around_cells(tmp_path):
    def change(sheets):
        for name, rows in sheets.items():
            if "已删除" in rows[0]:
                at = rows[0].index("已删除")
                for row in rows[1:]:
                    row[at] = {YES: True, NO: False}.get(row[at], row[at])
        for row in sheets["居民"][1:]:
            row[:] = [f"{value} " if isinstance(value, str) and value else value for value in row]
    office, before, receipt = _merged_back(tmp_path, change)
    _unchanged(office, before, receipt)


def _numbers_in(title: str, rows: slice):
    """A change: the 居民 cells under `title` in `rows` (1 is the first resident) became numbers."""
    def change(sheets):
        at = sheets["居民"][0].index(title)
        for row in sheets["居民"][rows]:
            row[at] = float(row[at]) if row[at] else row[at]
    return change


def test_phones_that_became_numbers_are_their_digits(tmp_path):
    office, before, receipt = _merged_back(tmp_path, _numbers_in("手机号码", slice(1, None)))
    _unchanged(office, before, receipt)


def test_an_id_number_that_became_a_float_lost_digits_and_is_refused_naming_the_cell(tmp_path):
    # 110101199003071233 → 1.1010119900307123e+17
    office, before, receipt = _merged_back(tmp_path, _numbers_in("身份证号", slice(1, 2)))
    assert not receipt.accepted
    assert "sheet 居民, row 2, column 身份证号" in receipt.refused[0] and "stored as a number" in receipt.refused[0]
    assert office.snapshot() == before


def test_an_edited_phone_typed_as_a_number_is_taken_as_its_digits(tmp_path):
    def change(sheets):
        rows = sheets["居民"]
        rows[3][rows[0].index("手机号码")] = 1.39e10 + 12345678
    office, before, receipt = _merged_back(tmp_path, change)
    assert receipt.accepted and receipt.hand_edits == 1
    with office.open():
        assert Resident.select().where(Resident.phone == "13912345678").count() == 1


# -- .xls and .ods through the guard ----------------------------------------------------------


def _ods(path, content: str):
    """An .ods as OpenDocument lays it out: the mimetype first and stored, then the content."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return path


def test_an_ods_whose_repeated_cells_reach_too_far_is_refused_before_calamine(tmp_path):
    content = ('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
               ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               '<office:body><office:spreadsheet><table:table table:name="居民">'
               '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000"'
               ' office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    receipt = Laptop(tmp_path / "field.db", "field").merge(_ods(tmp_path / "far.ods", content))[0]
    assert not receipt.accepted and "范围过大" in receipt.refused[0] and "sheet 居民" in receipt.refused[0]


def test_an_ods_whose_empty_repeats_stretch_two_cells_far_apart_is_refused_for_any_reader(tmp_path):
    """Two cells, one after 16,000 empty columns and one after a million empty rows: calamine would
    allocate the box between them (16 billion cells)."""
    cell = '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
    content = ('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
               ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               '<office:body><office:spreadsheet><table:table table:name="名单">'
               f'<table:table-row><table:table-cell table:number-columns-repeated="16000"/>{cell}</table:table-row>'
               '<table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row>'
               f'<table:table-row>{cell}</table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    with pytest.raises(WorkbookRefused, match="范围过大") as refused:
        open_workbook(_ods(tmp_path / "box.ods", content))
    assert refused.value.sheet == "名单"


def test_an_ods_declaring_entities_is_refused(tmp_path):
    path = _ods(tmp_path / "lol.ods", '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><x>&lol;</x>')
    receipt = Laptop(tmp_path / "field.db", "field").merge(path)[0]
    assert not receipt.accepted and "实体" in receipt.refused[0]


def test_an_absurdly_large_xls_is_refused_before_calamine(tmp_path, monkeypatch):
    path = tmp_path / "big.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    monkeypatch.setattr(opening, "MAX_XLS_BYTES", 1024)
    receipt = Laptop(tmp_path / "field.db", "field").merge(path)[0]
    assert not receipt.accepted and "文件过大" in receipt.refused[0]


def test_a_damaged_xls_is_refused_in_one_line(tmp_path):
    path = tmp_path / "damaged.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    receipt = Laptop(tmp_path / "field.db", "field").merge(path)[0]
    assert not receipt.accepted and len(receipt.refused) == 1 and "damaged.xls" in receipt.refused[0]
