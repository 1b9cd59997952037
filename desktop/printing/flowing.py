"""The page template the two handbooks share: a cover, body pages, marks and page furniture.

`FlowingDocument` records where each `SectionMark` landed (for the table of
contents and the PDF outline a viewer shows in its sidebar) and lets the
renderer draw headers, footers and the contents once the page count is known
(`pages.DeferredCanvas`).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from desktop.printing.document import margins, page_size
from desktop.printing.flowables import RowTable, SectionMark
from desktop.printing.fonts import FONT_NAME
from desktop.printing.pages import DeferredCanvas, PageFinisher
from models.progress import Progress

HEADER_ROOM = 10  # points between the frame and the running header / footer
LAYING_OUT = "排版"


def work_of(flowable) -> int:
    """How much of the layout work a flowable is, for progress: a table counts its rows."""
    return len(flowable.rows) if isinstance(flowable, RowTable) else 1


class FlowingDocument(BaseDocTemplate):
    """A4 (or A5) pages: the first is the cover, the rest carry a header and "第 x 页 / 共 y 页"."""

    def __init__(self, path: str | Path, title: str, a5: bool, progress: Progress) -> None:
        width, height = page_size(a5)
        margin = margins(a5)
        super().__init__(
            str(path), pagesize=(width, height), leftMargin=margin, rightMargin=margin,
            topMargin=margin + HEADER_ROOM, bottomMargin=margin + HEADER_ROOM,
            title=title, author="Lianxin", creator="Lianxin", initialFontName=FONT_NAME, pageCompression=1,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="cover", frames=[frame]), PageTemplate(id="body", frames=[frame])])
        self.mark_pages: dict[str, int] = {}
        self._progress = progress
        self._total = 1
        self._drawn = 0

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
