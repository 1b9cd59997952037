"""Helpers for exchange tests: laptops as database files, a small registry, snapshots to compare.

Only one database is open at a time (the models bind to one global database),
so a `Laptop` opens its file for the length of a `with` block.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from models.database import close_database, open_database
from models.records.identity import make_id_number
from models.records.installation import Installation
from models.records.people import Assignment, Cadre, Household, Resident
from models.records.places import Building, Community, Grid, SubDistrict, Unit
from models.schema import SYNCED_MODELS
from models.storage.connection import database
from models.storage.postgres_url import is_postgres
from models.records.work import Demand, DemandCategory, Visit
from sync.exchange.merge import merge_workbooks
from models.scope import Scope, resolve_scope
from sync.exchange.writer import export_workbook

def valid_id(birth: dt.date = dt.date(1990, 3, 7), sequence: int = 123) -> str:
    return make_id_number("110101", birth, sequence)


class Laptop:
    def __init__(self, path: Path, name: str) -> None:
        self.path = path
        self.name = name

    @contextlib.contextmanager
    def open(self):
        installation = open_database(self.path)
        installation.rename(device_name=self.name)
        try:
            yield installation
        finally:
            close_database()

    def export(self, target: Path, scope: Scope | None = None, **names: str) -> Path:
        """Export `scope`, or the scope `names` give (community=…, grid=…, cadre=…) on this laptop."""
        with self.open() as installation:
            scope = scope or resolve_scope(**names)
            export_workbook(target, scope, installation=installation, app_version="test")
        return target

    def merge(self, *workbooks: Path):
        with self.open() as installation:
            return merge_workbooks(list(workbooks), installation=installation)

    def snapshot(self) -> dict:
        """Every travelling row and every open conflict, in a form that compares across laptops
        (and across stores: the uuid first, then the columns by name, so SQLite's and PostgreSQL's column order do not matter)."""
        if is_postgres(self.path):
            with self.open():
                return self._snapshot(database.connection())
        connection = sqlite3.connect(self.path)
        try:
            return self._snapshot(connection)
        finally:
            connection.close()

    @staticmethod
    def _snapshot(connection) -> dict:
        tables = {}
        for model in SYNCED_MODELS:
            table = model._meta.table_name
            names = sorted(model._meta.columns, key=lambda name: (name != "uuid", name))  # the uuid first
            columns = ", ".join(f'"{name}"' for name in names)
            tables[table] = sorted(connection.execute(f'SELECT {columns} FROM "{table}"').fetchall())
        tables["open conflicts"] = sorted(connection.execute(
            "SELECT record_type, record_uuid, vv, hlc, device, payload FROM conflict WHERE status = 'open'"
        ).fetchall())
        return tables


def seed_registry(installation: Installation) -> dict[str, str]:
    """A sub-district with one grid, two households, three residents, a cadre, a visit and a demand."""
    street = SubDistrict.create(name="南长山街道")
    community = Community.create(sub_district=street, name="乐园社区", hotline="0535-3210000")
    grid = Grid.create(community=community, name="第一网格")
    building = Building.create(grid=grid, name="1号楼", floors=6)
    unit = Unit.create(building=building, name="1单元")
    first = Household.create(grid=grid, building=building, unit=unit, room="101", address="乐园小区1号楼1单元101",
                             phone="13800000001")
    second = Household.create(grid=grid, building=building, unit=unit, room="102", address="乐园小区1号楼1单元102")
    Resident.create(household=first, name="张三明", sex="男", birth_date=dt.date(1990, 3, 7),
                    id_number=valid_id(), phone="13800000001")
    Resident.create(household=first, name="李秀英", relation="配偶", sex="女", birth_date=dt.date(1991, 5, 1),
                    id_number=valid_id(dt.date(1991, 5, 1), 124))
    Resident.create(household=second, name="王建国", sex="男", birth_date=dt.date(1950, 1, 2),
                    id_number=valid_id(dt.date(1950, 1, 2), 331))
    cadre = Cadre.create(name="牟雪", work_unit="区民政局", phone="13900000009", grid=grid)
    Assignment.create(cadre=cadre, household=first, since=dt.date(2026, 1, 5))
    category = DemandCategory.create(name="照明", deadline_days=7)
    visit = Visit.create(household=first, visited_on=dt.date(2026, 3, 1), talked_to="户主", topics="policy handbook",
                         recorded_by=cadre)
    Demand.create(household=first, visit=visit, category=category, description="楼道灯不亮", raised_on=dt.date(2026, 3, 1))
    return {"first": first.uuid, "second": second.uuid, "cadre": cadre.uuid, "grid": grid.uuid}


def office_with_registry(folder: Path, at=None) -> tuple[Laptop, dict[str, str], Path]:
    """An office laptop (or the office master `at` a PostgreSQL URL) with the small registry, and its exported workbook."""
    office = Laptop(at or folder / "office.db", "街道办-主机")
    with office.open() as installation:
        ids = seed_registry(installation)
    return office, ids, office.export(folder / "office.xlsx")


def conflicting_workbooks(folder: Path) -> tuple[Path, list[Path]]:
    """The office workbook, and two laptops' workbooks (A, B) that edited the same household differently."""
    _, ids, base = office_with_registry(folder)
    books = []
    for name, notes in (("A", "甲的记录"), ("B", "乙的记录")):
        laptop = Laptop(folder / f"{name}.db", name)
        laptop.merge(base)
        with laptop.open():
            household = Household.get_by_id(ids["first"])
            household.notes = notes
            household.save()
        books.append(laptop.export(folder / f"{name}.xlsx"))
    return base, books


def edit_cells(path, sheet_title: str, edits: dict[tuple[int, str], object], append: dict[str, object] | None = None,
               delete_row: int | None = None) -> None:
    """Change a workbook the way a person would, with openpyxl (cells by row number and column title)."""
    book = openpyxl.load_workbook(path)
    sheet = book[sheet_title]
    titles = {cell.value: cell.column for cell in sheet[1]}
    for (row, title), value in edits.items():
        sheet.cell(row=row, column=titles[title], value=value)
    if append is not None:
        row = sheet.max_row + 1
        for title, value in append.items():
            sheet.cell(row=row, column=titles[title], value=value)
    if delete_row is not None:
        sheet.delete_rows(delete_row)
    book.save(path)


def row_of(path, sheet_title: str, title: str, value: str) -> int:
    """The number of the first row whose column `title` holds `value`."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet_title).to_python()
    position = rows[0].index(title)
    return next(number for number, row in enumerate(rows, start=1) if row[position] == value)


def without_columns(path, target, columns: dict[str, tuple[str, ...]], sheets: tuple[str, ...] = ()):
    """The workbook as an older Lianxin wrote it: `columns` ({sheet: titles}) and `sheets` taken out."""
    book = openpyxl.load_workbook(path)
    for title in sheets:
        del book[title]
    for sheet_title, titles in columns.items():
        sheet = book[sheet_title]
        for title in titles:
            sheet.delete_cols(next(cell.column for cell in sheet[1] if cell.value == title))
    book.save(target)
    return target
