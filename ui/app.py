"""Starting the window: font, language, database (refused cleanly if not ours), first start."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, __version__
from models.database import DatabaseRefused, close_database, open_database
from ui.context import AppContext
from ui.fonts import apply_default_font, load_bundled_font
from ui.garbage_collection import collect_on_ui_thread
from ui.i18n import install_language
from ui.jobs import JobRunner
from ui.main_window import MainWindow
from ui.qt_messages import send_qt_messages_to_log
from ui.settings import AppSettings


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    apply_default_font(app, load_bundled_font())
    collect_on_ui_thread()
    return app


def open_main_window(database_file: Path, settings: AppSettings | None = None) -> MainWindow:
    """Open the database and build the window on it; raises DatabaseRefused."""
    settings = settings or AppSettings()
    install_language(settings.language)
    installation = open_database(database_file)
    jobs = JobRunner()
    window = MainWindow(AppContext(installation, jobs, settings), database_file)
    jobs.setParent(window)
    return window


def run_window(database_file: Path) -> int:
    send_qt_messages_to_log()
    app = create_application()
    try:
        window = open_main_window(database_file)
    except DatabaseRefused as refusal:
        print(str(refusal), file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(refusal))
        return 1
    window.show()
    window.offer_first_start()
    try:
        return app.exec()
    finally:
        close_database()
