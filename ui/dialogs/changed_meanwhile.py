"""此记录已被他人修改（谁，何时）: a form's save refused because someone saved the record after it opened.

Shared by every form that edits a record (the household form, the lists of
cadres, categories and units): the save runs over the version the form showed
(`models.records.versions`), and when that is refused the person chooses —
Reload (their version, what was typed is dropped) or Keep mine (saved over
theirs without the check; the history keeps the values it replaced).  Cancel
leaves the form as it is, nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox

from models.records.versions import ChangedMeanwhile, over_version

RELOAD, KEEP_MINE = "reload", "keep mine"
T = TypeVar("T")


class ChangedMeanwhileDialog(QMessageBox):
    """The question, with its two answers as buttons (Esc: neither)."""

    def __init__(self, changed: ChangedMeanwhile, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("changedMeanwhile")
        self.setIcon(QMessageBox.Warning)
        self.setWindowTitle(self.tr("Changed meanwhile"))
        self.setText(self.tr("This record was changed by someone else ({who}, {when}).").format(
            who=changed.who or self.tr("another workstation"), when=changed.when or self.tr("just now")))
        self.setInformativeText(self.tr(
            "Reload shows their version (what you typed here is dropped). Keep mine saves yours over theirs; "
            "the history keeps what it replaced."))
        self.reload_button = self.addButton(self.tr("&Reload theirs"), QMessageBox.RejectRole)
        self.keep_button = self.addButton(self.tr("&Keep mine"), QMessageBox.AcceptRole)
        self.addButton(QMessageBox.Cancel)
        self.setDefaultButton(self.reload_button)
        self.setEscapeButton(QMessageBox.Cancel)

    def choice(self) -> str | None:
        clicked = self.clickedButton()
        return RELOAD if clicked is self.reload_button else KEEP_MINE if clicked is self.keep_button else None


def ask(parent, changed: ChangedMeanwhile) -> str | None:
    """RELOAD, KEEP_MINE, or None (cancelled)."""
    dialog = ChangedMeanwhileDialog(changed, parent)
    parent.changed_dialog = dialog  # (tests find it here)
    dialog.exec()
    parent.window().activateWindow()  # the keys go back to the form, whichever the answer
    return dialog.choice()


def save_over_version(parent, save: Callable[[], T], *, record: str | None, seen: str | None,
                      reload: Callable[[], None]) -> T | None:
    """A form's save done on the UI thread, over the version `seen` of `record`; asked when that was replaced.

    Returns what `save()` returned, or None when the person reloaded or cancelled.
    """
    try:
        with over_version(record, seen):
            return save()
    except ChangedMeanwhile as changed:
        choice = ask(parent, changed)
    if choice == KEEP_MINE:
        return save()
    if choice == RELOAD:
        reload()
    return None
