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

from models.assignments import household_label
from models.people import Assignment, Cadre, Household
from models.places import Building, Grid, Unit
from ui.daily.query_model import Column, LazyQueryModel


def unlinked_to(cadre: Cadre, text: str):
    """Live households not linked to `cadre`, whose address contains `text`."""
    mine = Assignment.select(Assignment.household).where(
        (Assignment.cadre == cadre.uuid) & (Assignment.deleted == False)  # noqa: E712
    )
    query = Household.alive().where(Household.uuid.not_in(mine))
    if text.strip():
        query = query.where(Household.address.contains(text.strip()))
    return query.order_by(Household.address, Household.room, Household.uuid)


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
        for place in self._places():
            self.place.addItem(self._place_name(place), place)
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

    def _places(self) -> list:
        """The cadre's grid with its buildings and units (every grid when the cadre has none)."""
        grids = Grid.alive().order_by(Grid.name)
        if self.cadre.grid_id is not None:
            grids = grids.where(Grid.uuid == self.cadre.grid_id)
        places = []
        for grid in grids:
            places.append(grid)
            for building in Building.alive().where(Building.grid == grid.uuid).order_by(Building.name):
                places.append(building)
                places.extend(Unit.alive().where(Unit.building == building.uuid).order_by(Unit.name))
        return places

    def _place_name(self, place) -> str:
        if isinstance(place, Unit):
            return f"    {place.building.name} {place.name}"
        if isinstance(place, Building):
            return f"  {place.name}"
        return place.name

    def _filter(self) -> None:
        text = self.search.text()
        self.model.set_query(lambda: unlinked_to(self.cadre, text))
        if self.model.rowCount():
            self.table.selectRow(0)

    def eventFilter(self, watched, event) -> bool:
        """Down in the search line moves to the list, as in a search box."""
        if watched is self.search and event.type() == event.Type.KeyPress and event.key() == Qt.Key_Down:
            self.table.setFocus()
            return True
        return super().eventFilter(watched, event)

    def chosen_place(self):
        return self.place.currentData()

    def chosen_households(self) -> list[Household]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.record(row) for row in rows]
