"""The registry's second round under pytest-qt, from the keyboard: households added, moved, removed
and undone; a resident moved; buildings and shops per grid; the household page's cadres, visits,
demands and history; the duplicates screen merging a pair."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.registry.assignments import link
from models.work.demands import raise_demand
from models.records.identity import make_id_number
from models.records.people import Cadre, Household, Resident, Shop
from models.records.places import Building
from models.registry.editing import HouseholdValues, save_building, save_household, units_of
from models.work.visits import record_visit
from ui.context import AppContext
from ui.jobs import JobRunner
from ui.registry import duplicates_view
from ui.registry.models import PLACE_ROLE

from tests.places import new_grid

ID_NUMBER = make_id_number("370602", dt.date(1948, 2, 3), 21)


@pytest.fixture
def estate(db):
    """海滨社区: grid 第一网格 with 1号楼 (2 units) and 2号楼 (1 unit); grid 第二网格 with 9号楼."""
    grid = new_grid("第一网格")
    second_grid = new_grid("第二网格", community=grid.community)
    one, two = save_building(grid, "1号楼", units=2), save_building(grid, "2号楼", units=1)
    far = save_building(second_grid, "9号楼", units=1)

    def home(building, room, *people):
        household = save_household(HouseholdValues(building.uuid, units_of(building.uuid)[0].uuid, room))
        for name, relation, phone in people:
            Resident(household=household, name=name, relation=relation, phone=phone).save()
        return household

    wang = home(one, "101", ("王秀英", "户主", "13900001111"), ("李强", "配偶", ""))
    zhao = home(one, "102", ("赵六", "户主", "13955556666"))
    home(two, "201", ("孙七", "户主", ""))
    cadre = Cadre(name="牟雪", phone="13812345678")
    cadre.save()
    link(cadre, wang)
    record_visit(wang, [cadre], visited_on=dt.date(2026, 3, 1), talked_to="王秀英")
    record_visit(wang, [cadre], visited_on=dt.date(2026, 5, 9), talked_to="李强")
    raise_demand(wang, "楼道灯坏了", raised_on=dt.date(2026, 5, 9))
    return dict(grid=grid, second_grid=second_grid, one=one, two=two, far=far, wang=wang, zhao=zhao, cadre=cadre)


@pytest.fixture
def section(qtbot, db, app_settings, estate):
    from ui.sections.registry import RegistrySection

    context = AppContext(db, JobRunner(), app_settings)
    widget = RegistrySection(context)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()  # shortcuts act in the active window
    qtbot.waitUntil(widget.isActiveWindow)
    yield widget
    context.jobs.wait_all()


def open_household(section, household):
    section.page.show_household(household.uuid)
    return section.page


def choose_grid(section, qtbot, grid_name: str):
    """Open the tree down to the grid by keyboard-free clicks of the view's own API and select it."""
    tree = section.tree
    sub_district = tree.model().index(0, 0)
    tree.expand(sub_district)
    community = tree.model().index(0, 0, sub_district)
    tree.expand(community)
    grid = next(
        tree.model().index(row, 0, community)
        for row in range(tree.model().rowCount(community))
        if tree.model().index(row, 0, community).data() == grid_name
    )
    tree.setCurrentIndex(grid)
    assert grid.data(PLACE_ROLE)[0] == "Grid"


def test_every_new_model_passes_the_model_tester(section, qtbot, estate, qtmodeltester):
    page = open_household(section, estate["wang"])
    for model in (page.cadres, page.visits, page.demands, page.residents):
        qtmodeltester.check(model)
    choose_grid(section, qtbot, "第一网格")
    qtmodeltester.check(section.buildings.model)
    qtmodeltester.check(section.shops.model)
    qtmodeltester.check(section.tree_model)


def test_household_page_shows_cadres_visits_newest_first_demands_and_history(section, qtbot, estate):
    page = open_household(section, estate["wang"])
    assert [page.cadres.index(r, 0).data() for r in range(page.cadres.rowCount())] == ["牟雪"]
    assert page.cadres.index(0, 3).data() == "138****5678"
    assert [page.visits.index(r, 0).data() for r in range(page.visits.rowCount())] == ["2026-05-09", "2026-03-01"]
    assert page.visits.index(0, 1).data() == "牟雪"
    assert page.demands.index(0, 2).data() == "楼道灯坏了"
    qtbot.keyClick(page.table, Qt.Key_S, Qt.AltModifier)
    assert page.tabs.currentWidget() is page.visit_table
    qtbot.keyClick(page.table, Qt.Key_H, Qt.ControlModifier)
    qtbot.waitUntil(lambda: page.history_dialog is not None and page.history_dialog.isVisible())
    recorded = {page.history_dialog.model.index(r, 3).data() for r in range(page.history_dialog.model.rowCount())}
    assert any("王秀英" in text for text in recorded)  # the household's residents are part of its history
    page.history_dialog.close()


def test_add_household_from_the_keyboard_refuses_a_taken_address_and_undo_removes_it(section, qtbot, estate):
    choose_grid(section, qtbot, "第一网格")
    qtbot.keyClick(section, Qt.Key_H, Qt.ControlModifier | Qt.ShiftModifier)
    dialog = section.page.household_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.grid.currentData() == estate["grid"].uuid and dialog.building.currentText() == "1号楼"
    qtbot.keyClicks(dialog.room, "101")
    assert dialog.address.text() == "海滨社区1号楼1单元101室"
    qtbot.keyClick(dialog.room, Qt.Key_Return)
    assert dialog.isVisible() and "已登记" in dialog.problem.text()  # the form stays, the reason under it
    dialog.room.clear()
    qtbot.keyClicks(dialog.room, "103")
    qtbot.keyClicks(dialog.phone, "139-1234-5678")
    qtbot.keyClick(dialog.phone, Qt.Key_Return)
    assert not dialog.isVisible()
    added = Household.get(Household.address == "海滨社区1号楼1单元103室")
    assert added.phone == "13912345678" and section.page.household_uuid == added.uuid
    assert "海滨社区1号楼1单元103室" in [section.household_model.record(r).address for r in range(section.household_model.rowCount())]
    qtbot.waitUntil(section.isActiveWindow)
    qtbot.keyClick(section.page.table, Qt.Key_Z, Qt.ControlModifier)
    assert Household.get_by_id(added.uuid).deleted


def test_f2_moves_a_household_to_another_grid_and_ctrl_z_moves_it_back(section, qtbot, estate):
    page = open_household(section, estate["zhao"])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_F2)
    qtbot.waitUntil(lambda: page.household_dialog is not None and page.household_dialog.isVisible())
    dialog = page.household_dialog
    assert dialog.room.text() == "102" and dialog.building.currentText() == "1号楼"
    dialog.grid.setCurrentIndex(dialog.grid.findData(estate["second_grid"].uuid))
    assert dialog.building.currentText() == "9号楼"
    qtbot.keyClick(dialog.room, Qt.Key_Return)
    moved = Household.get_by_id(estate["zhao"].uuid)
    assert (moved.grid_id, moved.address) == (estate["second_grid"].uuid, "海滨社区9号楼1单元102室")
    assert "9号楼" in page.title.text()
    qtbot.waitUntil(section.isActiveWindow)  # the form gave the window back its keys
    qtbot.keyClick(page.table, Qt.Key_Z, Qt.ControlModifier)
    back = Household.get_by_id(estate["zhao"].uuid)
    assert (back.building_id, back.address) == (estate["one"].uuid, "海滨社区1号楼1单元102室")


def test_removing_a_household_takes_its_residents_and_undo_brings_all_back(section, qtbot, estate):
    page = open_household(section, estate["wang"])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Delete, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: Household.get_by_id(estate["wang"].uuid).deleted)
    assert all(r.deleted for r in Resident.select().where(Resident.household == estate["wang"].uuid))
    assert page.household_uuid is None and page.problem.text()
    assert estate["wang"].uuid not in {section.household_model.record(r).uuid for r in range(section.household_model.rowCount())}
    page.undo_action.trigger()
    assert not Household.get_by_id(estate["wang"].uuid).deleted
    assert Resident.alive().where(Resident.household == estate["wang"].uuid).count() == 2


def test_a_resident_moves_to_the_household_found_by_phone_tail_and_comes_back(section, qtbot, estate):
    page = open_household(section, estate["wang"])
    row = next(r for r in range(page.residents.rowCount()) if page.residents.resident(r).name == "王秀英")
    page.table.setFocus()
    page.table.setCurrentIndex(page.residents.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: page.picker is not None and page.picker.isVisible())
    qtbot.keyClicks(page.picker.search, "56666")  # 赵六's phone tail
    assert page.picker.model.rowCount() >= 1
    qtbot.keyClick(page.picker.search, Qt.Key_Return)
    moved = Resident.get(Resident.name == "王秀英")
    assert moved.household_id == estate["zhao"].uuid and moved.relation == "其他"  # 赵六 is the head there
    assert "王秀英" not in [page.residents.resident(r).name for r in range(page.residents.rowCount())]
    qtbot.waitUntil(section.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key_Z, Qt.ControlModifier)
    back = Resident.get(Resident.name == "王秀英")
    assert (back.household_id, back.relation) == (estate["wang"].uuid, "户主")


def test_buildings_of_a_grid_are_added_checked_and_a_lived_in_one_is_not_removed(section, qtbot, estate):
    choose_grid(section, qtbot, "第一网格")
    qtbot.keyClick(section, Qt.Key_2, Qt.AltModifier)
    buildings = section.buildings
    assert section.place_tabs.currentWidget() is buildings and not section.page.isVisible()
    assert [buildings.model.record(r).name for r in range(buildings.model.rowCount())] == ["1号楼", "2号楼"]
    assert buildings.model.index(0, 4).data() == "2"  # two households in 1号楼
    grid_node = section.tree.currentIndex()
    section.tree.expand(grid_node)  # the tree shows the grid's buildings
    qtbot.keyClick(buildings.table, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    buildings.name.setText("3号楼")  # QTest cannot type hanzi
    buildings.units.setValue(3)
    with qtbot.waitSignal(section.context.data_changed, timeout=10_000):
        qtbot.keyClick(buildings.name, Qt.Key_Return)
    new = Building.get(Building.name == "3号楼")
    assert new.grid_id == estate["grid"].uuid and [u.name for u in units_of(new.uuid)] == ["1单元", "2单元", "3单元"]
    qtbot.waitUntil(lambda: buildings.model.rowCount() == 3)
    assert section.tree.isExpanded(grid_node)  # the new building appears without closing the tree
    assert "3号楼" in [section.tree_model.index(r, 0, grid_node).data() for r in range(section.tree_model.rowCount(grid_node))]
    buildings.table.setFocus()
    buildings.table.selectRow(0)  # 1号楼, lived in
    qtbot.keyClick(buildings.table, Qt.Key_Delete)
    qtbot.waitUntil(lambda: buildings.remove_question is not None and buildings.remove_question.isVisible())
    buildings.remove_question.button(QMessageBox.Yes).click()
    qtbot.waitUntil(lambda: "2户" in buildings.message.text(), timeout=10_000)
    assert not Building.get_by_id(estate["one"].uuid).deleted


def test_shops_of_a_grid_are_added_with_a_checked_phone(section, qtbot, estate):
    choose_grid(section, qtbot, "第一网格")
    qtbot.keyClick(section, Qt.Key_3, Qt.AltModifier)
    shops = section.shops
    assert section.place_tabs.currentWidget() is shops and shops.model.rowCount() == 0
    qtbot.keyClick(shops.table, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    shops.name.setText("老王便利店")
    shops.building.setCurrentIndex(shops.building.findData(estate["two"].uuid))
    qtbot.keyClicks(shops.phone, "12345")
    qtbot.keyClick(shops.phone, Qt.Key_Return)
    qtbot.waitUntil(lambda: "电话" in shops.message.text(), timeout=10_000)
    assert Shop.select().count() == 0
    shops.phone.clear()
    qtbot.keyClicks(shops.phone, "0535 1234567")
    with qtbot.waitSignal(section.context.data_changed, timeout=10_000):
        qtbot.keyClick(shops.phone, Qt.Key_Return)
    shop = Shop.get(Shop.name == "老王便利店")
    assert (shop.grid_id, shop.building_id, shop.phone) == (estate["grid"].uuid, estate["two"].uuid, "0535-1234567")
    qtbot.waitUntil(lambda: shops.model.rowCount() == 1)
    assert shops.model.index(0, 4).data() == "2号楼" and shops.model.index(0, 3).data() == "053*****4567"
    section.resize(1300, 700)  # wide enough for the list and the household page side by side
    qtbot.keyClick(section, Qt.Key_1, Qt.AltModifier)
    assert section.place_tabs.currentIndex() == 0 and section.side_by_side() and section.page.isVisible()


def test_duplicates_screen_merges_the_pair_it_lists(section, qtbot, estate, monkeypatch, qtmodeltester):
    # The same home typed twice (save_household refuses that; a merge from another laptop does not).
    copy = Household(grid=estate["grid"], building=estate["one"], address=estate["wang"].address, room="101")
    copy.save()
    Resident(household=copy, name="王秀英", relation="户主", id_number=ID_NUMBER).save()
    Resident(household=copy, name="王小明", relation="孙子女").save()
    asked = []
    monkeypatch.setattr(duplicates_view, "confirm", lambda parent, text: asked.append(text) or True)
    qtbot.keyClick(section, Qt.Key_D, Qt.ControlModifier)
    dialog = section.duplicates
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(dialog.model)
    first = dialog.model.row(0).pair
    keep_text = dialog.model.index(0, 2).data()
    assert "王秀英" in keep_text and dialog.model.index(0, 1).data()
    qtbot.keyClick(dialog.table, Qt.Key_R, Qt.ControlModifier)  # keep the other one instead
    assert dialog.model.index(0, 3).data() == keep_text
    assert (dialog.model.row(0).pair.keep, dialog.model.row(0).pair.other) == (first.other, first.keep)
    qtbot.keyClick(dialog.table, Qt.Key_M, Qt.ControlModifier)
    qtbot.waitUntil(lambda: Household.get_by_id(first.keep).deleted, timeout=10_000)
    qtbot.waitUntil(lambda: not dialog.finding and dialog.model.rowCount() == 0, timeout=10_000)
    assert asked and keep_text in asked[0]
    kept = first.other
    names = sorted(r.name for r in Resident.alive().where(Resident.household == kept))
    assert names == ["李强", "王小明", "王秀英"]  # 王秀英 was in both: merged, not doubled
    merged = Resident.get((Resident.name == "王秀英") & (Resident.deleted == False))  # noqa: E712
    assert (merged.phone, merged.id_number) == ("13900001111", ID_NUMBER)
    section.page.show_household(kept)
    assert section.page.visits.rowCount() == 2 and section.page.cadres.rowCount() == 1
    assert copy.uuid in (first.keep, first.other)
