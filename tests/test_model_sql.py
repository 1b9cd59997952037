"""The plain SQL of bulk writers follows the models: a field added to a model is written, or stops the build.

Bulk writers (the roster's import, the merge) insert with plain SQL for speed.
Their column lists come from the models (`models.storage.model_sql`); one written by
hand would leave a new field NULL without a word, and the tests below fail as
soon as a statement does not name every column of its model.
"""

from __future__ import annotations

import re

import pytest
from peewee import Model, TextField

from models.records.audit import AuditEntry
from models.records.conflicts import Conflict
from models.records.merged_files import MergedFile
from models.storage.model_sql import columns_of, insert_statement
from models.records.people import Household, MicroGrid, Resident
from models.records.places import Building, Community, Grid, SubDistrict, Unit
from sync.exchange import merge, recognised_files
from sync.roster import importer
from sync.roster import micro_grid_book, place_book
from sync.roster.importer import import_roster
from tests.roster_fixtures import roster_rows, write_roster_xlsx

BULK_INSERTS = [
    (importer.HOUSEHOLD_INSERT, Household), (importer.RESIDENT_INSERT, Resident),
    (place_book.INSERTS["s"], SubDistrict), (place_book.INSERTS["c"], Community), (place_book.INSERTS["g"], Grid),
    (place_book.INSERTS["b"], Building), (place_book.INSERTS["u"], Unit),
    (micro_grid_book.MICRO_GRID_INSERT, MicroGrid), (merge.AUDIT_INSERT, AuditEntry), (merge.KEPT_INSERT, Conflict), (recognised_files.INSERT, MergedFile),
]


def named_columns(sql: str) -> list[str]:
    return re.findall(r'"(\w+)"', sql.split("VALUES")[0])[1:]  # (the first is the table)


@pytest.mark.parametrize("sql, model", BULK_INSERTS, ids=lambda item: getattr(item, "__name__", ""))
def test_every_bulk_insert_names_every_column_of_its_model(sql, model):
    assert sorted(named_columns(sql)) == sorted(columns_of(model))
    values = sql.split("VALUES", 1)[1].split(" ON CONFLICT")[0]
    assert values.count(",") + 1 == len(columns_of(model))


def test_the_columns_a_roster_reads_and_compares_are_the_residents():
    assert set(importer.Stored._fields) <= set(columns_of(Resident))
    assert set(importer.UPDATABLE) <= set(importer.Stored._fields)


class Entry(Model):
    """A model of its own (a subclass of a real one would add its back-references to the real parents)."""

    uuid = TextField(primary_key=True)
    name = TextField()
    notes = TextField(default="")


def test_a_field_added_to_a_model_joins_its_bulk_insert_with_its_default():
    class EntryWithNickname(Entry):
        nickname = TextField(default="")

    assert insert_statement(Entry, ("uuid", "name")).endswith('("uuid", "name", "notes") VALUES (?, ?, \'\')')
    sql = insert_statement(EntryWithNickname, ("uuid", "name"))
    assert named_columns(sql)[-1] == "nickname" and sql.endswith(", '', '')")


def test_a_field_without_a_constant_default_stops_the_statement_from_being_built():
    class EntryWithBadge(Entry):
        badge = TextField()

    with pytest.raises(ValueError, match="badge"):
        insert_statement(EntryWithBadge, ("uuid", "name"))
    with pytest.raises(ValueError, match="name"):
        insert_statement(Entry, ("uuid",))
    with pytest.raises(ValueError, match="nickname"):
        insert_statement(Resident, (*importer.RESIDENT_COLUMNS, "nickname"))


def test_the_columns_given_follow_the_models_order():
    """So each row goes into the table as it is bound, without SQLite shuffling its values."""
    assert insert_statement(Household, importer.HOUSEHOLD_COLUMNS).startswith(
        'INSERT INTO "household" ("uuid", "hlc", "device", "vv", "deleted", "grid_id"')
    with pytest.raises(ValueError, match="order"):
        insert_statement(Household, ("hlc", "uuid"))


def test_places_a_roster_creates_have_the_defaults_of_their_models(db, tmp_path):
    """The hand-written lists left grid and building kinds to the table's default (''), not the model's."""
    import_roster(write_roster_xlsx(tmp_path / "r.xlsx", roster_rows(3, seed=4)))
    assert {grid.kind for grid in Grid.select()} == {Grid.kind.default}
    assert {building.kind for building in Building.select()} == {Building.kind.default}
    assert {(household.phone, household.tags, household.deleted) for household in Household.select()} == {("", "", False)}
