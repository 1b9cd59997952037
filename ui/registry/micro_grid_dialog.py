"""划分微网格: choose a grid's buildings and units, then the micro-grid they form (an existing one or a new one).

The dialog only gathers the choice; the registry runs `desktop.operations.micro_grids.assign_micro_grid`
through `context.run`, so the households move in one transaction off the UI thread.
Keyboard: the place list has the focus (Space ticks a building or unit, Ctrl+A ticks all),
Alt+M the micro-grid, Alt+N its name for a new one, Ctrl+Return puts them in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from models.records.identity import mask_phone
from models.registry.assignments import places_to_link
from models.registry.micro_grids import MicroGridValues, micro_grids_by_place, micro_grids_of

translate = QCoreApplication.translate
NEW = ""  # the combo's data for "a new micro-grid"


class MicroGridDialog(QDialog):
    """The buildings and units of one grid, ticked, and the micro-grid they go into."""

    def __init__(self, grid_uuid: str, grid_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("microGridDialog")
        self.grid_uuid = grid_uuid
        self.setWindowTitle(translate("Registry", "Micro-grids of {grid}").format(grid=grid_name))
        self.places = QListWidget(objectName="microGridPlaces")
        drawn = micro_grids_by_place(grid_uuid)  # what is drawn already, beside each place
        for place in places_to_link(grid_uuid):
            if place.kind == "grid":
                continue
            text = place.name if place.kind == "building" else f"    {place.building} {place.name}"
            if place.uuid in drawn:
                text += f"（{drawn[place.uuid]}）"
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, (place.kind, place.uuid))
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.places.addItem(item)
        if self.places.count():
            self.places.setCurrentRow(0)
        self.places.itemActivated.connect(self._toggle)
        self.micro = QComboBox(objectName="microGridChoice")
        self.micro.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.micro.addItem(translate("Registry", "New micro-grid"), NEW)
        for row in micro_grids_of(grid_uuid):
            leader = f"（{row.leader} {mask_phone(row.leader_phone)}）".replace(" ）", "）") if row.leader else ""
            self.micro.addItem(translate("Registry", "{name}{leader}, {count} households").format(
                name=row.name, leader=leader, count=row.households), row.uuid)
        self.name = QLineEdit(objectName="microGridName")
        self.leader = QLineEdit(objectName="microGridLeader")
        self.phone = QLineEdit(objectName="microGridPhone")
        self.micro.currentIndexChanged.connect(self._choice_changed)
        form = QFormLayout()
        form.addRow(translate("Registry", "&Micro-grid"), self.micro)
        form.addRow(translate("Registry", "&Name of the new one"), self.name)
        form.addRow(translate("Registry", "Its &leader (微网格长)"), self.leader)
        form.addRow(translate("Registry", "Leader's &phone"), self.phone)
        self.note = QLabel(translate("Registry", "Tick buildings or units with Space; Ctrl+A ticks all."))
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(translate("Registry", "&Put in the micro-grid"))
        buttons.button(QDialogButtonBox.Ok).setToolTip("Ctrl+Return")
        buttons.accepted.connect(self.accept_if_ready)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept_if_ready)
        QShortcut(QKeySequence.SelectAll, self.places, self.tick_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.places, 1)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, 560)
        self.places.setFocus()

    def _toggle(self, item: QListWidgetItem) -> None:
        item.setCheckState(Qt.Unchecked if item.checkState() == Qt.Checked else Qt.Checked)

    def tick_all(self) -> None:
        for row in range(self.places.count()):
            self.places.item(row).setCheckState(Qt.Checked)

    def _choice_changed(self) -> None:
        new = self.micro.currentData() == NEW
        for field in (self.name, self.leader, self.phone):
            field.setEnabled(new)

    def chosen_places(self) -> list[tuple[str, str]]:
        """The ticked buildings and units; a unit of a ticked building is its building's already."""
        ticked = [self.places.item(row).data(Qt.UserRole) for row in range(self.places.count())
                  if self.places.item(row).checkState() == Qt.Checked]
        return ticked

    def choice(self) -> dict:
        """Keyword arguments for `assign_micro_grid`."""
        places = self.chosen_places()
        if self.micro.currentData() == NEW:
            return {"places": places, "grid": self.grid_uuid,
                    "new": MicroGridValues(self.name.text(), self.leader.text(), self.phone.text())}
        return {"places": places, "micro_grid": self.micro.currentData()}

    def accept_if_ready(self) -> None:
        if not self.chosen_places():
            self.note.setText(translate("Registry", "Tick at least one building or unit first (Space)."))
            return
        if self.micro.currentData() == NEW and not self.name.text().strip():
            self.note.setText(translate("Registry", "Give the new micro-grid a name (Alt+N)."))
            self.name.setFocus()
            return
        self.accept()
