"""The window's workbook password: typed for an export, asked (or remembered in the keyring) before a merge."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from models.database import close_database, open_database
from models.records.people import Resident
from sync.spreadsheet.protection import is_encrypted, use_password
from tests.exchange_fixtures import seed_registry
from tests.ui_helpers import shown, type_text
from ui.context import AppContext
from ui.jobs import JobRunner
from ui.sections.exchange import ExchangeSection
from ui.workbook_password import remember, remembered

PASSWORD = "网格交换-2026"


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[service, username] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


@pytest.fixture
def a_keyring():
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)
    use_password(None)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_without_a_keyring_nothing_is_remembered_and_nothing_fails(no_keyring):
    assert remember("南长山街道", PASSWORD) is False
    assert remembered("南长山街道") is None


def _section(qtbot, path, app_settings):
    installation = open_database(path)
    context = AppContext(installation, JobRunner(), app_settings)
    return context, shown(qtbot, ExchangeSection(context))


def test_an_export_typed_with_a_password_is_encrypted_remembered_and_merges_after_asking(
        qtbot, tmp_path, app_settings, a_keyring, monkeypatch):
    office = tmp_path / "office.db"
    seed_registry(open_database(office))
    close_database()
    context, section = _section(qtbot, office, app_settings)
    section.export_password.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is section.export_password)
    type_text(QApplication.focusWidget(), PASSWORD)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)  # Remember for this office
    assert section.remember_password.isChecked()
    book = tmp_path / "office.xlsx"
    job = section.export_to(book)
    qtbot.waitUntil(lambda: job.progress is None, timeout=60_000)
    assert is_encrypted(book) and "Encrypted with the password" in section.export_status.text()
    assert remembered(section.office()) == PASSWORD
    context.jobs.wait_all()
    close_database()

    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: asked.append(args) or ("不对的密码", True))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: warned.append(text))
    a_keyring.kept.clear()  # a laptop that does not remember it: asked, and a wrong one merges nothing
    context, section = _section(qtbot, tmp_path / "laptop.db", app_settings)
    assert section.merge_files([book]) is None
    assert len(asked) == 1 and "密码不对" in warned[0]
    assert Resident.select().count() == 0
    a_keyring.kept[("Lianxin exchange workbooks", section.office())] = PASSWORD  # (this laptop holds no office yet)
    job = section.merge_files([book])
    qtbot.waitUntil(lambda: job.progress is None, timeout=60_000)
    assert len(asked) == 1  # the remembered one opened it
    assert Resident.select().count() == 3
    context.jobs.wait_all()
    close_database()
