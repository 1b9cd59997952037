"""Registry (登记册): places, households and residents; the search box; roster import.

Keyboard: Ctrl+F puts the cursor in the search box (results update as you type:
name, pinyin initials, phone tail, ID number, address part); Return or a click on
a result opens its household.  Ctrl+I imports a roster.  On the household page,
edits are made in the table, Delete removes the selected residents, Ctrl+Z undoes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.identity import mask_phone
from models.people import Household
from models.places import Community, Grid
from models.search import find
from ui.daily.query_model import Column, LazyQueryModel
from ui.registry.household_page import HouseholdPage
from ui.registry.import_flow import RosterImport
from ui.registry.models import PlaceTreeModel, SearchResultsModel

REFRESH_ON = {"*", "household", "resident", "sub_district", "community", "grid", "building", "unit"}


def households_in(place: tuple[str, str] | None):
    """A factory of the query listing the households of a place (all when None), by address."""

    def query():
        households = Household.alive()
        if place is not None:
            kind, uuid = place
            if kind == "SubDistrict":
                households = households.join(Grid).join(Community).where(Community.sub_district == uuid)
            elif kind == "Community":
                households = households.join(Grid).where(Grid.community == uuid)
            elif kind == "Grid":
                households = households.where(Household.grid == uuid)
            elif kind == "Building":
                households = households.where(Household.building == uuid)
            elif kind == "Unit":
                households = households.where(Household.unit == uuid)
        return households.order_by(Household.address, Household.uuid)

    return query


class RegistrySection(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search: name, initials (zsm), phone tail, ID number, address (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self.search)
        self.search_box.returnPressed.connect(self.open_first_result)
        self.import_button = QPushButton(self.tr("&Import roster… (Ctrl+I)"))
        self.import_button.clicked.connect(self.import_roster)
        QShortcut(QKeySequence.Find, self, self.focus_search)
        QShortcut(QKeySequence("Ctrl+I"), self, self.import_roster)

        self.tree_model = PlaceTreeModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("placeTree")
        self.tree.setModel(self.tree_model)
        self.tree.expanded.connect(self.tree_model.load_children)
        self.tree.selectionModel().currentChanged.connect(self.place_chosen)

        self.household_model = LazyQueryModel(
            [
                Column(self.tr("Address"), lambda h: h.address),
                Column(self.tr("Phone"), lambda h: mask_phone(h.phone)),
                Column(self.tr("Tags"), lambda h: h.tags),
            ],
            parent=self,
        )
        self.household_model.set_query(households_in(None))
        self.households = self._table("householdTable", self.household_model)
        self.households.selectionModel().currentRowChanged.connect(self.household_chosen)

        self.results_model = SearchResultsModel(self)
        self.results = self._table("searchResults", self.results_model)
        self.results.selectionModel().currentRowChanged.connect(self.result_chosen)
        self.results.activated.connect(self.result_chosen)

        self.lists = QStackedWidget()
        self.lists.addWidget(self.households)
        self.lists.addWidget(self.results)
        self.page = HouseholdPage(self)
        self.page.changed.connect(self.context.data_changed.emit)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.import_button)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.lists)
        splitter.addWidget(self.page)
        splitter.setSizes([220, 420, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.page.show_household(None)
        self.roster_import: RosterImport | None = None
        context.data_changed.connect(self.on_data_changed)

    def _table(self, name: str, model) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setSelectionMode(QAbstractItemView.SingleSelection)
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().hide()
        return view

    # -- search ----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        if not text.strip():
            self.lists.setCurrentWidget(self.households)
            self.results_model.set_matches([])
            return
        self.results_model.set_matches(find(text))
        self.lists.setCurrentWidget(self.results)

    def open_first_result(self) -> None:
        if self.results_model.rowCount():
            self.results.selectRow(0)
            self.results.setFocus()

    def result_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.page.show_household(self.results_model.match(index.row()).household)

    # -- browsing --------------------------------------------------------------------
    def place_chosen(self, index: QModelIndex) -> None:
        self.household_model.set_query(households_in(PlaceTreeModel.place_of(index)))
        self.search_box.clear()

    def household_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.page.show_household(self.household_model.record(index.row()).uuid)

    def import_roster(self) -> None:
        self.roster_import = RosterImport(self.context, self)
        self.roster_import.start()

    def on_data_changed(self, table: str) -> None:
        if table not in REFRESH_ON:
            return
        if table == "*" or table not in ("household", "resident"):
            self.tree_model.reload()
        self.household_model.refresh()
        if self.search_box.text().strip():
            self.search(self.search_box.text())
        if table != "resident":  # the page re-reads its own resident edits itself
            self.page.reload()

