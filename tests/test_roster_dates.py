"""A roster's 出生日期 as offices' programs leave it: date cells, serial numbers, typed text — one reading for all.

The same rules as the exchange's date columns (`sync.spreadsheet.cell_values`):
a plausible serial and a typed date are that date, and the import report says
how many were read that way; anything else is refused naming row and column.
"""

from __future__ import annotations

import datetime as dt

from models.records.people import Resident
from sync.roster.importer import import_roster
from tests.roster_fixtures import HEADER, roster_rows, write_roster_xlsx


def _birth(id_number: str) -> dt.date:
    return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def _with_births(rows, forms):
    """HEADER plus 出生日期, each row's birth date written by the next of `forms` in turn."""
    return [[*row, forms[i % len(forms)](_birth(row[4]))] for i, row in enumerate(rows)]


SERIAL = lambda date: float((date - dt.date(1899, 12, 30)).days)  # noqa: E731
CELL = lambda date: dt.datetime.combine(date, dt.time())  # noqa: E731
SLASHES = lambda date: f"{date.year}/{date.month}/{date.day}"  # noqa: E731
CHINESE = lambda date: f"{date.year}年{date.month}月{date.day}日"  # noqa: E731


def test_birth_dates_as_serials_and_typed_text_are_read_and_counted(db, tmp_path):
    rows = _with_births(roster_rows(6, seed=7), [CELL, SERIAL, SLASHES, CHINESE])
    report = import_roster(write_roster_xlsx(tmp_path / "r.xlsx", rows, header=[*HEADER, "出生日期"]))
    assert report.refused_rows == 0 and report.imported_rows == len(rows)
    lenient = sum(1 for i in range(len(rows)) if i % 4)
    assert report.birth_dates_read_leniently == lenient
    assert f"出生日期：{lenient} 个是数字或文字，已按日期读出" in report.summary_lines()
    for row in rows:
        assert Resident.get(Resident.id_number == row[4]).birth_date == _birth(row[4])


def test_a_birth_date_that_is_no_date_is_refused_naming_row_and_column(db, tmp_path):
    rows = _with_births(roster_rows(2, seed=7), [SERIAL])
    rows[0][-1] = "7/3/1990"
    report = import_roster(write_roster_xlsx(tmp_path / "r.xlsx", rows, header=[*HEADER, "出生日期"]))
    assert report.refused_rows == 1
    problem = report.problems[0]
    assert problem.column == "N" and "7/3/1990" in problem.reason
