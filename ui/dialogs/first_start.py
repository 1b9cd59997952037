"""The first start on an empty database: demo data to look around, or an empty start."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout


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
        layout.addLayout(buttons)
