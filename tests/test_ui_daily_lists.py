"""The lists the office keeps, and every record's history, driven from the keyboard on real widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.registry.assignments import link
from models.database import open_database
from models.work.demands import accept, raise_demand
from models.records.identity import make_id_number
from models.records.people import Cadre, Household, Resident, ResponsibleUnit
from models.records.places import Grid
from models.work.reference_lists import ensure_reference_lists
from models.records.work import DemandCategory
from ui.daily.history import HistoryModel, history_rows
from ui.sections.demands import DemandsSection
from ui.sections.visits import VisitsSection

from tests.places import new_building, new_grid
from tests.ui_helpers import section_context, shown, type_text, wait_for_dialog

ID_NUMBER = make_id_number("370602", dt.date(1950, 3, 1), 123)


@pytest.fixture
def context(qtbot, tmp_path):
    installation = open_database(tmp_path / "lists.db")
    installation.rename(user_name="牟雪")
    grid = new_grid()
    building = new_building(grid)
    home = Household(grid=grid, building=building, room="101", address="3号楼101")
    home.save()
    Resident(household=home, name="张秀英", id_number=ID_NUMBER, phone="13700137000").save()
    with section_context(installation, tmp_path) as context:
        yield context


def check_model(qtmodeltester, view) -> None:
    """Run the model tester on a list's model alone (a view fetching on reset confuses its bookkeeping).

    Detaching the view drops its selection model: call this last.
    """
    model = view.model()
    view.setModel(None)
    qtmodeltester.check(model)
    view.setModel(model)


def history_text(dialog) -> str:
    model = dialog.model
    return "\n".join(
        " | ".join(model.data(model.index(row, column)) for column in range(model.columnCount()))
        for row in range(model.rowCount())
    )


def test_cadres_are_added_edited_and_removed_from_the_keyboard(qtbot, qtmodeltester, context):
    visits = shown(qtbot, VisitsSection(context))
    visits.cadres.setFocus()
    qtbot.keyClick(visits.cadres, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    roster = visits.cadre_list
    assert visits.tabs.currentWidget() is roster

    # New: Ctrl+Shift+N, name, Tab over role to work unit, position, phone; a wrong phone is refused.
    qtbot.keyClick(roster.table, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    assert roster.name.hasFocus()
    type_text(roster.name, "王芳")
    qtbot.keyClick(roster.name, Qt.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Down)  # role: grid worker
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert roster.work_unit.hasFocus()
    type_text(roster.work_unit, "街道办")
    qtbot.keyClick(roster.work_unit, Qt.Key_Tab)
    qtbot.keyClick(roster.position, Qt.Key_Tab)
    qtbot.keyClicks(roster.phone, "12345")
    qtbot.keyClick(roster.phone, Qt.Key_Return)
    qtbot.waitUntil(lambda: "phone" in roster.message.text())
    assert Cadre.select().count() == 0
    roster.phone.selectAll()
    qtbot.keyClicks(roster.phone, "138 0013 8000")
    qtbot.keyClick(roster.phone, Qt.Key_Return)
    qtbot.waitUntil(lambda: Cadre.select().count() == 1)
    cadre = Cadre.get()
    assert (cadre.name, cadre.role, cadre.work_unit, cadre.phone) == ("王芳", "grid_worker", "街道办", "13800138000")
    qtbot.waitUntil(lambda: roster.model.rowCount() == 1 and roster.table.hasFocus())
    assert roster.model.data(roster.model.index(0, 4)) == "138****8000"  # masked in the list
    # The visits tab learnt of the new cadre through data_changed.
    qtbot.waitUntil(lambda: visits.cadre_model.rowCount() == 1)

    # Edit: Return on the row puts the cursor in the name; type, Return.
    qtbot.keyClick(roster.table, Qt.Key_Return)
    assert roster.name.hasFocus()
    roster.name.selectAll()
    type_text(roster.name, "王芳芳")
    qtbot.keyClick(roster.name, Qt.Key_Return)
    qtbot.waitUntil(lambda: Cadre.get().name == "王芳芳")
    assert Cadre.select().count() == 1

    # History: Ctrl+H shows who changed what, with the phone masked.
    qtbot.waitUntil(roster.table.hasFocus)
    qtbot.keyClick(roster.table, Qt.Key_H, Qt.ControlModifier)
    history = wait_for_dialog(qtbot, roster, "history_dialog")
    text = history_text(history)
    assert "王芳 | 王芳芳" in text and "138****8000" in text and "13800138000" not in text
    assert "牟雪" in text and context.installation.device_name in text
    qtmodeltester.check(history.model)
    qtbot.keyClick(history.table, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not history.isVisible())

    # Remove: Delete asks; Y answers yes; the cadre leaves the list as a tombstone.
    visits.activateWindow()
    roster.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is visits and roster.table.hasFocus())
    qtbot.keyClick(roster.table, Qt.Key_Delete)
    question = wait_for_dialog(qtbot, roster, "remove_question")
    qtbot.keyClick(question, Qt.Key_Y)
    qtbot.waitUntil(lambda: Cadre.get().deleted)
    qtbot.waitUntil(lambda: roster.model.rowCount() == 0 and visits.cadre_model.rowCount() == 0)
    check_model(qtmodeltester, roster.table)


def test_household_history_masks_id_numbers_and_phones(qtbot, context):
    cadre = Cadre(name="王芳", grid=Grid.get())
    cadre.save()
    visits = shown(qtbot, VisitsSection(context))
    qtbot.waitUntil(lambda: visits.cadre_model.rowCount() == 1)
    link(cadre, Household.get())
    visits.reload_cadres()
    resident = Resident.get()
    resident.phone = "13700137999"
    resident.save()
    visits.households.setFocus()
    qtbot.keyClick(visits.households, Qt.Key_H, Qt.ControlModifier)
    history = wait_for_dialog(qtbot, visits, "history_dialog")
    text = history_text(history)
    assert "张秀英" in text and "王芳" in text  # the resident, and the link to the cadre
    assert ID_NUMBER not in text and (ID_NUMBER[:3] + "*" * 11 + ID_NUMBER[-4:]) in text
    assert "137****7000 | 137****7999" in text
    assert "13700137999" not in text


def test_categories_and_units_are_edited_from_the_demands_section(qtbot, qtmodeltester, context):
    ensure_reference_lists()
    demands = shown(qtbot, DemandsSection(context))
    demands.setFocus()
    qtbot.keyClick(demands.table, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)
    lists = wait_for_dialog(qtbot, demands, "lists_dialog")
    categories = lists.categories

    # A new category with a 30-day deadline: Ctrl+Shift+N, name, Tab, days, Return.
    qtbot.keyClick(categories.table, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    type_text(categories.name, "屋面防水")
    qtbot.keyClick(categories.name, Qt.Key_Tab)
    assert categories.deadline.hasFocus()
    qtbot.keyClick(categories.deadline, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(categories.deadline, "30")
    qtbot.keyClick(categories.deadline, Qt.Key_Return)
    qtbot.waitUntil(lambda: DemandCategory.get_or_none(DemandCategory.name == "屋面防水") is not None)
    assert DemandCategory.get(DemandCategory.name == "屋面防水").deadline_days == 30
    assert lists.isVisible()  # Return saved; it did not close the dialog

    # A duplicate name is refused with the reason, nothing written.
    qtbot.waitUntil(categories.table.hasFocus)
    qtbot.keyClick(categories.table, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    type_text(categories.name, "照明")
    qtbot.keyClick(categories.name, Qt.Key_Return)
    qtbot.waitUntil(lambda: "already exists" in categories.message.text())
    assert DemandCategory.select().where(DemandCategory.name == "照明").count() == 1

    # Units tab (Alt+U): find 供电公司, edit its hotline and contact.
    qtbot.keyClick(lists, Qt.Key_U, Qt.AltModifier)
    units = lists.units
    qtbot.waitUntil(units.table.hasFocus)
    qtbot.keyClick(units.table, Qt.Key_F, Qt.ControlModifier)
    type_text(units.search, "供电")
    qtbot.waitUntil(lambda: units.model.rowCount() == 1)
    qtbot.keyClick(units.search, Qt.Key_Down)
    qtbot.keyClick(units.table, Qt.Key_Return)
    assert units.name.hasFocus()
    qtbot.keyClick(units.name, Qt.Key_Tab)
    qtbot.keyClicks(units.hotline, "95598")
    qtbot.keyClick(units.hotline, Qt.Key_Tab)
    type_text(units.contact_person, "赵工")
    qtbot.keyClick(units.contact_person, Qt.Key_Tab)
    qtbot.keyClicks(units.contact_phone, "13900139001")
    qtbot.keyClick(units.contact_phone, Qt.Key_Return)
    qtbot.waitUntil(lambda: ResponsibleUnit.get(ResponsibleUnit.name == "供电公司").hotline == "95598")
    unit = ResponsibleUnit.get(ResponsibleUnit.name == "供电公司")
    assert (unit.contact_person, unit.contact_phone) == ("赵工", "13900139001")
    qtbot.waitUntil(lambda: units.model.data(units.model.index(0, 3)) == "139****9001")

    # Remove it: Delete, Y.  Escape closes the dialog and the list has the focus again.
    units.table.setFocus()
    qtbot.waitUntil(units.table.hasFocus)
    qtbot.keyClick(units.table, Qt.Key_Delete)
    question = wait_for_dialog(qtbot, units, "remove_question")
    qtbot.keyClick(question, Qt.Key_Y)
    qtbot.waitUntil(lambda: ResponsibleUnit.get(ResponsibleUnit.name == "供电公司").deleted)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is lists)
    qtbot.keyClick(lists, Qt.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demands and demands.table.hasFocus())
    check_model(qtmodeltester, units.table)
    check_model(qtmodeltester, categories.table)


def test_a_demand_shows_its_history_with_ctrl_h(qtbot, context):
    demand = raise_demand(Household.get(), "楼道灯不亮", raised_on=dt.date.today())
    accept(demand)
    demands = shown(qtbot, DemandsSection(context))
    demands.setFocus()
    qtbot.keyClick(demands.table, Qt.Key_Return)
    page = wait_for_dialog(qtbot, demands, "page")
    qtbot.keyClick(page, Qt.Key_H, Qt.ControlModifier)
    history = wait_for_dialog(qtbot, page, "history_dialog")
    text = history_text(history)
    assert "State | Pending | Accepted" in text
    assert "Created" in text and "Changed" in text


def test_history_rows_read_foreign_keys_as_names(context):
    category = DemandCategory(name="照明", deadline_days=7)
    category.save()
    demand = raise_demand(Household.get(), "路灯坏了", category=category, raised_on=dt.date(2026, 1, 5))
    rows = history_rows([demand])
    fields = {row.field: row.after for row in rows}
    assert fields["Category"] == "照明" and fields["Household"] == "3号楼101"
    assert HistoryModel(rows).rowCount() == len(rows)
