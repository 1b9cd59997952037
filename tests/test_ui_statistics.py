"""The statistics section: the office's figures for a chosen period, and the workbook it reports with."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from models.registry.assignments import link
from models.database import open_database
from models.work.demands import accept, close, raise_demand, record_return_visit
from models.records.people import Cadre, Household
from models.records.places import Building, Grid
from models.work.visits import record_visit
from ui.sections.statistics import StatisticsSection

from tests.places import new_building, new_grid
from tests.ui_helpers import section_context, shown

LAST_YEAR = dt.date.today().year - 1


@pytest.fixture
def context(qtbot, tmp_path):
    """Four households, three linked, two visited last March; one demand closed on time, one overdue."""
    installation = open_database(tmp_path / "stats.db")
    grid = new_grid()
    building = new_building(grid)
    homes = []
    for room in ("101", "102", "201", "202"):
        home = Household(grid=grid, building=building, room=room, address=f"3号楼{room}")
        home.save()
        homes.append(home)
    cadre = Cadre(name="王芳", grid=grid)
    cadre.save()
    for home in homes[:3]:
        link(cadre, home)
    march = dt.date(LAST_YEAR, 3, 10)
    for home in homes[:2]:
        record_visit(home, [cadre], visited_on=march)
    done = raise_demand(homes[0], "楼道灯不亮", raised_on=march)
    accept(done, on=march)
    close(done, on=march + dt.timedelta(days=2))
    record_return_visit(done, "satisfied", on=march + dt.timedelta(days=3))
    late = raise_demand(homes[1], "下水道堵塞", raised_on=march)
    accept(late, on=march)
    with section_context(installation, tmp_path) as context:
        yield context


def value(section, key: str) -> str:
    return section.findChild(type(section.heading), f"stat_{key}").text()


def choose_march(qtbot, section) -> None:
    """Alt+P to the period, End for "from … to …", then Alt+F and Alt+T to the two days."""
    qtbot.keyClick(section, Qt.Key_P, Qt.AltModifier)
    assert section.period.hasFocus()
    qtbot.keyClick(section.period, Qt.Key_End)
    assert section.start.isEnabled() and section.end.isEnabled()
    for keys, edit, day in ((Qt.Key_F, section.start, "01"), (Qt.Key_T, section.end, "31")):
        qtbot.keyClick(section, keys, Qt.AltModifier)
        assert edit.hasFocus()
        # Home to the year, Down to last year; Tab to the month and the day, typed.
        qtbot.keyClick(edit, Qt.Key_Home)
        for _year in range(edit.date().year() - LAST_YEAR):
            qtbot.keyClick(edit, Qt.Key_Down)
        qtbot.keyClick(edit, Qt.Key_Tab)  # Tab moves between the parts of a date
        qtbot.keyClicks(edit, "03" + day)  # two digits fill the month and move on to the day
    assert section.start.date() == QDate(LAST_YEAR, 3, 1) and section.end.date() == QDate(LAST_YEAR, 3, 31)


def test_figures_for_a_chosen_period_as_percentages(qtbot, context):
    section = shown(qtbot, StatisticsSection(context))
    qtbot.waitUntil(lambda: value(section, "households") == "4")
    assert value(section, "coverage_assigned") == "75.0 %"  # a stock: 3 of 4 linked, whatever the period
    assert value(section, "closure_rate") == "–"  # nothing raised this month: nothing to divide by

    choose_march(qtbot, section)
    qtbot.waitUntil(lambda: value(section, "demands_raised") == "2")
    assert section.heading.text().endswith(f"{LAST_YEAR}-03-01 to {LAST_YEAR}-03-31")
    assert value(section, "coverage_visited") == "66.7 %"  # 2 of 3 linked households visited in March
    assert value(section, "closure_rate") == "50.0 %"  # 1 closed of 2 accepted
    assert value(section, "on_time_closure_rate") == "100.0 %"
    assert value(section, "satisfaction_rate") == "100.0 %"
    assert value(section, "demands_overdue") == "1"


def test_figures_follow_changes_made_elsewhere(qtbot, context):
    section = shown(qtbot, StatisticsSection(context))
    qtbot.waitUntil(lambda: value(section, "households") == "4")
    Household(grid=Grid.get(), building=Building.get(), room="301", address="3号楼301").save()
    context.data_changed.emit("household")
    qtbot.waitUntil(lambda: value(section, "households") == "5")
    assert value(section, "coverage_assigned") == "60.0 %"


def test_a_reversed_period_is_explained_not_counted(qtbot, context):
    section = shown(qtbot, StatisticsSection(context))
    qtbot.waitUntil(lambda: value(section, "households") == "4")
    section.period.setCurrentIndex(section.period.findData("custom"))
    section.start.setDate(QDate(LAST_YEAR, 4, 1))
    section.end.setDate(QDate(LAST_YEAR, 3, 1))
    qtbot.waitUntil(lambda: "starts before it ends" in section.message.text())


def test_ctrl_s_saves_the_workbook_of_lianxin_stats_and_remembers_the_folder(qtbot, context, tmp_path, monkeypatch):
    asked = []
    target = tmp_path / "reports" / "march"
    target.parent.mkdir()
    monkeypatch.setattr(StatisticsSection, "ask_save_path", lambda self, suggested: asked.append(suggested) or str(target))
    section = shown(qtbot, StatisticsSection(context))
    choose_march(qtbot, section)
    qtbot.keyClick(section, Qt.Key_S, Qt.ControlModifier)
    written = target.with_name("march.xlsx")
    qtbot.waitUntil(lambda: "saved" in section.message.text())
    rows = {row[0]: row[2] for row in load_workbook(written).active.iter_rows(min_row=2, values_only=True)}
    assert rows["demands_raised"] == 2 and rows["closure_rate"] == 0.5 and rows["households"] == 4
    assert rows["period_from"] == f"{LAST_YEAR}-03-01"
    assert asked[0].endswith(f"统计_{LAST_YEAR}-03-01_{LAST_YEAR}-03-31.xlsx")
    assert context.settings.last_folder("statistics") == str(target.parent)


def test_alt_i_shows_the_figures_by_micro_grid(qtbot, context, tmp_path):
    from models.records.people import MicroGrid

    grid = Grid.get()
    east = MicroGrid.create(grid=grid, name="东片", leader="王大爷", leader_phone="13800001111")
    for home in Household.select().where(Household.room.in_(("101", "102", "201"))):
        home.micro_grid = east
        home.save()
    section = shown(qtbot, StatisticsSection(context), 1024, 700)
    choose_march(qtbot, section)
    table = section.tables["by_micro_grid"]
    # three households, all linked, two visited in March (101 and 102, once each), two demands raised, one open
    expected = [grid.name, "东片", "王大爷", "3", "3", "2", "66.7 %", "2", "2", "1"]

    def cells() -> list[str]:
        return [item.text() if (item := table.item(0, column)) else "" for column in range(table.columnCount())]

    # The figures are counted off the UI thread, once per period chosen on the way to March: wait for March's.
    qtbot.waitUntil(lambda: table.rowCount() == 1 and cells() == expected)
    qtbot.keyClick(section, Qt.Key_I, Qt.AltModifier)
    assert section.views.currentIndex() == 1 and section.reported.currentIndex() == 7
    assert cells() == expected
    section.grab().save(str(tmp_path / "statistics-micro-grids.png"))


def test_enter_on_a_figure_by_micro_grid_opens_the_records_behind_it(qtbot, context, tmp_path, qtmodeltester):
    from PySide6.QtWidgets import QApplication

    from models.records.people import MicroGrid, Shop

    grid = Grid.get()
    east = MicroGrid.create(grid=grid, name="东片", leader="王大爷")
    for home in Household.select().where(Household.room.in_(("101", "102", "201"))):
        home.micro_grid = east
        home.save()
    school = Grid.create(community=grid.community, name="实验小学", kind="special", special_type="school")
    Shop.create(grid=school, name="文具店", business="文具")
    section = shown(qtbot, StatisticsSection(context), 1024, 768)
    choose_march(qtbot, section)
    table = section.tables["by_micro_grid"]
    qtbot.waitUntil(lambda: table.rowCount() == 1 and table.item(0, 5) is not None and table.item(0, 5).text() == "2")
    qtbot.keyClick(section, Qt.Key_I, Qt.AltModifier)
    table.setFocus()
    table.setCurrentCell(0, 5)  # 已走访 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: section.records is not None and section.records.isVisible())
    records = section.records
    qtmodeltester.check(records.model)
    assert records.count() == 2 and {records.model.record(r).address for r in range(2)} == {"3号楼101", "3号楼102"}
    assert "东片" in records.heading.text() and ": 2 " in records.heading.text()
    records.grab().save(str(tmp_path / "drill-down-micro-grid.png"))
    records.reject()
    table.setCurrentCell(0, 9)  # 未结诉求 1
    table.scrollTo(table.currentIndex())
    cell = table.visualRect(table.currentIndex()).center()
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=cell)  # a double click: a click, then the second press
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: section.records is not records and section.records.isVisible())
    assert section.records.count() == 1 and section.records.model.record(0).description == "下水道堵塞"
    section.records.reject()
    special = section.tables["by_special_grid"]
    qtbot.waitUntil(lambda: special.rowCount() == 1)
    special.setFocus()
    special.setCurrentCell(0, 0)  # the grid's name: its shops
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: section.records.isVisible() and section.records.bar.chart == "by_special_grid")
    assert section.records.count() == 1 and section.records.model.record(0).name == "文具店"
