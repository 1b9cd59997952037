"""Statistics: the dashboard's charts and the figures the office reports upward, for a period and scope.

The figures are `models.figures.stats.figures(period, scope)` and the charts
`models.figures.breakdowns.breakdowns` — the same numbers as `lianxin stats --json`,
with the definitions of docs/statistics.md — counted off the UI thread
(coverage takes a moment at district scale) and counted again after every
change anywhere in the window.  One period (Alt+P) and one scope (Alt+Y) for
both tabs: the charts (Alt+A; every bar opens its records with Enter or a
click) and the numbers (Alt+N); the period is the 工作台's too, one choice
for the window (ui/period_choice.py).  Ctrl+S saves them as the workbook
`lianxin stats -o` writes, Ctrl+P prints the monthly report `lianxin stats
--report` prints; F5 counts again.  The figures offices report beside closure
(outcomes, sources, grid workers, whistles, disputes, enterprises, classes)
sit in tabs below the numbers: Alt+O, Alt+U, Alt+G, Alt+W, Alt+D, Alt+E, Alt+C; coverage, visits and demands
by micro-grid (微网格) and by special grid (专属网格) in two more: Alt+I, Alt+L.
Their tables are doors like the charts' bars: Enter or a double click on a
figure opens the households, shops or demands it counts (on a name, the row's
households or shops), in the list the bars open (`ui.dashboard.records`).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.figures import TABLES, save_figures, save_report
from models.figures.behind import Bar
from models.registry.coverage import Period
from models.scope import Scope, scope_choices
from models.figures.stats import RATES, figures
from ui.dashboard.cache import Recount
from ui.dashboard.dashboard import Dashboard
from ui.period_choice import PeriodChooser

COUNT_KEYS = ("households", "residents", "buildings", "shops", "cadres", "assignments", "visits", "demands", "conflicts")
NOW_KEYS = ("demands_open", "demands_overdue")
PERIOD_KEYS = ("visits_in_period", "demands_raised", "demands_accepted", "demands_closed")
REGISTRATION_KEYS = ("residents_registration_known", "residents_living_away", "living_away_rate")
# Issue 21: what offices report beside closure (docs/statistics.md), one tab each; the sources are keys of
# demands_by_source, and two tabs end with a table of rows.
SOURCES = ("visit", "grid_report", "hotline", "walk_in", "enterprise_visit", "other", "unknown")
REPORTED_TABS = (
    ("outcomes", ("demands_solved", "demands_answered", "demands_unsolvable", "demands_outcome_unknown",
                  "resolution_rate")),
    ("sources", tuple(f"demands_by_source.{source}" for source in SOURCES)),
    ("grid", ("grid_workers", "grid_reports", "grid_workers_reporting", "grid_reports_accepted", "grid_reports_closed",
              "grid_report_closure_rate")),
    ("whistles", ("whistles", "whistles_closed", "whistles_solved")),
    ("disputes", ("disputes_accepted", "disputes_closed", "dispute_closure_rate", "disputes_mediated",
                  "disputes_mediation_failed", "mediation_success_rate")),
    ("enterprises", ("enterprise_visits", "enterprises_visited", "enterprise_demands", "enterprise_demands_solved",
                     "enterprise_resolution_rate", "enterprise_satisfaction_rate")),
    ("classes", ("classes", "items_raised")),
    ("micro_grids", ()),
    ("special_grids", ()),
)
TAB_TABLES = {"whistles": "whistles_by_unit", "classes": "class_details", "micro_grids": "by_micro_grid",
              "special_grids": "by_special_grid"}
# Breakdowns shown as tables in a tab (filled when the charts are counted): their fields.
BREAKDOWN_TAB_FIELDS = {
    "by_micro_grid": ("grid", "micro_grid", "leader", "households", "linked", "visited", "visited_rate", "visits",
                      "demands_raised", "demands_open"),
    "by_special_grid": ("grid", "special_type", "leader", "shops", "shops_visited", "shops_visited_rate", "visits",
                        "demands_raised", "demands_open"),
}
# What a column of those tables opens (`models.figures.behind.PARTS`); a column not named opens the row's first.
DOORS = {
    "by_micro_grid": {"households": "households", "linked": "linked", "visited": "visited",
                      "visited_rate": "visited", "visits": "visited", "demands_raised": "demands_raised",
                      "demands_open": "demands_open"},
    "by_special_grid": {"shops": "shops", "shops_visited": "shops_visited", "shops_visited_rate": "shops_visited",
                        "visits": "shops_visited", "demands_raised": "demands_raised", "demands_open": "demands_open"},
}
ROW_KEYS = {"by_micro_grid": "micro_grid_id", "by_special_grid": "grid_id"}
REPORTED_RATES = ("resolution_rate", "grid_report_closure_rate", "dispute_closure_rate", "mediation_success_rate",
                  "enterprise_resolution_rate", "enterprise_satisfaction_rate")


def figure_of(values: dict[str, object], key: str) -> object:
    """A figure by key; `demands_by_source.visit` reads inside demands_by_source."""
    name, _, part = key.partition(".")
    value = values.get(name)
    return value.get(part) if part and isinstance(value, dict) else value


def shown_value(key: str, value: object) -> str:
    """Rates as percentages, counts with thousands separators, nothing-to-divide-by as a dash."""
    if value is None:
        return "–"
    if key in RATES:
        return f"{100 * value:.1f} %"
    return f"{value:,}" if isinstance(value, int) else str(value)


class StatisticsSection(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self.recount = Recount(self.refresh, self)
        self.figures: dict[str, object] = {}
        self.breakdown_rows: dict[str, list[dict]] = {}  # the rows the tables by micro-grid and special grid show
        self.breakdown_shown: tuple | None = None  # (period, scope, today) they were counted for
        self.records = None  # the list a figure opened
        names = {
            "households": self.tr("Households"),
            "residents": self.tr("Residents"),
            "buildings": self.tr("Buildings"),
            "shops": self.tr("Shops"),
            "cadres": self.tr("Cadres and grid workers"),
            "assignments": self.tr("Assignments (cadre ↔ household)"),
            "visits": self.tr("Visits"),
            "demands": self.tr("Demands and suggestions"),
            "conflicts": self.tr("Conflicts to review"),
            "demands_open": self.tr("Demands not yet closed"),
            "demands_overdue": self.tr("Demands overdue"),
            "visits_in_period": self.tr("Visits in the period"),
            "demands_raised": self.tr("Demands raised in the period"),
            "demands_accepted": self.tr("…of which accepted"),
            "demands_closed": self.tr("Demands closed in the period"),
            "coverage_assigned": self.tr("Households linked to a cadre"),
            "coverage_visited": self.tr("Linked households visited in the period"),
            "closure_rate": self.tr("Closure rate"),
            "on_time_closure_rate": self.tr("On-time closure rate"),
            "satisfaction_rate": self.tr("Satisfaction rate"),
            "residents_registration_known": self.tr("Residents whose registration address is known"),
            "residents_living_away": self.tr("…of them living away from it (人户分离)"),
            "living_away_rate": self.tr("Share living away from their registration"),
            "demands_solved": self.tr("Closed in the period: solved"),
            "demands_answered": self.tr("…answered (explained, not solved)"),
            "demands_unsolvable": self.tr("…cannot be solved"),
            "demands_outcome_unknown": self.tr("…outcome not recorded"),
            "resolution_rate": self.tr("Resolution rate"),
            "demands_by_source.visit": self.tr("Raised: door-to-door visits"),
            "demands_by_source.grid_report": self.tr("…grid workers' reports"),
            "demands_by_source.hotline": self.tr("…12345 hotline"),
            "demands_by_source.walk_in": self.tr("…visits and calls to the office"),
            "demands_by_source.enterprise_visit": self.tr("…enterprise visits"),
            "demands_by_source.other": self.tr("…other"),
            "demands_by_source.unknown": self.tr("…source not recorded"),
            "grid_workers": self.tr("Grid workers"),
            "grid_reports": self.tr("Grid workers' reports"),
            "grid_workers_reporting": self.tr("…by how many grid workers"),
            "grid_reports_accepted": self.tr("…accepted"),
            "grid_reports_closed": self.tr("…closed"),
            "grid_report_closure_rate": self.tr("Closure rate of grid workers' reports"),
            "whistles": self.tr("Whistles blown (two units or more)"),
            "whistles_closed": self.tr("…closed"),
            "whistles_solved": self.tr("…solved"),
            "disputes_accepted": self.tr("Disputes accepted"),
            "disputes_closed": self.tr("…closed"),
            "dispute_closure_rate": self.tr("Closure rate of disputes"),
            "disputes_mediated": self.tr("…mediated successfully"),
            "disputes_mediation_failed": self.tr("…mediation failed"),
            "mediation_success_rate": self.tr("Mediation success rate"),
            "enterprise_visits": self.tr("Visits to shops and enterprises"),
            "enterprises_visited": self.tr("…shops and enterprises visited"),
            "enterprise_demands": self.tr("Their problems raised"),
            "enterprise_demands_solved": self.tr("…solved in the period"),
            "enterprise_resolution_rate": self.tr("Resolution rate of their problems"),
            "enterprise_satisfaction_rate": self.tr("Their satisfaction rate"),
            "classes": self.tr("Classes of problems (一类事)"),
            "items_raised": self.tr("Raised, a class counted as one"),
        }
        self._values: dict[str, QLabel] = {}
        groups = QGridLayout()
        for column, (title, keys) in enumerate(
            (
                (self.tr("Records today"), COUNT_KEYS + REGISTRATION_KEYS),
                (self.tr("Demands today and in the period"), NOW_KEYS + PERIOD_KEYS),
                (self.tr("Rates in the period"),
                 tuple(key for key in RATES if key not in REGISTRATION_KEYS + REPORTED_RATES)),
            )
        ):
            box = QGroupBox(title)
            form = QFormLayout(box)
            for key in keys:
                value = QLabel("…")
                value.setObjectName(f"stat_{key}")
                self._values[key] = value
                form.addRow(names[key], value)
            groups.addWidget(box, 0, column)
        self.reported = self._reported_tabs(names)
        groups.addWidget(self.reported, 1, 0, 1, 3)
        page = QWidget()
        page.setLayout(groups)
        numbers = QScrollArea()  # a short window scrolls the numbers rather than growing taller than the screen
        numbers.setWidgetResizable(True)
        numbers.setFrameShape(QFrame.NoFrame)
        numbers.setWidget(page)
        self.dashboard = Dashboard(context)
        self.dashboard.setObjectName("statisticsDashboard")
        charts = QScrollArea()
        charts.setWidgetResizable(True)
        charts.setFrameShape(QFrame.NoFrame)
        charts.setWidget(self.dashboard)
        self.views = QTabWidget()
        self.views.setObjectName("statisticsViews")
        self.views.addTab(charts, self.tr("Ch&arts"))
        self.views.addTab(numbers, self.tr("&Numbers"))
        self.dashboard.cache.changed.connect(self._charts_again)
        # The reported tabs' Alt keys work from the charts too: they turn to the numbers first.  Enabled only while
        # the charts are shown, so they never compete with the tabs' own mnemonics.
        self._tab_keys = []
        for index, letter in enumerate("OUGWDECIL"):
            key = QShortcut(QKeySequence(f"Alt+{letter}"), self, partial(self._show_reported, index))
            self._tab_keys.append(key)
        self.views.currentChanged.connect(self._views_changed)
        self._views_changed(self.views.currentIndex())

        # The period is the window's, shared with the 工作台 (ui/period_choice.py): chosen here, counted there too.
        self.chooser = PeriodChooser(context.period, "statistics")
        self.period, self.start, self.end = self.chooser.kind, self.chooser.start, self.chooser.end
        context.period.changed.connect(self.refresh)
        self.scope = QComboBox()
        self.scope.setObjectName("statisticsScope")
        self.reload_scopes()
        self.scope.currentIndexChanged.connect(self.refresh)
        scope_label = QLabel(self.tr("B&y place"))
        scope_label.setBuddy(self.scope)
        chooser = QHBoxLayout()
        for widget in (self.chooser, scope_label, self.scope):
            chooser.addWidget(widget)
        chooser.addStretch(1)

        self.heading = QLabel()
        self.heading.setObjectName("statisticsHeading")
        self.message = QLabel()
        self.message.setObjectName("statisticsMessage")
        self.message.setWordWrap(True)
        refresh = QPushButton(self.tr("&Refresh (F5)"))
        refresh.clicked.connect(self.refresh)
        save = QPushButton(self.tr("&Save as workbook… (Ctrl+S)"))
        save.setObjectName("statisticsSave")
        save.clicked.connect(self.save_workbook)
        report = QPushButton(self.tr("Print &monthly report… (Ctrl+P)"))
        report.setObjectName("statisticsReport")
        report.clicked.connect(self.save_report)
        QShortcut(QKeySequence(QKeySequence.Refresh), self, self.refresh)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_workbook)
        QShortcut(QKeySequence("Ctrl+P"), self, self.save_report)
        buttons = QHBoxLayout()
        buttons.addWidget(refresh)
        buttons.addWidget(save)
        buttons.addWidget(report)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.heading)
        layout.addWidget(self.views, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.setFocusProxy(self.period)
        self.refresh()
        context.data_changed.connect(self.refresh)

    def _reported_tabs(self, names: dict[str, str]) -> QTabWidget:
        """The figures of issue 21 in tabs (Alt plus the underlined letter opens one), so the section fits 1024×768."""
        titles = {
            "outcomes": self.tr("&Outcomes"), "sources": self.tr("So&urces"), "grid": self.tr("&Grid workers"),
            "whistles": self.tr("&Whistles"), "disputes": self.tr("&Disputes"),
            "enterprises": self.tr("&Enterprises"), "classes": self.tr("&Classes"),
            "micro_grids": self.tr("M&icro-grids"), "special_grids": self.tr("Specia&l grids"),
        }
        headers = {
            "whistles_by_unit": (self.tr("Unit"), self.tr("Whistles"), self.tr("Closed"), self.tr("Solved")),
            "class_details": (self.tr("Class"), self.tr("Demands"), self.tr("Closed"), self.tr("Households"),
                              self.tr("Buildings")),
            "by_micro_grid": (self.tr("Grid"), self.tr("Micro-grid"), self.tr("Leader"), self.tr("Households"),
                              self.tr("Linked"), self.tr("Visited"), self.tr("Visited rate"), self.tr("Visits"),
                              self.tr("Demands raised"), self.tr("Demands open")),
            "by_special_grid": (self.tr("Special grid"), self.tr("Kind"), self.tr("Leader"), self.tr("Shops"),
                                self.tr("Visited"), self.tr("Visited rate"), self.tr("Visits"),
                                self.tr("Demands raised"), self.tr("Demands open")),
        }
        self.special_types = {"school": self.tr("School"), "hospital": self.tr("Hospital"), "park": self.tr("Park"),
                              "market": self.tr("Market street"), "other": self.tr("Other")}
        tabs = QTabWidget()
        tabs.setObjectName("statisticsReported")
        self.tables: dict[str, QTableWidget] = {}
        for tab, keys in REPORTED_TABS:
            page = QWidget()
            row = QHBoxLayout(page)
            form = QFormLayout()
            for key in keys:
                value = QLabel("…")
                value.setObjectName(f"stat_{key}")
                self._values[key] = value
                form.addRow(names[key], value)
            row.addLayout(form)
            if tab in TAB_TABLES:
                key = TAB_TABLES[tab]
                table = QTableWidget(0, len(headers[key]))
                table.setObjectName(f"stat_{key}")
                table.setHorizontalHeaderLabels(list(headers[key]))
                table.setEditTriggers(QTableWidget.NoEditTriggers)
                table.verticalHeader().hide()
                table.horizontalHeader().setStretchLastSection(True)
                self.tables[key] = table
                if key in DOORS:
                    table.setToolTip(self.tr("Enter or a double click on a figure opens the records it counts"))
                    table.activated.connect(partial(self.open_figure, key))
                row.addWidget(table, 1)
            else:
                row.addStretch(1)
            scroll = QScrollArea()  # a short window scrolls a tab instead of growing taller than the screen
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.NoFrame)
            scroll.setMinimumHeight(40)  # two lines at least; the window may then be as short as before
            scroll.setWidget(page)
            tabs.addTab(scroll, titles[tab])
        return tabs

    def open_figure(self, key: str, index) -> None:
        """The records behind the figure at `index` of table `key`, in the list the charts' bars open."""
        from ui.dashboard.records import RecordsDialog

        rows = self.breakdown_rows.get(key) or []
        if self.breakdown_shown is None or not 0 <= index.row() < len(rows):
            return
        period, scope, today = self.breakdown_shown
        entry, fields, table = rows[index.row()], BREAKDOWN_TAB_FIELDS[key], self.tables[key]
        doors = DOORS[key]
        part = doors.get(fields[index.column()], next(iter(doors.values())))
        column = fields.index(part)
        name = entry["micro_grid"] if key == "by_micro_grid" else entry["grid"]
        what = f"{self._tab_title(key)} · {name} · {table.horizontalHeaderItem(column).text()}"
        self.records = RecordsDialog(self._context, Bar(key, entry[ROW_KEYS[key]], part), what, period, today, scope,
                                     self)
        self.records.finished.connect(lambda *_: table.setFocus())
        self.records.show()

    def _tab_title(self, key: str) -> str:
        """The title of the tab holding table `key`, without its mnemonic ("微网格(&I)" → "微网格")."""
        tab = next(index for index, (name, _) in enumerate(REPORTED_TABS) if TAB_TABLES.get(name) == key)
        return re.sub(r"\(&\w\)|&", "", self.reported.tabText(tab))

    def _views_changed(self, index: int) -> None:
        for key in self._tab_keys:
            key.setEnabled(index == 0)

    def _show_reported(self, index: int) -> None:
        self.views.setCurrentIndex(1)
        self.reported.setCurrentIndex(index)
        self.reported.currentWidget().setFocus()

    def reload_scopes(self) -> None:
        """Everywhere, then each sub-district, community and grid (indented under the wider places)."""
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(self.tr("Everywhere"), Scope())
        for kind, indent in (("sub_district", ""), ("community", "  "), ("grid", "    ")):
            for uuid, name in scope_choices(kind):
                self.scope.addItem(indent + name, Scope.named(kind, uuid))
        self.scope.blockSignals(False)

    def chosen_scope(self) -> Scope:
        return self.scope.currentData() or Scope()

    # -- the period ------------------------------------------------------------------
    def chosen_period(self, today: dt.date | None = None) -> Period:
        """This month or quarter up to today, or the chosen days; ValueError if they are reversed."""
        return self._context.period.period(today)

    # -- counting ----------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.recount.shown()

    def refresh(self, *_ignored) -> None:
        """Count off the UI thread; changes that arrive while counting lead to one more count, not many.

        Not while the section is hidden: at start-up the 工作台 is on screen and its counts come first; the
        section counts when it is shown (and then after every change while it is)."""
        try:
            period = self.chosen_period()
        except ValueError as problem:
            self.message.setText(self.tr("Choose a period that starts before it ends ({problem}).").format(problem=problem))
            return
        if not self.recount.begin():
            return
        scope = self.chosen_scope()
        self.message.clear()
        self._context.jobs.run(
            self.tr("Counting"),
            lambda progress: figures(period, scope=scope),
            lambda values: self._show(period, values),
            self._failed,
            show_progress=False,
        )
        self._charts_again()

    def _charts_again(self) -> None:
        """Ask the cache for the charts of the chosen period and scope (kept ones come at once)."""
        try:
            period = self.chosen_period()
        except ValueError:
            return
        scope, today = self.chosen_scope(), dt.date.today()
        self.dashboard.cache.load(period, scope, today,
                                  lambda values: self._show_charts(period, scope, today, values), self._failed)

    def _show_charts(self, period: Period, scope: Scope, today: dt.date, values: dict) -> None:
        if (period, scope) == (self._chosen_or_none(), self.chosen_scope()):
            self.dashboard.show_values(values, period, scope, today)
            self.breakdown_shown = (period, scope, today)
            for key, fields in BREAKDOWN_TAB_FIELDS.items():
                self.breakdown_rows[key] = values.get(key) or []
                self._fill(self.tables[key], fields, self.breakdown_rows[key])

    def _chosen_or_none(self) -> Period | None:
        try:
            return self.chosen_period()
        except ValueError:
            return None

    def _show(self, period: Period, values: dict[str, object]) -> None:
        self.figures = values
        self.heading.setText(self.tr("{scope} · Period: {start} to {end}").format(
            start=period.start, end=period.end, scope=self.scope.currentText().strip()))
        for key, label in self._values.items():
            label.setText(shown_value(key, figure_of(values, key)))
        for key, table in self.tables.items():
            if key in TABLES:
                self._fill(table, [field for field, _ in TABLES[key][1]], values.get(key) or [])
        self._counted()

    def _fill(self, table: QTableWidget, fields, rows: list[dict]) -> None:
        table.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            for column, field in enumerate(fields):
                value = entry[field]
                if field == "special_type":
                    text = self.special_types.get(value, "")
                elif field.endswith("_rate"):  # a breakdown's rate (visited / linked…), shown as the figures' rates
                    text = shown_value("coverage_visited", value)
                else:
                    text = shown_value(field, value)
                table.setItem(row, column, QTableWidgetItem(text))

    def _failed(self, error: Exception) -> None:
        self.message.setText(self.tr("The figures could not be counted: {reason}").format(reason=error))
        self._counted()

    def _counted(self) -> None:
        self.recount.end()

    # -- the workbook --------------------------------------------------------------------
    def ask_save_path(self, suggested: str) -> str:
        """The file to write (empty: the person cancelled); tests replace this question."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the figures"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        return path

    def save_workbook(self) -> None:
        """Ctrl+S: the workbook `lianxin stats -o` writes, for the chosen period and scope."""
        self._save(self.ask_save_path, "统计", ".xlsx", save_figures, self.tr("Saving the figures"),
                   self.tr("Figures saved to {path}."))

    def _save(self, ask, name: str, suffix: str, operation, title: str, done: str) -> None:
        """Ask where (suggesting the last folder), then run `operation` for the chosen period and scope."""
        try:
            period = self.chosen_period()
        except ValueError as problem:
            self.message.setText(self.tr("Choose a period that starts before it ends ({problem}).").format(problem=problem))
            return
        settings = self._context.settings
        suggested = Path(settings.last_folder("statistics")) / f"{name}_{period.start}_{period.end}{suffix}"
        chosen = ask(str(suggested))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        settings.set_last_folder("statistics", path)
        self._context.run(
            title,
            partial(operation, path=path, period=period, scope=self.chosen_scope()),
            lambda written: self.message.setText(done.format(path=written)),
            lambda error: self.message.setText(self.tr("Not saved: {reason}").format(reason=error)),
        )

    # -- the monthly report -------------------------------------------------------------
    def ask_report_path(self, suggested: str) -> str:
        """The PDF to write (empty: the person cancelled); tests replace this question."""
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Print the monthly report"), suggested,
                                                    self.tr("PDF document (*.pdf)"))
        return path

    def save_report(self) -> None:
        """Ctrl+P: the monthly report PDF (A4, charts and tables) of the chosen period and scope."""
        self._save(self.ask_report_path, "月度报表", ".pdf", save_report, self.tr("Printing the monthly report"),
                   self.tr("Monthly report saved to {path}."))
