"""The one font every PDF uses, and the check that no character silently vanishes.

reportlab embeds only TrueType outlines; WenQuanYi Micro Hei (bundled under
`resources/fonts/`, see its LICENSE file) has every ASCII character and all
20,902 basic hanzi, and embeds as a subset of tens of kilobytes.  The same file
serves Qt, so screen and paper agree.

A character the font lacks (a rare name character such as 𠮷 or 䶮) would be
dropped by reportlab without a word.  `GlyphCheck.fit` replaces it with 〓 (the
printer's mark for "character missing: write it in by hand") and remembers
where it occurred, so the command line and the window can tell the user which
records to complete by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resource_files import font_path

FONT_NAME = "WenQuanYiMicroHei"
MISSING_MARK = "〓"
PLACES_KEPT_PER_CHARACTER = 5


@cache
def register_font() -> TTFont:
    """Register the bundled font with reportlab once per process and return it."""
    font = TTFont(FONT_NAME, str(font_path()), subfontIndex=0)
    pdfmetrics.registerFont(font)
    return font


@cache
def _covered() -> frozenset[int]:
    return frozenset(register_font().face.charToGlyph)


def missing_characters(text: str) -> list[str]:
    """The distinct characters of `text` the font cannot draw, in order of appearance."""
    covered = _covered()
    seen: list[str] = []
    for character in text:
        if ord(character) not in covered and not character.isspace() and character not in seen:
            seen.append(character)
    return seen


@dataclass
class GlyphCheck:
    """Collects characters the font lacks while a document is drawn.

    `places` maps each missing character to where it occurred ("居民 王𠮷, 3号楼
    1单元 101"), a few places per character so the report stays short.
    """

    places: dict[str, list[str]] = field(default_factory=dict)

    def fit(self, text: str, where: str) -> str:
        """`text` ready to draw: each character the font lacks becomes 〓 and is recorded."""
        if text.isascii():
            return text
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
            f"the font lacks {character} (U+{ord(character):04X}); printed as {MISSING_MARK}, "
            f"write it in by hand: {'; '.join(places)}"
            for character, places in self.places.items()
        ]
