"""The exchange operations as the window and the command line call them: no screen, no QApplication.

What a person relies on: a merge keeps a copy of the database before it writes
and none when it writes nothing, holds the writer lock under the name it is
given, and says that everything may have changed only when a file was merged;
a conflict is settled with the values typed, checked first; a copy is listed
within its budget and restored; an export changes nothing.
"""

from __future__ import annotations

import pytest

from desktop.operations import backups, conflicts, exchange
from desktop.operations.outcome import EVERYTHING, Refused
from models.database import close_database, database_path, open_database
from models.storage.database_lock import holder_of
from models.records.people import Household
from tests.exchange_fixtures import conflicting_workbooks, office_with_registry


@pytest.fixture
def books(tmp_path):
    base, laptops = conflicting_workbooks(tmp_path / "books")
    return base, laptops


@pytest.fixture
def office(tmp_path, books):
    """A database of its own to merge into (the laptops of `books` closed theirs)."""
    installation = open_database(tmp_path / "office.db")
    yield installation
    close_database()


def test_a_merge_keeps_one_copy_before_it_writes_and_names_its_lock(office, books):
    base, laptops = books
    told = []

    def backup_made(backup):
        told.append((backup.reason, holder_of(database_path()).command))

    merged = exchange.merge(files=[base, *laptops], holder="merge (window)", on_backup=backup_made)
    assert [receipt.accepted for receipt in merged.value] == [True, True, True]
    assert told == [("merge", "merge (window)")]  # one copy, made while the lock named the merge
    assert merged.changed.names() == [EVERYTHING]
    assert [backup.reason for backup in backups.backups().value.copies] == ["merge"]
    assert holder_of(database_path()) is None  # let go when the merge ended


def test_a_merge_that_brings_nothing_new_makes_no_copy_and_changes_nothing(office, books, tmp_path):
    base, _ = books
    exchange.merge(files=[base])
    again = exchange.merge(files=[base], on_backup=lambda backup: pytest.fail("a copy for a merge that writes nothing"))
    assert [receipt.recognised for receipt in again.value] == [True]
    assert not again.changed
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_text("not a workbook")
    refused = exchange.merge(files=[bogus])
    assert not refused.value[0].accepted and not refused.changed
    assert len(backups.backups().value.copies) == 1


def test_a_conflict_is_listed_compared_checked_and_settled(office, books):
    base, laptops = books
    exchange.merge(files=[base, *laptops])
    assert conflicts.open_conflict_count() == 1
    (table, uuid), = conflicts.conflict_keys()
    row = conflicts.conflict_row(table, uuid)
    assert (row.table, row.kind, row.label, row.versions) == ("household", "住户", "乐园小区1号楼1单元101", 2)
    record = conflicts.conflicted_record(table, uuid)
    titles = [column.title for column in conflicts.fields(table)]
    texts = [conflicts.shown(column, record.sides[1].values.get(column.column)) for column in conflicts.fields(table)]
    kept_notes = texts[titles.index("备注")]
    bad = list(texts)
    bad[titles.index("已删除")] = "也许"
    with pytest.raises(Refused, match="^已删除: "):
        conflicts.checked_values(table, bad)
    assert conflicts.open_conflict_count() == 1  # checked before anything is written
    settled = conflicts.settle(record=record, values=conflicts.checked_values(table, texts))
    assert settled.changed.names() == ["conflict", "household"]
    assert conflicts.open_conflict_count() == 0 and conflicts.conflict_keys() == []
    assert Household.get_by_id(uuid).notes == kept_notes


def test_a_copy_is_listed_within_the_budget_and_restored(office, books):
    base, _ = books
    exchange.merge(files=[base])
    assert Household.select().count() == 2
    backups.save_budget(copies=3, size_multiple=2.5)
    listed = backups.backups().value
    assert (listed.budget.copies, listed.budget.size_multiple) == (3, 2.5)
    assert listed.kept == listed.copies and listed.note == ""
    restored = backups.restore_backup(backup=listed.copies[0].path)
    assert restored.changed.names() == [EVERYTHING]
    assert restored.value.installation.device_id == office.device_id
    assert Household.select().count() == 0  # as it was before the merge
    assert [b.reason for b in backups.backups().value.copies] == ["before-restore", "merge"]


def test_an_export_writes_the_workbook_and_changes_nothing(tmp_path):
    laptop, ids, _ = office_with_registry(tmp_path)
    with laptop.open():
        written = exchange.export(path=tmp_path / "again.xlsx")
        assert written.value.rows["住户"] == 2 and not written.changed
        receipt = exchange.save_receipt(path=tmp_path / "receipt.xlsx", receipts=[])
        assert receipt.value.exists() and not receipt.changed
