"""Service cards (连心卡): one per household, ten or eight to an A4 sheet, with cut marks.

The front says who to call: the household's linked cadres with their unit and
phone, the grid worker, the community's hotline, the responsible units'
hotlines, and a QR code that saves the first cadre as a phone contact.  The
optional back (long-edge duplex) carries a short service note and the full
directory of units.  Cadres' and units' phones print whole: they are meant to be
called.  Nothing about the residents is printed but the address.

Drawn straight on the canvas (no platypus): 1,200 cards are 12,000 strings and
the layout is fixed, so flowing text would only cost time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.data import CadreRow, UnitRow, cadres_by_household, grid_workers, households_in, responsible_units
from desktop.printing.document import READING, PrintResult, Renderer
from desktop.printing.flowables import fit_text, pack_entries, wrap_text
from desktop.printing.fonts import FONT_NAME
from desktop.printing.qr import QrForms
from desktop.printing.scope import ScopeRefused
from desktop.printing.sheet import SHEETS, CardSheet, Rect
from models.installation import Setting

BAND = Color(0.70, 0.09, 0.13)
GREY = Color(0.35, 0.35, 0.35)
CUT_MARK_GREY = Color(0.45, 0.45, 0.45)
PAD = 3.5 * mm
BAND_HEIGHT = 7.5 * mm
QR_SIZE = 19 * mm
CADRES_SHOWN = 3
UNIT_LINE_SIZE = 5.5

# The back's service note; an office may replace it with the Setting below.
CARD_NOTE_SETTING = "printing.card_note"
DEFAULT_CARD_NOTE = (
    "这张连心卡上是为您家服务的包联干部和网格员。家里遇到急事、难事、烦心事，"
    "或对社区工作有意见建议，请直接打电话，我们在 7 天内答复。"
)


@dataclass(frozen=True)
class Card:
    """What one household's card says, with every string already checked against the font."""

    community_id: str
    community: str
    grid: str
    address: str
    cadres: tuple[CadreRow, ...]
    more_cadres: int
    grid_worker: CadreRow | None
    hotline: str
    qr_payload: str


def vcard(person: CadreRow) -> str:
    """A vCard 3.0 a phone camera offers to save: name, unit and mobile of the cadre."""

    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", " ")

    # Kept short: every byte makes the code denser, and it must scan at 19 mm.
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{escape(person.name)}", f"FN:{escape(person.name)}"]
    if person.work_unit:
        lines.append(f"ORG:{escape(person.work_unit)}")
    lines += [f"TEL:{escape(person.phone)}", "END:VCARD"]
    return "\r\n".join(lines)


def qr_payload(cadres: Sequence[CadreRow], grid_worker: CadreRow | None, hotline: str, household_id: str) -> str:
    """The first cadre with a phone as a vCard; else the grid worker; else the hotline; else the household code."""
    for person in (*cadres, grid_worker):
        if person is not None and person.phone:
            return vcard(person)
    if hotline:
        return f"tel:{hotline}"
    return f"LIANXIN:HOUSEHOLD:{household_id}"


class ServiceCardRenderer(Renderer):
    item_name = "card"

    def cards(self) -> list[Card]:
        """Every card of the scope, in address order."""
        households = households_in(self.scope)
        if not households:
            raise ScopeRefused("no households in this scope: nothing to print")
        linked = cadres_by_household(self.scope)
        workers = grid_workers({h.grid_id for h in households})
        check = self.glyphs.fit
        cards = []
        for household in households:
            where = household.full_address
            people = [c for c in linked.get(household.uuid, ()) if c.role != "grid_worker"]
            worker = (workers.get(household.grid_id) or [None])[0]
            shown = tuple(c._replace(name=check(c.name, f"干部 {c.name}"), work_unit=check(c.work_unit, where), position=check(c.position, where))
                          for c in people[:CADRES_SHOWN])
            if worker is not None:
                worker = worker._replace(name=check(worker.name, f"网格员 {worker.name}"))
            cards.append(Card(
                community_id=household.community_id,
                community=check(household.community, where),
                grid=check(household.grid, where),
                address=check(household.full_address, where),
                cadres=shown,
                more_cadres=max(0, len(people) - CADRES_SHOWN),
                grid_worker=worker,
                hotline=household.hotline,
                qr_payload=qr_payload(people, worker, household.hotline, household.uuid),
            ))
        return cards

    def render(self, path: str | Path) -> PrintResult:
        self.progress.step(0, 1, READING)
        cards = self.cards()
        units = [unit._replace(name=self.glyphs.fit(unit.name, "责任单位")) for unit in responsible_units() if unit.hotline]
        sheet = SHEETS[self.options.cards_per_page]
        canvas = Canvas(str(path), pagesize=sheet.page_size, initialFontName=FONT_NAME, initialFontSize=9, pageCompression=1)
        canvas.setTitle("连心卡")
        canvas.setCreator("Lianxin")
        codes = QrForms(canvas)
        backs: dict[str, str] = {}
        unit_lines = pack_entries([f"{unit.name} {unit.hotline}" for unit in units], "　",
                                  sheet.card_width - 2 * PAD - QR_SIZE - 2 * mm, UNIT_LINE_SIZE)[:2]
        for start in range(0, len(cards), sheet.per_page):
            page = cards[start:start + sheet.per_page]
            self._draw_cut_marks(canvas, sheet)
            for index, card in enumerate(page):
                self._draw_front(canvas, sheet.slot(index), card, unit_lines, codes)
                self.progress.step(start + index + 1, len(cards), "绘制连心卡")
            canvas.showPage()
            if self.options.backs:
                for index, card in enumerate(page):
                    name = backs.get(card.community_id) or self._define_back(canvas, sheet, card, units, backs)
                    slot = sheet.back_slot(index)
                    canvas.saveState()
                    canvas.translate(slot.x, slot.y)
                    canvas.doForm(name)
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
    def _band(canvas: Canvas, width: float, height: float, title: str, right_text: str) -> None:
        canvas.setFillColor(BAND)
        canvas.rect(0, height - BAND_HEIGHT, width, BAND_HEIGHT, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont(FONT_NAME, 11)
        canvas.drawString(PAD, height - BAND_HEIGHT + 6, title)
        room = width - 2 * PAD - stringWidth(title, FONT_NAME, 11) - 8
        text, size = fit_text(right_text, room, 7.5)
        canvas.setFont(FONT_NAME, size)
        canvas.drawRightString(width - PAD, height - BAND_HEIGHT + 7, text)

    def _draw_front(self, canvas: Canvas, slot: Rect, card: Card, unit_lines: list[str], codes: QrForms) -> None:
        canvas.saveState()
        canvas.translate(slot.x, slot.y)
        width, height = slot.width, slot.height
        self._band(canvas, width, height, "连心卡", f"{card.community} {card.grid}")
        text_width = width - 2 * PAD - QR_SIZE - 2 * mm
        y = height - BAND_HEIGHT - 12
        canvas.setFillColorRGB(0, 0, 0)
        line(canvas, card.address, PAD, y, text_width, 9)
        y -= 11
        canvas.setFillColor(GREY)
        line(canvas, "包联干部" + (f"（另有 {card.more_cadres} 人）" if card.more_cadres else ""), PAD, y, text_width, 6)
        y -= 10
        for cadre in card.cadres:
            person(canvas, cadre, PAD, y, text_width)
            y -= 10.5
        if not card.cadres:
            canvas.setFillColor(GREY)
            line(canvas, "（尚未包联，请联系网格员）", PAD, y, text_width, 7.5)
            y -= 10.5
        if card.grid_worker is not None:
            canvas.setFillColor(GREY)
            line(canvas, "网格员", PAD, y, 30, 6.5)
            person(canvas, card.grid_worker._replace(work_unit="", position=""), PAD + 22, y, text_width - 22)
            y -= 10.5
        if card.hotline:
            canvas.setFillColor(GREY)
            line(canvas, "社区热线", PAD, y, 30, 6.5)
            canvas.setFillColorRGB(0, 0, 0)
            line(canvas, card.hotline, PAD + 28, y, text_width - 28, 8.5)
        codes.draw(card.qr_payload, width - PAD - QR_SIZE, PAD + 9, QR_SIZE)
        canvas.setFillColor(GREY)
        canvas.setFont(FONT_NAME, 5.5)
        canvas.drawCentredString(width - PAD - QR_SIZE / 2, PAD + 4, "扫码保存联系人")
        canvas.setFillColor(GREY)
        canvas.setFont(FONT_NAME, UNIT_LINE_SIZE)
        for number, text in enumerate(unit_lines):
            canvas.drawString(PAD, PAD + 8 - number * 6.5, text)
        canvas.restoreState()

    def _define_back(self, canvas: Canvas, sheet: CardSheet, card: Card, units: list[UnitRow], backs: dict[str, str]) -> str:
        """Draw the back of `card`'s community once, as a form placed behind each of its cards."""
        name = f"back{len(backs)}"
        width, height = sheet.card_width, sheet.card_height
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=width, uppery=height)
        self._band(canvas, width, height, "服务说明", card.community)
        note = self.glyphs.fit(Setting.read(CARD_NOTE_SETTING) or DEFAULT_CARD_NOTE, "连心卡背面说明")
        canvas.setFillColorRGB(0, 0, 0)
        y = height - BAND_HEIGHT - 11
        for text in wrap_text(note, width - 2 * PAD, 7)[:4]:
            canvas.setFont(FONT_NAME, 7)
            canvas.drawString(PAD, y, text)
            y -= 9.5
        canvas.setFillColor(GREY)
        canvas.setFont(FONT_NAME, 6)
        canvas.drawString(PAD, y - 1, "责任单位服务热线")
        y -= 10
        column_width = (width - 2 * PAD) / 2
        rows = int((y - PAD) // 8) + 1
        canvas.setFillColorRGB(0, 0, 0)
        for index, unit in enumerate(units[: rows * 2]):
            column, row = divmod(index, rows)
            line(canvas, f"{unit.name} {unit.hotline}", PAD + column * column_width, y - row * 8, column_width - 4, 6.5)
        canvas.endForm()
        backs[card.community_id] = name
        return name


def line(canvas: Canvas, text: str, x: float, y: float, width: float, size: float) -> None:
    """Draw one line of `text` at (x, y), made smaller or shortened to fit `width`."""
    text, size = fit_text(text, width, size)
    canvas.setFont(FONT_NAME, size)
    canvas.drawString(x, y, text)


def person(canvas: Canvas, cadre: CadreRow, x: float, y: float, width: float) -> None:
    """"张三 13812345678  区住建委 科长": name and phone in black, the post smaller in grey."""
    canvas.setFillColorRGB(0, 0, 0)
    head = f"{cadre.name} {cadre.phone}".strip()
    text, size = fit_text(head, width, 8.5)
    canvas.setFont(FONT_NAME, size)
    canvas.drawString(x, y, text)
    used = stringWidth(text, FONT_NAME, size) + 5
    if cadre.post and width - used > 20:
        canvas.setFillColor(GREY)
        line(canvas, cadre.post, x + used, y, width - used, 6.5)
