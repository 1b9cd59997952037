"""The printing section's preview: the first pages as thumbnails and how many pages and cards, before saving.

Why this way: the office wants to see what will print before choosing a
folder, and a district's document takes seconds to lay out, so the preview is
the real PDF, made once in the background (`make_preview`, through
`context.run`: progress and cancel like saving) into a private temporary
folder; saving the same choice afterwards copies that file instead of laying
it out again.  Pages are rendered with pypdfium2 (PDFium; BSD-3-Clause and
Apache-2.0, about 9 MB installed, imported on the first preview: 140 ms) —
not PyMuPDF, whose AGPL licence does not fit a program handed to offices, and
not QtPdf, which PySide6-Essentials does not ship.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.operations.outcome import Outcome
from desktop.operations.printing import PrintOptions, PrintResult, print_document
from models.progress import Progress
from models.scope import Scope
from ui.style import theme

THUMBNAILS = 6  # pages shown: enough to see a card sheet, its back and a handbook's first spread
THUMBNAIL_WIDTH = 150  # logical px; rendered at twice that for high-density screens


@dataclass(frozen=True)
class Preview:
    """A made document and pictures of its first pages."""

    choice: tuple  # (document, scope, options): what it was made for
    result: PrintResult
    pages: list[QImage]


def render_pages(path: Path, count: int = THUMBNAILS, width: int = THUMBNAIL_WIDTH * 2) -> list[QImage]:
    """The first `count` pages of the PDF at `path`, `width` px wide (QImage: safe to make off the UI thread)."""
    import pypdfium2  # 140 ms: only when a preview is first asked for

    document = pypdfium2.PdfDocument(str(path))
    try:
        images = []
        for number in range(min(count, len(document))):
            page = document[number]
            bitmap = page.render(scale=width / page.get_width(), rev_byteorder=True)  # RGB, no alpha
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format_RGB888)
            images.append(image.copy())  # own the pixels: the bitmap's memory goes with it
            page.close()
        return images
    finally:
        document.close()


def make_preview(*, document: str, scope: Scope, options: PrintOptions, path: Path,
                 progress: Progress | None = None) -> Outcome[Preview]:
    """Lay out `document` into `path` (a private temporary file) and render its first pages."""
    made = print_document(document=document, path=path, scope=scope, options=options, progress=progress)
    return Outcome(Preview((document, scope, options), made.value, render_pages(path)))


class PreviewPane(QWidget):
    """The thumbnails and the count, or what to do to see them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.heading = theme.mark_heading(QLabel(self.tr("Preview")), 2)
        self.count = QLabel(objectName="previewCount")
        self.count.setWordWrap(True)
        self.hint = QLabel(objectName="previewHint")  # what to do, while there is no preview
        self.hint.setProperty("emptyState", True)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.pages = QListWidget(objectName="previewPages")
        self.pages.setViewMode(QListView.IconMode)
        self.pages.setResizeMode(QListView.Adjust)
        self.pages.setMovement(QListView.Static)
        self.pages.setSelectionMode(QAbstractItemView.NoSelection)
        self.pages.setSpacing(theme.GRID)
        self.pages.setIconSize(QSize(THUMBNAIL_WIDTH, round(THUMBNAIL_WIDTH * 297 / 210)))
        self.pages.setMinimumWidth(THUMBNAIL_WIDTH + 4 * theme.GRID)
        self.pages.setFocusPolicy(Qt.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.count)
        layout.addWidget(self.hint, 1)  # top-aligned; takes the room the pages leave
        layout.addWidget(self.pages, 1)
        self.clear()

    def clear(self, text: str | None = None) -> None:
        self.pages.clear()
        self._mark_empty(True)
        self.hint.setText(text or self.tr("Choose the document and whom it is for, then Preview (Ctrl+R) "
                                           "shows its first pages and how many pages it has, before you save it."))

    def _mark_empty(self, empty: bool) -> None:
        """The hint (larger and softer, as every empty state) or the count and the pages."""
        self.hint.setVisible(empty)
        self.count.setVisible(not empty)
        self.pages.setVisible(not empty)

    def show_preview(self, preview: Preview, items_text: str) -> None:
        self.pages.clear()
        self._mark_empty(False)
        self.count.setText(self.tr("{pages} pages · {items}").format(pages=preview.result.pages, items=items_text))
        ratio = self.devicePixelRatioF() or 1.0
        for number, image in enumerate(preview.pages, start=1):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(max(ratio, image.width() / THUMBNAIL_WIDTH))
            item = QListWidgetItem(QIcon(pixmap), self.tr("Page {n}").format(n=number))
            item.setTextAlignment(Qt.AlignHCenter)
            self.pages.addItem(item)
