"""不漏一户 in one keystroke: coverage figures for a scope and period, and who was missed.

The figures are counted off the UI thread (a district's take a moment); the two
lists of missed households page through SQL as they scroll.  The period is the
window's one choice, the one the 工作台 and 统计 count (ui/period_choice.py).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.registry.assignments import household_label
from models.registry.coverage import Coverage, Period, coverage, unlinked_households, unvisited_households
from models.scope import Scope, scope_choices
from ui.daily.query_model import Column, LazyQueryModel
from ui.period_choice import PeriodChooser


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{100 * rate:.1f} %"


class CoverageView(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.chooser = PeriodChooser(context.period, "coverage")
        self.period, self.start, self.end = self.chooser.kind, self.chooser.start, self.chooser.end
        self.scope = QComboBox()
        self.scope.setObjectName("coverageScope")
        self.reload_scopes()
        check = QPushButton(self.tr("&Check: nobody left out (Ctrl+K)"))
        check.setObjectName("coverageCheck")
        check.clicked.connect(self.check)
        self.figures = QLabel(self.tr("Press Ctrl+K to check coverage."))
        self.figures.setObjectName("coverageFigures")
        self.figures.setWordWrap(True)
        household_column = [Column(self.tr("Household"), household_label)]
        self.unlinked_model = LazyQueryModel(household_column, parent=self)
        self.unvisited_model = LazyQueryModel(household_column, parent=self)
        lists = QHBoxLayout()
        for title, model, name in (
            (self.tr("Households with no cadre"), self.unlinked_model, "unlinkedList"),
            (self.tr("Linked households not visited in the period"), self.unvisited_model, "unvisitedList"),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            view = QTableView()
            view.setObjectName(name)
            view.setModel(model)
            view.verticalHeader().hide()
            view.horizontalHeader().setStretchLastSection(True)
            column.addWidget(view)
            lists.addLayout(column)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)  # as wide as what they hold, not the window
        form.addRow(self.tr("&Where"), self.scope)
        form.itemAt(0, QFormLayout.LabelRole).widget().setBuddy(self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.chooser, 0, Qt.AlignLeft)
        layout.addWidget(check, 0, Qt.AlignLeft)
        layout.addWidget(self.figures)
        layout.addLayout(lists, 1)

    def reload_scopes(self) -> None:
        self.scope.clear()
        self.scope.addItem(self.tr("Everywhere"), Scope())
        for kind, indent in (("sub_district", ""), ("community", "  "), ("grid", "    ")):
            for uuid, name in scope_choices(kind):
                self.scope.addItem(indent + name, Scope.named(kind, uuid))

    def chosen_period(self, today: dt.date | None = None) -> Period:
        return self.context.period.period(today)

    def check(self) -> None:
        try:
            period = self.chosen_period()
        except ValueError as problem:
            self.figures.setText(str(problem))
            return
        scope = self.scope.currentData()
        self.context.jobs.run(
            self.tr("Checking coverage"),
            lambda progress: coverage(scope, period),
            lambda figures: self._show(scope, period, figures),
            lambda error: self.figures.setText(str(error)),
        )

    def _show(self, scope: Scope, period: Period, figures: Coverage) -> None:
        verdict = (
            self.tr("Nobody left out.")
            if figures.complete
            else self.tr("{unlinked} household(s) without a cadre, {unvisited} linked household(s) not visited.").format(
                unlinked=figures.unlinked, unvisited=figures.unvisited
            )
        )
        self.figures.setText(
            self.tr(
                "{start} to {end}: {linked} of {households} households linked ({linked_rate}); "
                "{visited} of {linked} linked households visited ({visited_rate}). {verdict}"
            ).format(
                start=period.start,
                end=period.end,
                linked=figures.linked,
                households=figures.households,
                linked_rate=_percent(figures.linked_rate),
                visited=figures.visited,
                visited_rate=_percent(figures.visited_rate),
                verdict=verdict,
            )
        )
        self.unlinked_model.set_query(lambda: unlinked_households(scope))
        self.unvisited_model.set_query(lambda: unvisited_households(scope, period))
