"""A household's page: its address and residents, edited in place, every edit undoable (Ctrl+Z).

Edits are checked before they are written (a name cannot be empty, a phone must
be a phone) and each is one `QUndoCommand`; removing a resident sets the
deletion mark, and undoing the removal clears it again — nothing is hard-deleted.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.identity import mask_phone, normalise_phone
from models.people import Household, Resident
from ui.registry.models import ResidentsModel



def checked_value(field: str, text: str) -> tuple[str | None, str]:
    """(value to store or None if refused, reason)."""
    if field == "name" and not text:
        return None, QCoreApplication.translate("Registry", "A name cannot be empty.")
    if field == "phone" and text:
        phone = normalise_phone(text)
        if phone is None:
            return None, QCoreApplication.translate("Registry", "This is not a phone number.")
        return phone, ""
    return text, ""


class EditResident(QUndoCommand):
    def __init__(self, page: "HouseholdPage", uuid: str, field: str, before: str, after: str) -> None:
        super().__init__(QCoreApplication.translate("Registry", "Edit {field}").format(field=field))
        self.page, self.uuid, self.field, self.before, self.after = page, uuid, field, before, after

    def _write(self, value: str) -> None:
        resident = Resident.get_by_id(self.uuid)
        setattr(resident, self.field, value)
        resident.save()
        self.page.resident_written(self.uuid)

    def redo(self) -> None:
        self._write(self.after)

    def undo(self) -> None:
        self._write(self.before)


class RemoveResident(QUndoCommand):
    def __init__(self, page: "HouseholdPage", uuid: str, name: str) -> None:
        super().__init__(QCoreApplication.translate("Registry", "Remove {name}").format(name=name))
        self.page, self.uuid = page, uuid

    def _mark(self, deleted: bool) -> None:
        resident = Resident.get_by_id(self.uuid)
        resident.deleted = deleted
        resident.save()
        self.page.reload()
        self.page.changed.emit("resident")

    def redo(self) -> None:
        self._mark(True)

    def undo(self) -> None:
        self._mark(False)


class AddResident(QUndoCommand):
    """A new resident in the household; undo sets its deletion mark, redo clears it again."""

    def __init__(self, page: "HouseholdPage", household_uuid: str, name: str) -> None:
        super().__init__(QCoreApplication.translate("Registry", "Add {name}").format(name=name))
        self.page, self.household_uuid, self.name = page, household_uuid, name
        self.uuid: str | None = None

    def redo(self) -> None:
        if self.uuid is None:
            resident = Resident(household=self.household_uuid, name=self.name, relation="其他")
        else:
            resident = Resident.get_by_id(self.uuid)
            resident.deleted = False
        resident.save()
        self.uuid = resident.uuid
        self.page.reload()
        self.page.changed.emit("resident")

    def undo(self) -> None:
        resident = Resident.get_by_id(self.uuid)
        resident.deleted = True
        resident.save()
        self.page.reload()
        self.page.changed.emit("resident")


def ask_name(parent) -> str:
    """The new resident's name ('' if cancelled); tests replace this function."""
    name, accepted = QInputDialog.getText(
        parent, QCoreApplication.translate("Registry", "Add resident"), QCoreApplication.translate("Registry", "Name:")
    )
    return name.strip() if accepted else ""


class HouseholdPage(QWidget):
    """Shows one household; `changed(table)` is emitted after every write (for `context.data_changed`)."""

    changed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.household_uuid: str | None = None
        self.undo_stack = QUndoStack(self)
        self.title = QLabel()
        self.title.setObjectName("householdTitle")
        self.problem = QLabel()
        self.problem.setObjectName("editProblem")
        self.problem.setStyleSheet("color: #b3261e")
        self.residents = ResidentsModel(self._edit, self)
        self.table = QTableView()
        self.table.setObjectName("residentsTable")
        self.table.setModel(self.residents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(QCoreApplication.translate("Registry", "&Add resident (Ctrl+N)"))
        self.add_button.setShortcut(QKeySequence.New)
        self.add_button.clicked.connect(self.add_resident)
        self.remove_button = QPushButton(QCoreApplication.translate("Registry", "&Remove resident (Del)"))
        self.remove_button.setShortcut(QKeySequence.Delete)
        self.remove_button.clicked.connect(self.remove_selected)
        self.undo_action = self.undo_stack.createUndoAction(self, QCoreApplication.translate("Registry", "&Undo"))
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, QCoreApplication.translate("Registry", "&Redo"))
        self.redo_action.setShortcut(QKeySequence.Redo)
        self.addActions([self.undo_action, self.redo_action])
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

    def show_household(self, uuid: str | None) -> None:
        self.household_uuid = uuid
        self.problem.clear()
        self.reload()

    def reload(self) -> None:
        household = Household.get_or_none(Household.uuid == self.household_uuid) if self.household_uuid else None
        if household is None:
            self.title.setText(QCoreApplication.translate("Registry", "Choose a household in the list or search with Ctrl+F."))
        else:
            phone = f" · {mask_phone(household.phone)}" if household.phone else ""
            self.title.setText(f"<b>{household.address}</b>{phone}")
        self.residents.load(None if household is None else household.uuid)

    def resident_written(self, uuid: str) -> None:
        self.residents.row_changed(uuid)
        self.changed.emit("resident")

    def _edit(self, resident: Resident, field: str, text: str) -> bool:
        value, reason = checked_value(field, text)
        if value is None:
            self.problem.setText(reason)
            return False
        self.problem.clear()
        self.undo_stack.push(EditResident(self, resident.uuid, field, getattr(resident, field) or "", value))
        return True

    def add_resident(self) -> None:
        if self.household_uuid is None:
            return
        name = ask_name(self)
        if name:
            self.undo_stack.push(AddResident(self, self.household_uuid, name))

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        self.undo_stack.beginMacro(QCoreApplication.translate("Registry", "Remove residents"))
        for resident in [self.residents.resident(row) for row in rows]:
            self.undo_stack.push(RemoveResident(self, resident.uuid, resident.name))
        self.undo_stack.endMacro()
