"""Copies before merging: made, rotated by age while keeping the newest, and restored."""

from __future__ import annotations

import datetime as dt

from models.database import database_path
from models.people import Household
from sync.exchange.backups import KEEP_AT_LEAST, list_backups, make_backup, restore_backup, rotate
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


def test_old_copies_go_but_the_newest_stay(db):
    start = dt.datetime(2026, 1, 1, 9, 0, 0)
    for day in range(KEEP_AT_LEAST + 4):
        make_backup("merge", now=start + dt.timedelta(days=day), keep_days=10_000)
    assert len(list_backups(database_path())) == KEEP_AT_LEAST + 4
    removed = rotate(database_path(), keep_days=3, now=start + dt.timedelta(days=KEEP_AT_LEAST + 3, hours=12))
    kept = list_backups(database_path())
    assert len(removed) == 4 and len(kept) == KEEP_AT_LEAST
    assert kept[0].made_at == start + dt.timedelta(days=KEEP_AT_LEAST + 3)


def test_two_copies_in_the_same_second_do_not_overwrite_each_other(db):
    moment = dt.datetime(2026, 5, 6, 7, 8, 9)
    first, second = make_backup("merge", now=moment), make_backup("merge", now=moment)
    assert first.path != second.path and first.path.exists() and second.path.exists()
