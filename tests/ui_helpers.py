"""What UI tests share: a context for a section, showing a widget for keyboard work, typing Chinese."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from models.database import close_database
from ui.context import AppContext
from ui.jobs import JobRunner
from ui.settings import AppSettings


@contextmanager
def section_context(installation, tmp_path):
    """An AppContext over the open database; on exit waits for jobs and closes the database."""
    jobs = JobRunner(None)
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    try:
        yield AppContext(installation, jobs, settings)
    finally:
        jobs.wait_all()
        close_database()


def shown(qtbot, widget, width: int = 1000, height: int = 640):
    """Show `widget` as the active window, so key clicks reach it."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def type_text(widget, text: str) -> None:
    """Type text the way an input method delivers it: key events carrying the characters.

    (QTest.keyClicks accepts ASCII only.)
    """
    for character in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, character))


def wait_for_dialog(qtbot, owner, attribute):
    """The dialog `owner.<attribute>` once it is open and active."""
    qtbot.waitUntil(lambda: getattr(owner, attribute) is not None and getattr(owner, attribute).isVisible())
    dialog = getattr(owner, attribute)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def active_window(qtbot, window, width: int = 1024, height: int = 768):
    """Show the main window at a screen's size as the active window, so keys sent to the focus reach it."""
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window
