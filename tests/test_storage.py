"""Opening databases: new files are migrated, foreign files are refused and left untouched."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from models.database import APPLICATION_ID, DatabaseRefused, close_database, open_database
from models.storage.connection import database
from models.migrations import LATEST_VERSION
from models.records.places import SubDistrict


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_migrated_with_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "new.db"
    installation = open_database(path)
    try:
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert database.execute_sql("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert len(installation.device_id) == 12
    finally:
        close_database()


def test_reopening_keeps_data_and_device_identity(tmp_path):
    path = tmp_path / "keep.db"
    first = open_database(path)
    SubDistrict(name="南长山街道").save()
    close_database()
    second = open_database(path)
    try:
        assert second.device_id == first.device_id
        assert [s.name for s in SubDistrict.select()] == ["南长山街道"]
    finally:
        close_database()


def test_text_file_is_refused_and_left_byte_for_byte(tmp_path):
    path = tmp_path / "notadb.txt"
    path.write_text("户主姓名,身份证号\n张三,1\n", encoding="utf-8")
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="not a Lianxin database"):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notadb.txt"]


def test_other_programs_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="another program"):
        open_database(path)
    assert digest(path) == before


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    open_database(path)
    close_database()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=delete")
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="newer Lianxin"):
        open_database(path)
    assert digest(path) == before


def test_failed_migration_leaves_previous_version(tmp_path, monkeypatch):
    from models import migrations

    class Broken:
        VERSION = LATEST_VERSION + 1

        @staticmethod
        def up(db):
            db.execute_sql("CREATE TABLE half_done (x)")
            raise RuntimeError("disk full")

    path = tmp_path / "m.db"
    open_database(path)
    close_database()
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + (Broken,))
    with pytest.raises(RuntimeError):
        open_database(path)
    close_database()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name='half_done'").fetchone()[0] == 0
    connection.close()
