"""The background writer an import hands its rows to: in order, in the caller's transaction, errors not lost."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from models.storage.bulk_writer import SWITCH_INTERVAL, BulkWriter
from models.storage.connection import database


@pytest.fixture
def table(db):
    database.execute_sql('CREATE TABLE "item" ("id" INTEGER PRIMARY KEY, "name" TEXT, "note" TEXT)')
    return "item"


def _items():
    return database.execute_sql('SELECT "id", "name", "note" FROM "item" ORDER BY "id"').fetchall()


def test_every_row_is_written_whatever_the_batch_size(table):
    rows = [(number, f"name {number}") for number in range(2_345)]  # more than one statement's worth
    with database.atomic():
        with BulkWriter() as writer:
            writer.submit('INSERT INTO "item" ("id", "name", "note") VALUES (?, ?, \'x\')', rows[:2_001])
            writer.submit('INSERT INTO "item" ("id", "name", "note") VALUES (?, ?, \'x\')', rows[2_001:])
    assert _items() == [(number, name, "x") for number, name in rows]


def test_statements_run_in_the_order_they_were_given(table):
    with database.atomic():
        with BulkWriter() as writer:
            writer.submit('INSERT INTO "item" ("id", "name") VALUES (?, ?)', [(1, "first")])
            writer.execute('UPDATE "item" SET "note" = "name" || ?', ("!",))
            writer.submit('INSERT INTO "item" ("id", "name") VALUES (?, ?)', [(2, "second")])
    assert _items() == [(1, "first", "first!"), (2, "second", None)]


def test_a_failed_insert_is_raised_to_the_caller_and_the_transaction_rolls_back(table):
    with pytest.raises(sqlite3.IntegrityError):
        with database.atomic():
            with BulkWriter() as writer:
                writer.submit('INSERT INTO "item" ("id", "name") VALUES (?, ?)', [(1, "a"), (2, "b")])
                writer.submit('INSERT INTO "item" ("id", "name") VALUES (?, ?)', [(2, "again")])
    assert _items() == []


def test_an_error_in_the_caller_abandons_what_is_queued(table):
    with pytest.raises(RuntimeError):
        with database.atomic():
            with BulkWriter() as writer:
                writer.submit('INSERT INTO "item" ("id", "name") VALUES (?, ?)', [(1, "a")])
                raise RuntimeError("cancelled")
    assert _items() == []


def test_threads_switch_quickly_while_a_writer_runs_and_as_before_after(table):
    """The application's own switch interval comes back however the writer ends."""
    before = sys.getswitchinterval()
    with database.atomic():
        with BulkWriter() as writer:
            assert sys.getswitchinterval() == SWITCH_INTERVAL < before
            writer.submit('INSERT INTO "item" ("id", "name") VALUES (?, ?)', [(1, "a")])
    assert sys.getswitchinterval() == before
    with pytest.raises(sqlite3.IntegrityError), database.atomic():
        with BulkWriter() as writer:
            writer.submit('INSERT INTO "item" ("id", "name") VALUES (?, ?)', [(1, "again")])
    assert sys.getswitchinterval() == before
    with pytest.raises(RuntimeError), database.atomic():
        with BulkWriter():
            raise RuntimeError("cancelled")
    assert sys.getswitchinterval() == before


def test_overlapping_writers_keep_quick_switches_until_the_last_one_stops(table):
    before = sys.getswitchinterval()
    with database.atomic():
        first, second = BulkWriter(), BulkWriter()
        first.close()
        assert sys.getswitchinterval() == SWITCH_INTERVAL  # the second still writes
        second.close()
    assert sys.getswitchinterval() == before
