"""Service cards (连心卡): one per household, ten or eight to an A4 sheet, with cut marks.

The card is read by elderly residents, so its hierarchy is: who to call, in
large type (names and phones 10 pt, never under 9 pt), with their role in
small type beside them (包联干部, 微网格长, 网格员); the community hotline in red; the
household's address under the band (two lines at most, down to 7 pt, and never
without its building, unit and room); a QR code that carries the same: every
person with their role and phone, and the hotline.  Nothing on a card is under
7 pt.  Every person linked to the household is on the front; when there are
more than fit at 9 pt, the front says so and the back (and the QR) list all.

The optional back (long-edge duplex) carries a short service note and the
directory of responsible units.  Cadres' and units' phones print whole: they
are meant to be called; a 微网格长 who is no cadre is a resident, whose phone is
masked unless the person printing asks for phones whole (`--show-phones`).  Nothing about the residents is printed but the address.

Drawn straight on the canvas (no platypus): the layout is fixed, so flowing
text would only cost time.  `plan_front` decides where every string goes
without drawing, so tests can check sizes and margins directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.data import (
    CadreRow,
    UnitRow,
    cadres_by_household,
    grid_workers,
    households_in,
    micro_grid_leaders,
    responsible_units,
)
from desktop.printing.document import READING, PrintResult, Renderer
from desktop.printing.fonts import FONT_NAME, text_width
from desktop.printing.qr import QrForms
from desktop.printing.sheet import CARD_MARGIN, CardSheet, Rect, card_sheet
from desktop.printing.text import TextWriter, fit_text, wrap_text
from models.records.installation import Setting
from models.scope import ScopeRefused

BAND = Color(0.70, 0.09, 0.13)
WHITE = Color(1, 1, 1)
GREY = Color(0.30, 0.30, 0.30)
CUT_MARK_GREY = Color(0.45, 0.45, 0.45)

SMALLEST = 7.0  # nothing on a card is smaller
NAME_SIZE = 10.0  # names and phones
NAME_FLOOR = 9.0
LABEL_SIZE = 7.5  # role labels, captions
ADDRESS_SIZE = 9.5
HOTLINE_SIZE = 10.5
PAD = CARD_MARGIN + 2.5 * mm  # text starts this far inside the card edge
BAND_HEIGHT = 9 * mm
QR_SIZE = 22 * mm
QR_CAPTION = "扫码看全部电话"
LABEL_WIDTH = 33.0  # the role column: "包联干部" at 7.5 pt is 30 pt
POST_PITCH = 8.5  # a work unit under its person's name
MOST_EXTRA_PITCH = 6.0

ROLE_CADRE = "包联干部"
ROLE_WORKER = "网格员"
ROLE_LEADER = "微网格长"
HOTLINE_LABEL = "社区热线"
NOT_YET_LINKED = "尚未安排，请先联系网格员"

# The back's service note; an office may replace it with the Setting below.
CARD_NOTE_SETTING = "printing.card_note"
DEFAULT_CARD_NOTE = (
    "这张连心卡上是为您家服务的包联干部和网格员。家里遇到急事、难事、烦心事，"
    "或对社区工作有意见建议，请直接打电话，我们在 7 天内答复。"
)


@dataclass(frozen=True)
class Contact:
    """A person a household can call, as the card shows them."""

    role: str  # 包联干部, 微网格长 or 网格员
    name: str
    phone: str
    post: str  # work unit and position


@dataclass(frozen=True)
class Card:
    """What one household's card says, with every string already checked against the fonts."""

    community_id: str
    community: str
    grid: str
    address: str
    place: str  # building, unit and room: what must never be cut
    contacts: tuple[Contact, ...]
    hotline: str
    qr_payload: str


@dataclass(frozen=True)
class Item:
    """One string placed on a card: baseline at (x, y) from the card's bottom left."""

    x: float
    y: float
    text: str
    size: float
    colour: Color | None = None  # None: black


@dataclass(frozen=True)
class FrontPlan:
    items: tuple[Item, ...]
    qr: Rect
    hidden: int  # contacts that did not fit on the front (they are on the back and in the QR)


def card_text(community: str, grid: str, contacts: Sequence[Contact], hotline: str) -> str:
    """The QR payload: the card as text, one person a line with role, name and phone, then the hotline.

    Plain text because WeChat, the scanner most residents use, shows it as it is,
    with every number a tap away; a vCard shows there as code.  It names no
    household, so households that share their cadres share one code (drawn once).
    """
    lines = [f"连心卡 {community} {grid}".strip()]
    lines += [" ".join(part for part in (c.role, c.name, c.phone) if part) for c in contacts]
    if hotline:
        lines.append(f"{HOTLINE_LABEL} {hotline}")
    return "\n".join(lines)


def post_of(cadre: CadreRow, role: str) -> str:
    """Work unit and position, without a position that only repeats the role ("社区居委会", not "社区居委会 网格员")."""
    position = "" if cadre.position == role else cadre.position
    return " ".join(part for part in (cadre.work_unit, position) if part)


def readable_phone(phone: str) -> str:
    """A mobile number in the groups people read aloud ("138 1234 5678"); other numbers as they are."""
    if re.fullmatch(r"1\d{10}", phone):
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    return phone


def address_lines(address: str, place: str, width: float) -> list[tuple[str, float]]:
    """The address in at most two lines of `width` (each with its size), at 9.5 pt down to 7 pt.

    When even 7 pt needs a third line, the first line keeps the start of the
    address (cut with "…") and the second is the building, unit and room, so
    the part that finds the door is never the part that is lost.
    """
    building = place.split(" ")[0] if place else ""
    at = address.rfind(building) if building else -1
    for size in (ADDRESS_SIZE, 8.5, 7.5, SMALLEST):
        lines = wrap_text(address, width, size, hang=False)
        if len(lines) == 2 and at > 0:  # break before the building rather than inside "12号楼"
            head, tail = address[:at], address[at:]
            if text_width(head, size) <= width and text_width(tail, size) <= width:
                return [(head, size), (tail, size)]
        if len(lines) <= 2:
            return [(line, size) for line in lines]
    head, _ = fit_text(address, width, SMALLEST, SMALLEST)
    return [(head, SMALLEST), fit_text(place, width, ADDRESS_SIZE, SMALLEST)]


def plan_front(card: Card, width: float, height: float, backs: bool = False) -> FrontPlan:
    """Where every string of `card`'s front goes on a card of `width` × `height` points.

    With `backs`, people who do not fit on the front are listed on the back;
    without, the front sends the reader to the QR code, which has everyone.
    """
    items: list[Item] = []
    band_bottom = height - CARD_MARGIN - BAND_HEIGHT
    title_size = 13.0
    items.append(Item(PAD, band_bottom + 8.5, "连心卡", title_size, WHITE))
    band_room = width - 2 * PAD - text_width("连心卡", title_size) - 10
    right, size = fit_text(f"{card.community} {card.grid}".strip(), band_room, 9.0, SMALLEST)
    items.append(Item(width - PAD - text_width(right, size), band_bottom + 9, right, size, WHITE))

    y = band_bottom - 11.5
    previous = 0.0
    for line, size in address_lines(card.address, card.place, width - 2 * PAD):
        y -= max(previous, size) + 2 if previous else 0
        items.append(Item(PAD, y, line, size))
        previous = size
    y -= previous + 2
    qr = Rect(width - CARD_MARGIN - 1 * mm - QR_SIZE, CARD_MARGIN + 9, QR_SIZE, QR_SIZE)
    caption, caption_size = fit_text(QR_CAPTION, QR_SIZE + 2 * mm, LABEL_SIZE, SMALLEST)
    items.append(Item(qr.x + (qr.width - text_width(caption, caption_size)) / 2, CARD_MARGIN + 2, caption, caption_size, GREY))

    column = qr.x - 2.5 * mm - PAD  # width of the people column beside the QR
    above_qr = width - 2 * PAD  # and above it
    top = y - 4  # first row baseline
    bottom = CARD_MARGIN + 3

    def room(baseline: float) -> float:
        """The width a line at `baseline` may take: the whole card above the QR, else up to the QR."""
        return above_qr if baseline - 3 > qr.top else column

    people_items, hidden = _people(card, PAD, top, bottom, room, backs)
    items += people_items
    return FrontPlan(tuple(items), qr, hidden)


def _people(card: Card, x: float, top: float, bottom: float, room: Callable[[float], float],
            backs: bool) -> tuple[list[Item], int]:
    """Rows of role, name and phone, then the hotline: at 10 pt with posts when they fit, else tighter."""
    contacts = list(card.contacts)
    rows_wanted = len(contacts) + (1 if card.hotline else 0)
    for pitch, size, posts in ((13.5, NAME_SIZE, True), (13.5, NAME_SIZE, False), (11.0, NAME_FLOOR, False)):
        post_rows = sum(1 for c in contacts if c.post) if posts else 0
        needed = (rows_wanted - 1) * pitch + post_rows * POST_PITCH
        if needed <= top - bottom:
            if rows_wanted > 1:  # spread the rows over the card instead of leaving its foot empty
                pitch += min(MOST_EXTRA_PITCH, (top - bottom - needed) / (rows_wanted - 1))
            return _rows(card, contacts, x, top, room, pitch, size, posts), 0
    # More people than rows even at 9 pt: the last row before the hotline says where the others are.
    pitch, size = 11.0, NAME_FLOOR
    capacity = int((top - bottom) // pitch) + 1
    shown = max(0, capacity - (1 if card.hotline else 0) - 1)
    items = _rows(card, contacts[:shown], x, top, room, pitch, size, False, hotline=False)
    hidden = len(contacts) - shown
    y = top - shown * pitch
    where = "见卡片背面" if backs else "扫码可见全部电话"
    note, note_size = fit_text(f"另有 {hidden} 人，{where}", room(y), 8.0, SMALLEST)
    items.append(Item(x, y, note, note_size, GREY))
    if card.hotline:
        items += _hotline(card.hotline, x, y - pitch, room(y - pitch))
    return items, hidden


def _rows(card: Card, contacts: list[Contact], x: float, top: float, room: Callable[[float], float], pitch: float,
          size: float, posts: bool, hotline: bool = True) -> list[Item]:
    items: list[Item] = []
    y = top
    name_x = x + LABEL_WIDTH
    for contact in contacts:
        items.append(Item(x, y + 1, contact.role, LABEL_SIZE, GREY))
        line = f"{contact.name}  {readable_phone(contact.phone)}".strip()
        text, used = fit_text(line, room(y) - LABEL_WIDTH, size, NAME_FLOOR)
        items.append(Item(name_x, y, text, used))
        if posts and contact.post:
            y -= POST_PITCH
            post, post_size = fit_text(contact.post, room(y) - LABEL_WIDTH, SMALLEST, SMALLEST)
            items.append(Item(name_x, y, post, post_size, GREY))
        y -= pitch
    if hotline and card.hotline:
        items += _hotline(card.hotline, x, y, room(y))
    return items


def _hotline(hotline: str, x: float, y: float, width: float) -> list[Item]:
    number, size = fit_text(hotline, width - LABEL_WIDTH, HOTLINE_SIZE, NAME_FLOOR)
    return [Item(x, y + 1, HOTLINE_LABEL, LABEL_SIZE, GREY), Item(x + LABEL_WIDTH, y, number, size, BAND)]


class ServiceCardRenderer(Renderer):
    item_name = "card"

    def cards(self) -> list[Card]:
        """Every card of the scope, in address order."""
        households = households_in(self.scope)
        if not households:
            raise ScopeRefused("no households in this scope: nothing to print")
        linked = cadres_by_household(self.scope)
        workers = grid_workers({h.grid_id for h in households})
        leaders = micro_grid_leaders(self.scope)
        check = self.glyphs.fit
        cards = []
        for household in households:
            where = household.full_address
            people = [c for c in linked.get(household.uuid, ()) if c.role != "grid_worker"]
            seen = {c.uuid for c in people}
            grid_people = [w for w in workers.get(household.grid_id, ()) if w.uuid not in seen]
            grid_people += [c for c in linked.get(household.uuid, ()) if c.role == "grid_worker" and c.uuid not in {w.uuid for w in grid_people}]
            contacts = tuple(
                Contact(role, check(c.name, f"{role} {c.name}"), c.phone, check(post_of(c, role), where))
                for role, group in ((ROLE_CADRE, people), (ROLE_WORKER, grid_people)) for c in group
            )
            if not people:  # say so, rather than leave the household wondering
                contacts = (Contact(ROLE_CADRE, NOT_YET_LINKED, "", ""), *contacts)
            leader = leaders.get(household.uuid)
            if leader is not None and leader.cadre not in seen:  # (a linked cadre who leads it is on the card already)
                # between the cadres and the grid workers: the neighbour who knows the door
                at = sum(1 for c in contacts if c.role == ROLE_CADRE)
                contacts = (*contacts[:at], Contact(ROLE_LEADER, check(leader.name, f"{ROLE_LEADER} {leader.name}"),
                                                    leader.phone, check(leader.micro_grid, where)), *contacts[at:])
            community, grid = check(household.community, where), check(household.grid, where)
            cards.append(Card(
                community_id=household.community_id,
                community=community,
                grid=grid,
                address=check(household.full_address, where),
                place=check(household.place, where),
                contacts=contacts,
                hotline=household.hotline,
                qr_payload=card_text(community, grid, contacts, household.hotline),
            ))
        return cards

    def render(self, path: str | Path) -> PrintResult:
        self.progress.step(0, 1, READING)
        cards = self.cards()
        units = [unit._replace(name=self.glyphs.fit(unit.name, "责任单位")) for unit in responsible_units() if unit.hotline]
        sheet = card_sheet(self.options.cards_per_page, self.options.print_shop)
        canvas = Canvas(str(path), pagesize=sheet.page_size, initialFontName=FONT_NAME, initialFontSize=9, pageCompression=1)
        canvas.setTitle("连心卡")
        canvas.setCreator("Lianxin")
        codes = QrForms(canvas)
        backs: dict[str, str] = {}
        for start in range(0, len(cards), sheet.per_page):
            page = cards[start:start + sheet.per_page]
            self._draw_cut_marks(canvas, sheet)
            plans = []
            for index, card in enumerate(page):
                plans.append(self._draw_front(canvas, sheet, sheet.slot(index), card, codes))
                self.progress.step(start + index + 1, len(cards), "绘制连心卡")
            canvas.showPage()
            if self.options.backs:
                self._draw_cut_marks(canvas, sheet)
                for index, (card, plan) in enumerate(zip(page, plans)):
                    slot = sheet.back_slot(index)
                    canvas.saveState()
                    canvas.translate(slot.x, slot.y)
                    if plan.hidden:
                        self._draw_people_back(canvas, sheet, card)
                    else:
                        canvas.doForm(backs.get(card.community_id) or self._define_back(canvas, sheet, card, units, backs))
                    canvas.restoreState()
                canvas.showPage()
        pages = canvas.getPageNumber() - 1
        canvas.save()
        return PrintResult(Path(path), pages, len(cards), self.glyphs)

    # -- drawing -------------------------------------------------------------
    @staticmethod
    def _draw_cut_marks(canvas: Canvas, sheet: CardSheet) -> None:
        canvas.setStrokeColor(CUT_MARK_GREY)
        canvas.setLineWidth(0.3)
        path = canvas.beginPath()
        for mark in sheet.cut_marks:
            path.moveTo(mark.x1, mark.y1)
            path.lineTo(mark.x2, mark.y2)
        canvas.drawPath(path, stroke=1, fill=0)

    @staticmethod
    def _band(canvas: Canvas, sheet: CardSheet) -> None:
        """The red band: inside the white margin on office sheets, into the bleed at a print shop."""
        width, height = sheet.card_width, sheet.card_height
        bottom = height - CARD_MARGIN - BAND_HEIGHT
        canvas.setFillColor(BAND)
        if sheet.bleed:
            canvas.rect(-sheet.bleed, bottom, width + 2 * sheet.bleed, height + sheet.bleed - bottom, stroke=0, fill=1)
        else:
            canvas.roundRect(CARD_MARGIN, bottom, width - 2 * CARD_MARGIN, BAND_HEIGHT, 1.2 * mm, stroke=0, fill=1)

    def _draw_front(self, canvas: Canvas, sheet: CardSheet, slot: Rect, card: Card, codes: QrForms) -> FrontPlan:
        plan = plan_front(card, slot.width, slot.height, self.options.backs)
        canvas.saveState()
        canvas.translate(slot.x, slot.y)
        self._band(canvas, sheet)
        writer = TextWriter(canvas)
        for item in plan.items:
            writer.put(item.x, item.y, item.text, item.size, item.colour)
        writer.finish()
        codes.draw(card.qr_payload, plan.qr.x, plan.qr.y, plan.qr.width)
        canvas.restoreState()
        return plan

    def _back_band(self, canvas: Canvas, sheet: CardSheet, title: str, right: str) -> float:
        """The back's band with `title` and `right`; returns the baseline of the first line under it."""
        self._band(canvas, sheet)
        width, height = sheet.card_width, sheet.card_height
        bottom = height - CARD_MARGIN - BAND_HEIGHT
        writer = TextWriter(canvas)
        writer.put(PAD, bottom + 8.5, title, 12, WHITE)
        text, size = fit_text(right, width - 2 * PAD - text_width(title, 12) - 10, 9, SMALLEST)
        writer.put(width - PAD - text_width(text, size), bottom + 9, text, size, WHITE)
        writer.finish()
        return bottom - 11

    def _define_back(self, canvas: Canvas, sheet: CardSheet, card: Card, units: list[UnitRow], backs: dict[str, str]) -> str:
        """Draw the back of `card`'s community once, as a form placed behind each of its cards."""
        name = f"back{len(backs)}"
        width, height = sheet.card_width, sheet.card_height
        canvas.beginForm(name, lowerx=-sheet.bleed, lowery=-sheet.bleed, upperx=width + sheet.bleed, uppery=height + sheet.bleed)
        y = self._back_band(canvas, sheet, "服务说明", card.community)
        note = self.glyphs.fit(Setting.read(CARD_NOTE_SETTING) or DEFAULT_CARD_NOTE, "连心卡背面说明")
        writer = TextWriter(canvas)
        for text in wrap_text(note, width - 2 * PAD, 8)[:4]:
            writer.put(PAD, y, text, 8)
            y -= 10.5
        writer.put(PAD, y - 1, "责任单位服务热线", LABEL_SIZE, GREY)
        y -= 12
        bottom = CARD_MARGIN + 3
        column_width = (width - 2 * PAD) / 2
        rows = int((y - bottom) // 10) + 1
        shown = units if len(units) <= rows * 2 else units[: rows * 2 - 1]
        for index, unit in enumerate(shown):
            column, row = divmod(index, rows)
            text, size = fit_text(f"{unit.name} {unit.hotline}", column_width - 4, 8, SMALLEST)
            writer.put(PAD + column * column_width, y - row * 10, text, size)
        if len(shown) < len(units):
            writer.put(PAD + column_width, y - (rows - 1) * 10, f"另有 {len(units) - len(shown)} 个单位，见便民服务手册", SMALLEST, GREY)
        writer.finish()
        canvas.endForm()
        backs[card.community_id] = name
        return name

    def _draw_people_back(self, canvas: Canvas, sheet: CardSheet, card: Card) -> None:
        """The back of a card whose people did not all fit on the front: all of them, two columns at 9 pt."""
        width = sheet.card_width
        y = self._back_band(canvas, sheet, "为您家服务的人", card.community)
        writer = TextWriter(canvas)
        column_width = (width - 2 * PAD) / 2
        rows = int((y - CARD_MARGIN - 3) // 19) + 1
        for index, contact in enumerate(card.contacts[: rows * 2]):
            column, row = divmod(index, rows)
            x, top = PAD + column * column_width, y - row * 19
            writer.put(x, top + 8, contact.role, SMALLEST, GREY)
            text, size = fit_text(f"{contact.name} {readable_phone(contact.phone)}", column_width - 4, NAME_FLOOR, SMALLEST)
            writer.put(x, top - 1, text, size)
        writer.finish()
