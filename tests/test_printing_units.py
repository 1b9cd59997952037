"""Migration 8 and the mark that lets a responsible unit's contact phone be printed for residents."""

from __future__ import annotations

import sqlite3

from models.database import close_database, open_database
from models.people import ResponsibleUnit
from models.reference_lists import save_unit


def test_migration_8_adds_the_mark_to_a_version_6_database_and_units_start_not_public(tmp_path):
    path = tmp_path / "old.db"
    open_database(path)
    ResponsibleUnit(name="供电公司", hotline="95598", contact_phone="13333333333").save()
    close_database()
    with sqlite3.connect(path) as connection:  # as a database of version 6 (before 7 and 8) left it
        connection.execute('ALTER TABLE "responsible_unit" DROP COLUMN "contact_phone_public"')
        connection.execute("PRAGMA user_version = 6")
    open_database(path)
    try:
        unit = ResponsibleUnit.get(ResponsibleUnit.name == "供电公司")
        assert unit.contact_phone_public is False and unit.contact_phone == "13333333333"
    finally:
        close_database()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 8


def test_the_mark_is_kept_unless_changed(db):
    unit = save_unit("区住建委", hotline="0535-3210001", contact_person="赵工", contact_phone="13344445555",
                     contact_phone_public=True)
    unit = save_unit("区住建委", hotline="0535-3210002", unit=ResponsibleUnit.get_by_id(unit.uuid))
    assert ResponsibleUnit.get_by_id(unit.uuid).contact_phone_public is True
    save_unit("区住建委", unit=unit, contact_phone_public=False)
    assert ResponsibleUnit.get_by_id(unit.uuid).contact_phone_public is False
    assert save_unit("供电公司").contact_phone_public is False
