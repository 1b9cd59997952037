"""The window and the command line writing to one database: each waits for the other and says for whom.

The window runs here under pytest-qt; the command line runs as a process.
"""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox

from models.database import close_database
from tests.reliability import Lianxin, run, tables
from tests.reliability_data import laptop_books, laptops_merged, merge_books, office  # noqa: F401  (fixtures)
from ui.app import create_application, open_main_window
from ui.i18n import install_language


@pytest.fixture
def window(qtbot, tmp_path, app_settings, office, monkeypatch):
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *rest: errors.append(text))
    shutil.copyfile(office, tmp_path / "office.db")
    locale = QLocale()
    create_application()
    main = open_main_window(tmp_path / "office.db", app_settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.context.jobs.wait_all()
    main.close()
    close_database()
    install_language("en")  # the tests after these expect no translation installed, and the locale they had
    QLocale.setDefault(locale)
    assert errors == []


def test_the_windows_merge_waits_for_the_command_lines_and_says_so(qtbot, window, laptop_books, laptops_merged, tmp_path):
    db_path = tmp_path / "office.db"
    merging = Lianxin("--db", db_path, "merge", *laptop_books, fault="pause-before:1")
    merging.wait_for("paused before")
    section = window.sections["exchange"]
    job = section.merge_files(laptop_books)
    qtbot.waitUntil(lambda: f"进程 {merging.pid}" in window.statusBar().currentMessage(), timeout=30_000)
    assert "正在等待：另一个连心（合并" in window.statusBar().currentMessage()
    merging.send_line()
    assert merging.finish() == 0, merging.err
    qtbot.waitUntil(lambda: job.progress is None, timeout=60_000)
    assert job.outcome == "succeeded"
    receipts = section.receipt_model.receipts
    assert len(receipts) == len(laptop_books) and all(r.accepted and r.recognised for r in receipts)


def test_a_command_line_writer_gives_up_on_the_windows_merge_naming_it(qtbot, window, laptop_books, tmp_path,
                                                                       monkeypatch):
    from desktop.operations import exchange

    merging_now, go_on = threading.Event(), threading.Event()
    real = exchange.merge_workbooks

    def held(*args, **kwargs):
        merging_now.set()
        go_on.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(exchange, "merge_workbooks", held)
    db_path = tmp_path / "office.db"
    before = tables(db_path)
    job = window.sections["exchange"].merge_files(laptop_books)
    qtbot.waitUntil(merging_now.is_set, timeout=30_000)
    refused = run("--db", db_path, "merge", *laptop_books, "--wait", "0.3")
    go_on.set()
    assert refused.process.returncode == 1
    assert "the database is in use: another Lianxin (merge (window), process" in refused.lines[-1]
    qtbot.waitUntil(lambda: job.progress is None, timeout=60_000)
    assert job.outcome == "succeeded"
    assert tables(db_path) != before
