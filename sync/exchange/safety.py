"""Checks a file must pass before python-calamine parses it.

calamine is fast but trusting: a cell at XFD1048576 makes it allocate the whole
sheet and abort the process, and it inflates whatever the zip declares.  So the
container is examined first, cheaply and without parsing: it must be a zip (an
encrypted workbook is an OLE2 container), its declared sizes and compression
ratios must be sane, its XML must not declare entities, and no cell may sit
beyond the columns and rows an exchange sheet can have.

A small workbook is inflated once, in memory, and scanned whole; calamine then
parses a stored copy of exactly those bytes (`unpacked.py`), which is faster
than letting it inflate the parts again.  A big one is scanned as a stream.

This is the exchange reader's own minimal guard; the roster's general reader
(`sync/workbook_reading.py`) covers any workbook a person brings.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from sync.exchange.unpacked import UNPACK_LIMIT, DamagedPart, inflate, stored_zip

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_MEMBER_BYTES = 1_500_000_000  # an office export of 150,000 households stays well below
MAX_RATIO = 200  # sheet XML compresses 10–30×; bombs compress hundreds of times
RATIO_FLOOR = 20_000_000  # small members may compress as they like
MAX_ROWS = 1_048_576
SCAN_CHUNK = 4 << 20

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

ENTITY_MARKS = (b"<!DOCTYPE", b"<!ENTITY")  # XML keywords are case-sensitive; a substring test is fastest
DIMENSION_PATTERN = re.compile(rb'<dimension ref="[A-Z]+\d+:([A-Z]+)(\d+)"')
# References that might lie beyond column Z or row 999,999: after at most one letter and six digits,
# anything but the closing quote.  Every other reference is safely inside.  calamine reads column
# letters in either case, and a <row r="…"> moves the cells that follow it without their own
# reference: both are looked at (an unchecked <row r="99999999"> or r="xfd1048576" made it abort).
# Possessive quantifiers: the usual "A123" is rejected in one pass, without trying again.
SUSPECT_REFERENCE = re.compile(rb' r="[A-Za-z]?+\d{0,6}+[^"]')


class WorkbookRefused(Exception):
    """The file cannot be read safely; the message names the file and the reason."""


@dataclass(frozen=True)
class SafeWorkbook:
    path: Path
    sheet_names: list[str]
    unpacked: bytes | None = None  # a stored zip of the scanned parts (small workbooks), for calamine


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _letters(first: str = "A", last: str = "Z") -> str:
    """A class of the letters first…last in either case (calamine reads both; IGNORECASE made the search slower)."""
    return f"[{first}-{last}{first.lower()}-{last.lower()}]"


def _far_cell_pattern(max_columns: int) -> re.Pattern:
    """A regular expression matching a reference beyond column `max_columns` or row MAX_ROWS.

    Column letters are compared by length and then alphabetically, which a
    pattern can do: with up to 702 columns (ZZ) that is "three letters, or two
    letters above the last allowed pair".  A row number alone is a <row r="…">.
    """
    last = ""
    number = max_columns
    while number:
        number, remainder = divmod(number - 1, 26)
        last = chr(65 + remainder) + last
    if len(last) == 1:
        columns = f"{_letters()}{{2,}}" + (f"|{_letters(chr(ord(last) + 1))}" if last != "Z" else "")
    else:
        first, second = last
        above = [f"{_letters()}{{3,}}"]
        if first != "Z":
            above.append(_letters(chr(ord(first) + 1)) + _letters())
        if second != "Z":
            above.append(f"[{first}{first.lower()}]" + _letters(chr(ord(second) + 1)))
        columns = "|".join(above)
    rows = r"\d{8,}|[2-9]\d{6}|1[1-9]\d{5}|10[5-9]\d{4}"
    # Anchored on the literal ' r="' (fast to scan for); <row r="12"> fails at once on its digits.
    return re.compile(f' r="(?:(?:{columns})\\d|{_letters()}{{0,2}}(?:{rows}))'.encode())


def _sheet_members(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """{sheet name: member path}, from workbook.xml and its relationships."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        raise WorkbookRefused(f"{name}: not a spreadsheet workbook (no xl/workbook.xml inside); "
                              "exchange workbooks are .xlsx files written by Lianxin") from None
    except DefusedXmlException:
        raise WorkbookRefused(f"{name}: the workbook declares XML entities, which Lianxin refuses (a known attack)") from None
    except ElementTree.ParseError as error:
        raise WorkbookRefused(f"{name}: damaged workbook ({error})") from None
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{PKG_REL_NS}Relationship")}
    members = {}
    for sheet in workbook.iter(f"{MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{REL_NS}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        members[sheet.get("name", "")] = path
    return members


def _check_xml(window: bytes, far_cell: re.Pattern, name: str, sheet: str) -> None:
    """Refuse entity declarations and cells out of bounds in a piece of a part's XML.

    Running `far_cell` at each of a sheet's ~20,000 cell references costs more
    than inflating it, so the references are first matched by a pattern that
    fails at once on the usual one letter and up to six digits (which can never
    lie beyond an exchange sheet); only a part with other references is
    searched with the exact pattern.  A declaration needs "<!", whose "!" is
    rare in a sheet and found by memchr (searching for "<!" itself took ten
    times as long: "<" is everywhere).  calamine reads a sheet's <dimension>
    only before its <sheetData>, so only that head is searched for it.
    """
    if b"!" in window and b"<!" in window and any(mark in window for mark in ENTITY_MARKS):
        raise WorkbookRefused(f"{name}, sheet {sheet}: the XML declares entities, which Lianxin refuses (a known attack)")
    head = window.find(b"<sheetData")
    at = window.find(b"<dimension ", 0, head if head >= 0 else len(window))
    dimension = DIMENSION_PATTERN.match(window, at) if at >= 0 else None
    if dimension and far_cell.search(b' r="%s%s"' % dimension.groups()):
        raise WorkbookRefused(f"{name}, sheet {sheet}: declares cells up to "
                              f"{dimension.group(1).decode()}{dimension.group(2).decode()}, beyond any exchange sheet")
    if SUSPECT_REFERENCE.search(window):
        found = far_cell.search(window)
        if found:
            raise WorkbookRefused(f"{name}, sheet {sheet}: a cell lies far outside the table "
                                  f"({found.group(0)[-12:].decode(errors='replace')}…); the file was not written by Lianxin")


def _scan_member(archive: zipfile.ZipFile, member: str, far_cell: re.Pattern, name: str, sheet: str) -> None:
    """Stream one XML part through `_check_xml` (for workbooks too big to inflate in memory)."""
    overlap = b""
    with archive.open(member) as stream:
        while chunk := stream.read(SCAN_CHUNK):
            window = overlap + chunk
            _check_xml(window, far_cell, name, sheet)
            overlap = window[-64:]


def _unpack(path: Path, archive: zipfile.ZipFile, scanned: list[tuple[str, str]], skipped: set[str],
            far_cell: re.Pattern) -> bytes:
    """Inflate every part but the sheets nobody asked for, scan the sheets and shared strings, store the rest."""
    data = path.read_bytes()
    name = path.name
    parts = {}
    to_scan = {member: sheet for sheet, member in scanned}
    for member in dict.fromkeys(archive.namelist()):
        if member in skipped or member.endswith("/"):
            continue
        info = archive.getinfo(member)
        try:
            content = inflate(data, info)
        except DamagedPart as damage:
            raise WorkbookRefused(f"{name}: damaged or truncated workbook ({damage})") from None
        if member in to_scan:
            _check_xml(content, far_cell, name, to_scan[member])
        elif any(mark in content for mark in ENTITY_MARKS):
            raise WorkbookRefused(f"{name}: part {member} declares XML entities, which Lianxin refuses (a known attack)")
        parts[member] = (content, info.CRC)
    return stored_zip(parts)


def check_workbook(path: str | Path, wanted_sheets: set[str] | None = None, max_columns: int = 80,
                   unpack: bool = False) -> SafeWorkbook:
    """Refuse what is not a sound .xlsx; return its sheet names.

    Only the sheets in `wanted_sheets` (all if None) and the shared strings are
    scanned, so a foreign workbook is refused by its sheet names before any of
    its contents is read.  With `unpack`, a workbook whose parts inflate to at
    most `UNPACK_LIMIT` comes back with `unpacked`: the stored copy to parse.
    """
    if max_columns < 26:
        raise ValueError("the quick pre-check of cell references assumes every one-letter column is allowed")
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise WorkbookRefused(f"{name}: no such file")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE2_MAGIC):
        raise WorkbookRefused(f"{name}: an encrypted (password-protected) workbook or an old .xls file; "
                              "exchange workbooks are unencrypted .xlsx files")
    if not head.startswith(ZIP_MAGIC):
        raise WorkbookRefused(f"{name}: not an .xlsx workbook" + (" (the file is empty)" if not head else ""))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise WorkbookRefused(f"{name}: damaged or truncated workbook ({error})") from None
    with archive:
        for info in archive.infolist():
            if info.file_size > MAX_MEMBER_BYTES or (
                info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            ):
                raise WorkbookRefused(f"{name}: part {info.filename} would inflate to {info.file_size:,} bytes "
                                      "(a zip bomb or not an exchange workbook)")
        try:
            members = _sheet_members(archive, name)
            if wanted_sheets is not None and not (wanted_sheets & members.keys()):
                return SafeWorkbook(path, list(members))
            far_cell = _far_cell_pattern(max_columns)
            parts = [(sheet, member) for sheet, member in members.items() if wanted_sheets is None or sheet in wanted_sheets]
            if "xl/sharedStrings.xml" in archive.namelist():
                parts.append(("(shared strings)", "xl/sharedStrings.xml"))
            for sheet, member in parts:
                if member not in archive.namelist():
                    raise WorkbookRefused(f"{name}, sheet {sheet}: its part {member} is missing (damaged workbook)")
            skipped = {member for sheet, member in members.items() if sheet not in dict(parts)}
            inflated = sum(info.file_size for info in archive.infolist() if info.filename not in skipped)
            if unpack and inflated <= UNPACK_LIMIT:
                return SafeWorkbook(path, list(members), _unpack(path, archive, parts, skipped, far_cell))
            for sheet, member in parts:
                _scan_member(archive, member, far_cell, name, sheet)
        except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as error:
            raise WorkbookRefused(f"{name}: damaged or truncated workbook ({error})") from None
    return SafeWorkbook(path, list(members))

