"""The streaming .xlsx reader gives the rows calamine gave, in flat memory, and knows what it cannot read.

The reference is the calamine reading used before the streaming reader existed
(`sync.spreadsheet.calamine_sheets.CalamineWorkbook`, still its fallback):
importers rely on every value keeping its type (a rounded ID number stays a
float, a birth date a date) and on rows keeping their sheet row numbers.
Blank rows and trailing empty cells are left out of the comparison: calamine
pads, the streaming reader does not, and callers skip both.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import subprocess
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

import sync.spreadsheet.xlsx_sheet as xlsx_sheet
import sync.spreadsheet.xlsx_shared_strings as xlsx_shared_strings
from sync.spreadsheet import WorkbookRefused, column_letter, open_workbook
from sync.spreadsheet.calamine_sheets import CalamineWorkbook
from sync.spreadsheet.cell_values import DATE, DURATION, NUMBER, excel_datetime, format_kind
from sync.spreadsheet.xlsx_package import read_package
from sync.spreadsheet.xlsx_sheet import iter_sheet_rows
from sync.spreadsheet.xlsx_xml import Declined

CORPUS = Path(os.environ.get("LIANXIN_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
CORPUS_FILES = sorted(
    path for folder in ("xlsx", "hostile") if (CORPUS / folder).is_dir()
    for path in (CORPUS / folder).iterdir() if path.suffix.lower() in {".xlsx", ".xlsm"}
)
# Sheets calamine refuses and the streaming reader reads, each for a reason that is
# an improvement: any new divergence fails the parity test.
READ_WHERE_CALAMINE_REFUSED = {
    # calamine refuses every sheet of a workbook holding an Excel 4 macro sheet; worksheets are fine
    "poi__xlmmacro.xlsm", "poi__64420.xlsm",
    # the old extent scan counted an empty <row r="1048576"> with no cells; nothing is there to read
    "poi__60384.xlsx",
}

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


# -- helpers -------------------------------------------------------------------------------


def normalised(rows) -> dict[int, list]:
    """Non-blank rows by row number, without trailing empty cells (None and "" alike)."""
    result = {}
    for number, cells in rows:
        cells = ["" if value is None else value for value in cells]
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            assert number not in result, f"row {number} twice"
            result[number] = cells
    return result


def same_value(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def assert_same_rows(ours: dict, theirs: dict, where: str) -> None:
    assert ours.keys() == theirs.keys(), f"{where}: rows {sorted(set(ours) ^ set(theirs))[:5]} differ"
    for number in ours:
        a, b = ours[number], theirs[number]
        assert len(a) == len(b) and all(map(same_value, a, b)), f"{where}, row {number}: {a!r} != calamine {b!r}"


def calamine_reading(path: Path, sheet: str):
    """(rows, None) as calamine reads the sheet, or (None, refusal)."""
    with open_workbook(path) as workbook:
        calamine = CalamineWorkbook(path, "xlsx", workbook.sheet_names, sheet_parts=workbook.sheet_parts)
    with calamine:
        try:
            return normalised(calamine.iter_rows(sheet)), None
        except WorkbookRefused as refusal:
            return None, refusal


def streaming_reading(path: Path, sheet: str):
    """(rows, None), (None, refusal), or (None, Declined) from the streaming reader alone."""
    with open_workbook(path) as workbook:
        part = workbook.sheet_parts.get(sheet)
    if part is None:  # an odd package: the workbook reads the sheet with calamine
        return None, Declined("no part")
    try:
        rows = iter_sheet_rows(path, part, sheet=sheet)
        return normalised(rows), None
    except (Declined, WorkbookRefused) as outcome:
        return None, outcome


def assert_reads_like_calamine(path: Path) -> None:
    with open_workbook(path) as workbook:
        sheets = workbook.sheet_names
    for sheet in sheets:
        ours, outcome = streaming_reading(path, sheet)
        theirs, refusal = calamine_reading(path, sheet)
        where = f"{path.name} [{sheet}]"
        if isinstance(outcome, Declined):
            continue  # the workbook reads this sheet with calamine, as before
        if refusal is not None and ours is not None:
            assert path.name in READ_WHERE_CALAMINE_REFUSED, f"{where}: calamine refused ({refusal}), we read it"
        elif refusal is not None or outcome is not None:
            assert refusal is not None and outcome is not None, f"{where}: calamine {refusal}, ours {outcome}"
            assert isinstance(outcome, WorkbookRefused) and outcome.sheet == sheet and outcome.reason
        else:
            assert_same_rows(ours, theirs, where)


def write_package(path: Path, sheet_xml: str | bytes, *, shared: str | None = None, styles: str | None = None,
                  date1904: bool = False, sheet_name: str = "名单") -> Path:
    """A one-sheet .xlsx written part by part, so a test controls every byte of the XML."""
    rels = [f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>']
    if shared is not None:
        rels.append(f'<Relationship Id="rId2" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>')
    if styles is not None:
        rels.append(f'<Relationship Id="rId3" Type="{REL_NS}/styles" Target="styles.xml"/>')
    workbook_pr = '<workbookPr date1904="1"/>' if date1904 else ""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                         "</Types>")
        archive.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{PKG_NS}"><Relationship Id="rId1" '
                         f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{workbook_pr}'
                         f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{PKG_NS}">{"".join(rels)}</Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="{MAIN_NS}">{shared}</sst>')
        if styles is not None:
            archive.writestr("xl/styles.xml", f'<?xml version="1.0"?><styleSheet xmlns="{MAIN_NS}">{styles}</styleSheet>')
    return path


def worksheet(sheet_data: str, before: str = "") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">{before}<sheetData>{sheet_data}</sheetData></worksheet>'


STYLES = (
    '<numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
    '<numFmt numFmtId="165" formatCode="[h]:mm:ss"/><numFmt numFmtId="166" formatCode="0.00_);[Red]\\(0.00\\)"/>'
    '<numFmt numFmtId="167" formatCode="[$-804]hh:mm"/></numFmts>'
    '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
    '<xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="22"/></cellXfs>'
)


@pytest.fixture
def small_stretches(monkeypatch):
    """Read 1 KB at a time and relearn row patterns at once, so that even a small sheet
    crosses many stretch boundaries and row patterns, odd rows and expat all take turns."""
    monkeypatch.setattr(xlsx_sheet, "CHUNK", 1024)
    monkeypatch.setattr(xlsx_shared_strings, "CHUNK", 1024)
    monkeypatch.setattr(xlsx_sheet, "PATTERN_RETRY_STRETCHES", 1)


@pytest.fixture(params=["1MB", "1KB"])
def stretch(request, monkeypatch):
    """Both the reading of ordinary sheets (one stretch) and of long ones (many)."""
    if request.param == "1KB":
        monkeypatch.setattr(xlsx_sheet, "CHUNK", 1024)
        monkeypatch.setattr(xlsx_shared_strings, "CHUNK", 1024)
        monkeypatch.setattr(xlsx_sheet, "PATTERN_RETRY_STRETCHES", 1)


# -- the corpus ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS_FILES, reason=f"corpus not found at {CORPUS} (set LIANXIN_CORPUS)")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_corpus_sheets_read_as_calamine_reads_them(path):
    started = time.perf_counter()
    try:
        assert_reads_like_calamine(path)
    except WorkbookRefused as refusal:  # the whole file is refused when opened, as before
        assert path.name in refusal.message
    assert time.perf_counter() - started < 10


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS_FILES, reason=f"corpus not found at {CORPUS} (set LIANXIN_CORPUS)")
def test_corpus_read_in_small_stretches_still_reads_as_calamine(small_stretches):
    for path in CORPUS_FILES:
        try:
            assert_reads_like_calamine(path)
        except WorkbookRefused as refusal:
            assert path.name in refusal.message


# -- generated workbooks --------------------------------------------------------------------


def openpyxl_book(path: Path, *, date1904: bool = False) -> Path:
    book = OpenpyxlWorkbook()
    book.epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    sheet = book.active
    sheet.title = "花名册"
    sheet["A1"] = "海滨社区居民花名册"
    sheet.append([])
    sheet.append(["序号", "姓名", "身份证号", "出生日期", "登记时间", "时长", "在册", "备注", "金额"])
    for index in range(1, 40):
        sheet.append([
            index,
            f"  张{index}明 " if index % 7 == 0 else f"张{index}明",
            370602198001011234 + index if index % 5 == 0 else f"37060219800101{index:04d}",
            dt.date(1950 + index, 1 + index % 12, 1 + index % 28),
            dt.datetime(2024, 3, 1, index % 24, index, 30),
            dt.timedelta(hours=index, minutes=15),
            index % 2 == 0,
            "独居老人 & 低保" if index % 3 == 0 else ("line one\nline two\r\nthree" if index % 4 == 0 else None),
            index * 1.25 if index % 6 else -0.0,
        ])
    sheet["K5"] = dt.time(13, 45)
    sheet["K6"] = "a_x000D_b <tag> \"quoted\" 'single'"
    sheet["K7"] = CellRichText("富", TextBlock(InlineFont(b=True), "文本"), " rich")
    sheet["K8"] = "=1+1"  # a formula with no cached value: empty
    sheet["K9"] = 1e-7
    sheet["K10"] = -12345678901234.5
    sheet["K11"] = 3.0e300
    sheet["Z50"] = "far but fine"
    for cell in ("D4", "D5"):
        sheet[cell].number_format = "yyyy\"年\"m\"月\"d\"日\""
    sheet["E4"].number_format = "[$-804]yyyy/m/d h:mm"
    sheet["I4"].number_format = '#,##0.00_);[Red](#,##0.00)'
    book.save(path)
    return path


def xlsxwriter_book(path: Path, *, date1904: bool = False) -> Path:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    book = xlsxwriter.Workbook(str(path), {"date_1904": date1904})
    sheet = book.add_worksheet("居民")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    time_format = book.add_format({"num_format": "hh:mm:ss"})
    duration_format = book.add_format({"num_format": "[h]:mm"})
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, ["姓名", "电话", "生日", "时刻", "时长", "备注", "公式"])
    for row in range(1, 60):
        sheet.write_string(row, 0, f"李{row}")
        if row % 3:
            sheet.write_number(row, 1, 13800138000 + row)
        else:
            sheet.write_string(row, 1, f"138 0013 {row:04d}")
        sheet.write_datetime(row, 2, dt.datetime(1940 + row, 2, 28), date_format)
        sheet.write_number(row, 3, (row % 24) / 24, time_format)
        sheet.write_number(row, 4, row / 7, duration_format)
        if row % 4 == 0:
            sheet.write_rich_string(row, 5, "正常", bold, "加粗", " 尾")
        elif row % 4 == 1:
            sheet.write_string(row, 5, "  前后空格  ")
        sheet.write_formula(row, 6, f"=A{row + 1}&\"x\"", None, f"李{row}x")
        if row % 10 == 0:
            sheet.write_boolean(row, 7, row % 20 == 0)
            sheet.write_formula(row, 8, "=1/0", None, "#DIV/0!")
    sheet.write_string(70, 30, "far cell AE71")
    book.close()
    return path


@pytest.mark.parametrize("date1904", [False, True], ids=["1900", "1904"])
def test_openpyxl_workbook_reads_like_calamine(tmp_path, stretch, date1904):
    assert_reads_like_calamine(openpyxl_book(tmp_path / "openpyxl.xlsx", date1904=date1904))


@pytest.mark.parametrize("date1904", [False, True], ids=["1900", "1904"])
def test_xlsxwriter_workbook_with_shared_strings_reads_like_calamine(tmp_path, stretch, date1904):
    assert_reads_like_calamine(xlsxwriter_book(tmp_path / "xlsxwriter.xlsx", date1904=date1904))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_saved_workbook_reads_like_calamine(tmp_path, stretch):
    source = openpyxl_book(tmp_path / "source.xlsx")
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    assert_reads_like_calamine(out / "source.xlsx")


def test_values_of_every_kind_come_back_with_calamine_types(tmp_path, stretch):
    path = write_package(tmp_path / "kinds.xlsx", worksheet(
        '<row r="2"><c r="B2"><v>1</v></c><c r="C2" t="n"><v>2.5</v></c><c r="D2" t="b"><v>1</v></c>'
        '<c r="E2" t="e"><v>#DIV/0!</v></c><c r="F2" t="str"><f>A1</f><v>hello &amp; bye</v></c>'
        '<c r="G2" t="d"><v>2024-01-02T03:04:05</v></c><c r="H2" t="d"><v>2024-01-02</v></c>'
        '<c r="I2" t="d"><v>not a date</v></c></row>'
        '<row r="3"><c r="A3" s="1"><v>45000</v></c><c r="B3" s="2"><v>45000.5</v></c><c r="C3" s="3"><v>1.5</v></c>'
        '<c r="D3" s="5"><v>0.25</v></c><c r="E3" s="4"><v>3</v></c><c r="F3"><v>abc</v></c>'
        '<c r="G3" t="s"><v>1</v></c><c r="H3" t="inlineStr"><is><t>x_x000D_y&lt;</t></is></c>'
        '<c r="I3" t="s"><v>2</v></c><c r="J3" t="inlineStr"><is><t xml:space="preserve"> kept </t></is></c>'
        '<c r="K3" t="inlineStr"><is><t>  trimmed  </t></is></c></row>'
        '<row r="5"><c r="C5" s="1"/><c r="E5"><f>1+1</f></c><c r="F5"><f>1+1</f><v>2</v></c><c r="H5" t="b"><v>0</v></c></row>'),
        shared='<si><t>plain</t></si><si><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> text</t></r>'
               '<rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si>',
        styles=STYLES)
    assert_reads_like_calamine(path)
    rows = normalised(iter_sheet_rows(path, "xl/worksheets/sheet1.xml"))
    assert rows[2][1:9] == [1.0, 2.5, True, "", "hello & bye", dt.datetime(2024, 1, 2, 3, 4, 5), dt.date(2024, 1, 2),
                            "not a date"]
    assert rows[3][:4] == [dt.date(2023, 3, 15), dt.datetime(2023, 3, 15, 12, 0), dt.timedelta(days=1, hours=12), dt.time(6, 0)]
    assert rows[3][6:11] == ["rich text", "x\ry<", "漢字", " kept ", "trimmed"]  # phonetic runs left out
    assert rows[5] == ["", "", "", "", "", 2.0, "", False]


def test_calamine_dates_in_both_date_systems(tmp_path):
    serials = [0, 0.5, 1, 1.5, 59, 60, 61, 45000.123456789, 45000.99999999, 0.999999999, -0.5, -1.5,
               2958465, 2958466, 1e20, 1.0000000001, 45000.0000001, float("nan")]
    data = "".join(f'<row r="{i}"><c r="A{i}" s="1"><v>{value!r}</v></c></row>' for i, value in enumerate(serials, 1))
    for date1904 in (False, True):
        path = write_package(tmp_path / f"dates{date1904}.xlsx", worksheet(data), styles=STYLES, date1904=date1904)
        assert_reads_like_calamine(path)
    assert excel_datetime(60.0, False) == dt.date(1900, 2, 28)  # the day after is 1900-03-01: Excel's leap-year bug
    assert excel_datetime(61.0, False) == dt.date(1900, 3, 1)


@pytest.mark.parametrize("code, kind", [
    ("yyyy-mm-dd", DATE), ('yyyy"年"m"月"', DATE), ("[h]:mm:ss", DURATION),
    ("[mm]", DURATION), ('0.00_);[Red]\\(0.00\\)', NUMBER), ("#,##0*y", NUMBER),
    ('"Y: "0.00"m"', NUMBER), ("[$-404]e/m/d", DATE), ("H:MM:SS;@", DATE),
    ("\\Y000000", NUMBER), ("[>=100][Magenta]General", NUMBER), ("ha/p\\\\m", DATE),
])
def test_number_formats_are_dates_as_calamine_decides(code, kind):
    assert format_kind(code) == kind


def test_gaps_in_rows_and_columns_and_cells_without_references(tmp_path, stretch):
    path = write_package(tmp_path / "gaps.xlsx", worksheet(
        '<row r="3"><c r="C3" t="inlineStr"><is><t>c3</t></is></c><c r="F3"><v>6</v></c></row>'
        '<row r="7"><c r="A7"><v>1</v></c><c r="AA7" t="inlineStr"><is><t>aa7</t></is></c></row>'
        '<row><c><v>10</v></c><c><v>11</v></c></row>'
        '<row r="12"><c t="inlineStr"><is><t>A12</t></is></c><c r="D12"><v>4</v></c><c><v>5</v></c></row>'))
    assert_reads_like_calamine(path)
    rows = normalised(iter_sheet_rows(path, "xl/worksheets/sheet1.xml"))
    assert rows[3] == ["", "", "c3", "", "", 6.0]
    assert rows[8] == [10.0, 11.0]  # the row after 7, counted as calamine counts
    assert rows[12] == ["A12", "", "", 4.0, 5.0]


CELL_FORMS = st.sampled_from([
    "inline", "inline_spaces", "inline_preserved", "inline_entity", "shared", "shared_rich", "number", "negative",
    "date", "datetime", "time", "duration", "bool", "error", "str_formula", "formula_number", "empty_styled",
    "empty_value", "escape", "iso_date",
])


def cell_xml(reference: str, form: str, draw) -> str:
    def text() -> str:
        raw = draw(st.text(alphabet="张三 a1&<>\"'\r\n\t_x0D", max_size=6)).strip(" \t\n")
        return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")

    def number() -> float:
        return draw(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))

    def serial() -> float:
        return draw(st.floats(min_value=0, max_value=80000, allow_nan=False))

    forms = {
        "inline": lambda: f'<c r="{reference}" t="inlineStr"><is><t>{text()}</t></is></c>',
        "inline_spaces": lambda: f'<c r="{reference}" t="inlineStr"><is><t> {text()} </t></is></c>',
        "inline_preserved": lambda: f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve"> {text()} </t></is></c>',
        "inline_entity": lambda: f'<c r="{reference}" t="inlineStr"><is><t>&#32;{text()}&#x41;&amp;</t></is></c>',
        "shared": lambda: f'<c r="{reference}" s="0" t="s"><v>{draw(st.integers(0, 3))}</v></c>',
        "shared_rich": lambda: f'<c r="{reference}" t="s"><v>4</v></c>',
        "number": lambda: f'<c r="{reference}"><v>{number()!r}</v></c>',
        "negative": lambda: f'<c r="{reference}" t="n"><v>-{abs(number())!r}</v></c>',
        "date": lambda: f'<c r="{reference}" s="1"><v>{int(serial())}</v></c>',
        "datetime": lambda: f'<c r="{reference}" s="6"><v>{serial()!r}</v></c>',
        "time": lambda: f'<c r="{reference}" s="5"><v>{serial() % 1!r}</v></c>',
        "duration": lambda: f'<c r="{reference}" s="3"><v>{serial() / 100!r}</v></c>',
        "bool": lambda: f'<c r="{reference}" t="b"><v>{draw(st.sampled_from(["0", "1"]))}</v></c>',
        "error": lambda: f'<c r="{reference}" t="e"><v>#N/A</v></c>',
        "str_formula": lambda: f'<c r="{reference}" t="str"><f>A1&amp;"x"</f><v>{text()}</v></c>',
        "formula_number": lambda: f'<c r="{reference}"><f>1+1</f><v>{number()!r}</v></c>',
        "empty_styled": lambda: f'<c r="{reference}" s="2"/>',
        "empty_value": lambda: f'<c r="{reference}"><v></v></c>',
        "escape": lambda: f'<c r="{reference}" t="inlineStr"><is><t>a_x000D_b_x005F_x0041_</t></is></c>',
        "iso_date": lambda: f'<c r="{reference}" t="d"><v>2024-0{draw(st.integers(1, 9))}-15T08:30:00</v></c>',
    }
    return forms[form]()


@st.composite
def sheets(draw):
    """A valid sheet: rows in order, cells in order, every value form.

    Runs of same-shaped rows (from which a row pattern is learned) surround rows
    of random shape (which the pattern must leave to the cell-by-cell reading).
    """
    rows = []
    number = 0
    shape = [(c, draw(st.sampled_from(["inline", "shared", "number", "date", "empty_styled"]))) for c in range(6)]

    def same_shaped_rows():
        nonlocal number
        for _ in range(draw(st.integers(0, 40))):
            number += 1
            cells = "".join(cell_xml(f"{column_letter(c)}{number}", form, draw)
                            for c, form in shape if c == 0 or draw(st.booleans()))
            rows.append(f'<row r="{number}">{cells}</row>')

    same_shaped_rows()
    for _ in range(draw(st.integers(1, 15))):
        number += draw(st.integers(1, 3))
        columns = sorted(draw(st.sets(st.integers(0, 14), min_size=1, max_size=6)))
        cells = "".join(cell_xml(f"{column_letter(c)}{number}", draw(CELL_FORMS), draw) for c in columns)
        rows.append(f'<row r="{number}">{cells}</row>')
    same_shaped_rows()
    return "".join(rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(sheet_data=sheets(), date1904=st.booleans())
def test_any_valid_sheet_reads_like_calamine(tmp_path_factory, small_stretches, sheet_data, date1904):
    path = write_package(tmp_path_factory.mktemp("h") / "random.xlsx", worksheet(sheet_data), styles=STYLES, date1904=date1904,
                         shared='<si><t>零</t></si><si><t xml:space="preserve"> 一 </t></si><si><t>a&amp;b</t></si>'
                                '<si><t>_x000D_</t></si><si><r><t>富</t></r><r><t>文本</t></r></si>')
    assert_reads_like_calamine(path)


# -- what is declined, refused, and how memory behaves ------------------------------------------


@pytest.mark.parametrize("sheet_xml", [
    f'<?xml version="1.0"?><x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>',
    '<?xml version="1.0"?><worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>',
    f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "b">]><worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>',
    f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><sheetData><row r="2"><c r="A2"><v>2</v></c></row><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>',
], ids=["prefixed", "strict", "dtd", "rows out of order"])
def test_sheets_it_will_not_read_are_declined_before_any_row_and_read_by_calamine(tmp_path, sheet_xml):
    path = write_package(tmp_path / "odd.xlsx", sheet_xml)
    with pytest.raises(Declined):
        iter_sheet_rows(path, "xl/worksheets/sheet1.xml")
    with open_workbook(path) as workbook:  # the importer's way in: calamine takes over
        try:
            rows = normalised(workbook.iter_rows("名单"))
        except WorkbookRefused as refusal:  # calamine's own verdict (the DTD)
            assert refusal.sheet == "名单"
        else:
            assert rows[1] == [1.0]


def long_sheet(rows: int, *, damage_at: int | None = None, swap_at: int | None = None,
               back_at: int | None = None) -> str:
    """A roster-like sheet; optionally a cell of unknown type at row `damage_at`, rows
    `swap_at` - 1 and `swap_at` written in the wrong order, or row 5 again at position `back_at`."""
    order = list(range(1, rows + 1))
    if swap_at:
        order[swap_at - 2], order[swap_at - 1] = order[swap_at - 1], order[swap_at - 2]
    if back_at:
        order[back_at - 1] = 5
    parts = []
    for number in order:
        if number == damage_at:
            parts.append(f'<row r="{number}"><c r="A{number}" t="zz"><v>1</v></c></row>')
            continue
        parts.append(f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>居民{number}</t></is></c>'
                     f'<c r="B{number}"><v>{number}</v></c><c r="C{number}" t="inlineStr"><is><t>370602198001011234</t></is></c></row>')
    return worksheet("".join(parts))


def test_damage_after_the_first_rows_is_refused_naming_sheet_and_row(tmp_path):
    path = write_package(tmp_path / "damaged.xlsx", long_sheet(40_000, damage_at=30_000))
    rows = iter_sheet_rows(path, "xl/worksheets/sheet1.xml", sheet="名单")
    with pytest.raises(WorkbookRefused) as refusal:
        for number, _ in rows:
            assert number < 30_000
    assert refusal.value.sheet == "名单" and refusal.value.row == 30_000 and "名单" in refusal.value.message


def test_rows_out_of_order_within_a_stretch_come_out_in_order(tmp_path):
    path = write_package(tmp_path / "swapped.xlsx", long_sheet(40_000, swap_at=30_000))
    numbers = [number for number, _ in iter_sheet_rows(path, "xl/worksheets/sheet1.xml")]
    assert numbers == list(range(1, 40_001))


def test_rows_going_back_to_an_earlier_stretch_are_refused(tmp_path):
    path = write_package(tmp_path / "back.xlsx", long_sheet(40_000, back_at=30_000))
    with pytest.raises(WorkbookRefused, match="顺序") as refusal:
        list(iter_sheet_rows(path, "xl/worksheets/sheet1.xml", sheet="名单"))
    assert refusal.value.row == 5


def test_height_for_progress_comes_from_the_dimension_or_an_estimate(tmp_path):
    data = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 101))
    declared = write_package(tmp_path / "declared.xlsx", worksheet(data, before='<dimension ref="A1:A100"/>'))
    undeclared = write_package(tmp_path / "undeclared.xlsx", worksheet(data))
    assert iter_sheet_rows(declared, "xl/worksheets/sheet1.xml").height == 100
    assert iter_sheet_rows(undeclared, "xl/worksheets/sheet1.xml").height == 100  # whole sheet in the first stretch
    big = write_package(tmp_path / "big.xlsx", long_sheet(60_000))
    assert 40_000 < iter_sheet_rows(big, "xl/worksheets/sheet1.xml").height < 90_000
    with open_workbook(big) as workbook:
        next(workbook.iter_rows("名单"))
        assert workbook.heights["名单"] == iter_sheet_rows(big, "xl/worksheets/sheet1.xml").height


def peak_allocation(path: Path) -> int:
    package = read_package(path)
    tracemalloc.start()
    try:
        for _ in iter_sheet_rows(path, "xl/worksheets/sheet1.xml", package=package):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_whatever_the_number_of_rows(tmp_path):
    small = peak_allocation(write_package(tmp_path / "10k.xlsx", long_sheet(10_000)))
    large = peak_allocation(write_package(tmp_path / "50k.xlsx", long_sheet(50_000)))
    assert large < 24 * 1024 * 1024  # a few stretches of XML and their rows, whatever the sheet's length
    assert large < small * 1.5 + 2 * 1024 * 1024
