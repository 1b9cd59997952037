"""划分微网格 in the registry, by keyboard: tick a grid's buildings or units, name the micro-grid, put them in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.records.people import Household, MicroGrid
from sync.roster.importer import import_roster
from tests.roster_fixtures import roster_rows, write_roster_xlsx
from tests.ui_helpers import shown, type_text, wait_for_dialog
from ui.context import AppContext
from ui.jobs import JobRunner
from ui.registry.models import PLACE_ROLE


@pytest.fixture
def section(qtbot, db, app_settings, tmp_path):
    from ui.sections.registry import RegistrySection

    import_roster(write_roster_xlsx(tmp_path / "roster.xlsx", roster_rows(40, seed=31)))
    context = AppContext(db, JobRunner(), app_settings)
    widget = RegistrySection(context)
    shown(qtbot, widget, 1024, 700)
    yield widget
    context.jobs.wait_all()


def choose_first_grid(section) -> None:
    tree = section.tree
    index = tree.model().index(0, 0)
    for _ in range(2):  # sub-district → community → grid
        tree.expand(index)
        index = tree.model().index(0, 0, index)
    assert index.data(PLACE_ROLE)[0] == "Grid"
    tree.setCurrentIndex(index)


def test_a_grids_units_go_into_a_new_micro_grid_by_keyboard(section, qtbot, tmp_path):
    assert not section.micro_grid_button.isEnabled()  # no grid chosen yet
    choose_first_grid(section)
    qtbot.keyClick(section, Qt.Key_G, Qt.ControlModifier | Qt.ShiftModifier)
    dialog = wait_for_dialog(qtbot, section, "micro_grid_dialog")
    dialog.grab().save(str(tmp_path / "micro-grid-dialog.png"))
    places = dialog.places
    assert QApplication.focusWidget() is places
    units = [row for row in range(places.count()) if places.item(row).data(Qt.UserRole)[0] == "unit"]
    places.setCurrentRow(units[0])  # the first unit of 1号楼
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)
    assert dialog.chosen_places() == [places.item(units[0]).data(Qt.UserRole)]
    qtbot.keyClick(dialog, Qt.Key_N, Qt.AltModifier)
    type_text(QApplication.focusWidget(), "东片")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    type_text(QApplication.focusWidget(), "王大爷")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: MicroGrid.select().count() == 1 and "households put in" in section.message.text())
    unit = places.item(units[0]).data(Qt.UserRole)[1]
    expected = Household.select().where(Household.unit == unit).count()
    micro = MicroGrid.get()
    assert (micro.name, micro.leader) == ("东片", "王大爷")
    assert Household.select().where(Household.micro_grid == micro).count() == expected > 0
    household = Household.get(Household.micro_grid == micro)
    section.page.show_household(household.uuid)
    assert "Micro-grid 东片（王大爷）" in section.page.title.text()
    section.assign_micro_grids()  # opened again: what is drawn shows beside each place
    again = wait_for_dialog(qtbot, section, "micro_grid_dialog")
    texts = [again.places.item(row).text() for row in range(again.places.count())]
    assert texts[units[0]].endswith("1单元（东片）") and texts[0].endswith("1号楼（东片）")
    assert not any(text.endswith("）") for row, text in enumerate(texts) if row not in (0, units[0]))
    assert "东片（王大爷）" in again.micro.itemText(1)
    again.reject()


def test_nothing_ticked_is_said_and_nothing_changes(section, qtbot):
    choose_first_grid(section)
    section.assign_micro_grids()
    dialog = wait_for_dialog(qtbot, section, "micro_grid_dialog")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    assert dialog.isVisible() and "Tick at least one" in dialog.note.text()
    dialog.reject()
    assert MicroGrid.select().count() == 0


def test_one_household_goes_into_a_micro_grid_from_its_form_and_ctrl_z_takes_it_out(section, qtbot, tmp_path):
    household = Household.select().order_by(Household.address).first()
    east = MicroGrid.create(grid=household.grid_id, name="东片", leader="王大爷")
    MicroGrid.create(grid=household.grid_id, name="西片")
    page = section.page
    section.open_page(household.uuid)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_F2)
    dialog = wait_for_dialog(qtbot, page, "household_dialog")
    assert [dialog.micro_grid.itemText(i) for i in range(dialog.micro_grid.count())] == ["(none)", "东片（王大爷）", "西片"]
    assert dialog.micro_grid.currentData() is None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_M, Qt.AltModifier)  # the label's mnemonic
    assert QApplication.focusWidget() is dialog.micro_grid
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Down)
    assert dialog.micro_grid.currentText() == "东片（王大爷）"
    dialog.grab().save(str(tmp_path / "household-form-micro-grid.png"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert Household.get_by_id(household.uuid).micro_grid_id == east.uuid
    assert "东片（王大爷）" in page.title.text()
    qtbot.waitUntil(section.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key_Z, Qt.ControlModifier)
    assert Household.get_by_id(household.uuid).micro_grid_id is None
