"""Tools → Settings: interface language, this device's name, the user's name, who uses this laptop (the 工作台's
office or cadre), how many backup copies to keep, and which database the window works on (the file, or the
office server without its password; "Change…" opens 文件 → 连接办公室服务器…).

The backup budget is kept in the database's settings (`desktop.operations.backups`),
not in the window's: the command line's merges and restores keep to the same one.
It is saved when the dialog is accepted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.backups import Budget, save_budget
from desktop.operations.workbench import choose_workbench_user
from models.workbench import OFFICE, WORKER, chosen_user, user_choices
from ui.i18n import LANGUAGES


class SettingsDialog(QDialog):
    def __init__(self, language: str, device_name: str, user_name: str, parent=None, *, lock_minutes: int = 0,
                 encrypted: bool = False, on_passphrase: Callable[[], bool] | None = None, database: str = "",
                 on_database: bool = False) -> None:
        super().__init__(parent)
        self.database_asked = False  # "Change…" beside the database: the window asks for a server once this closes
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.device_name = QLineEdit(device_name)
        self.device_name.setPlaceholderText(self.tr("e.g. 南长山街道-牟雪"))
        self.user_name = QLineEdit(user_name)
        self.workbench_user = QComboBox()
        self.workbench_user.setObjectName("workbenchUser")
        self.workbench_user.addItem(self.tr("The office (the whole district)"), OFFICE)
        self.workbench_user.addItem(self.tr("A cadre or grid worker (not chosen yet)"), WORKER)
        for uuid, name in user_choices():
            self.workbench_user.addItem(name, uuid)
        self.workbench_user.setCurrentIndex(max(0, self.workbench_user.findData(chosen_user() or OFFICE)))
        budget = Budget.read()
        self.backup_copies = QSpinBox()
        self.backup_copies.setRange(1, 100)
        self.backup_copies.setValue(budget.copies)
        self.backup_copies.setSuffix(self.tr(" copies"))
        self.backup_size = QDoubleSpinBox()
        self.backup_size.setRange(1.0, 100.0)
        self.backup_size.setDecimals(1)
        self.backup_size.setSingleStep(0.5)
        self.backup_size.setValue(budget.size_multiple)
        self.backup_size.setSuffix(self.tr(" × the database"))
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lockMinutes")
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setValue(lock_minutes)
        self.lock_minutes.setSuffix(self.tr(" minutes"))
        self.lock_minutes.setSpecialValueText(self.tr("never"))
        self.passphrase_button = QPushButton(self.tr("&Change the passphrase…") if encrypted else
                                             self.tr("&Encrypt this database…"))
        self.passphrase_button.setObjectName("passphraseButton")
        self.passphrase_button.setVisible(on_passphrase is not None)
        if on_passphrase is not None:
            self.passphrase_button.clicked.connect(on_passphrase)
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("&Device name (shown in exports):"), self.device_name)
        form.addRow(self.tr("&Your name (recorded with every change):"), self.user_name)
        form.addRow(self.tr("&Who uses this laptop (the Workbench):"), self.workbench_user)
        form.addRow(self.tr("&Backup copies kept, newest first:"), self.backup_copies)
        form.addRow(self.tr("Backup copies take at &most:"), self.backup_size)
        form.addRow(self.tr("Lock the window when &idle for:"), self.lock_minutes)
        if on_passphrase is not None:
            form.addRow(self.tr("Passphrase of the database:"), self.passphrase_button)
        if on_database:
            form.addRow(self.tr("Database:"), self._database_row(database))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _database_row(self, database: str) -> QWidget:
        """The database the window works on (the file, or the server without its password) and a button to change it."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        shown = QLabel(database)
        shown.setObjectName("databaseShown")
        shown.setTextFormat(Qt.PlainText)
        shown.setTextInteractionFlags(Qt.TextSelectableByMouse)
        shown.setToolTip(database)
        change = QPushButton(self.tr("C&hange…"))
        change.setObjectName("databaseChange")
        change.setAutoDefault(False)
        change.clicked.connect(self._change_database)
        layout.addWidget(shown, 1)
        layout.addWidget(change)
        return row

    def _change_database(self) -> None:
        """Close (nothing else in the form is saved) and let the window ask for the server."""
        self.database_asked = True
        self.reject()

    def chosen_language(self) -> str:
        return self.language.currentData()

    def chosen_budget(self) -> Budget:
        return Budget(self.backup_copies.value(), self.backup_size.value())

    def accept(self) -> None:
        budget = self.chosen_budget()
        save_budget(copies=budget.copies, size_multiple=budget.size_multiple)
        choose_workbench_user(user=self.workbench_user.currentData())
        super().accept()
