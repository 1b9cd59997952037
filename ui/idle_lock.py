"""The window locks itself after a chosen idle time; the database's passphrase opens it again.

A laptop left open on a desk in a shared office shows whoever passes the
residents on screen.  After `minutes` without a key or a click every window of
the application is locked: the main window and whatever was open over it (the
household editor, a message box, a progress dialog).  Each one's contents are
hidden and a plain sheet covers it (`Cover`), so nothing of a resident can be
read on screen or grabbed from it; every menu action and shortcut is disabled.
The passphrase is asked in a window of its own (`LockScreen`), modal to the
whole application and above any dialog that was modal before it: a dialog's
own modality would otherwise keep the keys from a lock screen inside the main
window.  The right passphrase shows everything again as it was (the same
dialogs, their fields, the focus).  Work already running goes on underneath;
a window that opens while locked is covered as it appears.

Only an encrypted database locks (without a passphrase there is nothing to
unlock with), and only then does the lock watch the application's events:
`configure` installs the watching when the lock applies and removes it when it
does not (a plain database, or "never" chosen in Settings).

Time is read from `clock` (monotonic seconds), so tests move it instead of waiting.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

CHECK_EVERY_MS = 15_000
ACTIVITY = (QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel, QEvent.TouchBegin)
FOLLOWED = (QEvent.Resize, QEvent.Move)
PASSING = (Qt.Popup, Qt.ToolTip, Qt.SplashScreen)  # menus and tooltips close when locked; they are not covered


class LockScreen(QWidget):
    """Where the passphrase is asked: a window over the main window, modal to the whole application."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.Window | Qt.FramelessWindowHint)
        self.setObjectName("lockScreen")
        self.setWindowModality(Qt.ApplicationModal)
        self.setWindowTitle(self.tr("Lianxin is locked"))
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
        self.may_close = False

    def closeEvent(self, event) -> None:
        if self.may_close:
            super().closeEvent(event)
        else:
            event.ignore()  # (Alt+F4 does not unlock)


class Cover(QWidget):
    """A plain sheet over one locked window, its contents hidden beneath it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.hidden = [child for child in window.findChildren(QWidget, options=Qt.FindDirectChildrenOnly)
                       if child.isVisible() and not child.isWindow()]
        self.focus = window.focusWidget()
        for child in self.hidden:
            child.hide()
        self.setGeometry(window.rect())
        self.show()
        self.raise_()

    def paintEvent(self, event) -> None:
        QPainter(self).fillRect(self.rect(), self.palette().window())  # (opaque: nothing beneath shows through)

    def lift(self) -> None:
        """Show the window's contents again as they were, and go."""
        window = self.parentWidget()
        for child in self.hidden:
            if isValid(child):
                child.show()
        if self.focus is not None and isValid(self.focus) and window.isVisible():
            self.focus.setFocus()
        self.hide()
        self.deleteLater()


class IdleLock(QObject):
    """Locks the application after `minutes` idle (0: never) when `passphrase()` gives one; see the module."""

    def __init__(self, window: QWidget, minutes: int, passphrase: Callable[[], str | None],
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.minutes = minutes
        self._passphrase = passphrase
        self._clock = clock
        self._last_activity = clock()
        self._screen: LockScreen | None = None
        self._covers: dict[QWidget, Cover] = {}
        self._disabled: list[QAction] = []
        self._watching = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        window.destroyed.connect(self._stop)
        self.configure(minutes)

    @property
    def locked(self) -> bool:
        return self._screen is not None

    @property
    def watching(self) -> bool:
        """Whether the lock watches the application's keys and clicks (only while it can lock)."""
        return self._watching

    def configure(self, minutes: int | None = None) -> None:
        """Take the idle time chosen (if given) and watch the application only when the lock applies:
        an encrypted database and a time other than "never"."""
        if minutes is not None:
            self.minutes = minutes
        applies = self.minutes > 0 and bool(self._passphrase())
        app = QApplication.instance()
        if applies and not self._watching:
            app.installEventFilter(self)
            self._last_activity = self._clock()
            self._timer.start()
        elif not applies and self._watching and not self.locked:
            app.removeEventFilter(self)
            self._timer.stop()
        self._watching = applies or self.locked

    def _stop(self, *_ignored) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._watching = False

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind in ACTIVITY and not self.locked:
            self._last_activity = self._clock()
        elif self.locked and isinstance(watched, QWidget):
            if kind in FOLLOWED and watched in self._covers:
                self._covers[watched].setGeometry(watched.rect())
                if watched is self.window:
                    self._screen.setGeometry(self.window.geometry())
            elif kind == QEvent.Show and watched.isWindow() and watched is not self._screen:
                QTimer.singleShot(0, self._cover_new_windows)  # (after it has shown its contents)
            elif kind == QEvent.WindowActivate and watched in self._covers:
                QTimer.singleShot(0, self._take_keys)  # a click on a covered window: the keys stay with the lock
        return False

    def check(self) -> None:
        """Lock if the window has been idle long enough (called by the timer every 15 s)."""
        if self.minutes > 0 and not self.locked and self._clock() - self._last_activity >= self.minutes * 60:
            self.lock()

    def _windows(self) -> list[QWidget]:
        return [widget for widget in QApplication.topLevelWidgets()
                if widget.isVisible() and widget is not self._screen and widget.windowType() not in PASSING]

    def lock(self) -> None:
        if self.locked or not self._passphrase():
            return
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget.windowType() in PASSING:
                widget.close()
        self._disabled = [action for action in self.window.findChildren(QAction) if action.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        for window in self._windows():
            self._covers[window] = Cover(window)
        screen = self._screen = LockScreen(self.window)
        screen.unlock.clicked.connect(self._try)
        screen.passphrase.returnPressed.connect(self._try)
        self._show_screen()

    def _show_screen(self) -> None:
        """The lock screen above everything, modal, with the keyboard (shown again, it is the newest modal)."""
        screen = self._screen
        screen.hide()
        screen.setGeometry(self.window.geometry())
        screen.show()
        screen.raise_()
        screen.activateWindow()
        screen.passphrase.setFocus()

    def _take_keys(self) -> None:
        if self.locked and not self._screen.isActiveWindow():
            self._screen.activateWindow()
            self._screen.passphrase.setFocus()

    def _cover_new_windows(self) -> None:
        if not self.locked:
            return
        new = [window for window in self._windows() if window not in self._covers]
        for window in new:
            self._covers[window] = Cover(window)
        if new:
            self._show_screen()

    def _try(self) -> None:
        screen = self._screen
        given = screen.passphrase.text().encode()
        expected = (self._passphrase() or "").encode()
        if not hmac.compare_digest(given, expected):
            screen.passphrase.clear()
            screen.problem.setText(QCoreApplication.translate("LockScreen", "Wrong passphrase; try again."))
            screen.passphrase.setFocus()
            return
        self._screen = None
        screen.may_close = True
        screen.close()
        screen.deleteLater()
        for action in self._disabled:
            if isValid(action):
                action.setEnabled(True)
        self._disabled = []
        covers, self._covers = self._covers, {}
        for window, cover in covers.items():
            if isValid(window) and isValid(cover):
                cover.lift()
        on_top = QApplication.activeModalWidget() or self.window
        on_top.activateWindow()
        self._last_activity = self._clock()
        self.configure()
