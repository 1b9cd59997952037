"""Sheets read whole by python-calamine: legacy .xls, the .xlsx the streaming reader declines, exchange workbooks.

calamine is fast (a laptop's exchange workbook in a few milliseconds) but
holds a whole sheet while its rows are handed out, and trusts what it reads:
so every .xlsx sheet it parses has passed the guard first, either in full
before the workbook was opened (`checked`: the exchange, `opening`) or sheet
by sheet just before calamine reads it (the roster's fallback).  Whatever
calamine raises on a damaged file, panics included, becomes a refusal.
After a sheet's last row its memory is handed back to the system.  The
numbers of an .xlsx column styled as dates come back as dates
(`xlsx_column_styles`), as LibreOffice shows them.
"""

from __future__ import annotations

import ctypes
import io
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import python_calamine

from sync.spreadsheet.guard import ANY_WORKBOOK, Limits, PartScan, scan_part, too_far
from sync.spreadsheet.refusal import ENCRYPTED, WorkbookRefused, damage, short
from sync.spreadsheet.workbook import Workbook
from sync.spreadsheet.xlsx_xml import Declined
from sync.spreadsheet.xlsx_column_styles import column_formats, restyle
from sync.spreadsheet.xlsx_package import PackageMap, read_number_formats

NAMES_OF_KIND = {"xlsx": {".xlsx", ".xlsm"}, "xls": {".xls"}, "ods": {".ods"}}


class CalamineWorkbook(Workbook):
    """A workbook whose sheets calamine reads.

    `source` is the file, or the bytes of a checked stored copy of it
    (`stored_copy`); `sheet_parts` maps an .xlsx's sheets to their parts, for
    the check of a sheet before calamine reads it, unless the whole workbook
    was `checked` when opened; `package_map` (an .xlsx's) says where its styles
    are, for the columns styled as dates (`column_kinds`).
    """

    def __init__(self, path: Path, kind: str, sheet_names: list[str] | None = None, *, source: bytes | None = None,
                 sheet_parts: dict[str, str] | None = None, checked: bool = False, limits: Limits = ANY_WORKBOOK,
                 opened_as: tuple[int, int] = (0, 0), package_map: PackageMap | None = None) -> None:
        super().__init__(path, sheet_names or [], opened_as)
        self.kind = kind
        self._source = source
        self.sheet_parts = sheet_parts or (package_map.sheet_parts if package_map else {})
        self._package_map = package_map
        self._formats: list[int] | None = None
        self._styles_archive: zipfile.ZipFile | None = None  # opened once for every sheet's <cols>
        self._checked = checked
        self._limits = limits
        self._book = None
        if sheet_names is None:  # calamine names the sheets
            book = self._calamine()
            with _refusing(self, None):
                self.sheet_names = [sheet.name for sheet in book.sheets_metadata
                                    if sheet.typ == python_calamine.SheetTypeEnum.WorkSheet]
            if not self.sheet_names:
                raise self.refuse("工作簿里没有工作表")

    def close(self) -> None:
        if self._styles_archive is not None:
            self._styles_archive.close()
            self._styles_archive = None
        self._source = None
        if self._book is not None:
            try:
                self._book.close()
            except python_calamine.WorkbookClosed:
                pass
            self._book = None

    def sheet_rows(self, sheet: str) -> list[list]:
        self._require(sheet)
        self._check_sheet(sheet)
        with _refusing(self, sheet):
            loaded = self._loaded(sheet)
            rows = loaded.to_python(skip_empty_area=False)
        kinds = self.column_kinds(sheet)
        if kinds:
            date1904 = self._package_map.date1904
            rows = [restyle(row, kinds, date1904) for row in rows]
        return rows

    def column_kinds(self, sheet: str) -> dict[int, int]:
        """The columns of an .xlsx sheet styled as dates or durations (`xlsx_column_styles`); {} if none or unknown."""
        part = self.sheet_parts.get(sheet)
        if self.kind != "xlsx" or self._package_map is None or part is None:
            return {}
        try:
            if self._styles_archive is None:
                self._styles_archive = zipfile.ZipFile(io.BytesIO(self._source) if self._source is not None else self.path)
                self._formats = read_number_formats(self._styles_archive, self._package_map.styles_part)
            return column_formats(self._styles_archive, part, self._formats)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError, Declined):
            return {}  # calamine reads the sheet as it can; its numbers stay numbers

    def _rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        self._check_sheet(sheet)
        with _refusing(self, sheet):
            loaded = self._loaded(sheet)
            # iter_rows starts at row 1 whatever the first used row, but at the first
            # used column: pad so that cells[0] is always column A.
            _, first_column = loaded.start or (0, 0)
            self.heights[sheet] = loaded.total_height
            padding = [None] * first_column
            rows = loaded.iter_rows()
            kinds = self.column_kinds(sheet)
            date1904 = self._package_map.date1904 if kinds else False
            row_number = 0
            for values in rows:
                row_number += 1
                values = padding + values if padding else values
                yield row_number, restyle(values, kinds, date1904) if kinds else values
            rows = loaded = None  # free the sheet now, not when the caller drops this iterator
            _release_freed_memory()

    def _loaded(self, sheet: str):
        """calamine's sheet; an .xls or .ods sheet beyond the limits is refused (an .xlsx's was checked before
        calamine read it; an .ods's extent was measured by `ods_guard` too)."""
        loaded = self._calamine().get_sheet_by_name(sheet)
        if self.kind != "xlsx" and self._limits.too_far(loaded.height, loaded.width):
            raise too_far(self.path, sheet, loaded.height, loaded.width)
        return loaded

    def _calamine(self):
        """calamine's view of the file, opened on first need."""
        if self._book is None:
            with _refusing(self, None):
                self._book = _open(self.path, self.kind, self._source)
        return self._book

    def _check_sheet(self, sheet: str) -> None:
        """Refuse an .xlsx sheet whose furthest cell would make calamine allocate too much (unless checked)."""
        if self.kind != "xlsx" or self._checked:
            return
        part = self.sheet_parts.get(sheet)
        try:
            with zipfile.ZipFile(self.path) as archive:
                parts = [part] if part else [name for name in archive.namelist()
                                             if "worksheets/" in name and name.endswith(".xml") and "_rels" not in name]
                for name in parts:
                    scan_part(archive, name, PartScan(self._limits, self.path, sheet))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError) as error:
            raise self.refuse(f"文件已损坏，无法读取（{short(error)}）", sheet=sheet) from None


def _open(path: Path, kind: str, source: bytes | None):
    """calamine's workbook: from the checked copy, by path when the name fits the content, else from the open file.

    calamine picks its reader from the file name when given a path, so a legacy
    .xls someone renamed to .xlsx (it happens) is handed over as a file object,
    from which calamine sniffs the content.
    """
    if source is not None:
        return python_calamine.CalamineWorkbook.from_object(io.BytesIO(source))
    if path.suffix.lower() in NAMES_OF_KIND[kind]:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    with path.open("rb") as handle:
        return python_calamine.CalamineWorkbook.from_filelike(handle)


class _refusing:
    """Turn what calamine raises on a damaged file into a refusal naming the file (and sheet)."""

    def __init__(self, workbook: Workbook, sheet: str | None) -> None:
        self.workbook, self.sheet = workbook, sheet

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None or isinstance(error, (WorkbookRefused, GeneratorExit)):
            return False
        if isinstance(error, python_calamine.PasswordError):
            raise self.workbook.refuse(ENCRYPTED) from None
        if isinstance(error, Exception) or type(error).__name__ == "PanicException":  # pyo3's panics are BaseExceptions
            raise self.workbook.refuse(damage(error), sheet=self.sheet) from None
        return False


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
    arenas and never reuse them, so after a big sheet the process would go on
    holding memory it no longer uses.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)
