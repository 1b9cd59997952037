"""The window under pytest-qt: Chinese by default, English on request, remembered, keyboard-driven."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QListWidget

from models.database import close_database
from models.demo import is_empty
from models.records.installation import Setting
from models.records.people import Household
from ui.app import create_application, open_main_window
from ui.dialogs.first_start import FirstStartDialog
from ui.settings import AppSettings


@pytest.fixture
def window(qtbot, tmp_path, app_settings):
    create_application()
    main = open_main_window(tmp_path / "ui.db", app_settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()
    close_database()


def section_titles(window) -> list[str]:
    """The rail's full titles (its tooltips, also read out by screen readers); the labels are two characters."""
    names = window.section_list
    assert names is window.findChildren(QListWidget, "sectionList")[-1]
    return [names.item(i).data(Qt.AccessibleTextRole) for i in range(names.count())]


def rail_labels(window) -> list[str]:
    names = window.section_list
    return [names.item(i).text() for i in range(names.count())]


def test_window_speaks_chinese_by_default(window):
    assert section_titles(window)[-6:] == ["住户登记", "走访", "诉求办理", "统计", "打印", "数据交换"]
    assert rail_labels(window)[-6:] == ["住户", "走访", "诉求", "统计", "打印", "交换"]
    assert window.section_list.item(0).toolTip().endswith("Ctrl+1")
    assert section_titles(window)[0] == "工作台" and rail_labels(window)[0] == "首页"  # the 工作台 comes first
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "视图(&V)", "工具(&T)", "帮助(&H)"]
    status = window.findChild(QLabel, "statusDevice").text()
    assert window.context.installation.device_name in status and "ui.db" in status


def test_switching_to_english_and_back(window, app_settings):
    window.set_language("en")
    assert "Registry" in section_titles(window) and section_titles(window)[0] == "Workbench"
    assert app_settings.language == "en"
    window.set_language("zh_CN")
    assert "住户登记" in section_titles(window)
    # The menus were built again in each language, and the old ones are gone: one 文件 menu, not three.
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QMenu

    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)  # what deleteLater asked
    titles = [menu.title() for menu in window.menuBar().findChildren(QMenu) if menu.parent() is window.menuBar()]
    assert titles.count("文件(&F)") == 1 and not any(title == "&File" for title in titles), titles


def test_keyboard_switches_sections(window, qtbot):
    qtbot.keyClick(window, Qt.Key_5, Qt.ControlModifier)
    assert window.current_section_key() == "statistics"
    qtbot.keyClick(window, Qt.Key_1, Qt.ControlModifier)
    assert window.current_section_key() == "home"
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    assert window.current_section_key() == "registry"


def test_geometry_is_remembered(qtbot, tmp_path):
    settings_file = str(tmp_path / "remember.ini")
    create_application()
    first = open_main_window(tmp_path / "g.db", AppSettings(QSettings(settings_file, QSettings.IniFormat)))
    qtbot.addWidget(first)
    first.show()
    first.resize(first.width(), 555)  # the offscreen screen is narrower than the window can be
    chosen = first.height()
    assert chosen == 555
    first.close()
    close_database()
    second = open_main_window(tmp_path / "g.db", AppSettings(QSettings(settings_file, QSettings.IniFormat)))
    qtbot.addWidget(second)
    assert second.height() == chosen
    second.close()
    close_database()


def test_last_folders_are_remembered(app_settings, tmp_path):
    app_settings.set_last_folder("export", tmp_path / "package.xlsx")
    assert app_settings.last_folder("export") == str(tmp_path)


def test_statistics_section_shows_counts_after_demo(window, qtbot):
    job = window.fill_demo(60)
    qtbot.waitUntil(lambda: job.progress is None, timeout=60_000)  # the runner has handled its end
    window.show_section("statistics")  # a hidden section counts once it is shown (start-up serves the 工作台 first)
    label = window.sections["statistics"].findChild(QLabel, "stat_households")
    qtbot.waitUntil(lambda: label.text() == "60", timeout=10_000)


def test_first_start_offers_demo_once(window, qtbot, monkeypatch):
    def choose_demo(dialog):
        dialog.households.setValue(40)
        return FirstStartDialog.DEMO

    monkeypatch.setattr(FirstStartDialog, "exec", choose_demo)
    assert is_empty()
    job = window.offer_first_start()
    qtbot.waitUntil(lambda: job.progress is None, timeout=60_000)  # the runner has handled its end
    assert Household.select().count() == 40
    assert Setting.read("first_start_done") == "1"


def test_first_start_empty_choice_is_not_asked_again(window, monkeypatch):
    calls = []
    monkeypatch.setattr(FirstStartDialog, "exec", lambda dialog: calls.append(1) or FirstStartDialog.EMPTY)
    assert window.offer_first_start() is None
    assert window.offer_first_start() is None
    assert calls == [1] and is_empty()


def test_window_refuses_a_foreign_file_with_a_message(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.app import run_window

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database")
    assert run_window(path) == 1
    assert "not a Lianxin database" in shown[0]
    assert path.read_bytes() == b"PK\x03\x04 not a database"


def test_workbooks_dropped_anywhere_are_merged(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    merged = []
    monkeypatch.setattr(type(window.sections["exchange"]), "merge_files", lambda section, paths: merged.append(paths))
    window.show_section("statistics")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "laptop.xlsx")), QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    window.dropEvent(QDropEvent(QPointF(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    assert window.current_section_key() == "exchange"
    assert [p.name for p in merged[0]] == ["laptop.xlsx"]
