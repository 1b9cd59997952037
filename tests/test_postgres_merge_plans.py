"""A merge on PostgreSQL plans its key checks afresh while the master grows, not for every file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from peewee import PostgresqlDatabase

from models.database import close_database, open_database
from models.demo import generate_demo
from models.scope import Scope
from models.storage.connection import database
from sync.exchange.merge import merge_workbooks
from sync.exchange.writer import export_workbook
from tests.postgres_server import master  # noqa: F401  (a fixture)

HOUSEHOLDS_PER_FILE = 60
FILES = 12


@pytest.fixture
def laptops_workbooks(tmp_path) -> list[Path]:
    """Twelve laptops' workbooks, each 60 households of one demo district that no other file holds."""
    installation = open_database(tmp_path / "district.db")
    generate_demo(HOUSEHOLDS_PER_FILE * FILES, seed=3, today=dt.date(2026, 12, 1))
    households = [uuid for (uuid,) in database.execute_sql('SELECT "uuid" FROM "household" ORDER BY "rowid"')]
    paths = []
    for number in range(FILES):
        path = tmp_path / f"laptop{number}.xlsx"
        export_workbook(path, Scope(households=tuple(households[number::FILES])), installation=installation)
        paths.append(path)
    close_database()
    return paths


def test_plans_are_forgotten_as_an_empty_master_grows_and_not_again_once_it_has(master, laptops_workbooks,  # noqa: F811
                                                                              monkeypatch):
    forgotten = []
    asked = PostgresqlDatabase.execute_sql

    def counting(self, sql, *args, **kwargs):
        if sql == "DISCARD PLANS":
            forgotten.append(database.execute_sql('SELECT count(*) FROM "household"').fetchone()[0])
        return asked(self, sql, *args, **kwargs)

    monkeypatch.setattr(PostgresqlDatabase, "execute_sql", counting)
    installation = open_database(master)
    receipts = merge_workbooks(laptops_workbooks[:8], installation=installation)
    assert all(receipt.accepted for receipt in receipts)
    assert forgotten[0] == 0  # before the first file: planned for the master as it is
    assert 2 <= len(forgotten) < 8  # again as it grew, not before every file
    assert forgotten == sorted(forgotten)
    forgotten.clear()
    receipts = merge_workbooks(laptops_workbooks[8:], installation=installation)  # the same connection, grown
    assert all(receipt.accepted for receipt in receipts)
    assert len(forgotten) <= 1
    assert database.execute_sql('SELECT count(*) FROM "household"').fetchone()[0] == HOUSEHOLDS_PER_FILE * FILES
