"""Rows of one .xlsx worksheet, streamed: flat memory, the same values calamine gives.

python-calamine loads a whole sheet before it hands out the first row (about
400 MB for a 350,000-resident roster), so it sets the memory floor of an import.
This reader inflates the worksheet part 1 MB at a time and turns each stretch of
complete ``<row>`` elements into rows, so memory stays flat whatever the sheet's
size; only the shared-string table is held, as calamine holds it too.

Three paths read a stretch, fastest first; each hands what it is not sure of
(`_Unsure`) to the next, so a faster path only ever has to be right when it is
confident:

* the row pattern (`_RowPattern`): learned from the cells of an earlier stretch,
  one match per row and one generated expression per column, for the long runs
  of same-shaped rows a roster is made of;
* cell by cell: one ``findall`` for the cell forms every common writer uses
  (Excel, WPS, LibreOffice, openpyxl, xlsxwriter, our own exchange writer),
  guarded by a count that every ``<c`` of the stretch was matched;
* expat, for anything else valid (formulas in odd places, rich text, comments,
  CDATA, cells without references, any attribute order).

Python work per cell is what costs: on a 350,000-resident roster the reader
takes half (inline strings) to four fifths (shared strings) of calamine's time.  `tests/test_xlsx_rows.py` compares
all three paths with calamine, cell by cell.

Values follow calamine 0.37 as python-calamine 0.9 hands them over (measured,
see tests/test_xlsx_rows.py): numbers are floats; a number with a date format is
a ``date`` (whole day), ``datetime``, or ``time`` (below 1), a duration format
([h]:mm) gives a ``timedelta``; booleans are bools; error cells and empty cells
are ""; ``t="d"`` cells are parsed as ISO dates or kept as text; strings lose
leading and trailing XML whitespace unless ``xml:space="preserve"``, and
``_x000D_`` escapes are decoded.

A sheet this reader will not take (namespace prefixes, Strict OOXML, a DTD, an
encoding other than UTF-8, rows out of order near the top) raises `Declined`
before the first row, and the caller reads it with calamine instead.  Damage
found later raises `WorkbookRefused` naming the sheet (and the row when known);
so do rows that go backwards after the first megabyte, which no writer produces.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import posixpath
import re
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree

from sync.workbook_reading import MAX_CELLS, MAX_COLUMNS, WorkbookRefused, column_index, column_letter

MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CHUNK = 1 << 20
MAX_HEADER_BYTES = 16 << 20  # what may come before <sheetData> (column widths, views...)
MAX_ROW_BYTES = 64 << 20  # one <row> element; 16,384 cells take about 1 MB
MAX_SMALL_PART_BYTES = 16 << 20  # relationships, workbook.xml, styles.xml: read whole
KIND_CACHE_LIMIT = 10_000  # distinct attribute strings remembered (a hostile file could vary them endlessly)
MAX_PATTERN_COLUMNS = 64  # wider sheets are read cell by cell
PATTERN_RETRY_STRETCHES = 16  # after a stretch no row pattern fits, read this many cell by cell

# What a cell's attributes say about reading its value.
EMPTY, INLINE, SHARED, NUMBER, DATE, DURATION, BOOL, ERROR, STR, ISO, UNKNOWN = range(11)

# Number formats calamine treats as dates or durations when no custom format has the id.
BUILTIN_DATE_FORMATS = {b"14", b"15", b"16", b"17", b"18", b"19", b"20", b"21", b"22", b"45", b"47"}
BUILTIN_DURATION_FORMATS = {b"46"}
KNOWN_ERRORS = {b"#DIV/0!", b"#N/A", b"#NAME?", b"#NULL!", b"#NUM!", b"#REF!", b"#VALUE!"}
XML_SPACE = " \t\n\r"

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
# Shared strings: plain text in the trimmed or the preserved form, else the whole <si>
# (rich text, phonetic runs...) for expat.
FAST_SHARED_STRING = re.compile(
    rb'<si(?:><t>(?![ \t\n\r])([^<]*)(?<![ \t\n\r])</t></si>|><t xml:space="preserve">([^<]*)</t></si>'
    rb'|(\b[^>]*/>|\b.*?</si>))',
    re.S,
)
FIRST, SECOND = operator.itemgetter(0), operator.itemgetter(1)
ATTRIBUTE = re.compile(rb'\s([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
NUMBER_TEXT = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity|nan)", re.IGNORECASE)
ENTITY = re.compile(r"&(?:#(\d+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));")
NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
DIMENSION = re.compile(rb'<dimension\s+ref="([^"]*)"')
ROOT_TAG = re.compile(rb"<([\w.-]+:)?([\w.-]+)((?:\s[^>]*)?)>")
ENCODING = re.compile(rb'<\?xml[^>]*encoding\s*=\s*["\']([\w.-]+)["\']')
CELL_REFERENCE = re.compile(r"([A-Za-z]*)([0-9]+)")
ISO_DATETIME = re.compile(r"\s*([+-]?[0-9]+)-([0-9]{1,2})-([0-9]{1,2})T([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.([0-9]+))?\s*")
ISO_DATE = re.compile(r"\s*([+-]?[0-9]+)-([0-9]{1,2})-([0-9]{1,2})\s*")
ISO_TIME = re.compile(r"\s*([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:\.([0-9]+))?)?\s*")

COLUMN_OF_LETTERS = {column_letter(i).encode(): i for i in range(MAX_COLUMNS)}
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
MS_PER_DAY = 86_400_000
DAYS_1900_TO_1904 = 1462
CHRONO_DAYS = 95_000_000  # beyond about ±260,000 years calamine's date library gives up: the number stays a number


class Declined(Exception):
    """This reader will not read the sheet; calamine should.  Raised before any row."""


class _Unsure(Exception):
    """The fast path met something it does not read exactly: read the stretch with expat."""


# -- the workbook's shared parts ----------------------------------------------------------


@dataclass
class Package:
    """What every sheet of one workbook needs: date system, number formats, shared strings.

    The shared-string table is read on first use and kept until `forget_shared_strings`.
    """

    path: Path
    date1904: bool
    formats: list[int]  # NUMBER, DATE or DURATION per cellXfs index
    shared_strings_part: str | None
    _strings: list[str] | None = field(default=None, repr=False)

    def shared_strings(self) -> list[str]:
        """The table as a list: a str per string (about 70 MB for 800,000 of them).

        One big str sliced at each lookup takes a third of that memory, but made
        the 350,000-resident shared-string roster read about a fifth slower.
        """
        if self._strings is None:
            self._strings = [] if self.shared_strings_part is None else _read_shared_strings(self.path, self.shared_strings_part)
        return self._strings

    def forget_shared_strings(self) -> None:
        """Let the table go; it is read again if needed."""
        self._strings = None


def read_package(path: str | Path) -> Package:
    """The workbook-level facts, from the parts the package's relationships name.

    Raises `Declined` for a package this reader does not understand.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = {info.filename: info for info in archive.infolist()}
            if len({name.lower() for name in names}) != len(names):
                raise Declined("part names that differ only in case")  # calamine's pick is its own
            workbook_part = _related(archive, names, "_rels/.rels", "", "/officeDocument")
            if workbook_part is None:
                raise Declined("no workbook part")
            base = posixpath.dirname(workbook_part)
            rels = posixpath.join(base, "_rels", posixpath.basename(workbook_part) + ".rels")
            styles_part = _related(archive, names, rels, base, "/styles") or _conventional(names, "xl/styles.xml")
            strings_part = _related(archive, names, rels, base, "/sharedStrings") or _conventional(names, "xl/sharedStrings.xml")
            date1904 = _date1904(SafeTree.fromstring(_small_part(archive, names, workbook_part)))
            formats = _number_formats(_small_part(archive, names, styles_part)) if styles_part else []
    except Declined:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, ValueError, NotImplementedError,
            SafeTree.ParseError, DefusedXmlException) as error:
        raise Declined(f"package: {error}") from None
    return Package(path=path, date1904=date1904, formats=formats, shared_strings_part=strings_part)


def _related(archive, names, rels_part: str, base: str, type_suffix: str) -> str | None:
    if rels_part not in names:
        return None
    for rel in SafeTree.fromstring(_small_part(archive, names, rels_part)):
        if rel.attrib.get("Type", "").endswith(type_suffix) and rel.attrib.get("TargetMode") != "External":
            target = rel.attrib.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            return part if part in names else None
    return None


def _conventional(names, part: str) -> str | None:
    """The part at its usual place, matched without case as calamine does."""
    return next((name for name in names if name.lower() == part.lower()), None)


def _small_part(archive, names, part: str) -> bytes:
    if names[part].file_size > MAX_SMALL_PART_BYTES:
        raise Declined(f"{part} is too large to read whole")
    return archive.read(part)


def _date1904(workbook) -> bool:
    for element in workbook.iter():
        if element.tag.rsplit("}", 1)[-1] == "workbookPr":
            return element.attrib.get("date1904", "") in ("1", "true")
    return False


STYLE_SECTION = re.compile(rb"<(?:[\w.-]+:)?(numFmts|cellXfs)\b[^>]*>(.*?)</(?:[\w.-]+:)?\1>", re.S)
STYLE_ELEMENT = re.compile(rb"<(?:[\w.-]+:)?(numFmt|xf)\b([^>]*)>")


def _number_formats(styles: bytes) -> list[int]:
    """Per cell style (cellXfs index): does its number format make numbers dates or durations?

    Only numFmt and cellXfs/xf elements matter, so two regular expressions read them,
    whatever namespace prefix the writer used; format codes have their entities
    decoded (``&quot;`` is a quote) before `format_kind` looks at them, as calamine does.
    """
    if b"<!DOCTYPE" in styles or b"<!ENTITY" in styles:
        raise Declined("DTD in styles")
    custom: dict[bytes, str] = {}
    formats: list[int] = []
    for section, content in STYLE_SECTION.findall(styles):
        for element, attributes in STYLE_ELEMENT.findall(content):
            values = _attributes(attributes)
            number_format = values.get(b"numFmtId")
            if section == b"numFmts" and element == b"numFmt":
                if values.get(b"formatCode"):
                    custom[number_format or b""] = _unescape_attribute(values[b"formatCode"])
            elif section == b"cellXfs" and element == b"xf":
                if number_format is None:
                    formats.append(NUMBER)
                elif number_format in custom:
                    formats.append(format_kind(custom[number_format]))
                elif number_format in BUILTIN_DATE_FORMATS:
                    formats.append(DATE)
                else:
                    formats.append(DURATION if number_format in BUILTIN_DURATION_FORMATS else NUMBER)
    return formats


def _unescape_attribute(raw: bytes) -> str:
    """An attribute value with its character and entity references decoded (unknown ones kept)."""
    text = raw.decode(errors="replace")
    return ENTITY.sub(lambda match: NAMED_ENTITIES.get(match.group(3)) or chr(int(match.group(1) or match.group(2),
                                                                                   10 if match.group(1) else 16)), text)


def _attributes(text: bytes) -> dict[bytes, bytes]:
    return {name: double if double or not single else single for name, double, single in ATTRIBUTE.findall(text)}


def format_kind(code: str) -> int:
    """DATE, DURATION or NUMBER for a custom number format code, decided as calamine decides.

    Only the first section counts; quoted text, escaped characters (after \\ _ *) and
    bracketed parts ([Red], [$-404]) are not date tokens, except that a bracket holding
    only h, m or s ([h], [mm]) makes a duration.
    """
    escaped = quoted = False
    brackets = 0
    previous = " "
    hms = am_pm = False
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\*":
            escaped = True
        elif quoted:
            if char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == ";":
            return NUMBER
        elif char == "[":
            brackets += 1
        elif char == "]" and brackets == 1 and hms:
            return DURATION
        elif char == "]":
            brackets = max(brackets - 1, 0)
        elif char in "aA" and not am_pm and brackets == 0:
            am_pm = True
        elif char in "pm/PM" and am_pm and brackets == 0:
            return DATE
        elif char in "dmhysDMHYS" and not am_pm and brackets == 0:
            return DATE
        elif not (hms and char.lower() == previous.lower()):
            hms = previous == "[" and char in "mhsMHS"
        previous = char
    return NUMBER


# -- values ---------------------------------------------------------------------------------


def _round_half_away(value: float) -> int:
    return math.floor(value + 0.5) if value >= 0 else -math.floor(-value + 0.5)


def excel_datetime(serial: float, date1904: bool) -> object:
    """A date-formatted number as python-calamine gives it: time below 1, date when whole, else datetime.

    The 1900 system counts 1900-02-29, which never was: serials below 60 are one day
    off, as in Excel.  A serial no Python date can hold stays a float.
    """
    if serial != serial:  # NaN: calamine's arithmetic lands on the epoch
        return EXCEL_EPOCH
    days = serial + DAYS_1900_TO_1904 if date1904 else (serial if serial >= 60 else serial + 1)
    if math.isinf(days) or abs(days) > CHRONO_DAYS:
        return serial
    milliseconds = _round_half_away(days * MS_PER_DAY)
    if serial < 1.0:
        of_day = milliseconds % MS_PER_DAY
        seconds, millis = divmod(of_day, 1000)
        return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60, millis * 1000)
    try:
        moment = EXCEL_EPOCH + dt.timedelta(milliseconds=milliseconds)
    except OverflowError:
        return serial
    return moment.date() if serial.is_integer() and serial < 2.0**64 else moment


def excel_duration(serial: float) -> dt.timedelta:
    """A number with a duration format ([h]:mm); raises OverflowError beyond Python's range, as python-calamine."""
    if serial != serial:
        return dt.timedelta(0)
    if math.isinf(serial):
        raise OverflowError("duration out of range")
    return dt.timedelta(milliseconds=_round_half_away(serial * MS_PER_DAY))


def iso_value(text: str) -> object:
    """A ``t="d"`` cell: datetime, date or time when it parses as calamine parses it, else the text."""
    try:
        found = ISO_DATETIME.fullmatch(text)
        if found:
            year, month, day, hour, minute, second, fraction = found.groups()
            return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), min(int(second), 59),
                               _microseconds(fraction))
        found = ISO_DATE.fullmatch(text)
        if found:
            return dt.date(*map(int, found.groups()))
        found = ISO_TIME.fullmatch(text)
        if found:
            hour, minute, second, fraction = found.groups()
            return dt.time(int(hour), int(minute), min(int(second or 0), 59), _microseconds(fraction))
    except (ValueError, OverflowError):
        pass
    return text


def _microseconds(fraction: str | None) -> int:
    return int((fraction or "")[:6].ljust(6, "0"))


def _excel_unescape(match: re.Match) -> str:
    code = int(match.group(1), 16)
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


def _entity(match: re.Match) -> str:
    decimal, hexadecimal, name = match.groups()
    if name:
        return NAMED_ENTITIES[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF):
        raise _Unsure()
    return chr(code)


def text_of(raw: bytes, trim: bool) -> str:
    """XML character data of the fast path as calamine makes it a string.

    Line ends are normalised, entities decoded, edge whitespace trimmed (unless
    xml:space="preserve"), and Excel's ``_xHHHH_`` escapes decoded last.
    """
    text = raw.decode()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        if text.count("&") != len(ENTITY.findall(text)):
            raise _Unsure()  # an entity XML does not define: expat says what is wrong
        text = ENTITY.sub(_entity, text)
    if trim:
        text = text.strip(XML_SPACE)
    if "_x" in text:
        text = EXCEL_ESCAPE.sub(_excel_unescape, text)
    return text


def _trimmed_text(raw: bytes) -> str:
    return text_of(raw, True)


def _untrimmed_text(raw: bytes) -> str:
    return text_of(raw, False)


def _kind_of(attributes: bytes, formats: list[int]) -> int:
    """What a cell's attributes (after r) say about its value; EMPTY for a self-closing cell."""
    if attributes.endswith(b"/"):
        return EMPTY
    values = _attributes(attributes)
    cell_type = values.get(b"t")
    if cell_type is None or cell_type == b"n":
        style = values.get(b"s")
        index = int(style) if style is not None and style.isdigit() else 0
        if style is None or index >= len(formats):
            return NUMBER
        return formats[index]
    return {b"s": SHARED, b"inlineStr": INLINE, b"is": INLINE, b"str": STR, b"b": BOOL, b"e": ERROR,
            b"d": ISO}.get(cell_type, UNKNOWN)


def _number(text: bytes) -> float:
    if text.isdigit() or NUMBER_TEXT.fullmatch(text):
        return float(text)
    raise _Unsure()


# -- shared strings ---------------------------------------------------------------------------


def _read_shared_strings(path: Path, part: str) -> list[str]:
    """The shared-string table, streamed from its part (the XML is never held whole)."""
    strings: list[str] = []
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        data = b""
        while True:  # the prolog, up to the first <si>
            chunk = stream.read(CHUNK)
            data += chunk
            start = data.find(b"<si")
            if start >= 0 or not chunk or len(data) > MAX_HEADER_BYTES:
                break
        head = data[:start] if start >= 0 else data
        _check_prolog(head, b"sst")
        if start < 0:
            return strings
        data = data[start:]
        done = False
        while not done:
            chunk = stream.read(CHUNK)
            data += chunk
            if chunk:
                cut = data.rfind(b"<si")
                if cut <= 0:
                    continue
                piece, data = data[:cut], data[cut:]
            else:
                end = data.find(b"</sst>")
                piece, done = (data[:end] if end >= 0 else data), True
            strings.extend(_shared_strings_of(piece))
    return strings


def _shared_strings_of(piece: bytes) -> list[str]:
    found = FAST_SHARED_STRING.findall(piece)
    if len(found) == piece.count(b"<si") and not (b"!" in piece and b"<!" in piece):
        special = b"&" in piece or b"\r" in piece or b"_x" in piece
        try:
            if special:
                strings = [text_of(trimmed, True) if trimmed else text_of(kept, False) for trimmed, kept, _ in found]
            else:  # one of the two forms is empty: their concatenation is the text, in C
                strings = list(map(bytes.decode, map(bytes.__add__, map(FIRST, found), map(SECOND, found))))
            odd = [index for index, (_, _, whole) in enumerate(found) if whole]
            if odd:  # read together: one expat parser for all of them
                read = _StringReader().read(b"".join(b"<si" + found[index][2] for index in odd))
                if len(read) != len(odd):
                    raise _Unsure()
                for index, text in zip(odd, read):
                    strings[index] = text
            return strings
        except (_Unsure, UnicodeDecodeError):
            pass
    return _StringReader().read(piece)


class _StringReader:
    """Rich text, phonetic runs and the rest, read with expat as calamine reads an <si> or <is>."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self.parts: list[str] | None = None  # text of the current <si>
        self.text: list[str] | None = None  # character data of the current <t>
        self.preserve = False
        self.phonetic = False

    def read(self, piece: bytes) -> list[str]:
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data
        try:
            parser.Parse(b"<sst>" + piece + b"</sst>", True)
        except expat.ExpatError as error:
            raise ValueError(f"shared strings: {expat.ErrorString(error.code)}") from None
        return self.strings

    def start(self, name: str, attributes: dict) -> None:
        name = name.rpartition(":")[2]
        if name == "si":
            self.parts = []
        elif name == "rPh":
            self.phonetic = True
        elif name == "t" and self.parts is not None and not self.phonetic:
            self.text = []
            self.preserve = attributes.get("xml:space") == "preserve"

    def end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        if name == "t" and self.text is not None:
            text = "".join(self.text)
            if not self.preserve:
                text = text.strip(XML_SPACE)
            self.parts.append(EXCEL_ESCAPE.sub(_excel_unescape, text) if "_x" in text else text)
            self.text = None
        elif name == "rPh":
            self.phonetic = False
        elif name == "si" and self.parts is not None:
            self.strings.append("".join(self.parts))
            self.parts = None

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)


def _check_prolog(head: bytes, root: bytes) -> None:
    """Decline a part whose XML this reader would misread: DTDs, other encodings, prefixes, Strict."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise Declined("DTD or UTF-16 XML")
    encoding = ENCODING.search(head)
    if encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
        raise Declined(f"XML encoding {encoding.group(1).decode(errors='replace')}")
    for tag in ROOT_TAG.finditer(head):
        if tag.group(2) == root:
            if tag.group(1) or b'xmlns="' + MAIN_NS + b'"' not in tag.group(3):
                raise Declined("namespace prefix or Strict OOXML")
            return
    raise Declined(f"no <{root.decode()}> root")


# -- the sheet --------------------------------------------------------------------------------


def iter_sheet_rows(path: str | Path, sheet_part: str, *, sheet: str | None = None,
                    package: Package | None = None) -> "SheetRows":
    """Rows ``(row_number, cells)`` of the worksheet part `sheet_part`; ``cells[0]`` is column A.

    Reads the sheet's start at once, so `Declined` comes from this call, before any
    row.  `sheet` names the sheet in refusals; `package` (from `read_package`) lets
    the sheets of one workbook share the shared-string table.
    """
    return SheetRows(Path(path), sheet_part, sheet, package or read_package(path))


class SheetRows(Iterator[tuple[int, list]]):
    """An open worksheet: iterate for rows, `height` for progress, `close()` when done early."""

    def __init__(self, path: Path, part: str, sheet: str | None, package: Package) -> None:
        self.path = path
        self.sheet = sheet or part
        self._package = package
        self._archive = None
        self._stream = None
        self._kinds: dict[bytes, int] = {}
        self._started = False  # True once the first stretch is read: no more declining
        self._pattern: _RowPattern | None = None  # the shape most rows have, once learned
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
        self._strings = self._pattern = None  # the pattern's expressions hold the table too
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
            _check_prolog(data[:MAX_HEADER_BYTES], b"worksheet")  # names the reason when there is one
            raise Declined("no <sheetData>")
        head = data[:start]
        _check_prolog(head, b"worksheet")
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
                except (_Unsure, KeyError, IndexError, ValueError, UnicodeDecodeError, OverflowError):
                    self._pattern = None
                self._last_row, self._widest, self._row_index, self._column_index = saved
            try:
                cells = FAST_CELL.findall(piece)
                if len(cells) == piece.count(b"<c"):
                    rows = self._fast(cells, piece)
                    if by_pattern and not self._done:  # a pattern pays only for stretches still to come
                        self._learn(cells)
                    return rows
            except (_Unsure, KeyError, IndexError, ValueError, UnicodeDecodeError, OverflowError):
                pass
            self._last_row, self._widest, self._row_index, self._column_index = saved
            try:
                cells = FAST_CELL_AFTER_FORMULA.findall(piece)
                if len(cells) == piece.count(b"<c"):
                    return self._fast(cells, piece)
            except (_Unsure, KeyError, IndexError, ValueError, UnicodeDecodeError, OverflowError):
                pass
            self._last_row, self._widest, self._row_index, self._column_index = saved
        return _GeneralReader(self).read(piece)

    def _fast(self, cells: list[tuple], piece: bytes) -> list[tuple[int, list]]:
        """Rows of a stretch whose every cell the fast pattern matched.

        Raises `_Unsure` (or a lookup error) at the first cell it cannot read exactly;
        the stretch is then read by the general path.
        """
        kinds = self._kinds
        formats = self._package.formats
        special = b"&" in piece or b"\r" in piece or b"_x" in piece
        trimmed = _trimmed_text if special else bytes.decode
        kept = _untrimmed_text if special else bytes.decode
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
                    raise _Unsure()
                if number * widest > MAX_CELLS:
                    raise self._too_far(number, widest)
                last = number
                current = digits
                row = []
                rows.append((number, row))
            kind = kinds.get(attributes)
            if kind is None:
                kind = _kind_of(attributes, formats)
                if len(kinds) < KIND_CACHE_LIMIT:
                    kinds[attributes] = kind
            if kind == INLINE:
                if inline_text:
                    value = trimmed(inline_text)
                elif preserved_text:
                    value = kept(preserved_text)
                else:
                    raise _Unsure()
            elif kind == SHARED:
                if not value_text.isdigit():
                    raise _Unsure()
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
                if number * max(widest, index + 1) > MAX_CELLS:
                    raise self._too_far(number, index + 1)
                row.extend([""] * (index - size))
                row.append(value)
            else:
                raise _Unsure()
        if len(row) > widest:
            widest = len(row)
        if number * widest > MAX_CELLS:
            raise self._too_far(number, widest)
        self._last_row, self._widest = last, widest
        self._row_index, self._column_index = last, 0
        return rows

    def _learn(self, cells: list[tuple]) -> None:
        """After a stretch read cell by cell, look for the row pattern the next stretches follow."""
        if self._pattern_wait > 0:
            self._pattern_wait -= 1
            return
        self._pattern = _RowPattern.learn(cells, self._kinds, self._package, self._strings)
        if self._pattern is None:
            self._pattern_wait = PATTERN_RETRY_STRETCHES

    def _by_pattern(self, piece: bytes) -> list[tuple[int, list]]:
        """Rows of a stretch through the learned row pattern: one match and one call per row.

        Rows the pattern does not fit are read on their own, cell by cell; when they
        are many, the pattern is dropped and learned again.
        """
        pattern = self._pattern
        special = b"&" in piece or b"\r" in piece or b"_x" in piece
        convert = pattern.convert_special if special else pattern.convert
        rows: list[tuple[int, list]] = []
        last = self._last_row
        odd = 0
        for found in pattern.regex.findall(piece):
            if found[-1]:  # a row of another shape
                odd += 1
                self._last_row, self._row_index, self._column_index = last, last, 0
                rows.extend(self._rows_of(b"<row" + found[-1], by_pattern=False))
                last = self._last_row
                continue
            number, row = convert(found)
            if number <= last:
                raise _Unsure()
            last = number
            rows.append((number, row))
        widest = max(self._widest, pattern.width)
        if last * widest > MAX_CELLS:
            raise self._too_far(last, widest)
        self._last_row, self._widest = last, widest
        self._row_index, self._column_index = last, 0
        if odd * 4 > len(rows):
            self._pattern = None
        return rows

    def _other(self, kind: int, text: bytes, inline: bytes, decode) -> object:
        """The value of a fast-path cell of the rarer kinds."""
        if inline or not text:
            raise _Unsure()
        if kind == NUMBER:
            return _number(text)
        if kind == DATE:
            return excel_datetime(_number(text), self._package.date1904)
        if kind == DURATION:
            return excel_duration(_number(text))
        if kind == STR:
            return decode(text)
        if kind == BOOL and text in (b"0", b"1"):
            return text == b"1"
        if kind == ERROR and text in KNOWN_ERRORS:
            return ""
        if kind == ISO and b"&" not in text:
            return iso_value(text.decode())
        raise _Unsure()

    def _too_far(self, row: int, width: int) -> WorkbookRefused:
        return self._refuse(
            f"表格范围过大（最远的单元格在 {column_letter(max(width, 1) - 1)}{row}），"
            "请删去远处的空白或杂项单元格后另存再导入"
        )

    def _refuse(self, reason: str, row: int | None = None, column: str | None = None) -> WorkbookRefused:
        return WorkbookRefused(reason, file=self.path, sheet=self.sheet, row=row, column=column)


NUMBER_SYNTAX = rb"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"  # what float() reads as fast_float does
EMPTY_CELL_END = rb'(?: s="[0-9]+")?(?: t="\w+")? ?/>'  # a self-closing cell of any style and type: ""
TEXT, PRESERVED = "text", "preserved"


@dataclass
class _RowPattern:
    """The shape of a sheet's ordinary rows, as one regular expression with a group per column.

    Most rosters repeat one row shape: the same columns, each holding one kind of
    value (inline text, a shared string, a number in a non-date style, a date).  A
    pattern learned from the cells of one stretch matches a whole row per match,
    checks every cell reference against the row number (a backreference), and
    leaves one group per column.  Each column also takes a self-closing cell or no
    cell at all (both "").  A row of any other shape is captured whole and read
    cell by cell.

    The row's values come from one generated function per pattern, one
    expression per column: calling a converter per cell was the largest cost
    left once the pattern had done the parsing.
    """

    regex: re.Pattern
    convert: object  # found groups -> (row number, cells)
    convert_special: object  # the same for stretches with entities, CR or _x escapes in them
    width: int

    @classmethod
    def learn(cls, cells: list[tuple], kinds: dict[bytes, int], package: Package,
              strings: list[str]) -> "_RowPattern | None":
        seen: dict[int, Counter] = defaultdict(Counter)
        styles: dict[bytes, bytes | None] = {}
        for letters, _, attributes, inline_text, preserved_text, _ in cells:
            kind = kinds.get(attributes)
            if kind is None or kind == EMPTY:
                continue
            if kind == INLINE:
                seen[COLUMN_OF_LETTERS[letters]][TEXT if inline_text else PRESERVED] += 1
            elif kind == SHARED:
                seen[COLUMN_OF_LETTERS[letters]][SHARED] += 1
            elif kind in (NUMBER, DATE, DURATION):
                if attributes not in styles:
                    styles[attributes] = _attributes(attributes).get(b"s")
                seen[COLUMN_OF_LETTERS[letters]][kind, styles[attributes]] += 1
            else:
                seen[COLUMN_OF_LETTERS[letters]][UNKNOWN] += 1
        if not seen or max(seen) >= MAX_PATTERN_COLUMNS:
            return None
        columns = []
        for index in range(max(seen) + 1):
            counts = seen.get(index)
            if not counts:
                columns.append((EMPTY, ()))
                continue
            totals = Counter()
            for key, count in counts.items():
                totals[key[0] if isinstance(key, tuple) else key] += count
            chosen = totals.most_common(1)[0][0]
            if chosen in (PRESERVED, UNKNOWN):
                return None
            chosen_styles = tuple(key[1] for key in counts if isinstance(key, tuple) and key[0] == chosen)
            columns.append((chosen, chosen_styles))
        return cls.build(columns, package, strings)

    @classmethod
    def build(cls, columns: list[tuple], package: Package, strings: list[str]) -> "_RowPattern":
        date1904 = package.date1904
        parts = []
        values = []  # per column, an expression of the group f[i]
        for index, (kind, styles) in enumerate(columns):
            reference = b'<c r="' + column_letter(index).encode() + b'(?P=row)"'
            group = f"f[{index + 1}]"
            if kind == TEXT:
                parts.append(reference + rb'(?: s="[0-9]+")?(?: t="inlineStr"><is><t>(?![ \t\n\r])([^<]*)(?<![ \t\n\r])'
                             rb'</t></is></c>|(?: t="\w+")? ?/>)')
                values.append(f"text({group})")
            elif kind == SHARED:
                parts.append(reference + rb'(?: s="[0-9]+")?(?: t="s"><v>([0-9]+)</v></c>|(?: t="\w+")? ?/>)')
                values.append(f'(strings[int({group})] if {group} else "")')
            elif kind == EMPTY:
                parts.append(reference + EMPTY_CELL_END + b")?+(")  # closes the slot, then an always-empty group
                values.append('""')
            else:
                named = b"|".join(re.escape(style) for style in styles if style is not None)
                style = (b'(?: s="(?:' + named + b')")' + (b"?" if None in styles else b"")) if named else b""
                parts.append(reference + style + rb'(?: t="n")?><v>(' + NUMBER_SYNTAX + rb')</v></c>|'
                             + reference + EMPTY_CELL_END)
                number = {NUMBER: "float({})", DATE: "excel_datetime(float({}), date1904)",
                          DURATION: "excel_duration(float({}))"}[kind].format(group)
                values.append(f'({number} if {group} else "")')
        # Possessive slots: a cell the slot of its column matched is never given back,
        # so a row of another shape fails in linear time instead of by exhaustive backtracking.
        body = b"".join(b"(?:" + part + b")?+" for part in parts)
        # (?=<c): a row without cells is left to the cell-by-cell reading, which yields nothing for it.
        regex = re.compile(rb'<row(?: r="(?P<row>[0-9]+)"[^>]*>(?=<c)' + body + rb'</row>|(\b[^>]*/>|\b.*?</row>))', re.S)
        source = f"lambda f: (int(f[0]), [{', '.join(values)}])"  # built from the fixed pieces above only
        names = {"strings": strings, "float": float, "int": int, "excel_datetime": excel_datetime,
                 "excel_duration": excel_duration, "date1904": date1904}
        return cls(regex=regex, convert=eval(source, {**names, "text": bytes.decode}),
                   convert_special=eval(source, {**names, "text": _trimmed_text}), width=len(columns))


class _GeneralReader:
    """One stretch of rows read with expat, following calamine's reading of each cell.

    Cells may come in any order and without references; calamine's counters for
    unreferenced cells carry over from stretch to stretch through `SheetRows`.
    """

    def __init__(self, sheet: SheetRows) -> None:
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
        self.string: _StringReader | None = None
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
        if column >= MAX_COLUMNS:
            raise self.sheet._too_far(row + 1, column + 1)
        if row + 1 > self.max_row or column + 1 > self.widest:
            self.max_row = max(self.max_row, row + 1)
            self.widest = max(self.widest, column + 1)
            if self.max_row * self.widest > MAX_CELLS:
                raise self.sheet._too_far(self.max_row, self.widest)
        if row + 1 != self.current_row:
            if row + 1 <= self.highest_row:
                self.in_order = False
            self.highest_row = max(self.highest_row, row + 1)
            self.current_row = row + 1

    def child_start(self, name: str, attributes: dict) -> None:
        if name == "is":
            self.string = _StringReader()
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
            return EXCEL_ESCAPE.sub(_excel_unescape, text) if "_x" in text else text
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
