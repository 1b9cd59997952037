"""The contact handbook (便民服务手册) handed to every household of a community or grid.

Cover, contents, then: how to reach the community and its grid workers; the
cadres and the buildings each looks after; an index from every address to its
cadre (what a resident looks up); the responsible units with their hotlines;
the service guide the office edits (`guide.py`).  Every page after the cover
says "第 x 页 / 共 y 页".

The long lists are `RowTable`s with fixed row heights, so 15,000 households lay
out in seconds; the contents are drawn at the end into pages reserved for them,
because their length is known before layout (one line per section and grid).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer

from desktop.printing.data import (
    CadreRow,
    HouseholdRow,
    cadres_by_household,
    grid_workers,
    households_in,
    natural_key,
    responsible_units,
)
from desktop.printing.document import DONE, READING, PrintResult, Renderer, stylesheet
from desktop.printing.flowables import Column, RowTable, SectionMark, fit_text
from desktop.printing.flowing import HEADER_ROOM, FlowingDocument
from desktop.printing.fonts import FONT_NAME
from desktop.printing.guide import guide_flowables, service_guide_text
from desktop.printing.pages import DeferredCanvas, page_label
from desktop.printing.scope import ScopeRefused
from models.places import Community

TITLE = "便民服务手册"
CONTENTS_LINE = 18.0
CONTENTS_TOP = 60.0  # room for the contents title on each contents page
RULE = Color(0.6, 0.6, 0.6)
COVER_RED = Color(0.70, 0.09, 0.13)


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
        document = FlowingDocument(path, TITLE, self.options.a5, self.progress)
        entries: list[ContentsEntry] = []
        body: list[Flowable] = []

        def section(key: str, title: str, level: int = 0) -> None:
            """A heading and its contents entry; a heading never ends a page (a new page if under 90 pt remain)."""
            entries.append(ContentsEntry(key, title, level))
            body.extend((CondPageBreak(90), SectionMark(key=key, title=title, level=level),
                         Paragraph(escape(title), styles["h1" if level == 0 else "h2"])))

        by_grid: dict[str, list[HouseholdRow]] = defaultdict(list)
        for household in households:
            by_grid[household.grid_id].append(household)
        linked = cadres_by_household(self.scope)
        workers = grid_workers(set(by_grid))
        communities = self._communities({h.community_id for h in households})

        section("contact", "一、联系我们")
        for community_id, name in sorted({(h.community_id, h.community) for h in households}, key=lambda c: natural_key(c[1])):
            hotline, address = communities.get(community_id, ("", ""))
            body.append(Paragraph(escape(fit(f"{name}　服务热线 {hotline or '—'}　地址 {address or '—'}", name)), styles["body"]))
            grids = [g for g in by_grid if by_grid[g][0].community_id == community_id]
            rows = []
            for grid_id in grids:
                people = workers.get(grid_id) or [None]
                for worker in people:
                    rows.append((fit(by_grid[grid_id][0].grid, name), fit(worker.name, "网格员") if worker else "—",
                                 worker.phone if worker else "", str(len(by_grid[grid_id]))))
            body.append(RowTable((Column("网格", 0.35), Column("网格员", 0.25), Column("电话", 0.25), Column("户数", 0.15)), rows))
            body.append(Spacer(1, 8))

        body.append(PageBreak())
        section("cadres", "二、包联干部")
        body.append(Paragraph("每户都有包联干部。下表列出各网格的干部、联系电话和他们联系的楼栋。", styles["small"]))
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
                body.append(Paragraph(escape(f"本网格网格员：{names}"), styles["small"]))
            body.append(self._index_table(rows, linked))

        body.append(PageBreak())
        section("units", "四、责任单位")
        body.append(Paragraph("社区解决不了的问题，由社区“吹哨”转给下列责任单位办理。", styles["small"]))
        units = [(fit(u.name, "责任单位"), u.hotline, fit(u.contact_person, "责任单位联系人"), u.contact_phone) for u in responsible_units()]
        body.append(RowTable((Column("单位", 0.34), Column("服务热线", 0.24), Column("联系人", 0.16), Column("联系电话", 0.26)), units))

        body.append(PageBreak())
        section("guide", "五、办事指南")
        body.extend(guide_flowables(service_guide_text(), styles, fit))

        scope_name = fit(self.scope.describe() or "全部社区", "范围")
        contents_pages = self._contents_pages(entries, document)
        story: list[Flowable] = [*self._cover(scope_name, communities, styles), NextPageTemplate("body"), PageBreak()]
        story += [PageBreak()] * contents_pages
        story += body

        def finish_page(canvas: DeferredCanvas, number: int, total: int) -> None:
            if number == 1:
                self._cover_bands(canvas, document)
                return
            self._furniture(canvas, document, number, total, scope_name)
            if 2 <= number < 2 + contents_pages:
                self._draw_contents(canvas, document, entries, number - 2)

        pages = document.render(story, finish_page)
        self.progress.step(1, 1, DONE)
        return PrintResult(Path(path), pages, len(households), self.glyphs)

    # -- data ----------------------------------------------------------------
    @staticmethod
    def _communities(ids: set[str]) -> dict[str, tuple[str, str]]:
        query = Community.select(Community.uuid, Community.hotline, Community.address).where(Community.uuid.in_(list(ids)))
        return {uuid: (hotline, address) for uuid, hotline, address in query.tuples()}

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

    def _index_table(self, households: list[HouseholdRow], linked: dict[str, list[CadreRow]]) -> RowTable:
        """Address → first linked cadre and phone; the grid worker is in the heading, the same for all."""
        fit = self.glyphs.fit
        rows = []
        for household in households:
            people = [c for c in linked.get(household.uuid, ()) if c.role != "grid_worker"]
            if people:
                first = people[0]
                more = f"（等{len(people)}人）" if len(people) > 1 else ""
                cadre = f"{fit(first.name, f'干部 {first.name}')} {first.phone}{more}"
            else:
                cadre = "请联系网格员"
            rows.append((fit(household.full_address, household.full_address), cadre))
        return RowTable((Column("地址", 0.55), Column("包联干部及电话", 0.45)), rows, size=8.5, row_height=14)

    # -- pages ---------------------------------------------------------------
    def _cover(self, scope_name: str, communities: dict[str, tuple[str, str]], styles) -> list[Flowable]:
        hotlines = sorted({hotline for hotline, _ in communities.values() if hotline})
        date = self.options.today
        story: list[Flowable] = [
            Spacer(1, 50 * mm if not self.options.a5 else 30 * mm),
            Paragraph(TITLE, styles["title"]),
            Spacer(1, 10 * mm),
            Paragraph(escape(scope_name), styles["subtitle"]),
            Spacer(1, 30 * mm if not self.options.a5 else 15 * mm),
            Paragraph("有事就打电话，我们上门服务", styles["subtitle"]),
        ]
        if hotlines:
            story.append(Paragraph(escape("社区服务热线 " + "　".join(hotlines[:4])), styles["subtitle"]))
        story += [Spacer(1, 20 * mm), Paragraph(f"{date.year} 年 {date.month} 月", styles["subtitle"])]
        return story

    @staticmethod
    def _cover_bands(canvas: DeferredCanvas, document: FlowingDocument) -> None:
        """The cover's red bands, in the colour of the service cards."""
        width, height = document.pagesize
        canvas.setFillColor(COVER_RED)
        canvas.rect(0, height - 22 * mm, width, 22 * mm, stroke=0, fill=1)
        canvas.rect(0, 0, width, 10 * mm, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont(FONT_NAME, 14)
        canvas.drawString(document.leftMargin, height - 14 * mm, "连心　有事就找我们")

    @staticmethod
    def _contents_per_page(document: FlowingDocument) -> int:
        return int((document.height - CONTENTS_TOP) // CONTENTS_LINE)

    def _contents_pages(self, entries: list[ContentsEntry], document: FlowingDocument) -> int:
        per_page = self._contents_per_page(document)
        return -(-len(entries) // per_page)

    def _draw_contents(self, canvas: DeferredCanvas, document: FlowingDocument, entries: list[ContentsEntry], index: int) -> None:
        """Contents page `index`: each entry with a dotted leader to its page, and a link to it."""
        per_page = self._contents_per_page(document)
        left = document.leftMargin
        right = document.leftMargin + document.width
        top = document.bottomMargin + document.height
        if index == 0:
            canvas.setFont(FONT_NAME, 18)
            canvas.drawCentredString(left + document.width / 2, top - 30, "目　录")
        y = top - CONTENTS_TOP
        for entry in entries[index * per_page:(index + 1) * per_page]:
            page = document.mark_pages.get(entry.key)
            size = 11 if entry.level == 0 else 9.5
            indent = 0 if entry.level == 0 else 18
            number = str(page) if page else ""
            title, size = fit_text(entry.title, document.width - indent - 40, size)
            canvas.setFont(FONT_NAME, size)
            canvas.setFillColorRGB(0, 0, 0)
            canvas.drawString(left + indent, y, title)
            canvas.drawRightString(right, y, number)
            dots_from = left + indent + stringWidth(title, FONT_NAME, size) + 6
            dots_to = right - stringWidth(number, FONT_NAME, size) - 6
            if dots_to > dots_from:
                canvas.setStrokeColor(RULE)
                canvas.setDash(0.5, 2.5)
                canvas.setLineWidth(0.8)
                canvas.line(dots_from, y + 1, dots_to, y + 1)
                canvas.setDash()
            if page:
                canvas.linkRect("", entry.key, (left, y - 4, right, y + size), relative=0, name=f"contents-{entry.key}")
            y -= CONTENTS_LINE

    @staticmethod
    def _furniture(canvas: DeferredCanvas, document: FlowingDocument, number: int, total: int, scope_name: str) -> None:
        """The running header (title and scope) and the page number at the foot."""
        width, _ = document.pagesize
        margin = document.leftMargin
        top = document.bottomMargin + document.height + HEADER_ROOM
        canvas.setFillColor(Color(0.35, 0.35, 0.35))
        canvas.setFont(FONT_NAME, 8)
        canvas.drawString(margin, top, TITLE)
        header, size = fit_text(scope_name, width / 2, 8)
        canvas.setFont(FONT_NAME, size)
        canvas.drawRightString(width - margin, top, header)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(margin, top - 3, width - margin, top - 3)
        canvas.setFont(FONT_NAME, 8.5)
        canvas.drawCentredString(width / 2, document.bottomMargin - HEADER_ROOM - 6, page_label(number, total))
