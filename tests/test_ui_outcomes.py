"""Issue 21 in the window, with the keyboard alone: how a demand ended, where it came from, a dispute's
mediation, a category's family, shops' demands, and the new figures on the statistics screen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.database import open_database
from models.work.demands import DispatchTarget, accept, close, dispatch, raise_demand
from models.records.people import Cadre, Household, ResponsibleUnit, Shop
from models.work.reference_lists import ensure_reference_lists, save_category
from models.records.work import Demand, DemandCategory
from ui.sections.demands import DemandsSection
from ui.sections.statistics import StatisticsSection

from tests.places import new_building, new_grid
from tests.ui_helpers import section_context, shown, type_text, wait_for_dialog

TODAY = dt.date.today()


@pytest.fixture
def context(qtbot, tmp_path):
    installation = open_database(tmp_path / "outcomes.db")
    installation.rename(user_name="牟雪")
    grid = new_grid()
    building = new_building(grid)
    Household.create(grid=grid, building=building, room="101", address="3号楼101")
    Shop.create(grid=grid, building=building, name="王记面馆", address="3号楼底商")
    Cadre.create(name="李强", role="grid_worker", grid=grid)
    ensure_reference_lists()
    with section_context(installation, tmp_path) as context:
        yield context


def open_page(qtbot, demands):
    demands.setFocus()
    qtbot.waitUntil(lambda: demands.model.rowCount() >= 1)
    qtbot.keyClick(demands.table, Qt.Key_Return)
    return wait_for_dialog(qtbot, demands, "page")


def click_mnemonic(qtbot, dialog, key, done):
    """Alt plus the underlined letter; a mnemonic clicks the way a mouse does, a moment later."""
    qtbot.keyClick(dialog, key, Qt.AltModifier)
    qtbot.waitUntil(done)


def test_closing_a_dispute_asks_how_it_ended_the_reason_and_the_mediation(qtbot, context):
    dispute = DemandCategory.get(DemandCategory.name == "法律咨询与纠纷调解")
    accept(raise_demand(Household.get(), "邻里噪音纠纷", category=dispute, raised_on=TODAY, source="walk_in"), TODAY)
    demands = shown(qtbot, DemandsSection(context))
    page = open_page(qtbot, demands)
    assert page.fields["source"].text() == "Visit or call to the office"

    qtbot.keyClick(page, Qt.Key_E, Qt.ControlModifier)
    closing = wait_for_dialog(qtbot, page, "close_dialog")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)  # nothing chosen: refused, nothing written
    assert closing.message.text() == "Choose how it ended." and closing.isVisible()
    click_mnemonic(qtbot, closing, Qt.Key_N, lambda: closing.outcome() == "unsolvable")  # Ca&nnot be solved
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert closing.message.text() == "Give the reason it cannot be solved." and closing.reason.hasFocus()
    type_text(QApplication.focusWidget(), "双方拒绝调解，已引导诉讼")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert closing.message.text() == "Say whether the mediation succeeded."
    click_mnemonic(qtbot, closing, Qt.Key_F, lambda: closing.mediation() == "failed")  # Mediation &failed
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)

    qtbot.waitUntil(lambda: page.demand.state == "closed")
    demand = Demand.get()
    assert (demand.outcome, demand.outcome_reason, demand.mediation) == ("unsolvable", "双方拒绝调解，已引导诉讼", "failed")
    assert page.fields["outcome"].text() == "Cannot be solved: 双方拒绝调解，已引导诉讼; Mediation failed"


def test_a_demand_that_is_not_a_dispute_is_closed_without_a_mediation(qtbot, context):
    accept(raise_demand(Household.get(), "楼道灯不亮", raised_on=TODAY, source="hotline"), TODAY)
    demands = shown(qtbot, DemandsSection(context))
    page = open_page(qtbot, demands)
    qtbot.keyClick(page, Qt.Key_E, Qt.ControlModifier)
    closing = wait_for_dialog(qtbot, page, "close_dialog")
    assert closing.mediations is None
    click_mnemonic(qtbot, closing, Qt.Key_A, lambda: closing.outcome() == "answered")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: page.demand.state == "closed")
    assert Demand.get().outcome == "answered" and page.fields["outcome"].text() == "Answered (explained, not solved)"


def test_ctrl_n_raises_a_grid_workers_report_with_its_source(qtbot, context):
    demands = shown(qtbot, DemandsSection(context))
    demands.setFocus()
    qtbot.keyClick(demands.table, Qt.Key_N, Qt.ControlModifier)
    form = wait_for_dialog(qtbot, demands, "raise_dialog")
    assert form.who.hasFocus()
    qtbot.keyClicks(form.who, "101")
    qtbot.waitUntil(lambda: form.matches.count() == 1)
    qtbot.keyClick(form.who, Qt.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert form.chosen.text() == "3号楼101" and form.description.hasFocus()
    type_text(form.description, "楼道堆放杂物")
    qtbot.keyClick(form.description, Qt.Key_Return, Qt.ControlModifier)
    assert form.message.text() == "Choose where the demand came from."  # no default source
    assert form.source.hasFocus()
    while form.source.currentData() != "grid_report":
        qtbot.keyClick(form.source, Qt.Key_Down)
    qtbot.keyClick(form.source, Qt.Key_Return, Qt.ControlModifier)
    assert form.message.text() == "Choose the grid worker who reported it." and form.grid_worker.hasFocus()
    qtbot.keyClick(form.grid_worker, Qt.Key_Down)
    qtbot.keyClick(form.grid_worker, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: Demand.select().count() == 1)
    demand = Demand.get()
    assert (demand.source, demand.recorded_by.name, demand.description) == ("grid_report", "李强", "楼道堆放杂物")
    qtbot.waitUntil(lambda: demands.model.rowCount() == 1)


def test_a_shop_raises_a_demand_and_the_list_shows_it_by_the_shop(qtbot, context):
    demands = shown(qtbot, DemandsSection(context))
    demands.setFocus()
    qtbot.keyClick(demands.table, Qt.Key_N, Qt.ControlModifier)
    form = wait_for_dialog(qtbot, demands, "raise_dialog")
    type_text(form.who, "面馆")
    qtbot.waitUntil(lambda: form.matches.count() == 1)
    qtbot.keyClick(form.who, Qt.Key_Return)  # Return takes the first match
    assert form.subject == Shop.get()
    type_text(form.description, "招工难，希望对接人社局")
    qtbot.keyClick(form, Qt.Key_O, Qt.AltModifier)
    assert form.source.hasFocus()
    while form.source.currentData() != "enterprise_visit":
        qtbot.keyClick(form.source, Qt.Key_Down)
    qtbot.keyClick(form.source, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: demands.model.rowCount() == 1)
    demand = Demand.get()
    assert (demand.shop_id, demand.household_id, demand.source) == (Shop.get().uuid, None, "enterprise_visit")
    assert demands.model.data(demands.model.index(0, 1)) == "王记面馆 3号楼底商"
    page = open_page(qtbot, demands)
    assert page.fields["household"].text() == "王记面馆 (shop)"


def test_the_list_filters_by_source_with_alt_o(qtbot, context):
    home = Household.get()
    raise_demand(home, "路灯不亮", raised_on=TODAY, source="hotline")
    raise_demand(home, "不知来源", raised_on=TODAY)
    demands = shown(qtbot, DemandsSection(context))
    qtbot.waitUntil(lambda: demands.model.rowCount() == 2)
    qtbot.keyClick(demands, Qt.Key_O, Qt.AltModifier)
    assert demands.source.hasFocus()
    while demands.source.currentData() != "hotline":
        qtbot.keyClick(demands.source, Qt.Key_Down)
    qtbot.waitUntil(lambda: demands.model.rowCount() == 1)
    assert demands.model.data(demands.model.index(0, 3)) == "路灯不亮"
    qtbot.keyClick(demands.source, Qt.Key_End)  # the last choice: source not recorded
    qtbot.waitUntil(lambda: demands.model.rowCount() == 1 and demands.model.data(demands.model.index(0, 3)) == "不知来源")


def test_a_category_is_put_in_the_dispute_family_from_the_keyboard(qtbot, context):
    demands = shown(qtbot, DemandsSection(context))
    demands.setFocus()
    qtbot.keyClick(demands.table, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)
    lists = wait_for_dialog(qtbot, demands, "lists_dialog")
    categories = lists.categories
    qtbot.keyClick(categories.table, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    type_text(categories.name, "邻里纠纷")
    qtbot.keyClick(lists, Qt.Key_F, Qt.AltModifier)
    assert categories.family.hasFocus()
    qtbot.keyClick(categories.family, Qt.Key_End)
    assert categories.family.currentData() == "dispute"
    qtbot.keyClick(categories.family, Qt.Key_Return)
    qtbot.waitUntil(lambda: DemandCategory.get_or_none(DemandCategory.name == "邻里纠纷") is not None)
    assert DemandCategory.get(DemandCategory.name == "邻里纠纷").family == "dispute"


@pytest.fixture
def reported(context):
    """Today: a whistle to two units, solved; a grid worker's report, closed, outcome unknown."""
    home = Household.get()
    units = [DispatchTarget(ResponsibleUnit.get(ResponsibleUnit.name == name)) for name in ("区住建委", "供电公司")]
    whistle = raise_demand(home, "老旧管网漏水", raised_on=TODAY, source="hotline")
    dispatch(whistle, units, on=TODAY)
    close(whistle, TODAY, outcome="solved")
    report = raise_demand(home, "飞线充电", raised_on=TODAY, source="grid_report", recorded_by=Cadre.get())
    close(accept(report, TODAY), TODAY)
    save_category("邻里纠纷", family="dispute")
    return context


def value(section, key: str) -> str:
    return section.findChild(type(section.heading), f"stat_{key}").text()


def test_the_statistics_screen_shows_the_new_figures_in_tabs(qtbot, reported):
    section = shown(qtbot, StatisticsSection(reported), 1024, 700)
    qtbot.waitUntil(lambda: value(section, "whistles") == "1")
    assert value(section, "resolution_rate") == "100.0 %"  # 1 solved of the 1 closing with an outcome
    assert value(section, "demands_outcome_unknown") == "1"
    assert value(section, "demands_by_source.grid_report") == "1"
    assert value(section, "grid_report_closure_rate") == "100.0 %"
    assert value(section, "dispute_closure_rate") == "–"  # no dispute: nothing to divide by
    qtbot.keyClick(section, Qt.Key_W, Qt.AltModifier)  # &Whistles
    qtbot.waitUntil(lambda: section.reported.currentIndex() == 3)
    table = section.tables["whistles_by_unit"]
    assert table.isVisible() and table.rowCount() == 2
    assert {table.item(row, 0).text() for row in range(2)} == {"区住建委", "供电公司"}
    assert section.minimumSizeHint().height() <= 768 - 120  # menu, rail and title of a 1024×768 screen


def test_in_the_window_ctrl_n_opens_the_new_demand_form_where_demands_are(qtbot, tmp_path, app_settings):
    """Ctrl+N means "new" in each section (a visit, a resident, a demand): only the shown one answers."""
    from models.database import close_database
    from ui.app import open_main_window

    app_settings.language = "en"  # the Chinese translator would stay installed for the tests after this one
    window = shown(qtbot, open_main_window(tmp_path / "window.db", app_settings), 1024, 700)
    try:
        qtbot.keyClick(window, Qt.Key_4, Qt.ControlModifier)  # the 工作台 is Ctrl+1
        demands = window.sections["demands"]
        assert window.current_section_key() == "demands"
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_N, Qt.ControlModifier)
        form = wait_for_dialog(qtbot, demands, "raise_dialog")
        qtbot.keyClick(form, Qt.Key_Escape)
        qtbot.waitUntil(lambda: not form.isVisible())
        qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_N, Qt.ControlModifier)
        assert not demands.raise_dialog.isVisible()
    finally:
        window.close()
        close_database()
