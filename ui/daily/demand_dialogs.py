"""The two small forms of a demand's page: dispatch to units (吹哨报到) and the return visit (回访).

Both only gather the form; the demand page writes it.  Both are driven by the
keyboard: in the unit list, arrows move, Space ticks a unit, F2 edits its
contact; in the return visit, Alt plus the underlined letter picks the answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from models.demands import DispatchTarget
from models.people import ResponsibleUnit


class DispatchDialog(QDialog):
    """Tick one or several units; each keeps its own contact person."""

    def __init__(self, units: list[ResponsibleUnit], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchDialog")
        self.setWindowTitle(self.tr("Dispatch to responsible units"))
        self.table = QTableWidget(len(units), 3)
        self.table.setObjectName("dispatchUnits")
        self.table.setHorizontalHeaderLabels([self.tr("Unit"), self.tr("Contact person"), self.tr("Contact phone")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, unit in enumerate(units):
            name = QTableWidgetItem(unit.name)
            name.setData(Qt.UserRole, unit)
            name.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
            name.setCheckState(Qt.Unchecked)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(unit.contact_person))
            self.table.setItem(row, 2, QTableWidgetItem(unit.contact_phone))
        self.table.resizeColumnToContents(0)
        self.notes = QLineEdit()
        self.notes.setObjectName("dispatchNotes")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b3261e")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("&Dispatch"))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        notes_label = QLabel(self.tr("&Notes"))
        notes_label.setBuddy(self.notes)
        form.addRow(notes_label, self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Space ticks a unit; F2 edits its contact.")))
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 520)
        if units:
            self.table.setCurrentCell(0, 0)
        self.table.setFocus()

    def targets(self) -> list[DispatchTarget]:
        chosen = []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0)
            if name.checkState() == Qt.Checked:
                chosen.append(
                    DispatchTarget(name.data(Qt.UserRole), self.table.item(row, 1).text(), self.table.item(row, 2).text())
                )
        return chosen

    def try_accept(self) -> None:
        if not self.targets():
            self.message.setText(self.tr("Tick at least one unit."))
            return
        self.accept()


class ReturnVisitDialog(QDialog):
    """Ask the resident: satisfied, fairly satisfied or dissatisfied (which reopens the demand)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("returnVisitDialog")
        self.setWindowTitle(self.tr("Return visit"))
        self.answers = QButtonGroup(self)
        answers = QHBoxLayout()
        for key, text in (
            ("satisfied", self.tr("&Satisfied")),
            ("fairly_satisfied", self.tr("&Fairly satisfied")),
            ("dissatisfied", self.tr("&Dissatisfied (reopens)")),
        ):
            button = QRadioButton(text)
            button.setObjectName(f"answer_{key}")
            button.setProperty("answer", key)
            self.answers.addButton(button)
            answers.addWidget(button)
        self.answers.buttons()[0].setChecked(True)
        self.method = QComboBox()
        self.method.addItem(self.tr("By phone"), "phone")
        self.method.addItem(self.tr("In person"), "in_person")
        self.notes = QLineEdit()
        self.notes.setObjectName("returnVisitNotes")
        form = QFormLayout()
        form.addRow(self.tr("Answer"), answers)
        for text, field in ((self.tr("&How"), self.method), (self.tr("&Notes"), self.notes)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.answers.buttons()[0].setFocus()

    def satisfaction(self) -> str:
        return self.answers.checkedButton().property("answer")

    def form(self) -> dict:
        return {"method": self.method.currentData(), "notes": self.notes.text()}
