"""The registry section under pytest-qt: browse, search as you type, edit with undo, import a roster."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models.records.people import Resident
from sync.roster.importer import import_roster
from tests.roster_fixtures import roster_rows, write_roster_xlsx
from tests.test_roster_reading_process import read_by_a_process
from ui.context import AppContext
from ui.jobs import JobRunner
from ui.registry import import_flow
from ui.registry.household_page import HouseholdPage
from ui.registry.models import PLACE_ROLE


@pytest.fixture
def rows():
    return roster_rows(40, seed=31)


@pytest.fixture
def section(qtbot, db, app_settings, tmp_path, rows):
    from ui.sections.registry import RegistrySection

    import_roster(write_roster_xlsx(tmp_path / "roster.xlsx", rows))
    context = AppContext(db, JobRunner(), app_settings)
    widget = RegistrySection(context)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    context.jobs.wait_all()


def test_every_model_passes_the_model_tester(section, qtmodeltester):
    qtmodeltester.check(section.household_model)
    qtmodeltester.check(section.tree_model)
    section.search_box.setText("社区")
    qtmodeltester.check(section.results_model)
    section.page.show_household(section.household_model.record(0).uuid)
    qtmodeltester.check(section.page.residents)


def test_typing_in_the_search_box_lists_matches_and_return_opens_the_household(section, qtbot, rows):
    name, id_number = rows[0][1], rows[0][4]
    qtbot.keyClick(section, Qt.Key_F, Qt.ControlModifier)
    assert section.search_box.hasFocus()
    section.search_box.setText(name)  # QTest cannot type hanzi; an input method sets the text the same way
    assert section.lists.currentWidget() is section.results
    shown = [section.results_model.index(row, 1).data() for row in range(section.results_model.rowCount())]
    assert name in shown
    assert all(id_number != section.results_model.index(row, 2).data() for row in range(section.results_model.rowCount()))
    qtbot.keyClick(section.search_box, Qt.Key_Return)
    resident = Resident.get(Resident.id_number == id_number)
    assert section.page.household_uuid == section.results_model.found(0).household
    section.search_box.clear()
    assert section.lists.currentWidget() is section.households
    assert resident.household.uuid in {section.household_model.record(r).uuid for r in range(section.household_model.rowCount())}


def test_tree_opens_level_by_level_and_filters_the_households(section, qtbot, rows):
    tree = section.tree
    path = [tree.model().index(0, 0)]
    for _ in range(3):  # sub-district → community → grid → building
        tree.expand(path[-1])
        assert tree.model().rowCount(path[-1]) > 0
        path.append(tree.model().index(0, 0, path[-1]))
    building = path[-1]
    kind, _ = building.data(PLACE_ROLE)
    assert kind == "Building"
    tree.setCurrentIndex(building)
    listed = {section.household_model.record(r).building.name for r in range(section.household_model.rowCount())}
    assert listed == {building.data()}


def test_edit_is_checked_written_and_undone_with_ctrl_z(section, qtbot, rows):
    section.page.show_household(Resident.get(Resident.id_number == rows[0][4]).household.uuid)
    model = section.page.residents
    phone_column = 5
    row = next(r for r in range(model.rowCount()) if model.resident(r).id_number == rows[0][4])
    index = model.index(row, phone_column)
    assert not model.setData(index, "12345")
    assert section.page.problem.text()
    assert model.setData(index, "+86 139-1111-2222")
    assert Resident.get(Resident.id_number == rows[0][4]).phone == "13911112222"
    assert model.index(row, phone_column).data() == "139****2222"
    section.page.undo_action.trigger()
    assert Resident.get(Resident.id_number == rows[0][4]).phone == rows[0][5]


def test_a_cell_edited_after_someone_else_saved_the_resident_shows_theirs_and_writes_nothing(section, qtbot, rows):
    """Two workstations on one master: theirs saved while my list showed the old notes; my cell edit is refused,
    their version shown, and the same edit typed again is saved (and undone by Ctrl+Z)."""
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    from desktop.operations import registry
    from tests.ui_helpers import type_text

    resident = Resident.get(Resident.id_number == rows[0][4])
    section.page.show_household(resident.household.uuid)
    model, notes_column = section.page.residents, 8
    row = next(r for r in range(model.rowCount()) if model.resident(r).uuid == resident.uuid)
    registry.edit_resident(resident=resident.uuid, field="notes", value="theirs")  # the other workstation

    def edit_notes(text: str) -> None:
        section.page.table.setFocus()
        section.page.table.setCurrentIndex(model.index(row, notes_column))
        type_text(QApplication.focusWidget(), text[0])  # typing on a cell opens its editor (F2 edits the household)
        editor = QApplication.focusWidget()
        assert editor is not section.page.table
        type_text(editor, text[1:])
        qtbot.keyClick(editor, Qt.Key_Return)
        # (the delegate commits and closes the editor from the event loop)
        qtbot.waitUntil(lambda: section.page.table.state() != QAbstractItemView.EditingState)

    edit_notes("mine")
    assert Resident.get_by_id(resident.uuid).notes == "theirs"
    assert model.index(row, notes_column).data() == "theirs"
    assert "edit it again" in section.page.problem.text() or "重新编辑" in section.page.problem.text()
    assert not section.page.undo_stack.canUndo()
    edit_notes("mine")
    assert Resident.get_by_id(resident.uuid).notes == "mine"
    section.page.undo_action.trigger()
    assert Resident.get_by_id(resident.uuid).notes == "theirs"


def test_removing_a_resident_marks_it_deleted_and_undo_brings_it_back(section, qtbot, rows):
    resident = Resident.get(Resident.id_number == rows[0][4])
    page: HouseholdPage = section.page
    page.show_household(resident.household.uuid)
    before = page.residents.rowCount()
    row = next(r for r in range(before) if page.residents.resident(r).uuid == resident.uuid)
    page.table.selectRow(row)
    page.remove_button.click()
    assert page.residents.rowCount() == before - 1
    assert Resident.get_by_id(resident.uuid).deleted  # a mark, not a hard delete
    page.undo_action.trigger()
    assert page.residents.rowCount() == before and not Resident.get_by_id(resident.uuid).deleted


@pytest.mark.parametrize("reading", ["here", "in a second process"])
def test_import_roster_shows_the_preview_then_imports(section, qtbot, tmp_path, monkeypatch, reading):
    """From the window's worker thread too, a big roster's reading process must start and answer."""
    new_rows = roster_rows(5, seed=99, start=500)
    new_rows[0][4] = 3.70602198001011e17
    path = write_roster_xlsx(tmp_path / "new.xlsx", new_rows)
    monkeypatch.setattr(import_flow, "ask_roster_file", lambda parent, folder: str(path))
    readers = read_by_a_process(monkeypatch) if reading != "here" else []
    before = Resident.alive().count()
    qtbot.keyClick(section, Qt.Key_I, Qt.ControlModifier)
    qtbot.waitUntil(lambda: section.roster_import.dialog is not None, timeout=10_000)
    dialog = section.roster_import.dialog
    assert dialog.problems.rowCount() == 1 and dialog.problems.item(0, 0).text() == "4"
    assert Resident.alive().count() == before  # the preview wrote nothing
    with qtbot.waitSignal(section.context.data_changed, timeout=10_000):
        dialog.import_button.click()
    assert Resident.alive().count() == before + len(new_rows) - 1
    assert all(not reader.read_here for reader in readers) and len(readers) == (0 if reading == "here" else 2)
    section.search_box.setText(new_rows[1][1])
    assert new_rows[1][1] in [section.results_model.index(r, 1).data() for r in range(section.results_model.rowCount())]


def test_a_refused_file_says_why(section, qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("不是表格", encoding="utf-8")
    told = []
    monkeypatch.setattr(import_flow, "ask_roster_file", lambda parent, folder: str(bad))
    monkeypatch.setattr(import_flow, "tell", lambda parent, message: told.append(message))
    section.import_roster()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert "bad.xlsx" in told[0] and "不是 Excel 工作簿" in told[0]


def test_columns_the_program_did_not_know_are_mapped_in_the_preview(section, qtbot, tmp_path, monkeypatch):
    from models.records.identity import make_id_number
    import datetime as dt

    id_number = make_id_number("370602", dt.date(1975, 5, 6), 41)
    path = write_roster_xlsx(tmp_path / "odd.xlsx", [["钱七", id_number, "9号楼", "301"]], header=["姓名", "证号", "楼", "房"],
                             title=None, unit_line=None, total_line=False)
    monkeypatch.setattr(import_flow, "ask_roster_file", lambda parent, folder: str(path))
    section.import_roster()
    qtbot.waitUntil(lambda: section.roster_import.dialog is not None, timeout=10_000)
    first = section.roster_import.dialog
    choice = first.choices[1]
    assert choice.currentData() is None  # "证号" is not a title the program knows
    choice.setCurrentIndex(choice.findData("id_number"))
    first.choices[3].setCurrentIndex(first.choices[3].findData("room"))
    first.recheck_button.click()
    qtbot.waitUntil(lambda: section.roster_import.dialog not in (None, first), timeout=10_000)
    second = section.roster_import.dialog
    assert second.report.header.columns[1] == "id_number"
    with qtbot.waitSignal(section.context.data_changed, timeout=10_000):
        second.import_button.click()
    assert Resident.get(Resident.name == "钱七").id_number == id_number


def test_adding_a_resident_is_undone_by_a_deletion_mark(section, qtbot, rows, monkeypatch):
    from ui.registry import household_page

    household = Resident.get(Resident.id_number == rows[0][4]).household
    page: HouseholdPage = section.page
    page.show_household(household.uuid)
    before = page.residents.rowCount()
    monkeypatch.setattr(household_page, "ask_name", lambda parent: "新生儿")
    qtbot.keyClick(page, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: page.residents.rowCount() == before + 1)  # a button's shortcut clicks after a moment
    added = Resident.get(Resident.name == "新生儿")
    assert added.household == household and not added.deleted
    page.undo_action.trigger()
    assert page.residents.rowCount() == before and Resident.get_by_id(added.uuid).deleted
    page.redo_action.trigger()
    assert not Resident.get_by_id(added.uuid).deleted
