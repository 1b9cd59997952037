"""此记录已被他人修改: a form saved after someone else saved the same record asks Reload or Keep mine."""

from __future__ import annotations

import dataclasses
import json

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.operations import cadres, registry
from models.records.audit import AuditEntry
from models.records.people import Cadre, Household
from models.registry.editing import HouseholdValues, save_household
from tests.places import new_building, new_grid
from tests.ui_helpers import section_context, shown, type_text
from ui.daily.cadre_list import CadreListView
from ui.dialogs.changed_meanwhile import ChangedMeanwhileDialog
from ui.registry.household_dialog import HouseholdDialog


def someone_else_saves(uuid: str, notes: str) -> None:
    """Another workstation's save of the household (no form of this window: no check)."""
    stored = HouseholdValues.of(Household.get_by_id(uuid))
    registry.edit_household(household=uuid, values=dataclasses.replace(stored, notes=notes))


def answer_when_asked(qtbot, keys: str, seen: list) -> None:
    """When the question opens (its own event loop), read it and press `keys` (a button's underlined letter,
    as a message box takes it) on the focused widget."""
    tries = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        tries.append(1)
        if not isinstance(dialog, ChangedMeanwhileDialog) or QApplication.activeWindow() is not dialog:
            if len(tries) < 1500:  # (a test that never asks fails on its assertions, not by hanging)
                QTimer.singleShot(20, answer)
            return
        seen.append(dialog.text())
        QTest.keyClick(QApplication.focusWidget(), keys)  # (the box clicks the button a moment later)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    QTimer.singleShot(0, answer)


def household_form(qtbot, db):
    db.rename(user_name="牟雪")
    building = new_building(new_grid())
    household = save_household(HouseholdValues(building=building.uuid, room="301", notes="开门时的"))

    def submit(values: HouseholdValues) -> str:
        registry.edit_household(household=household.uuid, values=values)
        return ""

    dialog = shown(qtbot, HouseholdDialog(submit, household), 520, 420)
    return household.uuid, dialog


def type_notes(dialog: HouseholdDialog, notes: str) -> None:
    QApplication.instance().processEvents()
    assert QApplication.activeWindow() is dialog  # (the keys came back to the form)
    dialog.notes.setFocus()
    dialog.notes.selectAll()
    type_text(QApplication.focusWidget(), notes)


def saved_after_someone_else(qtbot, db, answer: str):
    """My form open, their save, my Ctrl+Return; the question answered with the key `answer`."""
    uuid, dialog = household_form(qtbot, db)
    someone_else_saves(uuid, "他们的")
    type_notes(dialog, "我的")
    asked = []
    answer_when_asked(qtbot, answer, asked)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    return uuid, dialog, asked


def test_reload_shows_their_version_and_the_next_save_goes_over_it(qtbot, db):
    uuid, dialog, asked = saved_after_someone_else(qtbot, db, "R")
    assert len(asked) == 1 and "changed by someone else (牟雪" in asked[0]
    assert dialog.isVisible() and dialog.notes.text() == "他们的"  # theirs shown, the form still open
    assert Household.get_by_id(uuid).notes == "他们的"
    type_notes(dialog, "在他们的基础上")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    assert len(asked) == 1 and not dialog.isVisible()
    assert Household.get_by_id(uuid).notes == "在他们的基础上"


def test_keep_mine_saves_over_theirs_and_the_history_keeps_what_it_replaced(qtbot, db):
    uuid, dialog, asked = saved_after_someone_else(qtbot, db, "K")
    assert len(asked) == 1 and not dialog.isVisible()
    assert Household.get_by_id(uuid).notes == "我的"
    last = AuditEntry.select().where(AuditEntry.record_uuid == uuid).order_by(AuditEntry.at_hlc.desc()).first()
    assert json.loads(last.changes)["notes"] == ["他们的", "我的"]


def test_an_unchanged_record_saves_without_a_question(qtbot, db):
    uuid, dialog = household_form(qtbot, db)
    type_notes(dialog, "我的")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    assert not dialog.isVisible() and Household.get_by_id(uuid).notes == "我的"


def test_a_list_form_saved_on_the_worker_asks_too(qtbot, db, tmp_path):
    cadre = cadres.save_cadre(name="王芳", work_unit="民政").value
    with section_context(db, tmp_path) as context:
        view = shown(qtbot, CadreListView(context))
        view.reload(cadre)
        assert view.editing == cadre and view.work_unit.text() == "民政"
        cadres.save_cadre(uuid=cadre, name="王芳", work_unit="社保")  # another workstation
        view.work_unit.setFocus()
        view.work_unit.selectAll()
        type_text(QApplication.focusWidget(), "综治")
        asked = []
        answer_when_asked(qtbot, "R", asked)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        qtbot.waitUntil(lambda: len(asked) == 1 and view.work_unit.text() == "社保", timeout=30_000)
        assert Cadre.get_by_id(cadre).work_unit == "社保"
        qtbot.waitUntil(lambda: QApplication.activeWindow() is view)  # the keys came back to the list's form
        view.work_unit.setFocus()
        view.work_unit.selectAll()
        type_text(QApplication.focusWidget(), "综治")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        qtbot.waitUntil(lambda: Cadre.get_by_id(cadre).work_unit == "综治", timeout=30_000)
        assert len(asked) == 1
