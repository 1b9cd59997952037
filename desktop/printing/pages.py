"""Page furniture drawn after the whole document is known: "第 x 页 / 共 y 页" and the contents.

The canvas keeps every finished page and draws them out only in `save()` (the
"numbered canvas" of the reportlab cookbook, as in pretix), so each page can say
how many pages there are and the table of contents can show where each section
landed, in one layout pass instead of the two that `multiBuild` needs.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

PageFinisher = Callable[["DeferredCanvas", int, int], None]


class DeferredCanvas(Canvas):
    """A canvas that holds its pages until `save()` and lets `finish_page` draw on each then.

    Attributes set on the canvas while a page is drawn (say `section`) are kept
    with that page and are back in place when `finish_page(canvas, number, total)`
    runs for it.  `running` is a heading in force (the building of a visit
    handbook): `page_begins` keeps the one in force when a page starts, and
    `first_on_page` says what the page starts with, so a page that continues a
    heading's content can repeat it.
    """

    def __init__(self, *args, finish_page: PageFinisher, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._finish_page = finish_page
        self._held_pages: list[dict] = []
        self.section = ""
        self.running = ""
        self.running_at_start = ""
        self.first_on_page = ""

    def page_begins(self) -> None:
        self.running_at_start = self.running
        self.first_on_page = ""

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._finish_page(self, number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def sections_pages(self) -> dict[str, list[int]]:
        """The physical page numbers of each section, for "page x of y" within a section."""
        pages: dict[str, list[int]] = {}
        for number, state in enumerate(self._held_pages, start=1):
            pages.setdefault(state["section"], []).append(number)
        return pages


def page_label(number: int, total: int) -> str:
    return f"第 {number} 页 / 共 {total} 页"
