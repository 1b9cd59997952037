"""The form of a household: where it is (grid → building → unit, room, 微网格) and its phone, tags, notes.

The same form adds a household, edits one and moves one (a move is an edit of
where it is).  The written address is shown as it will be composed while the
person chooses, so they see "海滨社区1号楼2单元301室" before saving.  Return or
Ctrl+Return hands the values to `submit`, which writes them as an undoable
command and returns '' or the reason of a refusal; a refused form stays open
with the reason under it, so nothing typed is lost.

The 微网格 field (Alt+M) lists the micro-grids of the grid chosen, and "none":
one household is put in a micro-grid here, many at once by building or unit
in the registry (Ctrl+Shift+G, `ui.registry.micro_grid_dialog`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from models.records.people import Household
from models.registry.editing import HouseholdValues, units_of
from models.records.versions import seen_version, shown_version
from models.registry.lists import address_preview, buildings_in, grid_choices, living_household
from models.registry.micro_grids import micro_grids_of
from ui.dialogs.changed_meanwhile import save_over_version

translate = QCoreApplication.translate


class HouseholdDialog(QDialog):
    """Values for `models.registry.editing.save_household`, handed to `submit(values) -> refusal or ''`."""

    def __init__(
        self,
        submit: Callable[[HouseholdValues], str],
        household: Household | None = None,
        grid_uuid: str | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.submit = submit
        self.setObjectName("householdDialog")
        self.setWindowTitle(
            translate("Registry", "New household") if household is None else translate("Registry", "Edit household")
        )
        self.grid = QComboBox(objectName="householdGrid")
        self.building = QComboBox(objectName="householdBuilding")
        self.unit = QComboBox(objectName="householdUnit")
        self.room = QLineEdit(objectName="householdRoom")
        self.micro_grid = QComboBox(objectName="householdMicroGrid")
        self.phone = QLineEdit(objectName="householdPhone")
        self.tags = QLineEdit(objectName="householdTags")
        self.tags.setPlaceholderText(translate("Registry", "e.g. 独居老人 低保"))
        self.notes = QLineEdit(objectName="householdNotes")
        self.address = QLabel(objectName="householdAddress")
        self.address.setTextFormat(Qt.PlainText)
        self.problem = QLabel(objectName="householdProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e")
        form = QFormLayout()
        for text, field in (
            (translate("Registry", "&Grid"), self.grid),
            (translate("Registry", "&Building"), self.building),
            (translate("Registry", "&Unit"), self.unit),
            (translate("Registry", "R&oom"), self.room),
            (translate("Registry", "&Micro-grid"), self.micro_grid),
            (translate("Registry", "&Phone"), self.phone),
            (translate("Registry", "&Tags"), self.tags),
            (translate("Registry", "&Notes"), self.notes),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(translate("Registry", "Address:"), self.address)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.try_accept)
        for field in (self.room, self.phone, self.tags, self.notes):
            field.returnPressed.connect(self.try_accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

        self._fill_grids()
        self.grid.currentIndexChanged.connect(self._fill_buildings)
        self.building.currentIndexChanged.connect(self._fill_units)
        for signal in (self.unit.currentIndexChanged, self.room.textChanged):
            signal.connect(self._show_address)
        self.household_uuid = None if household is None else household.uuid
        self.seen = None if household is None else shown_version(household)  # the version it is saved over
        if household is not None:
            self._show(household)
        elif grid_uuid is not None:
            self._choose(self.grid, grid_uuid)
        self._show_address()
        self.room.setFocus()

    def _show(self, household: Household) -> None:
        self._choose(self.grid, household.grid_id)
        self._choose(self.building, household.building_id)
        self._choose(self.unit, household.unit_id)
        self._choose(self.micro_grid, household.micro_grid_id)
        self.room.setText(household.room)
        self.phone.setText(household.phone)
        self.tags.setText(household.tags)
        self.notes.setText(household.notes)

    def _reload(self) -> None:
        """Someone saved this household after the form opened: show theirs (`ui.dialogs.changed_meanwhile`)."""
        household = living_household(self.household_uuid)
        self.seen = seen_version(Household, self.household_uuid)
        if household is not None:
            self._show(household)
        self.problem.setText(translate("Registry", "Their version is shown; edit it and save again."))

    @staticmethod
    def _choose(combo: QComboBox, uuid: str | None) -> None:
        combo.setCurrentIndex(max(0, combo.findData(uuid)))

    def _fill_grids(self) -> None:
        for uuid, community, grid in grid_choices():
            self.grid.addItem(f"{community} {grid}", uuid)
        self._fill_buildings()

    def _fill_micro_grids(self) -> None:
        """The chosen grid's micro-grids, after "none"; the one chosen stays chosen while the grid does."""
        chosen = self.micro_grid.currentData()
        self.micro_grid.clear()
        self.micro_grid.addItem(translate("Registry", "(none)"), None)
        for micro in micro_grids_of(self.grid.currentData()) if self.grid.currentData() else []:
            self.micro_grid.addItem(micro.name + (f"（{micro.leader}）" if micro.leader else ""), micro.uuid)
        self._choose(self.micro_grid, chosen)

    def _fill_buildings(self) -> None:
        self._fill_micro_grids()
        self.building.blockSignals(True)
        self.building.clear()
        for uuid, name in buildings_in(self.grid.currentData()):
            self.building.addItem(name, uuid)
        self.building.blockSignals(False)
        self._fill_units()

    def _fill_units(self) -> None:
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(translate("Registry", "(no unit)"), None)
        for unit in units_of(self.building.currentData()) if self.building.currentData() else []:
            self.unit.addItem(unit.name, unit.uuid)
        self.unit.setCurrentIndex(1 if self.unit.count() > 1 else 0)
        self.unit.blockSignals(False)
        self._show_address()

    def _show_address(self) -> None:
        address = address_preview(self.building.currentData(), self.unit.currentData(), self.room.text())
        if address is None:
            self.address.setText(translate("Registry", "Choose a grid that has buildings."))
            return
        self.address.setText(address)

    def try_accept(self) -> None:
        refusal = save_over_version(self, lambda: self.submit(self.values()), record=self.household_uuid,
                                    seen=self.seen, reload=self._reload)
        if refusal is None:  # reloaded, or left as it was
            return
        if refusal:
            self.problem.setText(refusal)
        else:
            self.accept()

    def values(self) -> HouseholdValues:
        return HouseholdValues(
            building=self.building.currentData(),
            unit=self.unit.currentData(),
            room=self.room.text(),
            phone=self.phone.text(),
            tags=self.tags.text(),
            notes=self.notes.text(),
            micro_grid=self.micro_grid.currentData(),
        )
