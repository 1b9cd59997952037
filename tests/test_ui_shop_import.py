"""A shop list imported from the registry: Ctrl+Shift+I, the preview asks the community, then the shops are listed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.records.people import Shop
from models.records.places import Community, Grid, SubDistrict
from tests.places import new_grid
from tests.test_shop_import import shop_list, shop_rows
from tests.ui_helpers import shown, wait_for_dialog
from ui.context import AppContext
from ui.jobs import JobRunner
from ui.registry import shop_import_flow


@pytest.fixture
def section(qtbot, db, app_settings):
    """The registry over two communities: 海滨社区 (一网格) and 北城社区 — a new special grid's is not plain."""
    from ui.sections.registry import RegistrySection

    new_grid("一网格")
    Community.create(sub_district=SubDistrict.create(name="北长山乡"), name="北城社区")
    context = AppContext(db, JobRunner(), app_settings)
    widget = shown(qtbot, RegistrySection(context), 1024, 700)
    yield widget
    context.jobs.wait_all()


def test_the_preview_asks_the_community_then_imports_by_keyboard(section, qtbot, tmp_path, monkeypatch, qtmodeltester):
    path = shop_list(tmp_path / "shops.xlsx", shop_rows())
    monkeypatch.setattr(shop_import_flow, "ask_shop_file", lambda parent, folder: str(path))
    qtbot.keyClick(section, Qt.Key_I, Qt.ControlModifier | Qt.ShiftModifier)
    first = wait_for_dialog(qtbot, section.shop_import, "dialog")
    assert first.report.ambiguous_grids and not first.import_button.isEnabled()
    assert first.problems.rowCount() == 0 and Shop.select().count() == 0  # the check wrote nothing
    assert [first.choices[c].currentData() for c in sorted(first.choices)] == [
        None, "grid", "name", "address", "business", "owner", "phone", "notes"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first.community_choice)  # the question has the keys
    north = first.community_choice.findText("北长山乡 › 北城社区")
    while QApplication.focusWidget().currentIndex() != north:  # the person moves down the list of communities
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Down)
    assert not first.import_button.isEnabled()  # not checked with that community yet
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_R, Qt.ControlModifier)
    qtbot.waitUntil(lambda: section.shop_import.dialog not in (None, first), timeout=10_000)
    second = wait_for_dialog(qtbot, section.shop_import, "dialog")
    assert second is not first and second.community() == first.community_choice.itemData(north)
    assert not second.report.ambiguous_grids and second.import_button.isEnabled()
    with qtbot.waitSignal(section.context.data_changed, timeout=10_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    north_grids = Grid.select().join(Community).where(Community.name == "北城社区")
    assert {grid.name for grid in north_grids} == {"海滨市场", "实验学校"}
    assert Shop.select().count() == 4
    market = Grid.get(Grid.name == "海滨市场")
    section.show_grid(market.uuid)
    section.show_tab(2)  # the shops of the grid, as the tree's Alt+3 shows them
    qtmodeltester.check(section.shops.model)
    shown_names = {section.shops.model.index(row, 0).data() for row in range(section.shops.model.rowCount())}
    assert shown_names == {"老王海鲜", "渔港超市"}


def test_a_corrupt_file_is_told_in_one_line(section, qtbot, tmp_path, monkeypatch):
    whole = shop_list(tmp_path / "whole.xlsx", shop_rows())
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[:400])
    told = []
    monkeypatch.setattr(shop_import_flow, "ask_shop_file", lambda parent, folder: str(cut))
    monkeypatch.setattr(shop_import_flow, "tell", lambda parent, message: told.append(message))
    section.import_shops()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert told[0].startswith("cut.xlsx") and "\n" not in told[0] and Shop.select().count() == 0
