"""Where cards sit on a sheet, where the cut marks go, and where each back lands.

Pure geometry in points (1/72 inch), origin at the bottom left as in PDF, so the
layout can be checked by tests without drawing anything.

Two ways to survive an imprecise cut:

* Office printing (the default): cards edge to edge, each with a white margin
  inside its edge (the card renderer keeps every mark `CARD_MARGIN` inside), so
  a cut a little off the line shows white on white, never a sliver of the
  neighbour's red band.
* Print shop (`bleed`): 3 mm of bleed around every card, the band printed into
  it, cards `2 × bleed` apart, and crop marks outside the bleed, as a print shop
  expects.  A4 holds 2 × 4 such cards.

Either way the cut marks continue every trim line into the page margin and
never touch a card (or its bleed).

Backs are for long-edge duplex (the printer's default for portrait A4): the
sheet turns over its vertical axis, so the card in column c of the front lies
behind the card in the mirrored column of the back page.  The card grid is
centred on the page, which makes the mirrored position a whole card slot.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

CUT_MARK_LENGTH = 5 * mm
CUT_MARK_OFFSET = 1.5 * mm  # gap between a mark and the card (or bleed) edge, so no mark shows on a card
PAPER_EDGE_CLEARANCE = 3 * mm  # marks stop short of the paper edge
CARD_MARGIN = 3 * mm  # white inside every card edge on office sheets; the safe zone in print-shop sheets
BLEED = 3 * mm


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def grown(self, by: float) -> Rect:
        return Rect(self.x - by, self.y - by, self.width + 2 * by, self.height + 2 * by)


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class CardSheet:
    """A grid of `columns` × `rows` cards of `card_width` × `card_height`, `gap` apart, centred.

    With `bleed`, each card's artwork may run `bleed` past its trim edge; `gap`
    must then be at least twice the bleed so that neighbours' bleeds do not overlap.
    """

    columns: int
    rows: int
    card_width: float
    card_height: float
    gap: float = 0.0
    bleed: float = 0.0
    page_width: float = A4[0]
    page_height: float = A4[1]

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def page_size(self) -> tuple[float, float]:
        return (self.page_width, self.page_height)

    @cached_property
    def margin_x(self) -> float:
        return (self.page_width - self.columns * self.card_width - (self.columns - 1) * self.gap) / 2

    @cached_property
    def margin_y(self) -> float:
        return (self.page_height - self.rows * self.card_height - (self.rows - 1) * self.gap) / 2

    def slot(self, index: int) -> Rect:
        """The trim rectangle of card `index` (0-based) on its page, filled row by row from the top left."""
        position = index % self.per_page
        row, column = divmod(position, self.columns)
        x = self.margin_x + column * (self.card_width + self.gap)
        top = self.page_height - self.margin_y - row * (self.card_height + self.gap)
        return Rect(x, top - self.card_height, self.card_width, self.card_height)

    def bleed_box(self, index: int) -> Rect:
        """The trim rectangle grown by the bleed: everything card `index` may print on."""
        return self.slot(index).grown(self.bleed)

    def back_slot(self, index: int) -> Rect:
        """Where the back of card `index` goes on the back page: mirrored across the vertical axis."""
        front = self.slot(index)
        return Rect(self.page_width - front.right, front.y, front.width, front.height)

    def pages_for(self, cards: int) -> int:
        return -(-cards // self.per_page)

    @cached_property
    def cut_marks(self) -> tuple[Line, ...]:
        """Short lines in the margins that continue every trim line, for a guillotine or a ruler.

        Marks start outside the bleed and stay in the page margins, off every card,
        so trimming removes them.
        """
        xs = sorted({round(self.slot(i).x, 3) for i in range(self.columns)}
                    | {round(self.slot(i).right, 3) for i in range(self.columns)})
        ys = sorted({round(self.slot(i * self.columns).y, 3) for i in range(self.rows)}
                    | {round(self.slot(i * self.columns).top, 3) for i in range(self.rows)})
        bottom, top = ys[0], ys[-1]
        left, right = xs[0], xs[-1]
        offset = self.bleed + CUT_MARK_OFFSET
        length = min(CUT_MARK_LENGTH, self.margin_x - offset - PAPER_EDGE_CLEARANCE,
                     self.margin_y - offset - PAPER_EDGE_CLEARANCE)
        marks: list[Line] = []
        for x in xs:
            marks.append(Line(x, bottom - offset, x, bottom - offset - length))
            marks.append(Line(x, top + offset, x, top + offset + length))
        for y in ys:
            marks.append(Line(left - offset, y, left - offset - length, y))
            marks.append(Line(right + offset, y, right + offset + length, y))
        return tuple(marks)


# Business-card sizes: 90 × 54 mm (China) ten to a sheet edge to edge, or 85 × 54 mm
# (ISO ID-1, a bank card) eight to a sheet with 6 mm between cards for scissors.
SHEETS = {
    10: CardSheet(columns=2, rows=5, card_width=90 * mm, card_height=54 * mm),
    8: CardSheet(columns=2, rows=4, card_width=85 * mm, card_height=54 * mm, gap=6 * mm),
}


def card_sheet(per_page: int, print_shop: bool = False) -> CardSheet:
    """The sheet for `per_page` (10: 90 × 54 mm cards, 8: 85 × 54 mm) on an office printer or at a print shop.

    With bleed, five rows of 54 mm cards no longer fit A4 (5 × 54 + 4 × 6 + 6 > 297 mm),
    so a print shop gets the same card size eight to a sheet.
    """
    office = SHEETS[per_page]
    if not print_shop:
        return office
    return CardSheet(columns=2, rows=4, card_width=office.card_width, card_height=office.card_height,
                     gap=2 * BLEED, bleed=BLEED)
