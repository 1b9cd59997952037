"""An .xlsx whose sheets are streamed (`xlsx_sheet`), and read by calamine where the stream declines.

The streaming reader holds about as much memory for a district's roster as
for a village's, so it reads every sheet it can; what it declines (namespace
prefixes, Strict OOXML, DTDs, rows out of order near the top) calamine reads,
after the guard has checked that sheet's extent.  calamine is opened only
when a sheet needs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sync.spreadsheet.calamine_sheets import CalamineWorkbook
from sync.spreadsheet.guard import ANY_WORKBOOK, Limits
from sync.spreadsheet.xlsx_column_styles import restyle
from sync.spreadsheet.xlsx_package import Package, PackageMap, read_package
from sync.spreadsheet.xlsx_sheet import SheetRows
from sync.spreadsheet.xlsx_xml import Declined


class StreamedXlsx(CalamineWorkbook):
    """A plain .xlsx package: every worksheet has its part (`PackageMap.worksheets`)."""

    def __init__(self, path: Path, package_map: PackageMap, *, limits: Limits = ANY_WORKBOOK,
                 opened_as: tuple[int, int] = (0, 0)) -> None:
        super().__init__(path, "xlsx", list(package_map.worksheets), sheet_parts=package_map.sheet_parts,
                         limits=limits, opened_as=opened_as, package_map=package_map)
        self._map = package_map
        self._package: Package | None | bool = None  # read on first use; False once declined

    def close(self) -> None:
        self._package = None
        super().close()

    def _rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        rows = self._stream(sheet)
        if rows is None:
            return super()._rows(sheet)
        self.heights[sheet] = rows.height
        self.streamed_sheets.add(sheet)
        kinds = self.column_kinds(sheet)
        if kinds:  # a column styled as dates (Gnumeric's way): rare, so the usual sheet is not wrapped
            return _restyled(rows, kinds, self._map.date1904)
        return rows  # (itself: a generator around it would cost a step per row)

    def _stream(self, sheet: str) -> SheetRows | None:
        """The sheet's rows, streamed; None if the streaming reader declines the sheet (or the package)."""
        part = self.sheet_parts.get(sheet)
        if part is None or self._package is False:
            return None
        try:
            if self._package is None:
                self._package = read_package(self.path, self._map)
            return SheetRows(self.path, part, sheet, self._package, self._limits)
        except Declined:
            self._package = self._package or False
            return None


def _restyled(rows: SheetRows, kinds: dict[int, int], date1904: bool) -> Iterator[tuple[int, list]]:
    """The streamed rows with the numbers of date-styled columns as dates; closing it closes the sheet."""
    try:
        for number, cells in rows:
            yield number, restyle(cells, kinds, date1904)
    finally:
        rows.close()
