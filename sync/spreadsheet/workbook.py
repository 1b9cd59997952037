"""What every reader of a spreadsheet gives: its sheets' names, and each sheet's rows.

A caller reads any workbook the same way, whichever reader suits the file
(`opening` picks one).  A reader of another format (an .ods, an .xls read
another way) implements `_rows` and, if it can do better than collecting
them, `sheet_rows`.  Rows are never read before they are asked for, and one
sheet at a time.

Cell values are ``str``, ``int``, ``float``, ``bool``, ``datetime.date``,
``datetime.datetime``, ``datetime.time``, ``datetime.timedelta``, or ``None`` /
"" when empty: numbers stay numbers, so a caller can tell an ID number Excel
already rounded (3.70602E+17) from one typed as text.  `cell_values.cell_text`
turns any value into text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sync.spreadsheet.refusal import WorkbookRefused


class Workbook:
    """An opened, checked spreadsheet; sheets are read one at a time on demand.

    `heights` holds the rows of each sheet read so far (for progress), and
    `streamed_sheets` the sheets read without being held whole.  `opened_as`
    is the file's (size, modification time in ns) when opened: another reader
    of the same file can tell it changed.
    """

    kind = ""  # "xlsx", "xls" or "csv"

    def __init__(self, path: Path, sheet_names: list[str], opened_as: tuple[int, int] = (0, 0)) -> None:
        self.path = path
        self.sheet_names = sheet_names
        self.opened_as = opened_as
        self.heights: dict[str, int] = {}
        self.streamed_sheets: set[str] = set()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def close(self) -> None:
        """Let go of what the reader holds (a parser's copy of the file)."""

    def refuse(self, reason: str, **where) -> WorkbookRefused:
        return WorkbookRefused(reason, file=self.path, **where)

    def iter_rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        """Yield ``(row_number, cells)`` for the sheet's rows, row numbers as the sheet shows them.

        ``cells[i]`` is the value in column ``column_letter(i)``; rows without
        cells may be left out, and a row may be shorter than the sheet is wide
        (a cell past its end is empty).  Raises `WorkbookRefused` for a sheet
        that is damaged or too far-flung to read.  Close the iterator when done
        early: a streamed sheet's file is open until then.
        """
        self._require(sheet)
        return self._rows(sheet)

    def sheet_rows(self, sheet: str) -> list[list]:
        """The whole sheet at once, as calamine gives it: row 1 first, column A first, every row as wide
        as the sheet, "" for an empty cell."""
        self._require(sheet)
        rows: list[list] = []
        width = 0
        for number, cells in self._rows(sheet):
            rows.extend([] for _ in range(number - 1 - len(rows)))
            rows.append(["" if value is None else value for value in cells])
            width = max(width, len(cells))
        return [row + [""] * (width - len(row)) for row in rows]

    def _require(self, sheet: str) -> None:
        if sheet not in self.sheet_names:
            raise self.refuse(f"没有名为“{sheet}”的工作表（有：{'、'.join(self.sheet_names)}）")

    def _rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        raise NotImplementedError
