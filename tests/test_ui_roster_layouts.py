"""The window after issue 14: the wizard asks which community a roster without 街道 means, the household
page shows each resident's 户籍地址, the search box says who was found by it, the statistics count 人户分离."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.database import open_database
from models.records.people import Household, Resident
from models.records.places import Community, SubDistrict
from sync.roster.importer import import_roster
from tests.roster_fixtures import layout_rows, roster_rows, write_roster_xlsx
from tests.test_roster_layouts import COMMUNITY_HEADER, COMMUNITY_ROWS, simple
from tests.ui_helpers import section_context, shown
from ui import jobs
from ui.registry import import_flow
from ui.registry.models import RESIDENT_COLUMNS
from ui.sections.statistics import StatisticsSection


@pytest.fixture
def context(qtbot, tmp_path):
    installation = open_database(tmp_path / "ui.db")
    with section_context(installation, tmp_path) as context:
        yield context


@pytest.fixture
def registry(qtbot, context):
    from ui.sections.registry import RegistrySection

    widget = shown(qtbot, RegistrySection(context))
    yield widget
    context.jobs.wait_all()


def community(name: str, sub_district: str) -> Community:
    parent = SubDistrict(name=sub_district)
    parent.save()
    place = Community(sub_district=parent.uuid, name=name)
    place.save()
    return place


@pytest.mark.parametrize("progress_delay_ms", [jobs.DIALOG_DELAY_MS, 0], ids=["quick", "with the progress dialog"])
def test_the_wizard_asks_which_community_and_imports_into_the_one_chosen(qtbot, registry, tmp_path, monkeypatch,
                                                                          progress_delay_ms):
    """Also when the roster's reading shows its progress dialog, whose window-modal drawing handles events (the
    reading may end in the middle of it)."""
    monkeypatch.setattr(jobs, "DIALOG_DELAY_MS", progress_delay_ms)
    community("丁街社区", "甲街道")
    chosen = community("丁街社区", "乙街道")
    path = simple(tmp_path, COMMUNITY_HEADER, COMMUNITY_ROWS)
    monkeypatch.setattr(import_flow, "ask_roster_file", lambda parent, folder: str(path))
    qtbot.keyClick(registry, Qt.Key_I, Qt.ControlModifier)
    qtbot.waitUntil(lambda: registry.roster_import.dialog is not None, timeout=10_000)
    dialog = registry.roster_import.dialog
    question = dialog.community_choices["丁街社区"]
    assert not dialog.import_button.isEnabled()  # not before the question is answered
    question.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is question)
    while question.currentData() != chosen.uuid:  # the keyboard, as a person would choose
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Down)
    assert "乙街道" in question.currentText() and dialog.import_button.isEnabled()
    with qtbot.waitSignal(registry.context.data_changed, timeout=10_000):
        dialog.import_button.click()
    assert {household.grid.community_id for household in Household.alive()} == {chosen.uuid}
    assert Community.select().where(Community.name == "丁街社区").count() == 2  # no third one under （未填街道）


def test_the_household_page_shows_the_registration_address_and_it_can_be_edited(qtbot, registry, tmp_path, qtmodeltester):
    header, rows, _ = layout_rows(roster_rows(3, seed=5), "both", seed=5)
    import_roster(write_roster_xlsx(tmp_path / "r.xlsx", rows, header=header))
    head = Resident.get(Resident.id_number == rows[0][4])
    page = registry.page
    page.show_household(head.household_id)
    model = page.residents
    qtmodeltester.check(model)
    column = RESIDENT_COLUMNS.index("registered_address")
    assert model.headerData(column, Qt.Horizontal) == "Registration address"
    row = next(r for r in range(model.rowCount()) if model.resident(r).uuid == head.uuid)
    assert model.index(row, column).data() == rows[0][8]
    assert model.setData(model.index(row, column), "河北省沧州市献县本斋乡小屯村9号")
    assert Resident.get_by_id(head.uuid).registered_address == "河北省沧州市献县本斋乡小屯村9号"
    page.undo_action.trigger()
    assert Resident.get_by_id(head.uuid).registered_address == rows[0][8]


def test_the_search_box_says_a_resident_was_found_by_the_registration_address(qtbot, registry, tmp_path):
    header = ["姓名", "身份证号", "现住址", "户籍地址"]
    from tests.test_roster_layouts import person

    import_roster(simple(tmp_path, header, [["甲一", person(1), "海滨社区5号楼2单元301室", "河北省沧州市献县本斋乡小屯村9号"]]))
    registry.search_box.setText("小屯村")
    model = registry.results_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 1).data() == "甲一"
    assert model.index(0, 4).data() == "海滨社区5号楼2单元301室 (registered at 河北省沧州市献县本斋乡小屯村9号)"


def test_the_statistics_count_who_lives_away_from_their_registration(qtbot, context, tmp_path):
    header, rows, away = layout_rows(roster_rows(20, seed=6), "both", seed=6)
    import_roster(write_roster_xlsx(tmp_path / "r.xlsx", rows, header=header))
    section = shown(qtbot, StatisticsSection(context))

    def value(key):
        return section.findChild(type(section.heading), f"stat_{key}").text()

    qtbot.waitUntil(lambda: value("residents_living_away") == str(away))
    assert value("residents_registration_known") == str(len(rows))
    assert value("living_away_rate") == f"{100 * away / len(rows):.1f} %"
