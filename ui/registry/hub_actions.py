"""What a person does with a household found by the search box, without going to another section.

Link it to a cadre (Ctrl+L), record a visit (Ctrl+Shift+V), raise a demand
(Ctrl+Shift+N), print its service card (Ctrl+P), show its history (Ctrl+H, the
key of history everywhere in the window): the same dialogs and operations as
the visits, demands and printing sections, started from the household at hand.
`HubActions.menu()` gives the context menu (each action with its key); the
registry binds the keys on its lists and on the household page, one binding
per key, so Ctrl+H never meets a second Ctrl+H (Qt would then take neither).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from desktop.operations import links, visits
from desktop.operations.demands import raise_demand
from models.registry.assignments import cadres_of, household_label
from models.registry.cadres import cadre_list, cadres_of_grid, grid_workers
from models.records.people import Cadre, Household
from models.work.reference_lists import categories
from models.registry.lists import living_household
from models.scope import Scope
from ui.daily.history import HISTORY_KEYS, open_history
from ui.style.icons import icon

translate = QCoreApplication.translate

KEYS = {
    "link": "Ctrl+L",
    "visit": "Ctrl+Shift+V",
    "demand": "Ctrl+Shift+N",
    "card": "Ctrl+P",
    "history": HISTORY_KEYS,  # the registry gives the household page's own Ctrl+H button to this action
}


class CadrePicker(QDialog):
    """Choose one cadre: those of the household's grid first, any cadre by typing part of a name, unit or phone."""

    def __init__(self, household: Household, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("cadrePicker")
        self.setWindowTitle(translate("Registry", "Link {household} to a cadre").format(household=household_label(household)))
        self.linked = {cadre.uuid for cadre in cadres_of(household)}
        self.grid = household.grid_id
        self.search = QLineEdit(objectName="cadrePickerSearch")
        self.search.setPlaceholderText(translate("Registry", "Name, work unit or phone tail; Down to the list"))
        self.list = QListWidget(objectName="cadrePickerList")
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.note = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(translate("Registry", "&Link"))
        buttons.accepted.connect(self.accept_current)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.accept_current())
        self.search.textChanged.connect(self.fill)
        self.search.returnPressed.connect(self.accept_current)
        self.search.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(420, 420)
        self.fill("")
        self.search.setFocus()

    def fill(self, text: str) -> None:
        self.list.clear()
        cadres = cadres_of_grid(self.grid) if not text.strip() else list(cadre_list(text)[:200])
        for cadre in cadres:
            already = cadre.uuid in self.linked
            label = f"{cadre.name}  {cadre.work_unit or ''}".rstrip()
            if already:
                label += "  " + translate("Registry", "(linked already)")
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, cadre)
            if already:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
            self.list.addItem(item)
        for row in range(self.list.count()):
            if self.list.item(row).flags() & Qt.ItemIsEnabled:
                self.list.setCurrentRow(row)
                break
        self.note.setText("" if self.list.count() else translate("Registry", "No cadre found. Add cadres in Visits → Cadres (Ctrl+2, Ctrl+Shift+C)."))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.search and event.type() == event.Type.KeyPress and event.key() == Qt.Key_Down:
            self.list.setFocus()
            return True
        return super().eventFilter(watched, event)

    def chosen(self) -> Cadre | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None and item.flags() & Qt.ItemIsEnabled else None

    def accept_current(self) -> None:
        if self.chosen() is not None:
            self.accept()


class HubActions:
    """The five actions on one household; `owner` is the section (it has `context` and a `message` label)."""

    def __init__(self, owner: QWidget, current_household) -> None:
        self.owner = owner
        self.context = owner.context
        self.current_household = current_household  # () -> household uuid or None
        self.dialog: QDialog | None = None
        self.history_dialog = None

    def actions(self, parent: QWidget) -> list[QAction]:
        """Actions with their keys, for a list's context menu and its shortcuts (active while the list has focus)."""
        made = []
        for key, text, icon_name, slot in (
            ("link", translate("Registry", "Link to a cadre…"), "link", self.link_cadre),
            ("visit", translate("Registry", "Record a visit…"), "notes", self.record_visit),
            ("demand", translate("Registry", "Raise a demand…"), "message-plus", self.raise_demand),
            ("card", translate("Registry", "Print its service card…"), "id-badge-2", self.print_card),
            ("history", translate("Registry", "History"), "history", self.show_history),
        ):
            action = QAction(icon(icon_name), text, parent)
            action.setObjectName(f"hub_{key}")
            action.setShortcut(QKeySequence(KEYS[key]))
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            made.append(action)
        return made

    def menu(self, actions: list[QAction], parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.addActions(actions)
        return menu

    def _household(self) -> Household | None:
        uuid = self.current_household()
        household = living_household(uuid) if uuid else None
        if household is None:
            self.say(translate("Registry", "Choose a household first: search with Ctrl+F, then Down."))
        return household

    def say(self, text: str) -> None:
        self.owner.say(text)

    def _failed(self, error: Exception) -> None:
        self.say(str(error))

    # -- link --------------------------------------------------------------------------
    def link_cadre(self) -> None:
        household = self._household()
        if household is None:
            return
        self.dialog = CadrePicker(household, self.owner)
        self.dialog.accepted.connect(partial(self._link, household))
        self.dialog.open()

    def _link(self, household: Household) -> None:
        cadre = self.dialog.chosen()
        self.context.run(
            translate("Registry", "Linking the household"),
            partial(links.link_households, cadre=cadre.uuid, households=[household.uuid]),
            lambda _value: self.say(translate("Registry", "{household} linked to {name}.").format(
                household=household_label(household), name=cadre.name)),
            self._failed,
        )

    # -- visit -------------------------------------------------------------------------
    def record_visit(self) -> None:
        from ui.daily.visit_dialog import VisitDialog, visit_cadres

        household = self._household()
        if household is None:
            return
        cadres, chosen = visit_cadres(household, None)
        self.dialog = VisitDialog(household, cadres, chosen, categories(), self.owner)
        self.dialog.accepted.connect(partial(self._save_visit, self.dialog))
        self.dialog.open()

    def _save_visit(self, dialog) -> None:
        household, visitors, form = dialog.household, dialog.chosen_visitors(), dialog.form()
        self.context.run(
            translate("Registry", "Saving the visit"),
            partial(visits.record_visit, household=household.uuid, visitors=[cadre.uuid for cadre in visitors], **form),
            lambda _value: self.say(translate("Registry", "Visit to {household} saved.").format(household=household_label(household))),
            self._failed,
        )

    # -- demand ------------------------------------------------------------------------
    def raise_demand(self) -> None:
        from ui.daily.demand_dialogs import RaiseDemandDialog

        household = self._household()
        if household is None:
            return
        self.dialog = RaiseDemandDialog(categories(), grid_workers(), self.owner)
        self.dialog.take_subject(household, household_label(household))
        self.dialog.accepted.connect(partial(self._save_demand, self.dialog))
        self.dialog.open()

    def _save_demand(self, dialog) -> None:
        form = dialog.form()
        for part in ("household", "shop", "category", "recorded_by"):
            form[part] = form[part].uuid if form[part] is not None else None
        self.context.run(
            translate("Registry", "Saving the demand"),
            partial(raise_demand, **form),
            lambda _demand: self.say(translate("Registry", "Demand saved; it is listed under Demands (Ctrl+3).")),
            self._failed,
        )

    # -- card --------------------------------------------------------------------------
    def print_card(self) -> None:
        from desktop.operations.printing import print_document  # reportlab: only when a card is printed
        from ui.dialogs import pdf_files

        household = self._household()
        if household is None:
            return
        folder = Path(self.context.settings.last_folder("print"))
        path = pdf_files.ask_save_path(self.owner, translate("Registry", "Save the service card as PDF"),
                                      str(folder / f"{household_label(household)}-连心卡.pdf"))
        if not path:
            return
        self.context.settings.set_last_folder("print", path)

        def done(result) -> None:
            self.say(translate("Registry", "Service card saved to {file}.").format(file=path))
            pdf_files.open_in_viewer(Path(path))

        self.context.run(
            translate("Registry", "Printing the service card"),
            partial(print_document, document="cards", path=path, scope=Scope(households=(household.uuid,))),
            done,
            self._failed,
        )

    # -- history -----------------------------------------------------------------------
    def show_history(self) -> None:
        household = self._household()
        if household is not None:
            open_history(self.owner, household, household_label(household))
