"""The column menu of the lists (走访, 诉求, 住户): a right click on the header or the keyboard's menu key shows
and hides columns, and the choice is there again at the next start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from models.database import open_database
from models.demo import generate_demo
from ui.sections.demands import DemandsSection
from ui.sections.registry import RegistrySection
from ui.sections.visits import VisitsSection

from tests.ui_helpers import section_context, shown


@pytest.fixture
def context(qtbot, tmp_path):
    installation = open_database(tmp_path / "columns.db")
    generate_demo(20)
    with section_context(installation, tmp_path) as context:
        yield context


def menu_key() -> None:
    """Shift+F10 or the Menu key: the platform sends the focused widget a context-menu event from the keyboard."""
    widget = QApplication.focusWidget()
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Keyboard, QPoint(4, 4), widget.mapToGlobal(QPoint(4, 4))))


def right_click(widget, point: QPoint) -> None:
    """A right click as the window delivers it (QTest's mouse clicks make no context-menu event)."""
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Mouse, point, widget.mapToGlobal(point)))


def popup():
    menu = QApplication.activePopupWidget()
    assert menu is not None
    return menu


def tick(qtbot, title: str) -> None:
    """Down through the open menu to `title`, then Return (as a person does)."""
    menu = popup()
    titles = [action.text() for action in menu.actions()]
    assert menu.activeAction() is menu.actions()[0]
    for _step in range(titles.index(title)):
        QTest.keyClick(menu, Qt.Key_Down)
    assert menu.activeAction().text() == title
    QTest.keyClick(menu, Qt.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_a_column_shown_from_the_keyboard_stays_shown_at_the_next_start(qtbot, context):
    demands = shown(qtbot, DemandsSection(context), 900, 600)
    table = demands.table
    assert table.isColumnHidden(6) and table.isColumnHidden(2)  # narrow: group and category step aside
    table.setFocus()
    menu_key()
    assert popup().objectName() == "columnMenu"
    tick(qtbot, demands.model.headerData(6, Qt.Horizontal))  # 分组
    assert not table.isColumnHidden(6) and table.isColumnHidden(2)
    # A column shown hides from the same menu; the deadline goes.
    table.setFocus()
    menu_key()
    tick(qtbot, demands.model.headerData(5, Qt.Horizontal))
    assert table.isColumnHidden(5)

    again = shown(qtbot, DemandsSection(context), 900, 600)  # the next start reads the same settings
    assert not again.table.isColumnHidden(6) and again.table.isColumnHidden(5) and again.table.isColumnHidden(2)


def test_a_right_click_on_the_header_opens_the_menu_and_the_lists_keep_their_own(qtbot, context):
    registry = shown(qtbot, RegistrySection(context), 1000, 640)
    households = registry.households
    header = households.horizontalHeader()
    right_click(header.viewport(), QPoint(10, header.height() // 2))
    assert popup().objectName() == "columnMenu"
    tick(qtbot, registry.household_model.headerData(1, Qt.Horizontal))  # 电话 hidden
    assert households.isColumnHidden(1)

    # The households list has the hub's menu: the column menu is its last entry.
    households.setFocus()
    households.setCurrentIndex(registry.household_model.index(0, 0))
    right_click(households.viewport(), households.visualRect(households.currentIndex()).center())
    hub_menu = popup()
    assert hub_menu.actions()[-1] is registry.household_columns.action
    hub_menu.close()
    registry.household_columns.action.trigger()
    assert popup().objectName() == "columnMenu"
    popup().close()

    again = shown(qtbot, RegistrySection(context), 1000, 640)
    assert again.households.isColumnHidden(1)


def test_the_visits_lists_have_the_menu_too(qtbot, context):
    visits = shown(qtbot, VisitsSection(context), 1000, 640)
    visits.households.setFocus()
    menu_key()
    tick(qtbot, visits.household_model.headerData(1, Qt.Horizontal))  # 上次走访 hidden
    assert visits.households.isColumnHidden(1)
    visits.show_cadre_list()
    table = visits.cadre_list.table
    qtbot.waitUntil(table.isVisible)
    table.setFocus()
    menu_key()
    tick(qtbot, visits.cadre_list.model.headerData(3, Qt.Horizontal))  # 职务 hidden
    assert table.isColumnHidden(3)
    assert context.settings.shown_columns("cadreEditor") == {3: False}
    assert context.settings.shown_columns(visits.cadres.objectName()) == {}  # 走访's cadre list is another list
