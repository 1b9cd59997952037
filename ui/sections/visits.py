"""Visits (走访): cadres with their load, each cadre's households with the last visit, and coverage.

Keyboard: the cadre list and the household list are one Tab apart; after
linking or a visit the focus is on the household list.
Ctrl+L links households to the current cadre, Delete unlinks the selected
ones, Ctrl+N (or Return on a household) records a visit, Ctrl+H shows the
history of the household (or, from the cadre list, the cadre).  Ctrl+K checks
coverage (不漏一户) on the coverage tab; Ctrl+Shift+C opens the cadre list
the office keeps (add, edit, remove).  Writes are operations
(`desktop.operations.links`, `.visits`) run through `context.run`.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.operations import links, visits
from models.registry.assignments import cadre_households, cadre_load_query, household_label
from models.records.people import Cadre
from models.work.reference_lists import categories
from ui.daily.cadre_list import CadreListView
from ui.daily.coverage_view import CoverageView
from ui.daily.history import HISTORY_KEYS, open_history
from ui.daily.link_dialog import LinkDialog
from ui.daily.query_model import Column, LazyQueryModel
from ui.daily.visit_dialog import VisitDialog, visit_cadres
from ui.style.columns import ColumnMenu
from ui.style.record_tables import record_table


def _day(value) -> str:
    return "" if value is None else str(value)


class VisitsSection(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.link_dialog: LinkDialog | None = None
        self.visit_dialog: VisitDialog | None = None
        self.history_dialog = None

        self.cadre_model = LazyQueryModel(
            [Column(self.tr("Cadre"), lambda c: c.name), Column(self.tr("Linked households"), lambda c: str(c.load))],
            parent=self,
        )
        self.cadres = self._table("cadreList", self.cadre_model)
        self.household_model = LazyQueryModel(
            [
                Column(self.tr("Household"), household_label),
                Column(self.tr("Last visit"), lambda h: _day(h.last_visit) or self.tr("never")),
            ],
            emphasis=lambda h: h.last_visit is None,
            parent=self,
        )
        self.households = self._table("cadreHouseholds", self.household_model)
        self.households.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.households.activated.connect(lambda _index: self.record_visit())

        self.heading = QLabel()
        self.heading.setObjectName("cadreHeading")
        self.message = QLabel()
        self.message.setObjectName("visitsMessage")
        self.message.setWordWrap(True)
        splitter = QSplitter()
        buttons = QHBoxLayout()
        for text, slot, keys in (
            (self.tr("&Link households… (Ctrl+L)"), self.open_link_dialog, "Ctrl+L"),
            (self.tr("&Unlink (Del)"), self.unlink_selected, "Delete"),
            (self.tr("Re&cord visit… (Ctrl+N)"), self.record_visit, "Ctrl+N"),
            (self.tr("History (Ctrl+H)"), self.show_history, HISTORY_KEYS),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            # On the tab, not the section: the cadre list tab has its own Delete and Ctrl+H.
            QShortcut(QKeySequence(keys), splitter, slot)
        buttons.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.households, 1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.message)
        splitter.addWidget(self.cadres)
        splitter.addWidget(right)
        QWidget.setTabOrder(self.cadres, self.households)
        splitter.setStretchFactor(1, 2)

        self.coverage = CoverageView(context, self)
        self.cadre_list = CadreListView(context, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, self.tr("Cadres and households"))
        self.tabs.addTab(self.coverage, self.tr("Coverage"))
        self.tabs.addTab(self.cadre_list, self.tr("Cadre list (Ctrl+Shift+C)"))
        QShortcut(QKeySequence("Ctrl+K"), self, self.check_coverage)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.show_cadre_list)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self.cadres.selectionModel().currentRowChanged.connect(lambda *_: self.show_cadre())
        context.data_changed.connect(self.on_data_changed)
        self.reload_cadres()
        self.setFocusProxy(self.cadres)

    def _table(self, name: str, model: LazyQueryModel) -> QTableView:
        table = record_table(name, model)
        table.columns = ColumnMenu(table, settings=self.context.settings)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.Fixed)
        header.resizeSection(1, 110)
        return table

    # -- what is shown -----------------------------------------------------------
    def current_cadre(self) -> Cadre | None:
        index = self.cadres.currentIndex()
        return self.cadre_model.record(index.row()) if index.isValid() else None

    def reload_cadres(self) -> None:
        current = self.current_cadre()
        self.cadre_model.set_query(cadre_load_query)
        row = 0
        if current is not None:
            for candidate in range(self.cadre_model.rowCount()):
                if self.cadre_model.record(candidate).uuid == current.uuid:
                    row = candidate
                    break
        if self.cadre_model.rowCount():
            self.cadres.setCurrentIndex(self.cadre_model.index(row, 0))
        self.show_cadre()

    def show_cadre(self) -> None:
        cadre = self.current_cadre()
        if cadre is None:
            self.heading.setText(self.tr("No cadres yet: add them on the cadre list (Ctrl+Shift+C)."))
            self.household_model.set_query(None)
            return
        self.heading.setText(self.tr("Households linked to {name}").format(name=cadre.name))
        self.household_model.set_query(lambda: cadre_households(cadre))
        if self.household_model.rowCount():
            self.households.setCurrentIndex(self.household_model.index(0, 0))

    def on_data_changed(self, table: str) -> None:
        if table in ("*", "assignment", "visit", "cadre", "household"):
            self.reload_cadres()

    def selected_households(self):
        rows = sorted({index.row() for index in self.households.selectionModel().selectedRows()})
        if not rows and self.households.currentIndex().isValid():
            rows = [self.households.currentIndex().row()]
        return [self.household_model.record(row) for row in rows]

    # -- actions -----------------------------------------------------------------
    def _write(self, title: str, operation, done_message: str) -> None:
        def finished(_result) -> None:
            self.message.setText(done_message)
            self.return_to_households()

        self.context.run(title, operation, finished, lambda error: self.message.setText(str(error)))

    def return_to_households(self) -> None:
        """Back from a dialog: the next thing to do is usually a visit on this list."""
        self.window().activateWindow()
        self.households.setFocus()

    def open_link_dialog(self) -> None:
        cadre = self.current_cadre()
        if cadre is None:
            return
        self.link_dialog = LinkDialog(cadre, self)
        self.link_dialog.accepted.connect(self._link_chosen)
        self.link_dialog.rejected.connect(self.return_to_households)
        self.link_dialog.open()

    def _link_chosen(self) -> None:
        dialog = self.link_dialog
        cadre, place, households = dialog.cadre, dialog.chosen_place(), dialog.chosen_households()
        if place is not None:
            work = partial(links.link_households, cadre=cadre.uuid, place=place)
        elif households:
            work = partial(links.link_households, cadre=cadre.uuid, households=[h.uuid for h in households])
        else:
            return
        self._write(self.tr("Linking households"), work, self.tr("Households linked to {name}.").format(name=cadre.name))

    def unlink_selected(self) -> None:
        cadre = self.current_cadre()
        households = self.selected_households() if self.households.hasFocus() else []
        if cadre is None or not households:
            return
        self._write(
            self.tr("Unlinking households"),
            partial(links.unlink_households, cadre=cadre.uuid, households=[h.uuid for h in households]),
            self.tr("{count} household(s) unlinked from {name}.").format(count=len(households), name=cadre.name),
        )

    def record_visit(self) -> None:
        households = self.selected_households()
        if not households:
            return
        household = households[0]
        cadres, chosen = visit_cadres(household, self.current_cadre())
        self.visit_dialog = VisitDialog(household, cadres, chosen, categories(), self)
        self.visit_dialog.accepted.connect(self._save_visit)
        self.visit_dialog.rejected.connect(self.return_to_households)
        self.visit_dialog.open()

    def _save_visit(self) -> None:
        dialog = self.visit_dialog
        household, visitors, form = dialog.household, dialog.chosen_visitors(), dialog.form()
        self._write(
            self.tr("Saving the visit"),
            partial(visits.record_visit, household=household.uuid, visitors=[cadre.uuid for cadre in visitors], **form),
            self.tr("Visit to {household} saved.").format(household=household_label(household)),
        )

    def show_cadre_list(self) -> None:
        self.tabs.setCurrentWidget(self.cadre_list)
        self.cadre_list.setFocus()

    def show_history(self) -> None:
        """The history of the household under the cursor, or of the cadre when their list has the focus."""
        if self.cadres.hasFocus():
            cadre = self.current_cadre()
            if cadre is not None:
                open_history(self, cadre, cadre.name)
            return
        households = self.selected_households()
        if households:
            open_history(self, households[0], household_label(households[0]))

    def check_coverage(self) -> None:
        self.tabs.setCurrentWidget(self.coverage)
        self.coverage.check()

