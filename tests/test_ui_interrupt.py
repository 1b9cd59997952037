"""Ctrl+C in the terminal ends whatever the window is showing, the first start's dialog included."""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from models.database import close_database
from ui.app import CloseOnInterrupt, open_main_window


def test_ctrl_c_while_the_first_start_dialog_is_open_ends_it_and_closes_the_window(qtbot, tmp_path, app_settings):
    window = open_main_window(tmp_path / "new.db", app_settings)  # an empty database: the first start asks
    qtbot.addWidget(window)
    interrupt = CloseOnInterrupt()
    try:
        window.show()
        interrupt.watch(window)
        QTimer.singleShot(0, lambda: os.kill(os.getpid(), signal.SIGINT))  # arrives while the dialog waits
        left_open = []

        def end_a_dialog_left_open():  # so a failure is a failed assertion, not a test that hangs
            if QApplication.activeModalWidget() is not None:
                left_open.append(True)
                QApplication.activeModalWidget().reject()

        guard = QTimer()  # (stopped at the end: left running, it rejected a later test's dialog 10 s on)
        guard.setSingleShot(True)
        guard.timeout.connect(end_a_dialog_left_open)
        guard.start(10_000)
        job = window.offer_first_start()  # returns only once the dialog has ended
        guard.stop()
        assert left_open == []
        assert job is None  # no demo data was made
        assert interrupt.requested
        assert not window.isVisible()
    finally:
        interrupt.stop()
        close_database()
