"""A big roster is read and checked by a second process: the import must come out exactly as when read here."""

from __future__ import annotations

import os
import struct
import zipfile

import pytest

from models.storage.connection import database
from models.records.people import Resident
from sync.roster import checked_rows
from sync.roster.checked_rows import READER_STOPPED
from sync.roster.importer import RosterRefused, import_roster
from tests.roster_fixtures import roster_rows, write_roster_csv, write_roster_xlsx
from tests.test_roster_import import ROUNDED_ID, snapshot


def registry() -> dict:
    """The registry as a person sees it, without the random ids and clock values of each run."""
    return {
        "households": database.execute_sql(
            "SELECT address, room, deleted FROM household ORDER BY address").fetchall(),
        "residents": database.execute_sql(
            "SELECT h.address, r.name, r.relation, r.sex, r.birth_date, r.id_number, r.phone, r.tags, r.notes "
            "FROM resident r JOIN household h ON h.uuid = r.household_id ORDER BY r.id_number, r.name").fetchall(),
    }


def messy_big_roster(tmp_path, name: str = "big.xlsx"):
    """600 households over several batches, with a rounded ID, a bad phone, a repeated resident and a 合计 line."""
    rows = roster_rows(600, seed=31)
    rows[40][4] = ROUNDED_ID
    rows[900][5] = "12345"
    rows.append(list(rows[1200]))
    for number, values in enumerate(rows, start=1):
        values[0] = number
    return write_roster_xlsx(tmp_path / name, rows, write_only=True)


def imported(path, **options):
    report = import_roster(path, **options)
    described = (report.data_rows, report.households_created, report.residents_created, report.refused_rows,
                 [(p.row, p.column, p.reason) for p in report.problems], report.end_row)
    return described, registry()


def read_by_a_process(monkeypatch):
    """Every streamed sheet, however small, is read by a reading process; lists the readers started."""
    started = []
    real = checked_rows.CheckedRowsFromProcess.__init__

    def counting(self, *args, **kwargs):
        started.append(self)
        real(self, *args, **kwargs)

    monkeypatch.setattr(checked_rows, "MIN_ROWS", 1)
    monkeypatch.setattr(checked_rows.CheckedRowsFromProcess, "__init__", counting)
    return started


def test_a_roster_read_by_a_process_imports_exactly_what_reading_here_imports(db, tmp_path, monkeypatch):
    path = messy_big_roster(tmp_path)
    here = imported(path, dry_run=True)
    readers = read_by_a_process(monkeypatch)
    ahead = imported(path)
    assert len(readers) == 1 and not readers[0].read_here
    assert ahead[0] == here[0]
    assert ahead[0][3] == 3 and ahead[0][5] is not None  # three refused rows, and the table ended at 合计
    assert len(ahead[1]["residents"]) == ahead[0][2] == Resident.alive().count()
    before = snapshot()
    again = import_roster(path)
    assert not again.changed and snapshot() == before


def test_a_big_xlsx_starts_a_reading_process_and_csv_does_not(db, tmp_path, monkeypatch):
    readers = read_by_a_process(monkeypatch)
    import_roster(messy_big_roster(tmp_path), dry_run=True)
    assert len(readers) == 1
    import_roster(write_roster_csv(tmp_path / "r.csv", roster_rows(20, seed=3)), dry_run=True)
    assert len(readers) == 1  # CSV is read here: it streams from the first byte


def reader_that_dies_after_one_batch(connection, path, opened_as, sheet, header_row, columns, today):
    """What a parser abort half-way through a sheet looks like from outside."""
    connection.send(("started", None))
    rows = iter(checked_rows.CheckedRows(_rows_below(path, sheet, header_row), checked_rows.RowReader(columns, today)))
    connection.send(("rows", [(n, None if r is None else checked_rows._row_fields(r), p) for n, r, p in next(rows)]))
    os._exit(3)


def _rows_below(path, sheet, header_row):
    from sync.spreadsheet import open_workbook

    workbook = open_workbook(path)
    return ((n, cells) for n, cells in workbook.iter_rows(sheet) if n > header_row)


def reader_that_dies_on_the_first_rows(connection, *args):
    """A parser abort before the first batch is sent: the file must still not be read here."""
    connection.send(("started", None))
    os._exit(3)


def reader_that_cannot_run(connection, *args):
    """What an unguarded main module does to a spawned process: it ends before its first answer."""
    os._exit(1)


def test_a_reading_process_that_never_answers_leaves_the_reading_here(db, tmp_path, monkeypatch):
    path = messy_big_roster(tmp_path)
    here = imported(path, dry_run=True)
    readers = read_by_a_process(monkeypatch)
    monkeypatch.setattr(checked_rows, "_read_in_process", reader_that_cannot_run)
    assert imported(path)[0] == here[0]
    assert readers[0].read_here


def damaged_half_way(tmp_path):
    """The big roster with the sheet's compressed data garbled in the middle: the top reads, the rest cannot."""
    path = messy_big_roster(tmp_path, "damaged.xlsx")
    with zipfile.ZipFile(path) as package:
        info = package.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    with path.open("rb") as handle:
        handle.seek(info.header_offset + 26)
        name_length, extra_length = struct.unpack("<HH", handle.read(4))
    middle = info.header_offset + 30 + name_length + extra_length + info.compress_size // 2
    data[middle:middle + 64] = bytes(64)
    path.write_bytes(bytes(data))
    return path


def test_the_reading_process_refuses_what_reading_here_refuses(db, tmp_path, monkeypatch):
    path = damaged_half_way(tmp_path)
    before = snapshot()
    with pytest.raises(RosterRefused) as here:
        import_roster(path)
    monkeypatch.setattr(checked_rows, "MIN_ROWS", 1)
    with pytest.raises(RosterRefused) as there:
        import_roster(path)
    assert str(there.value) == str(here.value)
    assert str(there.value).startswith("damaged.xlsx，工作表")
    assert snapshot() == before


def refused_with_nothing_written(path, reason: str) -> None:
    before = snapshot()
    with pytest.raises(RosterRefused) as refused:
        import_roster(path)
    assert str(refused.value) == f"{path.name}：{reason}"
    assert snapshot() == before


@pytest.mark.parametrize("reader", [reader_that_dies_after_one_batch, reader_that_dies_on_the_first_rows])
def test_a_reading_process_that_dies_refuses_the_file_and_writes_nothing(db, tmp_path, monkeypatch, reader):
    """Half-way, or on the first rows before any were sent: the file is refused, never read here,
    where the same parser abort would end the application."""
    path = messy_big_roster(tmp_path)
    readers = read_by_a_process(monkeypatch)
    monkeypatch.setattr(checked_rows, "_read_in_process", reader)
    refused_with_nothing_written(path, READER_STOPPED)
    assert not readers[0].read_here


def test_a_file_replaced_while_its_header_is_read_is_refused(db, tmp_path, monkeypatch):
    """The reading process opens the file again: a file saved anew in between would not match its header."""
    from sync.roster import importer

    path = messy_big_roster(tmp_path)
    real = importer.checked_rows

    def saved_again_after_the_header_was_found(*args, **kwargs):
        os.utime(path, ns=(0, 0))  # another program saves the file
        return real(*args, **kwargs)

    monkeypatch.setattr(checked_rows, "MIN_ROWS", 1)
    monkeypatch.setattr(importer, "checked_rows", saved_again_after_the_header_was_found)
    refused_with_nothing_written(path, checked_rows.CHANGED_MEANWHILE)


def test_the_reading_process_stops_when_the_import_cannot_begin(db, tmp_path, monkeypatch):
    """Setting up the import fails after the reading process started: it must not be left running."""
    from sync.roster import importer

    readers = read_by_a_process(monkeypatch)

    def locked(*args, **kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(importer._Import, "run", locked)
    with pytest.raises(RuntimeError):
        import_roster(messy_big_roster(tmp_path))
    assert len(readers) == 1 and not readers[0]._process.is_alive()


def test_an_unexpected_error_in_the_reading_process_reaches_the_import_as_one_line(tmp_path):
    """A bug in reading must surface as an error of the import (the command line shows one line), not as a
    traceback printed by the reading process or as a file called damaged."""
    import datetime as dt

    from sync.spreadsheet import open_workbook

    path = messy_big_roster(tmp_path)
    columns = {"name": -100}  # a position no row has: the row check fails on the first row
    with open_workbook(path) as workbook:
        here = checked_rows.CheckedRows(iter(()), checked_rows.RowReader(columns, dt.date.today()))
        reading = checked_rows.CheckedRowsFromProcess(path, workbook.opened_as, "花名册", 3, columns, dt.date.today(), here)
        try:
            with pytest.raises(RuntimeError, match="reading process failed: IndexError"):
                list(reading)
        finally:
            reading.close()
