"""Rows of a stretch read with expat: anything valid the sheet's faster paths are not sure of.

Formulas in odd places, rich inline text, comments, CDATA, cells without
references, attributes in any order: expat reads them all, and each cell is
read the way calamine reads it (its counters for cells without a reference
carry over from stretch to stretch through the sheet).  This is the slowest
of the streaming reader's three paths and the one that is always right.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from sync.spreadsheet.cell_values import DATE, DURATION, NUMBER, excel_datetime, excel_duration, iso_value
from sync.spreadsheet.references import MAX_COLUMNS, column_index, column_letter
from sync.spreadsheet.refusal import WorkbookRefused
from sync.spreadsheet.xlsx_shared_strings import StringReader
from sync.spreadsheet.xlsx_xml import EXCEL_ESCAPE, KNOWN_ERRORS, NUMBER_TEXT, Declined, excel_unescape

CELL_REFERENCE = re.compile(r"([A-Za-z]*)([0-9]+)")
EMPTY = object()  # no value (yet): a cell that stays so is left out


class ExpatRows:
    """One stretch of rows read with expat, following calamine's reading of each cell.

    Cells may come in any order and without references; calamine's counters for
    unreferenced cells carry over from stretch to stretch through `sheet`, the
    `xlsx_sheet.SheetRows` whose stretch this is.
    """

    def __init__(self, sheet) -> None:
        self.sheet = sheet
        self.package = sheet._package
        self.cells: dict[int, dict[int, object]] = {}
        self.in_order = True  # row numbers only grow in document order
        self.current_row: int | None = None
        self.highest_row = sheet._last_row
        self.max_row = sheet._last_row
        self.widest = sheet._widest
        self.cell: list | None = None  # [row, column, style, type, value]
        self.depth = 0  # inside the cell: 1 for its children
        self.child: str | None = None
        self.text: list[str] = []
        self.v_start = 0
        self.string: StringReader | None = None
        self.cdata = False

    def read(self, piece: bytes) -> list[tuple[int, list]]:
        self.document = b"<sheetData>" + piece + b"</sheetData>"
        parser = self.parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data
        parser.StartCdataSectionHandler = self.cdata_start
        parser.EndCdataSectionHandler = self.cdata_end
        try:
            parser.Parse(self.document, True)
        except expat.ExpatError as error:
            raise self.refuse(f"文件已损坏，工作表 XML 有误（{expat.ErrorString(error.code)}）") from None
        if not self.in_order and not self.sheet._started:
            raise Declined("rows out of order")
        rows = []
        for number in sorted(self.cells):
            if number <= self.sheet._last_row:
                raise self.sheet._refuse(f"行的顺序错乱（第 {number} 行出现在后面的行之后），请在 Excel 或 WPS 中另存后再导入",
                                         row=number)
            placed = self.cells[number]
            row = [""] * (max(placed) + 1)
            for column, value in placed.items():
                row[column] = value
            rows.append((number, row))
        if rows:
            self.sheet._last_row = rows[-1][0]
        self.sheet._widest = self.widest
        return rows

    def refuse(self, reason: str) -> WorkbookRefused:
        row = self.cell[0] + 1 if self.cell else None
        column = column_letter(self.cell[1]) if self.cell and self.cell[1] < MAX_COLUMNS else None
        return self.sheet._refuse(reason, row=row, column=column)

    # -- expat handlers

    def start(self, name: str, attributes: dict) -> None:
        name = name.rpartition(":")[2]
        if self.cell is not None:
            self.depth += 1
            if self.string is not None:
                self.string.start(name, attributes)
            elif self.depth == 1:
                self.child_start(name, attributes)
            return
        if name == "row":
            reference = attributes.get("r")
            if reference is not None:
                found = CELL_REFERENCE.fullmatch(reference)
                if not found or int(found.group(2)) == 0:
                    raise self.refuse(f"文件已损坏，行号“{reference[:20]}”无效")
                self.sheet._row_index = int(found.group(2)) - 1
        elif name == "c":
            self.cell_start(attributes)

    def cell_start(self, attributes: dict) -> None:
        sheet = self.sheet
        reference = attributes.get("r")
        if reference is not None:
            found = CELL_REFERENCE.fullmatch(reference)
            if not found or not found.group(1) or int(found.group(2)) == 0:
                raise self.sheet._refuse(f"文件已损坏，单元格位置“{reference[:20]}”无效")
            row, column = int(found.group(2)) - 1, column_index(found.group(1).upper())
            sheet._column_index = column
        else:
            row, column = sheet._row_index, sheet._column_index
        self.cell = [row, column, attributes.get("s"), attributes.get("t"), EMPTY]
        self.depth = 0
        if column >= sheet.max_columns:
            raise self.sheet._too_far(row + 1, column + 1)
        if row + 1 > self.max_row or column + 1 > self.widest:
            self.max_row = max(self.max_row, row + 1)
            self.widest = max(self.widest, column + 1)
            if self.max_row * self.widest > sheet.max_cells:
                raise self.sheet._too_far(self.max_row, self.widest)
        if row + 1 != self.current_row:
            if row + 1 <= self.highest_row:
                self.in_order = False
            self.highest_row = max(self.highest_row, row + 1)
            self.current_row = row + 1

    def child_start(self, name: str, attributes: dict) -> None:
        if name == "is":
            self.string = StringReader()
            self.string.parts = []
        elif name == "v":
            self.child = "v"
            self.text = []
            self.v_start = self.document.index(b">", self.parser.CurrentByteIndex) + 1
        elif name == "f":
            self.child = "f"
        else:
            raise self.refuse(f"文件已损坏，单元格里有无法识别的内容 <{name}>")

    def end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        if self.cell is None:
            if name == "row":
                self.sheet._row_index += 1
                self.sheet._column_index = 0
            return
        if self.depth == 0:  # </c>
            self.cell_end()
            return
        self.depth -= 1
        if self.string is not None:
            if self.depth == 0:  # </is>
                self.cell[4] = "".join(self.string.parts)
                self.string = None
            else:
                self.string.end(name)
        elif self.depth == 0:
            if self.child == "v":
                self.cell[4] = self.v_value(self.document[self.v_start:max(self.parser.CurrentByteIndex, self.v_start)])
            elif self.child == "f":
                self.cell[4] = EMPTY
            self.child = None

    def cell_end(self) -> None:
        row, column, _, _, value = self.cell
        if value is not EMPTY:
            self.cells.setdefault(row + 1, {})[column] = value
        self.sheet._column_index = column + 1
        self.cell = None

    def data(self, text: str) -> None:
        if self.string is not None:
            self.string.data(text)
        elif self.child == "v" and not self.cdata:
            self.text.append(text)

    def cdata_start(self) -> None:
        self.cdata = True

    def cdata_end(self) -> None:
        self.cdata = False

    def v_value(self, raw: bytes) -> object:
        """A <v> as calamine reads it: numbers and indexes from the first raw text, strings whole."""
        _, _, style, cell_type, _ = self.cell
        if cell_type in ("inlineStr", "is"):
            return EMPTY
        if cell_type in ("str", "d"):
            text = "".join(self.text)
            if cell_type == "d":
                return iso_value(text) if text else ""
            return EXCEL_ESCAPE.sub(excel_unescape, text) if "_x" in text else text
        first = re.match(rb"[^&<]*", raw).group()
        if not first:
            return EMPTY
        if cell_type == "s":
            index = int(first) if first.isdigit() and len(first) < 20 else 0
            strings = self.sheet._strings
            if strings is None:
                strings = self.sheet._strings = self.package.shared_strings()
            if index >= len(strings):
                raise self.refuse("文件已损坏，单元格引用的共享字符串不存在")
            return strings[index]
        if cell_type == "b":
            word = first.strip().lower()
            if word in (b"1", b"true"):
                return True
            if word in (b"0", b"false"):
                return False
            raise self.refuse(f"文件已损坏，无法识别的布尔值“{first[:20].decode(errors='replace')}”")
        if cell_type == "e":
            if first in KNOWN_ERRORS:
                return ""
            raise self.refuse(f"文件已损坏，无法识别的错误值“{first[:20].decode(errors='replace')}”")
        if cell_type not in (None, "n"):
            raise self.refuse(f"文件已损坏，无法识别的单元格类型“{cell_type[:20]}”")
        if not NUMBER_TEXT.fullmatch(first):
            if cell_type is None:
                return first.decode(errors="replace")
            raise self.refuse(f"文件已损坏，“{first[:20].decode(errors='replace')}”不是数字")
        number = float(first)
        formats = self.package.formats
        index = int(style) if style is not None and style.isascii() and style.isdigit() else 0
        kind = formats[index] if style is not None and index < len(formats) else NUMBER
        if kind == DATE:
            return excel_datetime(number, self.package.date1904)
        if kind == DURATION:
            try:
                return excel_duration(number)
            except OverflowError:
                raise self.refuse("文件已损坏，时长超出范围") from None
        return number
