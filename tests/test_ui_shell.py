"""The window shell: it fits 1024×768, builds sections when shown, keeps keys in tooltips; the search box is the hub."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog

from models.registry.assignments import cadres_of
from models.database import close_database
from models.demo import generate_demo
from models.records.people import Household, Resident
from models.records.work import Demand
from ui.app import create_application, open_main_window
from ui.jobs import DIALOG_DELAY_MS, JobRunner
from ui.sections import SECTIONS

from tests.ui_helpers import active_window

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def window(qtbot, tmp_path, app_settings):
    create_application()
    app_settings.language = "zh_CN"
    main = open_main_window(tmp_path / "shell.db", app_settings)
    generate_demo(30)
    active_window(qtbot, main)
    yield main
    main.close()
    close_database()


def type_into_focus(text: str) -> None:
    """Keys go where the keyboard's go: to whatever has the focus now, one at a time."""
    for character in text:
        QTest.keyClick(QApplication.focusWidget(), character)


def test_every_section_fits_1000_by_700(window, qtbot):
    for entry in SECTIONS:  # the home and statistics sections too, whoever adds them
        window.show_section(entry.key)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1000 and hint.height() <= 700, (entry.key, hint.toTuple())
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1000, 700))


def test_only_the_shown_section_is_built_at_start(window):
    assert list(window.sections.built()) == [SECTIONS[0].key]
    window.show_section("printing")
    assert set(window.sections.built()) == {SECTIONS[0].key, "printing"}


def test_a_start_imports_neither_reportlab_nor_pypinyin(tmp_path):
    """The printing section's libraries (0.3 s) load when it is first shown, not at start."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from ui.app import create_application, open_main_window\n"
        "from ui.settings import AppSettings\n"
        "create_application()\n"
        f"window = open_main_window(__import__('pathlib').Path({str(tmp_path / 'start.db')!r}),"
        f" AppSettings(QSettings({str(tmp_path / 's.ini')!r}, QSettings.IniFormat)))\n"
        "window.show()\n"
        "print(sorted(m for m in ('reportlab', 'pypinyin', 'openpyxl', 'faker') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_button_labels_carry_no_shortcut_but_their_tooltips_do(window):
    for entry in SECTIONS:
        window.show_section(entry.key)
    labelled = re.compile(r"(Ctrl|Alt|Shift)\+")
    buttons = window.findChildren(QAbstractButton)
    assert buttons
    for button in buttons:
        assert not labelled.search(button.text()), button.text()
    registry = window.section("registry")
    assert registry.import_button.toolTip().endswith("Ctrl+I")
    assert registry.place_tabs.tabText(1) == "本网格楼栋" and registry.place_tabs.tabToolTip(1).endswith("Alt+2")


def test_the_search_box_keeps_the_cursor_while_a_phone_tail_is_typed(window, qtbot):
    phone = Resident.select().where(Resident.phone != "").first().phone
    QTest.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    registry = window.section("registry")
    assert QApplication.focusWidget() is registry.search_box
    type_into_focus(phone[-4:])
    assert registry.search_box.text() == phone[-4:]
    assert QApplication.focusWidget() is registry.search_box
    assert registry.results_model.rowCount() >= 1
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)  # opens the first hit
    first = registry.results_model.found(0)
    assert registry.page.household_uuid == first.household and registry.page.isVisible()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Escape)  # closes the page over the list at 1024 px
    assert not registry.page.isVisible() and registry.results.isVisible()


def test_a_found_household_is_linked_to_a_cadre_from_the_search(window, qtbot):
    registry = window.section("registry")
    household = next(h for h in Household.alive() if h.address)
    window.show_section("registry")
    registry.focus_search()
    registry.search_box.setText(household.address)  # an input method sets the hanzi the same way
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    before = {cadre.uuid for cadre in cadres_of(household)}
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_L, Qt.ControlModifier)
    qtbot.waitUntil(lambda: registry.hub.dialog is not None and registry.hub.dialog.isVisible())
    picker = registry.hub.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)
    chosen = picker.chosen()
    assert chosen is not None and chosen.uuid not in before
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: chosen.uuid in {cadre.uuid for cadre in cadres_of(household)}, timeout=10_000)
    qtbot.waitUntil(lambda: "已联系给" in registry.message.text())


def test_a_demand_is_raised_from_a_found_household(window, qtbot):
    window.show_section("registry")  # the window opens on the 工作台
    registry = window.section("registry")
    household = next(h for h in Household.alive() if h.address)
    registry.focus_search()
    registry.search_box.setText(household.address)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: registry.hub.dialog is not None and registry.hub.dialog.isVisible())
    dialog = registry.hub.dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.description)  # the description is next
    assert dialog.subject.uuid == household.uuid
    assert dialog.form()["household"].uuid == household.uuid


def test_a_quick_write_shows_no_progress_dialog_and_a_slow_one_does(qtbot):
    runner = JobRunner()
    finished = []
    with qtbot.waitSignal(runner.job_finished, timeout=30_000):
        quick = runner.run("Quick", lambda progress: progress.step(1, 100) or "done", finished.append)
    windows = quick.findChildren(__import__("ui.jobs", fromlist=["ProgressWindow"]).ProgressWindow)
    assert finished == ["done"] and all(window.dialog is None for window in windows)

    release = threading.Event()
    slow = runner.run("Slow", lambda progress: progress.step(1, 2) or release.wait(30))
    window = slow.findChildren(__import__("ui.jobs", fromlist=["ProgressWindow"]).ProgressWindow)[0]
    assert window.dialog is None  # not before 600 ms
    qtbot.waitUntil(window.shown, timeout=DIALOG_DELAY_MS + 10_000)
    with qtbot.waitSignal(runner.job_finished, timeout=30_000):
        release.set()
    assert window.dialog is None
    runner.wait_all()


def test_return_in_the_visit_dialog_moves_on_and_adds_demands_ctrl_return_saves(window, qtbot):
    from ui.daily.visit_dialog import VisitDialog, visit_cadres

    household = next(h for h in Household.alive() if cadres_of(h))
    cadres, chosen = visit_cadres(household, None)
    dialog = VisitDialog(household, cadres, chosen, [], window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.talked_to
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert dialog.isVisible() and QApplication.focusWidget() is not dialog.talked_to  # moved on, not saved
    dialog.demand_text.setFocus()
    for text in ("楼道灯不亮", "想了解养老补贴"):
        dialog.demand_text.setText(text)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert dialog.isVisible() and [item.description for item in dialog.raised] == ["楼道灯不亮", "想了解养老补贴"]
    assert dialog.raised_list.currentRow() == 1
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    assert dialog.result() == QDialog.Accepted


def test_a_new_demand_is_selected_in_the_list_wherever_it_sorts(window, qtbot):
    import datetime as dt
    from functools import partial

    from desktop.operations.demands import raise_demand

    demands = window.section("demands")
    window.show_section("demands")
    household = Household.alive().first()
    oldest = min(d.raised_on for d in Demand.select()) - dt.timedelta(days=1)
    job = window.context.run("raise", partial(raise_demand, household=household.uuid, description="窨井盖松动",
                                              source="walk_in", raised_on=oldest))
    qtbot.waitUntil(lambda: job.progress is None, timeout=10_000)
    uuid = Demand.get(Demand.description == "窨井盖松动").uuid
    assert demands.select_demand(uuid)
    row = demands.table.currentIndex().row()
    assert demands.model.record(row).uuid == uuid
    assert demands.table.visualRect(demands.table.currentIndex()).intersects(demands.table.viewport().rect())


def test_the_about_dialog_speaks_the_windows_language_and_names_who_uses_the_laptop(window):
    from ui.dialogs.about import about_text

    installation = window.context.installation
    text = about_text(installation.device_name, installation.device_id, "牟雪", "lianxin.db")
    assert "连心" in text and f"本机：{installation.device_name}，使用人：牟雪" in text
    assert "Door-to-door" not in text and "Device" not in text


def test_a_buttons_own_shortcut_still_clicks_it_once_its_keys_moved_to_the_tooltip(window, qtbot, monkeypatch):
    """setText puts the label's Alt+letter in place of a button's shortcut; the theme must keep Ctrl+N."""
    from ui.registry import household_page

    window.show_section("registry")  # the window opens on the 工作台
    registry = window.section("registry")
    household = next(h for h in Household.alive() if h.address)
    registry.open_page(household.uuid)
    page = registry.page
    assert "Ctrl" not in page.add_button.text() and page.add_button.toolTip().endswith("Ctrl+N")
    before = page.residents.rowCount()
    monkeypatch.setattr(household_page, "ask_name", lambda parent: "新生儿")
    page.table.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: page.residents.rowCount() == before + 1, timeout=10_000)


def test_a_narrow_demand_list_hides_the_group_and_the_header_menu_brings_it_back(window, qtbot):
    window.show_section("demands")
    demands = window.section("demands")
    qtbot.waitUntil(lambda: demands.table.width() > 0)
    assert demands.table.width() < 1000  # a 1024 px window
    assert demands.table.isColumnHidden(6) and demands.table.isColumnHidden(2) and not demands.table.isColumnHidden(3)
    menu = demands.columns.menu()
    group = next(action for action in menu.actions() if action.text() == demands.model.headerData(6, Qt.Horizontal))
    assert not group.isChecked()
    group.trigger()  # ticked in the header's menu
    assert not demands.table.isColumnHidden(6) and demands.table.isColumnHidden(2)
    window.resize(1400, 768)
    qtbot.waitUntil(lambda: demands.table.width() >= 1000)
    assert not demands.table.isColumnHidden(2)  # wide enough: every column


def test_a_found_households_history_opens_with_ctrl_h_from_the_results(window, qtbot):
    """Ctrl+H on a search result, as on the household page and in every list: in the menu with its key, and not
    lost to the page's own Ctrl+H when the page is beside the list."""
    from models.registry.assignments import household_label
    from tests.ui_helpers import wait_for_dialog

    window.show_section("registry")
    registry = window.section("registry")
    household = next(h for h in Household.alive() if h.address)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_F, Qt.ControlModifier)
    registry.search_box.setText(household.address)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Down)  # to the results; at 1024 px no page opens
    assert QApplication.focusWidget() is registry.results and not registry.page.isVisible()
    history = next(action for action in registry.results.actions() if action.objectName() == "hub_history")
    assert history.shortcut().toString() == "Ctrl+H"  # what the context menu shows beside 历史
    found = Household.get_by_id(registry.results_model.found(registry.results.currentIndex().row()).household)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_H, Qt.ControlModifier)
    dialog = wait_for_dialog(qtbot, registry, "history_dialog")
    assert household_label(found) in dialog.windowTitle()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    window.resize(1600, 900)  # wide: the household page beside the list, with its own Ctrl+H
    qtbot.waitUntil(lambda: registry.side_by_side() and registry.page.isVisible())
    registry.results.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is registry.results)
    registry.history_dialog = None
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_H, Qt.ControlModifier)
    dialog = wait_for_dialog(qtbot, registry, "history_dialog")
    assert household_label(found) in dialog.windowTitle()
    dialog.close()


def _alt_keys(main) -> dict[str, list[str]]:
    """Every Alt+letter the window answers now: its menus' letters, and the &-letters of what is shown."""
    from PySide6.QtGui import QShortcut
    from PySide6.QtWidgets import QGroupBox, QLabel, QTabBar

    letter = re.compile(r"&([^&\s])")
    owners: dict[str, list[str]] = {}

    def add(text: str, what: str) -> None:
        found = letter.search(text)
        if found:
            owners.setdefault(found.group(1).upper(), []).append(f"{what} {text!r}")

    for action in main.menuBar().actions():
        add(action.text(), "menu")
    for button in main.findChildren(QAbstractButton):
        if button.isVisible() and button.isEnabled():
            add(button.text(), "button")
    for label in main.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None and label.isEnabled() and label.buddy().isEnabled():
            add(label.text(), "label")
    for group in main.findChildren(QGroupBox):
        if group.isVisible():
            add(group.title(), "group")
    for bar in main.findChildren(QTabBar):
        if bar.isVisible():
            for index in range(bar.count()):
                add(bar.tabText(index), "tab")
    for shortcut in main.findChildren(QShortcut):
        key = shortcut.key().toString()
        if shortcut.isEnabled() and shortcut.parent().isVisible() and re.fullmatch(r"Alt\+[A-Z]", key):
            owners.setdefault(key[-1], []).append(f"shortcut {key}")
    return owners


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_each_alt_letter_does_one_thing_in_every_section(qtbot, tmp_path, app_settings, language):
    """Two things on one Alt+letter: the menu bar took it (Alt+V opened 视图 instead of recording a visit), or
    neither did what its label promised (two buttons' &H only moved the focus between them)."""
    create_application()
    app_settings.language = language
    main = open_main_window(tmp_path / "keys.db", app_settings)
    generate_demo(30)
    active_window(qtbot, main)
    try:
        for entry in SECTIONS:
            main.show_section(entry.key)
            if entry.key == "registry":  # with a household's page open, as it is while people work
                main.section("registry").open_page(Household.select().first().uuid)
            qtbot.waitUntil(lambda: main.section(entry.key).isVisible())
            shared = {key: owners for key, owners in _alt_keys(main).items() if len(owners) > 1}
            assert shared == {}, (entry.key, shared)
    finally:
        main.close()
        close_database()
        app_settings.language = "zh_CN"
