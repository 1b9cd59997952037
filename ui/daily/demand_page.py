"""One demand's page: what was asked, its state and deadline, and every move it can take next.

Moves and their keys: Ctrl+Shift+A accept, Ctrl+J reject (reason from the text
line), Ctrl+Shift+S start work, Ctrl+D dispatch to units, Ctrl+P add the text
line as a progress note, Ctrl+E close (办结: a form asks how it ended and, for a
dispute, whether mediation succeeded), Ctrl+R return visit, Ctrl+Shift+O
reopen, Ctrl+H its history.  Alt+G applies a move to the whole group (一类事).  Only the moves the
state allows are enabled.  Each move is written off the UI thread; the page
then re-reads the demand.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from desktop.operations import demands
from desktop.operations.records import saved_over
from models.registry.assignments import household_label
from models.work.demand_view import demand_view, timeline
from models.work.demands import is_dispute, is_overdue
from models.work.reference_lists import responsible_units
from models.records.versions import ChangedMeanwhile, shown_version
from models.records.work import Demand
from ui.daily.demand_dialogs import CloseDialog, DispatchDialog, ReturnVisitDialog
from ui.daily.history import HISTORY_KEYS, open_history
from ui.daily.names import satisfaction_name, state_name
from ui.daily.outcome_names import mediation_name, outcome_name, source_name


class DemandPage(QDialog):
    MOVES = {
        # key: (allowed states, shortcut)
        "accept": (("pending",), "Ctrl+Shift+A"),
        "reject": (("pending",), "Ctrl+J"),
        "start": (("accepted",), "Ctrl+Shift+S"),
        "dispatch": (("pending", "accepted", "in_progress"), "Ctrl+D"),
        "note": (("pending", "accepted", "in_progress", "closed", "rejected"), "Ctrl+P"),
        "close": (("accepted", "in_progress"), "Ctrl+E"),
        "return_visit": (("closed",), "Ctrl+R"),
        "reopen": (("closed", "rejected"), "Ctrl+Shift+O"),
    }

    def __init__(self, context, demand: Demand, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("demandPage")
        self.context = context
        self.demand = demand
        self.dispatch_dialog: DispatchDialog | None = None
        self.return_visit_dialog: ReturnVisitDialog | None = None
        self.close_dialog: CloseDialog | None = None
        self.history_dialog = None
        self.resize(760, 620)

        self.fields = {key: QLabel() for key in ("household", "description", "category", "state", "dates", "group",
                                                  "source", "outcome")}
        for key, label in self.fields.items():
            label.setObjectName(f"demand_{key}")
            label.setWordWrap(True)
        form = QFormLayout()
        for key, title in (
            ("household", self.tr("Household")),
            ("description", self.tr("Demand")),
            ("category", self.tr("Category")),
            ("state", self.tr("State")),
            ("dates", self.tr("Dates")),
            ("group", self.tr("Group")),
            ("source", self.tr("Source")),
            ("outcome", self.tr("Outcome")),
        ):
            form.addRow(title, self.fields[key])

        self.text = QLineEdit()
        self.text.setObjectName("demandText")
        self.text.setPlaceholderText(self.tr("Reason for not accepting, progress note, or reason for reopening"))
        text_label = QLabel(self.tr("&Text"))
        text_label.setBuddy(self.text)
        form.addRow(text_label, self.text)
        self.whole_group = QCheckBox(self.tr("Apply to the whole &group"))
        self.whole_group.setObjectName("wholeGroup")
        form.addRow("", self.whole_group)

        titles = {
            "accept": self.tr("Accept (Ctrl+Shift+A)"),
            "reject": self.tr("Reject (Ctrl+J)"),
            "start": self.tr("Start work (Ctrl+Shift+S)"),
            "dispatch": self.tr("Dispatch… (Ctrl+D)"),
            "note": self.tr("Add note (Ctrl+P)"),
            "close": self.tr("Close (Ctrl+E)"),
            "return_visit": self.tr("Return visit… (Ctrl+R)"),
            "reopen": self.tr("Reopen (Ctrl+Shift+O)"),
        }
        slots = {
            "accept": self.accept_demand,
            "reject": self.reject_demand,
            "start": self.start_work,
            "dispatch": self.open_dispatch,
            "note": self.add_note,
            "close": self.close_demand,
            "return_visit": self.open_return_visit,
            "reopen": self.reopen_demand,
        }
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for number, (key, (_states, keys)) in enumerate(self.MOVES.items()):
            button = QPushButton(titles[key])
            button.setObjectName(f"move_{key}")
            button.setShortcut(QKeySequence(keys))
            button.setAutoDefault(False)
            button.clicked.connect(slots[key])
            self.buttons[key] = button
            grid.addWidget(button, number // 4, number % 4)

        history = QPushButton(self.tr("History (Ctrl+H)"))
        history.setObjectName("demandHistory")
        history.setShortcut(QKeySequence(HISTORY_KEYS))
        history.setAutoDefault(False)
        history.clicked.connect(self.show_history)
        grid.addWidget(history, len(self.MOVES) // 4, 0)

        self.timeline = QListWidget()
        self.timeline.setObjectName("demandTimeline")
        self.message = QLabel()
        self.message.setObjectName("demandMessage")
        self.message.setStyleSheet("color: #b3261e")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("What happened")))
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.message)
        self.reload()
        self.text.setFocus()

    # -- showing -------------------------------------------------------------------
    def reload(self) -> None:
        view = demand_view(self.demand.uuid)
        demand = self.demand = view.demand
        self.seen = shown_version(demand)  # what a move is made over (`_move`)
        household, category, group = view.household, view.category, view.group
        if household is not None:
            who = household_label(household)
        else:  # a shop's or an enterprise's demand
            who = self.tr("{name} (shop)").format(name=view.shop.name if view.shop else "–")
        self.setWindowTitle(self.tr("Demand of {household}").format(household=who))
        self.fields["household"].setText(who)
        self.fields["description"].setText(demand.description)
        self.fields["category"].setText(category.name if category else self.tr("(no category)"))
        state = state_name(demand.state)
        if demand.state == "rejected":
            state = self.tr("{state}: {reason}").format(state=state, reason=demand.reject_reason)
        overdue = is_overdue(demand)
        if overdue:
            state = self.tr("{state}, OVERDUE").format(state=state)
        self.fields["state"].setText(state)
        self.fields["state"].setStyleSheet("color: #b3261e; font-weight: bold" if overdue else "")
        self.fields["dates"].setText(
            self.tr("raised {raised}; accepted {accepted}; deadline {deadline}; closed {closed}").format(
                raised=demand.raised_on,
                accepted=demand.accepted_on or "–",
                deadline=demand.deadline or "–",
                closed=demand.closed_on or "–",
            )
        )
        self.fields["group"].setText(group.name if group else self.tr("(none)"))
        self.fields["source"].setText(source_name(demand.source))
        outcome = outcome_name(demand.outcome) if demand.state == "closed" else "–"
        if demand.state == "closed" and demand.outcome_reason:
            outcome = self.tr("{outcome}: {reason}").format(outcome=outcome, reason=demand.outcome_reason)
        if demand.state == "closed" and category is not None and category.family == "dispute":
            outcome = self.tr("{outcome}; {mediation}").format(outcome=outcome, mediation=mediation_name(demand.mediation))
        self.fields["outcome"].setText(outcome)
        self.whole_group.setEnabled(group is not None)
        if group is None:
            self.whole_group.setChecked(False)
        for key, (states, _keys) in self.MOVES.items():
            self.buttons[key].setEnabled(demand.state in states)
        self._fill_timeline()

    def _fill_timeline(self) -> None:
        self.timeline.clear()
        for entry in timeline(self.demand.uuid):
            row = entry.record
            if entry.kind == "dispatch":
                contact = " ".join(filter(None, (row.contact_person, row.contact_phone)))
                text = self.tr("Dispatched to {unit} {contact}").format(unit=entry.unit, contact=contact).strip()
            elif entry.kind == "note":
                text = row.text
            else:
                text = self.tr("Return visit: {answer} {notes}").format(answer=satisfaction_name(row.satisfaction), notes=row.notes).strip()
            self.timeline.addItem(f"{entry.day}  {text}")

    # -- moves -------------------------------------------------------------------------
    def _move(self, title: str, move, *, over_shown: bool = True, **form) -> None:
        """Run the operation `move` on this demand (or each demand of its group) and re-read the page.

        `over_shown`: only over the version of the demand this page shows — when someone else moved it
        meanwhile (another workstation on the master), nothing is written and theirs is shown.  A note
        adds to the demand without deciding anything, and is not refused for that.
        """
        # The worker reads its own copy: the page's record changes only on the UI thread.
        work = partial(move, demand=self.demand.uuid, whole_group=self.whole_group.isChecked(), **form)
        if over_shown:
            work = saved_over(work, record=self.demand.uuid, seen=self.seen, checked_first=Demand)

        def done(_result) -> None:
            self.activateWindow()
            self.message.clear()
            self.reload()

        def failed(error: Exception) -> None:
            self.activateWindow()
            if isinstance(error, ChangedMeanwhile):
                self.reload()
                self.message.setText(self.tr(
                    "{who} changed this demand at {when}: it is shown as it is now; look, then choose again.").format(
                    who=error.who or "?", when=error.when or "?"))
                return
            self.message.setText(str(error))

        self.context.run(title, work, done, failed)

    def accept_demand(self) -> None:
        self._move(self.tr("Accepting"), demands.accept)

    def reject_demand(self) -> None:
        reason = self.text.text()
        self._move(self.tr("Not accepting"), demands.reject, reason=reason)

    def start_work(self) -> None:
        self._move(self.tr("Starting work"), demands.start_work)

    def add_note(self) -> None:
        text, author = self.text.text(), self.context.installation.user_name
        self.text.clear()
        self._move(self.tr("Adding a note"), demands.add_note, over_shown=False, text=text, author=author)

    def close_demand(self) -> None:
        self.close_dialog = CloseDialog(is_dispute(self.demand), self)
        self.close_dialog.accepted.connect(self._close_chosen)
        self.close_dialog.open()

    def _close_chosen(self) -> None:
        # Of a group, each member is closed with the same outcome; only the disputes take the mediation.
        self._move(self.tr("Closing"), demands.close, **self.close_dialog.form())

    def reopen_demand(self) -> None:
        reason, author = self.text.text(), self.context.installation.user_name
        self.text.clear()
        self._move(self.tr("Reopening"), demands.reopen, reason=reason, author=author)

    def open_dispatch(self) -> None:
        self.dispatch_dialog = DispatchDialog(responsible_units(), self)
        self.dispatch_dialog.accepted.connect(self._dispatch_chosen)
        self.dispatch_dialog.open()

    def _dispatch_chosen(self) -> None:
        targets, notes = self.dispatch_dialog.targets(), self.dispatch_dialog.notes.text()
        self._move(self.tr("Dispatching"), demands.dispatch, targets=targets, notes=notes)

    def open_return_visit(self) -> None:
        self.return_visit_dialog = ReturnVisitDialog(self)
        self.return_visit_dialog.accepted.connect(self._return_visit_done)
        self.return_visit_dialog.open()

    def _return_visit_done(self) -> None:
        dialog = self.return_visit_dialog
        answer, form, by = dialog.satisfaction(), dialog.form(), self.context.installation.user_name
        self._move(self.tr("Saving the return visit"), demands.record_return_visit, satisfaction=answer, by=by, **form)

    def show_history(self) -> None:
        open_history(self, self.demand, self.fields["description"].text())
