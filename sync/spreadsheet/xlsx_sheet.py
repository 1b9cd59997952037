"""Rows of one .xlsx worksheet, streamed: flat memory, the same values calamine gives.

python-calamine loads a whole sheet before it hands out the first row, so it
would set the memory floor of a district's import.  This reader inflates the
worksheet part 1 MB at a time and turns each stretch of complete ``<row>``
elements into rows, so memory stays flat whatever the sheet's size; only the
shared-string table is held, as calamine holds it too.

Three paths read a stretch, fastest first; each hands what it is not sure of
(`Unsure`) to the next, so a faster path only ever has to be right when it is
confident:

* the row pattern (`xlsx_row_pattern`): learned from the cells of an earlier
  stretch, one match per row and one conversion per column, for the long runs
  of same-shaped rows a roster is made of;
* cell by cell (`_fast`): one ``findall`` for the cell forms every common writer
  uses (Excel, WPS, LibreOffice, openpyxl, xlsxwriter, our own writer), guarded
  by a count that every ``<c`` of the stretch was matched;
* expat (`xlsx_expat_rows`), for anything else valid (formulas in odd places,
  rich text, comments, CDATA, cells without references, any attribute order).

Values follow calamine 0.37 as python-calamine 0.9 hands them over
(`tests/test_xlsx_rows.py` compares all three paths with calamine, cell by
cell): numbers are floats; a number with a date format is a ``date`` (whole
day), ``datetime``, or ``time`` (below 1), a duration format ([h]:mm) gives a
``timedelta`` (`cell_values`); booleans are bools; error cells and empty
cells are ""; ``t="d"`` cells are parsed as ISO dates or kept as text; strings
lose leading and trailing XML whitespace unless ``xml:space="preserve"``, and
``_x000D_`` escapes are decoded.

A sheet this reader will not take (namespace prefixes, Strict OOXML, a DTD, an
encoding other than UTF-8, rows out of order near the top) raises `Declined`
before the first row, and the caller reads it with calamine instead.  Damage
found later raises `WorkbookRefused` naming the sheet (and the row when known);
so do rows that go backwards after the first megabyte, which no writer
produces, and cells beyond the reader's `Limits`, checked as they are met.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from itertools import chain, compress, islice, product
from operator import lt
from pathlib import Path
from string import ascii_uppercase

from sync.spreadsheet.cell_values import DATE, DURATION, NUMBER, excel_datetime, excel_duration, iso_value
from sync.spreadsheet.guard import ANY_WORKBOOK, MAX_ROWS, Limits, too_far
from sync.spreadsheet.references import MAX_COLUMNS
from sync.spreadsheet.refusal import WorkbookRefused
from sync.spreadsheet.xlsx_expat_rows import ExpatRows
from sync.spreadsheet.xlsx_package import Package, read_package
from sync.spreadsheet.xlsx_row_pattern import RowPattern
from sync.spreadsheet.xlsx_xml import (
    BOOL,
    EMPTY,
    ERROR,
    INLINE,
    ISO,
    KNOWN_ERRORS,
    SHARED,
    STR,
    Declined,
    Unsure,
    check_prolog,
    is_special,
    float_of,
    kind_of,
    trimmed_text,
    untrimmed_text,
)

CHUNK = 1 << 20
MAX_HEADER_BYTES = 16 << 20  # what may come before <sheetData> (column widths, views...)
MAX_ROW_BYTES = 64 << 20  # one <row> element; 16,384 cells take about 1 MB
KIND_CACHE_LIMIT = 10_000  # distinct attribute strings remembered (a hostile file could vary them endlessly)
PATTERN_RETRY_STRETCHES = 16  # after a stretch no row pattern fits, read this many cell by cell

# The fast path.  Groups: column letters, row digits, the other attributes, then the
# value as inline text (trimmed form: no edge whitespace, so nothing to trim), as
# inline text with xml:space="preserve", or as <v> text.  A formula before the value
# is skipped by the second pattern, used for stretches that have formulas.
_VALUE = (
    rb'(?:<is><t>(?![ \t\n\r])([^<]*)(?<![ \t\n\r])</t></is>'
    rb'|<is><t xml:space="preserve">([^<]*)</t></is>|<v>([^<]*))?'
)
FAST_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"([^>]*)>' + _VALUE)
FAST_CELL_AFTER_FORMULA = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"([^>]*)>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?' + _VALUE)
DIMENSION = re.compile(rb'<dimension\s+ref="([^"]*)"')
# A … XFD, in order: one, two, then three letters (A, …, Z, AA, …, ZZ, AAA, …).
COLUMN_OF_LETTERS = {letters.encode(): index for index, letters in enumerate(islice(
    chain(ascii_uppercase, *(map("".join, product(ascii_uppercase, repeat=size)) for size in (2, 3))), MAX_COLUMNS))}
UNREADABLE = (Unsure, KeyError, IndexError, ValueError, UnicodeDecodeError, OverflowError)  # a faster path gives up


def iter_sheet_rows(path: str | Path, sheet_part: str, *, sheet: str | None = None,
                    package: Package | None = None, limits: Limits = ANY_WORKBOOK) -> SheetRows:
    """Rows ``(row_number, cells)`` of the worksheet part `sheet_part`; ``cells[0]`` is column A.

    Reads the sheet's start at once, so `Declined` comes from this call, before any
    row.  `sheet` names the sheet in refusals; `package` (from `read_package`) lets
    the sheets of one workbook share the shared-string table; cells beyond
    `limits` refuse the sheet.
    """
    return SheetRows(Path(path), sheet_part, sheet, package or read_package(path), limits)


class SheetRows(Iterator[tuple[int, list]]):
    """An open worksheet: iterate for rows, `height` for progress, `close()` when done early."""

    def __init__(self, path: Path, part: str, sheet: str | None, package: Package, limits: Limits = ANY_WORKBOOK) -> None:
        self.path = path
        self.sheet = sheet or part
        self.max_columns = limits.max_columns
        self.max_cells = limits.max_cells or limits.max_columns * MAX_ROWS
        self._package = package
        self._archive = None
        self._stream = None
        self._kinds: dict[bytes, int] = {}
        self._started = False  # True once the first stretch is read: no more declining
        self._pattern: RowPattern | None = None  # the shape most rows have, once learned
        self._pattern_wait = 0
        self._last_row = 0  # the last row number handed out
        self._widest = 0  # the widest row handed out (cells, empty ones included)
        self._row_index = 0  # calamine's counters for cells without a reference
        self._column_index = 0
        try:
            self._strings = package.shared_strings()
            self._archive = zipfile.ZipFile(path)
            info = self._archive.getinfo(part)
            self._stream = self._archive.open(info)
            self._data, self._done = self._start(info.file_size)
            self._first = self._read_stretch()  # read now: oddities here decline the whole sheet
            self._started = True
            self.height = self._height_from(info.file_size)
            self._rows = self._generate()
        except Declined:
            self.close()
            raise
        except WorkbookRefused:
            self.close()
            raise
        except Exception as error:  # anything wrong at the very start: calamine decides
            self.close()
            raise Declined(f"{type(error).__name__}: {error}") from None

    # -- iterator protocol

    def __iter__(self) -> Iterator[tuple[int, list]]:
        return self._rows  # the generator itself: a for loop then skips __next__

    def __next__(self) -> tuple[int, list]:
        return next(self._rows)

    def close(self) -> None:
        rows = getattr(self, "_rows", None)
        if rows is not None:
            rows.close()
        self._close_files()

    def _close_files(self) -> None:
        """Let go of the file and of the shared-string table (a big one; another sheet reads it again)."""
        self._strings = self._pattern = None  # the pattern holds the table too
        self._package.forget_shared_strings()
        for handle in (self._stream, self._archive):
            if handle is not None:
                handle.close()
        self._stream = self._archive = None

    # -- reading

    def _start(self, part_size: int) -> tuple[bytes, bool]:
        """Read up to <sheetData>; remember the declared dimension; return what follows it."""
        data = b""
        while True:
            chunk = self._stream.read(CHUNK)
            data += chunk
            start = data.find(b"<sheetData")
            if start >= 0 or not chunk:
                break
            if len(data) > MAX_HEADER_BYTES:
                raise Declined("no <sheetData> near the start")
        if start < 0:
            check_prolog(data[:MAX_HEADER_BYTES], b"worksheet")  # names the reason when there is one
            raise Declined("no <sheetData>")
        head = data[:start]
        check_prolog(head, b"worksheet")
        dimension = DIMENSION.search(head)
        self._declared_height = None
        if dimension:
            found = re.search(rb"(\d+)$", dimension.group(1))
            self._declared_height = int(found.group(1)) if found else None
        self._consumed = len(data)
        tag_end = data.find(b">", start)
        while tag_end < 0:
            chunk = self._stream.read(CHUNK)
            if not chunk:
                raise Declined("cut-off <sheetData>")
            data += chunk
            tag_end = data.find(b">", start)
        if data[tag_end - 1:tag_end] == b"/":  # <sheetData/>: no rows
            return b"", True
        return data[tag_end + 1:], False

    def _height_from(self, part_size: int) -> int:
        """The sheet's height for progress: declared, or estimated from the first megabyte."""
        seen = self._first[-1][0] if self._first else 0
        if self._declared_height and self._declared_height >= seen:
            return self._declared_height
        if self._done or not seen:
            return seen
        return max(seen, round(seen * part_size / max(self._consumed, 1)))

    def _read_stretch(self) -> list[tuple[int, list]] | None:
        """The next stretch of complete rows, as rows (maybe none); None once the sheet is done."""
        data = self._data
        while not self._done:
            # Cut after the last complete row (</sheetData> can only follow it), or
            # before the last row's start when every row so far is self-closing.
            cut = data.rfind(b"</row>")
            cut = cut + 6 if cut >= 0 else data.rfind(b"<row ")
            end = data.find(b"</sheetData>", max(cut, 0))
            if end >= 0:
                self._data, self._done = b"", True
                return self._rows_of(data[:end])
            if cut > 0:
                self._data = data[cut:]
                return self._rows_of(data[:cut])
            data = self._more(data)
        return None

    def _more(self, data: bytes) -> bytes:
        """`data` and the chunks after it, up to one in which a row or the sheet data ends.

        Chunks are joined once, so a long row costs its length, not its square.
        """
        parts = [data]
        size = len(data)
        while True:
            chunk = self._stream.read(CHUNK)
            self._consumed += len(chunk)
            if not chunk:
                raise self._refuse("工作表 XML 不完整（缺少 </sheetData>）")
            seam = parts[-1][-12:] + chunk[:12]  # a tag cut in two by the chunk boundary
            parts.append(chunk)
            size += len(chunk)
            if any(tag in chunk or tag in seam for tag in (b"</row>", b"<row ", b"</sheetData>")):
                return b"".join(parts)
            if size > MAX_ROW_BYTES:
                raise self._refuse(f"一行的数据超过 {MAX_ROW_BYTES >> 20} MB，无法读取")

    def _generate(self) -> Iterator[tuple[int, list]]:
        rows = self._first
        self._first = None
        while rows is not None:
            yield from rows
            try:
                rows = self._read_stretch()
            except WorkbookRefused:
                raise
            except Exception as error:  # zip, zlib, or damage no check above foresaw: never a traceback
                raise self._refuse(f"文件已损坏，无法读取（{type(error).__name__}: {str(error)[:120]}）") from None
        self._close_files()

    def _rows_of(self, piece: bytes, by_pattern: bool = True) -> list[tuple[int, list]]:
        """The rows of one stretch: by row pattern, else cell by cell, else with expat."""
        saved = (self._last_row, self._widest, self._row_index, self._column_index)
        if not (b"!" in piece and b"<!" in piece) and not (b"?" in piece and b"<?" in piece):
            if by_pattern and self._pattern is not None:
                try:
                    return self._by_pattern(piece)
                except UNREADABLE:
                    self._pattern = None
                self._last_row, self._widest, self._row_index, self._column_index = saved
            try:
                cells = FAST_CELL.findall(piece)
                if len(cells) == piece.count(b"<c"):
                    rows = self._fast(cells, piece)
                    if by_pattern and not self._done:  # a pattern pays only for stretches still to come
                        self._learn(cells)
                    return rows
            except UNREADABLE:
                pass
            self._last_row, self._widest, self._row_index, self._column_index = saved
            try:
                cells = FAST_CELL_AFTER_FORMULA.findall(piece)
                if len(cells) == piece.count(b"<c"):
                    return self._fast(cells, piece)
            except UNREADABLE:
                pass
            self._last_row, self._widest, self._row_index, self._column_index = saved
        return ExpatRows(self).read(piece)

    def _fast(self, cells: list[tuple], piece: bytes) -> list[tuple[int, list]]:
        """Rows of a stretch whose every cell the fast pattern matched.

        Raises `Unsure` (or a lookup error) at the first cell it cannot read exactly;
        the stretch is then read by the general path.
        """
        kinds = self._kinds
        formats = self._package.formats
        special = is_special(piece)
        trimmed = trimmed_text if special else bytes.decode
        kept = untrimmed_text if special else bytes.decode
        max_cells = self.max_cells
        strings = self._strings
        columns = COLUMN_OF_LETTERS
        rows: list[tuple[int, list]] = []
        last = self._last_row
        widest = self._widest
        current = None
        row: list = []
        number = last
        for letters, digits, attributes, inline_text, preserved_text, value_text in cells:
            if digits != current:
                if len(row) > widest:
                    widest = len(row)
                number = int(digits)
                if number <= last:
                    raise Unsure()
                if number * widest > max_cells:
                    raise self._too_far(number, widest)
                last = number
                current = digits
                row = []
                rows.append((number, row))
            kind = kinds.get(attributes)
            if kind is None:
                kind = kind_of(attributes, formats)
                if len(kinds) < KIND_CACHE_LIMIT:
                    kinds[attributes] = kind
            if kind == INLINE:
                if inline_text:
                    value = trimmed(inline_text)
                elif preserved_text:
                    value = kept(preserved_text)
                else:
                    raise Unsure()
            elif kind == SHARED:
                if not value_text.isdigit():
                    raise Unsure()
                value = strings[int(value_text)]
            elif kind == EMPTY:
                value = ""
            else:
                value = self._other(kind, value_text, inline_text or preserved_text, kept)
            index = columns[letters]
            size = len(row)
            if index == size:
                row.append(value)
            elif index > size:
                if number * max(widest, index + 1) > max_cells:
                    raise self._too_far(number, index + 1)
                row.extend([""] * (index - size))
                row.append(value)
            else:
                raise Unsure()
        if len(row) > widest:
            widest = len(row)
        if number * widest > max_cells or widest > self.max_columns:
            raise self._too_far(number, widest)
        self._last_row, self._widest = last, widest
        self._row_index, self._column_index = last, 0
        return rows

    def _learn(self, cells: list[tuple]) -> None:
        """After a stretch read cell by cell, look for the row pattern the next stretches follow."""
        if self._pattern_wait > 0:
            self._pattern_wait -= 1
            return
        self._pattern = RowPattern.learn(cells, self._kinds, self._package.date1904, self._strings)
        if self._pattern is None:
            self._pattern_wait = PATTERN_RETRY_STRETCHES

    def _by_pattern(self, piece: bytes) -> list[tuple[int, list]]:
        """Rows of a stretch through the learned row pattern: one match per row, one conversion per column.

        Rows the pattern does not fit are read on their own, cell by cell; when they
        are many, the pattern is dropped and learned again.
        """
        pattern = self._pattern
        special = is_special(piece)
        found = pattern.regex.findall(piece)
        groups = list(zip(*found))
        last = self._last_row
        if not groups:
            rows, odd_rows = [], []
        elif not any(groups[-1]):  # every row has the pattern's shape: nearly always
            rows, odd_rows = self._fitting(groups, special, last), []
        else:
            rows, odd_rows = [], list(compress(range(len(found)), groups[-1]))
            start = 0
            for stop in (*odd_rows, len(found)):
                if stop > start:
                    rows += self._fitting(list(zip(*found[start:stop])), special, last)
                    last = rows[-1][0]
                if stop < len(found):  # a row of another shape
                    self._last_row, self._row_index, self._column_index = last, last, 0
                    rows += self._rows_of(b"<row" + found[stop][-1], by_pattern=False)
                    last = self._last_row
                start = stop + 1
        last = rows[-1][0] if rows else last
        widest = max(self._widest, pattern.width)
        if last * widest > self.max_cells or widest > self.max_columns:
            raise self._too_far(last, widest)
        self._last_row, self._widest = last, widest
        self._row_index, self._column_index = last, 0
        if len(odd_rows) * 4 > len(rows):
            self._pattern = None
        return rows

    def _fitting(self, groups: list[tuple], special: bool, last: int) -> list[tuple[int, list]]:
        """The rows of matches the pattern fits (transposed: `RowPattern.rows`), which must follow row `last`."""
        numbers, values = self._pattern.rows(groups, special)
        if numbers[0] <= last or not all(map(lt, numbers, islice(numbers, 1, None))):
            raise Unsure()
        return list(zip(numbers, values))

    def _other(self, kind: int, text: bytes, inline: bytes, decode) -> object:
        """The value of a fast-path cell of the rarer kinds."""
        if inline or not text:
            raise Unsure()
        if kind == NUMBER:
            return float_of(text)
        if kind == DATE:
            return excel_datetime(float_of(text), self._package.date1904)
        if kind == DURATION:
            return excel_duration(float_of(text))
        if kind == STR:
            return decode(text)
        if kind == BOOL and text in (b"0", b"1"):
            return text == b"1"
        if kind == ERROR and text in KNOWN_ERRORS:
            return ""
        if kind == ISO and b"&" not in text:
            return iso_value(text.decode())
        raise Unsure()

    def _too_far(self, row: int, width: int) -> WorkbookRefused:
        return too_far(self.path, self.sheet, row, width)

    def _refuse(self, reason: str, row: int | None = None, column: str | None = None) -> WorkbookRefused:
        return WorkbookRefused(reason, file=self.path, sheet=self.sheet, row=row, column=column)


