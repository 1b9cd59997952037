"""工作台 (home): the first section, a to-do list for whoever uses this laptop (models/workbench.py).

A worker (a cadre or grid worker chosen at first start or in Settings) sees
cards for their own households and demands — not yet visited in the period,
overdue or due within two days, return visits due, new today — and below them
the lists themselves: the next households to visit (longest unvisited first;
Enter records a visit through 走访) and their demands (Enter opens the
demand's page).  The office sees the same cards for the district and the two
charts that say where to push: grids with low coverage, overdue by unit
(every bar opens its records).

Start-up comes first: the section is built empty and fills in from a
background read once the window is on screen; a change anywhere counts again.
Each card takes Enter or a click; Tab moves between them; Ctrl+F goes to the
registry's search.  The period (this month, this quarter, from … to …; Alt+P)
is the window's one choice, shared with 统计 (ui/period_choice.py).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from shiboken6 import isValid
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.registry.assignments import household_label
from models.figures.breakdown_words import ACCENT
from models.registry.coverage import Period
from models.scope import Scope
from models.workbench import (
    OFFICE,
    Todo,
    chosen_user,
    due_demands,
    next_households,
    return_visits_due,
    todo,
    user_cadre,
)
from ui.daily.demand_page import DemandPage
from ui.daily.names import state_name
from ui.daily.query_model import Column, LazyQueryModel
from ui.dashboard.cache import Recount, figure_cache
from ui.dashboard.dashboard import Dashboard
from ui.dashboard.records import demand_page
from ui.period_choice import PeriodChooser
from ui.style.record_tables import record_table

AMBER = "#D98E04"
GRIDS_SHOWN = 15  # the office's 工作台: the grids that need a push; 统计 shows them all


class Card(QPushButton):
    """A count, one line of what it is, and one action ("37 户 / 未走访（本月）→ 开始走访"); Enter or a click acts."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(f"card_{name}")
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.number = 0

    def show_count(self, number: int, unit: str, line: str, action: str, colour: str | None = None) -> None:
        self.number = number
        self.setText(f"{number:,} {unit}\n{line} → {action}")
        self.setAccessibleName(f"{number} {unit} {line}")
        self.setStyleSheet("" if colour is None or not number else f"QPushButton {{ color: {colour}; font-weight: bold; }}")

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.click()
        else:
            super().keyPressEvent(event)


class HomeSection(QWidget):
    todo_shown = Signal()  # the cards hold the counts (tests wait for it)

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.page: DemandPage | None = None
        self.body: QWidget | None = None
        self.recount = Recount(self.refresh, self)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._build()
        context.data_changed.connect(self.on_data_changed)
        context.period.changed.connect(self.refresh)
        # Search is the hub: Ctrl+F on the 工作台 goes to the registry's search box.
        QShortcut(QKeySequence.Find, self, self.find)

    def _build(self) -> None:
        """The body for the laptop's user as chosen now: a worker's lists, the office's charts, or the question."""
        if self.body is not None:
            self._layout.removeWidget(self.body)
            self.body.hide()
            self.body.setParent(None)
            self.body.deleteLater()
        self.user = chosen_user()
        self.cadre = user_cadre()
        self.office = self.cadre is None and self.user == OFFICE
        self.today = dt.date.today()
        self.scope = Scope(cadre=self.cadre.uuid) if self.cadre is not None else Scope()
        self.todo: Todo | None = None
        self.body = QWidget()
        self._layout.addWidget(self.body)

        self.heading = QLabel()
        self.heading.setObjectName("homeHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)  # beside the period chooser, a narrow window wraps it
        self.hint = QLabel()
        self.hint.setObjectName("homeHint")
        self.hint.setWordWrap(True)
        self.period = self._chosen_period() or Period.month_to_date(self.today)
        self.cards = {name: Card(name) for name in ("unvisited", "due", "return_visits", "new_today")}
        card_row = QHBoxLayout()
        for card in self.cards.values():
            card_row.addWidget(card)
            card.setEnabled(False)
        self.cards["unvisited"].clicked.connect(self.start_visiting)
        self.cards["due"].clicked.connect(self.show_due)
        self.cards["return_visits"].clicked.connect(self.show_return_visits)
        self.cards["new_today"].clicked.connect(self.show_new_today)

        self.chooser = PeriodChooser(self.context.period, "home")
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.chooser)
        layout = QVBoxLayout(self.body)
        layout.addLayout(heading_row)
        layout.addLayout(card_row)
        layout.addWidget(self.hint)
        self.households: QTableView | None = None
        self.demands: QTableView | None = None
        self.dashboard: Dashboard | None = None
        if self.cadre is not None:
            layout.addLayout(self._worker_lists(), 1)
            QWidget.setTabOrder(self.households, self.demands)
        elif self.office:
            self.dashboard = Dashboard(self.context, ("coverage_by_grid", "units_overdue"), grids_shown=GRIDS_SHOWN)
            self.dashboard.setObjectName("homeDashboard")
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.NoFrame)
            scroll.setWidget(self.dashboard)
            layout.addWidget(scroll, 1)
            self.dashboard.cache.changed.connect(self._charts_again)
        else:
            layout.addStretch(1)
        self._show_heading()
        self.setFocusProxy(self.cards["unvisited"])

    # -- building ----------------------------------------------------------------------
    def _table(self, name: str, model: LazyQueryModel) -> QTableView:
        table = record_table(name, model)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _worker_lists(self) -> QGridLayout:
        self.household_model = LazyQueryModel([
            Column(self.tr("Household"), household_label),
            Column(self.tr("Last visit"), lambda h: str(h.last_visit) if h.last_visit else self.tr("never")),
        ], emphasis=lambda h: h.last_visit is None, parent=self)
        self.households = self._table("homeHouseholds", self.household_model)
        # At 1024 px the pane is narrow: the date keeps its width, the address takes the rest (elided, whole in
        # the tooltip), and nothing is pushed out of sight.
        fit_columns(self.households, stretch=0)
        self.households.activated.connect(lambda index: self.record_visit(index.row()))
        self.demand_model = LazyQueryModel([
            Column(self.tr("Deadline"), lambda d: "" if d.deadline is None else str(d.deadline)),
            Column(self.tr("Household"), lambda d: d.address or ""),
            Column(self.tr("Demand"), lambda d: d.description),
            Column(self.tr("State"), lambda d: self.tr("{state}, overdue").format(state=state_name(d.state))
                   if d.overdue else state_name(d.state)),
        ], emphasis=lambda d: bool(d.overdue), parent=self)
        self.demands = self._table("homeDemands", self.demand_model)
        fit_columns(self.demands, stretch=2, interactive={1: 160})
        self.demands.activated.connect(lambda index: self.open_demand(index.row()))
        self.households_title = QLabel(self.tr("Next households to visit (Enter records a visit)"))
        self.demands_title = QLabel()
        self.demands_title.setObjectName("homeDemandsTitle")
        self.demands_showing = "due"
        grid = QGridLayout()
        grid.addWidget(self.households_title, 0, 0)
        grid.addWidget(self.households, 1, 0)
        grid.addWidget(self.demands_title, 0, 1)
        grid.addWidget(self.demands, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        return grid

    def _chosen_period(self) -> Period | None:
        """The window's period up to today; None (and why, in the hint) if its days are reversed."""
        try:
            return self.context.period.period(self.today)
        except ValueError as problem:
            self.hint.setText(self.tr("Choose a period that starts before it ends ({problem}).").format(problem=problem))
            return None

    def _show_heading(self) -> None:
        period = self.context.period.describe(self.period)
        if self.cadre is not None:
            self.heading.setText(self.tr("{name} · {period}").format(name=self.cadre.name, period=period))
        elif self.office:
            self.heading.setText(self.tr("Office · the whole district · {period}").format(period=period))
        else:
            self.heading.setText(self.tr("Who uses this laptop?"))
            self.hint.setText(self.tr("Choose yourself, or the office, under Tools → Settings (Ctrl+,): the 工作台 "
                                      "then lists your households to visit and your demands due. Until then it "
                                      "counts the whole district."))

    # -- counting ----------------------------------------------------------------------
    def on_data_changed(self, table: str) -> None:
        """Count again; when the laptop's user may have changed (Settings, a merge), build the body anew first."""
        if table in ("*", "setting", "cadre") and (chosen_user(), user_cadre()) != (self.user, self.cadre):
            self._build()
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.recount.shown()  # after the window is on screen: start-up does not wait for the counts

    def refresh(self) -> None:
        """Count the cards off the UI thread; changes that arrive meanwhile lead to one more count
        (none while the 工作台 is hidden: it counts when shown again)."""
        self.today = dt.date.today()
        period = self._chosen_period()
        if period is None:
            return
        if not self.recount.begin():
            return
        self.period = period
        self._show_heading()
        scope, today = self.scope, self.today
        own_coverage = self.cadre is not None  # the district's comes with the dashboard's figures
        self.context.jobs.run(self.tr("Counting"), lambda _progress: todo(scope, period, today, own_coverage),
                              self._show_todo, self._failed, show_progress=False)
        self._charts_again()

    def _charts_again(self) -> None:
        """The district's figures (from the window's cache): the office's charts and its coverage card."""
        if self.cadre is not None:
            return
        period, today, cards = self.period, self.today, self.cards["unvisited"]
        dashboard = self.dashboard

        def show(values: dict) -> None:
            if not isValid(cards):  # the body was built anew meanwhile
                return
            self._show_coverage(values["households_linked"], values["households_visited"])
            if dashboard is not None:
                dashboard.show_values(values, period, Scope(), today)

        figure_cache(self.context).load(period, Scope(), today, show)

    def _show_coverage(self, linked: int, visited: int) -> None:
        self.cards["unvisited"].show_count(linked - visited, self.tr("households"),
                                           self.tr("not yet visited {period}").format(period=self.context.period.short_name()),
                                           self.tr("start visiting"))
        self.cards["unvisited"].setEnabled(True)
        if self.office:
            self.hint.setText(self.tr("{households} linked households in the district; every bar below opens the "
                                      "records behind it.").format(households=f"{linked:,}"))

    def _failed(self, error: Exception) -> None:
        self.hint.setText(self.tr("The to-do list could not be counted: {reason}").format(reason=error))
        self.recount.end()

    def _show_todo(self, counts: Todo) -> None:
        self.todo = counts
        demands = self.tr("demands")
        if counts.unvisited is not None:
            self._show_coverage(counts.households, counts.households - counts.unvisited)
        due = counts.overdue + counts.due_soon
        self.cards["due"].show_count(due, demands, self.tr("overdue {overdue} · due within 2 days {soon}").format(
            overdue=counts.overdue, soon=counts.due_soon), self.tr("see them"), ACCENT if counts.overdue else AMBER)
        self.cards["return_visits"].show_count(counts.return_visits, demands, self.tr("awaiting a return visit"),
                                               self.tr("call back"))
        self.cards["new_today"].show_count(counts.new_today, demands, self.tr("raised today"), self.tr("see them"))
        for name in ("due", "return_visits", "new_today"):
            self.cards[name].setEnabled(True)
        if self.cadre is not None:
            self._fill_worker_lists(counts)
        self.recount.end()
        self.todo_shown.emit()

    def _fill_worker_lists(self, counts: Todo) -> None:
        scope, period, today = self.scope, self.period, self.today
        self.household_model.set_query(lambda: next_households(scope, period))
        self._fill_demands()
        if not counts.households:
            self.hint.setText(self.tr("No households are linked to you yet: link them under Visits (Ctrl+L)."))
        elif not counts.unvisited and not (counts.overdue + counts.due_soon + counts.return_visits):
            self.hint.setText(self.tr("Every household visited {period} and nothing due. Well done.").format(
                period=self.context.period.short_name()))
        elif not counts.unvisited:
            self.hint.setText(self.tr("Every household visited {period}; the demands below are waiting.").format(
                period=self.context.period.short_name()))
        else:
            self.hint.clear()
        if self.household_model.rowCount():
            self.households.setCurrentIndex(self.household_model.index(0, 0))

    def _fill_demands(self) -> None:
        scope, today = self.scope, self.today
        if self.demands_showing == "return_visits":
            self.demand_model.set_query(lambda: return_visits_due(scope, today))
            self.demands_title.setText(self.tr("Awaiting a return visit (Enter opens the demand)"))
        else:
            self.demand_model.set_query(lambda: due_demands(scope, today))
            self.demands_title.setText(self.tr("Overdue or due within 2 days (Enter opens the demand)"))
        if self.demand_model.rowCount():
            self.demands.setCurrentIndex(self.demand_model.index(0, 0))
        else:
            self.demands_title.setText(self.demands_title.text() + self.tr(": none. Nothing to chase here."))

    # -- the cards' actions ------------------------------------------------------------------
    def _section(self, key: str):
        """Show another section of the window and return it (None outside a main window)."""
        window = self.window()
        sections = getattr(window, "sections", {})
        if key not in sections:
            return None
        window.show_section(key)
        return sections[key]

    def find(self) -> None:
        """Ctrl+F: the registry's search box (name, initials, phone tail, address)."""
        registry = self._section("registry")
        if registry is not None:
            registry.focus_search()

    def start_visiting(self) -> None:
        """A worker: to the first household of their list; the office: the coverage of 统计."""
        if self.households is not None:
            self.households.setFocus()
            if self.household_model.rowCount():
                self.households.setCurrentIndex(self.household_model.index(0, 0))
        else:
            self._section("statistics")

    def show_due(self) -> None:
        if self.demands is not None:
            self.demands_showing = "due"
            self._fill_demands()
            self.demands.setFocus()
            return
        demands = self._section("demands")
        if demands is not None:
            demands.awaiting.setChecked(False)
            demands.overdue_only.setChecked(True)

    def show_return_visits(self) -> None:
        if self.demands is not None:
            self.demands_showing = "return_visits"
            self._fill_demands()
            self.demands.setFocus()
            return
        demands = self._section("demands")
        if demands is not None:
            demands.overdue_only.setChecked(False)
            demands.awaiting.setChecked(True)

    def show_new_today(self) -> None:
        demands = self._section("demands")
        if demands is not None:
            demands.overdue_only.setChecked(False)
            demands.awaiting.setChecked(False)

    # -- the lists' actions ---------------------------------------------------------------
    def open_demand(self, row: int) -> None:
        """The demand's page (accept, dispatch, close, call back), over the 工作台."""
        self.page = demand_page(self, self.context, self.demand_model, self.demands, row, self.page)

    def record_visit(self, row: int) -> None:
        """Record a visit to the household of `row` through 走访, the cadre chosen as the visitor."""
        if not 0 <= row < self.household_model.rowCount():
            return
        household = self.household_model.record(row)
        visits = self._section("visits")
        if visits is None:
            return
        if not _select(visits.cadres, visits.cadre_model, self.cadre.uuid):
            return
        visits.show_cadre()
        if _select(visits.households, visits.household_model, household.uuid):
            visits.record_visit()


def fit_columns(table: QTableView, stretch: int, interactive: dict[int, int] | None = None) -> None:
    """Columns that fit the table's width: `stretch` takes what is left, the `interactive` ones start at their width,
    the others fit their contents; no horizontal scroll bar."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    for column, width in (interactive or {}).items():
        header.setSectionResizeMode(column, QHeaderView.Interactive)
        header.resizeSection(column, width)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)


def _select(table: QTableView, model: LazyQueryModel, uuid: str) -> bool:
    """Make the row of the record `uuid` current, fetching pages until it is found."""
    row = 0
    while True:
        while row < model.rowCount():
            if model.record(row).uuid == uuid:
                table.setCurrentIndex(model.index(row, 0))
                table.setFocus()
                return True
            row += 1
        if not model.canFetchMore():
            return False
        model.fetchMore()
