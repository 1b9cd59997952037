"""SpreadsheetML's XML as the streaming reader reads it: a cell's kind, its text, a part's prolog.

The streaming reader (`xlsx_sheet`) reads cells with regular expressions, not
an XML parser, so the few XML rules that matter are kept here: entities and
line ends in text, the edge whitespace that ``xml:space="preserve"`` keeps,
Excel's ``_xHHHH_`` escapes, and what a cell's attributes say about its value.
Where these rules are not sure (an entity XML does not define), they raise
`Unsure` and the reader hands the stretch to expat (`xlsx_expat_rows`).  A part
whose XML they would misread at all (a DTD, another encoding, namespace
prefixes, Strict OOXML) raises `Declined`, and calamine reads that sheet.
"""

from __future__ import annotations

import re

from sync.spreadsheet.cell_values import NUMBER

# What a cell's attributes say about reading its value (NUMBER, DATE and DURATION come from its style).
EMPTY, INLINE, SHARED = 0, 1, 2
BOOL, ERROR, STR, ISO, UNKNOWN = 6, 7, 8, 9, 10

MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
KNOWN_ERRORS = {b"#DIV/0!", b"#N/A", b"#NAME?", b"#NULL!", b"#NUM!", b"#REF!", b"#VALUE!"}
XML_SPACE = " \t\n\r"
CELL_TYPES = {b"s": SHARED, b"inlineStr": INLINE, b"is": INLINE, b"str": STR, b"b": BOOL, b"e": ERROR, b"d": ISO}

ATTRIBUTE = re.compile(rb'\s([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
NUMBER_TEXT = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity|nan)", re.IGNORECASE)
ENTITY = re.compile(r"&(?:#(\d+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));")
NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
ROOT_TAG = re.compile(rb"<([\w.-]+:)?([\w.-]+)((?:\s[^>]*)?)>")
ENCODING = re.compile(rb'<\?xml[^>]*encoding\s*=\s*["\']([\w.-]+)["\']')


class Declined(Exception):
    """The streaming reader will not read this sheet; calamine should.  Raised before any row."""


class Unsure(Exception):
    """The fast path met something it does not read exactly: read the stretch with expat."""


def attributes(text: bytes) -> dict[bytes, bytes]:
    return {name: double if double or not single else single for name, double, single in ATTRIBUTE.findall(text)}


def unescape_attribute(raw: bytes) -> str:
    """An attribute value with its character and entity references decoded (unknown ones kept)."""
    text = raw.decode(errors="replace")
    return ENTITY.sub(lambda match: NAMED_ENTITIES.get(match.group(3)) or chr(int(match.group(1) or match.group(2),
                                                                                   10 if match.group(1) else 16)), text)


def excel_unescape(match: re.Match) -> str:
    code = int(match.group(1), 16)
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


def _entity(match: re.Match) -> str:
    decimal, hexadecimal, name = match.groups()
    if name:
        return NAMED_ENTITIES[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF):
        raise Unsure()
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
            raise Unsure()  # an entity XML does not define: expat says what is wrong
        text = ENTITY.sub(_entity, text)
    if trim:
        text = text.strip(XML_SPACE)
    if "_x" in text:
        text = EXCEL_ESCAPE.sub(excel_unescape, text)
    return text


def trimmed_text(raw: bytes) -> str:
    return text_of(raw, True)


def untrimmed_text(raw: bytes) -> str:
    return text_of(raw, False)


def is_special(piece: bytes) -> bool:
    """Whether text in this stretch may need more than decoding: entities, CR, or Excel's escapes."""
    return b"&" in piece or b"\r" in piece or b"_x" in piece


def kind_of(cell_attributes: bytes, formats: list[int]) -> int:
    """What a cell's attributes (after r) say about its value; EMPTY for a self-closing cell."""
    if cell_attributes.endswith(b"/"):
        return EMPTY
    values = attributes(cell_attributes)
    cell_type = values.get(b"t")
    if cell_type is None or cell_type == b"n":
        style = values.get(b"s")
        index = int(style) if style is not None and style.isdigit() else 0
        if style is None or index >= len(formats):
            return NUMBER
        return formats[index]
    return CELL_TYPES.get(cell_type, UNKNOWN)


def float_of(text: bytes) -> float:
    """A number cell's text as a float; Unsure unless it is plainly a number."""
    if text.isdigit() or NUMBER_TEXT.fullmatch(text):
        return float(text)
    raise Unsure()


def check_prolog(head: bytes, root: bytes) -> None:
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
