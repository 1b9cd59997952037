"""Tools → Settings: interface language, this device's name, the user's name."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout

from ui.i18n import LANGUAGES


class SettingsDialog(QDialog):
    def __init__(self, language: str, device_name: str, user_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.device_name = QLineEdit(device_name)
        self.device_name.setPlaceholderText(self.tr("e.g. 南长山街道-牟雪"))
        self.user_name = QLineEdit(user_name)
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("&Device name (shown in exports):"), self.device_name)
        form.addRow(self.tr("&Your name (recorded with every change):"), self.user_name)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return self.language.currentData()
