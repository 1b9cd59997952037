"""Safe reading of spreadsheets: what a hostile or broken file gets, and what a good one gives."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook as OpenpyxlWorkbook

from sync.spreadsheet import WorkbookRefused, cell_text, column_index, column_letter, open_workbook

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="户籍" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def handmade_xlsx(path: Path, sheet_data: str, extra: dict[str, str | bytes] | None = None) -> Path:
    """An .xlsx written part by part, so tests can put in exactly the trap they test."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{sheet_data}</sheetData></worksheet>",
        )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def read_all(path: Path) -> dict[str, list[tuple[int, list]]]:
    with open_workbook(path) as workbook:
        return {name: list(workbook.iter_rows(name)) for name in workbook.sheet_names}


def test_reads_values_with_their_types_and_sheet_row_numbers(tmp_path):
    book = OpenpyxlWorkbook()
    sheet = book.active
    sheet.title = "名单"
    sheet["B3"] = "张三明"
    sheet["C3"] = 3.70602198001011e17  # an ID Excel already turned into a number
    sheet["D3"] = dt.date(1980, 1, 31)
    sheet["E3"] = "=1+1"  # openpyxl writes this as a formula with no cached value
    sheet["B4"] = "  李四 "
    book.save(tmp_path / "r.xlsx")
    rows = dict(read_all(tmp_path / "r.xlsx")["名单"])
    cells = rows[3]  # numbered as the sheet shows them, column A at index 0
    assert cells[1] == "张三明"
    assert isinstance(cells[2], float)  # kept a number, so the roster can refuse it
    assert cell_text(cells[3]) == "1980-01-31"
    assert rows[4][1] == "  李四 "  # text comes back verbatim
    assert not any(cell_text(value) for value in rows.get(1, []))  # blank rows may be left out


def test_csv_text_named_xlsx_is_not_a_workbook(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_text("姓名,身份证号\n张三,110101199003077777\n", encoding="utf-8")
    with pytest.raises(WorkbookRefused, match="不是 Excel 工作簿"):
        open_workbook(path)


def test_truncated_zip_is_refused_as_damaged(tmp_path):
    whole = handmade_xlsx(tmp_path / "whole.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>')
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[:300])
    with pytest.raises(WorkbookRefused, match="损坏"):
        open_workbook(cut)


def test_zip_bomb_is_refused_by_declared_size_before_inflating(tmp_path):
    path = tmp_path / "bomb.xlsx"
    handmade_xlsx(path, "", extra={"xl/worksheets/sheet2.xml": b"<" + b" " * (48 * 1024 * 1024) + b">"})
    started = time.perf_counter()
    with pytest.raises(WorkbookRefused, match="压缩炸弹") as refusal:
        open_workbook(path)
    assert time.perf_counter() - started < 1.0
    assert "bomb.xlsx" in refusal.value.message


def test_a_cell_at_xfd1048576_refuses_the_sheet_instead_of_aborting(tmp_path):
    path = handmade_xlsx(
        tmp_path / "far.xlsx",
        '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row>',
    )
    with open_workbook(path) as workbook:
        with pytest.raises(WorkbookRefused, match="XFD1048576") as refusal:
            list(workbook.iter_rows("户籍"))
    assert refusal.value.sheet == "户籍"


def test_out_of_order_far_row_is_caught(tmp_path):
    path = handmade_xlsx(
        tmp_path / "far_first.xlsx",
        '<row r="1048000"><c r="Z1048000"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>',
    )
    with open_workbook(path) as workbook, pytest.raises(WorkbookRefused, match="范围过大"):
        list(workbook.iter_rows("户籍"))


def test_xml_entity_bomb_is_refused(tmp_path):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
        + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    )
    path = handmade_xlsx(
        tmp_path / "laughs.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        extra={"xl/sharedStrings.xml": laughs},
    )
    with pytest.raises(WorkbookRefused):
        read_all(path)


def test_csv_in_gbk_and_in_utf8_with_bom_read_alike(tmp_path):
    text = "姓名,联系电话\n曾小明,13800138000\n"
    (tmp_path / "gbk.csv").write_bytes(text.encode("gbk"))
    (tmp_path / "utf8.csv").write_bytes(text.encode("utf-8-sig"))
    gbk = read_all(tmp_path / "gbk.csv")["gbk"]
    utf8 = read_all(tmp_path / "utf8.csv")["utf8"]
    assert gbk == utf8 == [(1, ["姓名", "联系电话"]), (2, ["曾小明", "13800138000"])]


def test_csv_with_bytes_of_no_known_encoding_names_the_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes("姓名\n张三\n".encode("utf-8") * 40_000 + b"\xff\xfe\xfa\n")
    with open_workbook(path) as workbook, pytest.raises(WorkbookRefused, match="编码") as refusal:
        list(workbook.iter_rows("bad"))
    assert refusal.value.row is not None


def test_unknown_file_type_and_missing_file(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"hello")
    with pytest.raises(WorkbookRefused, match="不支持"):
        open_workbook(tmp_path / "notes.docx")
    with pytest.raises(WorkbookRefused, match="不存在"):
        open_workbook(tmp_path / "absent.xlsx")


def test_cell_text_of_numbers_stored_by_excel():
    assert cell_text(13800138000.0) == "13800138000"
    assert cell_text(2.5) == "2.5"
    assert cell_text(dt.datetime(1980, 1, 31)) == "1980-01-31"
    assert cell_text(None) == ""
    assert cell_text("=cmd") == "=cmd"


@given(st.integers(min_value=0, max_value=16383))
def test_column_letters_round_trip(index):
    assert column_index(column_letter(index)) == index


def test_entity_declarations_in_the_package_xml_are_refused(tmp_path):
    path = tmp_path / "entity_workbook.xlsx"
    handmade_xlsx(path, '<row r="1"><c r="A1"><v>1</v></c></row>')
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'<?xml version="1.0"?>', b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
    )
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with pytest.raises(WorkbookRefused, match="实体"):
        open_workbook(path)


def test_a_sheet_read_whole_is_the_same_whichever_reader_reads_it(tmp_path):
    """What the exchange reads (`sheet_rows`): row 1 and column A first, rows as wide as the sheet, "" when empty."""
    (tmp_path / "名单.csv").write_text("姓名,电话\n\n张三,13800138000\n,,备注\n", encoding="utf-8")
    book = OpenpyxlWorkbook()
    for row in (["姓名", "电话"], [], ["张三", "13800138000"], [None, None, "备注"]):
        book.active.append(row)
    book.save(tmp_path / "名单.xlsx")
    expected = [["姓名", "电话", ""], ["", "", ""], ["张三", "13800138000", ""], ["", "", "备注"]]
    for name in ("名单.csv", "名单.xlsx"):
        with open_workbook(tmp_path / name) as workbook:
            assert workbook.sheet_rows(workbook.sheet_names[0]) == expected, name
