"""Registry (登记册): places, households and residents; buildings and shops; the search box; import; duplicates.

Keyboard: Ctrl+F puts the cursor in the search box (results update as you type:
name, pinyin initials, phone tail, ID number, address part; the cursor stays in
the box); Return opens the first result, Down goes to the list.  On a found or
listed household: Ctrl+L link to a cadre, Ctrl+Shift+V record a visit,
Ctrl+Shift+N raise a demand, Ctrl+P print its card, Ctrl+H history (also the
context menu; `ui.registry.hub_actions`), from the list or the household page.
The actions are for the household on the page while it is open, else for the
row under the cursor.  Ctrl+I imports a roster,
Ctrl+Shift+I a shop or enterprise list (商铺名单, shops under their 专属网格),
Ctrl+Shift+H adds a household, Ctrl+D opens the duplicates screen, Ctrl+T shows
or hides the place tree, Ctrl+Shift+G puts the chosen grid's buildings or units
in a micro-grid (微网格).  Alt+1, Alt+2, Alt+3 show the households, the
buildings and the shops of the grid chosen in the tree.  The household page has
its own keys (`ui.registry.household_page`); Esc closes it.

At 1024×768: the place tree folds away below 1280 px (a breadcrumb says where
the list is), and the household page opens over the list when the two do not
fit side by side; Esc closes it and goes back to the list.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.records.identity import mask_phone
from models.registry.lists import community_of, grid_of, households_in
from models.registry.search import find
from ui.daily.history import HISTORY_KEYS
from ui.daily.query_model import Column, LazyQueryModel
from ui.registry.household_page import HouseholdPage
from ui.registry.hub_actions import HubActions
from ui.registry.models import PlaceTreeModel, SearchResultsModel
from ui.registry.place_lists import BuildingList, ShopList
from ui.style import theme
from ui.style.columns import ColumnMenu
from ui.style.icons import icon

REFRESH_ON = {"*", "household", "micro_grid", "resident", "sub_district", "community", "grid", "building", "unit"}
TREE_FOLDS_BELOW = 1280 - theme.RAIL_WIDTH  # the section's width when the window is 1280 px wide
SIDE_BY_SIDE_FROM = 1000  # px for the list and the page side by side: a 1024 px window shows the page over the list


class RegistrySection(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.grid_uuid: str | None = None
        self.tree_wanted: bool | None = None  # None: by the width; else the person's choice (Ctrl+T)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search: name, initials (zsm), phone tail, ID number, address (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.LeadingPosition)
        self.search_box.textChanged.connect(self.search)
        self.search_box.returnPressed.connect(self.open_first_result)
        self.search_box.installEventFilter(self)
        self.tree_button = QToolButton()
        self.tree_button.setObjectName("treeToggle")
        self.tree_button.setIcon(icon("sitemap"))
        self.tree_button.setCheckable(True)
        self.tree_button.setToolTip(self.tr("Places: show or hide the tree  Ctrl+T"))
        self.tree_button.clicked.connect(self.toggle_tree)
        self.import_button = QPushButton(icon("file-import"), self.tr("&Import roster… (Ctrl+I)"))
        self.import_button.clicked.connect(self.import_roster)
        self.add_household_button = QPushButton(icon("user-plus", "#FFFFFF"), self.tr("Add ho&usehold… (Ctrl+Shift+H)"))
        self.add_household_button.clicked.connect(self.add_household)
        theme.mark_primary(self.add_household_button)
        self.duplicates_button = QPushButton(icon("copy"), self.tr("&Duplicates… (Ctrl+D)"))
        self.duplicates_button.clicked.connect(self.show_duplicates)
        self.micro_grid_button = QToolButton()
        self.micro_grid_button.setObjectName("microGridButton")
        self.micro_grid_button.setIcon(icon("map-pin"))
        self.micro_grid_button.setToolTip(self.tr("Micro-grids: put the grid's buildings or units in one  Ctrl+Shift+G"))
        self.micro_grid_button.clicked.connect(self.assign_micro_grids)
        QShortcut(QKeySequence.Find, self, self.focus_search)
        self.shop_import_button = QToolButton()
        self.shop_import_button.setObjectName("shopImportButton")
        self.shop_import_button.setIcon(icon("list-details"))
        self.shop_import_button.setToolTip(self.tr("Import a shop or enterprise list (专属网格)…  Ctrl+Shift+I"))
        self.shop_import_button.clicked.connect(self.import_shops)
        QShortcut(QKeySequence("Ctrl+I"), self, self.import_roster)
        QShortcut(QKeySequence("Ctrl+Shift+I"), self, self.import_shops)
        QShortcut(QKeySequence("Ctrl+Shift+H"), self, self.add_household)
        QShortcut(QKeySequence("Ctrl+D"), self, self.show_duplicates)
        QShortcut(QKeySequence("Ctrl+T"), self, self.toggle_tree)
        QShortcut(QKeySequence("Ctrl+Shift+G"), self, self.assign_micro_grids)

        self.tree_model = PlaceTreeModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("placeTree")
        self.tree.setModel(self.tree_model)
        self.tree.expanded.connect(self.tree_model.load_children)
        self.tree.selectionModel().currentChanged.connect(self.place_chosen)
        self.breadcrumb = theme.mark_hint(QLabel())
        self.breadcrumb.setObjectName("breadcrumb")

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
        self.households.horizontalHeader().resizeSection(0, 260)
        self.household_columns = ColumnMenu(self.households, low_priority=(2,), narrow_below=560,  # tags step aside
                                            settings=context.settings)
        self.households.selectionModel().currentRowChanged.connect(lambda index: self._browsed(self.household_chosen, index))
        self.households.activated.connect(self.household_chosen)

        self.results_model = SearchResultsModel(self)
        self.results = self._table("searchResults", self.results_model)
        self.results.selectionModel().currentRowChanged.connect(lambda index: self._browsed(self.result_chosen, index))
        self.results.activated.connect(self.result_chosen)
        self.result_columns = ColumnMenu(self.results, low_priority=(2,), narrow_below=760,  # the masked ID number first
                                         settings=context.settings)
        metrics = self.results.fontMetrics()
        for column, sample in enumerate(("居民户", "欧阳小明明", "110***********1234", "138****5678")):
            self.results.horizontalHeader().resizeSection(column, metrics.horizontalAdvance(sample) + 2 * theme.GRID)
        self.empty = QLabel()
        self.empty.setObjectName("registryEmpty")
        self.empty.setProperty("emptyState", True)
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)

        self.lists = QStackedWidget()
        self.lists.addWidget(self.households)
        self.lists.addWidget(self.results)
        self.lists.addWidget(self.empty)
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
        self.page.close_requested.connect(self.close_page)
        self.page_open = False
        self.page.household_shown.connect(self._household_shown)
        close_page = QShortcut(QKeySequence(Qt.Key_Escape), self, self.close_page)
        close_page.setContext(Qt.WidgetWithChildrenShortcut)

        self.hub = HubActions(self, self.current_household)
        self.message = theme.mark_hint(QLabel())
        self.message.setObjectName("registryMessage")
        for view, columns in ((self.results, self.result_columns), (self.households, self.household_columns)):
            actions = self.hub.actions(view)
            view.addActions(actions)
            view.setContextMenuPolicy(Qt.CustomContextMenu)
            view.customContextMenuRequested.connect(  # the hub's actions, then the column menu
                lambda point, view=view, actions=[*actions, columns.action]:
                self.hub.menu(actions, view).popup(view.viewport().mapToGlobal(point)))

        # The page's history button answered Ctrl+H in the whole window, so the lists could not have it too (Qt takes
        # neither of two shortcuts for one key): its Ctrl+H now holds while the cursor is on the page, the hub's on
        # the lists.
        self.page.history_button.setShortcut(QKeySequence())
        page_history = QAction(self.page)
        page_history.setShortcut(QKeySequence(HISTORY_KEYS))
        page_history.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        page_history.triggered.connect(self.page.show_history)
        self.page.addAction(page_history)
        self.page.addActions([action for action in self.hub.actions(self.page)
                              if not action.shortcut().isEmpty() and action.objectName() != "hub_history"])
        top = QHBoxLayout()
        top.setSpacing(theme.GRID)
        top.addWidget(self.tree_button)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.micro_grid_button)
        top.addWidget(self.add_household_button)
        top.addWidget(self.duplicates_button)
        top.addWidget(self.import_button)
        top.addWidget(self.shop_import_button)
        self.splitter = QSplitter()
        self.splitter.setObjectName("registrySplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.place_tabs)
        self.splitter.addWidget(self.page)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([220, 420, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.breadcrumb)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        self.page.show_household(None)
        self.show_grid(None)
        self.roster_import = None  # ui.registry.import_flow, imported when first used (the roster readers: 0.1 s)
        self.shop_import = None
        self.place = None  # the place chosen in the tree
        self.duplicates = None
        self.micro_grid_dialog = None
        self._show_breadcrumb(None)
        self._show_empty_state()
        context.data_changed.connect(self.on_data_changed)

    def _table(self, name: str, model) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setSelectionMode(QAbstractItemView.SingleSelection)
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setDefaultSectionSize(120)
        view.verticalHeader().hide()
        return view

    def say(self, text: str) -> None:
        self.message.setText(text)

    # -- layout by width ---------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_width()

    def _fit_width(self) -> None:
        width = self.width()
        tree_shown = self.tree_wanted if self.tree_wanted is not None else width >= TREE_FOLDS_BELOW
        self.tree.setVisible(tree_shown)
        self.tree_button.setChecked(tree_shown)
        self._arrange()

    def _arrange(self) -> None:
        """The list and the page side by side when both fit; else the page, once opened, over the list."""
        if self.place_tabs.currentIndex() != 0:
            self.page.hide()
            self.place_tabs.show()
        elif self.side_by_side():
            self.page.show()
            self.place_tabs.show()
        else:
            self.page.setVisible(self.page_open)
            self.place_tabs.setVisible(not self.page_open)

    def side_by_side(self) -> bool:
        """Whether the list and the household page both fit; otherwise the page opens over the list."""
        needed = max(SIDE_BY_SIDE_FROM, self.place_tabs.minimumSizeHint().width() + self.page.minimumSizeHint().width() + 24)
        if self.tree.isVisibleTo(self):
            needed += self.tree.width()
        return self.width() >= needed

    def toggle_tree(self) -> None:
        self.tree_wanted = not self.tree.isVisibleTo(self)
        self._fit_width()
        if self.tree_wanted:
            self.tree.setFocus()

    def _show_breadcrumb(self, place) -> None:
        path = self.tree_model.path_of(place) if place else []
        self.breadcrumb.setText(" › ".join([self.tr("All places"), *path]))

    # -- the household page ------------------------------------------------------------
    def current_household(self) -> str | None:
        """The household the hub's actions are for: the one on the page while it is open (or beside the list,
        following the cursor), else the row under the cursor in the list shown."""
        if self.page.household_uuid and (self.page_open or self.side_by_side()):
            return self.page.household_uuid
        view = self.lists.currentWidget()
        index = view.currentIndex() if view in (self.results, self.households) else QModelIndex()
        if not index.isValid():
            return None
        if view is self.results:
            return self.results_model.found(index.row()).household
        return self.household_model.record(index.row()).uuid

    def open_page(self, uuid: str | None) -> None:
        self.page.show_household(uuid)  # → household_shown → _household_shown

    def _household_shown(self, uuid: str | None) -> None:
        self.page_open = uuid is not None
        self._arrange()
        if self.page_open and not self.place_tabs.isVisible():  # over the list: the keys go to the page
            self.page.table.setFocus()

    def _browsed(self, chosen, index: QModelIndex) -> None:
        """Moving through a list shows each household beside it; over the list only Return or a click opens one."""
        if self.side_by_side():
            chosen(index)

    def close_page(self) -> None:
        """Esc: back to the list the household came from."""
        if not self.page_open:
            return
        self.page_open = False
        self._arrange()
        self.lists.currentWidget().setFocus()

    # -- search ----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.show_tab(0, focus=False)
        self.search_box.setFocus()
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        """Typing: the results follow each keystroke, and the cursor stays in the box."""
        if not text.strip():
            self.results_model.set_matches([])
            self._show_empty_state()
            return
        self.results_model.set_matches(find(text))  # the columns keep their widths: measuring 50 rows cost 20 ms a key
        self.lists.setCurrentWidget(self.results if self.results_model.rowCount() else self.empty)
        if not self.results_model.rowCount():
            self.empty.setText(self.tr("Nothing found for “{text}”. Try part of a name, the pinyin initials (zsm), "
                                       "the last digits of a phone, or part of the address.").format(text=text.strip()))
        self.show_tab(0, focus=False)

    def eventFilter(self, watched, event) -> bool:
        """Down in the search box goes to the results, as in any search box."""
        if watched is self.search_box and event.type() == event.Type.KeyPress and event.key() == Qt.Key_Down:
            if self.lists.currentWidget() is self.results and self.results_model.rowCount():
                if not self.results.currentIndex().isValid():
                    self.results.selectRow(0)
                self.results.setFocus()
                return True
        return super().eventFilter(watched, event)

    def open_first_result(self) -> None:
        """Return in the search box: the first result's household opens."""
        if self.results_model.rowCount():
            self.results.selectRow(0)
            self.results.setFocus()
            self.result_chosen(self.results_model.index(0, 0))

    def result_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_page(self.results_model.found(index.row()).household)

    def _show_empty_state(self) -> None:
        """The households of the chosen place, or what to do when there are none at all."""
        if self.household_model.rowCount() or self.search_box.text().strip():
            self.lists.setCurrentWidget(self.households)
            return
        self.empty.setText(self.tr("No households yet. Import a roster (Ctrl+I), add a household (Ctrl+Shift+H), "
                                   "or load demo data (File → Load demo data)."))
        self.lists.setCurrentWidget(self.empty)

    # -- browsing --------------------------------------------------------------------
    def place_chosen(self, index: QModelIndex) -> None:
        if not index.isValid():  # the tree was read again: keep what is shown
            return
        place = self.place = PlaceTreeModel.place_of(index)
        self.household_model.set_query(lambda: households_in(place))
        self.search_box.clear()
        self._show_breadcrumb(place)
        self.show_grid(grid_of(place))

    def show_grid(self, grid_uuid: str | None) -> None:
        """List the buildings and shops of `grid_uuid`; without a grid those tabs are off."""
        for tab in (1, 2):
            self.place_tabs.setTabEnabled(tab, grid_uuid is not None)
        self.micro_grid_button.setEnabled(grid_uuid is not None)
        if grid_uuid != self.grid_uuid:
            self.grid_uuid = grid_uuid
            self.buildings.set_grid(grid_uuid)
            self.shops.set_grid(grid_uuid)

    def show_tab(self, number: int, focus: bool = True) -> None:
        """Show the households, buildings or shops; the cursor goes there unless the person is typing elsewhere."""
        if self.place_tabs.isTabEnabled(number):
            self.place_tabs.setCurrentIndex(number)
            if focus:
                self.place_tabs.currentWidget().setFocus()

    def tab_chosen(self, number: int) -> None:
        """The household page belongs to the households list; the other lists have their own form."""
        self._arrange()

    def household_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_page(self.household_model.record(index.row()).uuid)

    def add_household(self) -> None:
        self.show_tab(0)
        self.page_open = True
        self._arrange()
        self.page.add_household(self.grid_uuid)

    def import_roster(self) -> None:
        from ui.registry.import_flow import RosterImport

        self.roster_import = RosterImport(self.context, self)
        self.roster_import.start()

    def import_shops(self) -> None:
        """Ctrl+Shift+I: a shop list into its special grids, in the community chosen in the tree unless changed."""
        from ui.registry.shop_import_flow import ShopImport

        self.shop_import = ShopImport(self.context, self, community_of(self.place))
        self.shop_import.start()

    def assign_micro_grids(self) -> None:
        """Ctrl+Shift+G: the chosen grid's buildings and units into a micro-grid (`ui.registry.micro_grid_dialog`)."""
        from ui.registry.micro_grid_dialog import MicroGridDialog

        if self.grid_uuid is None:
            self.say(self.tr("Choose a grid in the place tree first (Ctrl+T)."))
            return
        self.micro_grid_dialog = MicroGridDialog(self.grid_uuid, self.breadcrumb.text().split(" › ")[-1], self)
        self.micro_grid_dialog.accepted.connect(self._put_in_micro_grid)
        self.micro_grid_dialog.open()

    def _put_in_micro_grid(self) -> None:
        from desktop.operations.micro_grids import assign_micro_grid

        self.context.run(
            self.tr("Putting households in the micro-grid"),
            partial(assign_micro_grid, **self.micro_grid_dialog.choice()),
            lambda placed: self.say(self.tr("{count} households put in the micro-grid.").format(count=placed)),
            lambda error: self.say(str(error)),
        )

    def show_duplicates(self) -> None:
        if self.duplicates is None:
            from ui.registry.duplicates_view import DuplicatesDialog

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
        else:
            self._show_empty_state()
        if table != "resident":  # the page re-reads its own resident edits itself
            self.page.reload()
