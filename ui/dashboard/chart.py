"""A bar chart drawn with QPainter: rankings (horizontal bars), a stacked bar (states), columns (months).

Our own small widget rather than QtCharts or pyqtgraph (docs/statistics.md,
"Charts", has the measurements): no dependency, nothing to import at start-up,
and what matters here is easy — every bar is a door.  The chart takes focus;
the arrow keys move between bars (the current one is outlined and its words
shown in the tooltip and the accessible description), Enter or a click emits
`opened` with the bar's `models.figures.behind.Bar`.  Values are written on the bars,
and each colour is named in the legend, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from models.figures.behind import Bar

ROWS, STACK, COLUMNS = "rows", "stack", "columns"


@dataclass(frozen=True)
class Segment:
    """One drawn bar: its value, colour, the word for what it counts, and the records behind it (None: no door)."""

    value: int
    colour: str
    word: str
    bar: Bar | None = None


@dataclass(frozen=True)
class Group:
    """A row (ROWS), the one stacked bar's parts (STACK: one group) or a month (COLUMNS); `note` follows the bar."""

    label: str
    segments: tuple[Segment, ...]
    note: str = ""


@dataclass
class ChartData:
    kind: str
    groups: list[Group] = field(default_factory=list)
    legend: tuple[tuple[str, str], ...] = ()  # (word, colour)
    overlay: bool = True  # ROWS: segments drawn over each other (part of a whole) rather than end to end


class BarChart(QWidget):
    opened = Signal(object)  # the models.figures.behind.Bar of the bar opened

    ROW = 20
    GAP = 5
    LEGEND = 20

    def __init__(self, title: str, empty_text: str, parent=None) -> None:
        super().__init__(parent)
        self.title = title
        self.empty_text = empty_text
        self.data = ChartData(ROWS)
        self.current = 0
        self._hit: list[tuple[QRectF, int]] = []
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.setMouseTracking(True)

    # -- data ------------------------------------------------------------------------
    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.current = min(self.current, max(len(self.doors()) - 1, 0))
        self.updateGeometry()
        self.update()
        self._describe()

    def doors(self) -> list[tuple[Group, Segment]]:
        """The bars that open records, in the order the arrow keys visit them."""
        return [(group, segment) for group in self.data.groups for segment in group.segments if segment.bar is not None]

    def values(self) -> dict[Bar, int]:
        """The number written on each bar, by the bar it opens (what the tests compare with `stats --json`)."""
        return {segment.bar: segment.value for _group, segment in self.doors()}

    def current_door(self) -> tuple[Group, Segment] | None:
        doors = self.doors()
        return doors[self.current] if doors else None

    def _describe(self) -> None:
        door = self.current_door()
        text = "" if door is None else f"{door[0].label} · {door[1].word}：{door[1].value:,}"
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    # -- size --------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        height = self._title_height() + self.LEGEND + 8
        if self.data.kind == ROWS:
            height += max(len(self.data.groups), 1) * (self.ROW + self.GAP)
        elif self.data.kind == STACK:
            height += 40
        else:
            height += 150
        return QSize(360, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())  # every row readable: the dashboard scrolls instead

    def _title_height(self) -> int:
        return QFontMetrics(self.font()).height() + 6

    # -- keys and mouse ----------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        doors = self.doors()
        key = event.key()
        if doors and key in (Qt.Key_Down, Qt.Key_Right):
            self._move(min(self.current + 1, len(doors) - 1))
        elif doors and key in (Qt.Key_Up, Qt.Key_Left):
            self._move(max(self.current - 1, 0))
        elif doors and key == Qt.Key_Home:
            self._move(0)
        elif doors and key == Qt.Key_End:
            self._move(len(doors) - 1)
        elif doors and key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.opened.emit(doors[self.current][1].bar)
        else:
            super().keyPressEvent(event)

    def _move(self, index: int) -> None:
        self.current = index
        self._describe()
        self.update()
        if self.hasFocus() and self.isVisible():
            door = self.current_door()
            rect = next((rect for rect, at in self._hit if at == index), None)
            if door is not None and rect is not None:
                QToolTip.showText(self.mapToGlobal(rect.center().toPoint()), self.toolTip(), self)

    def mousePressEvent(self, event) -> None:
        for rect, index in self._hit:
            if rect.contains(QPointF(event.position())):
                self._move(index)
                self.setFocus(Qt.MouseFocusReason)
                self.opened.emit(self.doors()[index][1].bar)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        inside = any(rect.contains(QPointF(event.position())) for rect, _ in self._hit)
        self.setCursor(Qt.PointingHandCursor if inside else Qt.ArrowCursor)

    # -- drawing -----------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.WindowText)
        self._hit = []
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text)
        top = self._title_height()
        painter.drawText(QRectF(0, 0, self.width(), top), Qt.AlignLeft | Qt.AlignVCenter, self.title)
        painter.setFont(self.font())
        if not any(segment.value for group in self.data.groups for segment in group.segments):
            painter.setPen(palette.color(QPalette.PlaceholderText))
            painter.drawText(QRectF(0, top, self.width(), self.height() - top), Qt.AlignLeft | Qt.TextWordWrap,
                             self.empty_text)
            return
        legend_y = top
        x = 0.0
        metrics = QFontMetrics(self.font())
        for word, colour in self.data.legend:
            painter.fillRect(QRectF(x, legend_y + 5, 10, 10), QColor(colour))
            painter.setPen(text)
            painter.drawText(QPointF(x + 14, legend_y + 14), word)
            x += 24 + metrics.horizontalAdvance(word)
        top += self.LEGEND
        draw = {ROWS: self._rows, STACK: self._stack, COLUMNS: self._columns}[self.data.kind]
        draw(painter, top, text, metrics)

    def _door_index(self, segment: Segment) -> int | None:
        for index, (_group, candidate) in enumerate(self.doors()):
            if candidate is segment:
                return index
        return None

    def _segment(self, painter: QPainter, rect: QRectF, segment: Segment) -> None:
        painter.fillRect(rect, QColor(segment.colour))
        index = self._door_index(segment)
        if index is None:
            return
        self._hit.append((rect.adjusted(0, -2, 0, 2) if rect.width() >= 4 else rect.adjusted(-2, -2, 2, 2), index))
        if index == self.current and self.hasFocus():
            pen, brush = painter.pen(), painter.brush()
            painter.setPen(QPen(self.palette().color(QPalette.Highlight), 2))
            painter.setBrush(Qt.NoBrush)
            painter.drawRect(rect.adjusted(-1, -1, 1, 1))
            painter.setPen(pen)
            painter.setBrush(brush)

    def _rows(self, painter: QPainter, top: float, text: QColor, metrics: QFontMetrics) -> None:
        label_width = min(max((metrics.horizontalAdvance(group.label) for group in self.data.groups), default=0) + 8,
                          self.width() * 0.35)
        note_width = max((metrics.horizontalAdvance(group.note) for group in self.data.groups), default=0) + 8
        span = max(self.width() - label_width - note_width, 20)
        totals = [sum(s.value for s in group.segments) if not self.data.overlay
                  else max((s.value for s in group.segments), default=0) for group in self.data.groups]
        most = max(totals, default=0) or 1
        for row, group in enumerate(self.data.groups):
            y = top + row * (self.ROW + self.GAP)
            painter.setPen(text)
            label = metrics.elidedText(group.label, Qt.ElideRight, int(label_width - 8))
            painter.drawText(QRectF(0, y, label_width - 8, self.ROW), Qt.AlignRight | Qt.AlignVCenter, label)
            x = label_width
            for segment in group.segments:
                width = span * segment.value / most
                rect = QRectF(label_width if self.data.overlay else x, y + 2, width, self.ROW - 4)
                self._segment(painter, rect, segment)
                x += 0 if self.data.overlay else width
            end = label_width + span * totals[row] / most
            painter.setPen(text)
            painter.drawText(QRectF(end + 4, y, note_width, self.ROW), Qt.AlignLeft | Qt.AlignVCenter, group.note)

    def _stack(self, painter: QPainter, top: float, text: QColor, metrics: QFontMetrics) -> None:
        group = self.data.groups[0]
        total = sum(segment.value for segment in group.segments) or 1
        x = 0.0
        for segment in group.segments:
            width = self.width() * segment.value / total
            rect = QRectF(x, top + 2, width, 26)
            self._segment(painter, rect, segment)
            words = f"{segment.value:,}"
            if width > metrics.horizontalAdvance(words) + 6:
                painter.setPen(QColor("white"))
                painter.drawText(rect, Qt.AlignCenter, words)
            x += width

    def _columns(self, painter: QPainter, top: float, text: QColor, metrics: QFontMetrics) -> None:
        groups = self.data.groups
        bottom = self.height() - metrics.height() - 4
        most = max((s.value for group in groups for s in group.segments), default=0) or 1
        slot = self.width() / max(len(groups), 1)
        tall = bottom - top - metrics.height() - 2
        painter.setPen(self.palette().color(QPalette.Mid))
        painter.drawLine(QPointF(0, bottom), QPointF(self.width(), bottom))
        for index, group in enumerate(groups):
            count = max(len(group.segments), 1)
            width = slot * 0.8 / count
            for part, segment in enumerate(group.segments):
                height = tall * segment.value / most
                rect = QRectF(index * slot + slot * 0.1 + part * width, bottom - height, width - 1, height)
                self._segment(painter, rect, segment)
                painter.setPen(text)
                painter.drawText(QRectF(rect.left() - 6, rect.top() - metrics.height(), rect.width() + 12,
                                        metrics.height()), Qt.AlignHCenter | Qt.AlignBottom, str(segment.value))
            painter.setPen(text)
            painter.drawText(QRectF(index * slot, bottom + 2, slot, metrics.height()), Qt.AlignHCenter, group.label)
