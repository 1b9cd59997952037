"""Choosing a household by typing (name, initials, phone tail, address), for moving a resident there.

It asks the same search as the registry's box (`models.registry.search.find`); Down goes
to the results, Return takes the chosen one (or the first), Escape cancels.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout

from models.registry.search import find
from ui.registry.models import SearchResultsModel

translate = QCoreApplication.translate


class HouseholdPicker(QDialog):
    """Emits `chosen(household uuid)` and closes; households in `excluded` are not offered."""

    chosen = Signal(str)

    def __init__(self, title: str, excluded: set[str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("householdPicker")
        self.setWindowTitle(title)
        self.excluded = excluded
        self.search = QLineEdit(objectName="pickerSearch")
        self.search.setPlaceholderText(translate("Registry", "Name, initials, phone tail or address of someone there"))
        self.model = SearchResultsModel(self)
        self.results = QTableView(objectName="pickerResults")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.results.verticalHeader().hide()
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.activated.connect(lambda index: self._take(index.row()))
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self._take_current)
        self.search.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("Registry", "Move to the household of:")))
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        self.resize(640, 360)
        self.search.setFocus()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.search and event.type() == event.Type.KeyPress and event.key() == Qt.Key_Down:
            self.results.setFocus()
            if self.model.rowCount():
                self.results.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def _search(self, text: str) -> None:
        matches = [match for match in find(text) if match.household not in self.excluded] if text.strip() else []
        self.model.set_matches(matches)

    def _take_current(self) -> None:
        index = self.results.currentIndex()
        self._take(index.row() if index.isValid() else 0)

    def _take(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.chosen.emit(self.model.found(row).household)
            self.accept()
