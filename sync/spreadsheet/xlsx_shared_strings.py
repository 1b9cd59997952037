"""A workbook's shared-string table, streamed from its part, and the rich text calamine flattens.

Most writers (Excel, WPS) keep every text of a workbook once in this table
and let cells point at it, so the streaming reader holds the table while it
reads a sheet: a str per string, as calamine holds it too.  Plain strings are
read by one regular expression; anything richer (runs, phonetic guides) goes
to expat (`StringReader`), which reads it as calamine does.
"""

from __future__ import annotations

import operator
import re
import zipfile
from pathlib import Path
from xml.parsers import expat

from sync.spreadsheet.xlsx_xml import EXCEL_ESCAPE, XML_SPACE, Unsure, check_prolog, excel_unescape, text_of

CHUNK = 1 << 20
MAX_HEADER_BYTES = 16 << 20  # what may come before the first <si>

# Plain text in the trimmed or the preserved form, else the whole <si> (rich text, phonetic runs...) for expat.
FAST_SHARED_STRING = re.compile(
    rb'<si(?:><t>(?![ \t\n\r])([^<]*)(?<![ \t\n\r])</t></si>|><t xml:space="preserve">([^<]*)</t></si>'
    rb'|(\b[^>]*/>|\b.*?</si>))',
    re.S,
)
FIRST, SECOND = operator.itemgetter(0), operator.itemgetter(1)


def read_shared_strings(path: Path, part: str) -> list[str]:
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
        check_prolog(head, b"sst")
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
            strings.extend(_strings_of(piece))
    return strings


def _strings_of(piece: bytes) -> list[str]:
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
                read = StringReader().read(b"".join(b"<si" + found[index][2] for index in odd))
                if len(read) != len(odd):
                    raise Unsure()
                for index, text in zip(odd, read):
                    strings[index] = text
            return strings
        except (Unsure, UnicodeDecodeError):
            pass
    return StringReader().read(piece)


class StringReader:
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
            self.parts.append(EXCEL_ESCAPE.sub(excel_unescape, text) if "_x" in text else text)
            self.text = None
        elif name == "rPh":
            self.phonetic = False
        elif name == "si" and self.parts is not None:
            self.strings.append("".join(self.parts))
            self.parts = None

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)
