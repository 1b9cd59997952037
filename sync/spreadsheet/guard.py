"""The one guard: what a file must pass before any parser sees it.

Parsers are fast but trusting.  python-calamine allocates a whole sheet from
its furthest cell and *aborts the process* when a cell at XFD1048576 makes
that fail; it inflates whatever a zip declares; an XML parser that expands
entities can be made to build gigabytes.  So every workbook, whoever reads it
(the roster's import, the exchange's merge), is examined here first, cheaply
and without parsing:

* its first bytes decide what it is, not its name: CSV text called ``.xlsx`` is
  "not a workbook", an OLE2 container holding an ``EncryptedPackage`` is an
  encrypted workbook (`sniff`);
* a zip's declared sizes and compression ratios are checked before anything is
  inflated, so a zip bomb is refused in milliseconds (`check_members`);
* XML must not declare entities (`has_entities`), and no cell may lie beyond
  the reader's `Limits` (`PartScan`): a sheet's XML is scanned for the
  references that could, whether it is held in memory or streamed.

Only the rare references are looked at closely: one pattern that fails at
once on the usual ``A123`` (at most one letter and six digits, always inside
any limit) finds the others, and only those are measured.  calamine reads
column letters in either case, and a ``<row r="…">`` moves the cells after it
that carry no reference of their own: both count.

The streaming reader (`xlsx_sheet`) needs no scan: it applies the same
`Limits` to the cells it meets as it goes.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sync.spreadsheet.references import MAX_COLUMNS, column_index, column_letter
from sync.spreadsheet.refusal import ENCRYPTED, ENTITIES, WorkbookRefused

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE_MARK = "EncryptedPackage".encode("utf-16-le")

# Far above a district's roster (350,000 residents, a 62 MB .xlsx) or an office's
# export of 150,000 households, far below what hurts a laptop.
MAX_FILE_BYTES = 512 << 20
MAX_PART_BYTES = 1_500_000_000
MAX_TOTAL_BYTES = 3_000_000_000
MAX_RATIO = 200  # sheet XML compresses 10–30×; bombs compress hundreds of times
RATIO_FLOOR = 20_000_000  # parts below this may compress as they like
MAX_ROWS = 1_048_576
SCAN_CHUNK = 4 << 20

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
# An OpenDocument file starts with its "mimetype" member, stored: the name at byte 30, the type after it.
ODS_HEAD = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}

ENTITY_MARKS = (b"<!DOCTYPE", b"<!ENTITY")  # XML keywords are case-sensitive; a substring test is fastest
DIMENSION = re.compile(rb'<dimension ref="[A-Za-z]+\d+:([A-Za-z]+)(\d+)"')
# A reference that might lie beyond column Z or row 999,999: after at most one letter and six digits,
# anything but the closing quote.  Possessive: the usual "A123" is rejected in one pass.
SUSPECT_REFERENCE = re.compile(rb' r="[A-Za-z]?+\d{0,6}+[^"]')
# The same references, measured: two or more letters, or seven or more digits.
SUSPECT_PARTS = re.compile(rb' r="(?:([A-Za-z]{2,})(\d*)|[A-Za-z]?(\d{7,}))"')
LAST_ROW_TAG = re.compile(rb'<(?:[\w.-]+:)?row\b[^>]*?\sr="(\d+)"')
TOO_FAR = "表格范围过大（最远的单元格在 {}），请删去远处的空白或杂项单元格后另存再导入"


@dataclass(frozen=True)
class Limits:
    """How far a sheet's cells may reach for a reader.

    `max_columns` and `MAX_ROWS` bound every cell (and a sheet's declared
    <dimension>); `max_cells` (rows × columns of the cells there are: what
    calamine allocates for a sheet) bounds the sheet as a whole instead, for
    readers of any workbook a person brings.  A reader of workbooks Lianxin
    wrote knows its widest sheet and needs no more than `max_columns`.
    """

    max_columns: int = MAX_COLUMNS
    max_cells: int | None = None

    def too_far(self, rows: int, columns: int) -> bool:
        return (columns > self.max_columns or rows > MAX_ROWS
                or (self.max_cells is not None and rows * max(columns, 1) > self.max_cells))

    @cached_property
    def far_cell(self) -> re.Pattern:
        """A pattern matching a reference beyond `max_columns` or `MAX_ROWS` (see `_far_cell_pattern`)."""
        return _far_cell_pattern(self.max_columns)


ANY_WORKBOOK = Limits(max_cells=12_000_000)  # 350,000 residents × 13 columns is 4.6 million


def too_far(file: str | Path, sheet: str | None, rows: int, columns: int) -> WorkbookRefused:
    """The refusal of a sheet whose furthest cell lies at row `rows`, column number `columns`."""
    return WorkbookRefused(TOO_FAR.format(f"{column_letter(max(columns, 1) - 1)}{rows}"), file=file, sheet=sheet)


# -- the file -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sniffed:
    """What a file is by its first bytes: "xlsx" (a zip), "ods" (a zip saying so), "xls" (an OLE2 container)
    or "csv" (text)."""

    kind: str
    size: int
    modified_ns: int


def sniff(path: Path) -> Sniffed:
    """What `path` holds, or WorkbookRefused: missing, empty, too big, encrypted, or no spreadsheet at all."""
    try:
        stat = path.stat()
        with path.open("rb") as handle:
            head = handle.read(30 + len(ODS_HEAD))
    except FileNotFoundError:
        raise WorkbookRefused("文件不存在", file=path) from None
    except IsADirectoryError:
        raise WorkbookRefused("这是一个文件夹，不是文件", file=path) from None
    except OSError as error:
        raise WorkbookRefused(f"无法读取文件（{error.strerror}）", file=path) from None
    size = stat.st_size
    if size == 0:
        raise WorkbookRefused("文件是空的", file=path)
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused(f"文件过大（{size >> 20} MB），超过 {MAX_FILE_BYTES >> 20} MB 的上限", file=path)
    suffix = path.suffix.lower()
    if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        kind = "ods" if head[30:] == ODS_HEAD or (suffix == ".ods" and _is_ods_zip(path)) else "xlsx"
    elif head.startswith(OLE2_MAGIC):
        _refuse_encrypted_container(path, size)
        kind = "xls"
    elif suffix in TEXT_SUFFIXES:
        kind = "csv"
    elif suffix in SPREADSHEET_SUFFIXES:
        content = "纯文本（可能是改了扩展名的 CSV）" if _looks_like_text(path) else "无法识别的内容"
        raise WorkbookRefused(f"不是 Excel 工作簿：文件内容是{content}", file=path)
    else:
        raise WorkbookRefused("不支持的文件类型，请选择 .xlsx、.xls、.ods 或 .csv 文件", file=path)
    return Sniffed(kind, size, stat.st_mtime_ns)


def is_ods(archive: zipfile.ZipFile) -> bool:
    """Whether a zip is an OpenDocument spreadsheet: its ``mimetype`` member says so."""
    try:
        info = archive.getinfo("mimetype")
    except KeyError:
        return False
    return info.file_size < 256 and archive.read(info).strip() == ODS_HEAD.removeprefix(b"mimetype")


def _is_ods_zip(path: Path) -> bool:
    """An .ods whose mimetype member is not first (a zip tool rewrote it): asked of the zip's directory."""
    try:
        with zipfile.ZipFile(path) as archive:
            return is_ods(archive)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def _refuse_encrypted_container(path: Path, size: int) -> None:
    """Office wraps an encrypted .xlsx in an OLE2 container, as a legacy .xls is."""
    with path.open("rb") as handle:
        container = handle.read(min(size, 64 << 20))
    if ENCRYPTED_PACKAGE_MARK in container:
        raise WorkbookRefused(ENCRYPTED, file=path)


def _looks_like_text(path: Path) -> bool:
    return text_encoding(path) is not None


def text_encoding(path: Path) -> str | None:
    """utf-8-sig if the start decodes as UTF-8, else gb18030 (a superset of GBK) if that does; None for binary."""
    with path.open("rb") as handle:
        sample = handle.read(256 * 1024)
    if b"\x00" in sample:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            decoder.decode(sample, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    return None


def check_members(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip whose parts declare sizes no workbook has (a zip bomb), or an encrypted package."""
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise WorkbookRefused(
                f"文件解压后过大（“{info.filename}”声明 {info.file_size >> 20} MB，压缩比 {ratio:.0f} 倍），疑似压缩炸弹，已拒绝",
                file=path,
            )
        if info.filename == "EncryptedPackage":
            raise WorkbookRefused(ENCRYPTED, file=path)


# -- the XML --------------------------------------------------------------------------------


def has_entities(xml: bytes) -> bool:
    """Whether a piece of XML declares entities (or a DTD).

    A declaration needs "<!", whose "!" is rare in a sheet and found by memchr:
    searching for "<!" itself is slow, since "<" is everywhere.
    """
    return b"!" in xml and b"<!" in xml and any(mark in xml for mark in ENTITY_MARKS)


def refuse_entities(xml: bytes, file: str | Path, sheet: str | None = None) -> None:
    if has_entities(xml):
        raise WorkbookRefused(ENTITIES, file=file, sheet=sheet)


@dataclass
class PartScan:
    """One sheet's XML, checked piece by piece (`feed`), whole or streamed: no entity declarations, no far cell.

    Pieces that follow each other should overlap by a few dozen bytes, so that
    a reference cut at a piece's end is seen whole in the next.  Readers
    bounded by `Limits.max_cells` need the sheet's extent, known only at the
    end (`finish`); the others refuse at the first far reference.
    """

    limits: Limits
    file: str | Path
    sheet: str | None
    rows: int = 0  # the furthest row and column count met so far (with `max_cells`)
    columns: int = 0
    _head_seen: bool = field(default=False, repr=False)

    def feed(self, xml: bytes) -> None:
        refuse_entities(xml, self.file, self.sheet)
        if self.limits.max_cells is not None:
            self._measure(xml)
            return
        if not self._head_seen:  # a declared extent beyond the limits is refused as well (read before <sheetData>)
            head = xml.find(b"<sheetData")
            self._head_seen = head >= 0
            at = xml.find(b"<dimension ", 0, head if head >= 0 else len(xml))
            found = DIMENSION.match(xml, at) if at >= 0 else None
            if found:
                self._extent(found.group(1).upper(), found.group(2))
        if SUSPECT_REFERENCE.search(xml):
            found = self.limits.far_cell.search(xml)
            if found:
                start = found.start() + 4
                end = xml.find(b'"', start, start + 24)
                reference = xml[start:end if end >= 0 else start + 24].decode(errors="replace").upper()
                raise WorkbookRefused(TOO_FAR.format(_place(reference)), file=self.file, sheet=self.sheet)

    def finish(self) -> None:
        if self.limits.max_cells is not None and self.limits.too_far(self.rows, max(self.columns, 26 if self.rows else 0)):
            raise too_far(self.file, self.sheet, self.rows, self.columns)

    def _measure(self, xml: bytes) -> None:
        """The furthest row and column of this piece: rows of a sane sheet come in order, so the last row
        tag gives the furthest ordinary row; rare references say the rest."""
        last_row = xml.rfind(b"<row")
        if last_row < 0:
            last_row = xml.rfind(b":row ")
        if last_row >= 0:
            found = LAST_ROW_TAG.match(xml, xml.rfind(b"<", 0, last_row + 1))
            if found:
                self.rows = max(self.rows, int(found.group(1)))
        if SUSPECT_REFERENCE.search(xml):
            for letters, row, far_row in SUSPECT_PARTS.findall(xml):
                self._extent(letters.upper(), row or far_row)

    def _extent(self, letters: bytes, row: bytes) -> None:
        columns = column_index(letters.decode()) + 1 if letters else 0
        rows = int(row) if row else 0
        if self.limits.max_cells is None:
            if columns > self.limits.max_columns or rows > MAX_ROWS:
                raise WorkbookRefused(TOO_FAR.format(_place(f"{letters.decode()}{rows}")), file=self.file, sheet=self.sheet)
            return
        self.rows, self.columns = max(self.rows, rows), max(self.columns, columns)
        if len(letters) > 3 or self.limits.too_far(self.rows, self.columns):
            raise too_far(self.file, self.sheet, self.rows, self.columns)


def _place(reference: str) -> str:
    """A cell reference as the refusal names it; a row alone (a <row r="…">) by its number."""
    return f"第 {reference} 行" if reference.isdigit() else reference


def scan_part(archive: zipfile.ZipFile, member: str, scan: PartScan) -> None:
    """Stream one XML part of `archive` through `scan` (for parts too big to hold)."""
    overlap = b""
    with archive.open(member) as stream:
        while chunk := stream.read(SCAN_CHUNK):
            window = overlap + chunk
            scan.feed(window)
            overlap = window[-64:]
    scan.finish()


def _letters(first: str = "A", last: str = "Z") -> str:
    """A class of the letters first…last in either case (IGNORECASE made the search slower)."""
    return f"[{first}-{last}{first.lower()}-{last.lower()}]"


def _far_cell_pattern(max_columns: int) -> re.Pattern:
    """A regular expression matching a reference beyond `max_columns` or row MAX_ROWS.

    Column letters are compared by length and then alphabetically, which a
    pattern can do: with up to 702 columns (ZZ) that is "three letters, or two
    letters above the last allowed pair".  A row number alone is a <row r="…">.
    """
    if max_columns < 26 or max_columns > 702:
        raise ValueError("the far-cell pattern reads limits from Z to ZZ")
    last = column_letter(max_columns - 1)
    if len(last) == 1:
        columns = f"{_letters()}{{2,}}" + (f"|{_letters(chr(ord(last) + 1))}" if last != "Z" else "")
    else:
        first, second = last
        above = [f"{_letters()}{{3,}}"]
        if first != "Z":
            above.append(_letters(chr(ord(first) + 1)) + _letters())
        if second != "Z":
            above.append(f"[{first}{first.lower()}]" + _letters(chr(ord(second) + 1)))
        columns = "|".join(above)
    rows = r"\d{8,}|[2-9]\d{6}|1[1-9]\d{5}|10[5-9]\d{4}"
    # Anchored on the literal ' r="' (fast to scan for); <row r="12"> fails at once on its digits.
    return re.compile(f' r="(?:(?:{columns})\\d|{_letters()}{{0,2}}(?:{rows}))'.encode())
