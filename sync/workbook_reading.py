"""Safe reading of spreadsheets a person hands us: .xlsx/.xlsm, legacy .xls, and CSV.

Any importer (the roster, the exchange workbooks) opens files through here, so the
checks against hostile or broken files live in one place:

* the first bytes decide what the file is, not its name: CSV text called ``.xlsx``
  is refused as "not a workbook", an OLE2 container holding an ``EncryptedPackage``
  is an encrypted workbook;
* a zip's declared sizes are checked before anything is inflated, so a zip bomb is
  refused in milliseconds;
* far-flung sheets (one cell at XFD1048576) are refused: python-calamine allocates
  rows × columns cells at once and *aborts the whole process* when that fails, so
  before calamine reads a sheet its XML is scanned (streamed, never held) for its
  furthest cell; the streaming reader applies the same limit to the rows and
  columns it has met as it goes, so a streamed sheet needs no scan;
* XML entity bombs are refused: the streaming reader declines any XML with a DTD
  (calamine then refuses it: its parser expands no DTD entities), and our own
  small reads of package XML go through defusedxml;
* formulas are never evaluated: the value Excel cached is read.

API::

    with open_workbook(path) as workbook:          # raises WorkbookRefused
        for name in workbook.sheet_names:
            for row_number, cells in workbook.iter_rows(name):
                ...                                # cells[0] is column A

Memory: .xlsx/.xlsm sheets are streamed by `sync.xlsx_rows` (about 30 MB for the
whole process whatever the sheet's size, plus the workbook's shared-string table,
about 70 MB for 800,000 distinct strings), in half to four fifths of calamine's time.
Rows without cells are not yielded, and rows may be shorter than the sheet is
wide (calamine padded them all): a cell past a row's end is empty.  What
that reader declines (namespace prefixes, Strict OOXML, DTDs, rows out of order
near the top) and legacy .xls go through calamine, which holds one whole sheet
while its rows are handed out (about 255 MB for 350,000 rows × 13 columns, about
400 MB for a moment while it loads: python-calamine 0.9 has no streaming reader);
after the last row that sheet is freed and its memory handed back to the system.
calamine itself is opened only when needed.  CSV is truly streamed.  Read one
sheet at a time and close the row iterator when done.

Cell values are ``str``, ``int``, ``float``, ``bool``, ``datetime.date``,
``datetime.datetime``, ``datetime.time``, ``datetime.timedelta``, or ``None`` / "" when empty:
numbers stay numbers so a caller can tell an ID number Excel already rounded
(3.70602E+17) from one typed as text.  `cell_text` turns any value into text.
"""

from __future__ import annotations

import codecs
import csv
import ctypes
import datetime as dt
import posixpath
import re
import sys
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE_MARK = "EncryptedPackage".encode("utf-16-le")

# Limits far above any real roster (350,000 residents × 12 columns is a 62 MB
# .xlsx whose sheet inflates to about 250 MB) and far below what hurts a laptop.
MAX_FILE_BYTES = 300 * 1024 * 1024
MAX_PART_BYTES = 768 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 120  # inflated / compressed, for parts over BOMB_RATIO_FLOOR
BOMB_RATIO_FLOOR = 32 * 1024 * 1024
MAX_CELLS = 12_000_000  # rows × columns calamine would allocate for one sheet
MAX_COLUMNS = 16_384
SCAN_CHUNK = 4 * 1024 * 1024

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
NAMES_OF_KIND = {"xlsx": {".xlsx", ".xlsm"}, "xls": {".xls"}}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}


class WorkbookRefused(Exception):
    """The file (or one place in it) cannot be read; the message says where and why.

    `file`, `sheet`, `row` (1-based, as the spreadsheet shows it) and `column`
    (a letter) are kept separately so a caller can put them in a report.
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str | Path,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = Path(file).name
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"工作表“{self.sheet}”")
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column is not None:
            where.append(f"{self.column} 列")
        return "，".join(where) + "：" + self.reason


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """0-based index of a column name (A → 0, XFD → 16383)."""
    value = 0
    for char in letters:
        value = value * 26 + (ord(char) - 64)
    return value - 1


def cell_text(value: object) -> str:
    """A cell value as the text a person would read in the cell.

    Whole floats lose their ".0" (a phone stored as a number, 13800138000.0);
    dates become ISO dates.  Text comes back unchanged, so formula-like text
    ("=1+1") stays inert text.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


@dataclass
class Workbook:
    """An opened, checked spreadsheet; sheets are read one at a time on demand."""

    path: Path
    kind: str  # "xlsx", "xls" or "csv"
    sheet_names: list[str]
    _calamine: object | None = None
    _sheet_parts: dict[str, str] = field(default_factory=dict)
    _package: object | None = None  # sync.xlsx_rows.Package, read on first use, False if declined
    _csv_encoding: str = "utf-8-sig"
    heights: dict[str, int] = field(default_factory=dict)  # rows of each sheet read so far (xlsx/xls)
    streamed_sheets: set[str] = field(default_factory=set)  # sheets read by the streaming reader, not loaded whole
    opened_as: tuple[int, int] = (0, 0)  # (size, modification time in ns) when opened: another reader can tell a changed file

    def __enter__(self) -> "Workbook":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._package = None
        if self._calamine is not None:
            try:
                self._calamine.close()
            except python_calamine.WorkbookClosed:
                pass
            self._calamine = None

    def refuse(self, reason: str, **where: object) -> WorkbookRefused:
        return WorkbookRefused(reason, file=self.path, **where)

    def iter_rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        """Yield ``(row_number, cells)`` for every row, row numbers as the sheet shows them.

        ``cells[i]`` is the value in column ``column_letter(i)``.  Raises
        `WorkbookRefused` for a sheet that is damaged or too far-flung to read.
        """
        if sheet not in self.sheet_names:
            raise self.refuse(f"没有名为“{sheet}”的工作表（有：{'、'.join(self.sheet_names)}）")
        if self.kind == "csv":
            yield from self._iter_csv_rows(sheet)
        elif self.kind == "xlsx":
            yield from self._iter_xlsx_rows(sheet)
        else:
            yield from self._iter_calamine_rows(sheet)

    # -- .xlsx, streamed -----------------------------------------------------------------

    def _iter_xlsx_rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        """Stream the sheet with `sync.xlsx_rows`; calamine reads what that reader declines."""
        from sync.xlsx_rows import Declined, iter_sheet_rows, read_package

        part = self._sheet_parts.get(sheet)
        rows = None
        if part is not None and self._package is not False:
            try:
                if self._package is None:
                    self._package = read_package(self.path)
                rows = iter_sheet_rows(self.path, part, sheet=sheet, package=self._package)
            except Declined:
                self._package = self._package or False
        if rows is None:
            yield from self._iter_calamine_rows(sheet)
            return
        self.heights[sheet] = rows.height
        self.streamed_sheets.add(sheet)
        package = self._package  # the workbook may be closed before this generator is
        try:
            yield from rows
        finally:
            rows.close()
            rows = None
            package.forget_shared_strings()  # a big table; another sheet reads it again

    # -- spreadsheets through calamine -------------------------------------------------

    def _iter_calamine_rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        part = self._sheet_parts.get(sheet)
        if self.kind == "xlsx":
            self._check_sheet_extent(sheet, part)
        try:
            loaded = self._calamine_book().get_sheet_by_name(sheet)
            # iter_rows starts at row 1 whatever the first used row, but at the first
            # used column: pad so that cells[0] is always column A.
            _, first_column = loaded.start or (0, 0)
            self.heights[sheet] = loaded.total_height
            padding = [None] * first_column
            rows = loaded.iter_rows()
            row_number = 0
            for values in rows:
                row_number += 1
                yield row_number, padding + values if padding else values
            rows = loaded = None  # free the sheet now, not when the caller drops this iterator
            _release_freed_memory()
        except WorkbookRefused:
            raise
        except Exception as error:  # calamine reports damage as many error types
            raise self.refuse(_damage(error), sheet=sheet) from None
        except BaseException as error:  # pyo3's PanicException derives from BaseException
            if type(error).__name__ != "PanicException":
                raise
            raise self.refuse(_damage(error), sheet=sheet) from None

    def _calamine_book(self):
        """calamine's view of the file, opened on first need (an .xlsx may never need it)."""
        if self._calamine is None:
            self._calamine, _ = _calamine_workbook(self.path, self.kind)
        return self._calamine

    def _check_sheet_extent(self, sheet: str, part: str | None) -> None:
        """Refuse a sheet whose furthest cell would make calamine allocate too much.

        Streams the sheet's XML through zlib and looks only at row and cell
        references, so it costs about a second per 250 MB of XML and no memory.
        """
        parts = [part] if part else _worksheet_parts(self.path)
        for name in parts:
            try:
                rows, columns = _scan_extent(self.path, name)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError) as error:
                raise self.refuse(f"文件已损坏，无法读取（{_short(error)}）", sheet=sheet) from None
            if columns > MAX_COLUMNS or rows * max(columns, 1) > MAX_CELLS:
                raise self.refuse(
                    f"表格范围过大（最远的单元格在 {column_letter(max(columns, 1) - 1)}{rows}），"
                    "请删去远处的空白或杂项单元格后另存再导入",
                    sheet=sheet,
                )

    # -- CSV ---------------------------------------------------------------------------

    def _iter_csv_rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        row_number = 0
        try:
            with self.path.open("r", encoding=self._csv_encoding, newline="") as handle:
                sample = handle.read(64 * 1024)
                handle.seek(0)
                dialect = _sniff_dialect(sample)
                for row_number, values in enumerate(csv.reader(handle, dialect), start=1):
                    yield row_number, [value if value != "" else None for value in values]
        except UnicodeDecodeError:
            raise self.refuse(
                "文本编码无法识别（既不是 UTF-8 也不是 GBK），请另存为 UTF-8 的 CSV",
                sheet=sheet,
                row=row_number + 1,
            ) from None
        except csv.Error as error:
            raise self.refuse(f"CSV 格式有误（{error}）", sheet=sheet, row=row_number + 1) from None


def open_workbook(path: str | Path) -> Workbook:
    """Open `path` for reading after the cheap checks; raise `WorkbookRefused` if unsafe or unreadable."""
    path = Path(path)
    try:
        stat = path.stat()
        size = stat.st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise WorkbookRefused("文件不存在", file=path) from None
    except IsADirectoryError:
        raise WorkbookRefused("这是一个文件夹，不是文件", file=path) from None
    except OSError as error:
        raise WorkbookRefused(f"无法读取文件（{error.strerror}）", file=path) from None
    if size == 0:
        raise WorkbookRefused("文件是空的", file=path)
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused(f"文件过大（{size // (1024 * 1024)} MB），超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 的上限", file=path)
    suffix = path.suffix.lower()
    if head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC):
        workbook = _open_xlsx(path)
    elif head.startswith(OLE2_MAGIC):
        workbook = _open_ole2(path)
    elif suffix in TEXT_SUFFIXES:
        workbook = _open_csv(path)
    else:
        workbook = None
    if workbook is not None:
        workbook.opened_as = (stat.st_size, stat.st_mtime_ns)
        return workbook
    if suffix in SPREADSHEET_SUFFIXES:
        kind = "纯文本（可能是改了扩展名的 CSV）" if _looks_like_text(path) else "无法识别的内容"
        raise WorkbookRefused(f"不是 Excel 工作簿：文件内容是{kind}", file=path)
    raise WorkbookRefused("不支持的文件类型，请选择 .xlsx、.xls 或 .csv 文件", file=path)


# -- opening each kind -----------------------------------------------------------------


def _open_xlsx(path: Path) -> Workbook:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _refuse_zip_bomb(path, members)
            names = {info.filename for info in members}
            if "EncryptedPackage" in names:
                raise WorkbookRefused(_ENCRYPTED, file=path)
            sheet_parts, worksheets = _sheet_parts_of(archive, names)
    except zipfile.BadZipFile as error:
        raise WorkbookRefused(f"文件已损坏，不是完整的 Excel 工作簿（{error}）", file=path) from None
    except (OSError, EOFError, RuntimeError, ValueError, NotImplementedError) as error:
        raise WorkbookRefused(f"文件已损坏，无法打开（{_short(error)}）", file=path) from None
    if worksheets:  # a plain package: its sheets are streamed, calamine opens only if one is declined
        return Workbook(path=path, kind="xlsx", sheet_names=worksheets, _sheet_parts=sheet_parts)
    workbook = _open_with_calamine(path, "xlsx")
    workbook._sheet_parts = sheet_parts
    return workbook


def _open_ole2(path: Path) -> Workbook:
    """A legacy .xls, or an encrypted .xlsx (Office wraps those in an OLE2 container)."""
    with path.open("rb") as handle:
        container = handle.read(min(path.stat().st_size, 64 * 1024 * 1024))
    if ENCRYPTED_PACKAGE_MARK in container:
        raise WorkbookRefused(_ENCRYPTED, file=path)
    return _open_with_calamine(path, "xls")


_ENCRYPTED = "文件已加密（设了打开密码），请在 Excel 或 WPS 中取消密码、另存后再导入"


def _open_with_calamine(path: Path, kind: str) -> Workbook:
    book, names = _calamine_workbook(path, kind)
    return Workbook(path=path, kind=kind, sheet_names=names, _calamine=book)


def _calamine_workbook(path: Path, kind: str):
    """(calamine's workbook, its worksheet names); by path when the name fits the content, else from the open file.

    calamine picks its reader from the file name when given a path, so a legacy
    .xls someone renamed to .xlsx (it happens) is handed over as a file object,
    from which calamine sniffs the content.
    """
    handle = None
    try:
        if path.suffix.lower() in (NAMES_OF_KIND[kind]):
            book = python_calamine.CalamineWorkbook.from_path(str(path))
        else:
            handle = path.open("rb")
            book = python_calamine.CalamineWorkbook.from_filelike(handle)
        names = [
            sheet.name
            for sheet in book.sheets_metadata
            if sheet.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
    except python_calamine.PasswordError:
        raise WorkbookRefused(_ENCRYPTED, file=path) from None
    except Exception as error:
        raise WorkbookRefused(_damage(error), file=path) from None
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        raise WorkbookRefused(_damage(error), file=path) from None
    finally:
        if handle is not None:
            handle.close()
    if not names:
        raise WorkbookRefused("工作簿里没有工作表", file=path)
    return book, names


def _open_csv(path: Path) -> Workbook:
    encoding = _detect_text_encoding(path)
    if encoding is None:
        raise WorkbookRefused("文本编码无法识别（既不是 UTF-8 也不是 GBK），请另存为 UTF-8 的 CSV", file=path)
    return Workbook(path=path, kind="csv", sheet_names=[path.stem], _csv_encoding=encoding)


# -- checks ----------------------------------------------------------------------------


def _refuse_zip_bomb(path: Path, members: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (
            info.file_size > MAX_PART_BYTES
            or total > MAX_TOTAL_BYTES
            or (info.file_size > BOMB_RATIO_FLOOR and ratio > MAX_RATIO)
        ):
            raise WorkbookRefused(
                f"文件解压后过大（“{info.filename}”声明 {info.file_size // (1024 * 1024)} MB，"
                f"压缩比 {ratio:.0f} 倍），疑似压缩炸弹，已拒绝",
                file=path,
            )


def _sheet_parts_of(archive: zipfile.ZipFile, names: set[str]) -> tuple[dict[str, str], list[str]]:
    """Sheet names mapped to their XML part inside the package, and the worksheets in order.

    Reads the three small XML files that say so, with defusedxml; element names are
    matched without namespace so Strict OOXML packages work too.  The worksheet
    list is empty unless every sheet the workbook names has its part in the
    package (an odd package is left to calamine, which then also names the sheets).
    """
    try:
        root_rels = _read_small_xml(archive, "_rels/.rels")
        workbook_part = next(
            (_attr(rel, "Target").lstrip("/") for rel in root_rels if _attr(rel, "Type").endswith("/officeDocument")),
            None,
        )
        if workbook_part is None or workbook_part not in names:
            return {}, []
        base = posixpath.dirname(workbook_part)
        rels_part = posixpath.join(base, "_rels", posixpath.basename(workbook_part) + ".rels")
        targets = {}
        worksheet_parts = set()
        for rel in _read_small_xml(archive, rels_part):
            target = _attr(rel, "Target")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            targets[_attr(rel, "Id")] = resolved
            if _attr(rel, "Type").endswith("/worksheet"):
                worksheet_parts.add(resolved)
        parts = {}
        worksheets = []
        complete = True
        for element in _read_small_xml(archive, workbook_part).iter():
            if _local(element.tag) == "sheet":
                relation = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
                part = targets.get(relation)
                name = element.attrib.get("name", "")
                if part in names:
                    parts[name] = part
                    if part in worksheet_parts and name not in worksheets:
                        worksheets.append(name)
                else:
                    complete = False
        return parts, worksheets if complete else []
    except DefusedXmlException:
        raise WorkbookRefused(
            "文件含有 XML 实体定义（可能是恶意构造的文件），已拒绝", file=Path(archive.filename or "")
        ) from None
    except (KeyError, SafeTree.ParseError, ValueError):
        return {}, []  # an odd package: every worksheet part gets scanned instead


def _read_small_xml(archive: zipfile.ZipFile, name: str):
    info = archive.getinfo(name)
    if info.file_size > 16 * 1024 * 1024:
        raise ValueError(f"{name} too large")
    return SafeTree.fromstring(archive.read(name))


def _attr(element, name: str) -> str:
    return element.attrib.get(name, "")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _worksheet_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [n for n in archive.namelist() if "worksheets/" in n and n.endswith(".xml") and "_rels" not in n]


LAST_ROW_TAG = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
# Only the rare references matter: a column of two or more letters (beyond Z) or a
# row of seven digits (beyond 999,999).  One regex that looks for just those keeps
# the scan near the speed of zlib instead of touching every cell.
FAR_REFERENCE = re.compile(rb'r="(?:([A-Z]{2,3})(\d+)|[A-Z]?(\d{7,}))"')


def _scan_extent(path: Path, part: str) -> tuple[int, int]:
    """(furthest row, furthest column count) referenced in a worksheet part, streamed.

    Rows of a sane sheet come in order, so the last row tag of each chunk gives
    the furthest ordinary row; out-of-order far cells are caught by `FAR_REFERENCE`.
    """
    max_row = 0
    max_columns = 0
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        while True:
            chunk = stream.read(SCAN_CHUNK)
            if not chunk:
                break
            data = tail + chunk  # scan complete tags only; the cut-off one goes to the next round
            cut = data.rfind(b"<")
            data, tail = data[:cut], data[cut:]
            last_row = data.rfind(b"<row")
            if last_row < 0:
                last_row = data.rfind(b":row ")
            if last_row >= 0:
                found = LAST_ROW_TAG.match(data, data.rfind(b"<", 0, last_row + 1))
                if found:
                    max_row = max(max_row, int(found.group(1)))
            for letters, row, far_row in FAR_REFERENCE.findall(data):
                if letters:
                    max_columns = max(max_columns, column_index(letters.decode()) + 1)
                max_row = max(max_row, int(row or far_row))
            if len(tail) > 1024 * 1024:  # no tag is that long in a sane sheet
                raise ValueError("malformed sheet XML")
    return max_row, max(max_columns, 26 if max_row else 0)


def _detect_text_encoding(path: Path) -> str | None:
    """utf-8-sig if the start decodes as UTF-8, else gb18030 (a superset of GBK) if that does."""
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


def _sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample[:16 * 1024], delimiters=",\t;")
    except csv.Error:
        return csv.excel


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as handle:
        sample = handle.read(4096)
    return b"\x00" not in sample and _detect_text_encoding(path) is not None


def _load_malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


_malloc_trim = _load_malloc_trim()


def _release_freed_memory() -> None:
    """Hand the memory of a freed sheet back to the system.

    calamine keeps each cell's text in its own small allocation; glibc keeps such
    freed blocks for reuse by C code, but Python's objects live in their own
    arenas and never reuse them, so after a 350,000-row sheet the process would
    go on holding about 150 MB it no longer uses.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)


def _damage(error: BaseException) -> str:
    """The reason a file calamine could not read is refused, in words for the user."""
    detail = _short(error)
    if "entity" in detail.lower() or "doctype" in detail.lower():
        return f"文件含有 XML 实体定义（可能是恶意构造的文件），已拒绝（{detail}）"
    return f"文件已损坏，无法读取（{detail}）"


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]
