"""The parts of an .xlsx package: which sheet is where, and what every sheet of it shares.

An .xlsx is a zip of XML parts tied together by relationship files: the
package's relationships name the workbook part, whose own relationships name
each sheet's part, the styles and the shared strings.  `map_package` follows
them, reading the few small files that say so with defusedxml (element names
matched without namespace, so Strict OOXML maps too).  An odd package (a sheet
whose part is missing, relationships that do not resolve) maps to no
worksheets, and calamine, which has its own rules, names and reads its sheets.

`read_package` adds what the streaming reader needs for every sheet of one
workbook: the date system, each cell style's number format, and the
shared-string table (read on first use).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree

from sync.spreadsheet.cell_values import NUMBER, builtin_format_kind, format_kind
from sync.spreadsheet.refusal import ENTITIES, WorkbookRefused
from sync.spreadsheet.xlsx_shared_strings import read_shared_strings
from sync.spreadsheet.xlsx_xml import Declined, attributes, unescape_attribute

MAX_SMALL_PART_BYTES = 16 << 20  # relationships, workbook.xml, styles.xml: read whole

STYLE_SECTION = re.compile(rb"<(?:[\w.-]+:)?(numFmts|cellXfs)\b[^>]*>(.*?)</(?:[\w.-]+:)?\1>", re.S)
STYLE_ELEMENT = re.compile(rb"<(?:[\w.-]+:)?(numFmt|xf)\b([^>]*)>")


@dataclass(frozen=True)
class PackageMap:
    """Where a workbook's parts are.  `worksheets` is empty for an odd package."""

    sheet_parts: dict[str, str] = field(default_factory=dict)  # every sheet whose part is in the package → its part
    worksheets: list[str] = field(default_factory=list)  # the worksheets, in the workbook's order
    styles_part: str | None = None
    shared_strings_part: str | None = None
    date1904: bool = False


def map_package(archive: zipfile.ZipFile, file: str | Path) -> PackageMap:
    """Follow the relationships of `archive`; WorkbookRefused if one of their files declares XML entities."""
    names = {info.filename: info for info in archive.infolist()}
    try:
        workbook_part = next(_targets(archive, names, "_rels/.rels", "", "/officeDocument"), None)
        if workbook_part is None or workbook_part not in names:
            return PackageMap()
        base = posixpath.dirname(workbook_part)
        rels_part = posixpath.join(base, "_rels", posixpath.basename(workbook_part) + ".rels")
        targets: dict[str, str] = {}
        worksheet_parts: set[str] = set()
        styles = strings = None
        for relation, kind, part in _related(archive, names, rels_part, base):
            targets[relation] = part
            if kind.endswith("/worksheet"):
                worksheet_parts.add(part)
            elif kind.endswith("/styles") and styles is None:
                styles = part
            elif kind.endswith("/sharedStrings") and strings is None:
                strings = part
        workbook = SafeTree.fromstring(_small_part(archive, names, workbook_part))
    except DefusedXmlException:
        raise WorkbookRefused(ENTITIES, file=file) from None
    except (KeyError, SafeTree.ParseError, ValueError):
        return PackageMap()  # an odd package: calamine reads it its own way
    parts: dict[str, str] = {}
    worksheets: list[str] = []
    complete = True
    date1904 = False
    for element in workbook.iter():
        tag = _local(element.tag)
        if tag == "workbookPr":
            date1904 = element.attrib.get("date1904", "") in ("1", "true")
        elif tag == "sheet":
            relation = next((value for key, value in element.attrib.items() if _local(key) == "id"), None)
            part = targets.get(relation)
            name = element.attrib.get("name", "")
            if part in names:
                parts[name] = part
                if part in worksheet_parts and name not in worksheets:
                    worksheets.append(name)
            else:
                complete = False
    return PackageMap(
        sheet_parts=parts,
        worksheets=worksheets if complete else [],
        styles_part=styles if styles in names else _conventional(names, "xl/styles.xml"),
        shared_strings_part=strings if strings in names else _conventional(names, "xl/sharedStrings.xml"),
        date1904=date1904,
    )


def _related(archive, names, rels_part: str, base: str):
    """(id, type, resolved part) of each internal relationship in `rels_part`."""
    for rel in SafeTree.fromstring(_small_part(archive, names, rels_part)):
        if rel.attrib.get("TargetMode") == "External":
            continue
        target = rel.attrib.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        yield rel.attrib.get("Id", ""), rel.attrib.get("Type", ""), part


def _targets(archive, names, rels_part: str, base: str, type_suffix: str):
    return (part for _, kind, part in _related(archive, names, rels_part, base) if kind.endswith(type_suffix))


def _conventional(names, part: str) -> str | None:
    """The part at its usual place, matched without case as calamine does."""
    return next((name for name in names if name.lower() == part.lower()), None)


def _small_part(archive: zipfile.ZipFile, names, part: str) -> bytes:
    if names[part].file_size > MAX_SMALL_PART_BYTES:
        raise ValueError(f"{part} is too large to read whole")
    return archive.read(part)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# -- what the streaming reader shares between sheets ----------------------------------------


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
        """The table as a list: a str per string (one big str sliced at each lookup took less
        memory but made reading slower)."""
        if self._strings is None:
            self._strings = [] if self.shared_strings_part is None else read_shared_strings(self.path, self.shared_strings_part)
        return self._strings

    def forget_shared_strings(self) -> None:
        """Let the table go; it is read again if needed."""
        self._strings = None


def read_package(path: str | Path, package_map: PackageMap | None = None) -> Package:
    """The workbook-level facts the streaming reader needs (`package_map` if already mapped).

    Raises `Declined` for a package this reader does not understand.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = {info.filename: info for info in archive.infolist()}
            if len({name.lower() for name in names}) != len(names):
                raise Declined("part names that differ only in case")  # calamine's pick is its own
            if package_map is None:
                package_map = map_package(archive, path)
            styles = package_map.styles_part
            formats = _number_formats(_small_part(archive, names, styles)) if styles else []
    except (Declined, WorkbookRefused):
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, ValueError, NotImplementedError) as error:
        raise Declined(f"package: {error}") from None
    return Package(path=path, date1904=package_map.date1904, formats=formats,
                   shared_strings_part=package_map.shared_strings_part)


def read_number_formats(archive: zipfile.ZipFile, styles_part: str | None) -> list[int]:
    """NUMBER, DATE or DURATION per cell style of the package in `archive` (see `_number_formats`)."""
    if styles_part is None:
        return []
    names = {info.filename: info for info in archive.infolist()}
    return _number_formats(_small_part(archive, names, styles_part)) if styles_part in names else []


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
        for element, found in STYLE_ELEMENT.findall(content):
            values = attributes(found)
            number_format = values.get(b"numFmtId")
            if section == b"numFmts" and element == b"numFmt":
                if values.get(b"formatCode"):
                    custom[number_format or b""] = unescape_attribute(values[b"formatCode"])
            elif section == b"cellXfs" and element == b"xf":
                if number_format is None:
                    formats.append(NUMBER)
                elif number_format in custom:
                    formats.append(format_kind(custom[number_format]))
                else:
                    formats.append(builtin_format_kind(number_format))
    return formats
