"""The Exchange section on real widgets: export, merge with a receipt, settle a conflict, restore a copy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from models.database import close_database, open_database
from models.records.people import Household
from sync.exchange import merge
from sync.exchange import settle_conflicts as conflicts
from sync.exchange.read_ahead import ReadAhead
from tests.exchange_fixtures import conflicting_workbooks
from tests.ui_helpers import shown
from ui.context import AppContext
from ui.jobs import JobRunner
from ui.sections.exchange import ExchangeSection
from ui.style import theme


@pytest.fixture
def conflicting_books(tmp_path):
    """The office workbook, and two laptops' workbooks that edited the same household differently."""
    return conflicting_workbooks(tmp_path)


@pytest.fixture
def failures(monkeypatch):
    """Error boxes would wait for a click: record them instead, and fail the test if any appeared."""
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *rest: shown.append(text))
    yield shown
    assert shown == []


@pytest.fixture
def section(qtbot, tmp_path, app_settings, conflicting_books, failures):
    installation = open_database(tmp_path / "window.db")  # after the laptops of conflicting_books closed theirs
    context = AppContext(installation, JobRunner(), app_settings)
    widget = shown(qtbot, ExchangeSection(context))  # the active window: its shortcuts (Alt+2, Ctrl+Return) reach it
    yield widget
    context.jobs.wait_all()
    close_database()


def finish(qtbot, job):
    """Wait until the runner has handled the job's end (it may have ended before this is called)."""
    qtbot.waitUntil(lambda: job.progress is None, timeout=60_000)  # the runner's last step on the UI thread


@pytest.mark.parametrize("reading", ["here", "by reading processes"])
def test_merge_shows_a_receipt_and_the_conflict_is_settled_from_the_keyboard(qtbot, qtmodeltester, section, conflicting_books, tmp_path, monkeypatch, reading):
    """From the window's worker thread too, the reading processes of a bigger merge must start and answer."""
    base, books = conflicting_books
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_text("no workbook")
    readings = []
    if reading != "here":
        real = ReadAhead.__init__

        def remembered(self, *args, **kwargs):
            readings.append(self)
            real(self, *args, **kwargs)

        monkeypatch.setattr(merge, "MIN_FILES", 1)
        monkeypatch.setattr(ReadAhead, "__init__", remembered)
    finish(qtbot, section.merge_files([base, *books, bogus]))
    assert [r._answered for r in readings] == ([] if reading == "here" else [4])
    model = section.receipt_model
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert [model.index(r, 1).data() for r in range(4)] == ["merged", "merged", "merged", "refused"]
    assert "不是 Excel 工作簿" in model.index(3, 8).data()
    assert section.tabs.tabText(2) == "Conflicts (1)"

    receipt = tmp_path / "receipt.xlsx"
    section.save_receipt_to(receipt)
    assert receipt.stat().st_size > 0

    section.tabs.setCurrentIndex(2)
    qtmodeltester.check(section.conflict_model)
    assert section.conflict_model.rowCount() == 1
    section.conflict_view.selectRow(0)
    assert section.comparison.columnCount() == 4  # field, two versions, result
    titles = [section.comparison.item(row, 0).text() for row in range(section.comparison.rowCount())]
    notes_row = titles.index("备注")
    headers = [section.comparison.horizontalHeaderItem(column).text() for column in (1, 2)]
    assert sorted(header.split("\n")[1] for header in headers) == ["A", "B"]  # the laptops' names, not their ids
    grid_row = titles.index("网格")  # a place by its name, the stored id kept behind it
    assert [section.comparison.item(grid_row, column).text() for column in (1, 2, 3)] == ["第一网格"] * 3
    kept_notes = section.comparison.item(notes_row, 2).text()
    assert kept_notes in ("甲的记录", "乙的记录")
    # A merge slower than the progress dialog's delay (a loaded machine) showed the dialog: the keys come back
    # to the section once it is the active window again, as they do for a person.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is section.window())
    section.conflict_view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is section.conflict_view)
    take = [section.take_buttons.itemAt(i).widget() for i in range(section.take_buttons.count())]
    qtbot.waitUntil(lambda: all(button.isVisible() for button in take))  # as a person sees them: Alt+2 still takes
    assert [button.toolTip() for button in take] == ["Alt+1", "Alt+2"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_2, Qt.AltModifier)
    assert section.comparison.item(notes_row, 3).text() == kept_notes
    with qtbot.waitSignal(section.context.data_changed, timeout=30_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    assert conflicts.open_conflict_count() == 0
    assert Household.get(Household.notes == kept_notes)
    assert section.tabs.tabText(2) == "Conflicts (0)"


def test_dropping_workbooks_merges_them_and_a_copy_can_be_restored(qtbot, section, conflicting_books, monkeypatch):
    base, _ = conflicting_books
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(base))])
    event = QDropEvent(QPointF(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    with qtbot.waitSignal(section.context.jobs.job_finished, timeout=60_000):
        section.dropEvent(event)  # Qt delivers drops only during a real drag; the handler is ours
    assert event.isAccepted()
    assert Household.select().count() == 2
    section.tabs.setCurrentIndex(3)
    assert section.backup_list.count() == 1
    assert section.backup_list.isVisible() and not section.no_backups.isVisible()
    section.backup_list.setCurrentRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.Yes)
    qtbot.keyClick(section.backup_list, Qt.Key_R, Qt.ControlModifier)
    assert Household.select().count() == 0
    assert section.backup_list.count() == 2  # the merge copy and the copy made before restoring


def test_export_of_a_grid_remembers_the_folder(qtbot, section, conflicting_books, tmp_path):
    base, _ = conflicting_books
    finish(qtbot, section.merge_files([base]))
    section.scope_kind.setCurrentIndex(2)
    assert section.scope_name.currentText() == "第一网格"
    target = tmp_path / "out" / "grid.xlsx"
    target.parent.mkdir()
    finish(qtbot, section.export_to(target))
    assert target.exists()
    assert "2 households" in section.export_status.text()
    assert section.context.settings.last_folder("exchange-export") == str(target.parent)


def test_screenshot(qtbot, section, conflicting_books, tmp_path):
    from ui.fonts import load_bundled_font

    load_bundled_font()
    base, books = conflicting_books
    finish(qtbot, section.merge_files([base, *books]))
    section.resize(1000, 600)
    section.tabs.setCurrentIndex(2)
    section.conflict_view.selectRow(0)
    assert not section.grab().isNull()
    section.grab().save(str(tmp_path / "exchange.png"))


def test_workbooks_saved_by_other_programs_are_taken_when_dropped(qtbot, section, tmp_path, monkeypatch):
    """A laptop's workbook saved again as .xls or .ods is merged when dropped; other files are left alone."""
    dropped = [tmp_path / "网格一.ods", tmp_path / "网格二.XLS", tmp_path / "说明.txt", tmp_path / "网格三.xlsx"]
    handed = []
    monkeypatch.setattr(section, "merge_files", handed.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in dropped])
    event = QDropEvent(QPointF(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    section.dropEvent(event)  # Qt delivers drops only during a real drag; the handler is ours
    assert event.isAccepted()
    assert handed == [[dropped[0], dropped[1], dropped[3]]]


def test_the_receipt_names_what_another_program_changed(qtmodeltester, section):
    """Dates read from numbers or text, and a column added by hand, are named in the window's receipt too."""
    from desktop.operations.exchange import FileReceipt

    receipt = FileReceipt("网格一.ods")
    receipt.new, receipt.lenient_dates, receipt.ignored_columns = 3, 2, ["居民: 我的备注"]
    section.receipt_model.set_receipts([receipt])
    qtmodeltester.check(section.receipt_model)
    reason = section.receipt_model.FIELDS.index("reason")
    text = section.receipt_model.index(0, reason).data()
    assert "2 date(s) read from a plain number or from text" in text and "居民: 我的备注" in text


def test_the_conflict_list_keeps_every_column_in_sight_at_1024_px(qtbot, section, conflicting_books):
    """Kind and count whole, the record elided with its whole text in the tooltip; no column cut off at the edge."""
    base, books = conflicting_books
    finish(qtbot, section.merge_files([base, *books]))
    width = 1024 - theme.RAIL_WIDTH - 2 * theme.GRID  # the section's width in a 1024 px window
    section.resize(width, 700)
    section.tabs.setCurrentIndex(2)
    view, model = section.conflict_view, section.conflict_model
    qtbot.waitUntil(lambda: section.width() == width and view.isVisible() and model.rowCount() == 1)
    header = view.horizontalHeader()
    last = model.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= view.viewport().width()
    for column in (0, last):
        assert header.sectionSize(column) >= header.sectionSizeHint(column)  # "类型", "版本数" not cut
    assert header.sectionSize(1) > header.sectionSize(0)  # the record has the room
    record = model.index(0, 1)
    assert model.data(record, Qt.ToolTipRole) == model.data(record)
    view.selectRow(0)
    comparison = section.comparison
    assert comparison.rowCount() > 0
    assert all(comparison.item(row, 1).toolTip() == comparison.item(row, 1).text() for row in range(comparison.rowCount()))


def test_without_backup_copies_the_tab_says_when_one_is_made(qtbot, section):
    section.tabs.setCurrentIndex(3)
    assert section.no_backups.isVisible()
    assert "merge" in section.no_backups.text()
    assert not section.backup_list.isVisible()
    assert not section.restore_button.isEnabled()
