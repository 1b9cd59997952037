"""Demands (诉求办理): the list with overdue demands standing out, filters, groups, and each demand's page.

Keyboard: Ctrl+F to the search line, Alt+S the state, Alt+O the source, Ctrl+Shift+D
overdue only, Ctrl+Shift+R closed demands awaiting a return visit; Return on a row
opens its page; Ctrl+N raises a demand that did not come from a visit (12345,
the office, a grid worker's report…); Ctrl+G gathers the selected demands into a
group (一类事); Ctrl+Shift+L edits the categories and responsible units.
Filtering is SQL; the list fetches a page at a time.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.demands import group_demands, raise_demand
from desktop.operations.reference_lists import ensure_lists
from models.registry.cadres import grid_workers
from models.work.demands import OPEN_STATES, DemandFilter, count_demands, demand_list
from models.work.reference_lists import categories
from models.records.work import Demand
from ui.daily.demand_dialogs import RaiseDemandDialog
from ui.daily.demand_page import DemandPage
from ui.daily.names import state_name
from ui.daily.outcome_names import source_name
from ui.daily.query_model import Column, LazyQueryModel
from ui.daily.reference_lists_dialog import ReferenceListsDialog
from ui.style.columns import ColumnMenu


class DemandsSection(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.page: DemandPage | None = None
        self.group_dialog: QInputDialog | None = None
        self.lists_dialog: ReferenceListsDialog | None = None
        self.raise_dialog: RaiseDemandDialog | None = None

        self.search = QLineEdit()
        self.search.setObjectName("demandSearch")
        self.search.setPlaceholderText(self.tr("Find in description or address (Ctrl+F)"))
        QShortcut(QKeySequence.Find, self, self.search.setFocus)
        self.state = QComboBox()
        self.state.setObjectName("demandState")
        self.state.addItem(self.tr("All states"), ())
        self.state.addItem(self.tr("Not yet closed"), OPEN_STATES)
        for state in ("pending", "accepted", "in_progress", "closed", "rejected"):
            self.state.addItem(state_name(state), (state,))
        state_label = QLabel(self.tr("&State"))
        state_label.setBuddy(self.state)
        self.source = QComboBox()
        self.source.setObjectName("demandSource")
        self.source.addItem(self.tr("All sources"), None)
        for source in (*Demand.SOURCES, ""):
            self.source.addItem(source_name(source), source)
        source_label = QLabel(self.tr("S&ource"))
        source_label.setBuddy(self.source)
        self.overdue_only = QCheckBox(self.tr("Overdue only (Ctrl+Shift+D)"))
        self.overdue_only.setObjectName("overdueOnly")
        self.awaiting = QCheckBox(self.tr("Awaiting return visit (Ctrl+Shift+R)"))
        self.awaiting.setObjectName("awaitingReturnVisit")
        # Toggled by a shortcut that leaves the focus on the list, where the work is.
        QShortcut(QKeySequence("Ctrl+Shift+D"), self, self.overdue_only.toggle)
        QShortcut(QKeySequence("Ctrl+Shift+R"), self, self.awaiting.toggle)
        self.count = QLabel()
        self.count.setObjectName("demandCount")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(state_label)
        filters.addWidget(self.state)
        filters.addWidget(source_label)
        filters.addWidget(self.source)
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.awaiting)
        filters.addWidget(self.count)

        self.model = LazyQueryModel(
            [
                Column(self.tr("Raised"), lambda d: str(d.raised_on)),
                Column(self.tr("Household"), lambda d: d.address),
                Column(self.tr("Category"), lambda d: d.category_name or ""),
                Column(self.tr("Demand"), lambda d: d.description),
                Column(self.tr("State"), self._state_text),
                Column(self.tr("Deadline"), lambda d: "" if d.deadline is None else str(d.deadline)),
                Column(self.tr("Group"), lambda d: d.group_name or ""),
            ],
            emphasis=lambda d: bool(d.overdue),
            parent=self,
        )
        self.table = QTableView()
        self.table.setObjectName("demandList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        header.resizeSection(1, 220)
        header.resizeSection(4, 150)
        # Narrower than a 1366 px screen gives: the group and the category step aside (the header's menu brings them back).
        self.columns = ColumnMenu(self.table, low_priority=(6, 2), narrow_below=1000, settings=context.settings)
        self.table.activated.connect(lambda index: self.open_page(index.row()))
        QShortcut(QKeySequence("Ctrl+G"), self, self.group_selected)
        QShortcut(QKeySequence("Ctrl+N"), self, self.open_raise_dialog)
        self.message = QLabel()
        self.message.setObjectName("demandsMessage")
        lists = QPushButton(self.tr("Categories and units… (Ctrl+Shift+L)"))
        lists.setObjectName("openReferenceLists")
        lists.clicked.connect(self.open_reference_lists)
        QShortcut(QKeySequence("Ctrl+Shift+L"), self, self.open_reference_lists)
        raise_button = QPushButton(self.tr("New demand… (Ctrl+N)"))
        raise_button.setObjectName("openRaiseDemand")
        raise_button.clicked.connect(self.open_raise_dialog)
        footer = QHBoxLayout()
        footer.addWidget(self.message, 1)
        footer.addWidget(raise_button)
        footer.addWidget(lists)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

        self._typing = QTimer(self, singleShot=True, interval=250)
        self._typing.timeout.connect(self.reload)
        self.search.textChanged.connect(self._typing.start)
        self.search.returnPressed.connect(self.table.setFocus)
        self.state.currentIndexChanged.connect(self.reload)
        self.source.currentIndexChanged.connect(self.reload)
        self.overdue_only.toggled.connect(self.reload)
        self.awaiting.toggled.connect(self.reload)
        context.data_changed.connect(self.on_data_changed)
        self.setFocusProxy(self.table)
        self.reload()

    def _state_text(self, demand) -> str:
        text = state_name(demand.state)
        return self.tr("{state}, overdue").format(state=text) if demand.overdue else text

    def current_filter(self) -> DemandFilter:
        return DemandFilter(
            states=tuple(self.state.currentData() or ()),
            overdue_only=self.overdue_only.isChecked(),
            awaiting_return_visit=self.awaiting.isChecked(),
            text=self.search.text(),
            source=self.source.currentData(),
        )

    def reload(self) -> None:
        demand_filter = self.current_filter()
        self.model.set_query(lambda: demand_list(demand_filter))
        self.count.setText(self.tr("{count} demand(s)").format(count=count_demands(demand_filter)))
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def on_data_changed(self, table: str) -> None:
        if table in ("*", "demand", "visit", "dispatch", "return_visit", "demand_group"):
            self.reload()

    def select_demand(self, uuid: str) -> bool:
        """Select the demand `uuid` and scroll to it, wherever it sorts (a demand dated last week too)."""
        row = self.model.row_where(lambda demand: demand.uuid == uuid)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_demands(self):
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.record(row) for row in rows]

    def open_page(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        if self.page is not None:
            self.page.close()
        self.page = DemandPage(self.context, self.model.record(row), self)
        self.page.finished.connect(self._back_to_list)
        self.page.show()
        self.page.activateWindow()

    def _back_to_list(self) -> None:
        self.window().activateWindow()
        self.table.setFocus()

    def group_selected(self) -> None:
        demands = self.selected_demands()
        if len(demands) < 2:
            self.message.setText(self.tr("Select two or more demands to handle them as one group."))
            return
        self.group_dialog = QInputDialog(self)
        self.group_dialog.setObjectName("groupNameDialog")
        self.group_dialog.setWindowTitle(self.tr("Group of demands"))
        self.group_dialog.setLabelText(self.tr("Name of the group (e.g. corridor lamps of Building 3):"))
        self.group_dialog.textValueSelected.connect(lambda name: self._make_group(name, demands))
        self.group_dialog.rejected.connect(self._back_to_list)
        self.group_dialog.open()

    def _make_group(self, name: str, demands) -> None:
        uuids = [demand.uuid for demand in demands]  # the worker reads its own records
        def done(group) -> None:
            self.message.setText(self.tr("{count} demands grouped as {name}.").format(count=len(demands), name=group.name))
            self._back_to_list()

        self.context.run(
            self.tr("Grouping demands"),
            partial(group_demands, name=name, demands=uuids),
            done,
            lambda error: self.message.setText(str(error)),
        )

    def open_raise_dialog(self) -> None:
        """Ctrl+N: a demand raised outside a visit, with where it came from."""
        self.raise_dialog = RaiseDemandDialog(categories(), grid_workers(), self)
        self.raise_dialog.accepted.connect(self._save_raised)
        self.raise_dialog.rejected.connect(self._back_to_list)
        self.raise_dialog.open()

    def _save_raised(self) -> None:
        form = self.raise_dialog.form()
        for part in ("household", "shop", "category", "recorded_by"):  # the worker reads its own records
            form[part] = form[part].uuid if form[part] is not None else None

        def done(demand) -> None:
            self.message.setText(self.tr("Demand saved ({source}).").format(source=source_name(demand.source)))
            self._back_to_list()
            # After the list is read again (the change is announced after this): the new one, selected and in view.
            QTimer.singleShot(0, lambda uuid=demand.uuid: self.select_demand(uuid))

        self.context.run(
            self.tr("Saving the demand"),
            partial(raise_demand, **form),
            done,
            lambda error: self.message.setText(str(error)),
        )

    def open_reference_lists(self) -> None:
        """The lists are created on first use, so that write happens off the UI thread first."""

        def show(_result) -> None:
            self.lists_dialog = ReferenceListsDialog(self.context, self)
            self.lists_dialog.finished.connect(self._back_to_list)
            self.lists_dialog.open()

        self.context.run(
            self.tr("Opening the lists"),
            ensure_lists,
            show,
            lambda error: self.message.setText(str(error)),
        )
