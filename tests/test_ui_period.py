"""One period for the 工作台 and 统计: chosen by keyboard in either, shown and counted in both, kept for the session."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from models.database import close_database, open_database
from models.demo import generate_demo
from models.records.people import Cadre
from models.registry.coverage import Period, unvisited_households
from models.scope import Scope
from models.workbench import choose_user
from ui.app import create_application, open_main_window
from ui.sections.home import HomeSection

from tests.ui_helpers import active_window

TODAY = dt.date.today()


@pytest.fixture
def window(qtbot, tmp_path, app_settings):
    """The window over a small demo, its laptop used by the cadre with the most households."""
    path = tmp_path / "period.db"
    open_database(path)
    generate_demo(60)
    cadre = max(Cadre.alive(), key=lambda cadre: cadre.assignments.count())
    choose_user(cadre.uuid)
    close_database()
    create_application()
    app_settings.language = "zh_CN"
    main = active_window(qtbot, open_main_window(path, app_settings))
    yield main
    main.context.jobs.wait_all()
    main.close()
    close_database()


def key(code, modifier=Qt.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), code, modifier)


def counted(qtbot, home: HomeSection) -> None:
    """Wait until the 工作台 counted for the period now chosen."""
    qtbot.waitUntil(lambda: home.todo is not None and home.period == home.context.period.period()
                    and not home.recount.busy and not home.context.jobs.busy(), timeout=10_000)


def test_a_quarter_chosen_in_statistics_is_counted_on_the_workbench_and_back(window, qtbot):
    home = window.sections["home"]
    counted(qtbot, home)
    assert "本月" in home.heading.text() and home.cards["unvisited"].text().split("\n")[1].startswith("本月未走访")

    window.show_section("statistics")
    statistics = window.sections["statistics"]
    key(Qt.Key_P, Qt.AltModifier)
    assert QApplication.focusWidget() is statistics.period
    key(Qt.Key_Down)  # 本季度
    assert statistics.chosen_period() == Period(Period.quarter_of(TODAY).start, TODAY)

    window.show_section("home")
    counted(qtbot, home)
    quarter = Period(Period.quarter_of(TODAY).start, TODAY)
    assert home.chooser.kind.currentData() == "quarter"
    assert "本季度" in home.heading.text() and str(quarter.start) in home.heading.text()
    unvisited = unvisited_households(Scope(cadre=home.cadre.uuid), quarter).count()
    assert home.cards["unvisited"].number == unvisited
    assert "本季度未走访" in home.cards["unvisited"].text()

    # Chosen on the 工作台 by keyboard: 统计 shows it (and counts it when next shown).
    home.cards["unvisited"].setFocus()
    key(Qt.Key_P, Qt.AltModifier)
    assert QApplication.focusWidget() is home.chooser.kind
    key(Qt.Key_Home)  # 本月
    counted(qtbot, home)
    assert home.cards["unvisited"].number == unvisited_households(Scope(cadre=home.cadre.uuid),
                                                                  Period.month_to_date(TODAY)).count()
    assert statistics.period.currentData() == "month"
    assert statistics.chosen_period() == Period.month_to_date(TODAY)


def test_the_choice_outlives_the_section_and_reversed_days_are_explained(window, qtbot):
    home = window.sections["home"]
    counted(qtbot, home)
    home.cards["unvisited"].setFocus()
    key(Qt.Key_P, Qt.AltModifier)
    key(Qt.Key_End)  # 自定义起止日期: the two days open
    assert home.chooser.start.isEnabled() and home.chooser.end.isEnabled()
    key(Qt.Key_F, Qt.AltModifier)
    assert QApplication.focusWidget() is home.chooser.start
    key(Qt.Key_Home)  # the year
    key(Qt.Key_Up)  # next year: after the end
    assert home.hint.text().startswith("请选择起始日期不晚于截止日期的期间")  # nothing counted for it
    key(Qt.Key_Down)
    key(Qt.Key_Down)  # last year: a long period, counted
    counted(qtbot, home)
    start = home.context.period.start
    assert start.year == TODAY.year - 1 and home.period == Period(start, TODAY)

    # Built again (the language changed, another user chosen): the session's choice is still there.
    again = HomeSection(window.context)
    qtbot.addWidget(again)
    assert again.chooser.kind.currentData() == "custom" and again.chooser.start.date().toPython() == start
    assert again.period == Period(start, TODAY)


def test_alt_f_opens_the_file_menu_on_the_workbench_while_the_days_are_off(window, qtbot):
    """The days' Alt+F and Alt+T would share their keys with the menu bar's 文件 and 工具: they hold only while on."""
    home = window.sections["home"]
    counted(qtbot, home)
    home.cards["unvisited"].setFocus()
    key(Qt.Key_F, Qt.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    assert QApplication.activePopupWidget() is window.menuBar().actions()[0].menu()
    QTest.keyClick(QApplication.activePopupWidget(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_the_coverage_check_in_visits_counts_the_same_period(window, qtbot):
    """Ctrl+K in 走访 (不漏一户) checks the period chosen on the 工作台, and can choose it too."""
    home = window.sections["home"]
    counted(qtbot, home)
    home.cards["unvisited"].setFocus()
    key(Qt.Key_P, Qt.AltModifier)
    key(Qt.Key_Down)  # 本季度
    quarter = Period(Period.quarter_of(TODAY).start, TODAY)
    window.show_section("visits")
    visits = window.sections["visits"]
    key(Qt.Key_K, Qt.ControlModifier)
    qtbot.waitUntil(lambda: visits.coverage.figures.text().startswith(f"{quarter.start} 至 {quarter.end}"), timeout=10_000)
    assert visits.coverage.period.currentData() == "quarter"
    visits.coverage.period.setFocus()
    key(Qt.Key_Home)  # 本月, chosen here: the 工作台 shows it
    assert home.chooser.kind.currentData() == "month"
