"""Registry (登记册): places, households and residents; buildings and shops; the search box; import; duplicates.

Keyboard: Ctrl+F puts the cursor in the search box (results update as you type:
name, pinyin initials, phone tail, ID number, address part); Return or a click on
a result opens its household.  Ctrl+I imports a roster, Ctrl+Shift+H adds a
household, Ctrl+D opens the duplicates screen.  Alt+1, Alt+2, Alt+3 show the
households, the buildings and the shops of the grid chosen in the tree.  The
household page has its own keys (`ui.registry.household_page`).
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
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.identity import mask_phone
from models.registry_lists import grid_of, households_in
from models.search import find
from ui.daily.query_model import Column, LazyQueryModel
from ui.registry.duplicates_view import DuplicatesDialog
from ui.registry.household_page import HouseholdPage
from ui.registry.import_flow import RosterImport
from ui.registry.models import PlaceTreeModel, SearchResultsModel
from ui.registry.place_lists import BuildingList, ShopList

REFRESH_ON = {"*", "household", "resident", "sub_district", "community", "grid", "building", "unit"}


class RegistrySection(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.grid_uuid: str | None = None
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search: name, initials (zsm), phone tail, ID number, address (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self.search)
        self.search_box.returnPressed.connect(self.open_first_result)
        self.import_button = QPushButton(self.tr("&Import roster… (Ctrl+I)"))
        self.import_button.clicked.connect(self.import_roster)
        self.add_household_button = QPushButton(self.tr("Add house&hold… (Ctrl+Shift+H)"))
        self.add_household_button.clicked.connect(self.add_household)
        self.duplicates_button = QPushButton(self.tr("&Duplicates… (Ctrl+D)"))
        self.duplicates_button.clicked.connect(self.show_duplicates)
        QShortcut(QKeySequence.Find, self, self.focus_search)
        QShortcut(QKeySequence("Ctrl+I"), self, self.import_roster)
        QShortcut(QKeySequence("Ctrl+Shift+H"), self, self.add_household)
        QShortcut(QKeySequence("Ctrl+D"), self, self.show_duplicates)

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
        self.household_model.set_query(lambda: households_in(None))
        self.households = self._table("householdTable", self.household_model)
        self.households.selectionModel().currentRowChanged.connect(self.household_chosen)

        self.results_model = SearchResultsModel(self)
        self.results = self._table("searchResults", self.results_model)
        self.results.selectionModel().currentRowChanged.connect(self.result_chosen)
        self.results.activated.connect(self.result_chosen)

        self.lists = QStackedWidget()
        self.lists.addWidget(self.households)
        self.lists.addWidget(self.results)
        self.buildings = BuildingList(context)
        self.shops = ShopList(context)
        self.place_tabs = QTabWidget()
        self.place_tabs.setObjectName("placeTabs")
        self.place_tabs.addTab(self.lists, self.tr("Households (Alt+1)"))
        self.place_tabs.addTab(self.buildings, self.tr("Buildings of the grid (Alt+2)"))
        self.place_tabs.addTab(self.shops, self.tr("Shops of the grid (Alt+3)"))
        self.place_tabs.currentChanged.connect(self.tab_chosen)
        for number in range(3):
            QShortcut(QKeySequence(f"Alt+{number + 1}"), self, lambda number=number: self.show_tab(number))
        self.page = HouseholdPage(context, self)
        self.page.changed.connect(self.context.data_changed.emit)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.add_household_button)
        top.addWidget(self.duplicates_button)
        top.addWidget(self.import_button)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.place_tabs)
        splitter.addWidget(self.page)
        splitter.setSizes([220, 420, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.page.show_household(None)
        self.show_grid(None)
        self.roster_import: RosterImport | None = None
        self.duplicates: DuplicatesDialog | None = None
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
        self.show_tab(0)
        self.search_box.setFocus()
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        if not text.strip():
            self.lists.setCurrentWidget(self.households)
            self.results_model.set_matches([])
            return
        self.results_model.set_matches(find(text))
        self.lists.setCurrentWidget(self.results)
        self.show_tab(0)

    def open_first_result(self) -> None:
        if self.results_model.rowCount():
            self.results.selectRow(0)
            self.results.setFocus()

    def result_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.page.show_household(self.results_model.match(index.row()).household)

    # -- browsing --------------------------------------------------------------------
    def place_chosen(self, index: QModelIndex) -> None:
        if not index.isValid():  # the tree was read again: keep what is shown
            return
        place = PlaceTreeModel.place_of(index)
        self.household_model.set_query(lambda: households_in(place))
        self.search_box.clear()
        self.show_grid(grid_of(place))

    def show_grid(self, grid_uuid: str | None) -> None:
        """List the buildings and shops of `grid_uuid`; without a grid those tabs are off."""
        for tab in (1, 2):
            self.place_tabs.setTabEnabled(tab, grid_uuid is not None)
        if grid_uuid != self.grid_uuid:
            self.grid_uuid = grid_uuid
            self.buildings.set_grid(grid_uuid)
            self.shops.set_grid(grid_uuid)

    def show_tab(self, number: int) -> None:
        if self.place_tabs.isTabEnabled(number):
            self.place_tabs.setCurrentIndex(number)
            self.place_tabs.currentWidget().setFocus()

    def tab_chosen(self, number: int) -> None:
        """The household page belongs to the households list; the other lists have their own form."""
        self.page.setVisible(number == 0)

    def household_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.page.show_household(self.household_model.record(index.row()).uuid)

    def add_household(self) -> None:
        self.show_tab(0)
        self.page.add_household(self.grid_uuid)

    def import_roster(self) -> None:
        self.roster_import = RosterImport(self.context, self)
        self.roster_import.start()

    def show_duplicates(self) -> None:
        if self.duplicates is None:
            self.duplicates = DuplicatesDialog(self.context, self)
        self.duplicates.show()
        self.duplicates.raise_()
        self.duplicates.find()

    def on_data_changed(self, table: str) -> None:
        if table not in REFRESH_ON:
            return
        if table in ("building", "unit") and self.grid_uuid is not None:
            self.tree_model.refresh_children("Grid", self.grid_uuid)  # keep the tree open where the person is
        elif table == "*" or table not in ("household", "resident"):
            self.tree_model.reload()
        self.household_model.refresh()
        if self.search_box.text().strip():
            self.search(self.search_box.text())
        if table != "resident":  # the page re-reads its own resident edits itself
            self.page.reload()
