"""Flowables that draw straight onto the canvas, where platypus tables are too slow.

A platypus `LongTable` measures every cell, which made a district's contact
handbook several times slower (README, "Measured").  `RowTable` has fixed row heights, so its
height and page breaks are arithmetic; a cell too long for its column is set
smaller, then shortened with "…", or wrapped inside its column where the column
allows more than one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from desktop.printing.text import TextWriter, fit_lines, fit_text

HEADER_FILL = Color(0.88, 0.90, 0.94)
RULE_COLOUR = Color(0.70, 0.70, 0.70)
PADDING = 3


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the table width
    lines: int = 1  # lines a long cell may wrap to; the table's row height must leave room


class RowTable(Flowable):
    """A table with one line per row, a header repeated on every page, and thin rules."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        size: float = 9.0,
        row_height: float = 15.0,
    ) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self.rows = rows
        self.size = size
        self.row_height = row_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.row_height * (len(self.rows) + 1)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fitting = int(available_height // self.row_height) - 1
        if fitting < 2 and len(self.rows) > fitting:  # no orphan rows under a header at a page foot
            return []
        if fitting >= len(self.rows):
            return [self]
        return [
            RowTable(self.columns, self.rows[:fitting], self.size, self.row_height),
            RowTable(self.columns, self.rows[fitting:], self.size, self.row_height),
        ]

    def draw(self) -> None:
        canvas = self.canv
        widths = [column.share * self.width for column in self.columns]
        lefts = [sum(widths[:i]) for i in range(len(widths))]
        height = self.row_height
        baseline = (height - self.size * 0.8) / 2 + 1
        top = self.height
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, top - height, self.width, height, stroke=0, fill=1)
        writer = TextWriter(canvas)
        for column, left, width in zip(self.columns, lefts, widths):
            text, size = fit_text(column.title, width - 2 * PADDING, self.size)
            writer.put(left + PADDING, top - height + baseline, text, size)
        for index, row in enumerate(self.rows, start=2):
            y = top - index * height
            for cell, column, left, width in zip(row, self.columns, lefts, widths):
                if not cell:
                    continue
                if column.lines == 1:
                    text, size = fit_text(cell, width - 2 * PADDING, self.size)
                    writer.put(left + PADDING, y + baseline, text, size)
                    continue
                texts, size = fit_lines(cell, width - 2 * PADDING, self.size, column.lines)
                first = y + height / 2 + (len(texts) - 1) * size * 0.6 - size * 0.35
                for number, text in enumerate(texts):
                    writer.put(left + PADDING, first - number * size * 1.2, text, size)
        writer.finish()
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.4)
        path = canvas.beginPath()
        for index in range(len(self.rows) + 2):
            path.moveTo(0, top - index * height)
            path.lineTo(self.width, top - index * height)
        canvas.drawPath(path, stroke=1, fill=0)


class SectionMark(Flowable):
    """An invisible mark where a section starts.

    The page it lands on (and those after) belong to `section`, for page numbers
    counted per section; a `key` makes it an entry of the contents and the PDF
    outline, titled `title` at depth `level`.
    """

    def __init__(self, section: str = "", key: str = "", title: str = "", level: int = 0) -> None:
        super().__init__()
        self.section = section
        self.key = key
        self.title = title
        self.level = level

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.section:
            self.canv.section = self.section
