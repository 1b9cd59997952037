"""A list the office keeps, with a form beside it: the cadres, the categories, the units.

All three work the same way, from the keyboard (keys active while the editor is
shown): Ctrl+F to the search line and Down to the list; Return on an entry puts
the cursor in the form; Return in a text field (or Ctrl+S) saves; Ctrl+Shift+N
starts a new entry; Delete on the list removes the entry after a question
(a tombstone, so the removal travels); Ctrl+H shows the entry's history.
Writes are operations of `desktop.operations` run through `context.run`; the
worker reads its own records by uuid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.outcome import Outcome
from desktop.operations.records import saved_over
from models.records.versions import ChangedMeanwhile, shown_version
from ui.dialogs.changed_meanwhile import KEEP_MINE, RELOAD, ask
from ui.daily.history import HISTORY_KEYS, open_history
from ui.daily.query_model import Column, LazyQueryModel
from ui.style.columns import ColumnMenu


class RecordEditor(QWidget):
    """Subclasses say what is listed, how the form reads and fills, and how an entry is written."""

    changed_table = ""  # the table of the entries: a change to it reloads the list

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.editing: str | None = None  # uuid of the entry in the form; None: a new entry
        self.seen: str | None = None  # the stored version the form shows (`models.records.versions`)
        self.history_dialog = None
        self.remove_question: QMessageBox | None = None

    def build(self, prefix: str, columns: Sequence[Column], fields: Sequence[tuple[str, QWidget]]) -> None:
        """Lay out the list and the form; `prefix` names the widgets (`<prefix>List`, `<prefix>Search`…)."""
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find (Ctrl+F); Down to the list"))
        self.model = LazyQueryModel(columns, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        # Columns fit their text (phones must not be cut); only the loaded page is measured.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.first_field().setFocus())

        self.form_title = QLabel()
        form = QFormLayout()
        form.addRow(self.form_title)
        self._fields = [field for _text, field in fields]
        for text, field in fields:
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
            if isinstance(field, QLineEdit):
                field.returnPressed.connect(self.save)
            else:
                field.installEventFilter(self)  # Return saves from a spin box or a list choice too

        buttons = QHBoxLayout()
        for text, slot, keys in (
            (self.tr("New (Ctrl+Shift+N)"), self.new_entry, "Ctrl+Shift+N"),
            (self.tr("Save (Ctrl+S)"), self.save, "Ctrl+S"),
            (self.tr("Remove (Del)"), self.ask_remove, "Delete"),
            (self.tr("History (Ctrl+H)"), self.show_history, HISTORY_KEYS),
        ):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence.Find, self, self.search.setFocus)
        self.message = QLabel()
        self.message.setWordWrap(True)

        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addLayout(buttons)
        editor.addWidget(self.message)
        editor.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(editor, 2)

        self._typing = QTimer(self, singleShot=True, interval=250)
        self._typing.timeout.connect(self.reload)
        self.search.textChanged.connect(self._typing.start)
        self.search.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.load_current())
        self.context.data_changed.connect(self.on_data_changed)
        self.setFocusProxy(self.table)
        self.table.setObjectName(f"{prefix}List")
        # Remembered as "<prefix>Editor": 走访's own cadre list is also called cadreList.
        self.columns = ColumnMenu(self.table, settings=self.context.settings, name=f"{prefix}Editor")
        self.search.setObjectName(f"{prefix}Search")
        self.form_title.setObjectName(f"{prefix}FormTitle")
        self.message.setObjectName(f"{prefix}Message")

    # -- what subclasses provide ------------------------------------------------------
    def query(self, text: str):
        raise NotImplementedError

    def fill_form(self, record) -> None:
        raise NotImplementedError

    def clear_form(self) -> None:
        raise NotImplementedError

    def form_values(self) -> dict[str, Any]:
        raise NotImplementedError

    def save_operation(self, uuid: str | None, values: dict[str, Any]) -> Callable[..., Outcome]:
        """The operation that saves the form (as entry `uuid`, or a new one); its value is the saved entry's uuid."""
        raise NotImplementedError

    def remove_operation(self, uuid: str) -> Callable[..., Outcome]:
        raise NotImplementedError

    def title_of(self, record) -> str:
        return record.name

    def new_title(self) -> str:
        return self.tr("New entry")

    # -- showing -------------------------------------------------------------------------
    def first_field(self) -> QWidget:
        return self._fields[0]

    def eventFilter(self, watched, event) -> bool:
        """Down in the search line goes to the list; Return in any field of the form saves."""
        if event.type() == event.Type.KeyPress:
            if watched is self.search and event.key() == Qt.Key_Down:
                self.table.setFocus()
                return True
            if watched in self._fields and event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self.save()
                return True
        return super().eventFilter(watched, event)

    def reload(self, select_uuid: str | None = None) -> None:
        text = self.search.text()
        self.model.set_query(lambda: self.query(text))
        row = 0
        while select_uuid is not None:
            found = next((r for r in range(self.model.rowCount()) if self.model.record(r).uuid == select_uuid), None)
            if found is not None or not self.model.canFetchMore():
                row = found or 0
                break
            self.model.fetchMore()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.load_current()
        else:
            self.new_entry(focus=False)

    def current_record(self):
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def load_current(self) -> None:
        record = self.current_record()
        if record is None:
            return
        self.seen = shown_version(record)  # the form saves over the version it shows
        self.editing = record.uuid
        self.form_title.setText(self.tr("Editing {name}").format(name=self.title_of(record)))
        self.fill_form(record)
        self.message.clear()

    def new_entry(self, focus: bool = True) -> None:
        self.editing = self.seen = None
        self.form_title.setText(self.new_title())
        self.clear_form()
        self.message.clear()
        if focus:
            self.first_field().setFocus()

    def on_data_changed(self, table: str) -> None:
        if table in ("*", self.changed_table):
            said = self.message.text()
            self.reload(self.editing)
            self.message.setText(said)  # what the last write said stays, whichever entry the list shows now

    # -- writing -------------------------------------------------------------------------
    def save(self, check: bool = True) -> None:
        """Save the form over the version it showed (`check`; "keep mine" saves without)."""
        uuid, values = self.editing, self.form_values()

        def done(saved_uuid: str) -> None:
            self.editing = saved_uuid
            self.message.setText(self.tr("Saved."))
            self.table.setFocus()

        operation = saved_over(self.save_operation(uuid, values), record=uuid, seen=self.seen if check else None)
        self.context.run(self.tr("Saving"), operation, done, self._refused)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ChangedMeanwhile):
            choice = ask(self, error)
            if choice == KEEP_MINE:
                self.save(check=False)
            elif choice == RELOAD:
                self.reload(self.editing)
                self.message.setText(self.tr("Their version is shown; edit it and save again."))
            return
        self.message.setText(self.tr("Not saved: {reason}").format(reason=error))

    def remove_text(self, record) -> str:
        return self.tr("Remove {name} from the list?").format(name=self.title_of(record))

    def ask_remove(self) -> None:
        record = self.current_record()
        if record is None or not self.table.hasFocus():
            return
        question = self.remove_question = QMessageBox(
            QMessageBox.Question, self.tr("Remove"), self.remove_text(record), QMessageBox.Yes | QMessageBox.No, self
        )
        question.setDefaultButton(QMessageBox.No)
        question.buttonClicked.connect(lambda button: self._answered(question.standardButton(button), record))
        question.finished.connect(lambda _result: self.back_to_list())
        question.open()

    def back_to_list(self) -> None:
        self.window().activateWindow()
        self.table.setFocus()

    def _answered(self, answer: QMessageBox.StandardButton, record) -> None:
        if answer != QMessageBox.Yes:
            return
        uuid, name = record.uuid, self.title_of(record)

        def done(_result) -> None:
            self.editing = None
            self.message.setText(self.tr("{name} removed from the list.").format(name=name))

        self.context.run(self.tr("Removing"), self.remove_operation(uuid), done, self._refused)

    def show_history(self) -> None:
        record = self.current_record()
        if record is not None:
            open_history(self, record, self.title_of(record))
