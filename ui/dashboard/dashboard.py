"""The dashboard: a chart per breakdown, for one period and scope, every bar opening its records.

The 统计 section shows every chart; the office's 工作台 shows the two that say
*where* to push (grids with low coverage, overdue by unit).  The numbers are
`models.figures.breakdowns.breakdowns` — the very figures `lianxin stats --json`
prints (tests/test_ui_dashboard.py compares them bar by bar) — read through the
window's `FigureCache` off the UI thread.  Rankings put what needs a push
first: the lowest coverage, the most overdue.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from models.figures.behind import Bar
from models.figures.breakdown_words import ACCENT, NEUTRAL, NEUTRAL_LIGHT, STATE_COLOURS
from models.figures.breakdowns import STATES, UNCATEGORISED
from models.registry.coverage import Period
from models.scope import Scope
from ui.daily.names import state_name
from ui.dashboard.cache import figure_cache
from ui.dashboard.chart import COLUMNS, ROWS, STACK, BarChart, ChartData, Group, Segment
from ui.dashboard.records import RecordsDialog

ALL_CHARTS = ("coverage_by_grid", "coverage_by_cadre", "demands_by_state", "demands_by_category", "demands_by_month",
              "units_closure", "units_overdue")
CADRES_SHOWN = 15  # the cadres with the lowest coverage; the workbook and the report list them all


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{100 * rate:.0f}%"


class Dashboard(QWidget):
    """The charts of `charts`, laid out in `columns` columns; `show_values` fills them."""

    record_list_opened = Signal(object)  # the RecordsDialog, once shown (tests follow it)

    def __init__(self, context, charts: tuple[str, ...] = ALL_CHARTS, columns: int = 2, grids_shown: int | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self.grids_shown = grids_shown  # the lowest-coverage grids only (the 工作台), or every grid (None)
        self.values: dict | None = None
        self.period: Period | None = None
        self.scope = Scope()
        self.today = dt.date.today()
        self.records: RecordsDialog | None = None
        titles = {
            "coverage_by_grid": self.tr("Coverage by grid (visited / linked)") if grids_shown is None
            else self.tr("Grids with the lowest coverage (visited / linked)"),
            "coverage_by_cadre": self.tr("Cadres with the lowest coverage (visited / linked)"),
            "demands_by_state": self.tr("Demands raised in the period, by state now"),
            "demands_by_category": self.tr("Demands by category and state"),
            "demands_by_month": self.tr("Raised and closed, last 12 months"),
            "units_closure": self.tr("Closure by responsible unit"),
            "units_overdue": self.tr("Overdue demands by responsible unit"),
        }
        empty = {
            "coverage_by_grid": self.tr("No households here yet: import a roster under Registry."),
            "coverage_by_cadre": self.tr("No cadre is linked to households yet: link them under Visits (Ctrl+L)."),
            "units_overdue": self.tr("No demand is overdue. Nothing to push."),
            "units_closure": self.tr("No demand was dispatched to a responsible unit in the period."),
        }
        nothing = self.tr("No demands in the period: record visits and demands, or choose a longer period.")
        self.charts: dict[str, BarChart] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, key in enumerate(charts):
            chart = BarChart(titles[key], empty.get(key, nothing))
            chart.setObjectName(f"chart_{key}")
            chart.opened.connect(self.open_records)
            self.charts[key] = chart
            layout.addWidget(chart, index // columns, index % columns)
        for column in range(columns):
            layout.setColumnStretch(column, 1)
        self.cache = figure_cache(context)

    # -- the figures ---------------------------------------------------------------------
    def show_values(self, values: dict, period: Period, scope: Scope, today: dt.date) -> None:
        self.values, self.period, self.scope, self.today = values, period, scope, today
        for key, chart in self.charts.items():
            chart.set_data(getattr(self, f"_{key}")(values))

    def _coverage(self, rows: list[dict], chart: str, key: str, name: str) -> ChartData:
        groups = [
            Group(row[name], (
                Segment(row["linked"], NEUTRAL_LIGHT, self.tr("linked"), Bar(chart, row[key], "linked")),
                Segment(row["visited"], NEUTRAL, self.tr("visited"), Bar(chart, row[key], "visited")),
            ), f"{row['visited']:,}/{row['linked']:,} · {percent(row['visited_rate'])}")
            for row in rows
        ]
        return ChartData(ROWS, groups, ((self.tr("visited in the period"), NEUTRAL), (self.tr("linked"), NEUTRAL_LIGHT)))

    def _coverage_by_grid(self, values: dict) -> ChartData:
        rows = sorted(values["coverage_by_grid"], key=lambda row: (row["visited_rate"] or 0, row["grid"]))
        return self._coverage(rows[:self.grids_shown], "coverage_by_grid", "grid_id", "grid")

    def _coverage_by_cadre(self, values: dict) -> ChartData:
        rows = sorted(values["coverage_by_cadre"], key=lambda row: (row["visited_rate"] or 0, row["cadre"]))
        return self._coverage(rows[:CADRES_SHOWN], "coverage_by_cadre", "cadre_id", "cadre")

    def _demands_by_state(self, values: dict) -> ChartData:
        counts = values["demands_by_state"]
        segments = tuple(Segment(counts[state], STATE_COLOURS[state], state_name(state),
                                 Bar("demands_by_state", state, "raised")) for state in STATES)
        legend = tuple((f"{state_name(state)} {counts[state]:,}", STATE_COLOURS[state]) for state in STATES)
        return ChartData(STACK, [Group(self.tr("Raised"), segments)], legend)

    def _demands_by_category(self, values: dict) -> ChartData:
        groups = []
        for row in sorted(values["demands_by_category"], key=lambda row: -row["raised"]):
            key = row["category_id"]
            name = row["category"] if key != UNCATEGORISED else self.tr("Not categorised")
            groups.append(Group(name, tuple(
                Segment(row[state], STATE_COLOURS[state], state_name(state), Bar("demands_by_category", key, state))
                for state in STATES if row[state]), f"{row['raised']:,}"))
        legend = tuple((state_name(state), STATE_COLOURS[state]) for state in STATES)
        return ChartData(ROWS, groups, legend, overlay=False)

    def _demands_by_month(self, values: dict) -> ChartData:
        groups = [Group(row["month"][2:].replace("-", "."), (
            Segment(row["raised"], NEUTRAL_LIGHT, self.tr("raised"), Bar("demands_by_month", row["month"], "raised")),
            Segment(row["closed"], NEUTRAL, self.tr("closed"), Bar("demands_by_month", row["month"], "closed")),
        )) for row in values["demands_by_month"]]
        return ChartData(COLUMNS, groups, ((self.tr("raised"), NEUTRAL_LIGHT), (self.tr("closed"), NEUTRAL)))

    def _units_closure(self, values: dict) -> ChartData:
        rows = sorted((row for row in values["demands_by_unit"] if row["accepted"]),
                      key=lambda row: (row["closure_rate"] or 0, row["unit"]))
        groups = [Group(row["unit"], (
            Segment(row["accepted"], NEUTRAL_LIGHT, self.tr("accepted"), Bar("demands_by_unit", row["unit_id"], "accepted")),
            Segment(row["closed"], NEUTRAL, self.tr("closed"), Bar("demands_by_unit", row["unit_id"], "closed")),
        ), self.tr("closed {closure} · on time {on_time} · satisfied {satisfied} · solved {solved}").format(
            closure=percent(row["closure_rate"]), on_time=percent(row["on_time_closure_rate"]),
            satisfied=percent(row["satisfaction_rate"]), solved=percent(row["resolution_rate"])))
            for row in rows]
        return ChartData(ROWS, groups, ((self.tr("closed"), NEUTRAL), (self.tr("accepted"), NEUTRAL_LIGHT)))

    def _units_overdue(self, values: dict) -> ChartData:
        rows = sorted((row for row in values["demands_by_unit"] if row["overdue"]),
                      key=lambda row: (-row["overdue"], row["unit"]))
        groups = [Group(row["unit"], (Segment(row["overdue"], ACCENT, self.tr("overdue"),
                                              Bar("demands_by_unit", row["unit_id"], "overdue")),), f"{row['overdue']:,}")
                  for row in rows]
        undispatched = values.get("demands_overdue_undispatched", 0)
        if undispatched:
            groups.append(Group(self.tr("Not dispatched"), (Segment(undispatched, ACCENT, self.tr("overdue")),),
                                f"{undispatched:,}"))
        return ChartData(ROWS, groups, ((self.tr("overdue (past the deadline)"), ACCENT),))

    # -- the doors -------------------------------------------------------------------------
    def open_records(self, bar: Bar) -> None:
        """The records behind `bar`, in a list over the window."""
        if self.period is None:
            return
        chart = next(chart for key, chart in self.charts.items() if bar in chart.values())
        group, segment = next((g, s) for g, s in chart.doors() if s.bar == bar)
        what = f"{chart.title} · {group.label} · {segment.word}"
        self.records = RecordsDialog(self._context, bar, what, self.period, self.today, self.scope, self)
        self.records.show()
        self.record_list_opened.emit(self.records)
