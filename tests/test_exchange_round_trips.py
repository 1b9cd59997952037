"""An exchange workbook saved again by every spreadsheet program on this machine, in every format it offers.

LibreOffice to .xlsx, .xls and .ods; Gnumeric's ssconvert to .xlsx and .xls.
Each saved copy is "the same content, new bytes": merged into the laptop it
came from it changes nothing (its receipt: nothing new), merged into a fresh
laptop it gives the same records as the original.  The conversions take
seconds each, so they are made once per test session; a program that is not
installed skips its cases, saying so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.cli import run
from models.database import close_database, open_database
from models.records.people import Resident
from sync.exchange import reader
from tests.exchange_fixtures import Laptop, office_with_registry
from tests.ui_helpers import shown
from ui.context import AppContext
from ui.jobs import JobRunner
from ui.sections import exchange as exchange_section

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SSCONVERT = shutil.which("ssconvert")
CASES = [("LibreOffice", "xlsx"), ("LibreOffice", "xls"), ("LibreOffice", "ods"), ("Gnumeric", "xlsx"), ("Gnumeric", "xls")]
MISSING = {
    "LibreOffice": "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
    "Gnumeric": "Gnumeric (ssconvert) is not installed: apt-get install gnumeric",
}


def _convert(program: str, source: Path, target_format: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if program == "LibreOffice":
        subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{folder.parent}/lo-profile",
                        "--convert-to", target_format, "--outdir", str(folder), str(source)],
                       check=True, capture_output=True, timeout=300)
        return folder / f"{source.stem}.{target_format}"
    target = folder / f"{source.stem}.{target_format}"
    subprocess.run([SSCONVERT, str(source), str(target)], check=True, capture_output=True, timeout=300)
    return target


@pytest.fixture(scope="session")
def round_trips(tmp_path_factory):
    """The office laptop, its export, and the export as each (program, format) saved it (None: not installed)."""
    folder = tmp_path_factory.mktemp("round-trips")
    office, ids, base = office_with_registry(folder)
    installed = {"LibreOffice": SOFFICE is not None, "Gnumeric": SSCONVERT is not None}
    saved = {}
    for program, target_format in CASES:
        saved[program, target_format] = (
            _convert(program, base, target_format, folder / f"{program}-{target_format}") if installed[program] else None)
    return office, base, saved


def _saved(round_trips, program: str, target_format: str) -> Path:
    path = round_trips[2][program, target_format]
    if path is None:
        pytest.skip(MISSING[program])
    return path


def _copy_of(laptop: Laptop, folder: Path, name: str) -> Laptop:
    copy = folder / f"{name}.db"
    shutil.copy(laptop.path, copy)
    return Laptop(copy, laptop.name)


@pytest.mark.parametrize("program, target_format", CASES, ids=[f"{p}-{f}" for p, f in CASES])
def test_merging_a_saved_copy_into_the_laptop_it_came_from_changes_nothing(round_trips, tmp_path, program, target_format):
    office, base, _ = round_trips
    saved = _saved(round_trips, program, target_format)
    assert saved.read_bytes() != base.read_bytes()
    laptop = _copy_of(office, tmp_path, "office")
    before = laptop.snapshot()
    receipt = laptop.merge(saved)[0]
    assert receipt.accepted, receipt.refused
    assert receipt.unchanged > 0
    assert receipt.new == receipt.updated == receipt.conflicts == receipt.hand_edits == receipt.added_by_hand == 0
    assert receipt.lenient_dates == 0  # every date came back as a date cell, Gnumeric's column-styled ones too
    assert laptop.snapshot() == before


@pytest.mark.parametrize("program, target_format", CASES, ids=[f"{p}-{f}" for p, f in CASES])
def test_a_fresh_laptop_gets_from_a_saved_copy_what_the_original_gives(round_trips, tmp_path, program, target_format):
    office, base, _ = round_trips
    saved = _saved(round_trips, program, target_format)
    from_copy, from_original = Laptop(tmp_path / "copy.db", "fresh"), Laptop(tmp_path / "original.db", "fresh")
    copy_receipt, original_receipt = from_copy.merge(saved)[0], from_original.merge(base)[0]
    assert copy_receipt.accepted, copy_receipt.refused
    assert copy_receipt.new == original_receipt.new > 0
    assert from_copy.snapshot() == from_original.snapshot() == office.snapshot()


def test_an_xls_sheet_that_fills_every_row_an_xls_holds_is_refused_as_cut_short(round_trips, tmp_path, monkeypatch):
    """LibreOffice and Gnumeric drop the rows past 65,536 when they save a longer sheet as .xls: such a
    sheet is refused, saying to save as .xlsx (here the limit is lowered to the 居民 sheet's 4 rows)."""
    saved = _saved(round_trips, "LibreOffice", "xls")
    monkeypatch.setattr(reader, "XLS_ROWS", 4)
    laptop = _copy_of(round_trips[0], tmp_path, "office")
    before = laptop.snapshot()
    receipt = laptop.merge(saved)[0]
    assert not receipt.accepted
    assert "sheet 居民, row 4" in receipt.refused[0] and "save it as .xlsx" in receipt.refused[0]
    assert laptop.snapshot() == before


def test_the_command_line_merges_an_xls_and_an_ods_and_says_what_they_brought(round_trips, tmp_path, capsys):
    files = [_saved(round_trips, "LibreOffice", "xls"), _saved(round_trips, "LibreOffice", "ods")]
    assert run(["--db", str(tmp_path / "field.db"), "merge", *map(str, files)]) == 0
    out = capsys.readouterr().out
    assert "office.xls: 30 new" in out and "office.ods: 0 new, 0 updated, 30 unchanged" in out
    close_database()


def test_the_window_merges_an_ods_chosen_in_its_file_dialog(round_trips, qtbot, tmp_path, app_settings, monkeypatch):
    from ui.fonts import load_bundled_font

    load_bundled_font()
    saved = _saved(round_trips, "LibreOffice", "ods")
    offered = []

    def choose(parent, title, folder, filters):
        offered.append(filters)
        return [str(saved)], filters
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    installation = open_database(tmp_path / "window.db")
    try:
        context = AppContext(installation, JobRunner(), app_settings)
        section = shown(qtbot, exchange_section.ExchangeSection(context))
        with qtbot.waitSignal(context.jobs.job_finished, timeout=60_000):
            qtbot.keyClick(QApplication.focusWidget() or section, Qt.Key_M, Qt.ControlModifier)
        assert "*.xls" in offered[0] and "*.ods" in offered[0]
        assert section.receipt_model.rowCount() == 1
        assert Resident.select().count() == 3
        assert section.receipt_model.data(section.receipt_model.index(0, 0)) == saved.name
        section.resize(1024, 640)
        section.grab().save(str(tmp_path / "merged-ods.png"))  # looked at while building: tmp_path holds it
        context.jobs.wait_all()
    finally:
        close_database()
