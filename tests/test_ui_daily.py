"""A cadre's and an office's whole day with the keyboard alone, on the real visits and demands sections.

Link a household, visit it and write down a demand, dispatch the demand to two
units, close it, call back and hear "dissatisfied", and see it reopen.  Every
step is a key press or typed text; the test only looks at widgets and the database.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.database import open_database
from models.work.demands import DemandFilter, accept, demand_list, raise_demand
from models.records.people import Assignment, Cadre, Household
from models.records.work import Demand, Dispatch, ReturnVisit, Visit
from ui.daily.query_model import Column, LazyQueryModel
from ui.sections.demands import DemandsSection
from ui.sections.visits import VisitsSection

from tests.places import new_building, new_grid
from tests.ui_helpers import section_context, shown, type_text, wait_for_dialog


@pytest.fixture
def context(qtbot, tmp_path):
    installation = open_database(tmp_path / "day.db")
    installation.rename(user_name="牟雪")
    grid = new_grid()
    building = new_building(grid)
    for room in ("101", "102"):
        Household(grid=grid, building=building, room=room, address=f"3号楼{room}").save()
    Cadre(name="王芳", grid=grid).save()
    with section_context(installation, tmp_path) as context:
        yield context


def test_the_whole_day_with_the_keyboard_alone(qtbot, context):
    visits = shown(qtbot, VisitsSection(context))
    visits.cadres.setFocus()  # where the window's Ctrl+2 puts the focus

    # Link: Ctrl+L, type part of the address, Down to the list, Return.
    qtbot.keyClick(visits.cadres, Qt.Key_L, Qt.ControlModifier)
    link = wait_for_dialog(qtbot, visits, "link_dialog")
    qtbot.keyClicks(link.search, "101")
    qtbot.waitUntil(lambda: link.model.rowCount() == 1)
    qtbot.keyClick(link.search, Qt.Key_Down)
    assert link.table.hasFocus()
    qtbot.keyClick(link.table, Qt.Key_Return)
    qtbot.waitUntil(lambda: visits.household_model.rowCount() == 1)
    assert [a.household.address for a in Assignment.alive()] == ["3号楼101"]
    assert visits.cadre_model.data(visits.cadre_model.index(0, 1)) == "1"

    # Visit: the focus is on the cadre's households; Return, type, add a demand, Ctrl+Return.
    qtbot.waitUntil(visits.households.hasFocus)
    qtbot.keyClick(visits.households, Qt.Key_Return)
    visit = wait_for_dialog(qtbot, visits, "visit_dialog")
    assert visit.talked_to.hasFocus()
    type_text(visit.talked_to, "户主张秀英")
    qtbot.keyClick(visit.talked_to, Qt.Key_Tab)  # to the first topic
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)
    qtbot.keyClick(visit, Qt.Key_M, Qt.AltModifier)  # De&mand
    assert visit.demand_text.hasFocus()
    type_text(visit.demand_text, "楼道灯不亮，老人上下楼不便")
    qtbot.keyClick(visit.demand_text, Qt.Key_Return)
    assert visit.raised_list.count() == 1
    qtbot.keyClick(visit.demand_text, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: Demand.select().count() == 1)
    stored_visit = Visit.get()
    assert (stored_visit.talked_to, stored_visit.topics, stored_visit.visited_on) == ("户主张秀英", "policy", dt.date.today())
    qtbot.waitUntil(lambda: visits.household_model.data(visits.household_model.index(0, 1)) == str(dt.date.today()))

    # The demand list shows it; Return opens its page.
    demands = shown(qtbot, DemandsSection(context))
    qtbot.waitUntil(lambda: demands.model.rowCount() == 1)
    demands.setFocus()  # what the window's Ctrl+3 does: the focus goes to the list
    qtbot.keyClick(demands.table, Qt.Key_Return)
    page = wait_for_dialog(qtbot, demands, "page")
    assert page.fields["description"].text() == "楼道灯不亮，老人上下楼不便"

    # Dispatch to two units: Ctrl+D, Space ticks the first unit, Down, Space, Return.
    qtbot.keyClick(page, Qt.Key_D, Qt.ControlModifier)
    dispatch = wait_for_dialog(qtbot, page, "dispatch_dialog")
    qtbot.keyClick(dispatch.table, Qt.Key_Space)
    qtbot.keyClick(dispatch.table, Qt.Key_Down)
    qtbot.keyClick(dispatch.table, Qt.Key_Space)
    assert len(dispatch.targets()) == 2
    qtbot.keyClick(dispatch.table, Qt.Key_Return)
    qtbot.waitUntil(lambda: Dispatch.select().count() == 2)
    qtbot.waitUntil(lambda: page.demand.state == "in_progress")
    assert page.timeline.count() == 2

    # Close it: Ctrl+E asks how it ended; Alt+S "solved", Return.  Escape back to the list, which
    # lists it as awaiting a call (Ctrl+Shift+R).
    qtbot.keyClick(page, Qt.Key_E, Qt.ControlModifier)
    closing = wait_for_dialog(qtbot, page, "close_dialog")
    qtbot.keyClick(closing, Qt.Key_S, Qt.AltModifier)
    qtbot.waitUntil(lambda: closing.outcome() == "solved")  # a mnemonic clicks the way a mouse does
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: page.demand.state == "closed")
    assert page.demand.outcome == "solved" and page.demand.source == "visit"  # the visit set the source
    qtbot.keyClick(page, Qt.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demands and demands.table.hasFocus())
    qtbot.keyClick(demands.table, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: demands.awaiting.isChecked() and demands.model.rowCount() == 1)
    assert demands.table.hasFocus()
    qtbot.keyClick(demands.table, Qt.Key_Return)
    page = wait_for_dialog(qtbot, demands, "page")

    # Call back: Ctrl+R, Right twice to "dissatisfied", Return.  It reopens.
    qtbot.keyClick(page, Qt.Key_R, Qt.ControlModifier)
    callback = wait_for_dialog(qtbot, page, "return_visit_dialog")
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Right)
    assert callback.satisfaction() == "dissatisfied"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: ReturnVisit.select().count() == 1)
    qtbot.waitUntil(lambda: page.demand.state == "in_progress")
    assert page.demand.closed_on is None
    assert page.buttons["close"].isEnabled() and not page.buttons["return_visit"].isEnabled()
    qtbot.waitUntil(lambda: demands.model.rowCount() == 0)  # no longer awaiting a call


def test_overdue_demands_stand_out_and_can_be_listed_alone(qtbot, context):
    household = Household.get(Household.room == "101")
    late = raise_demand(household, "下水道堵塞", raised_on=dt.date.today() - dt.timedelta(days=20))
    accept(late, on=dt.date.today() - dt.timedelta(days=19))
    raise_demand(household, "希望增加座椅", kind="suggestion")
    demands = shown(qtbot, DemandsSection(context))
    assert demands.model.rowCount() == 2
    rows = {demands.model.data(demands.model.index(r, 3)): r for r in range(2)}
    late_row, fresh_row = rows["下水道堵塞"], rows["希望增加座椅"]
    assert demands.model.data(demands.model.index(late_row, 0), Qt.ForegroundRole) is not None
    assert demands.model.data(demands.model.index(fresh_row, 0), Qt.ForegroundRole) is None
    demands.setFocus()
    qtbot.keyClick(demands.table, Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: demands.model.rowCount() == 1)
    assert demands.model.data(demands.model.index(0, 3)) == "下水道堵塞"


def test_the_lazy_model_passes_the_model_tester(qtmodeltester, context):
    household = Household.get(Household.room == "101")
    for number in range(LazyQueryModel.BATCH + 5):
        raise_demand(household, f"诉求 {number}", raised_on=dt.date(2025, 1, 1))
    model = LazyQueryModel([Column("description", lambda d: d.description)])
    model.set_query(lambda: demand_list(DemandFilter()))
    assert model.rowCount() == LazyQueryModel.BATCH and model.canFetchMore()
    qtmodeltester.check(model)
    model.fetchMore()
    assert model.rowCount() == LazyQueryModel.BATCH + 5 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_a_group_is_made_and_moved_together_from_the_keyboard(qtbot, context):
    homes = list(Household.select().order_by(Household.room))
    for home in homes:
        raise_demand(home, f"{home.address}楼道灯损坏", raised_on=dt.date.today())
    demands = shown(qtbot, DemandsSection(context))
    demands.setFocus()
    qtbot.keyClick(demands.table, Qt.Key_Down, Qt.ShiftModifier)  # select both rows
    qtbot.keyClick(demands.table, Qt.Key_G, Qt.ControlModifier)
    naming = wait_for_dialog(qtbot, demands, "group_dialog")
    qtbot.keyClicks(QApplication.focusWidget(), "lamps")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: demands.model.rowCount() == 2 and demands.model.data(demands.model.index(0, 6)) == "lamps")
    assert not naming.isVisible()

    qtbot.waitUntil(lambda: QApplication.activeWindow() is demands and demands.table.hasFocus())
    qtbot.keyClick(demands.table, Qt.Key_Return)
    page = wait_for_dialog(qtbot, demands, "page")
    qtbot.keyClick(page, Qt.Key_G, Qt.AltModifier)  # Apply to the whole &group
    qtbot.waitUntil(page.whole_group.isChecked)
    qtbot.keyClick(page, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: {d.state for d in Demand.select()} == {"accepted"})
    assert {d.household_id for d in Demand.select()} == {h.uuid for h in homes}


def test_a_demand_someone_else_closed_meanwhile_is_shown_as_it_is_not_closed_again(qtbot, context):
    """Two workstations on one master: my page still shows the demand accepted when theirs closes it.
    My Ctrl+E writes nothing, says who changed it and when, and the page shows their close."""
    from desktop.operations import demands as demand_operations

    home = Household.select().order_by(Household.room).first()
    demand = accept(raise_demand(home, "下水道堵塞", raised_on=dt.date.today()))
    demands = shown(qtbot, DemandsSection(context))
    qtbot.waitUntil(lambda: demands.model.rowCount() == 1)
    demands.setFocus()
    qtbot.keyClick(demands.table, Qt.Key_Return)
    page = wait_for_dialog(qtbot, demands, "page")
    assert page.demand.state == "accepted"

    demand_operations.close(demand=demand.uuid, outcome="solved")  # the other workstation

    qtbot.keyClick(page, Qt.Key_E, Qt.ControlModifier)
    closing = wait_for_dialog(qtbot, page, "close_dialog")
    qtbot.keyClick(closing, Qt.Key_A, Qt.AltModifier)
    qtbot.waitUntil(lambda: closing.outcome() == "answered")
    closing.reason.setFocus()
    type_text(QApplication.focusWidget(), "已解释")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: "牟雪" in page.message.text())
    assert page.demand.state == "closed" and not page.buttons["close"].isEnabled()
    assert Demand.get_by_id(demand.uuid).outcome == "solved"
