"""Dates told by what a cell's number format means, whatever its id, in every reader.

Excel, WPS, LibreOffice and Gnumeric each write their own number-format ids
and codes for the same date; a number in any of them is a date (or, for
[h]:mm, a duration), read alike by the streaming reader (the roster's) and by
calamine (the exchange's).  Gnumeric puts the date format on the column and
leaves the cells bare: those are dates too.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from html import escape

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.spreadsheet import open_checked_workbook, open_workbook
from sync.spreadsheet.cell_values import date_in_date_column, serial_date
from sync.spreadsheet.guard import Limits
from tests.test_xlsx_rows import worksheet, write_package

SERIAL = 32939  # 1990-03-07
DATE = dt.date(1990, 3, 7)
LIMITS = Limits(max_columns=80)


def _readings(path, sheet="名单"):
    """The sheet's rows as the streaming reader gives them, and as calamine gives them to the exchange."""
    with open_workbook(path) as workbook:
        streamed = {number: cells for number, cells in workbook.iter_rows(sheet)}
        assert sheet in workbook.streamed_sheets
    with open_checked_workbook(path, sheets=None, limits=LIMITS) as workbook:
        whole = {number: cells for number, cells in enumerate(workbook.sheet_rows(sheet), start=1)}
    return streamed, whole


def _styled(tmp_path, formats: list[tuple[int, str | None]], value: float = SERIAL):
    """One row per format: a cell with that numFmtId (and custom code, if any) holding `value`."""
    custom = "".join(f'<numFmt numFmtId="{number}" formatCode="{escape(code)}"/>' for number, code in formats if code)
    xfs = '<xf numFmtId="0"/>' + "".join(f'<xf numFmtId="{number}"/>' for number, _ in formats)
    styles = f'<numFmts count="{custom.count("<numFmt ")}">{custom}</numFmts><cellXfs>{xfs}</cellXfs>'
    rows = "".join(f'<row r="{i}"><c r="A{i}" s="{i}"><v>{value}</v></c></row>' for i in range(1, len(formats) + 1))
    return write_package(tmp_path / "formats.xlsx", worksheet(rows), styles=styles)


# Built-in ids: 14–22 and 45–47 everywhere; 27–36 and 50–58 are what Excel and WPS write in a Chinese
# (or Japanese, Korean) locale for yyyy"年"m"月"d"日", m"月"d"日", 上午/下午h"时"mm"分" and the like.
BUILTIN_DATES = [*range(14, 23), 45, 47, *range(27, 37), *range(50, 59)]


@pytest.mark.parametrize("number", BUILTIN_DATES)
def test_a_builtin_date_id_reads_as_a_date_in_both_readers(tmp_path, number):
    streamed, whole = _readings(_styled(tmp_path, [(number, None)]))
    assert streamed[1][0] == whole[1][0] == DATE


def test_builtin_elapsed_time_and_plain_ids_are_not_dates(tmp_path):
    streamed, whole = _readings(_styled(tmp_path, [(46, None), (0, None), (1, None), (49, None)], value=1.5))
    for rows in (streamed, whole):
        assert rows[1][0] == dt.timedelta(days=1, hours=12)  # [h]:mm:ss
        assert rows[2][0] == rows[3][0] == rows[4][0] == 1.5


CUSTOM_DATES = [
    "yyyy\\-mm\\-dd",  # Gnumeric
    "yyyy/m/d",  # Excel zh-CN's short date
    'yyyy"年"m"月"d"日"',  # Excel zh-CN's long date
    "[$-804]yyyy\"年\"m\"月\"d\"日\"",  # with a locale prefix
    '[DBNum1][$-804]yyyy"年"m"月"d"日"',  # Chinese numerals
    "yyyy年m月d日",  # WPS: the literals unquoted
    "[Red]yyyy-mm-dd",  # a colour
    "yyyy-mm-dd;@",  # sections
    '"日期："yyyy-mm-dd',  # quoted text first
    "yyyy\\/mm\\/dd",
    "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy",  # Excel's system long date
    "e/m/d",
]


@pytest.mark.parametrize("code", CUSTOM_DATES)
def test_a_custom_date_code_reads_as_a_date_whatever_its_id(tmp_path, code):
    streamed, whole = _readings(_styled(tmp_path, [(100, code), (176, code)]))
    assert streamed[1][0] == whole[1][0] == streamed[2][0] == whole[2][0] == DATE


@pytest.mark.parametrize("code, expected", [
    ("[h]:mm", dt.timedelta(days=1, hours=12)),
    ("[mm]:ss", dt.timedelta(days=1, hours=12)),
    ("0.00", 1.5), ("#,##0", 1.5), ("@", 1.5), ('0"年"', 1.5), ("[DBNum1]General", 1.5), ('General"天"', 1.5),
    ("[<=9999999]###-####;(###) ###-####", 1.5),
])
def test_elapsed_time_and_numbers_with_letters_are_not_dates(tmp_path, code, expected):
    streamed, whole = _readings(_styled(tmp_path, [(170, code)], value=1.5))
    assert streamed[1][0] == whole[1][0] == expected


GNUMERIC_STYLES = ('<numFmts count="2"><numFmt formatCode="yyyy\\-mm\\-dd" numFmtId="100"/>'
                   '<numFmt formatCode="[h]:mm" numFmtId="101"/></numFmts>'
                   '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="49"/><xf numFmtId="100"><alignment/></xf>'
                   '<xf numFmtId="101"/></cellXfs>')


def test_bare_numbers_in_a_column_styled_as_dates_read_as_dates(tmp_path):
    """Gnumeric's way: the format on <col>, the cells without ``s``."""
    cols = '<cols><col min="1" max="1" style="1"/><col min="2" max="3" style="2"/><col min="4" max="4" style="3"/></cols>'
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1"><v>32939</v></c>'
            '<c r="C1"><v>46082</v></c><c r="D1"><v>1.5</v></c><c r="E1"><v>32939</v></c></row>')
    path = write_package(tmp_path / "gnumeric.xlsx", worksheet(rows, before=cols), styles=GNUMERIC_STYLES)
    streamed, whole = _readings(path)
    for rows in (streamed, whole):
        assert rows[1][:5] == ["姓名", DATE, dt.date(2026, 3, 1), dt.timedelta(days=1, hours=12), 32939.0]


def test_a_column_styled_as_dates_leaves_cells_with_their_own_style_alone(tmp_path):
    """Lianxin, Excel and LibreOffice give every cell its style: the cell's style is what counts."""
    cols = '<cols><col min="1" max="1" style="2"/></cols>'
    rows = '<row r="1"><c r="A1" s="1"><v>32939</v></c><c r="B1" s="2"><v>32939</v></c></row>'
    path = write_package(tmp_path / "styled.xlsx", worksheet(rows, before=cols), styles=GNUMERIC_STYLES)
    streamed, whole = _readings(path)
    assert streamed[1][:2] == whole[1][:2] == [32939.0, DATE]


def test_a_column_style_of_numbers_leaves_numbers_alone(tmp_path):
    cols = '<cols><col min="1" max="3" style="1"/></cols>'
    rows = '<row r="1"><c r="A1"><v>32939</v></c></row>'
    path = write_package(tmp_path / "plain.xlsx", worksheet(rows, before=cols), styles=GNUMERIC_STYLES)
    streamed, whole = _readings(path)
    assert streamed[1][0] == whole[1][0] == 32939.0


@pytest.mark.parametrize("value, expected", [
    (32939, DATE), (32939.0, DATE), (61, dt.date(1900, 3, 1)), (73050, dt.date(2099, 12, 31)),
    (60, None), (73051, None), (32939.5, None), (-5, None), (True, None), ("32939", None),
])
def test_a_plausible_serial_is_a_date(value, expected):
    assert serial_date(value) == expected


@pytest.mark.parametrize("value, expected, lenient", [
    (DATE, DATE, False),
    (dt.datetime(1990, 3, 7, 0, 0), DATE, False),
    (32939.0, DATE, True),
    ("1990/3/7", DATE, True), ("1990.3.7", DATE, True), ("1990年3月7日", DATE, True), ("1990-3-7", DATE, True),
    (" 1990-03-07 ", DATE, True),
    ("3/7/1990", None, False), ("1990年3月", None, False), ("昨天", None, False), ("", None, False),
    (1.5, None, False), ("1990/2/30", None, False),
])
def test_what_a_date_column_takes_as_a_date(value, expected, lenient):
    assert date_in_date_column(value) == (expected, lenient)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def saved_by_libreoffice(tmp_path_factory):
    """A workbook of every custom date code above, and the same as LibreOffice saves it as .xls and .ods
    (converted once per session)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    folder = tmp_path_factory.mktemp("date-codes")
    book = openpyxl.Workbook()
    for row, code in enumerate(CUSTOM_DATES, start=1):
        book.active.cell(row, 1, SERIAL).number_format = code
    book.save(folder / "codes.xlsx")
    for target_format in ("xls", "ods"):
        subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/lo-profile",
                        "--convert-to", target_format, "--outdir", str(folder), str(folder / "codes.xlsx")],
                       check=True, capture_output=True, timeout=300)
    return folder


@pytest.mark.parametrize("target_format", ["xls", "ods"])
def test_every_date_code_saved_as_xls_or_ods_reads_as_a_date(saved_by_libreoffice, target_format):
    """calamine reads an .xls's FORMAT records and an .ods's date cells itself; the same dates come out."""
    with open_workbook(saved_by_libreoffice / f"codes.{target_format}") as workbook:
        values = [cells[0] for _, cells in workbook.iter_rows(workbook.sheet_names[0])]
    assert values == [DATE] * len(CUSTOM_DATES)


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2099, 12, 31)))
def test_every_form_of_a_date_in_a_date_column_is_that_date(date):
    serial = (date - dt.date(1899, 12, 30)).days
    forms = [serial, float(serial), f"{date.year}/{date.month}/{date.day}", f"{date.year}.{date.month}.{date.day}",
             f"{date.year}年{date.month}月{date.day}日", f"{date.year}-{date.month}-{date.day}", date.isoformat()]
    assert {date_in_date_column(form) for form in forms} == {(date, True)}
    assert date_in_date_column(date) == (date, False)
