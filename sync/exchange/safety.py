"""Checks a file must pass before python-calamine parses it.

calamine is fast but trusting: a cell at XFD1048576 makes it allocate the whole
sheet and abort the process, and it inflates whatever the zip declares.  So the
container is examined first, cheaply and without parsing: it must be a zip (an
encrypted workbook is an OLE2 container), its declared sizes and compression
ratios must be sane, its XML must not declare entities, and no cell may sit
beyond the columns and rows an exchange sheet can have.

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
ROW_PATTERN = re.compile(rb'<row [^>]*?r="(\d+)"')


class WorkbookRefused(Exception):
    """The file cannot be read safely; the message names the file and the reason."""


@dataclass(frozen=True)
class SafeWorkbook:
    path: Path
    sheet_names: list[str]


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _far_cell_pattern(max_columns: int) -> re.Pattern:
    """A regular expression matching a cell reference beyond column `max_columns` or row MAX_ROWS.

    Column letters are compared by length and then alphabetically, which a
    pattern can do: with up to 702 columns (ZZ) that is "three letters, or two
    letters above the last allowed pair".
    """
    last = ""
    number = max_columns
    while number:
        number, remainder = divmod(number - 1, 26)
        last = chr(65 + remainder) + last
    if len(last) == 1:
        columns = rf"[A-Z]{{2,}}|[{chr(ord(last) + 1)}-Z]" if last != "Z" else r"[A-Z]{2,}"
    else:
        first, second = last
        above = [r"[A-Z]{3,}"]
        if first != "Z":
            above.append(rf"[{chr(ord(first) + 1)}-Z][A-Z]")
        if second != "Z":
            above.append(rf"{first}[{chr(ord(second) + 1)}-Z]")
        columns = "|".join(above)
    # Anchored on the literal ' r="' (fast to scan for); <row r="12"> fails at once on its digit.
    return re.compile(rf' r="(?:(?:{columns})\d|[A-Z]+(?:\d{{8,}}|[2-9]\d{{6}}|1[1-9]\d{{5}}|10[5-9]\d{{4}}))'.encode())


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


def _scan_member(archive: zipfile.ZipFile, member: str, far_cell: re.Pattern, name: str, sheet: str) -> None:
    """Stream one XML part, refusing entity declarations and cells out of bounds."""
    overlap = b""
    with archive.open(member) as stream:
        while chunk := stream.read(SCAN_CHUNK):
            window = overlap + chunk
            if any(mark in window for mark in ENTITY_MARKS):
                raise WorkbookRefused(f"{name}, sheet {sheet}: the XML declares entities, which Lianxin refuses (a known attack)")
            dimension = DIMENSION_PATTERN.search(window)
            if dimension and far_cell.search(b' r="%s%s"' % dimension.groups()):
                raise WorkbookRefused(f"{name}, sheet {sheet}: declares cells up to "
                                      f"{dimension.group(1).decode()}{dimension.group(2).decode()}, beyond any exchange sheet")
            found = far_cell.search(window)
            if found:
                raise WorkbookRefused(f"{name}, sheet {sheet}: a cell lies far outside the table "
                                      f"({found.group(0)[-12:].decode(errors='replace')}…); the file was not written by Lianxin")
            overlap = window[-64:]


def check_workbook(path: str | Path, wanted_sheets: set[str] | None = None, max_columns: int = 80) -> SafeWorkbook:
    """Refuse what is not a sound .xlsx; return its sheet names.

    Only the sheets in `wanted_sheets` (all if None) and the shared strings are
    scanned, so a foreign workbook is refused by its sheet names before any of
    its contents is read.
    """
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
                _scan_member(archive, member, far_cell, name, sheet)
        except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as error:
            raise WorkbookRefused(f"{name}: damaged or truncated workbook ({error})") from None
    return SafeWorkbook(path, list(members))

