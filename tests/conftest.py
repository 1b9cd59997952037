"""Shared fixtures: a fresh database per test, settings in a temp file, no screen needed."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from models.database import close_database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path_factory, monkeypatch):
    """Keep crash logs and default databases of tests out of the user's real data folder."""
    monkeypatch.setenv("LIANXIN_DATA_DIR", str(tmp_path_factory.mktemp("data")))


def pytest_configure(config):
    config.addinivalue_line("markers", "both_databases: run with the `db` fixture on SQLite and on PostgreSQL "
                                       "(LIANXIN_TEST_PG; skipped, saying why, without a server)")
    config.addinivalue_line("markers", "sqlite_only: about SQLite's own file or history (older files, FTS5), "
                                       "not run on PostgreSQL")


# The core that runs on both stores (docs/postgresql.md): storage, search, figures, the exchange, and the
# registry and daily work the window reads and writes.  The merge laws on PostgreSQL: tests/test_postgres.py.
BOTH_DATABASES = {"test_storage", "test_search", "test_stats", "test_exchange", "test_scope", "test_registry_core",
                  "test_visits", "test_demands", "test_demand_outcomes", "test_operations_daily",
                  "test_micro_grid_operations", "test_figures_micro_grids", "test_exchange_micro_grids"}


def pytest_generate_tests(metafunc):
    """Tests of `BOTH_DATABASES` (or marked `both_databases`) that use `db`, or another fixture asking for
    `store`, run once per store."""
    both = metafunc.module.__name__.rsplit(".", 1)[-1] in BOTH_DATABASES \
        or metafunc.definition.get_closest_marker("both_databases")
    if "store" in metafunc.fixturenames and both and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("store", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def store(request):
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db(tmp_path, store):
    """An open, migrated, empty database (SQLite, or PostgreSQL for `both_databases`); yields the Installation."""
    if store == "postgresql":
        from tests.postgres_server import drop_database, new_database

        url = new_database()
        installation = open_database(url)
        yield installation
        close_database()
        drop_database(url)
        return
    installation = open_database(tmp_path / "test.db")
    yield installation
    close_database()


def pytest_sessionfinish(session, exitstatus):
    if "tests.postgres_server" in sys.modules:
        sys.modules["tests.postgres_server"].drop_template()


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
