"""The records behind a bar: the households, shops or demands it counts, in a list (`models.figures.behind`).

Opened by Enter or a click on any bar of the dashboard, or Enter or a double
click on a figure of the statistics' tables by micro-grid and by special grid
(`ui.sections.statistics`); its heading says what
the bar counts and how many, the same number as on the bar.  No phone or ID
number is shown.  Enter (or a double click) on a demand opens its page, where
it can be accepted, dispatched, closed or called back.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout

from models.registry.assignments import household_label
from models.figures.behind import Bar, count_behind, demands_behind, households_behind, shops_behind
from models.registry.coverage import Period
from models.scope import Scope
from ui.daily.demand_page import DemandPage
from ui.daily.names import state_name
from ui.daily.query_model import Column, LazyQueryModel
from ui.style.record_tables import record_table


def demand_page(owner, context, model: LazyQueryModel, table: QTableView, row: int, shown: DemandPage | None):
    """The page of the demand in `row` of a list, over `owner` (replacing the one `shown`); the list has the keys back
    when it closes.  The page found, or `shown` when the row is not one."""
    if not 0 <= row < model.rowCount():
        return shown
    if shown is not None:
        shown.close()
    page = DemandPage(context, model.record(row), owner)
    page.finished.connect(lambda *_: table.setFocus())
    page.show()
    page.activateWindow()
    return page


class RecordsDialog(QDialog):
    def __init__(self, context, bar: Bar, what: str, period: Period, today: dt.date, scope: Scope,
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("barRecords")
        self.context = context
        self.page: DemandPage | None = None
        self.bar = bar
        count = count_behind(bar, period, today, scope)
        self.setWindowTitle(what)
        self.heading = QLabel(self.tr("{what}: {count} record(s), {start} to {end}").format(
            what=what, count=count, start=period.start, end=period.end))
        self.heading.setObjectName("barRecordsHeading")
        self.heading.setWordWrap(True)
        if bar.of_households:
            self.model = LazyQueryModel([Column(self.tr("Household"), household_label)], parent=self)
            self.model.set_query(lambda: households_behind(bar, period, scope))
        elif bar.of_shops:
            self.model = LazyQueryModel([
                Column(self.tr("Shop"), lambda shop: shop.name),
                Column(self.tr("Business"), lambda shop: shop.business),
                Column(self.tr("Operator"), lambda shop: shop.owner),
                Column(self.tr("Address"), lambda shop: shop.address),
            ], parent=self)
            self.model.set_query(lambda: shops_behind(bar, period))
        else:
            self.model = LazyQueryModel([
                Column(self.tr("Raised"), lambda d: str(d.raised_on)),
                Column(self.tr("Household"), lambda d: d.address or ""),
                Column(self.tr("Category"), lambda d: d.category_name or ""),
                Column(self.tr("Demand"), lambda d: d.description),
                Column(self.tr("State"), lambda d: state_name(d.state)),
                Column(self.tr("Deadline"), lambda d: "" if d.deadline is None else str(d.deadline)),
            ], parent=self)
            self.model.set_query(lambda: demands_behind(bar, period, today, scope))
        self.table = record_table("barRecordsList", self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        if not bar.of_households and not bar.of_shops:
            self.table.activated.connect(lambda index: self.open_demand(index.row()))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 480)
        self.table.setFocus()

    def open_demand(self, row: int) -> None:
        """The demand's page over the list."""
        self.page = demand_page(self, self.context, self.model, self.table, row, self.page)

    def count(self) -> int:
        """The rows the list holds once scrolled to the end."""
        while self.model.canFetchMore():
            self.model.fetchMore()
        return self.model.rowCount()
