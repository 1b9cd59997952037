"""Migration 8 and the mark that lets a responsible unit's contact phone be printed for residents."""

from __future__ import annotations

import sqlite3

import openpyxl

from models.database import APPLICATION_ID, close_database, open_database
from models.migrations import LATEST_VERSION, MIGRATIONS
from models.records.people import ResponsibleUnit
from models.work.reference_lists import save_unit
from tests.exchange_fixtures import Laptop, office_with_registry


class RawDatabase:
    """What a migration's `up()` needs, on a plain sqlite3 connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def execute_sql(self, sql: str, params: tuple = ()):
        return self.connection.execute(sql, params)


def test_migration_8_adds_the_mark_to_a_version_6_database_and_units_start_not_public(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:  # a database as Lianxin of schema 6 made it
        for migration in MIGRATIONS:
            if migration.VERSION <= 6:
                migration.up(RawDatabase(connection))
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("PRAGMA user_version = 6")
        connection.execute("INSERT INTO responsible_unit (uuid, name, hotline, contact_phone) "
                           "VALUES ('u1', '供电公司', '95598', '13333333333')")
    connection.close()
    open_database(path)
    try:
        unit = ResponsibleUnit.get(ResponsibleUnit.name == "供电公司")
        assert unit.contact_phone_public is False and unit.contact_phone == "13333333333"
    finally:
        close_database()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    connection.close()


def without_public_mark_column(book, target):
    """The workbook as a Lianxin without the column would have written it (the rest untouched)."""
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["责任单位"]
    titles = [cell.value for cell in sheet[1]]
    sheet.delete_cols(titles.index("联系人电话公开") + 1)
    workbook.save(target)
    return target


def test_a_workbook_written_before_the_mark_existed_keeps_the_offices_mark(tmp_path):
    office, _, _ = office_with_registry(tmp_path)
    with office.open():
        save_unit("区住建委", contact_person="赵工", contact_phone="13344445555", contact_phone_public=True)
    old_laptop = Laptop(tmp_path / "old.db", "旧版")
    old_laptop.merge(office.export(tmp_path / "office.xlsx"))
    with old_laptop.open():  # what an old Lianxin holds: no mark, and a newer edit of the hotline
        unit = ResponsibleUnit.get(ResponsibleUnit.name == "区住建委")
        save_unit("区住建委", hotline="0535-3210009", unit=unit, contact_phone_public=False)
    old = without_public_mark_column(old_laptop.export(tmp_path / "old-new.xlsx"), tmp_path / "old.xlsx")
    [receipt] = office.merge(old)
    assert receipt.accepted and receipt.updated >= 1 and receipt.hand_edits == 0  # its rows check as written
    with office.open():  # "not known" does not take back the office's mark
        unit = ResponsibleUnit.get(ResponsibleUnit.name == "区住建委")
        assert unit.hotline == "0535-3210009" and unit.contact_phone_public is True
    fresh = Laptop(tmp_path / "fresh.db", "新")
    [receipt] = fresh.merge(old)
    assert receipt.accepted and receipt.hand_edits == 0
    with fresh.open():  # a unit that arrives without the mark is not public
        assert ResponsibleUnit.get(ResponsibleUnit.name == "区住建委").contact_phone_public is False


def test_the_mark_is_kept_unless_changed(db):
    unit = save_unit("区住建委", hotline="0535-3210001", contact_person="赵工", contact_phone="13344445555",
                     contact_phone_public=True)
    unit = save_unit("区住建委", hotline="0535-3210002", unit=ResponsibleUnit.get_by_id(unit.uuid))
    assert ResponsibleUnit.get_by_id(unit.uuid).contact_phone_public is True
    save_unit("区住建委", unit=unit, contact_phone_public=False)
    assert ResponsibleUnit.get_by_id(unit.uuid).contact_phone_public is False
    assert save_unit("供电公司").contact_phone_public is False
