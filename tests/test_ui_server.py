"""The window on the office server: 文件 → 连接办公室服务器…, tested off the UI thread, remembered without its password."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QPushButton

from models.database import close_database, database_path, open_database
from models.records.people import Household
from models.storage.connection import on_postgres
from models.storage.postgres_keyring import SERVICE, account
from models.storage.postgres_url import PostgresUrl
from tests.test_postgres_keyring import a_keyring  # noqa: F401 (the fixture: an in-memory keyring)
from ui.app import create_application, open_main_window
from ui.dialogs.server_dialog import MOVE, ServerDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.settings import AppSettings
from tests.ui_helpers import section_context, shown, type_text


@pytest.fixture
def server():
    from tests.postgres_server import server_url

    return server_url()  # skipped, saying why, without LIANXIN_TEST_PG


def fill(dialog: ServerDialog, url: str, password: str = "") -> None:
    """Type the server of `url` into the dialog, field by field, as a person would."""
    parts = urlsplit(url)
    for field, text in ((dialog.host, parts.hostname), (dialog.database, parts.path.lstrip("/")),
                        (dialog.user, parts.username or ""), (dialog.password, password)):
        field.clear()
        field.setFocus()
        type_text(QApplication.focusWidget(), text)
    dialog.port.setValue(parts.port or 5432)


def opened(qtbot, dialog: ServerDialog) -> ServerDialog:
    """The dialog shown and active, as its exec() would show it (the tests replace exec to act in it)."""
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def file_menu_actions(window, name: str) -> list:
    return [action for action in window.menuBar().actions()[0].menu().actions() if action.objectName() == name]


def answer_of_test(qtbot, dialog: ServerDialog) -> str:
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=30_000)
    return dialog.status.text()


def until_idle(qtbot, window) -> None:
    """Wait for the counts a window starts when shown: while work runs, the window asks a person to wait before
    it changes its database (a message box, which no test answers)."""
    qtbot.waitUntil(lambda: not window.context.jobs.busy(), timeout=30_000)


def test_test_connection_says_in_one_line_what_the_server_holds(qtbot, db, tmp_path, server):
    from tests.postgres_server import drop_database, empty_database, new_database, url_of

    with section_context(db, tmp_path) as context:
        dialog = shown(qtbot, ServerDialog(context), 640, 420)
        lianxin, empty = new_database(), empty_database()
        try:
            fill(dialog, lianxin)
            assert answer_of_test(qtbot, dialog).startswith("Connected:")
            fill(dialog, empty)
            assert "not a Lianxin database yet" in answer_of_test(qtbot, dialog)
            assert dialog.create_button.isVisible() and dialog.move_button.isVisible()
            fill(dialog, url_of(server, "lianxin_no_such_database"))
            assert answer_of_test(qtbot, dialog).startswith("There is no database lianxin_no_such_database")
            assert not dialog.create_button.isVisible()
            fill(dialog, lianxin)
            dialog.port.setValue(1)  # nothing listens there
            assert answer_of_test(qtbot, dialog).startswith("Cannot reach the server 127.0.0.1:1")
        finally:
            drop_database(lianxin)
            drop_database(empty)


def test_the_window_moves_to_the_server_remembers_it_without_the_password_and_comes_back(
        qtbot, tmp_path, app_settings, server, a_keyring, monkeypatch):
    from tests.postgres_server import drop_database, new_database

    create_application()
    local = tmp_path / "laptop.db"
    window = open_main_window(local, app_settings)
    qtbot.addWidget(window)
    window.show()
    master = new_database()

    def connect(dialog: ServerDialog) -> int:  # the person types the server and a password, ticks remember, connects
        fill(opened(qtbot, dialog), master, password="pa:ss word")
        dialog.keep_password.setChecked(True)
        dialog.connect_chosen()
        qtbot.waitUntil(lambda: dialog.result() == QDialog.Accepted or dialog.test_button.isEnabled(), timeout=30_000)
        qtbot.waitUntil(lambda: dialog.action is not None, timeout=30_000)
        return dialog.result()

    monkeypatch.setattr(ServerDialog, "exec", connect)
    try:
        [action] = file_menu_actions(window, "connectServer")
        assert action.text() == "连接办公室服务器(&O)…"
        until_idle(qtbot, window)
        action.trigger()
        assert on_postgres() and isinstance(window.database_file, PostgresUrl)
        assert window.database_file.name == PostgresUrl(master).name
        assert "pa:ss word" not in window.status_label.text() and "pa:ss word" not in window.windowTitle()
        assert a_keyring.kept == {(SERVICE, account(master)): "pa:ss word"}
        app_settings.sync()
        kept = Path(app_settings._settings.fileName()).read_text(encoding="utf-8")
        assert "pa:ss" not in kept and "pa%3Ass" not in kept
        assert app_settings.database_server == master and app_settings.recent_servers() == [master]
        assert app_settings.local_database == str(local)
        [local_action] = file_menu_actions(window, "useLocalDatabase")
        assert local_action.isEnabled()
        until_idle(qtbot, window)
        local_action.trigger()
        assert not on_postgres() and window.database_file == local
        assert app_settings.database_server == "" and app_settings.recent_servers() == [master]
    finally:
        window.close()
        close_database()
        drop_database(master)


def test_this_computers_database_is_moved_to_an_empty_server_database(qtbot, tmp_path, app_settings, server,
                                                                      monkeypatch):
    from desktop.operations.demo import fill_demo
    from tests.postgres_server import drop_database, empty_database

    create_application()
    local = tmp_path / "office.db"
    window = open_main_window(local, app_settings)
    qtbot.addWidget(window)
    window.show()
    fill_demo(households=12)
    households = Household.select().count()
    empty = empty_database()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *rest: told.append(text))

    def move(dialog: ServerDialog) -> int:
        fill(opened(qtbot, dialog), empty)
        assert "还不是连心数据库" in answer_of_test(qtbot, dialog)  # (the window speaks Chinese)
        dialog.move_button.click()
        assert dialog.action == MOVE
        return dialog.result()

    monkeypatch.setattr(ServerDialog, "exec", move)
    try:
        from ui import database_switch

        until_idle(qtbot, window)
        assert database_switch.connect_server(window)
        qtbot.waitUntil(lambda: bool(told), timeout=60_000)
        assert on_postgres() and Household.select().count() == households
        assert "逐行核对" in told[0]
    finally:
        window.close()
        close_database()
        drop_database(empty)


def test_a_server_that_refuses_leaves_the_window_on_its_database(qtbot, tmp_path, app_settings, monkeypatch):
    from ui import database_switch

    create_application()
    local = tmp_path / "laptop.db"
    window = open_main_window(local, app_settings)
    qtbot.addWidget(window)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: warned.append(text))
    try:
        until_idle(qtbot, window)
        assert not database_switch.switch_database(window, PostgresUrl("postgresql://nobody@127.0.0.1:1/lianxin"))
        assert window.database_file == local and not on_postgres() and Household.select().count() == 0
        assert len(warned) == 1 and "cannot reach" in warned[0] and str(local) in warned[0]
        assert app_settings.database_server == ""
    finally:
        window.close()
        close_database()


def test_settings_shows_the_database_and_its_change_button_asks_for_a_server(qtbot, db):
    dialog = SettingsDialog("en", "设备", "用户", database="postgresql://staff@db.office.lan:5432/city", on_database=True)
    shown(qtbot, dialog, 640, 480)
    assert dialog.findChild(QLabel, "databaseShown").text() == "postgresql://staff@db.office.lan:5432/city"
    dialog.findChild(QPushButton, "databaseChange").click()
    assert dialog.database_asked and dialog.result() == QDialog.Rejected


def test_the_recent_servers_are_kept_newest_first_without_passwords(tmp_path):
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    for number in range(8):
        settings.add_recent_server(f"postgresql://staff:secret{number}@host{number}:5432/city")
    settings.add_recent_server("postgresql://staff@host3:5432/city")
    assert settings.recent_servers() == ["postgresql://staff@host3:5432/city"] + [
        f"postgresql://staff@host{number}:5432/city" for number in (7, 6, 5, 4, 2)]
    settings.database_server = "postgresql://staff:secret@host:5432/city"
    assert settings.database_server == "postgresql://staff@host:5432/city"


def test_the_next_start_opens_the_remembered_server_or_says_it_is_away_and_opens_this_computers(
        qtbot, tmp_path, app_settings, monkeypatch):
    import ui.app as app_module

    opened = []
    warned = []
    monkeypatch.setattr(app_module, "AppSettings", lambda: app_settings)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: warned.append(text))
    monkeypatch.setattr(QApplication, "exec", lambda *_: opened.append(database_path()) or 0)
    monkeypatch.setattr(app_module.MainWindow, "offer_first_start", lambda self: None)
    local = tmp_path / "laptop.db"
    open_database(local)  # this computer's database, made earlier (a new one would ask for a passphrase)
    close_database()
    app_settings.local_database = str(local)
    app_settings.database_server = "postgresql://staff:typed@127.0.0.1:1/lianxin_city"
    assert app_settings.database_server == "postgresql://staff@127.0.0.1:1/lianxin_city"  # kept without it
    assert app_module.run_window(tmp_path / "default.db", asked_for=False) == 0
    assert len(warned) == 1 and "127.0.0.1:1" in warned[0]
    assert opened == [local]
    assert app_settings.database_server == "postgresql://staff@127.0.0.1:1/lianxin_city"  # tried again next time
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, app_module.MainWindow):
            widget.deleteLater()
