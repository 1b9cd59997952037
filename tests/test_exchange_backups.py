"""Copies: made with the backup API, kept within a budget (count and size), checked and restored."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from models.database import DatabaseRefused, database_path
from models.records.people import Household
from sync.exchange.backups import Budget, check_copy, database_size, list_backups, make_backup, restore, restore_backup, rotate
from tests.exchange_fixtures import seed_registry


def test_a_restored_copy_brings_back_the_records_and_keeps_the_present_too(db):
    ids = seed_registry(db)
    copy = make_backup("merge")
    household = Household.get_by_id(ids["first"])
    household.notes = "合并后的内容"
    household.save()
    installation = restore_backup(copy.path)
    assert installation.device_id == db.device_id
    assert Household.get_by_id(ids["first"]).notes == ""
    reasons = [backup.reason for backup in list_backups(database_path())]
    assert "before-restore" in reasons and "merge" in reasons


def test_the_copy_taken_before_a_restore_holds_what_the_restore_replaced(db):
    ids = seed_registry(db)
    copy = make_backup("merge")
    household = Household.get_by_id(ids["first"])
    household.notes = "恢复前的内容"
    household.save()
    restored = restore(copy.path)
    connection = sqlite3.connect(restored.kept.path)
    notes = connection.execute("SELECT notes FROM household WHERE uuid = ?", (ids["first"],)).fetchone()[0]
    connection.close()
    assert notes == "恢复前的内容"


def test_the_budget_keeps_the_newest_copies_up_to_its_count(db):
    seed_registry(db)
    Budget(copies=3, size_multiple=100).save()
    start = dt.datetime(2026, 1, 1, 9, 0, 0)
    made = [make_backup("merge", now=start + dt.timedelta(days=day)) for day in range(6)]
    kept = list_backups(database_path())
    assert [backup.path for backup in kept] == [backup.path for backup in reversed(made[-3:])]


def test_the_budget_keeps_the_copies_within_a_multiple_of_the_database(db):
    seed_registry(db)
    start = dt.datetime(2026, 1, 1, 9, 0, 0)
    Budget(copies=50, size_multiple=100).save()
    for minute in range(5):
        make_backup("merge", now=start + dt.timedelta(minutes=minute))
    one_copy = list_backups(database_path())[0].size
    Budget(copies=50, size_multiple=2.5 * one_copy / database_size(database_path())).save()
    removed = rotate(database_path())
    assert len(removed) == 3 and len(list_backups(database_path())) == 2


def test_the_newest_copy_stays_even_past_the_budget(db):
    seed_registry(db)
    Budget(copies=1, size_multiple=1).save()
    make_backup("merge")
    newest = make_backup("merge", now=dt.datetime.now() + dt.timedelta(seconds=5))
    assert [backup.path for backup in list_backups(database_path())] == [newest.path]


def test_two_copies_in_the_same_second_do_not_overwrite_each_other(db):
    moment = dt.datetime(2026, 5, 6, 7, 8, 9)
    first, second = make_backup("merge", now=moment), make_backup("merge", now=moment)
    assert first.path != second.path and first.path.exists() and second.path.exists()


def test_a_copy_is_a_sound_database_with_every_record(db):
    seed_registry(db)
    copy = make_backup("merge")
    check_copy(copy.path)
    connection = sqlite3.connect(copy.path)
    count = connection.execute("SELECT count(*) FROM household").fetchone()[0]
    connection.close()
    assert count == Household.select().count()


def test_a_copy_cut_short_is_neither_listed_nor_left_behind(db, monkeypatch):
    seed_registry(db)
    real_connect = sqlite3.connect

    class FullDisk:
        def __init__(self, path, *args, **kwargs):
            self._connection = real_connect(path, *args, **kwargs)

        def execute(self, *args):
            return self._connection.execute(*args)

        def backup(self, target, pages):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            self._connection.close()

    monkeypatch.setattr(sqlite3, "connect", FullDisk)
    with pytest.raises(sqlite3.OperationalError):
        make_backup("merge")
    monkeypatch.undo()
    folder = database_path().parent / "backups"
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("content, reason", [
    (b"hello", "not a Lianxin database"),
    (b"", "not a Lianxin database"),
])
def test_a_file_that_is_no_copy_is_refused_before_anything_changes(db, tmp_path, content, reason):
    ids = seed_registry(db)
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(content)
    with pytest.raises(DatabaseRefused, match=reason):
        restore(bogus)
    assert Household.get_by_id(ids["first"]) is not None
    assert list_backups(database_path()) == []
