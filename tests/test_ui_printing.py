"""The printing section, driven like a user: pick a document and a scope, press Ctrl+S, open the PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from models.database import close_database, open_database
from printing_fixtures import RARE_NAME, build_world
from ui.context import AppContext
from ui.jobs import JobRunner
from ui.sections import printing
from ui.sections.printing import PrintingSection
from ui.settings import AppSettings


@pytest.fixture
def context(qtbot, tmp_path):
    installation = open_database(tmp_path / "print.db")
    build_world()
    jobs = JobRunner(None)
    context = AppContext(installation, jobs, AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)))
    yield context
    jobs.wait_all()
    close_database()


@pytest.fixture
def section(qtbot, context):
    widget = PrintingSection(context)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def choose(combo, text: str) -> None:
    index = combo.findText(text, Qt.MatchStartsWith)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_lists_narrow_from_community_to_grid_to_cadre(section):
    assert texts(section.community)[1:] == ["海滨社区", "渔港社区"]
    choose(section.community, "渔港社区")
    assert texts(section.grid)[1:] == ["第一网格"]
    choose(section.community, "海滨社区")
    assert texts(section.grid)[1:] == ["第一网格", "第二网格"]
    choose(section.grid, "第一网格")
    assert [t.split("（")[0] for t in texts(section.cadre)[1:]] == ["张建国", "李娜"]


def test_options_follow_the_document(section, qtbot):
    assert section.backs.isEnabled() and not section.a5.isEnabled() and not section.show_ids.isEnabled()
    assert section.print_shop.isEnabled() and not section.duplex.isEnabled()
    qtbot.keyClick(section, Qt.Key_R, Qt.AltModifier)  # for a print shop
    qtbot.waitUntil(section.print_shop.isChecked)
    assert section.options().print_shop
    qtbot.keyClick(section, Qt.Key_C, Qt.AltModifier)  # a mnemonic clicks with a short animation
    qtbot.waitUntil(lambda: section.kind() == "handbook")
    assert section.a5.isEnabled() and not section.backs.isEnabled() and section.options().print_shop
    qtbot.keyClick(section, Qt.Key_A, Qt.AltModifier)
    qtbot.waitUntil(lambda: section.kind() == "visitbook")
    assert section.show_ids.isEnabled() and section.show_phones.isEnabled()
    assert not section.print_shop.isEnabled() and not section.options().print_shop  # office printing only
    assert section.duplex.isEnabled() and section.duplex.isChecked() and section.options().duplex  # on by default
    qtbot.keyClick(section, Qt.Key_U, Qt.AltModifier)
    qtbot.waitUntil(lambda: not section.duplex.isChecked())
    assert not section.options().duplex


def test_save_with_ctrl_s_reports_missing_glyphs_and_opens_with_ctrl_o(section, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "民情手册.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda parent, title, suggested: str(target))
    opened = []
    monkeypatch.setattr(printing, "open_in_viewer", lambda path: opened.append(path) or True)
    section.kinds["visitbook"].setChecked(True)
    choose(section.community, "海滨社区")
    choose(section.grid, "第一网格")
    choose(section.cadre, "张建国")
    qtbot.keyClick(section, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(section.open_button.isEnabled, timeout=20_000)
    assert target.exists()
    message = section.message.text()
    assert "Saved" in message and "𰻞" in message and RARE_NAME in message
    qtbot.waitUntil(lambda: QApplication.activeWindow() is section)
    qtbot.keyClick(section, Qt.Key_O, Qt.ControlModifier)
    assert opened == [target]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
        assert "张建国" in text and "孙丽" not in text  # only the chosen cadre's households


def test_a_choice_with_nothing_to_print_says_so(section, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "ask_save_path", lambda parent, title, suggested: str(tmp_path / "x.pdf"))
    section.kinds["visitbook"].setChecked(True)
    choose(section.community, "海滨社区")
    choose(section.grid, "第一网格")
    choose(section.cadre, "李娜")  # a grid worker with no linked household
    section.save_pdf()
    qtbot.waitUntil(lambda: "Nothing to print" in section.message.text(), timeout=20_000)
    assert section.save_button.isEnabled() and not (tmp_path / "x.pdf").exists()


def test_a_typed_cadre_not_in_the_list_is_refused_before_asking_for_a_file(section, monkeypatch):
    asked = []
    monkeypatch.setattr(printing, "ask_save_path", lambda *args: asked.append(args) or "")
    section.cadre.setEditText("不存在的人")
    section.save_pdf()
    assert asked == [] and "不存在的人" in section.message.text()


def test_a_units_contact_phone_is_marked_public_in_the_reference_lists(qtbot, context):
    from models.records.people import ResponsibleUnit
    from ui.daily.reference_lists_dialog import ReferenceListsDialog

    dialog = ReferenceListsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    units = dialog.units
    dialog.tabs.setCurrentWidget(units)
    qtbot.waitUntil(lambda: units.model.rowCount() == 1)
    units.table.setCurrentIndex(units.model.index(0, 0))
    qtbot.waitUntil(lambda: units.name.text() == "供电公司")
    assert not units.contact_public.isChecked()
    units.contact_public.setChecked(True)
    qtbot.keyClick(units.contact_phone, Qt.Key_Return)  # Return in the form saves
    qtbot.waitUntil(lambda: ResponsibleUnit.get(ResponsibleUnit.name == "供电公司").contact_phone_public)
    qtbot.waitUntil(lambda: units.model.data(units.model.index(0, 4)) == "yes")


def test_ctrl_r_previews_the_first_pages_and_the_count_and_saving_keeps_that_file(section, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "连心卡.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda parent, title, suggested: str(target))
    choose(section.community, "海滨社区")
    qtbot.keyClick(section, Qt.Key_R, Qt.ControlModifier)
    qtbot.waitUntil(lambda: section.preview_pane.pages.count() > 0, timeout=20_000)
    preview = section.preview
    assert not target.exists()  # nothing saved yet: the preview is a private temporary file
    assert section.preview_pane.count.text() == f"{preview.result.pages} pages · {preview.result.items} service cards"
    assert section.preview_pane.pages.count() == min(preview.result.pages, 6)
    page = preview.pages[0]
    assert page.width() == 300 and page.height() > page.width()  # an A4 page, upright
    colours = {page.pixelColor(x, y).name() for x in range(0, page.width(), 7) for y in range(0, page.height(), 7)}
    assert len(colours) > 2  # ink on it, not a blank sheet
    qtbot.waitUntil(lambda: not section.context.jobs.busy())
    qtbot.keyClick(section, Qt.Key_S, Qt.ControlModifier)  # the same choice: the previewed file is kept
    qtbot.waitUntil(section.open_button.isEnabled, timeout=20_000)
    assert target.read_bytes() == preview.result.path.read_bytes()
    section.backs.setChecked(True)  # another choice: the preview no longer says what will print
    assert section.preview is None and section.preview_pane.pages.count() == 0
