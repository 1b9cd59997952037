"""The first start on an empty database: demo data to look around, or an empty start; and who uses this laptop
(the office, or a cadre or grid worker who names themselves in Settings once the roster is in)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QRadioButton, QSpinBox, QVBoxLayout

from desktop.operations.workbench import choose_workbench_user
from models.workbench import OFFICE, WORKER


class FirstStartDialog(QDialog):
    DEMO = 1
    EMPTY = 2

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Lianxin"))
        text = QLabel(
            self.tr(
                "This database is empty. Fill it with demo data (a made-up district with households, "
                "cadres, visits and demands) to look around, or start empty and import your rosters."
            )
        )
        text.setWordWrap(True)
        self.households = QSpinBox()
        self.households.setRange(10, 200_000)
        self.households.setSingleStep(1000)
        self.households.setValue(3000)
        self.households.setSuffix(self.tr(" households"))
        size_row = QHBoxLayout()
        size_label = QLabel(self.tr("Demo &size:"))
        size_label.setBuddy(self.households)
        size_row.addWidget(size_label)
        size_row.addWidget(self.households)
        self.office = QRadioButton(self.tr("The &office uses this laptop (the whole district)"))
        self.office.setObjectName("firstStartOffice")
        self.worker = QRadioButton(self.tr("A cadre or grid &worker uses it (choose who in Settings once the roster is in)"))
        self.worker.setObjectName("firstStartWorker")
        self.office.setChecked(True)
        self.demo_button = QPushButton(self.tr("Fill with &demo data"))
        self.demo_button.setDefault(True)
        self.empty_button = QPushButton(self.tr("Start &empty"))
        self.demo_button.clicked.connect(lambda: self.done(self.DEMO))
        self.empty_button.clicked.connect(lambda: self.done(self.EMPTY))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.demo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(size_row)
        layout.addWidget(self.office)
        layout.addWidget(self.worker)
        layout.addLayout(buttons)

    def done(self, result: int) -> None:
        """Whatever the start, remember who uses the laptop (the 工作台 shows their to-do list)."""
        choose_workbench_user(user=WORKER if self.worker.isChecked() else OFFICE)
        super().done(result)
