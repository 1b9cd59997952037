"""The dashboard in 统计: every chart's numbers equal `lianxin stats --json` for the same period and scope, and
every bar opens the records behind it — by keyboard (focus, arrows, Enter) or a click."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.cli import run as run_cli
from models.figures.behind import Bar
from models.database import close_database, open_database
from models.demo import generate_demo
from models.records.places import Grid
from tests.ui_helpers import section_context, shown
from ui.dashboard.records import RecordsDialog
from ui.sections.statistics import StatisticsSection


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.db"
    open_database(path)
    generate_demo(300)
    close_database()
    return path


def stats_json(path, capsys, *options) -> dict:
    assert run_cli(["--db", str(path), "stats", "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


def expected_value(values: dict, bar: Bar) -> int:
    """The number `stats --json` gives for one bar."""
    if bar.chart == "demands_by_state":
        return values["demands_by_state"][bar.key]
    key = {"coverage_by_grid": "grid_id", "coverage_by_cadre": "cadre_id", "demands_by_category": "category_id",
           "demands_by_month": "month", "demands_by_unit": "unit_id"}[bar.chart]
    row = next(row for row in values[bar.chart] if row[key] == bar.key)
    return row["linked"] - row["visited"] if bar.part == "unvisited" else row[bar.part]


@pytest.fixture
def section(qtbot, demo_file, tmp_path):
    installation = open_database(demo_file, create=False)
    with section_context(installation, tmp_path) as context:
        widget = shown(qtbot, StatisticsSection(context), 1024, 700)
        yield widget


def wait_for_charts(qtbot, section) -> None:
    qtbot.waitUntil(lambda: section.dashboard.values is not None
                    and section.dashboard.scope == section.chosen_scope())


def test_every_chart_equals_stats_json(qtbot, section, demo_file, capsys):
    wait_for_charts(qtbot, section)
    close_database()  # the command opens the file itself
    whole = stats_json(demo_file, capsys)
    open_database(demo_file, create=False)
    compared = 0
    for key, chart in section.dashboard.charts.items():
        for bar, value in chart.values().items():
            assert value == expected_value(whole, bar), (key, bar)
            compared += 1
    assert compared > 50
    assert set(section.dashboard.charts) == {
        "coverage_by_grid", "coverage_by_cadre", "demands_by_state", "demands_by_category", "demands_by_month",
        "units_closure", "units_overdue"}


def test_a_grid_chosen_in_the_scope_equals_stats_json_for_that_grid(qtbot, section, demo_file, capsys):
    grid = Grid.alive().order_by(Grid.name).first()
    qtbot.keyClick(section, Qt.Key_Y, Qt.AltModifier)  # (Alt+H is the menu bar's 帮助)
    assert QApplication.focusWidget() is section.scope
    section.scope.setCurrentIndex(section.scope.findText(grid.name, Qt.MatchContains))
    wait_for_charts(qtbot, section)
    assert section.dashboard.scope.grid == grid.uuid
    chart = section.dashboard.charts["coverage_by_grid"]
    close_database()
    narrowed = stats_json(demo_file, capsys, "--grid", grid.name)
    open_database(demo_file, create=False)
    assert {bar.key for bar in chart.values()} == {grid.uuid}
    for key, each in section.dashboard.charts.items():
        for bar, value in each.values().items():
            assert value == expected_value(narrowed, bar), (key, bar)


def test_keyboard_opens_the_records_behind_a_bar(qtbot, section, qtmodeltester):
    wait_for_charts(qtbot, section)
    chart = section.dashboard.charts["demands_by_state"]
    chart.setFocus()
    assert QApplication.focusWidget() is chart
    values = [segment.value for _group, segment in chart.doors()]
    biggest = values.index(max(values))  # the state with the most demands: a list worth opening
    for _ in range(biggest):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Right)
    group, segment = chart.current_door()
    assert segment.value == max(values) > 0
    with qtbot.waitSignal(section.dashboard.record_list_opened) as opened:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    dialog: RecordsDialog = opened.args[0]
    qtmodeltester.check(dialog.model)
    assert dialog.count() == segment.value
    assert all(dialog.model.record(row).state == segment.bar.key for row in range(dialog.model.rowCount()))
    assert str(segment.value) in dialog.heading.text()
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key_Return)  # the first demand's page
    qtbot.waitUntil(lambda: dialog.page is not None and dialog.page.isVisible())
    dialog.page.close()
    dialog.close()


def test_a_click_on_a_bar_opens_its_households(qtbot, section):
    wait_for_charts(qtbot, section)
    section.views.setCurrentIndex(0)
    chart = section.dashboard.charts["coverage_by_grid"]
    qtbot.waitUntil(lambda: bool(chart._hit))
    rect, index = next((rect, index) for rect, index in chart._hit
                       if chart.doors()[index][1].bar.part == "linked" and rect.width() > 20)
    segment = chart.doors()[index][1]
    with qtbot.waitSignal(section.dashboard.record_list_opened) as opened:
        qtbot.mouseClick(chart, Qt.LeftButton, pos=QPoint(int(rect.right()) - 3, int(rect.center().y())))
    dialog = opened.args[0]
    assert dialog.bar == segment.bar
    assert dialog.count() == segment.value
    assert all(dialog.model.record(row).grid_id == segment.bar.key for row in range(dialog.model.rowCount()))
    dialog.close()


def test_ctrl_p_prints_the_monthly_report(qtbot, section, tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(section, "ask_report_path", lambda suggested: str(target))
    qtbot.keyClick(section, Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: "report.pdf" in section.message.text(), timeout=20000)
    assert target.read_bytes().startswith(b"%PDF")


def test_the_charts_are_kept_per_period_and_scope_until_something_changes(qtbot, section):
    wait_for_charts(qtbot, section)
    cache = section.dashboard.cache
    period, scope, today = section.chosen_period(), section.chosen_scope(), dt.date.today()
    kept = cache.cached(period, scope, today)
    assert kept is section.dashboard.values
    section.refresh()
    qtbot.waitUntil(lambda: not section.recount.busy)
    assert cache.cached(period, scope, today) is kept  # asked again: no new count
    section._context.data_changed.emit("visit")
    assert cache.cached(period, scope, today) is None
    wait_for_charts(qtbot, section)
    qtbot.waitUntil(lambda: cache.cached(period, scope, today) is not None)


def test_on_a_postgresql_master_the_server_counts_the_charts_without_reading_a_stock(qtbot, tmp_path, capsys,
                                                                                       monkeypatch):
    """A city's coverage stock took 6 s to read into Python: on a master the window asks the server instead."""
    import ui.dashboard.cache as cache
    from tests.postgres_server import drop_database, new_database

    url = new_database()
    try:
        assert run_cli(["--db", url, "demo", "--households", "300"]) == 0
        capsys.readouterr()
        whole = stats_json(url, capsys)

        def no_stock(scope):
            raise AssertionError("the coverage stock was read into Python")

        monkeypatch.setattr(cache, "coverage_stock", no_stock)
        installation = open_database(url, create=False)
        with section_context(installation, tmp_path) as context:
            section = shown(qtbot, StatisticsSection(context), 1024, 700)
            wait_for_charts(qtbot, section)
            compared = 0
            for chart in section.dashboard.charts.values():
                for bar, value in chart.values().items():
                    assert value == expected_value(whole, bar), bar
                    compared += 1
            assert compared > 50
    finally:
        close_database()
        drop_database(url)
