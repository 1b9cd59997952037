"""The contact handbook (便民服务手册) handed to every household of a community or grid.

Cover (every community's hotline under its name), contents, then: how to reach
the community, its grid workers and its micro-grids' leaders (微网格长, where a grid has them); the cadres and the buildings each looks
after, with a sentence that is true of the scope (every household linked, or
how many are and who serves the rest); an index from every address to its
cadre (and 微网格长, in grids with micro-grids: what a resident looks up); the responsible units with their office
hotlines (a contact person's own number only where the office marked it
public); the service guide the office edits (`guide.py`).  Every page after the
cover says "第 x 页 / 共 y 页".

Ink stays inside what an office printer prints (the cover's bands too), unless
the book goes to a print shop: then every page has 3 mm of bleed and a TrimBox.

The long lists are `RowTable`s with fixed row heights, so 15,000 households lay
out in seconds; the contents are drawn at the end into pages reserved for them,
because their length is known before layout (one line per section and grid).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer

from desktop.printing.data import (
    CadreRow,
    HouseholdRow,
    LeaderRow,
    cadres_by_household,
    grid_workers,
    households_in,
    micro_grid_leaders,
    natural_key,
    responsible_units,
)
from desktop.printing.document import DONE, READING, PrintResult, Renderer, stylesheet
from desktop.printing.flowables import Column, RowTable, SectionMark
from desktop.printing.flowing import HEADER_ROOM, FlowingDocument
from desktop.printing.fonts import markup, text_width
from desktop.printing.guide import guide_flowables, service_guide_text
from desktop.printing.pages import DeferredCanvas, page_label
from desktop.printing.sheet import BLEED
from desktop.printing.text import TextWriter, draw_string, fit_text
from models.records.places import Community
from models.scope import ScopeRefused

TITLE = "便民服务手册"
CONTENTS_KEY = "contents"
CONTENTS_LINE = 18.0
CONTENTS_LINE_TIGHTEST = 14.0
CONTENTS_TOP = 60.0  # room for the contents title on each contents page
RULE = Color(0.6, 0.6, 0.6)
COVER_RED = Color(0.70, 0.09, 0.13)
COVER_INSET = 8 * mm
COMMUNITY_BLOCK_AT_LEAST = 80.0  # a community's line, the table header and two rows  # office printers leave 4–5 mm of the edge unprinted


class CommunityRow(NamedTuple):
    uuid: str
    name: str
    hotline: str
    address: str


@dataclass(frozen=True)
class ContentsEntry:
    key: str
    title: str
    level: int


class ContactHandbookRenderer(Renderer):
    item_name = "household"

    def render(self, path: str | Path) -> PrintResult:
        self.progress.step(0, 1, READING)
        households = households_in(self.scope)
        if not households:
            raise ScopeRefused("no households in this scope: nothing to print")
        fit = self.glyphs.fit
        styles = stylesheet(9.0 if self.options.a5 else 10.0)
        document = FlowingDocument(path, TITLE, self.options.a5, self.progress, BLEED if self.options.print_shop else 0.0)
        entries: list[ContentsEntry] = []
        body: list[Flowable] = []

        def section(key: str, title: str, level: int = 0) -> None:
            """A heading and its contents entry; a heading never ends a page (a new page if under 90 pt remain)."""
            entries.append(ContentsEntry(key, title, level))
            body.extend((CondPageBreak(90), SectionMark(key=key, title=title, level=level),
                         Paragraph(markup(title), styles["h1" if level == 0 else "h2"])))

        by_grid: dict[str, list[HouseholdRow]] = defaultdict(list)
        for household in households:
            by_grid[household.grid_id].append(household)
        linked = cadres_by_household(self.scope)
        workers = grid_workers(set(by_grid))
        leaders = micro_grid_leaders(self.scope)
        communities = self._communities({h.community_id for h in households})

        section("contact", "一、联系我们")
        for community in communities:
            name = fit(community.name, community.name)
            body.append(CondPageBreak(COMMUNITY_BLOCK_AT_LEAST))  # the heading stays with its first rows
            body.append(Paragraph(markup(fit(f"{name}　服务热线 {community.hotline or '—'}　地址 {community.address or '—'}", name)),
                                  styles["body"]))
            grids = [g for g in by_grid if by_grid[g][0].community_id == community.uuid]
            rows = []
            for grid_id in grids:
                people = workers.get(grid_id) or [None]
                for worker in people:
                    rows.append((fit(by_grid[grid_id][0].grid, name), fit(worker.name, "网格员") if worker else "—",
                                 worker.phone if worker else "", str(len(by_grid[grid_id]))))
            body.append(RowTable((Column("网格", 0.35), Column("网格员", 0.25), Column("电话", 0.25), Column("户数", 0.15)), rows))
            micro_rows = self._micro_grid_rows([h for g in grids for h in by_grid[g]], leaders)
            if micro_rows:  # grids without micro-grids print as they did
                body.append(Spacer(1, 4))
                body.append(RowTable((Column("微网格", 0.35), Column("微网格长", 0.25), Column("电话", 0.25),
                                      Column("户数", 0.15)), micro_rows))
            body.append(Spacer(1, 8))

        body.append(PageBreak())
        section("cadres", "二、包联干部")
        body.append(Paragraph(escape(self._coverage_sentence(households, linked)), styles["small"]))
        for grid_id, rows in by_grid.items():
            section(f"cadres-{grid_id}", fit(f"{rows[0].community} {rows[0].grid}", "网格"), 1)
            body.append(self._cadre_table(rows, linked))

        body.append(PageBreak())
        section("index", "三、住户联系索引")
        body.append(Paragraph("按楼栋、单元、门牌排列。找到您家的地址，就能看到为您家服务的干部和电话。", styles["small"]))
        for grid_id, rows in by_grid.items():
            section(f"index-{grid_id}", fit(f"{rows[0].community} {rows[0].grid}", "网格"), 1)
            people = workers.get(grid_id) or ()
            if people:
                names = "、".join(f"{fit(w.name, '网格员')} {w.phone}" for w in people)
                body.append(Paragraph(markup(f"本网格网格员：{names}"), styles["small"]))
            body.append(self._index_table(rows, linked, leaders))

        body.append(PageBreak())
        section("units", "四、责任单位")
        body.append(Paragraph("社区解决不了的问题，由社区“吹哨”转给下列责任单位办理。请拨打单位的服务热线（办公电话）。",
                              styles["small"]))
        body.append(self._units_table())

        body.append(PageBreak())
        section("guide", "五、办事指南")
        body.extend(guide_flowables(service_guide_text(), styles, fit))

        scope_name = fit(" ".join(self.scope.names()) or "全部社区", "范围")
        layout = contents_layout(len(entries), document.height - CONTENTS_TOP)
        story: list[Flowable] = [*self._cover(scope_name, communities, styles, document), NextPageTemplate("body"),
                                 PageBreak(), SectionMark(key=CONTENTS_KEY, title="目录")]
        story += [PageBreak()] * layout.pages
        story += body

        def finish_page(canvas: DeferredCanvas, number: int, total: int) -> None:
            first_contents = document.mark_pages[CONTENTS_KEY]
            if number == 1:
                self._cover_bands(canvas, document)
                return
            self._furniture(canvas, document, number, total, scope_name)
            if first_contents <= number < first_contents + layout.pages:
                self._draw_contents(canvas, document, entries, layout, number - first_contents)

        pages = document.render(story, finish_page)
        self.progress.step(1, 1, DONE)
        return PrintResult(Path(path), pages, len(households), self.glyphs)

    # -- data ----------------------------------------------------------------
    @staticmethod
    def _communities(ids: set[str]) -> list[CommunityRow]:
        """The communities of the scope in name order, with their hotlines and addresses."""
        query = (Community.select(Community.uuid, Community.name, Community.hotline, Community.address)
                 .where(Community.uuid.in_(list(ids))).tuples())
        rows = [CommunityRow(*(value or "" for value in row)) for row in query]
        return sorted(rows, key=lambda c: natural_key(c.name))

    @staticmethod
    def _coverage_sentence(households: list[HouseholdRow], linked: dict[str, list[CadreRow]]) -> str:
        """What is true of this scope: every household has a linked cadre, or how many do and who serves the rest."""
        total = len(households)
        covered = sum(1 for h in households if any(c.role != "grid_worker" for c in linked.get(h.uuid, ())))
        table = "下表列出各网格的干部、联系电话和他们联系的楼栋。"
        if covered == total:
            return f"本手册所列 {total} 户，每户都有包联干部。{table}"
        if covered == 0:
            return f"本手册所列 {total} 户暂未安排包联干部，请联系本网格网格员（见“一、联系我们”）。"
        return (f"本手册所列 {total} 户中，{covered} 户已有包联干部；其余 {total - covered} 户暂未安排，"
                f"请联系本网格网格员（见“一、联系我们”，住户联系索引中写明“请联系网格员”）。{table}")

    def _units_table(self) -> RowTable:
        """Units with their office hotlines; a contact person's own number only where the office marked it public."""
        fit = self.glyphs.fit
        units = responsible_units()
        if not any(u.contact_public and u.contact_phone for u in units):
            return RowTable((Column("单位", 0.5), Column("服务热线（办公电话）", 0.5)),
                            [(fit(u.name, "责任单位"), u.hotline or "—") for u in units])
        rows = []
        for u in units:
            public = u.contact_public and u.contact_phone
            rows.append((fit(u.name, "责任单位"), u.hotline or "—",
                         fit(u.contact_person, "责任单位联系人") if public else "", u.contact_phone if public else ""))
        return RowTable((Column("单位", 0.34), Column("服务热线（办公电话）", 0.26), Column("联系人", 0.16), Column("联系电话", 0.24)), rows)

    def _cadre_table(self, households: list[HouseholdRow], linked: dict[str, list[CadreRow]]) -> RowTable:
        """One row per cadre of the grid: who, where they work, their phone, and their buildings."""
        buildings: dict[str, Counter] = defaultdict(Counter)
        cadres: dict[str, CadreRow] = {}
        for household in households:
            for cadre in linked.get(household.uuid, ()):
                cadres[cadre.uuid] = cadre
                buildings[cadre.uuid][household.building] += 1
        fit = self.glyphs.fit
        rows = []
        for cadre in sorted(cadres.values(), key=lambda c: (c.role != "grid_worker", natural_key(c.name))):
            counts = buildings[cadre.uuid]
            looked_after = "、".join(sorted(counts, key=natural_key))
            rows.append((fit(cadre.name, f"干部 {cadre.name}"), fit(cadre.post, f"干部 {cadre.name}"), cadre.phone,
                         fit(looked_after, f"干部 {cadre.name}"), str(sum(counts.values()))))
        columns = (Column("干部", 0.13), Column("单位职务", 0.22), Column("电话", 0.16), Column("包联楼栋", 0.42, lines=2), Column("户数", 0.07))
        return RowTable(columns, rows, size=8.5, row_height=24)

    def _micro_grid_rows(self, households: list[HouseholdRow], leaders: dict[str, LeaderRow]) -> list[tuple]:
        """One row per micro-grid with a leader among `households`: its name, leader, phone and households."""
        fit = self.glyphs.fit
        counts: Counter = Counter()
        for household in households:
            leader = leaders.get(household.uuid)
            if leader is not None:
                counts[(household.grid, leader)] += 1
        return [(fit(f"{grid} {leader.micro_grid}", "微网格"), fit(leader.name, "微网格长"), leader.phone, str(count))
                for (grid, leader), count in sorted(counts.items(), key=lambda item: (natural_key(item[0][0]),
                                                                                       natural_key(item[0][1].micro_grid)))]

    def _index_table(self, households: list[HouseholdRow], linked: dict[str, list[CadreRow]],
                     leaders: dict[str, LeaderRow] | None = None) -> RowTable:
        """Address → first linked cadre and phone (and the 微网格长 where the grid has micro-grids); the grid
        worker is in the heading, the same for all."""
        fit = self.glyphs.fit
        leaders = leaders or {}
        with_leaders = any(household.uuid in leaders for household in households)
        rows = []
        for household in households:
            people = [c for c in linked.get(household.uuid, ()) if c.role != "grid_worker"]
            if people:
                first = people[0]
                more = f"（等{len(people)}人）" if len(people) > 1 else ""
                cadre = f"{fit(first.name, f'干部 {first.name}')} {first.phone}{more}"
            else:
                cadre = "请联系网格员"
            row = (fit(household.full_address, household.full_address), cadre)
            if with_leaders:
                leader = leaders.get(household.uuid)
                row += (f"{fit(leader.name, '微网格长')} {leader.phone}".strip() if leader else "—",)
            rows.append(row)
        if with_leaders:
            columns = (Column("地址", 0.44), Column("包联干部及电话", 0.30), Column("微网格长及电话", 0.26))
        else:
            columns = (Column("地址", 0.55), Column("包联干部及电话", 0.45))
        return RowTable(columns, rows, size=8.5, row_height=14)

    # -- pages ---------------------------------------------------------------
    def _cover(self, scope_name: str, communities: list[CommunityRow], styles, document: FlowingDocument) -> list[Flowable]:
        """Title, scope and date, then every community's hotline under its name (continued overleaf if many)."""
        date = self.options.today
        a5 = self.options.a5
        fit = self.glyphs.fit
        story: list[Flowable] = [
            Spacer(1, (24 if a5 else 34) * mm),
            Paragraph(TITLE, styles["title"]),
            Spacer(1, 6 * mm),
            Paragraph(markup(scope_name), styles["subtitle"]),
            Paragraph(f"{date.year} 年 {date.month} 月", styles["subtitle"]),
            Spacer(1, (8 if a5 else 14) * mm),
            Paragraph("有事就打电话，我们上门服务", styles["subtitle"]),
            Spacer(1, 4 * mm),
        ]
        entries = [(fit(c.name, c.name), c.hotline or "—") for c in communities]
        if entries:
            story += [Paragraph("社区服务热线", styles["subtitle"]),
                      EntryGrid(entries, size=10.5 if a5 else 12, row_height=(17 if a5 else 20))]
        return story

    @staticmethod
    def _cover_bands(canvas: DeferredCanvas, document: FlowingDocument) -> None:
        """The cover's red bands, in the colour of the service cards.

        On an office printer they stay `COVER_INSET` inside the paper edge (office
        printers leave 4–5 mm unprinted); for a print shop they run into the bleed.
        """
        width, height = document.pagesize
        inset = 0.0 if document.bleed else COVER_INSET
        top_band = 22 * mm + document.bleed
        bottom_band = 10 * mm + document.bleed
        canvas.setFillColor(COVER_RED)
        canvas.rect(inset, height - inset - top_band, width - 2 * inset, top_band, stroke=0, fill=1)
        canvas.rect(inset, inset, width - 2 * inset, bottom_band, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        middle = height - (inset or document.bleed) - 11 * mm  # of the band's part on the trimmed page
        draw_string(canvas, document.leftMargin, middle - 5, "连心　有事就找我们", 14)

    def _draw_contents(self, canvas: DeferredCanvas, document: FlowingDocument, entries: list[ContentsEntry],
                       layout: ContentsLayout, index: int) -> None:
        """Contents page `index`: each entry with a dotted leader to its page, and a link to it."""
        left = document.leftMargin
        right = document.leftMargin + document.width
        top = document.bottomMargin + document.height
        if index == 0:
            canvas.setFillColorRGB(0, 0, 0)
            draw_string(canvas, left + document.width / 2, top - 30, "目　录", 18, align="centre")
        y = top - CONTENTS_TOP
        for entry in entries[index * layout.per_page:(index + 1) * layout.per_page]:
            page = document.mark_pages.get(entry.key)
            size = 11 if entry.level == 0 else 9.5
            indent = 0 if entry.level == 0 else 18
            number = str(page) if page else ""
            title, size = fit_text(entry.title, document.width - indent - 40, size)
            canvas.setFillColorRGB(0, 0, 0)
            draw_string(canvas, left + indent, y, title, size)
            draw_string(canvas, right, y, number, size, align="right")
            dots_from = left + indent + text_width(title, size) + 6
            dots_to = right - text_width(number, size) - 6
            if dots_to > dots_from:
                canvas.setStrokeColor(RULE)
                canvas.setDash(0.5, 2.5)
                canvas.setLineWidth(0.8)
                canvas.line(dots_from, y + 1, dots_to, y + 1)
                canvas.setDash()
            if page:
                canvas.linkRect("", entry.key, (left, y - 4, right, y + size), relative=0, name=f"contents-{entry.key}")
            y -= layout.line

    @staticmethod
    def _furniture(canvas: DeferredCanvas, document: FlowingDocument, number: int, total: int, scope_name: str) -> None:
        """The running header (title and scope) and the page number at the foot."""
        width, _ = document.pagesize
        margin = document.leftMargin
        top = document.bottomMargin + document.height + HEADER_ROOM
        canvas.setFillColor(Color(0.35, 0.35, 0.35))
        draw_string(canvas, margin, top, TITLE, 8)
        header, size = fit_text(scope_name, width / 2, 8)
        draw_string(canvas, width - margin, top, header, size, align="right")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(margin, top - 3, width - margin, top - 3)
        draw_string(canvas, width / 2, document.bottomMargin - HEADER_ROOM - 6, page_label(number, total), 8.5, align="centre")


@dataclass(frozen=True)
class ContentsLayout:
    pages: int
    per_page: int
    line: float  # points between entries


def contents_layout(entries: int, height: float) -> ContentsLayout:
    """How the contents spread: as few pages as lines of at least 14 pt allow, the entries shared evenly.

    Lines close up from 18 pt to 14 pt before another page is started, and the
    pages share the entries evenly, so no contents page is left with one entry.
    """
    most = max(1, int(height // CONTENTS_LINE_TIGHTEST))
    pages = max(1, -(-entries // most))
    per_page = max(1, -(-entries // pages))
    return ContentsLayout(pages, per_page, min(CONTENTS_LINE, height / per_page))


class EntryGrid(Flowable):
    """"海滨社区 0535-3211234" in as many columns as fit, names in black and numbers in red; splits by rows."""

    def __init__(self, entries: list[tuple[str, str]], size: float, row_height: float) -> None:
        super().__init__()
        self.entries = entries
        self.size = size
        self.row_height = row_height

    def _cell(self) -> float:
        return max(text_width(f"{name}　{number}", self.size) for name, number in self.entries) + 3 * self.size

    def _columns(self, width: float) -> int:
        return max(1, min(3, int(width // self._cell()), len(self.entries)))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.columns = self._columns(available_width)
        self.height = -(-len(self.entries) // self.columns) * self.row_height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        columns = self._columns(available_width)
        rows = int(available_height // self.row_height)
        if rows < 1:
            return []
        cut = rows * columns
        if cut >= len(self.entries):
            return [self]
        return [EntryGrid(self.entries[:cut], self.size, self.row_height),
                EntryGrid(self.entries[cut:], self.size, self.row_height)]

    def draw(self) -> None:
        writer = TextWriter(self.canv)
        cell = min(self._cell(), self.width / self.columns)
        left = (self.width - cell * self.columns) / 2 + 1.5 * self.size  # the grid centred on the page
        for index, (name, number) in enumerate(self.entries):
            row, column = divmod(index, self.columns)
            y = self.height - (row + 1) * self.row_height + (self.row_height - self.size) / 2 + 1
            shown, size = fit_text(name, cell * 0.55, self.size)
            x = left + column * cell
            writer.put(x, y, shown, size)
            writer.put(x + text_width(shown, size) + self.size * 0.6, y, number, self.size, COVER_RED)
        writer.finish()
