"""Statistics: the figures the office reports, refreshed after every change."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.stats import counts


class StatisticsSection(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._labels = {
            "households": self.tr("Households"),
            "residents": self.tr("Residents"),
            "buildings": self.tr("Buildings"),
            "shops": self.tr("Shops"),
            "cadres": self.tr("Cadres and grid workers"),
            "assignments": self.tr("Assignments (cadre ↔ household)"),
            "visits": self.tr("Visits"),
            "demands": self.tr("Demands and suggestions"),
            "conflicts": self.tr("Conflicts to review"),
        }
        self._values: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, text in self._labels.items():
            value = QLabel("…")
            value.setObjectName(f"stat_{key}")
            self._values[key] = value
            form.addRow(text, value)
        refresh = QPushButton(self.tr("&Refresh (F5)"))
        refresh.clicked.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.Refresh), self, self.refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(refresh)
        layout.addStretch(1)
        context.data_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_ignored) -> None:
        """Count off the UI thread: at district scale the counts take a moment."""
        self._context.jobs.run(self.tr("Counting"), lambda progress: counts(), self._show, show_progress=False)

    def _show(self, figures: dict[str, int]) -> None:
        for key, label in self._values.items():
            label.setText(f"{figures.get(key, 0):,}")
