"""Shared fixtures: a fresh database per test, settings in a temp file, no screen needed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from models.database import close_database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path_factory, monkeypatch):
    """Keep crash logs and default databases of tests out of the user's real data folder."""
    monkeypatch.setenv("LIANXIN_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def db(tmp_path):
    """An open, migrated, empty database; yields the Installation."""
    installation = open_database(tmp_path / "test.db")
    yield installation
    close_database()


@pytest.fixture
def app_settings(tmp_path):
    from PySide6.QtCore import QSettings

    from ui.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))


@pytest.fixture(autouse=True)
def english_again_after_each_test():
    """Opening the window installs its language (Chinese by default) for the whole application.

    Tests read the English source strings, so each test starts in English whatever the one
    before it opened.
    """
    yield
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        from ui.i18n import install_language

        install_language("en")
