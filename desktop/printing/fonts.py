"""The fonts every PDF uses, character by character, and the check that nothing silently vanishes.

reportlab embeds only TrueType outlines; WenQuanYi Micro Hei (bundled under
`resources/fonts/`, see its LICENSE file) has every ASCII character and all
20,902 basic hanzi, and embeds as a subset of tens of kilobytes.  The same file
serves Qt, so screen and paper agree.

Names and places also use rarer characters (䶮 in CJK Extension A, 𠮷 𡒄 in B,
𪨶 in C, 𬌗 𬸦 in E).  For those, the bundled HanaMin fonts (Extensions A to F,
`resources/fonts/hanazono.LICENSE.txt`) are used glyph by glyph: a line is cut
into runs, each drawn with the first font that has its characters.  They are
loaded only when a document meets a character the main font lacks, so an
ordinary print never pays for reading 34 MB of font.

A character no bundled font has (Extension G and later) would be dropped by
reportlab without a word.  `GlyphCheck.fit` replaces it with 〓 (the printer's
mark for "character missing: write it in by hand") and remembers where it
occurred, so the command line and the window can tell the user which records
to complete by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resource_files import font_path, resource_path

FONT_NAME = "WenQuanYiMicroHei"
# (name registered with reportlab, file under resources/), tried in this order.
FALLBACK_FONTS = (("HanaMinA", "fonts/HanaMinA-subset.ttf"), ("HanaMinB", "fonts/HanaMinB.ttf"))
MISSING_MARK = "〓"
PLACES_KEPT_PER_CHARACTER = 5

Run = tuple[str, str]  # (font name, text)


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map of a font subset, with characters beyond U+FFFF written as UTF-16.

    reportlab writes every code as four hex digits, so 𠮷 (U+20BB7) became the
    invalid "<20BB7>" and copied out of the PDF as rubbish; the PDF standard
    wants the UTF-16 surrogate pair "<D842DFB7>".  For the basic plane the
    output is the same as reportlab's.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1), "endcodespacerange", "%d beginbfchar" % len(subset),
    ]
    lines += ["<%02X> <%s>" % (index, chr(code).encode("utf-16-be", "surrogatepass").hex().upper())
              for index, code in enumerate(subset)]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = to_unicode_cmap


@cache
def register_font() -> TTFont:
    """Register the main font with reportlab once per process and return it."""
    font = TTFont(FONT_NAME, str(font_path()), subfontIndex=0)
    pdfmetrics.registerFont(font)
    return font


@cache
def _covered() -> frozenset[int]:
    return frozenset(register_font().face.charToGlyph)


@cache
def _fallbacks() -> tuple[tuple[str, frozenset[int]], ...]:
    """The fallback fonts, registered on first need, each with the characters it has."""
    loaded = []
    for name, relative in FALLBACK_FONTS:
        font = TTFont(name, str(resource_path(relative)))
        pdfmetrics.registerFont(font)
        loaded.append((name, frozenset(font.face.charToGlyph)))
    return tuple(loaded)


@cache
def font_of(character: str) -> str | None:
    """The first font that can draw `character`, or None when none can."""
    code = ord(character)
    if code in _covered() or character.isspace():
        return FONT_NAME
    for name, covered in _fallbacks():
        if code in covered:
            return name
    return None


def plain(text: str) -> bool:
    """True when the main font draws all of `text` (the common case, checked at C speed)."""
    return text.isascii() or _covered().issuperset(map(ord, text))


def runs(text: str) -> list[Run]:
    """`text` cut into runs of one font each; a character no font has stays with the main font."""
    if plain(text):
        return [(FONT_NAME, text)]
    result: list[Run] = []
    for character in text:
        name = font_of(character) or FONT_NAME
        if result and result[-1][0] == name:
            result[-1] = (name, result[-1][1] + character)
        else:
            result.append((name, character))
    return result


def text_width(text: str, size: float) -> float:
    """The width of `text` at `size` points, each run measured in its own font."""
    if plain(text):
        return stringWidth(text, FONT_NAME, size)
    return sum(stringWidth(piece, name, size) for name, piece in runs(text))


def markup(text: str) -> str:
    """`text` escaped for a platypus Paragraph, rare characters wrapped in their font."""
    if plain(text):
        return escape(text)
    return "".join(escape(piece) if name == FONT_NAME else f'<font face="{name}">{escape(piece)}</font>'
                   for name, piece in runs(text))


def missing_characters(text: str) -> list[str]:
    """The distinct characters of `text` no bundled font can draw, in order of appearance."""
    if plain(text):
        return []
    seen: list[str] = []
    for character in text:
        if font_of(character) is None and character not in seen:
            seen.append(character)
    return seen


@dataclass
class GlyphCheck:
    """Collects characters no font has while a document is drawn.

    `places` maps each missing character to where it occurred ("居民 王𠮷, 3号楼
    1单元 101"), a few places per character so the report stays short.
    """

    places: dict[str, list[str]] = field(default_factory=dict)

    def fit(self, text: str, where: str) -> str:
        """`text` ready to draw: each character no font has becomes 〓 and is recorded."""
        missing = missing_characters(text)
        if not missing:
            return text
        for character in missing:
            places = self.places.setdefault(character, [])
            if len(places) < PLACES_KEPT_PER_CHARACTER and where not in places:
                places.append(where)
            text = text.replace(character, MISSING_MARK)
        return text

    def __bool__(self) -> bool:
        return bool(self.places)

    def report_lines(self) -> list[str]:
        """One line per missing character: the character, its code point and where it was."""
        return [
            f"no bundled font has {character} (U+{ord(character):04X}); printed as {MISSING_MARK}, "
            f"write it in by hand: {'; '.join(places)}"
            for character, places in self.places.items()
        ]
