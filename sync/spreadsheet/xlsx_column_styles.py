"""Dates a column's style carries: cells with no style of their own in a column styled as a date.

Gnumeric writes the dates of a column as bare numbers (``<c r="E2"><v>32939</v></c>``,
no ``s``) and puts the date format on the column (``<col min="5" max="5" style="6"/>``);
LibreOffice shows them as dates, and so does Lianxin.  calamine and the streaming
reader give those cells as numbers, since a cell without ``s`` has the default
style; `column_formats` reads which columns are styled as dates or durations from
the sheet's start, and `restyle` turns the plain numbers of those columns into what
the style makes of them (`cell_values.excel_datetime`, `excel_duration`) — for
every .xlsx reader alike.  Only a sheet that has bare cells near its start (where
`column_formats` looks) is touched: Lianxin, Excel and LibreOffice give every cell
its style.  In such a sheet a number that carried a number style of its own in a
date-styled column would be taken as a date too: Gnumeric writes none.
"""

from __future__ import annotations

import re
import zipfile

from sync.spreadsheet.cell_values import DATE, DURATION, excel_datetime, excel_duration
from sync.spreadsheet.xlsx_xml import attributes

HEAD_BYTES = 1 << 20  # <cols> comes before <sheetData>, near the start of the part
ROWS_LOOKED_AT = 65_536  # bytes of <sheetData> searched for a bare cell
COLUMN = re.compile(rb"<(?:[\w.-]+:)?col\b([^>]*)>")
SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b")
BARE_CELL = re.compile(rb'<(?:[\w.-]+:)?c(?: r="[A-Za-z]{1,3}[0-9]{1,7}")?>')  # no style, no type: a number


def column_formats(archive: zipfile.ZipFile, part: str, formats: list[int]) -> dict[int, int]:
    """Column index (0 for A) → DATE or DURATION, for the columns of `part` styled so (`formats`: per cellXfs)."""
    if not any(kind in (DATE, DURATION) for kind in formats):
        return {}
    head = b""
    end = None
    with archive.open(part) as stream:
        while len(head) < HEAD_BYTES and (chunk := stream.read(16_384)):
            head += chunk
            end = end or SHEET_DATA.search(head)
            if end and len(head) >= end.start() + ROWS_LOOKED_AT:
                break
    if end is None or not BARE_CELL.search(head, end.start()):
        return {}  # every cell carries its own style: the columns' styles change nothing
    kinds: dict[int, int] = {}
    for found in COLUMN.finditer(head, 0, end.start()):
        values = attributes(found.group(1))
        style, first, last = values.get(b"style"), values.get(b"min"), values.get(b"max")
        if not (style and style.isdigit() and first and first.isdigit() and last and last.isdigit()):
            continue
        index = int(style)
        kind = formats[index] if index < len(formats) else None
        if kind in (DATE, DURATION):
            for column in range(int(first) - 1, min(int(last), 16_384)):
                kinds[column] = kind
    return kinds


def restyle(cells: list, kinds: dict[int, int], date1904: bool) -> list:
    """`cells` with the plain numbers of date- or duration-styled columns (`column_formats`) converted."""
    for column, kind in kinds.items():
        if column < len(cells):
            value = cells[column]
            if value.__class__ is float or value.__class__ is int:
                try:
                    cells[column] = excel_datetime(float(value), date1904) if kind == DATE else excel_duration(float(value))
                except OverflowError:
                    pass
    return cells
