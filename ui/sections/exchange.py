"""Exchange (数据交换): export workbooks, merge them with a receipt, settle conflicts, restore a copy.

Keyboard: Ctrl+E exports, Ctrl+M merges (or drop .xlsx, .xls or .ods files on this section),
Ctrl+Shift+S saves the receipt, Ctrl+Return settles the conflict shown,
Alt+1…9 takes that version into the result, Ctrl+R restores the chosen copy.
Export, merge and settling run as operations (`desktop.operations.exchange`,
`.conflicts`) through `context.run` (progress with cancel); the merge keeps a
copy of the database first.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDateTime, QLocale, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.failures import explain
from desktop.operations import backups, conflicts, exchange, privacy
from desktop.operations.exchange import FileReceipt, MergeStopped
from desktop.operations.outcome import Refused
from models.database import DatabaseRefused, database_path
from models.records.clock import wall_milliseconds
from models.storage.database_lock import DatabaseLockError
from models.records.devices import known_devices
from models.history import referenced_name
from models.registry.lists import sub_districts
from models.scope import EVERYTHING, Scope, scope_choices
from ui.daily.names import device_label
from ui.style import theme
from ui.workbook_password import remember, remembered

FETCH_BATCH = 200
DIFFERENT = QColor("#FFF2CC")


class ReceiptModel(QAbstractTableModel):
    """One row per merged file: what it brought, or why it was refused."""

    FIELDS = ("file", "status_text", "new", "updated", "unchanged", "conflicts", "hand_edits", "added_by_hand", "reason")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.receipts: list[FileReceipt] = []
        self._titles = (self.tr("File"), self.tr("Result"), self.tr("New"), self.tr("Updated"), self.tr("Unchanged"),
                        self.tr("Conflicts"), self.tr("Edited by hand"), self.tr("Added by hand"), self.tr("Reason"))

    def set_receipts(self, receipts: list[FileReceipt]) -> None:
        self.beginResetModel()
        self.receipts = list(receipts)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.receipts)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.FIELDS)

    def data(self, index, role=Qt.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.receipts):
            return None
        receipt = self.receipts[index.row()]
        field = self.FIELDS[index.column()]
        if role == Qt.DisplayRole:
            if field == "status_text":
                if not receipt.accepted:
                    return self.tr("refused")
                return self.tr("already merged") if receipt.recognised else self.tr("merged")
            if field == "reason":
                if receipt.recognised:
                    return self.tr("Already merged on {time}; nothing new.").format(time=receipt.merged_before_text)
                if receipt.refused:
                    return receipt.refused[0]
                return _read_notes(receipt)
            return getattr(receipt, field)
        if role == Qt.ToolTipRole and field == "reason" and receipt.refused:
            return "\n".join(receipt.refused[:20])
        if role == Qt.ForegroundRole and not receipt.accepted:
            return QBrush(QColor("#C00000"))
        if role == Qt.ForegroundRole and receipt.recognised:
            return QBrush(QColor("#606060"))
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self._titles):
            return self._titles[section]
        return None


class ConflictListModel(QAbstractTableModel):
    """Records with open conflicts, fetched in batches: kind, what it is, how many versions."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._keys: list[tuple[str, str]] = []
        self._rows: list[conflicts.ConflictRow] = []
        self._titles = (self.tr("Kind"), self.tr("Record"), self.tr("Versions"))

    def reload(self) -> None:
        self.beginResetModel()
        self._keys = conflicts.conflict_keys()
        self._rows = []
        self.endResetModel()
        self.fetchMore()  # the first batch at once, so a row can be chosen before the view paints

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < len(self._keys)

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        start = len(self._rows)
        batch = self._keys[start:start + FETCH_BATCH]
        if not batch:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
        self._rows.extend(conflicts.conflict_row(table, uuid) for table, uuid in batch)
        self.endInsertRows()

    def key_at(self, row: int) -> tuple[str, str] | None:
        return (self._rows[row].table, self._rows[row].uuid) if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index, role=Qt.DisplayRole) -> Any:
        """The cell's text; its tooltip is the same text whole (a long address is elided in a narrow list)."""
        if role not in (Qt.DisplayRole, Qt.ToolTipRole) or not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        return (row.kind, row.label, row.versions)[index.column()]

    def headerData(self, section, orientation, role=Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self._titles):
            return self._titles[section]
        return None


class ExchangeSection(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAcceptDrops(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._export_tab(), self.tr("Export"))
        self.tabs.addTab(self._merge_tab(), self.tr("Merge"))
        self.tabs.addTab(self._conflicts_tab(), self.tr("Conflicts"))
        self.tabs.addTab(self._backups_tab(), self.tr("Backup copies"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._shortcut(QKeySequence("Ctrl+E"), self.choose_export_file)
        self._shortcut(QKeySequence("Ctrl+M"), self.choose_merge_files)
        self._shortcut(QKeySequence("Ctrl+Shift+S"), self.save_receipt_as)
        self._shortcut(QKeySequence("Ctrl+Return"), self.settle_conflict)
        self._shortcut(QKeySequence("Ctrl+R"), self.restore_chosen_backup)
        for number in range(1, 10):
            self._shortcut(QKeySequence(f"Alt+{number}"), lambda n=number: self.take_version(n - 1))
        context.data_changed.connect(self.refresh)
        self.refresh()

    def _shortcut(self, sequence: QKeySequence, slot) -> None:
        shortcut = QShortcut(sequence, self)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # ----- export --------------------------------------------------------------------

    def _export_tab(self) -> QWidget:
        page = QWidget()
        self.scope_kind = QComboBox()
        for kind, text in ((EVERYTHING, self.tr("Everything")), ("community", self.tr("One community")),
                           ("grid", self.tr("One grid")), ("cadre", self.tr("One cadre's package"))):
            self.scope_kind.addItem(text, kind)
        self.scope_name = QComboBox()
        self.scope_kind.currentIndexChanged.connect(self._fill_scope_names)
        self.export_button = QPushButton(self.tr("&Export workbook… (Ctrl+E)"))
        self.export_button.clicked.connect(self.choose_export_file)
        self.export_status = theme.mark_hint(QLabel(self.tr(
            "Export a workbook to carry your work to the office or another laptop; merge theirs under Merge "
            "(or drop workbooks on the window: .xlsx, .xls, .ods).")))
        self.export_status.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)  # a combo box as wide as what it holds
        for combo in (self.scope_kind, self.scope_name):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            combo.setMinimumContentsLength(8)
        self.export_password = QLineEdit()  # the remembered one is read when an export is asked for, not at start
        self.export_password.setObjectName("exportPassword")
        self.export_password.setEchoMode(QLineEdit.Password)
        self.export_password.setPlaceholderText(self.tr("none: a plain workbook anyone can read"))
        self.export_password.setMinimumWidth(240)
        self.remember_password = QCheckBox(self.tr("Re&member for this office (system keyring)"))
        form.addRow(self.tr("&Scope:"), self.scope_kind)
        form.addRow(self.tr("&Name:"), self.scope_name)
        form.addRow(self.tr("Pass&word:"), self.export_password)
        form.addRow("", self.remember_password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        theme.mark_primary(self.export_button)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.export_status)
        layout.addStretch(1)
        return page

    def _fill_scope_names(self) -> None:
        kind, chosen = self.scope_kind.currentData(), self.scope_name.currentData()
        self.scope_name.clear()
        self.scope_name.setEnabled(kind != EVERYTHING)
        if kind != EVERYTHING:
            for uuid, name in scope_choices(kind):
                self.scope_name.addItem(name, uuid)
            self.scope_name.setCurrentIndex(max(0, self.scope_name.findData(chosen)))

    def current_scope(self) -> Scope:
        """The scope chosen; ValueError when a kind is chosen that has no record to name."""
        kind = self.scope_kind.currentData()
        return Scope() if kind == EVERYTHING else Scope.named(kind, self.scope_name.currentData())

    def choose_export_file(self) -> None:
        if not self.export_password.text():
            self.export_password.setText(remembered(self.office()) or "")
        folder = self.context.settings.last_folder("exchange-export")
        suggested = str(Path(folder) / f"{self.context.installation.device_name}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export workbook"), suggested, self.tr("Workbooks (*.xlsx)"))
        if path:
            self.export_to(Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx"))

    def export_to(self, path: Path):
        self.context.settings.set_last_folder("exchange-export", path)
        try:
            scope = self.current_scope()
        except ValueError as error:
            self._failed(error)
            return None
        password = self.export_password.text() or None
        if password and self.remember_password.isChecked() and not remember(self.office(), password):
            self.window().statusBar().showMessage(self.tr("This computer has no keyring: the password is not remembered."),
                                                  15_000)
        export = partial(exchange.export, path=path, scope=scope, installation=self.context.installation, password=password)
        return self.context.run(self.tr("Exporting {file}").format(file=path.name), export,
                                lambda summary: self._exported(summary, password is not None), self._failed)

    def office(self) -> str:
        """Whose password the keyring keeps: the sub-districts this database holds (or this device, before any)."""
        return "、".join(sorted(place.name for place in sub_districts())) or self.context.installation.device_name

    def _exported(self, summary, protected: bool = False) -> None:
        self.export_status.setText(self.tr("Written {file}: {households} households, {residents} residents, "
                                           "{conflicts} kept conflict versions.").format(
            file=summary.path, households=summary.rows.get("住户", 0), residents=summary.rows.get("居民", 0),
            conflicts=summary.conflicts) + " " + (self.tr("Encrypted with the password.") if protected else self.tr(
                "Not encrypted: whoever has the file reads every name, ID number and phone in it.")))

    # ----- merge ---------------------------------------------------------------------

    def _merge_tab(self) -> QWidget:
        page = QWidget()
        self.merge_button = QPushButton(self.tr("&Merge workbooks… (Ctrl+M)"))
        self.merge_button.clicked.connect(self.choose_merge_files)
        hint = QLabel(self.tr("Or drop workbooks here (.xlsx, .xls, .ods). A copy of the database is kept before a merge "
                              "changes it (Tools → Settings)."))
        hint.setWordWrap(True)
        self.receipt_model = ReceiptModel(self)
        self.receipt_view = QTableView()
        self.receipt_view.setModel(self.receipt_model)
        self.receipt_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.receipt_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.receipt_view.horizontalHeader().setStretchLastSection(True)
        self.merge_status = QLabel()
        self.merge_status.setWordWrap(True)
        self.save_receipt_button = QPushButton(self.tr("Save &receipt… (Ctrl+Shift+S)"))
        self.save_receipt_button.clicked.connect(self.save_receipt_as)
        self.save_receipt_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.save_receipt_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.receipt_view, 1)
        layout.addWidget(self.merge_status)
        return page

    def choose_merge_files(self) -> None:
        folder = self.context.settings.last_folder("exchange-merge")
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Merge workbooks"), folder, self.tr("Workbooks (*.xlsx *.xls *.ods)"))
        if paths:
            self.merge_files([Path(p) for p in paths])

    def workbook_password_for(self, protected: list[Path]) -> bool:
        """The password of the protected workbooks among those to merge (remembered, or asked), checked against the
        first (a later one with another password is refused alone by the merge); False (nothing merged) when none
        is given or it does not open the first."""
        password = remembered(self.office())
        if password is None or privacy.workbook_password_problem(protected[0], password):
            password, given = QInputDialog.getText(
                self, self.tr("Workbook password"), self.tr("{file} is encrypted. Its password:").format(
                    file=protected[0].name), QLineEdit.Password)
            if not given or not password:
                return False
        problem = privacy.workbook_password_problem(protected[0], password)
        if problem:
            QMessageBox.warning(self, self.tr("Merge"), self.tr("Nothing was merged: {reason}").format(reason=problem))
            return False
        privacy.use_workbook_password(password)
        return True

    def merge_files(self, paths: list[Path]):
        protected = privacy.protected_workbooks(paths)
        if protected and not self.workbook_password_for(protected):
            return None
        self.context.settings.set_last_folder("exchange-merge", paths[0])
        merge = partial(exchange.merge, files=paths, installation=self.context.installation, holder=exchange.WINDOW_MERGE)
        self.tabs.setCurrentIndex(1)
        return self.context.run(self.tr("Merging {count} workbook(s)").format(count=len(paths)), merge,
                                self._merged, self._failed)

    def _merged(self, receipts: list[FileReceipt]) -> None:
        self.receipt_model.set_receipts(receipts)
        self.save_receipt_button.setEnabled(bool(receipts))
        refused = sum(1 for receipt in receipts if not receipt.accepted)
        status = self.tr("{merged} merged, {refused} refused; {new} new, {updated} updated, {conflicts} conflicts.").format(
            merged=len(receipts) - refused, refused=refused, new=sum(r.new for r in receipts),
            updated=sum(r.updated for r in receipts), conflicts=sum(r.conflicts for r in receipts))
        recognised = sum(1 for receipt in receipts if receipt.recognised)
        if recognised:
            status += " " + self.tr("{count} of them had been merged before, byte for byte, and were not read again.").format(
                count=recognised)
        self.merge_status.setText(status)

    def _merge_stopped(self, stop: MergeStopped) -> None:
        """Some files were kept before the merge stopped: show their receipts, and say where it stopped."""
        self._merged(stop.kept)
        self.context.announce(exchange.changes_of(stop.kept))
        QMessageBox.warning(self, self.tr("Merge"), self.tr(
            "The merge stopped at {file}: {reason}. The {count} file(s) before it were merged and kept; "
            "{file} and the files after it were not.").format(
            file=stop.stopped_at.name, reason=explain(stop.cause, database_path()) or stop.cause, count=len(stop.kept)))

    def save_receipt_as(self) -> None:
        if not self.receipt_model.receipts:
            return
        folder = self.context.settings.last_folder("exchange-receipt")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save receipt"), str(Path(folder) / "receipt.xlsx"),
                                              self.tr("Workbooks (*.xlsx)"))
        if path:
            self.save_receipt_to(Path(path))

    def save_receipt_to(self, path: Path) -> None:
        self.context.settings.set_last_folder("exchange-receipt", path)
        try:
            exchange.save_receipt(path=path, receipts=self.receipt_model.receipts)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Save receipt"), self.tr("The receipt could not be saved: {reason}").format(reason=error))

    def dragEnterEvent(self, event) -> None:
        if any(_mergeable(url) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if _mergeable(url)]
        if paths:
            event.acceptProposedAction()
            self.merge_files(paths)

    # ----- conflicts -----------------------------------------------------------------

    def _conflicts_tab(self) -> QWidget:
        page = QWidget()
        self.conflict_model = ConflictListModel(self)
        self.conflict_view = QTableView()
        self.conflict_view.setModel(self.conflict_model)
        self.conflict_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.conflict_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.conflict_view.verticalHeader().hide()
        # At 1024 px the list is narrow: kind and count take what they need, the record (the address, the name)
        # the rest, elided, its whole text in the tooltip; no column is pushed out of sight.
        header = self.conflict_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        self.conflict_view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.conflict_view.setTextElideMode(Qt.ElideMiddle)  # the room number, at the end, stays in sight
        self.conflict_view.selectionModel().currentRowChanged.connect(lambda current, _: self.show_conflict(current.row()))
        self.comparison = QTableWidget()
        self.comparison.verticalHeader().setVisible(False)
        self.take_buttons = QHBoxLayout()
        self.settle_button = QPushButton(self.tr("&Settle with the result (Ctrl+Return)"))
        self.settle_button.clicked.connect(self.settle_conflict)
        self.settle_button.setEnabled(False)
        self.conflict_hint = QLabel(self.tr("Each column is one version; edit the Result column or take a version whole."))
        self.conflict_hint.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.conflict_hint)
        right_layout.addWidget(self.comparison, 1)
        right_layout.addLayout(self.take_buttons)
        right_layout.addWidget(self.settle_button)
        splitter = QSplitter()
        splitter.addWidget(self.conflict_view)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 600])
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        self.shown_conflict: conflicts.ConflictedRecord | None = None
        return page

    def show_conflict(self, row: int) -> None:
        key = self.conflict_model.key_at(row)
        self.shown_conflict = conflicts.conflicted_record(*key) if key else None
        record = self.shown_conflict
        self.comparison.clear()
        while self.take_buttons.count():
            self.take_buttons.takeAt(0).widget().deleteLater()
        self.settle_button.setEnabled(record is not None)
        if record is None:
            self.comparison.setRowCount(0)
            self.comparison.setColumnCount(0)
            return
        columns = conflicts.fields(record.table)
        differing = {c.column for c in record.differing_columns()}
        devices = known_devices()
        headers = [self.tr("Field")]
        for number, side in enumerate(record.sides, start=1):
            shown_as = self.tr("shown now") if side.current else self.tr("kept")
            when = QDateTime.fromMSecsSinceEpoch(wall_milliseconds(side.hlc)).toString("yyyy-MM-dd HH:mm")
            headers.append(self.tr("Version {n} ({state})").format(n=number, state=shown_as)
                           + f"\n{device_label(side.device, devices)}\n{when}")
            # No mnemonic: Alt+N is the section's shortcut, and a button's &N beside it made Alt+N ambiguous
            # (neither took the version) as soon as the buttons were shown.
            button = QPushButton(self.tr("Take version {n}").format(n=number))
            button.setToolTip(f"Alt+{number}" if number <= 9 else "")
            button.clicked.connect(lambda _=False, index=number - 1: self.take_version(index))
            self.take_buttons.addWidget(button)
        headers.append(self.tr("Result"))
        self.comparison.setColumnCount(len(headers))
        self.comparison.setHorizontalHeaderLabels(headers)
        self.comparison.setRowCount(len(columns))
        bold = QFont()
        bold.setBold(True)
        for row_index, column in enumerate(columns):
            title = QTableWidgetItem(column.title.removesuffix("标识") if column.kind == "ref" else column.title)
            title.setFlags(Qt.ItemIsEnabled)
            self.comparison.setItem(row_index, 0, title)
            for side_index, side in enumerate(record.sides, start=1):
                item = self._value_item(record.table, column, side.values.get(column.column))
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                if column.column in differing:
                    item.setBackground(DIFFERENT)
                    item.setFont(bold)
                self.comparison.setItem(row_index, side_index, item)
            result = self._value_item(record.table, column, record.sides[0].values.get(column.column))
            if column.kind == "ref":  # a place or a person, chosen by taking a version, not typed
                result.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            self.comparison.setItem(row_index, len(headers) - 1, result)
        self.comparison.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.comparison.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)  # the values get the room

    @staticmethod
    def _value_item(table: str, column, value) -> QTableWidgetItem:
        """A value as people read it: a place or person by name (the stored id kept behind it), not a uuid."""
        text = conflicts.shown(column, value)
        item = QTableWidgetItem(text)
        item.setData(Qt.UserRole, text)  # what is stored, as the workbook writes it
        if column.kind == "ref" and value:
            item.setText(referenced_name(table, column.column, str(value)) or text)
        item.setToolTip(item.text())  # a long note or address is elided in its column
        return item

    def take_version(self, index: int) -> None:
        record = self.shown_conflict
        if record is None or not 0 <= index < len(record.sides):
            return
        result_column = self.comparison.columnCount() - 1
        for row in range(self.comparison.rowCount()):
            taken = self.comparison.item(row, index + 1)
            result = self.comparison.item(row, result_column)
            result.setText(taken.text())
            result.setData(Qt.UserRole, taken.data(Qt.UserRole))

    def result_values(self) -> dict[str, Any] | None:
        """The Result column as stored values, or None after telling the user what is wrong."""
        record = self.shown_conflict
        result_column = self.comparison.columnCount() - 1
        texts = []
        for row, column in enumerate(conflicts.fields(record.table)):
            item = self.comparison.item(row, result_column)
            texts.append(item.data(Qt.UserRole) if column.kind == "ref" else item.text())
        try:
            return conflicts.checked_values(record.table, texts)
        except Refused as problem:
            QMessageBox.warning(self, self.tr("Settle conflict"), str(problem))
            return None

    def settle_conflict(self) -> None:
        record = self.shown_conflict
        if record is None:
            return
        values = self.result_values()
        if values is None:
            return

        self.context.run(self.tr("Settling the conflict"), partial(conflicts.settle, record=record, values=values),
                         on_error=self._failed)

    # ----- backups -------------------------------------------------------------------

    def _backups_tab(self) -> QWidget:
        page = QWidget()
        self.backup_list = QListWidget()
        self.restore_button = QPushButton(self.tr("&Restore the chosen copy… (Ctrl+R)"))
        self.restore_button.clicked.connect(self.restore_chosen_backup)
        self.backup_hint = QLabel()
        self.backup_hint.setWordWrap(True)
        self.no_backups = QLabel(self.tr(
            "No backup copies yet. One is made before every merge that writes and before a restore, "
            "so a merge that went wrong can be undone here."))
        self.no_backups.setObjectName("noBackups")
        self.no_backups.setProperty("emptyState", True)
        self.no_backups.setAlignment(Qt.AlignCenter)
        self.no_backups.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.backup_hint)
        layout.addWidget(self.no_backups, 1)
        layout.addWidget(self.backup_list, 1)
        layout.addWidget(self.restore_button)
        return page

    def _fill_backups(self) -> None:
        self.backup_list.clear()
        found = backups.backups().value
        budget = found.budget
        self.backup_hint.setText(self.tr(
            "A copy is made before a merge writes and before a restore; the newest {copies} are kept, at most "
            "{multiple:g} times the size of the database (Tools → Settings). Restoring first copies the present "
            "database too.").format(copies=budget.copies, multiple=budget.size_multiple))
        for backup in found.copies:
            reason = {"merge": self.tr("before a merge"), "before-restore": self.tr("before a restore"),
                      "damaged": self.tr("a damaged database set aside")}.get(backup.reason, backup.reason)
            item = QListWidgetItem(self.tr("{time} — {reason} — {size:.1f} MB").format(
                time=backup.made_at.strftime("%Y-%m-%d %H:%M:%S"), reason=reason, size=backup.size / 1e6))
            item.setData(Qt.UserRole, str(backup.path))
            self.backup_list.addItem(item)
        empty = not found.copies  # the empty state says what a copy is for instead of an empty list
        self.no_backups.setVisible(empty)
        self.backup_list.setVisible(not empty)
        self.restore_button.setEnabled(not empty)
        if not empty and self.backup_list.currentRow() < 0:
            self.backup_list.setCurrentRow(0)  # Ctrl+R restores the newest unless another is chosen

    def restore_chosen_backup(self) -> None:
        item = self.backup_list.currentItem()
        if item is None:
            return
        if self.context.jobs.busy():
            QMessageBox.information(self, self.tr("Restore"), self.tr("Wait until the running work has finished."))
            return
        answer = QMessageBox.question(self, self.tr("Restore"), self.tr(
            "Replace the database with the copy of {time}? Changes made since then are set aside "
            "(a copy of the present database is kept).").format(time=item.text().split(" — ")[0]))
        if answer == QMessageBox.Yes:
            self.restore(Path(item.data(Qt.UserRole)))

    def restore(self, backup: Path) -> bool:
        """On the UI thread: every connection must be closed while the file is replaced.

        Refused (with a message) when the copy is not sound or another program
        has the database open; then nothing changed.
        """
        try:
            restored = backups.restore_backup(backup=backup)
        except (DatabaseRefused, DatabaseLockError) as refusal:
            QMessageBox.warning(self, self.tr("Restore"), self.tr("Nothing was restored: {reason}").format(reason=refusal))
            return False
        self.context.installation = restored.value.installation
        self.context.announce(restored.changed)
        return True

    # ----- shared --------------------------------------------------------------------

    def refresh(self, *_ignored) -> None:
        self._fill_scope_names()
        self.conflict_model.reload()
        self.tabs.setTabText(2, self.tr("Conflicts ({count})").format(count=conflicts.open_conflict_count()))
        self.show_conflict(-1)
        self._fill_backups()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, MergeStopped):
            self._merge_stopped(error)
            return
        QMessageBox.critical(self, self.tr("Exchange"), self.tr("The work stopped: {reason}. Nothing was changed.").format(reason=error))


def _read_notes(receipt: FileReceipt) -> str:
    """What of an accepted file was read otherwise than as Lianxin wrote it, in the window's language."""
    chinese = QLocale().language() == QLocale.Chinese
    return ("；" if chinese else "; ").join(zh if chinese else en for en, zh in receipt.read_notes())


MERGEABLE_SUFFIXES = (".xlsx", ".xls", ".ods")  # what another program may have saved a laptop's workbook as


def _mergeable(url) -> bool:
    return url.toLocalFile().lower().endswith(MERGEABLE_SUFFIXES)
