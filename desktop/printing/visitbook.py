"""The visit handbook (民情手册): one cadre's households, to carry from door to door.

For each cadre: their households by building; for each household its residents
(ID numbers and phones masked unless the user asked), tags and notes such as
独居老人, the open demands with their deadlines (overdue ones marked), the date
of the last visit, and ruled lines to write on at the door.  Each cadre's part
starts on a new page and is numbered on its own ("第 x 页 / 共 y 页"), so it can be
printed as one file and handed out in pieces; printed on both sides (`duplex`,
the default) each part starts on a right-hand page.

A household is one flowable of known height that never splits across pages; its
title names the building, and a page that continues a building repeats the
building in its header, so a loose page still says where it is.  A building
heading never ends a page (it moves with its first household), and the part
closes with lines for other notes that fill the rest of its last page instead
of starting a near-empty one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from peewee import JOIN, fn
from reportlab.lib.colors import Color
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from desktop.printing.data import (
    CadreRow,
    HouseholdRow,
    cadres_by_household,
    households_in,
    natural_key,
    residents_by_household,
)
from desktop.printing.document import DONE, READING, PrintResult, Renderer, stylesheet
from desktop.printing.flowables import RULE_COLOUR, SectionMark
from desktop.printing.flowing import HEADER_ROOM, FlowingDocument, OddPageBreak
from desktop.printing.fonts import markup, text_width
from desktop.printing.pages import DeferredCanvas, page_label
from desktop.printing.text import TextWriter, draw_string, fit_text
from models.records.people import Resident
from models.scope import ScopeRefused
from models.records.work import Demand, DemandCategory, Visit

TITLE = "民情手册"
OPEN_STATES = ("pending", "accepted", "in_progress")
STATE_LABELS = {"pending": "待受理", "accepted": "已受理", "in_progress": "办理中"}
RELATION_ORDER = {relation: index for index, relation in enumerate(Resident.RELATIONS)}
RESIDENTS_SHOWN = 10
DEMANDS_SHOWN = 5
WRITING_LINES = 2
RED = Color(0.75, 0.1, 0.1)
GREY = Color(0.35, 0.35, 0.35)

# Line heights inside a household block, in points.
TITLE_LINE = 15.0
TEXT_LINE = 12.0
WRITING_LINE = 19.0
BLOCK_PADDING = 6.0
COLUMN_GAP = 8.0  # between the columns of the residents' table, so a full ID number and a phone never touch
HEADING_SIZE = 12.0
HEADING_HEIGHT = 26.0
NOTES_LINE = 22.0
NOTES_LINES_AT_LEAST = 4


@dataclass(frozen=True)
class Person:
    name: str
    relation: str
    sex: str
    age: str
    id_number: str  # already masked unless the user asked
    phone: str  # likewise
    tags: str


@dataclass(frozen=True)
class OpenDemand:
    text: str
    deadline: str
    overdue_days: int


@dataclass(frozen=True)
class HouseholdPage:
    """One household as the cadre sees it in the book."""

    place: str
    tags: str
    notes: str
    last_visit: str
    people: tuple[Person, ...]
    more_people: int
    demands: tuple[OpenDemand, ...]
    more_demands: int


class HouseholdBlock(Flowable):
    """A household drawn as one piece: title line, notes, residents, open demands, lines to write on."""

    # (title, share of the width, gap kept at its right): the number columns keep a wide gap, so a
    # full ID number and a phone never read as one number (on A5 they were 3 pt apart).
    COLUMNS = (("姓名", 0.12, 4.0), ("关系", 0.08, 4.0), ("性别", 0.06, 4.0), ("年龄", 0.08, 4.0),
               ("身份证号", 0.28, COLUMN_GAP), ("电话", 0.19, COLUMN_GAP), ("标签", 0.19, 0.0))

    def __init__(self, household: HouseholdPage) -> None:
        super().__init__()
        self.household = household

    def lines_of_text(self) -> int:
        """Lines of the block besides its title and writing lines: notes, column titles, people, demands, the label."""
        h = self.household
        return (
            (1 if h.notes else 0) + 2 + len(h.people) + (1 if h.more_people else 0)
            + len(h.demands) + (1 if h.more_demands else 0)
        )

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = 2 * BLOCK_PADDING + TITLE_LINE + self.lines_of_text() * TEXT_LINE + WRITING_LINES * WRITING_LINE
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []  # a household is never cut in two: it moves to the next page whole

    def draw(self) -> None:
        canvas, h, width = self.canv, self.household, self.width
        if not canvas.first_on_page:
            canvas.first_on_page = "household"
        writer = TextWriter(canvas)
        self._writer = writer
        y = self.height - BLOCK_PADDING - 11
        self._line(h.place, 0, y, width * 0.45, 11, None)
        if h.tags:
            self._line(f"【{h.tags}】", width * 0.47, y, width * 0.3, 9, RED)
        visited = f"上次走访 {h.last_visit}" if h.last_visit else "尚未走访"
        self._line(visited, width - text_width(visited, 8.5), y, width, 8.5, GREY)
        y -= TITLE_LINE
        if h.notes:
            self._line(f"备注：{h.notes}", 0, y, width, 8.5, GREY)
            y -= TEXT_LINE
        lefts, widths = [], []
        left = 0.0
        for _, share, gap in self.COLUMNS:
            lefts.append(left)
            widths.append(share * width - gap)
            left += share * width
        writer.finish()
        canvas.saveState()
        canvas.translate(0, y)
        canvas.doForm(self._column_titles(canvas, lefts, widths))
        canvas.restoreState()
        writer = self._writer = TextWriter(canvas)
        y -= TEXT_LINE
        for person in h.people:
            values = (person.name, person.relation, person.sex, person.age, person.id_number, person.phone)
            for value, x, w in zip(values, lefts, widths):
                self._line(value, x, y, w, 9, None)
            self._line(person.tags, lefts[-1], y, widths[-1], 9, RED)
            y -= TEXT_LINE
        if h.more_people:
            self._line(f"另有 {h.more_people} 人未列出", 0, y, width, 8, GREY)
            y -= TEXT_LINE
        for demand in h.demands:
            self._line(f"诉求：{demand.text}", 0, y, width * 0.66, 8.5, None)
            if demand.overdue_days > 0:
                self._line(f"期限 {demand.deadline}  已超期 {demand.overdue_days} 天", width * 0.67, y, width * 0.33, 8.5, RED)
            elif demand.deadline:
                self._line(f"期限 {demand.deadline}", width * 0.67, y, width * 0.33, 8.5, None)
            y -= TEXT_LINE
        if h.more_demands:
            self._line(f"另有 {h.more_demands} 条未办结诉求", 0, y, width, 8, GREY)
            y -= TEXT_LINE
        self._line("走访记录", 0, y, width, 7.5, GREY)
        writer.finish()
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.5)
        for line in range(1, WRITING_LINES + 1):
            canvas.line(0, y - line * WRITING_LINE + 8, width, y - line * WRITING_LINE + 8)
        canvas.setLineWidth(1.2)
        canvas.line(0, 0.5, width, 0.5)

    @classmethod
    def _column_titles(cls, canvas, lefts: list[float], widths: list[float]) -> str:
        """The residents' column titles, drawn once per document and width as a form (a quarter of all strings)."""
        forms = canvas.__dict__.setdefault("column_title_forms", {})
        key = round(sum(widths), 2)
        if key not in forms:
            name = forms[key] = f"visit-columns-{len(forms)}"
            canvas.beginForm(name, lowerx=0, lowery=-3, upperx=key, uppery=10)
            writer = TextWriter(canvas)
            for (title, *_), x, w in zip(cls.COLUMNS, lefts, widths):
                text, size = fit_text(title, w, 7.5)
                writer.put(x, 0, text, size, GREY)
            writer.finish()
            canvas.endForm()
        return forms[key]

    def _line(self, text: str, x: float, y: float, width: float, size: float, colour: Color | None) -> None:
        """Add `text` at (x, y) to the household's text object, fitted to `width`."""
        if text:
            text, size = fit_text(text, width, size)
            self._writer.put(x, y, text, size, colour)


class BuildingHeading(Flowable):
    """"海滨社区 第一网格 2号楼": starts a building's households and sets the building in force for the header."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, HEADING_HEIGHT

    def draw(self) -> None:
        canvas = self.canv
        canvas.running = self.label
        if not canvas.first_on_page:
            canvas.first_on_page = "heading"
        canvas.setFillColorRGB(0, 0, 0)
        text, size = fit_text(self.label, self.width, HEADING_SIZE)
        draw_string(canvas, 0, 8, text, size)


class NotesSpace(Flowable):
    """Ruled lines for other notes that fill the rest of the page, never fewer than `at_least`."""

    def __init__(self, at_least: int = NOTES_LINES_AT_LEAST, spacing: float = NOTES_LINE) -> None:
        super().__init__()
        self.at_least = at_least
        self.spacing = spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.lines = max(self.at_least, int(available_height // self.spacing))
        self.height = self.lines * self.spacing
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.5)
        for line in range(self.lines):
            canvas.line(0, line * self.spacing, self.width, line * self.spacing)


def age_on(birth: dt.date | str | None, today: dt.date) -> str:
    if not birth:
        return ""
    if isinstance(birth, str):
        birth = dt.date.fromisoformat(birth[:10])
    years = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return f"{years}岁"


class VisitHandbookRenderer(Renderer):
    item_name = "cadre"

    def render(self, path: str | Path) -> PrintResult:
        self.progress.step(0, 1, READING)
        households = households_in(self.scope)
        linked = cadres_by_household(self.scope)
        books: dict[str, list[HouseholdRow]] = defaultdict(list)
        cadres: dict[str, CadreRow] = {}
        for household in households:
            for cadre in linked.get(household.uuid, ()):
                if self.scope.cadre and cadre.uuid != self.scope.cadre:
                    continue
                cadres[cadre.uuid] = cadre
                books[cadre.uuid].append(household)
        if not books:
            raise ScopeRefused("no cadre is linked to a household in this scope: nothing to print")
        pages_of = self._household_pages({h.uuid for rows in books.values() for h in rows}, households)
        styles = stylesheet(9.0 if self.options.a5 else 10.0)
        document = FlowingDocument(path, TITLE, self.options.a5, self.progress)
        story: list[Flowable] = []
        for number, cadre in enumerate(sorted(cadres.values(), key=lambda c: natural_key(c.name))):
            if number:
                story.append(OddPageBreak() if self.options.duplex else PageBreak())
            story += self._cadre_part(cadre, books[cadre.uuid], pages_of, styles, document.width)
        names = {uuid: self.glyphs.fit(cadre.name, f"干部 {cadre.name}") for uuid, cadre in cadres.items()}
        section_pages: dict[str, list[int]] = {}

        def finish_page(canvas: DeferredCanvas, number: int, total: int) -> None:
            if not section_pages:
                section_pages.update(canvas.sections_pages())
            own = section_pages.get(canvas.section, [number])
            continued = canvas.running_at_start if canvas.first_on_page == "household" else ""
            self._furniture(canvas, document, names.get(canvas.section, ""), continued, own.index(number) + 1, len(own))

        pages = document.render(story, finish_page)
        self.progress.step(1, 1, DONE)
        return PrintResult(Path(path), pages, len(books), self.glyphs)

    # -- data ----------------------------------------------------------------
    def _household_pages(self, wanted: set[str], households: list[HouseholdRow]) -> dict[str, HouseholdPage]:
        """Residents, open demands and the last visit of every household in the books, in three queries."""
        in_scope = self.scope.household_ids()
        today = self.options.today
        fit = self.glyphs.fit
        people = residents_by_household(self.scope, id_numbers=self.options.show_id_numbers,
                                        phones=self.options.show_phones)
        demands: dict[str, list[OpenDemand]] = defaultdict(list)
        query = (
            Demand.select(Demand.household, DemandCategory.name, Demand.description, Demand.state, Demand.deadline)
            .join(DemandCategory, JOIN.LEFT_OUTER, on=Demand.category == DemandCategory.uuid)
            .where(Demand.household.in_(in_scope), Demand.state.in_(OPEN_STATES), Demand.deleted == False)  # noqa: E712
            .order_by(Demand.deadline)
            .tuples()
        )
        for household, category, description, state, deadline in query.iterator():
            if isinstance(deadline, str):
                deadline = dt.date.fromisoformat(deadline[:10])
            text = fit(f"{'[' + category + '] ' if category else ''}{description}（{STATE_LABELS.get(state, state)}）", "诉求")
            overdue = (today - deadline).days if deadline else 0
            demands[household].append(OpenDemand(text, deadline.isoformat() if deadline else "", overdue))
        last_visits = dict(
            Visit.select(Visit.household, fn.MAX(Visit.visited_on))
            .where(Visit.household.in_(in_scope), Visit.deleted == False)  # noqa: E712
            .group_by(Visit.household)
            .tuples()
        )
        result = {}
        for household in households:
            if household.uuid not in wanted:
                continue
            where = household.full_address
            residents = sorted(people.get(household.uuid, ()),
                               key=lambda r: (RELATION_ORDER.get(r.relation, 99), str(r.birth_date or "")))
            shown = tuple(
                Person(fit(r.name, f"居民 {r.name}（{where}）"), r.relation, r.sex, age_on(r.birth_date, today),
                       r.id_number, r.phone, fit(r.tags, where))
                for r in residents[:RESIDENTS_SHOWN]
            )
            open_demands = demands.get(household.uuid, [])
            last = last_visits.get(household.uuid)
            result[household.uuid] = HouseholdPage(
                place=fit(household.place or where, where),
                tags=fit(household.tags, where),
                notes=fit(household.notes, where),
                last_visit=str(last)[:10] if last else "",
                people=shown,
                more_people=max(0, len(residents) - RESIDENTS_SHOWN),
                demands=tuple(open_demands[:DEMANDS_SHOWN]),
                more_demands=max(0, len(open_demands) - DEMANDS_SHOWN),
            )
        return result

    # -- layout --------------------------------------------------------------
    def _cadre_part(self, cadre: CadreRow, households: list[HouseholdRow], pages_of: dict[str, HouseholdPage], styles,
                    width: float) -> list[Flowable]:
        fit = self.glyphs.fit
        name = fit(cadre.name, f"干部 {cadre.name}")
        entries = [pages_of[h.uuid] for h in households]
        residents = sum(len(e.people) + e.more_people for e in entries)
        open_demands = sum(len(e.demands) + e.more_demands for e in entries)
        overdue = sum(1 for e in entries for d in e.demands if d.overdue_days > 0)
        story: list[Flowable] = [
            SectionMark(section=cadre.uuid, key=f"cadre-{cadre.uuid}", title=name),
            Paragraph(markup(f"{TITLE}　{name}"), styles["h1"]),
            Paragraph(markup(fit(f"{cadre.post}　电话 {cadre.phone}", f"干部 {cadre.name}")), styles["body"]),
            Paragraph(escape(f"包联 {len(entries)} 户，{residents} 人；未办结诉求 {open_demands} 条"
                             + (f"，其中已超期 {overdue} 条" if overdue else "") + f"。印制于 {self.options.today.isoformat()}。"),
                      styles["body"]),
            Paragraph("本手册含居民个人信息，仅供走访使用，请妥善保管，不得转借、拍照外传；遗失请立即报告社区。", styles["small"]),
            Spacer(1, 6),
        ]
        building = None
        for household in households:
            block = HouseholdBlock(pages_of[household.uuid])
            label = f"{household.community} {household.grid} {household.building}"
            if label != building:
                building = label
                # the heading moves to the next page with its first household rather than end a page alone
                story += [CondPageBreak(HEADING_HEIGHT + block.wrap(width, 0)[1] + 1),
                          BuildingHeading(fit(label, household.full_address))]
            story.append(block)
        notes = Paragraph("其他情况记录", styles["h2"])
        heading_height = notes.wrap(width, 1000)[1] + styles["h2"].spaceBefore + styles["h2"].spaceAfter
        return story + [CondPageBreak(heading_height + NOTES_LINES_AT_LEAST * NOTES_LINE + 1), notes, NotesSpace()]

    @staticmethod
    def _furniture(canvas: DeferredCanvas, document: FlowingDocument, cadre: str, continued: str, number: int, total: int) -> None:
        """Header: the book and its cadre, and the building a page continues; footer: the page and a reminder."""
        width, _ = document.pagesize
        margin = document.leftMargin
        top = document.bottomMargin + document.height + HEADER_ROOM
        canvas.setFillColor(GREY)
        draw_string(canvas, margin, top, f"{TITLE}　{cadre}", 8)
        if continued:
            canvas.setFillColorRGB(0, 0, 0)
            text, size = fit_text(f"{continued}（续）", width / 2 - margin, 9)
            draw_string(canvas, width - margin, top, text, size, align="right")
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.4)
        canvas.line(margin, top - 3, width - margin, top - 3)
        canvas.setFillColor(GREY)
        foot = document.bottomMargin - HEADER_ROOM - 6
        draw_string(canvas, width / 2, foot, page_label(number, total), 8.5, align="centre")
        draw_string(canvas, width - margin, foot, "内含个人信息　妥善保管", 7.5, align="right")
