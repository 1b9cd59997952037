"""The window moves to another database: an office server, or back to this computer's file.

On the UI thread, as a restore or a new passphrase is: every job is finished
first, the open database is closed, the new one opened (and migrated); if it
refuses, the window stays on the one it had, saying why in one line.  The
choice is remembered for the next start (`ui.settings.AppSettings`: a server's
URL without its password), and the recent servers are listed in the 文件 menu.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.paths import default_database
from models.database import DatabaseRefused, close_database, open_database
from models.storage import cipher
from models.storage.database_lock import DatabaseLockError
from models.storage.postgres_url import PostgresUrl, is_postgres

translate = QApplication.translate


def local_file(window) -> Path:
    """This computer's database: the one the window has open, else the one last opened, else the data folder's."""
    if not is_postgres(window.database_file):
        return Path(window.database_file)
    return Path(window.context.settings.local_database or default_database())


def connect_server(window, url: str | None = None) -> bool:
    """文件 → 连接办公室服务器…: ask for a server (`url` filled in), then open it; True when the window moved."""
    from ui.dialogs.server_dialog import CREATE, MOVE, ServerDialog

    settings = window.context.settings
    current = url or (str.__str__(window.database_file) if is_postgres(window.database_file) else None)
    dialog = ServerDialog(window.context, recent=settings.recent_servers(), current=current,
                          can_move=not is_postgres(window.database_file), parent=window)
    window.server_dialog = dialog  # (tests find it here)
    if dialog.exec() != QDialog.Accepted:
        return False
    source = local_file(window) if dialog.action == MOVE else None
    if not switch_database(window, PostgresUrl(dialog.url())):
        return False
    if dialog.action == MOVE:
        move_here(window, source)
    elif dialog.action == CREATE:
        window.statusBar().showMessage(translate("Database", "Lianxin's tables were created on the server."), 15_000)
    return True


def use_local_file(window) -> bool:
    """文件 → 使用本机数据库文件: back to this computer's database."""
    return switch_database(window, local_file(window))


def switch_database(window, location) -> bool:
    """Close the window's database and open `location`; on a refusal reopen the previous one. True when moved."""
    context = window.context
    if context.jobs.busy():
        QMessageBox.information(window, translate("Database", "Database"),
                                translate("Database", "Wait until the running work has finished."))
        return False
    if not is_postgres(location) and not _passphrase_for(window, Path(location)):
        return False
    previous = window.database_file
    close_database()
    try:
        installation = open_database(location)
    except (DatabaseRefused, DatabaseLockError) as refusal:
        try:
            open_database(previous)
        except (DatabaseRefused, DatabaseLockError):  # (a server that went away meanwhile)
            previous = local_file(window)
            window.use_database(previous, open_database(previous))
        QMessageBox.warning(window, translate("Database", "Database"), translate(
            "Database", "It cannot be opened: {reason}. The window stays on {previous}.").format(
                reason=refusal, previous=previous))
        return False
    settings = context.settings
    if is_postgres(location):
        settings.database_server = location
        settings.add_recent_server(location)
        if not is_postgres(previous):
            settings.local_database = str(previous)
    else:
        settings.database_server = ""
        settings.local_database = str(location)
    window.use_database(location, installation)
    return True


def move_here(window, source: Path) -> None:
    """Copy this computer's database `source` into the server the window has just opened, off the UI thread."""
    from desktop.operations.postgres import move_to_postgres

    def done(counts: dict) -> None:
        QMessageBox.information(window, translate("Database", "Database"), translate(
            "Database", "{rows} rows of {file} were copied to the server and checked row for row.").format(
                rows=f"{sum(counts.values()):,}", file=source.name))

    def failed(error: Exception) -> None:
        QMessageBox.warning(window, translate("Database", "Database"), translate(
            "Database", "Nothing was copied: {reason}").format(reason=error))

    window.context.run(translate("Database", "Moving this computer's database to the server"),
                       partial(move_to_postgres, source=source), done, failed)


def _passphrase_for(window, path: Path) -> bool:
    """An encrypted file needs its passphrase: asked when this run has none that opens it; False if cancelled."""
    try:
        if not path.exists() or not cipher.looks_encrypted(path):
            return True
    except OSError:
        return True  # open_database says what is wrong with it
    passphrase = cipher.current_passphrase()
    if passphrase and cipher.opens_with(path, passphrase):
        return True
    from ui.dialogs.passphrase import ask_passphrase

    chosen = ask_passphrase(path.name, lambda typed: cipher.opens_with(path, typed), window)
    if chosen is None:
        return False
    cipher.use_passphrase(chosen)
    return True
