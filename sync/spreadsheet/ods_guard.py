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

TAG = re.compile(rb"<table:table-row\b([^>]*?)(/?)>|</table:table-row>|<table:(?:covered-)?table-cell\b([^>]*?)(/?)>"
                 rb"|<table:table\b([^>]*)>")
REPEATS = re.compile(rb'number-(?:rows|columns)-repeated="(\d+)"')
TABLE_NAME = re.compile(rb'table:name="([^"]*)"')


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
    sheet = None
    rows = furthest_row = furthest_column = 0
    row_repeat, column, row_width = 1, 0, 0
    for found in TAG.finditer(xml):
        row_attributes, row_closed, cell_attributes, cell_closed, table_attributes = found.groups()
        if table_attributes is not None:
            name = TABLE_NAME.search(table_attributes)
            sheet = name.group(1).decode(errors="replace") if name else None
            rows = furthest_row = furthest_column = 0
        elif row_attributes is not None:
            row_repeat, column, row_width = _repeat(row_attributes), 0, 0
            if row_closed:
                rows += row_repeat
        elif cell_attributes is not None:
            column += _repeat(cell_attributes)
            if not cell_closed:  # a cell with content
                row_width = column
        else:  # the end of a row
            rows += row_repeat
            if row_width:
                furthest_row, furthest_column = rows, max(furthest_column, row_width)
                if limits.too_far(furthest_row, furthest_column):
                    raise too_far(path, sheet, furthest_row, furthest_column)


def _repeat(attributes: bytes) -> int:
    found = REPEATS.search(attributes)
    return int(found.group(1)) if found else 1
