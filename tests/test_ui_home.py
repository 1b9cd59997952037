"""The 工作台: a worker's cards and lists over their own households, the office's cards and charts, the question
when nobody chose, and the choice itself at first start and in Settings."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.registry.coverage import Period, unvisited_households
from models.database import close_database, open_database
from models.work.demands import DemandFilter, count_demands
from models.demo import generate_demo
from models.records.people import Cadre
from models.scope import Scope
from models.records.work import Demand
from models.workbench import OFFICE, WORKER, choose_user, chosen_user
from tests.ui_helpers import section_context, shown
from ui.app import create_application, open_main_window
from ui.dialogs.first_start import FirstStartDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.sections.home import HomeSection

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("home") / "demo.db"
    open_database(path)
    generate_demo(300)
    close_database()
    return path


@pytest.fixture
def demo(demo_template, tmp_path):
    path = tmp_path / "demo.db"
    path.write_bytes(demo_template.read_bytes())
    return path


def busiest_cadre_with_due_demands() -> Cadre:
    """A cadre whose households have a demand overdue or due soon (the demo has some), else the busiest."""
    cadres = list(Cadre.alive())
    def due(cadre):
        return count_demands(DemandFilter(scope=Scope(cadre=cadre.uuid), overdue_only=True, today=TODAY))
    return max(cadres, key=lambda cadre: (due(cadre), cadre.assignments.count()))


def home_for(qtbot, context) -> HomeSection:
    home = HomeSection(context)
    with qtbot.waitSignal(home.todo_shown, timeout=10000):
        shown(qtbot, home, 1024, 700)
    return home


def test_a_worker_sees_their_own_households_and_demands(qtbot, demo, tmp_path, qtmodeltester):
    installation = open_database(demo, create=False)
    cadre = busiest_cadre_with_due_demands()
    choose_user(cadre.uuid)
    with section_context(installation, tmp_path) as context:
        home = home_for(qtbot, context)
        assert cadre.name in home.heading.text()
        mine = Scope(cadre=cadre.uuid)
        unvisited = unvisited_households(mine, Period.month_to_date(TODAY)).count()
        assert home.cards["unvisited"].number == unvisited
        assert home.cards["unvisited"].text().startswith(f"{unvisited:,} ")
        overdue = count_demands(DemandFilter(scope=mine, overdue_only=True, today=TODAY))
        assert home.todo.overdue == overdue and overdue > 0
        # The households list: the unvisited ones, never-visited first.
        while home.household_model.canFetchMore():
            home.household_model.fetchMore()
        assert home.household_model.rowCount() == unvisited
        never = [home.household_model.record(row).last_visit is None for row in range(unvisited)]
        assert never == sorted(never, reverse=True)
        # Tab to the "due" card, Enter: the list of my demands due, each overdue or due within two days.
        home.cards["unvisited"].setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        assert QApplication.focusWidget() is home.cards["due"]
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        assert QApplication.focusWidget() is home.demands
        rows = [home.demand_model.record(row) for row in range(home.demand_model.rowCount())]
        assert len(rows) == home.cards["due"].number
        assert all(row.deadline <= TODAY + dt.timedelta(days=2) and row.state in ("accepted", "in_progress")
                   for row in rows)
        # Enter on the first: its page opens.
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        qtbot.waitUntil(lambda: home.page is not None and home.page.isVisible())
        home.page.close()
        for model in (home.household_model, home.demand_model):  # checked once the lists are filled
            qtmodeltester.check(model)


def test_a_worker_returns_to_the_return_visits_due(qtbot, demo, tmp_path):
    installation = open_database(demo, create=False)
    cadre = busiest_cadre_with_due_demands()
    choose_user(cadre.uuid)
    with section_context(installation, tmp_path) as context:
        home = home_for(qtbot, context)
        home.cards["return_visits"].setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        awaiting = count_demands(DemandFilter(scope=Scope(cadre=cadre.uuid), awaiting_return_visit=True, today=TODAY))
        assert home.demand_model.rowCount() == awaiting == home.cards["return_visits"].number
        assert all(home.demand_model.record(row).state == "closed" for row in range(home.demand_model.rowCount()))


def test_the_office_sees_the_district_and_where_to_push(qtbot, demo, tmp_path):
    installation = open_database(demo, create=False)
    choose_user(OFFICE)
    with section_context(installation, tmp_path) as context:
        home = home_for(qtbot, context)
        qtbot.waitUntil(lambda: home.dashboard.values is not None)
        overdue = Demand.alive().where(Demand.state.in_(("accepted", "in_progress")) & (Demand.deadline < TODAY)).count()
        assert home.todo.overdue == overdue
        chart = home.dashboard.charts["units_overdue"]
        by_unit = {row["unit_id"]: row["overdue"] for row in home.dashboard.values["demands_by_unit"] if row["overdue"]}
        assert {bar.key: value for bar, value in chart.values().items()} == by_unit
        grids = home.dashboard.charts["coverage_by_grid"]
        rates = [group.segments[1].value / group.segments[0].value for group in grids.data.groups
                 if group.segments[0].value]
        assert rates == sorted(rates)  # the grids that need a push first


def test_nobody_chosen_asks_who_uses_the_laptop_and_follows_the_choice(qtbot, demo, tmp_path):
    installation = open_database(demo, create=False)
    with section_context(installation, tmp_path) as context:
        home = home_for(qtbot, context)
        assert home.households is None and home.dashboard is None
        assert "Settings" in home.hint.text()
        cadre = Cadre.alive().first()
        choose_user(cadre.uuid)
        with qtbot.waitSignal(home.todo_shown, timeout=10000):
            context.data_changed.emit("setting")
        assert home.cadre == cadre and home.households is not None


def test_settings_and_first_start_choose_who_uses_the_laptop(qtbot, demo):
    open_database(demo, create=False)
    try:
        cadre = Cadre.alive().order_by(Cadre.name).first()
        dialog = SettingsDialog("zh_CN", "设备", "用户")
        qtbot.addWidget(dialog)
        dialog.workbench_user.setCurrentIndex(dialog.workbench_user.findData(cadre.uuid))
        dialog.accept()
        assert chosen_user() == cadre.uuid
        again = SettingsDialog("zh_CN", "设备", "用户")
        qtbot.addWidget(again)
        assert again.workbench_user.currentData() == cadre.uuid
        first = FirstStartDialog()
        qtbot.addWidget(first)
        first.worker.setChecked(True)
        first.done(FirstStartDialog.EMPTY)
        assert chosen_user() == WORKER
    finally:
        close_database()


def test_the_office_card_opens_the_overdue_demands_in_the_window(qtbot, demo, app_settings):
    open_database(demo, create=False)
    choose_user(OFFICE)
    close_database()
    create_application()
    window = open_main_window(demo, app_settings)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.current_section_key() == "home"
        home = window.sections["home"]
        qtbot.waitUntil(lambda: home.todo is not None, timeout=10000)
        home.cards["due"].setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        assert window.current_section_key() == "demands"
        assert window.sections["demands"].overdue_only.isChecked()
    finally:
        window.context.jobs.wait_all()
        window.close()
        close_database()


def test_the_workbench_and_statistics_fit_a_1024_by_768_screen(qtbot, demo, tmp_path):
    from ui.sections.statistics import StatisticsSection

    installation = open_database(demo, create=False)
    with section_context(installation, tmp_path) as context:
        for user in (OFFICE, Cadre.alive().first().uuid, WORKER):
            choose_user(user)
            home = HomeSection(context)
            qtbot.addWidget(home)
            size = home.minimumSizeHint()
            assert size.width() <= 1000 - 170 and size.height() <= 700, (user, size)  # beside the section list
        statistics = StatisticsSection(context)
        qtbot.addWidget(statistics)
        size = statistics.minimumSizeHint()
        assert size.width() <= 1000 - 170 and size.height() <= 700, size


def test_enter_on_a_household_records_a_visit_through_visits(qtbot, demo, app_settings):
    open_database(demo, create=False)
    cadre = busiest_cadre_with_due_demands()
    choose_user(cadre.uuid)
    close_database()
    create_application()
    window = open_main_window(demo, app_settings)
    qtbot.addWidget(window)
    window.show()
    try:
        home = window.sections["home"]
        qtbot.waitUntil(lambda: home.todo is not None and home.household_model.rowCount() > 0, timeout=10000)
        home.cards["unvisited"].setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)  # 开始走访: to the first household
        assert QApplication.focusWidget() is home.households
        household = home.household_model.record(0)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        visits = window.sections["visits"]
        assert window.current_section_key() == "visits"
        qtbot.waitUntil(lambda: visits.visit_dialog is not None and visits.visit_dialog.isVisible())
        assert visits.visit_dialog.household.uuid == household.uuid
        assert visits.current_cadre().uuid == cadre.uuid
        visits.visit_dialog.reject()
    finally:
        window.context.jobs.wait_all()
        window.close()
        close_database()


def test_a_hidden_workbench_counts_nothing_until_it_is_shown_again(qtbot, demo, tmp_path):
    """A merge on another section does not keep the one worker thread busy with cards nobody sees."""
    installation = open_database(demo, create=False)
    cadre = busiest_cadre_with_due_demands()
    choose_user(cadre.uuid)
    with section_context(installation, tmp_path) as context:
        home = home_for(qtbot, context)
        qtbot.waitUntil(lambda: not context.jobs.busy())  # the first count's job has ended too
        home.hide()
        context.data_changed.emit("demand")
        assert not context.jobs.busy()  # nothing counted while hidden
        with qtbot.waitSignal(home.todo_shown, timeout=10000):
            home.show()
        expected = count_demands(DemandFilter(scope=Scope(cadre=cadre.uuid), overdue_only=True, today=TODAY))
        assert home.todo.overdue == expected


def test_a_workers_lists_keep_every_column_in_sight_at_1024_px(qtbot, demo, tmp_path):
    """The last visit and the demand's state are not pushed off the edge of a 1024 px window's 工作台."""
    from ui.style import theme

    installation = open_database(demo, create=False)
    choose_user(busiest_cadre_with_due_demands().uuid)
    with section_context(installation, tmp_path) as context:
        home = HomeSection(context)
        with qtbot.waitSignal(home.todo_shown, timeout=10000):
            shown(qtbot, home, 1024 - theme.RAIL_WIDTH - 2 * theme.GRID, 700)  # its width in a 1024 px window
        for table in (home.households, home.demands):
            header, last = table.horizontalHeader(), table.model().columnCount() - 1
            assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
            assert header.sectionSize(last) >= header.sectionSizeHint(last)
