"""The page template the two handbooks share: a cover, body pages, marks and page furniture.

`FlowingDocument` records where each `SectionMark` landed (for the table of
contents and the PDF outline a viewer shows in its sidebar) and lets the
renderer draw headers, footers and the contents once the page count is known
(`pages.DeferredCanvas`).

Two page rules live here because platypus has neither:

* `OddPageBreak` starts what follows on a right-hand (odd) page, adding a page
  marked "本页空白" when needed, so a book printed on both sides can be handed
  out in parts without one part on the back of another.
* With `bleed` (for a print shop) every page is larger by the bleed on each
  side and says where to trim (TrimBox); the text stays where it was on the
  trimmed page.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from desktop.printing.document import margins, page_size
from desktop.printing.flowables import RowTable, SectionMark
from desktop.printing.fonts import FONT_NAME
from desktop.printing.pages import DeferredCanvas, PageFinisher
from models.progress import Progress

HEADER_ROOM = 10  # points between the frame and the running header / footer
LAYING_OUT = "排版"
BLANK_PAGE_TEXT = "本页空白"


def work_of(flowable) -> int:
    """How much of the layout work a flowable is, for progress: a table counts its rows."""
    return len(flowable.rows) if isinstance(flowable, RowTable) else 1


class OddPageBreak(Flowable):
    """End the page; if the next one would be a left-hand (even) page, add a blank page first."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:  # handled by FlowingDocument.handle_flowable
        pass


class BlankPageNote(Flowable):
    """The grey "本页空白" in the middle of a page left blank on purpose."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height / 2
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFillColor(Color(0.6, 0.6, 0.6))
        self.canv.setFont(FONT_NAME, 9)
        self.canv.drawCentredString(self.width / 2, 0, BLANK_PAGE_TEXT)


class FlowingDocument(BaseDocTemplate):
    """A4 (or A5) pages: the first is the cover, the rest carry a header and "第 x 页 / 共 y 页"."""

    def __init__(self, path: str | Path, title: str, a5: bool, progress: Progress, bleed: float = 0.0) -> None:
        width, height = page_size(a5)
        margin = margins(a5)
        media = (width + 2 * bleed, height + 2 * bleed)
        boxes = {}
        if bleed:
            boxes = {"trimBox": (bleed, bleed, width + bleed, height + bleed), "bleedBox": (0, 0, *media)}
        super().__init__(
            str(path), pagesize=media, leftMargin=margin + bleed, rightMargin=margin + bleed,
            topMargin=margin + bleed + HEADER_ROOM, bottomMargin=margin + bleed + HEADER_ROOM,
            title=title, author="Lianxin", creator="Lianxin", initialFontName=FONT_NAME, pageCompression=1,
            **boxes,
        )
        self.bleed = bleed
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="cover", frames=[frame]), PageTemplate(id="body", frames=[frame])])
        self.mark_pages: dict[str, int] = {}
        self._progress = progress
        self._total = 1
        self._drawn = 0

    def handle_flowable(self, flowables) -> None:  # noqa: N802 (reportlab's name)
        if flowables and isinstance(flowables[0], OddPageBreak):
            del flowables[0]
            self.handle_pageBreak()
            if self.page % 2 == 1:  # the page just ended is odd: the next would be even
                flowables[0:0] = [BlankPageNote(), PageBreak()]
            return
        super().handle_flowable(flowables)

    def handle_pageBegin(self) -> None:  # noqa: N802 (reportlab's name)
        """Tell the canvas a page begins, for furniture that depends on what the page starts with."""
        super().handle_pageBegin()
        self.canv.page_begins()

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (reportlab's name)
        """Note the page of each mark, put it in the PDF outline, and report progress."""
        self._drawn += work_of(flowable)
        if isinstance(flowable, SectionMark) and flowable.key:
            page = self.canv.getPageNumber()
            self.mark_pages[flowable.key] = page
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.title, flowable.key, level=flowable.level, closed=flowable.level > 0)
        self._progress.step(min(self._drawn, self._total - 1), self._total, LAYING_OUT)

    def render(self, story: list, finish_page: PageFinisher) -> int:
        """Lay out `story`, let `finish_page` draw each page's furniture; return the page count."""
        self._total = sum(map(work_of, story)) + 1
        self.build(story, canvasmaker=partial(DeferredCanvas, finish_page=finish_page))
        return self.page
