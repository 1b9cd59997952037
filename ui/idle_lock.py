"""The window locks itself after a chosen idle time; the database's passphrase opens it again.

A laptop left open on a desk in a shared office shows whoever passes the
residents on screen.  After `minutes` without a key or a click the window is
covered by a lock screen (the records behind it hidden, every menu action and
shortcut disabled) that asks for the passphrase.  Work already running goes on
underneath.  Only an encrypted database locks: without a passphrase there is
nothing to unlock with.

Time is read from `clock` (monotonic seconds), so tests move it instead of waiting.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

CHECK_EVERY_MS = 15_000
ACTIVITY = (QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel, QEvent.TouchBegin)


class LockScreen(QWidget):
    """What covers the locked window: a line saying so, the passphrase field, Unlock."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.title = QLabel(self.tr("Lianxin is locked"))
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold")
        self.explain = QLabel(self.tr("Type the database's passphrase to go on."))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("unlockPassphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setMaximumWidth(320)
        self.unlock = QPushButton(self.tr("&Unlock"))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #B5262B")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.explain, self.passphrase, self.unlock, self.problem):
            layout.addWidget(widget, 0, Qt.AlignHCenter)
        layout.addStretch(2)


class IdleLock(QObject):
    """Locks `window` after `minutes` idle (0: never) when `passphrase()` gives one; see the module."""

    def __init__(self, window: QWidget, minutes: int, passphrase: Callable[[], str | None],
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.minutes = minutes
        self._passphrase = passphrase
        self._clock = clock
        self._last_activity = clock()
        self._screen: LockScreen | None = None
        self._disabled: list[QAction] = []
        QApplication.instance().installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        window.destroyed.connect(self._stop)

    @property
    def locked(self) -> bool:
        return self._screen is not None

    def _stop(self, *_ignored) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in ACTIVITY and not self.locked:
            self._last_activity = self._clock()
        elif event.type() == QEvent.Resize and watched is self.window and self._screen is not None:
            self._screen.setGeometry(self.window.rect())
        return False

    def check(self) -> None:
        """Lock if the window has been idle long enough (called by the timer every 15 s)."""
        if self.minutes > 0 and not self.locked and self._clock() - self._last_activity >= self.minutes * 60:
            self.lock()

    def lock(self) -> None:
        if self.locked or not self._passphrase():
            return
        self._disabled = [action for action in self.window.findChildren(QAction) if action.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        screen = self._screen = LockScreen(self.window)
        screen.setGeometry(self.window.rect())
        screen.unlock.clicked.connect(self._try)
        screen.passphrase.returnPressed.connect(self._try)
        screen.show()
        screen.raise_()
        screen.passphrase.setFocus()

    def _try(self) -> None:
        screen = self._screen
        given = screen.passphrase.text().encode()
        expected = (self._passphrase() or "").encode()
        if not hmac.compare_digest(given, expected):
            screen.passphrase.clear()
            screen.problem.setText(screen.tr("Wrong passphrase; try again."))
            screen.passphrase.setFocus()
            return
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self._screen = None
        screen.hide()
        screen.deleteLater()
        self._last_activity = self._clock()
