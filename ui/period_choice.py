"""One period for the 工作台 and 统计: chosen in either, shown in both, kept while the window is open.

The window's context holds one `PeriodChoice` (this month, this quarter, or
from … to …, the last two up to today).  Each section shows it with a
`PeriodChooser` — Alt+P to the kind, Alt+F and Alt+T to the two days — and
counts again when it changes, so a quarter chosen in 统计 is the quarter the
工作台 counts when the person goes back to it.  It is not written to the
settings: the next start begins with this month, as a day's work does.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QObject, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from models.registry.coverage import Period

KINDS = ("month", "quarter", "custom")

translate = QCoreApplication.translate


class PeriodChoice(QObject):
    """The kind of period and the two days of "from … to …"; `changed` whenever any of them does."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        today = dt.date.today()
        self.kind = "month"
        self.start = today.replace(day=1)
        self.end = today

    def choose(self, kind: str | None = None, start: dt.date | None = None, end: dt.date | None = None) -> None:
        """Change what was given; says `changed` once, and only if something did."""
        chosen = (kind or self.kind, start or self.start, end or self.end)
        if chosen != (self.kind, self.start, self.end):
            self.kind, self.start, self.end = chosen
            self.changed.emit()

    def period(self, today: dt.date | None = None) -> Period:
        """This month or quarter up to today, or the chosen days; ValueError if they are reversed."""
        return Period.chosen(self.kind, today or dt.date.today(), self.start, self.end)

    def short_name(self) -> str:
        """"this month", "this quarter" or "in the period", for a card's line ("本月未走访")."""
        return {
            "month": translate("Period", "this month"),
            "quarter": translate("Period", "this quarter"),
        }.get(self.kind, translate("Period", "in the period"))

    def describe(self, period: Period) -> str:
        """The period as a heading says it: "this month, 2026-12-01 to 2026-12-07"."""
        days = translate("Period", "{start} to {end}").format(start=period.start, end=period.end)
        if self.kind == "custom":
            return days
        return translate("Period", "{name}, {days}").format(name=self.short_name(), days=days)


class PeriodChooser(QWidget):
    """The shared choice as a combo box and two dates, with their Alt keys; it follows the choice both ways."""

    def __init__(self, choice: PeriodChoice, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.kind = QComboBox()
        self.kind.setObjectName(f"{name}Period")
        self.kind.addItem(translate("Period", "This month"), "month")
        self.kind.addItem(translate("Period", "This quarter"), "quarter")
        self.kind.addItem(translate("Period", "From … to …"), "custom")
        self.start = QDateEdit()
        self.start.setObjectName(f"{name}From")
        self.end = QDateEdit()
        self.end.setObjectName(f"{name}To")
        for edit in (self.start, self.end):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.day_labels: list[QLabel] = []
        for text, widget in ((translate("Period", "&Period"), self.kind), (translate("Period", "&From"), self.start),
                             (translate("Period", "&To"), self.end)):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
            if widget is not self.kind:
                self.day_labels.append(label)
        self.show_choice()
        self.kind.currentIndexChanged.connect(self._picked)
        self.start.dateChanged.connect(self._picked)
        self.end.dateChanged.connect(self._picked)
        choice.changed.connect(self.show_choice)

    def show_choice(self) -> None:
        """Show what is chosen (in this section or another) without choosing it again."""
        for widget in (self.kind, self.start, self.end):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(KINDS.index(self.choice.kind))
        self.start.setDate(QDate(self.choice.start))
        self.end.setDate(QDate(self.choice.end))
        for widget in (self.kind, self.start, self.end):
            widget.blockSignals(False)
        # The days and their labels are off unless chosen: Alt+F and Alt+T then open the menu bar's 文件 and 工具
        # (two enabled shortcuts for one key would take two presses to reach the menu).
        custom = self.choice.kind == "custom"
        for widget in (self.start, self.end, *self.day_labels):
            widget.setEnabled(custom)

    def _picked(self, *_ignored) -> None:
        self.choice.choose(self.kind.currentData(), self.start.date().toPython(), self.end.date().toPython())
        self.show_choice()  # the days are enabled with "from … to …"
