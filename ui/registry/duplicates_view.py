"""The duplicates screen: likely duplicate households and residents, merged a pair at a time.

Finding and merging are operations (`desktop.operations.duplicates`) run
through `context.run`: a district's registry takes a moment to compare, and a
household merge moves many records.  Each row shows
the record that will be kept on the left and the one that will be merged into
it on the right; Ctrl+R swaps them, Ctrl+M merges after a question (a merge is
not undone by Ctrl+Z: both histories remain and the merge shows in them), F5
looks again.  ID numbers and phones are masked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.operations import duplicates
from desktop.operations.duplicates import DuplicatePair, Label, LabelledPair

translate = QCoreApplication.translate


@dataclass(frozen=True)
class PairRow:
    pair: DuplicatePair
    keep: str  # how the kept record reads (masked)
    other: str


def _shown(label: Label) -> str:
    """A household's label names its residents (the first four), or says it has none."""
    if label.residents is None:
        return label.text
    people = label.residents
    shown = "、".join(people[:4]) + ("…" if len(people) > 4 else "") if people else translate("Registry", "no residents")
    return f"{label.text} · {shown}"


def describe(pairs: list[LabelledPair]) -> list[PairRow]:
    """The rows of the screen: each pair with how its two records read."""
    return [PairRow(item.pair, _shown(item.keep), _shown(item.other)) for item in pairs]


def reason_name(reason: str) -> str:
    return {
        "id_number": translate("Registry", "same ID number"),
        "name_birth": translate("Registry", "same name and birth date"),
        "address": translate("Registry", "same address"),
    }.get(reason, reason)


class DuplicatesModel(QAbstractTableModel):
    """The pairs found (a snapshot; F5 looks again)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PairRow] = []

    def set_rows(self, rows: list[PairRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> PairRow:
        return self._rows[row]

    def swap(self, row: int) -> None:
        item = self._rows[row]
        pair = replace(item.pair, keep=item.pair.other, other=item.pair.keep)
        self._rows[row] = PairRow(pair, item.other, item.keep)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < 4:
            return (
                translate("Registry", "Kind"),
                translate("Registry", "Why"),
                translate("Registry", "Keep"),
                translate("Registry", "Merge into it"),
            )[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= 4:
            return None
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        item = self._rows[index.row()]
        kind = translate("Registry", "Household") if item.pair.kind == "household" else translate("Registry", "Resident")
        return (kind, reason_name(item.pair.reason), item.keep, item.other)[index.column()]


def confirm(parent, text: str) -> bool:
    """Ask before merging; tests replace this function."""
    answer = QMessageBox.question(parent, translate("Registry", "Merge duplicates"), text, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


class DuplicatesDialog(QDialog):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(translate("Registry", "Likely duplicates"))
        self.model = DuplicatesModel(self)
        self.table = QTableView(objectName="duplicatesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(objectName="duplicatesSummary")
        self.summary.setWordWrap(True)
        self.merge_button = QPushButton(translate("Registry", "&Merge the right into the left (Ctrl+M)"))
        self.swap_button = QPushButton(translate("Registry", "&Swap which is kept (Ctrl+R)"))
        self.find_button = QPushButton(translate("Registry", "&Look again (F5)"))
        buttons = QHBoxLayout()
        for button, slot, keys in (
            (self.merge_button, self.merge_current, "Ctrl+M"),
            (self.swap_button, self.swap_current, "Ctrl+R"),
            (self.find_button, self.find, "F5"),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            QShortcut(QKeySequence(keys), self, slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1000, 520)
        self.finding = False

    def find(self) -> None:
        if self.finding:
            return
        self.finding = True
        self.summary.setText(translate("Registry", "Looking for duplicates…"))
        self.context.run(
            translate("Registry", "Looking for duplicates"),
            duplicates.find_duplicates,
            self._found,
            self._failed,
        )

    def _found(self, pairs: list[LabelledPair]) -> None:
        self.finding = False
        rows = describe(pairs)
        self.model.set_rows(rows)
        households = sum(1 for row in rows if row.pair.kind == "household")
        if rows:
            self.summary.setText(
                translate("Registry", "{households} pair(s) of households and {residents} pair(s) of residents look like duplicates. "
                          "The left one is kept; Ctrl+R swaps.").format(households=households, residents=len(rows) - households)
            )
            self.table.selectRow(0)
        else:
            self.summary.setText(translate("Registry", "No likely duplicates."))
        self.table.setFocus()

    def _failed(self, error: Exception) -> None:
        self.finding = False
        self.summary.setText(str(error))

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def swap_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.model.swap(row)

    def merge_current(self) -> None:
        row = self.current_row()
        if row is None or self.finding:
            return
        item = self.model.row(row)
        question = translate("Registry", "Merge “{other}” into “{keep}”? The right one is marked deleted; both histories stay.").format(
            other=item.other, keep=item.keep
        )
        if not confirm(self, question):
            return
        self.finding = True  # one write at a time from this screen
        pair = item.pair
        self.context.run(
            translate("Registry", "Merging duplicates"),
            partial(duplicates.merge_pair, kind=pair.kind, keep=pair.keep, other=pair.other),
            self._merged,
            self._failed,
        )

    def _merged(self, _merged) -> None:
        self.finding = False
        self.find()
