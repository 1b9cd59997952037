"""Files in and out as operations, without a screen: a roster, a PDF, the figures' workbook, demo data, the check.

A person relies on these: the check of a roster writes nothing and says so;
the import writes and says that anything may have changed; a file that is no
roster is refused whole; a PDF appears only when whole; the figures saved are
the figures counted; demo data goes only into an empty database.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from desktop.operations import check, demo, figures, printing, roster
from desktop.operations.outcome import EVERYTHING, Refused
from models.registry.coverage import Period
from models.records.installation import Setting
from models.records.people import Resident
from models.scope import Scope, resolve_scope
from models.figures.stats import FIGURE_LABELS
from printing_fixtures import TODAY, build_world
from tests.roster_fixtures import roster_rows, write_roster_xlsx


def test_a_roster_is_checked_then_imported_and_its_report_saved(db, tmp_path):
    rows = roster_rows(4, seed=5)
    path = write_roster_xlsx(tmp_path / "roster.xlsx", rows)
    checked = roster.import_roster(path=path, dry_run=True)
    assert checked.value.dry_run and checked.value.imported_rows == len(rows) and not checked.changed
    assert Resident.select().count() == 0
    imported = roster.import_roster(path=path)
    assert imported.value.written and imported.changed.names() == [EVERYTHING]
    assert Resident.select().count() == len(rows)
    again = roster.import_roster(path=path)
    assert not again.value.written and not again.changed  # the same roster twice changes nothing
    saved = roster.save_report(report=imported.value, path=tmp_path / "report.xlsx")
    assert saved.value.exists() and not saved.changed
    assert roster.FIELD_LABELS["id_number"] == "身份证号" and roster.column_letter(4) == "E"


def test_a_file_that_is_no_roster_is_refused_whole(db, tmp_path):
    fake = tmp_path / "名单.xlsx"
    fake.write_text("姓名,身份证号\n", encoding="utf-8")
    with pytest.raises(roster.RosterRefused, match="名单.xlsx"):
        roster.import_roster(path=fake)
    assert Resident.select().count() == 0


def test_a_document_is_printed_for_a_scope_and_nothing_else(db, tmp_path):
    build_world()
    options = printing.PrintOptions(today=TODAY)
    printed = printing.print_document(document="handbook", path=tmp_path / "handbook.pdf",
                                      scope=resolve_scope(community="海滨社区"), options=options)
    assert printed.value.path.read_bytes().startswith(b"%PDF") and printed.value.pages > 1 and not printed.changed
    with pytest.raises(Refused, match="no document called 'poster'"):
        printing.print_document(document="poster", path=tmp_path / "poster.pdf")
    with pytest.raises(printing.ScopeRefused, match="nothing to print"):
        printing.print_document(document="cards", path=tmp_path / "none.pdf", scope=Scope(households=("gone",)),
                                options=options)
    assert not (tmp_path / "poster.pdf").exists() and not (tmp_path / "none.pdf").exists()
    assert printing.item_name("visitbook") == "cadre" and set(printing.DOCUMENTS) == {"cards", "handbook", "visitbook"}


def test_the_figures_saved_are_the_figures_counted(db, tmp_path):
    build_world()
    period = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    counted = figures.count_figures(period=period).value
    saved = figures.save_figures(path=tmp_path / "统计.xlsx", period=period)
    assert not saved.changed
    book = load_workbook(saved.value)
    rows = {row[0].value: row for row in book["统计"].iter_rows(min_row=2)}
    assert {key: (row[1].value, row[2].value) for key, row in rows.items()} == {
        key: (label, value) for key, label, value in figures.flat_figures(counted)}
    assert rows["closure_rate"][1].value == FIGURE_LABELS["closure_rate"]
    assert rows["closure_rate"][2].number_format == "0.0%"
    for key, (title, _columns) in figures.TABLES.items():  # each table of rows on its own sheet
        assert book[title].max_row == 1 + len(counted[key])


def test_demo_data_goes_only_into_an_empty_database_and_is_offered_once(db):
    assert demo.first_start_pending()
    made = demo.fill_demo(households=3, seed=2)
    assert made.value.counts["household"] == 3 and made.changed.names() == [EVERYTHING]
    assert not demo.first_start_pending()  # not empty any more
    with pytest.raises(Refused, match="^the database already holds households"):
        demo.fill_demo(households=3)
    assert check.check_database().value == []


def test_the_first_start_is_offered_until_it_is_answered(db):
    assert demo.first_start_pending()
    demo.first_start_answered()
    assert not demo.first_start_pending() and Setting.read(demo.FIRST_START) == "1"
