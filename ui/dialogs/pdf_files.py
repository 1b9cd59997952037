"""Where a PDF goes and how it is opened: one place for the printing section and the search hub's card.

Tests replace these two functions (on the module that calls them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str:
    """The file the user picks (empty if they cancel)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, "PDF (*.pdf)")
    return path


def open_in_viewer(path: Path) -> bool:
    """Open the PDF in the system viewer, to look at it and print it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
