"""Save and Cancel for a form people fill in by keyboard: Ctrl+Return saves, Return never does.

A QDialog presses its default button on Return, which saved a half-filled visit
(or demand) as soon as someone ended a line; here no button is the default, and
Ctrl+Return or Ctrl+Enter (the keypad's) saves from any field.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox


def save_and_cancel(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    """The dialog's buttons: Save calls `save` (which accepts when the form is complete), Cancel rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
    buttons.button(QDialogButtonBox.Save).setText(QCoreApplication.translate("SaveButtons", "Save (Ctrl+Return)"))
    for button in buttons.buttons():
        button.setAutoDefault(False)
        button.setDefault(False)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    QShortcut(QKeySequence("Ctrl+Return"), dialog, save)
    QShortcut(QKeySequence("Ctrl+Enter"), dialog, save)
    return buttons
