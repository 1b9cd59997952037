"""A household's page: address, residents, cadres, visits and demands; every edit undoable (Ctrl+Z).

Residents are edited in the table; edits are checked before they are written (a
name cannot be empty, a phone must be a phone) and each is one `QUndoCommand`.
The household itself is edited, moved and removed from here as well
(`ui.registry.household_commands`), on the same undo stack.  Removing sets the
deletion mark and undoing clears it again — nothing is hard-deleted.

Keys: Ctrl+N add a resident, Del remove the selected residents, Ctrl+Shift+M move
the selected resident to another household, F2 edit or move the household,
Ctrl+Shift+Del remove it with its residents, Ctrl+H its history, Ctrl+Z/Ctrl+Y
undo/redo; Alt+S/C/V/E show residents, cadres, visits, demands.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.operations import registry
from desktop.operations.outcome import Refused
from models.records.identity import mask_phone, normalise_phone
from models.records.people import Household, Resident
from models.records.versions import ChangedMeanwhile, over_version, shown_version
from models.registry.editing import RegistryRefused
from models.registry.lists import linked_cadres, living_household
from models.registry.micro_grids import micro_grid_of
from models.work.visits import household_demands, household_visits, visitors_of
from ui.daily.history import HISTORY_KEYS, open_history
from ui.daily.names import role_name, state_name
from ui.daily.query_model import Column, LazyQueryModel
from ui.registry.household_commands import AddHousehold, EditHousehold, MoveResident, RegistryCommand, RemoveHousehold
from ui.registry.household_dialog import HouseholdDialog
from ui.registry.household_picker import HouseholdPicker
from ui.registry.models import ResidentsModel
from ui.style import theme
from ui.style.icons import icon

translate = QCoreApplication.translate


def checked_value(field: str, text: str) -> tuple[str | None, str]:
    """(value to store or None if refused, reason)."""
    if field == "name" and not text:
        return None, translate("Registry", "A name cannot be empty.")
    if field == "phone" and text:
        phone = normalise_phone(text)
        if phone is None:
            return None, translate("Registry", "This is not a phone number.")
        return phone, ""
    return text, ""


class EditResident(QUndoCommand):
    """One cell of a resident, edited in the list.  The first write is done by the page (`first_redo`) over the
    version the list showed, so a change someone else saved meanwhile is not overwritten unseen."""

    def __init__(self, page: "HouseholdPage", uuid: str, field: str, before: str, after: str) -> None:
        super().__init__(translate("Registry", "Edit {field}").format(field=field))
        self.page, self.uuid, self.field, self.before, self.after = page, uuid, field, before, after
        self._done_once = False

    def _write(self, value: str) -> None:
        registry.edit_resident(resident=self.uuid, field=self.field, value=value)
        self.page.resident_written(self.uuid)

    def first_redo(self, seen: str | None) -> None:
        """The edit itself, refused with `ChangedMeanwhile` when the stored resident is no longer `seen`."""
        with over_version(self.uuid, seen):
            self._write(self.after)
        self._done_once = True

    def redo(self) -> None:
        if not self._done_once:  # QUndoStack.push calls redo(): the first time was already done
            self._write(self.after)
        self._done_once = False

    def undo(self) -> None:
        self._write(self.before)


class RemoveResident(QUndoCommand):
    def __init__(self, page: "HouseholdPage", uuid: str, name: str) -> None:
        super().__init__(translate("Registry", "Remove {name}").format(name=name))
        self.page, self.uuid = page, uuid

    def redo(self) -> None:
        self.page.residents_written(registry.remove_resident(resident=self.uuid))

    def undo(self) -> None:
        self.page.residents_written(registry.restore_resident(resident=self.uuid))


class AddResident(QUndoCommand):
    """A new resident in the household; undo sets its deletion mark, redo clears it again."""

    def __init__(self, page: "HouseholdPage", household_uuid: str, name: str) -> None:
        super().__init__(translate("Registry", "Add {name}").format(name=name))
        self.page, self.household_uuid, self.name = page, household_uuid, name
        self.uuid: str | None = None

    def redo(self) -> None:
        if self.uuid is None:
            outcome = registry.add_resident(household=self.household_uuid, name=self.name)
            self.uuid = outcome.value
        else:
            outcome = registry.restore_resident(resident=self.uuid)
        self.page.residents_written(outcome)

    def undo(self) -> None:
        self.page.residents_written(registry.remove_resident(resident=self.uuid))


def ask_name(parent) -> str:
    """The new resident's name ('' if cancelled); tests replace this function."""
    name, accepted = QInputDialog.getText(parent, translate("Registry", "Add resident"), translate("Registry", "Name:"))
    return name.strip() if accepted else ""


def _topics(visit) -> str:
    names = {
        "policy": translate("Registry", "policy"),
        "handbook": translate("Registry", "handbook"),
        "other": translate("Registry", "other"),
    }
    return "、".join(names.get(topic, topic) for topic in visit.topics.split())


def _kind(demand) -> str:
    return translate("Registry", "Suggestion") if demand.kind == "suggestion" else translate("Registry", "Demand")


def micro_grid_text(household_uuid: str) -> str:
    """" · 微网格 东片（王大爷 138****1111）" for a household in a micro-grid, else ''."""
    micro = micro_grid_of(household_uuid)
    if micro is None:
        return ""
    leader = " ".join(part for part in (micro.leader, mask_phone(micro.leader_phone)) if part)
    text = translate("Registry", "Micro-grid {name}").format(name=micro.name)
    return f" · {text}" + (f"（{leader}）" if leader else "")


class HouseholdPage(QWidget):
    """Shows one household; `changed(table)` is emitted after every write (for `context.data_changed`)."""

    changed = Signal(str)
    household_shown = Signal(object)  # a household's id, or None: the registry lays the page out for it
    close_requested = Signal()  # the close button; the registry hides the page (Esc does the same)

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.household_uuid: str | None = None
        self.history_dialog = None
        self.household_dialog: HouseholdDialog | None = None
        self.picker: HouseholdPicker | None = None
        self.undo_stack = QUndoStack(self)
        self.title = QLabel()
        self.title.setObjectName("householdTitle")
        self.title.setWordWrap(True)
        theme.mark_heading(self.title, 2)
        self.problem = QLabel()
        self.problem.setObjectName("editProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e")
        self.residents = ResidentsModel(self._edit, self)
        self.table = QTableView()
        self.table.setObjectName("residentsTable")
        self.table.setModel(self.residents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self._fit(self.table)

        self.cadres = LazyQueryModel(
            [
                Column(translate("Registry", "Name"), lambda c: c.name),
                Column(translate("Registry", "Role"), lambda c: role_name(c.role)),
                Column(translate("Registry", "Work unit"), lambda c: c.work_unit),
                Column(translate("Registry", "Phone"), lambda c: mask_phone(c.phone)),
            ],
            parent=self,
        )
        self.visits = LazyQueryModel(
            [
                Column(translate("Registry", "Date"), lambda v: str(v.visited_on)),
                Column(translate("Registry", "Visitors"), lambda v: "、".join(c.name for c in visitors_of(v))),
                Column(translate("Registry", "Talked to"), lambda v: v.talked_to),
                Column(translate("Registry", "Topics"), _topics),
                Column(translate("Registry", "Notes"), lambda v: v.notes),
            ],
            parent=self,
        )
        self.demands = LazyQueryModel(
            [
                Column(translate("Registry", "Raised"), lambda d: str(d.raised_on)),
                Column(translate("Registry", "Kind"), _kind),
                Column(translate("Registry", "Description"), lambda d: d.description),
                Column(translate("Registry", "State"), lambda d: state_name(d.state)),
                Column(translate("Registry", "Deadline"), lambda d: "" if d.deadline is None else str(d.deadline)),
            ],
            parent=self,
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("householdTabs")
        self.tabs.addTab(self.table, translate("Registry", "Reside&nts"))
        self.cadre_table = self._list_view("cadreTable", self.cadres)
        self.visit_table = self._list_view("visitTable", self.visits)
        self.demand_table = self._list_view("demandTable", self.demands)
        self.tabs.addTab(self.cadre_table, translate("Registry", "&Cadres"))
        self.tabs.addTab(self.visit_table, translate("Registry", "Vi&sits"))
        self.tabs.addTab(self.demand_table, translate("Registry", "D&emands"))

        self.add_button = self._button(translate("Registry", "&Add resident (Ctrl+N)"), QKeySequence.New, self.add_resident)
        self.remove_button = self._button(
            translate("Registry", "&Remove resident (Del)"), QKeySequence.Delete, self.remove_selected
        )
        self.move_button = self._button(
            translate("Registry", "&Move resident… (Ctrl+Shift+M)"), "Ctrl+Shift+M", self.move_selected
        )
        self.edit_household_button = self._button(
            translate("Registry", "Edit &or move household… (F2)"), "F2", self.edit_household
        )
        self.remove_household_button = self._button(
            translate("Registry", "Remove househo&ld (Ctrl+Shift+Del)"), "Ctrl+Shift+Del", self.remove_household
        )
        self.history_button = self._button(translate("Registry", "Histor&y (Ctrl+H)"), HISTORY_KEYS, self.show_history)
        self.undo_action = self.undo_stack.createUndoAction(self, translate("Registry", "&Undo"))
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, translate("Registry", "&Redo"))
        self.redo_action.setShortcut(QKeySequence.Redo)
        self.addActions([self.undo_action, self.redo_action])
        resident_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.move_button):
            resident_buttons.addWidget(button)
        resident_buttons.addStretch(1)
        household_buttons = QHBoxLayout()
        for button in (self.edit_household_button, self.remove_household_button, self.history_button):
            household_buttons.addWidget(button)
        household_buttons.addStretch(1)
        self.close_button = QToolButton()
        self.close_button.setObjectName("closeHouseholdPage")
        self.close_button.setIcon(icon("x"))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(translate("Registry", "Close the household page  Esc"))
        self.close_button.clicked.connect(self.close_requested)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.close_button, 0, Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(household_buttons)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addLayout(resident_buttons)

    @staticmethod
    def _fit(view: QTableView) -> None:
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().hide()

    def _list_view(self, name: str, model) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self._fit(view)
        return view

    def _button(self, text: str, keys, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.setShortcut(QKeySequence(keys))
        button.clicked.connect(slot)
        return button

    # -- showing -----------------------------------------------------------------------
    def household(self) -> Household | None:
        return living_household(self.household_uuid)

    def show_household(self, uuid: str | None) -> None:
        self.household_uuid = uuid
        self.problem.clear()
        self.reload()
        self.household_shown.emit(uuid)

    def reload(self) -> None:
        household = self.household()
        if household is None:
            self.title.setText(translate("Registry", "Choose a household in the list or search with Ctrl+F."))
        else:
            phone = f" · {mask_phone(household.phone)}" if household.phone else ""
            tags = f" · {household.tags}" if household.tags else ""
            self.title.setText(f"{household.address}{phone}{tags}{micro_grid_text(household.uuid)}")
        uuid = None if household is None else household.uuid
        self.residents.load(uuid)
        self.cadres.set_query(None if uuid is None else lambda: linked_cadres(uuid))
        self.visits.set_query(None if household is None else lambda: household_visits(household))
        self.demands.set_query(None if household is None else lambda: household_demands(household))
        for button in (
            self.add_button, self.remove_button, self.move_button,
            self.edit_household_button, self.remove_household_button, self.history_button,
        ):
            button.setEnabled(household is not None)

    def resident_written(self, uuid: str) -> None:
        self.residents.row_changed(uuid)
        self.changed.emit("resident")

    def residents_written(self, outcome) -> None:
        """After a resident was added, removed or brought back: read the page again and tell the window."""
        self.reload()
        for table in outcome.changed.names():
            self.changed.emit(table)

    def household_written(self, uuid: str | None, table: str) -> None:
        """After a household command: show `uuid` (None: nothing) and tell the window."""
        self.household_uuid = uuid
        self.reload()
        self.changed.emit(table)

    def run_command(self, command: RegistryCommand) -> str:
        """Do a household command now and keep it for undo; returns '' or the refusal (also shown)."""
        try:
            command.first_redo()
        except (RegistryRefused, Refused) as refusal:
            self.problem.setText(str(refusal))
            return str(refusal)
        self.problem.clear()
        self.undo_stack.push(command)
        return ""

    # -- residents ---------------------------------------------------------------------
    def _edit(self, resident: Resident, field: str, text: str) -> bool:
        value, reason = checked_value(field, text)
        if value is None:
            self.problem.setText(reason)
            return False
        command = EditResident(self, resident.uuid, field, getattr(resident, field) or "", value)
        try:
            command.first_redo(shown_version(resident))
        except ChangedMeanwhile as changed:  # a cell is quickly typed again: their version shown, no question asked
            self.residents.row_changed(resident.uuid)
            self.problem.setText(translate(
                "Registry", "{who} changed this resident at {when}: their version is shown; edit it again.").format(
                who=changed.who or "?", when=changed.when or "?"))
            return False
        self.problem.clear()
        self.undo_stack.push(command)
        return True

    def add_resident(self) -> None:
        if self.household() is None:
            return
        name = ask_name(self)
        if name:
            self.undo_stack.push(AddResident(self, self.household_uuid, name))

    def selected_residents(self) -> list[Resident]:
        """The selected rows' residents; without a selection, the resident of the current row."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        current = self.table.currentIndex()
        if not rows and current.isValid():
            rows = [current.row()]
        return [self.residents.resident(row) for row in rows]

    def remove_selected(self) -> None:
        residents = self.selected_residents()
        if not residents:
            return
        self.undo_stack.beginMacro(translate("Registry", "Remove residents"))
        for resident in residents:
            self.undo_stack.push(RemoveResident(self, resident.uuid, resident.name))
        self.undo_stack.endMacro()

    def move_selected(self) -> None:
        residents = self.selected_residents()
        if len(residents) != 1:
            self.problem.setText(translate("Registry", "Select one resident to move."))
            return
        resident = residents[0]
        self.picker = HouseholdPicker(
            translate("Registry", "Move {name} to another household").format(name=resident.name),
            {self.household_uuid},
            self,
        )
        self.picker.chosen.connect(lambda target: self.run_command(MoveResident(self, resident.uuid, target)))
        self._open(self.picker)

    def _open(self, dialog) -> None:
        """Open a form over the page; when it closes, the keys (Ctrl+Z…) work on the window again."""
        dialog.finished.connect(lambda _result: self.window().activateWindow())
        dialog.open()

    # -- the household -----------------------------------------------------------------
    def edit_household(self) -> None:
        household = self.household()
        if household is None:
            return
        self.household_dialog = HouseholdDialog(
            lambda values: self.run_command(EditHousehold(self, household.uuid, values)), household, parent=self
        )
        self._open(self.household_dialog)

    def add_household(self, grid_uuid: str | None) -> None:
        """The form for a new household (in `grid_uuid` if one is chosen); saving shows it here."""
        self.household_dialog = HouseholdDialog(
            lambda values: self.run_command(AddHousehold(self, values)), grid_uuid=grid_uuid, parent=self
        )
        self._open(self.household_dialog)

    def remove_household(self) -> None:
        if self.household() is not None and not self.run_command(RemoveHousehold(self, self.household_uuid)):
            self.problem.setText(translate("Registry", "Household removed with its residents; Ctrl+Z brings them back."))

    def show_history(self) -> None:
        household = self.household()
        if household is not None:
            open_history(self, household, household.address)
