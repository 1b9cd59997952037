"""Starting the window: font, language, database (refused cleanly if not ours), first start, Ctrl+C.

The window holds its database open (the shared open lock of
`models.storage.database_lock`), so a restore from the command line refuses while it
runs; its writes take the writer lock, waiting at most `UI_THREAD_WAIT` on the
UI thread (a short edit must not freeze the window for a minute) and the
command line's --wait in its jobs, and it says in the status bar whom it waits for.
"""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop import APP_NAME, __version__
from desktop.paths import default_database
from models.storage import cipher, database_lock
from models.database import DatabaseRefused, close_database, database_passphrase, inspect_file, open_database
from models.storage.postgres_url import PostgresUrl, is_postgres
from ui.context import AppContext
from ui.dialogs.passphrase import ask_new_passphrase, ask_passphrase
from ui.fonts import apply_default_font, load_bundled_font
from ui.garbage_collection import collect_on_ui_thread
from ui.i18n import install_language
from ui.idle_lock import IdleLock
from ui.jobs import JobRunner
from ui.main_window import MainWindow
from ui.qt_messages import send_qt_messages_to_log
from ui.settings import AppSettings
from ui.style import theme

UI_THREAD_WAIT = 10.0  # seconds, as SQLite's busy timeout


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    apply_default_font(app, load_bundled_font())
    theme.apply(app)
    collect_on_ui_thread()
    return app


class LockWaitNotice(QObject):
    """Tells, on the UI thread, that a write waits for another Lianxin (from whichever thread waits)."""

    waiting = Signal(str)

    def told(self, db_path: Path, holder: database_lock.Holder | None, limit: float) -> None:
        self.waiting.emit(self.text(holder, limit))

    def text(self, holder: database_lock.Holder | None, limit: float) -> str:
        if holder is None:
            return self.tr("Waiting: another Lianxin is writing to the database (up to {seconds} s)…").format(
                seconds=f"{limit:.0f}")
        names = {"merge": self.tr("merge"), "import-roster": self.tr("roster import"), "demo": self.tr("demo data"),
                 "restore": self.tr("restore"), "window": self.tr("a window"), "merge (window)": self.tr("a window's merge")}
        return self.tr("Waiting: another Lianxin ({work}, process {pid}) is writing to the database (up to {seconds} s)…").format(
            work=names.get(holder.command, holder.command), pid=holder.pid, seconds=f"{limit:.0f}")


def open_main_window(database_file: Path, settings: AppSettings | None = None) -> MainWindow:
    """Open the database and build the window on it; raises DatabaseRefused."""
    settings = settings or AppSettings()
    install_language(settings.language)
    installation = open_database(database_file)
    jobs = JobRunner()
    window = MainWindow(AppContext(installation, jobs, settings), database_file)
    jobs.setParent(window)
    window.idle_lock = IdleLock(window, settings.lock_minutes, database_passphrase)
    notice = LockWaitNotice(window)
    notice.waiting.connect(lambda text: window.statusBar().showMessage(text, 15_000))
    database_lock.configure(command="window", wait_on_main_thread=UI_THREAD_WAIT, on_wait=notice.told)
    return window


def may_create(database_file: Path) -> bool:
    """Whether to open `database_file`: it exists, or it is the default one (first start), or the user says so.

    A mistyped --db would otherwise become a new, empty database without a word.
    """
    if is_postgres(database_file):  # an office master on a server: opening it refuses what is not Lianxin's
        return True
    try:
        if inspect_file(database_file) is not None:
            return True
    except DatabaseRefused:
        return True  # open_database says what it is
    if database_file.resolve() == default_database().resolve():
        return True
    answer = QMessageBox.question(
        None, APP_NAME,
        QApplication.translate("Startup", "There is no database at {file}. Create a new, empty database there?").format(
            file=database_file),
        QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


def choose_passphrase(database_file: Path) -> bool:
    """Before opening: the passphrase of an encrypted database, or one chosen for a new database; False if cancelled.

    Every database the window creates is encrypted (the dialog warns that a
    forgotten passphrase loses the data).  A plain database opens as it is
    (Settings encrypts it); LIANXIN_PASSPHRASE, when set, is used without asking.
    """
    if cipher.current_passphrase() or is_postgres(database_file):
        return True
    try:
        new = not database_file.exists() or database_file.stat().st_size == 0
        encrypted = not new and cipher.looks_encrypted(database_file)
    except OSError:
        return True  # open_database says what is wrong with it
    if not new and not encrypted:
        return True  # plain (Settings encrypts it), or not a database: open_database says so
    if new:
        chosen = ask_new_passphrase(database_file.name)
    else:
        chosen = ask_passphrase(database_file.name, lambda passphrase: cipher.opens_with(database_file, passphrase))
    cipher.use_passphrase(chosen)
    return chosen is not None


class CloseOnInterrupt:
    """Ctrl+C in the terminal closes the window as its own close does (jobs cancelled and waited for).

    Qt's event loop runs no Python, so a Python signal handler alone would wait
    for the next click: the signal's wakeup byte, written to a socket Qt
    watches, makes Qt call into Python, which then runs the handler.  Works
    with sockets on Windows too.
    """

    def __init__(self) -> None:
        self.window: MainWindow | None = None
        self.requested = False
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = signal.signal(signal.SIGINT, self._interrupted)
        self._notifier: QSocketNotifier | None = None

    def watch(self, window: MainWindow) -> None:
        self.window = window
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Read, window)
        self._notifier.activated.connect(self._drain)

    def _drain(self, *_ignored) -> None:
        try:
            while self._reader.recv(64):
                pass
        except OSError:
            pass

    def _interrupted(self, *_ignored) -> None:
        self.requested = True
        # An open dialog (the first start's choice, a question) runs its own loop: end it first.
        for _ in range(10):
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QDialog):
                break
            dialog.reject()
        if self.window is not None:
            self.window.close()

    def stop(self) -> None:
        signal.signal(signal.SIGINT, self._previous)
        signal.set_wakeup_fd(self._previous_fd)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def run_window(database_file: Path, asked_for: bool = True, server_away: bool = False) -> int:
    send_qt_messages_to_log()
    app = create_application()
    interrupt = CloseOnInterrupt()
    settings = AppSettings()
    remembered = None if asked_for or server_away or not settings.database_server else PostgresUrl(settings.database_server)
    if remembered is not None:  # the office server chosen last time (文件 → 连接办公室服务器…)
        database_file = remembered
    try:
        if asked_for and not may_create(database_file):
            print(f"{database_file}: no such database; nothing was created", file=sys.stderr)
            return 1
        if not choose_passphrase(database_file):
            print(f"{database_file}: no passphrase given; nothing was opened or created", file=sys.stderr)
            return 1
        try:
            window = open_main_window(database_file, settings)
        except (DatabaseRefused, database_lock.DatabaseLockError) as refusal:
            if remembered is not None:  # the server is away: this computer's file, and the server when it is back
                QMessageBox.warning(None, APP_NAME, QApplication.translate(
                    "Startup", "The office server cannot be opened: {reason}. Lianxin opens this computer's database "
                    "instead (File → Connect to the office server… to try again).").format(reason=refusal))
                return run_window(Path(settings.local_database or default_database()), asked_for=False,
                                  server_away=True)
            print(str(refusal), file=sys.stderr)
            QMessageBox.critical(None, APP_NAME, str(refusal))
            return 1
        try:
            window.show()
            interrupt.watch(window)
            if interrupt.requested:  # Ctrl+C while it started: close before the loop, which would wait forever
                window.close()
                return 0
            window.offer_first_start()
            if interrupt.requested:  # Ctrl+C while the first start's dialog was open
                return 0
            return app.exec()
        finally:
            close_database()
    finally:
        interrupt.stop()
