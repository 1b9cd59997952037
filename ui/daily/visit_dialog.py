"""Record a visit from a household in a few keystrokes.

Date defaults to today and the visitors to the household's cadres, so the usual
visit is: type whom you talked to, tick the topics, type a demand and press
Return (or Alt+A) for each demand, then Ctrl+Return.  Return anywhere else moves
to the next field and never saves a half-filled visit.  The dialog only gathers the form; the section writes
it through `models.work.visits.record_visit` off the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from models.registry.assignments import cadres_of, household_label
from models.registry.cadres import cadres_of_grid
from models.records.people import Cadre, Household
from models.work.visits import RaisedItem
from models.records.work import DemandCategory
from ui.daily.save_buttons import save_and_cancel


def visit_cadres(household: Household, cadre: Cadre | None) -> tuple[list[Cadre], list[Cadre]]:
    """(who may be ticked as visitors, who is ticked): the grid's cadres and the household's, `cadre` or its linked ones ticked."""
    linked = cadres_of(household)
    everyone = cadres_of_grid(household.grid_id)
    known = {c.uuid for c in everyone}
    cadres = everyone + [c for c in linked if c.uuid not in known]
    if cadre is not None and cadre.uuid not in {c.uuid for c in cadres}:
        cadres.insert(0, cadre)
    return cadres, ([cadre] if cadre is not None else linked)


class VisitDialog(QDialog):
    def __init__(
        self,
        household: Household,
        cadres: list[Cadre],
        chosen: list[Cadre],
        categories: list[DemandCategory],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visitDialog")
        self.household = household
        self.setWindowTitle(self.tr("Visit to {household}").format(household=household_label(household)))
        self.raised: list[RaisedItem] = []

        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.visitors = QListWidget()
        self.visitors.setObjectName("visitors")
        self.visitors.setMaximumHeight(90)
        chosen_ids = {cadre.uuid for cadre in chosen}
        for cadre in cadres:
            item = QListWidgetItem(cadre.name)
            item.setData(Qt.UserRole, cadre)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if cadre.uuid in chosen_ids else Qt.Unchecked)
            self.visitors.addItem(item)
        self.talked_to = QLineEdit()
        self.talked_to.setObjectName("talkedTo")
        self.topic_policy = QCheckBox(self.tr("&Policy publicised"))
        self.topic_handbook = QCheckBox(self.tr("&Handbook handed over"))
        self.topic_other = QCheckBox(self.tr("&Other"))
        topics = QHBoxLayout()
        for box in (self.topic_policy, self.topic_handbook, self.topic_other):
            topics.addWidget(box)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)

        self.demand_text = QLineEdit()
        self.demand_text.setObjectName("demandText")
        self.demand_text.setPlaceholderText(self.tr("What the household asks for or suggests"))
        self.demand_category = QComboBox()
        self.demand_category.addItem(self.tr("(no category)"), None)
        for category in categories:
            self.demand_category.addItem(category.name, category)
        self.demand_is_suggestion = QCheckBox(self.tr("S&uggestion"))
        self.demand_solved = QCheckBox(self.tr("&Solved on the spot"))
        add = QPushButton(self.tr("&Add demand"))
        add.setObjectName("addDemand")
        add.clicked.connect(self.add_demand)
        self.demand_text.returnPressed.connect(self.add_demand)
        demand_row = QHBoxLayout()
        demand_row.addWidget(self.demand_text, 1)
        demand_row.addWidget(self.demand_category)
        demand_row.addWidget(self.demand_is_suggestion)
        demand_row.addWidget(self.demand_solved)
        demand_row.addWidget(add)
        self.raised_list = QListWidget()
        self.raised_list.setObjectName("raisedList")
        self.raised_list.setMaximumHeight(90)

        self.message = QLabel()
        self.message.setObjectName("visitMessage")
        self.message.setStyleSheet("color: #b3261e")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Date"), self.date)
        form.addRow(self.tr("&Visitors"), self.visitors)
        form.addRow(self.tr("&Talked to"), self.talked_to)
        form.addRow(self.tr("Topics"), topics)
        form.addRow(self.tr("&Notes"), self.notes)
        form.addRow(self.tr("De&mand"), demand_row)
        form.addRow(self.tr("Demands raised"), self.raised_list)
        buddies = {0: self.date, 1: self.visitors, 2: self.talked_to, 4: self.notes, 5: self.demand_text}
        for row, buddy in buddies.items():
            form.itemAt(row, QFormLayout.LabelRole).widget().setBuddy(buddy)

        buttons = save_and_cancel(self, self.try_accept)  # Return never presses a button here

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 520)
        self.talked_to.setFocus()

    def keyPressEvent(self, event) -> None:
        """Return moves on to the next field (in the demand line it adds the demand); only Ctrl+Return saves.

        A QDialog takes Return as "accept", which saved a half-filled visit
        from whatever field the person pressed it in.
        """
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ControlModifier:
            event.accept()
            if self.focusWidget() is not self.demand_text:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def add_demand(self) -> None:
        """Put the typed demand on the list of what was raised, and clear the line for the next."""
        text = self.demand_text.text().strip()
        if not text:
            return
        item = RaisedItem(
            description=text,
            kind="suggestion" if self.demand_is_suggestion.isChecked() else "demand",
            category=self.demand_category.currentData(),
            solved_on_spot=self.demand_solved.isChecked(),
        )
        self.raised.append(item)
        shown = text if not item.solved_on_spot else self.tr("{text} (solved on the spot)").format(text=text)
        self.raised_list.addItem(shown)
        self.raised_list.setCurrentRow(self.raised_list.count() - 1)  # the new one is shown, selected
        self.raised_list.scrollToBottom()
        self.demand_text.clear()
        self.demand_solved.setChecked(False)
        self.demand_is_suggestion.setChecked(False)
        self.demand_text.setFocus()

    def chosen_visitors(self) -> list[Cadre]:
        return [
            self.visitors.item(row).data(Qt.UserRole)
            for row in range(self.visitors.count())
            if self.visitors.item(row).checkState() == Qt.Checked
        ]

    def topics(self) -> list[str]:
        boxes = (("policy", self.topic_policy), ("handbook", self.topic_handbook), ("other", self.topic_other))
        return [key for key, box in boxes if box.isChecked()]

    def form(self) -> dict:
        """The keyword arguments of `record_visit` (after household and visitors)."""
        self.add_demand()  # a demand typed but not yet added is not lost
        return {
            "visited_on": self.date.date().toPython(),
            "talked_to": self.talked_to.text(),
            "topics": self.topics(),
            "notes": self.notes.toPlainText(),
            "raised": list(self.raised),
        }

    def try_accept(self) -> None:
        if not self.chosen_visitors():
            self.message.setText(self.tr("Tick at least one visitor."))
            self.visitors.setFocus()
            return
        self.accept()
