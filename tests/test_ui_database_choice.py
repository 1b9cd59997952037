"""The window and its database: asked before a new one is made, the backup budget in Settings, Ctrl+C-safe start."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.paths import default_database
from sync.exchange.backups import Budget
from ui.app import create_application, may_create, run_window
from ui.dialogs.settings_dialog import SettingsDialog


@pytest.fixture
def answers(monkeypatch):
    """The questions the window asked, answered No."""
    asked = []

    def question(parent, title, text, *rest):
        asked.append(text)
        return QMessageBox.No

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_a_database_that_does_not_exist_is_not_made_without_asking(qtbot, tmp_path, answers, capsys):
    create_application()
    mistyped = tmp_path / "mistyped.db"
    assert run_window(mistyped) == 1
    assert len(answers) == 1 and str(mistyped) in answers[0]
    assert list(tmp_path.iterdir()) == []
    assert capsys.readouterr().err.strip() == f"{mistyped}: no such database; nothing was created"


def test_the_default_database_on_first_start_and_an_existing_one_are_opened_without_a_question(qtbot, db, answers):
    from models.database import database_path

    create_application()
    assert may_create(default_database())  # the data folder's database, made on first start
    assert may_create(database_path())
    assert answers == []


def test_the_backup_budget_is_set_in_settings_and_kept_in_the_database(qtbot, db):
    dialog = SettingsDialog("zh_CN", "设备", "用户")
    qtbot.addWidget(dialog)
    assert (dialog.backup_copies.value(), dialog.backup_size.value()) == (Budget().copies, Budget().size_multiple)
    dialog.backup_copies.setValue(8)
    dialog.backup_size.setValue(4.5)
    dialog.accept()
    assert Budget.read() == Budget(8, 4.5)
    again = SettingsDialog("zh_CN", "设备", "用户")
    qtbot.addWidget(again)
    assert (again.backup_copies.value(), again.backup_size.value()) == (8, 4.5)
    again.reject()
    assert Budget.read() == Budget(8, 4.5)
