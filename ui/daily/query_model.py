"""A table model that pages through the rows of a list query of models/ as the view scrolls.

SQL does the filtering and ordering; the model only ever holds the rows the
view has asked for, a batch at a time (`canFetchMore`/`fetchMore`), so a list of
20,000 demands opens as fast as a list of 20.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from models.paging import page_of

EMPHASIS_COLOUR = QColor("#b3261e")


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]


class LazyQueryModel(QAbstractTableModel):
    """Rows of a query, fetched in batches; `emphasis(row)` marks rows that must stand out."""

    BATCH = 200
    RecordRole = Qt.UserRole + 1

    def __init__(
        self,
        columns: Sequence[Column],
        emphasis: Callable[[Any], bool] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._emphasis = emphasis
        self._query_factory: Callable[[], Any] | None = None
        self._rows: list[Any] = []
        self._more = False

    def set_query(self, query_factory: Callable[[], Any] | None) -> None:
        """Show the rows of `query_factory()` (None: no rows); the first batch is read now."""
        self.beginResetModel()
        self._query_factory = query_factory
        self._rows = []
        self._more = query_factory is not None
        self.endResetModel()
        if self._more:
            self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """Read the query again, keeping as many rows as were loaded."""
        loaded = max(len(self._rows), self.BATCH)
        self.set_query(self._query_factory)
        while self._more and len(self._rows) < loaded:
            self.fetchMore(QModelIndex())

    def record(self, row: int) -> Any:
        return self._rows[row]

    def row_where(self, wanted: Callable[[Any], bool], max_rows: int = 5_000) -> int:
        """The first row whose record is `wanted`, reading further pages as needed (at most `max_rows`); -1 if none.

        So a record just written (a new demand dated last week) can be selected and shown
        even when it sorts below the rows read so far.
        """
        row = 0
        while True:
            while row < len(self._rows):
                if wanted(self._rows[row]):
                    return row
                row += 1
            if not self._more or len(self._rows) >= max_rows:
                return -1
            self.fetchMore(QModelIndex())

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._columns):
            return None
        row = self._rows[index.row()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return self._columns[index.column()].text(row)
        if role == self.RecordRole:
            return row
        if self._emphasis is not None and self._emphasis(row):
            if role == Qt.ForegroundRole:
                return QBrush(EMPHASIS_COLOUR)
            if role == Qt.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:
        if parent.isValid() or not self._more or self._query_factory is None:
            return
        batch = page_of(self._query_factory(), len(self._rows), self.BATCH)
        self._more = len(batch) == self.BATCH
        if batch:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
            self._rows.extend(batch)
            self.endInsertRows()
