"""A minimal streaming .xlsx writer for the workbooks Lianxin writes: rows go straight into the zip.

General writers spend most of their time deciding, cell by cell, what a value
is and how to store it.  An exchange sheet already knows, column by column, so
its rows are rendered to SpreadsheetML text by the caller (`text_cell`,
`safe_text_cell`, `number_cell`) and streamed into a zip member: memory stays
flat and an export runs at the speed of string joining and deflate.  Receipts
and import reports use the same few cells.

Only what those workbooks use is here: inline strings, numbers, a fixed set
of styles (header, machine header, text, text with quote prefix, date, grey
text), column widths and a frozen header row.  Texts are escaped the way Excel
expects: XML's five characters, control characters and CR as ``_xHHHH_``, and a
literal ``_xHHHH_`` protected by ``_x005F_``.  A text that a spreadsheet would
run as a formula (= + - @ tab CR at its start) gets Excel's quote prefix
(`safe_text_cell`): Excel, WPS and LibreOffice show it as text, run nothing,
and keep it text when they save.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

# Style indexes in STYLES_XML's cellXfs.
HEADER, MACHINE_HEADER, TEXT, GUARDED, DATE, MACHINE = 1, 2, 3, 4, 5, 6

NEEDS_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b-\x1f]|_x[0-9A-Fa-f]{4}_")  # CR is \x0d: escaped too
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FLUSH_ROWS = 2_000

STYLES_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>
<fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>
<font><sz val="11"/><color rgb="FF7F7F7F"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="11"/><color rgb="FF7F7F7F"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFEDEDED"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>
<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>
<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment wrapText="1"/></xf>
<xf numFmtId="49" fontId="3" fillId="3" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _escape_match(match: re.Match) -> str:
    found = match.group(0)
    if found == "&":
        return "&amp;"
    if found == "<":
        return "&lt;"
    if found == ">":
        return "&gt;"
    if found.startswith("_x"):
        return "_x005F" + found
    return f"_x{ord(found):04X}_"


def quoted_attribute(text: str) -> str:
    """`text` as an XML attribute value in double quotes (as xml.sax.saxutils.quoteattr, which would pull
    urllib, http, ssl and email into every process that writes a workbook)."""
    for plain, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\n", "&#10;"),
                           ("\r", "&#13;"), ("\t", "&#9;")):
        text = text.replace(plain, escaped)
    return f'"{text}"'


def escape_text(text: str) -> str:
    """Text as an Excel cell stores it in XML (the common case, nothing to escape, costs one search)."""
    return NEEDS_ESCAPE.sub(_escape_match, text) if NEEDS_ESCAPE.search(text) else text


def text_cell(reference: str, text: str, style: int) -> str:
    """An inline text cell (`text` not empty) in `style`, as it is: for titles and machine columns."""
    escaped = escape_text(text)
    space = ' xml:space="preserve"' if text[0] in " \t\n" or text[-1] in " \t\n" else ""
    return f'<c r="{reference}" s="{style}" t="inlineStr"><is><t{space}>{escaped}</t></is></c>'


def safe_text_cell(reference: str, text: str, style: int = TEXT) -> str:
    """`text_cell`, with the quote prefix (style GUARDED) if the text would run as a formula: for values."""
    return text_cell(reference, text, GUARDED if text.startswith(FORMULA_STARTS) else style)


def number_cell(reference: str, number: int | float, style: int = 0) -> str:
    return f'<c r="{reference}" s="{style}"><v>{number}</v></c>' if style else f'<c r="{reference}"><v>{number}</v></c>'


class SheetStream:
    """One worksheet being written; rows are lists of rendered cells (see `text_cell`)."""

    def __init__(self, archive: zipfile.ZipFile, member: str, widths: list[float], column_styles: list[int],
                 selected: bool) -> None:
        self._stream = archive.open(member, "w", force_zip64=True)
        self._pending: list[str] = []
        self.rows = 0
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{width}" customWidth="1" style="{style}"/>'
            for i, (width, style) in enumerate(zip(widths, column_styles), start=1))
        view = ' tabSelected="1"' if selected else ""
        self._write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}" '
                    f'xmlns:r="{REL_NS}"><sheetViews><sheetView workbookViewId="0"{view}><pane ySplit="1" '
                    'topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>'
                    f'</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>')

    def _write(self, text: str) -> None:
        self._stream.write(text.encode("utf-8"))

    def row(self, number: int, cells: list[str]) -> None:
        """Row `number` (1-based) with its rendered cells."""
        self._pending.append(f'<row r="{number}">{"".join(cells)}</row>')
        self.rows += 1
        if len(self._pending) >= FLUSH_ROWS:
            self._write("".join(self._pending))
            self._pending.clear()

    def close(self) -> None:
        self._write("".join(self._pending) + "</sheetData></worksheet>")
        self._pending.clear()
        self._stream.close()


class StreamingWorkbook:
    """An .xlsx written sheet after sheet (one open at a time), then closed."""

    def __init__(self, path: str | Path) -> None:
        self._archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        self._titles: list[str] = []
        self._open: SheetStream | None = None

    def add_sheet(self, title: str, widths: list[float], column_styles: list[int]) -> SheetStream:
        if self._open is not None:
            self._open.close()
        self._titles.append(title)
        member = f"xl/worksheets/sheet{len(self._titles)}.xml"
        self._open = SheetStream(self._archive, member, widths, column_styles, selected=len(self._titles) == 1)
        return self._open

    def discard(self) -> None:
        """Give up (an error or a cancel): release the file; the caller removes it."""
        self._archive.fp.close() if self._archive.fp else None

    def close(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open = None
        count = len(self._titles)
        sheets = "".join(f'<sheet name={quoted_attribute(t)} sheetId="{i}" r:id="rId{i}"/>' for i, t in enumerate(self._titles, 1))
        self._archive.writestr("[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.styles+xml"/>' + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, count + 1)) + "</Types>")
        self._archive.writestr("_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        self._archive.writestr("xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>')
        self._archive.writestr("xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">' + "".join(
                f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, count + 1)) +
            f'<Relationship Id="rId{count + 1}" Type="{REL_NS}/styles" Target="styles.xml"/></Relationships>')
        self._archive.writestr("xl/styles.xml", STYLES_XML)
        self._archive.close()

