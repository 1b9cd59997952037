"""What every printed document shares: options, result, styles and the font.

Each document is one renderer class (as pretix does its invoices): it gathers
its data with a few bulk queries, then lays it out.  The base class holds the
options, the progress and the glyph check.  The privacy rule is kept where the
data is read (`desktop.printing.data`): residents' ID numbers and phones reach
a renderer masked unless the user asked for them whole.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from desktop.printing.fonts import FONT_NAME, GlyphCheck, register_font
from models.progress import Progress
from models.scope import Scope


# Compressed streams stay binary: ASCII85 only makes them a quarter larger, and
# encoding it was a fifth of the time of a district's visit handbooks.
rl_config.useA85 = 0

# Progress messages, in the language of the people watching them (the window shows them as they are).
READING = "读取住户资料"
DONE = "完成"


@dataclass(frozen=True)
class PrintOptions:
    """Choices a user makes; unmasking is off unless they explicitly turn it on."""

    a5: bool = False
    backs: bool = False
    cards_per_page: int = 10
    duplex: bool = True  # visit handbooks: each cadre's part starts on a right-hand (odd) page
    print_shop: bool = False  # cards and handbook: 3 mm bleed for a print shop instead of office margins
    show_id_numbers: bool = False
    show_phones: bool = False
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    items: int  # cards, households or cadres, as the document counts them
    missing_glyphs: GlyphCheck


class Renderer(ABC):
    """The base of the three document renderers."""

    #: what `items` counts in the result, for messages ("1200 cards")
    item_name = "item"

    def __init__(self, scope: Scope, options: PrintOptions | None = None, progress: Progress | None = None) -> None:
        register_font()
        self.scope = scope
        self.options = options or PrintOptions()
        self.progress = progress or Progress()
        self.glyphs = GlyphCheck()

    @abstractmethod
    def render(self, path: str | Path) -> PrintResult:
        """Gather the data of the scope and write the PDF to `path`."""


def page_size(a5: bool) -> tuple[float, float]:
    return A5 if a5 else A4


def margins(a5: bool) -> float:
    return (12 if a5 else 18) * mm


def stylesheet(base: float = 10.0) -> dict[str, ParagraphStyle]:
    """The named paragraph styles of every flowing document."""
    body = ParagraphStyle("body", fontName=FONT_NAME, bulletFontName=FONT_NAME, fontSize=base, leading=base * 1.5, wordWrap="CJK")
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=base * 0.85, leading=base * 1.25),
        "title": ParagraphStyle("title", parent=body, fontSize=base * 3, leading=base * 4, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=base * 1.5, leading=base * 2.2, alignment=TA_CENTER),
        "h1": ParagraphStyle("h1", parent=body, fontSize=base * 1.7, leading=base * 2.4, spaceBefore=base, spaceAfter=base * 0.6),
        "h2": ParagraphStyle("h2", parent=body, fontSize=base * 1.25, leading=base * 1.8, spaceBefore=base * 0.8, spaceAfter=base * 0.3),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=base * 1.5, bulletIndent=base * 0.3),
    }
