"""Choose households to link to a cadre: by typing part of the address, or a whole place.

The list shows live households not yet linked to the cadre, filtered in SQL as
the person types, fetched a page at a time.  Enter links the selected rows;
"whole place" links every household of a grid, building or unit at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from models.registry.assignments import PlaceToLink, household_label, households_not_linked_to, places_to_link
from models.records.people import Cadre, Household
from ui.daily.query_model import Column, LazyQueryModel


class LinkDialog(QDialog):
    def __init__(self, cadre: Cadre, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.cadre = cadre
        self.setWindowTitle(self.tr("Link households to {name}").format(name=cadre.name))
        self.search = QLineEdit()
        self.search.setObjectName("linkSearch")
        self.search.setPlaceholderText(self.tr("Part of the address; Down to reach the list"))
        self.model = LazyQueryModel([Column(self.tr("Address"), household_label)], parent=self)
        self.table = QTableView()
        self.table.setObjectName("linkCandidates")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.place = QComboBox()
        self.place.setObjectName("linkPlace")
        self.place.addItem(self.tr("(selected households only)"), None)
        for place in places_to_link(self.cadre.grid_id):  # the cadre's grid (every grid when they have none)
            self.place.addItem(self._place_name(place), (place.kind, place.uuid))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("&Link"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Find"), self.search)
        form.addRow(self.tr("Whole &place"), self.place)
        for row in range(form.rowCount()):
            form.itemAt(row, QFormLayout.LabelRole).widget().setBuddy(form.itemAt(row, QFormLayout.FieldRole).widget())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._typing = QTimer(self, singleShot=True, interval=250)
        self._typing.timeout.connect(self._filter)
        self.search.textChanged.connect(self._typing.start)
        self.search.installEventFilter(self)
        self._filter()
        self.resize(560, 480)
        self.search.setFocus()

    @staticmethod
    def _place_name(place: PlaceToLink) -> str:
        if place.kind == "unit":
            return f"    {place.building} {place.name}"
        if place.kind == "building":
            return f"  {place.name}"
        return place.name

    def _filter(self) -> None:
        text = self.search.text()
        self.model.set_query(lambda: households_not_linked_to(self.cadre.uuid, text))
        if self.model.rowCount():
            self.table.selectRow(0)

    def eventFilter(self, watched, event) -> bool:
        """Down in the search line moves to the list, as in a search box."""
        if watched is self.search and event.type() == event.Type.KeyPress and event.key() == Qt.Key_Down:
            self.table.setFocus()
            return True
        return super().eventFilter(watched, event)

    def chosen_place(self) -> tuple[str, str] | None:
        """The place whose households are all to be linked ("grid"|"building"|"unit", id), or None."""
        return self.place.currentData()

    def chosen_households(self) -> list[Household]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.record(row) for row in rows]
