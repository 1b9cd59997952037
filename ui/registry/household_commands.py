"""Undoable household operations: add, edit or move, remove, and move a resident elsewhere.

Each is a `QUndoCommand` on the household page's stack, so Ctrl+Z undoes it the
way it undoes a resident's edit.  The operations (`desktop.operations.registry`)
check and write, on the UI thread (an undo stack is undone in order, at once);
a refusal is raised by `redo()` before anything is pushed, because the page
calls `first_redo()` itself and pushes only what succeeded.  Undo never
hard-deletes: undoing an added household sets its tombstone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from desktop.operations import registry
from desktop.operations.outcome import Outcome
from models.registry.editing import HouseholdValues
from models.registry.lists import living_household, resident

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

    def told(self, shown: str | None, outcome: Outcome) -> None:
        """Show household `shown` on the page (None: nothing) and tell the window what `outcome` changed."""
        for table in outcome.changed.names():
            self.page.household_written(shown, table)


class AddHousehold(RegistryCommand):
    def __init__(self, page, values: HouseholdValues) -> None:
        super().__init__(page, translate("Registry", "Add household"))
        self.values = values
        self.uuid: str | None = None

    def apply(self) -> None:
        if self.uuid is None:
            outcome = registry.add_household(values=self.values)
            self.uuid = outcome.value
        else:
            outcome = registry.restore_household(household=self.uuid)
        self.told(self.uuid, outcome)

    def undo(self) -> None:
        self.told(None, registry.withdraw_household(household=self.uuid))


class EditHousehold(RegistryCommand):
    """An edit, or a move to another building, unit or room: the before and after values."""

    def __init__(self, page, uuid: str, after: HouseholdValues) -> None:
        super().__init__(page, translate("Registry", "Edit household"))
        self.uuid = uuid
        self.before = HouseholdValues.of(living_household(uuid))
        self.after = after

    def _write(self, values: HouseholdValues) -> None:
        self.told(self.uuid, registry.edit_household(household=self.uuid, values=values))

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
        outcome = registry.remove_household(household=self.uuid)
        self.residents = outcome.value
        self.told(None, outcome)

    def undo(self) -> None:
        self.told(self.uuid, registry.restore_household(household=self.uuid, residents=self.residents))


class MoveResident(RegistryCommand):
    """A resident moved to another household; undo brings them back with their old relation."""

    def __init__(self, page, resident_uuid: str, target_uuid: str) -> None:
        moving = resident(resident_uuid)
        super().__init__(page, translate("Registry", "Move {name}").format(name=moving.name))
        self.uuid = resident_uuid
        self.source = moving.household_id
        self.relation = moving.relation
        self.target = target_uuid

    def apply(self) -> None:
        self.told(self.source, registry.move_resident(resident=self.uuid, household=self.target))

    def undo(self) -> None:
        self.told(self.source, registry.move_resident(resident=self.uuid, household=self.source, relation=self.relation))
