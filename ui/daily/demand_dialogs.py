"""The small forms of a demand's page: dispatch to units (吹哨报到), the return visit (回访) and
closing (办结: how it ended); and the form that raises a demand outside a visit (with its source).

All only gather the form; the page or section writes it.  All are driven by the
keyboard: in the unit list, arrows move, Space ticks a unit, F2 edits its
contact; in the return visit and the closing, Alt plus the underlined letter
picks the answer; in the new demand, Down goes from the search line to who
raised it and Ctrl+Return saves.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from models.work.demands import DispatchTarget
from models.records.people import Cadre, Household, ResponsibleUnit, Shop
from models.registry.lists import who_raises
from models.records.work import Demand, DemandCategory
from ui.daily.outcome_names import source_name
from ui.daily.save_buttons import save_and_cancel


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


class CloseDialog(QDialog):
    """办结: how it ended — solved, answered (explained, not solved) or cannot be solved (with the reason);
    a dispute also says whether mediation succeeded.  Nothing is chosen before the person chooses."""

    def __init__(self, dispute: bool, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("closeDialog")
        self.setWindowTitle(self.tr("Close the demand"))
        self.outcomes = QButtonGroup(self)
        outcomes = QHBoxLayout()
        for key, text in (
            ("solved", self.tr("&Solved")),
            ("answered", self.tr("&Answered (explained, not solved)")),
            ("unsolvable", self.tr("Ca&nnot be solved")),
        ):
            outcomes.addWidget(self._choice(self.outcomes, f"outcome_{key}", key, text))
        self.reason = QLineEdit()
        self.reason.setObjectName("closeReason")
        self.reason.setPlaceholderText(self.tr("Why it cannot be solved, or what the resident was told"))
        form = QFormLayout()
        form.addRow(self.tr("How it ended"), outcomes)
        reason_label = QLabel(self.tr("&Reason"))
        reason_label.setBuddy(self.reason)
        form.addRow(reason_label, self.reason)
        self.mediations: QButtonGroup | None = None
        if dispute:
            self.mediations = QButtonGroup(self)
            mediations = QHBoxLayout()
            for key, text in (("succeeded", self.tr("Mediation s&ucceeded")), ("failed", self.tr("Mediation &failed"))):
                mediations.addWidget(self._choice(self.mediations, f"mediation_{key}", key, text))
            form.addRow(self.tr("Dispute"), mediations)
        self.message = QLabel()
        self.message.setObjectName("closeMessage")
        self.message.setStyleSheet("color: #b3261e")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.outcomes.buttons()[0].setFocus()

    @staticmethod
    def _choice(group: QButtonGroup, name: str, key: str, text: str) -> QRadioButton:
        button = QRadioButton(text)
        button.setObjectName(name)
        button.setProperty("choice", key)
        group.addButton(button)
        return button

    @staticmethod
    def _chosen(group: QButtonGroup | None) -> str | None:
        button = None if group is None else group.checkedButton()
        return None if button is None else button.property("choice")

    def outcome(self) -> str | None:
        return self._chosen(self.outcomes)

    def mediation(self) -> str | None:
        return self._chosen(self.mediations)

    def try_accept(self) -> None:
        if self.outcome() is None:
            self.message.setText(self.tr("Choose how it ended."))
        elif self.outcome() == "unsolvable" and not self.reason.text().strip():
            self.message.setText(self.tr("Give the reason it cannot be solved."))
            self.reason.setFocus()
        elif self.mediations is not None and self.mediation() is None:
            self.message.setText(self.tr("Say whether the mediation succeeded."))
        else:
            self.accept()

    def form(self) -> dict:
        """The keyword arguments of `models.work.demands.close`."""
        return {"outcome": self.outcome(), "reason": self.reason.text(), "mediation": self.mediation()}


class RaiseDemandDialog(QDialog):
    """A demand raised outside a visit — at the 12345 hotline, at the office, by a grid worker's report —
    by a household or a shop, with where it came from.  The source has no default: a person says it."""

    def __init__(self, categories: list[DemandCategory], grid_workers: list[Cadre], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("raiseDemandDialog")
        self.setWindowTitle(self.tr("New demand"))
        self.subject: Household | Shop | None = None
        self.who = QLineEdit()
        self.who.setObjectName("raiseWho")
        self.who.setPlaceholderText(self.tr("Name, phone tail or address of a household, or a shop's name"))
        self.who.textChanged.connect(self._search)
        self.who.returnPressed.connect(lambda: self._take(self.matches.currentRow() if self.matches.currentRow() >= 0 else 0))
        self.who.installEventFilter(self)
        self.matches = QListWidget()
        self.matches.setObjectName("raiseMatches")
        self.matches.setMaximumHeight(110)
        self.matches.itemActivated.connect(lambda item: self._take(self.matches.row(item)))
        self.chosen = QLabel(self.tr("(nobody chosen yet)"))
        self.chosen.setObjectName("raiseChosen")
        self.description = QLineEdit()
        self.description.setObjectName("raiseDescription")
        self.suggestion = QCheckBox(self.tr("S&uggestion"))
        self.category = QComboBox()
        self.category.setObjectName("raiseCategory")
        self.category.addItem(self.tr("(no category)"), None)
        for category in categories:
            self.category.addItem(category.name, category)
        self.source = QComboBox()
        self.source.setObjectName("raiseSource")
        self.source.addItem(self.tr("(choose where it came from)"), None)
        for source in Demand.SOURCES:
            self.source.addItem(source_name(source), source)
        self.grid_worker = QComboBox()
        self.grid_worker.setObjectName("raiseGridWorker")
        self.grid_worker.addItem(self.tr("(the grid worker who reports it)"), None)
        for cadre in grid_workers:
            self.grid_worker.addItem(cadre.name, cadre)
        self.source.currentIndexChanged.connect(self._source_changed)
        self._source_changed()
        self.raised_by = QLineEdit()
        self.raised_by.setObjectName("raiseRaisedBy")
        self.date = QDateEdit(QDate.currentDate())
        self.date.setObjectName("raiseDate")
        self.date.setCalendarPopup(True)
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.message = QLabel()
        self.message.setObjectName("raiseMessage")
        self.message.setStyleSheet("color: #b3261e")
        self.message.setWordWrap(True)

        form = QFormLayout()
        for text, field in (
            (self.tr("&Who raised it"), self.who),
            ("", self.matches),
            ("", self.chosen),
            (self.tr("&Demand"), self.description),
            ("", self.suggestion),
            (self.tr("&Category"), self.category),
            (self.tr("S&ource"), self.source),
            (self.tr("&Grid worker"), self.grid_worker),
            (self.tr("Raised &by"), self.raised_by),
            (self.tr("D&ate"), self.date),
        ):
            label = QLabel(text)
            if text:
                label.setBuddy(field)
            form.addRow(label, field)
        buttons = save_and_cancel(self, self.try_accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(620, 460)
        self.who.setFocus()

    def _source_changed(self, *_ignored) -> None:
        """A grid worker's report names the grid worker (their reports are counted: docs/statistics.md)."""
        self.grid_worker.setEnabled(self.source.currentData() == "grid_report")

    def eventFilter(self, watched, event) -> bool:
        if watched is self.who and event.type() == event.Type.KeyPress and event.key() == Qt.Key_Down:
            self.matches.setFocus()
            if self.matches.count():
                self.matches.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def _search(self, text: str) -> None:
        """Households as the registry's search box finds them, then shops by name, owner or address."""
        self.matches.clear()
        households, shops = who_raises(text)
        for household in households:
            self._offer(household, household.address or household.room)
        for shop in shops:
            self._offer(shop, self.tr("{name} (shop) {address}").format(name=shop.name, address=shop.address).strip())

    def _offer(self, record, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.UserRole, record)
        self.matches.addItem(item)

    def take_subject(self, subject, text: str) -> None:
        """Start from a household or shop already found (the registry's search): the description is next."""
        self.matches.clear()
        self._offer(subject, text)
        self._take(0)

    def _take(self, row: int) -> None:
        item = self.matches.item(row)
        if item is None:
            return
        self.subject = item.data(Qt.UserRole)
        self.chosen.setText(item.text())
        self.description.setFocus()

    def try_accept(self) -> None:
        if self.subject is None:
            self.message.setText(self.tr("Choose the household or shop that raised it."))
            self.who.setFocus()
        elif not self.description.text().strip():
            self.message.setText(self.tr("Describe the demand."))
            self.description.setFocus()
        elif self.source.currentData() is None:
            self.message.setText(self.tr("Choose where the demand came from."))
            self.source.setFocus()
        elif self.source.currentData() == "grid_report" and self.grid_worker.currentData() is None:
            self.message.setText(self.tr("Choose the grid worker who reported it."))
            self.grid_worker.setFocus()
        else:
            self.accept()

    def show_refusal(self, text: str) -> None:
        self.message.setText(text)

    def form(self) -> dict:
        """The arguments of `models.work.demands.raise_demand` (the household is None for a shop)."""
        shop = self.subject if isinstance(self.subject, Shop) else None
        household = None if shop is not None else self.subject
        return {
            "household": household,
            "description": self.description.text(),
            "shop": shop,
            "kind": "suggestion" if self.suggestion.isChecked() else "demand",
            "category": self.category.currentData(),
            "source": self.source.currentData(),
            "raised_by": self.raised_by.text(),
            "recorded_by": self.grid_worker.currentData() if self.grid_worker.isEnabled() else None,
            "raised_on": self.date.date().toPython(),
        }
