"""Measuring, fitting, wrapping and drawing lines of text in the fonts their characters need.

Every string is measured and drawn run by run (`fonts.runs`), so a rare
character printed with the fallback font takes its own width and nothing
overlaps.  The common case (all characters in the main font) stays one
`stringWidth` or one `textOut`.

Fitting never goes below a floor: 6 pt for office tables, 7 pt on cards (what an
elderly resident can still read); below it text is wrapped or cut with "…".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.fonts import FONT_NAME, plain, runs, text_width

SMALLEST_SIZE = 6.0
# Punctuation a Chinese line never starts with: it stays at the end of the line before.
NO_LINE_START = "、。，,.；;：:！!？?）)」』”’》】…"


def fit_text(text: str, width: float, size: float, floor: float = SMALLEST_SIZE) -> tuple[str, float]:
    """`text` and a font size at which it fits `width`: shrink down to `floor`, then cut with "…"."""
    natural = text_width(text, size)
    if natural <= width:
        return text, size
    smaller = max(floor, math.floor(size * width / natural * 100) / 100)  # rounded down: it must fit
    if text_width(text, smaller) <= width:
        return text, smaller
    while text and text_width(text + "…", smaller) > width:
        text = text[:-1]
    return text + "…", smaller


def wrap_text(text: str, width: float, size: float, hang: bool = True) -> list[str]:
    """`text` broken into lines no wider than `width`, character by character (Chinese has no spaces).

    A closing punctuation mark never starts a line.  With `hang` it may stick
    out past `width` at the end of the line before (fine in running text); without,
    the character before it moves down with it, so every line stays inside
    `width` (for table cells, where the next column starts at once).
    """
    lines: list[str] = []
    measure = (lambda c: stringWidth(c, FONT_NAME, size)) if plain(text) else (lambda c: text_width(c, size))
    for paragraph in text.splitlines():
        line, used = "", 0.0
        first_line = len(lines)
        for character in paragraph:
            advance = measure(character)
            if hang and not line and len(lines) > first_line and character in NO_LINE_START:  # just broke at a space
                lines[-1] += character
            elif line and used + advance > width and (character not in NO_LINE_START or not hang and len(line) > 1):
                if character in NO_LINE_START:  # take the last character down with the mark
                    line, carried = line[:-1], line[-1]
                    lines.append(line)
                    line = carried + character
                    used = measure(carried) + advance
                    continue
                lines.append(line)
                line, used = character.lstrip(), (advance if not character.isspace() else 0.0)
            else:
                line, used = line + character, used + advance
        lines.append(line)
    return lines


def fit_lines(text: str, width: float, size: float, lines: int, floor: float = SMALLEST_SIZE) -> tuple[list[str], float]:
    """`text` wrapped to at most `lines` lines, each inside `width`: set smaller first, then cut with "…"."""
    wrapped: list[str] = []
    for trial in dict.fromkeys((size, max(floor, size - 1), floor)):
        wrapped = wrap_text(text, width, trial, hang=False)
        if len(wrapped) <= lines:
            return wrapped, trial
    kept = wrapped[:lines]
    kept[-1], _ = fit_text(kept[-1] + "……", width, floor, floor)
    return kept, floor


def pack_entries(entries: Sequence[str], separator: str, width: float, size: float) -> list[str]:
    """Whole entries ("供电公司 95598") joined into lines no wider than `width`; an entry is never split."""
    lines: list[str] = []
    line = ""
    for entry in entries:
        candidate = f"{line}{separator}{entry}" if line else entry
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = entry
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


class TextWriter:
    """Many strings drawn as one PDF text object (a `drawString` each costs a text object each).

    Font and colour are set only when they change.
    """

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.text = canvas.beginText()
        self._font: tuple[str, float] | None = None
        self._colour: Color | None | bool = False  # False: not set yet

    def put(self, x: float, y: float, text: str, size: float, colour: Color | None = None) -> None:
        """Add `text` with its baseline starting at (x, y); `colour` None is black."""
        if not text:
            return
        writer = self.text
        if colour is not self._colour:
            if colour is None:
                writer.setFillColorRGB(0, 0, 0)
            else:
                writer.setFillColor(colour)
            self._colour = colour
        writer.setTextOrigin(x, y)
        for name, piece in runs(text):
            if self._font != (name, size):
                writer.setFont(name, size)
                self._font = (name, size)
            writer.textOut(piece)

    def finish(self) -> None:
        self.canvas.drawText(self.text)


def draw_string(canvas: Canvas, x: float, y: float, text: str, size: float, align: str = "left") -> None:
    """Draw one string at (x, y) in its fonts; `align` "left", "right" or "centre" about x."""
    if align != "left":
        width = text_width(text, size)
        x -= width if align == "right" else width / 2
    for name, piece in runs(text):
        canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, name, size)
