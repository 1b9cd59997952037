"""Undoable household operations: add, edit or move, remove, and move a resident elsewhere.

Each is a `QUndoCommand` on the household page's stack, so Ctrl+Z undoes it the
way it undoes a resident's edit.  The core (`models.registry`) checks and writes;
a refusal is raised by `redo()` before anything is pushed, because the page
calls `first_redo()` itself and pushes only what succeeded.  Undo never
hard-deletes: undoing an added household sets its tombstone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from models.people import Household, Resident
from models.registry import (
    HouseholdValues,
    move_resident,
    remove_household,
    restore_household,
    save_household,
)

translate = QCoreApplication.translate


class RegistryCommand(QUndoCommand):
    """A command whose first `redo()` ran before it was pushed (so a refusal never reaches the stack)."""

    def __init__(self, page, text: str) -> None:
        super().__init__(text)
        self.page = page
        self._done_once = False

    def first_redo(self) -> None:
        self.apply()
        self._done_once = True

    def redo(self) -> None:
        if not self._done_once:  # QUndoStack.push calls redo(): the first time was already done
            self.apply()
        self._done_once = False

    def apply(self) -> None:
        raise NotImplementedError


class AddHousehold(RegistryCommand):
    def __init__(self, page, values: HouseholdValues) -> None:
        super().__init__(page, translate("Registry", "Add household"))
        self.values = values
        self.uuid: str | None = None

    def apply(self) -> None:
        if self.uuid is None:
            self.uuid = save_household(self.values).uuid
        else:
            household = Household.get_by_id(self.uuid)
            household.deleted = False
            household.save()
        self.page.household_written(self.uuid, "household")

    def undo(self) -> None:
        Household.get_by_id(self.uuid).mark_deleted()
        self.page.household_written(None, "household")


class EditHousehold(RegistryCommand):
    """An edit, or a move to another building, unit or room: the before and after values."""

    def __init__(self, page, uuid: str, after: HouseholdValues) -> None:
        super().__init__(page, translate("Registry", "Edit household"))
        self.uuid = uuid
        self.before = HouseholdValues.of(Household.get_by_id(uuid))
        self.after = after

    def _write(self, values: HouseholdValues) -> None:
        save_household(values, Household.get_by_id(self.uuid))
        self.page.household_written(self.uuid, "household")

    def apply(self) -> None:
        self._write(self.after)

    def undo(self) -> None:
        self._write(self.before)


class RemoveHousehold(RegistryCommand):
    """The household and its residents get the tombstone; undo clears exactly those marks."""

    def __init__(self, page, uuid: str) -> None:
        super().__init__(page, translate("Registry", "Remove household"))
        self.uuid = uuid
        self.residents: list[str] = []

    def apply(self) -> None:
        self.residents = remove_household(Household.get_by_id(self.uuid))
        self.page.household_written(None, "household")

    def undo(self) -> None:
        restore_household(Household.get_by_id(self.uuid), self.residents)
        self.page.household_written(self.uuid, "household")


class MoveResident(RegistryCommand):
    """A resident moved to another household; undo brings them back with their old relation."""

    def __init__(self, page, resident_uuid: str, target_uuid: str) -> None:
        resident = Resident.get_by_id(resident_uuid)
        super().__init__(page, translate("Registry", "Move {name}").format(name=resident.name))
        self.uuid = resident_uuid
        self.source = resident.household_id
        self.relation = resident.relation
        self.target = target_uuid

    def apply(self) -> None:
        move_resident(Resident.get_by_id(self.uuid), Household.get_by_id(self.target))
        self.page.household_written(self.source, "resident")

    def undo(self) -> None:
        move_resident(Resident.get_by_id(self.uuid), Household.get_by_id(self.source), relation=self.relation)
        self.page.household_written(self.source, "resident")
