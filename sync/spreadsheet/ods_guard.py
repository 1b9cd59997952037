"""The guard's part for an OpenDocument spreadsheet (.ods): how far its cells reach, before calamine reads it.

An .ods says "this row, 1,048,573 times" and "this cell, 16,373 times"
(``table:number-rows-repeated``, ``table:number-columns-repeated``):
LibreOffice writes such repeats for the empty rest of every sheet, and
calamine skips empty ones, but a repeated cell *with* content is allocated
once per repeat, and a few bytes could ask for billions of cells.  So
`check_content` walks the row and cell tags of ``content.xml`` (regular
expressions, no parser) and measures, per sheet, the furthest row and column
that hold something; beyond the reader's `Limits` the file is refused, as a
far cell of an .xlsx is.  Entity declarations are refused too.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from sync.spreadsheet.guard import Limits, refuse_entities, too_far
from sync.spreadsheet.refusal import WorkbookRefused

CONTENT_PART = "content.xml"
MAX_CONTENT_BYTES = 1_500_000_000

TABLE = re.compile(rb"<table:table((?:\s[^>]*)?)>")  # not table-row, table-cell
ROW = re.compile(rb"<table:table-row\b([^>]*?)(/?)>")
REPEATS = re.compile(rb'number-(?:rows|columns)-repeated="(\d+)"')
TABLE_NAME = re.compile(rb'table:name="([^"]*)"')
CELL_STARTS = (b"<table:table-cell", b"<table:covered-table-cell")
CELL_ENDS = (b"</table:table-cell>", b"</table:covered-table-cell>")
ROW_END = b"</table:table-row>"


def check_content(archive: zipfile.ZipFile, path: Path, limits: Limits) -> None:
    """Refuse an .ods whose content declares entities or reaches beyond `limits` (see the module)."""
    try:
        info = archive.getinfo(CONTENT_PART)
    except KeyError:
        raise WorkbookRefused("不是完整的 .ods 表格（里面没有 content.xml）", file=path) from None
    if info.file_size > MAX_CONTENT_BYTES:
        raise WorkbookRefused(f"表格内容过大（{info.file_size >> 20} MB）", file=path)
    xml = archive.read(info)
    refuse_entities(xml, path)
    tables = list(TABLE.finditer(xml))
    for index, table in enumerate(tables):
        name = TABLE_NAME.search(table.group(1))
        sheet = name.group(1).decode(errors="replace") if name else None
        end = tables[index + 1].start() if index + 1 < len(tables) else len(xml)
        _check_table(xml, table.end(), end, sheet, path, limits)


def _check_table(xml: bytes, start: int, end: int, sheet: str | None, path: Path, limits: Limits) -> None:
    """One sheet: the furthest row and column holding something, row by row (a row's cells are
    counted with bytes.count, not one by one: a sheet has tens of thousands of them)."""
    rows = furthest_row = furthest_column = 0
    for row in ROW.finditer(xml, start, end):
        repeat = _repeat(row.group(1))
        rows += repeat
        if row.group(2):  # <table:table-row/>
            continue
        body = row.end()
        body_end = xml.find(ROW_END, body, end)
        body_end = end if body_end < 0 else body_end
        last = max(xml.rfind(CELL_ENDS[0], body, body_end), xml.rfind(CELL_ENDS[1], body, body_end))
        if last < 0:  # only empty cells
            continue
        width = sum(xml.count(tag, body, last) for tag in CELL_STARTS)  # the cells up to the last one holding something
        width += sum(int(found.group(1)) - 1 for found in REPEATS.finditer(xml, body, last))
        furthest_row, furthest_column = rows, max(furthest_column, width)
        if limits.too_far(furthest_row, furthest_column):
            raise too_far(path, sheet, furthest_row, furthest_column)


def _repeat(attributes: bytes) -> int:
    found = REPEATS.search(attributes)
    return int(found.group(1)) if found else 1
