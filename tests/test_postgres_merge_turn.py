"""A file's turn to write on PostgreSQL reads the master again only when something was committed since its
decisions read it: nothing committed, its decisions stand as made; any commit, and what they read is read again.

Needs a server (LIANXIN_TEST_PG; .ci/run starts a throwaway one): without it these are skipped, saying why.
"""

from __future__ import annotations

from contextlib import closing

import pytest

from models.records.people import Household
from models.storage.connection import database
from sync.exchange import merge as merge_module
from tests.exchange_fixtures import Laptop, office_with_registry
from tests.postgres_server import _admin, master  # noqa: F401


@pytest.fixture
def office_and_file(master, tmp_path):
    """(the office on the master, holding the registry; a laptop's workbook that edits every household of it)."""
    _, _, base = office_with_registry(tmp_path)
    office = Laptop(master, "office")
    office.merge(base)
    laptop = Laptop(tmp_path / "laptop.db", "网格员")
    laptop.merge(base)
    with laptop.open():
        for household in Household.select():
            household.notes = f"{household.notes}；走访".lstrip("；")
            household.save()
    return office, laptop.export(tmp_path / "laptop.xlsx")


def committed_elsewhere(url: str, statement: str) -> None:
    """`statement`, committed by another connection (another workstation, the window of another office PC)."""
    with closing(_admin(url)) as connection, connection.cursor() as cursor:
        cursor.execute(statement)


def watch_the_turn(monkeypatch, before_the_turn=lambda: None) -> dict[str, int]:
    """Count the reads of the versions the master holds and the turns whose decisions were made again;
    `before_the_turn` runs once the decisions are made, before the turn to write."""
    seen = {"version reads": 0, "decided again": 0}
    versions_held = type(database.obj).versions_held
    writing_turn = merge_module._writing_turn

    def counted_versions_held(self, wanted):
        seen["version reads"] += 1
        return versions_held(self, wanted)

    def turn(merge, file_print):
        before_the_turn()
        unchanged = writing_turn(merge, file_print)
        seen["decided again"] += not unchanged
        return unchanged

    monkeypatch.setattr(type(database.obj), "versions_held", counted_versions_held)
    monkeypatch.setattr(merge_module, "_writing_turn", turn)
    return seen


def test_with_nothing_committed_since_the_decisions_the_turn_reads_nothing_again(office_and_file, monkeypatch):
    office, book = office_and_file
    with office.open():
        seen = watch_the_turn(monkeypatch)
    receipt, = office.merge(book)
    assert receipt.accepted and receipt.updated > 0
    assert seen == {"version reads": 1, "decided again": 0}  # read once, to decide


def test_a_commit_elsewhere_in_between_has_the_turn_read_again_and_keep_decisions_it_did_not_touch(
        office_and_file, master, monkeypatch):
    office, book = office_and_file
    committed_elsewhere(master, "CREATE TABLE IF NOT EXISTS another_program_s_notes (line text)")
    with office.open():
        seen = watch_the_turn(monkeypatch, lambda: committed_elsewhere(
            master, "INSERT INTO another_program_s_notes VALUES ('not a record the file read')"))
    receipt, = office.merge(book)
    assert receipt.accepted and receipt.updated > 0
    assert seen == {"version reads": 2, "decided again": 0}


def test_a_commit_of_a_record_the_decisions_read_has_them_made_again(office_and_file, master, monkeypatch):
    """(As another workstation's merge would: the version vector of a household the file edits changes.)"""
    office, book = office_and_file
    with office.open():
        household = Household.select().first()
        seen = watch_the_turn(monkeypatch, lambda: committed_elsewhere(
            master, f"UPDATE household SET vv = vv || ' ' WHERE uuid = '{household.uuid}'"))
    receipt, = office.merge(book)
    assert receipt.accepted
    assert seen["decided again"] == 1


def test_the_commits_mark_moves_with_a_commit_that_wrote_and_only_then(master):
    office = Laptop(master, "office")
    committed_elsewhere(master, "CREATE TABLE IF NOT EXISTS another_program_s_notes (line text)")
    with office.open():
        with database.atomic():
            mark = database.obj.commits_mark()
            committed_elsewhere(master, "SELECT count(*) FROM household")  # a read commits nothing
            assert database.obj.commits_mark() == mark
            committed_elsewhere(master, "INSERT INTO another_program_s_notes VALUES ('x')")
            assert database.obj.commits_mark() != mark
        with database.atomic():  # a transaction whose snapshot is fixed cannot tell: no mark, so no shortcut
            database.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            assert database.obj.commits_mark() is None


def test_a_commit_while_the_decisions_read_counts_as_one_since_they_read(office_and_file, master, monkeypatch):
    """The mark is taken before the versions are read: a commit landing while they are read moves it."""
    office, book = office_and_file
    committed_elsewhere(master, "CREATE TABLE IF NOT EXISTS another_program_s_notes (line text)")
    with office.open():
        seen = watch_the_turn(monkeypatch)
        counted = type(database.obj).versions_held

        def a_commit_first(self, wanted):
            if seen["version reads"] == 0:
                committed_elsewhere(master, "INSERT INTO another_program_s_notes VALUES ('during the read')")
            return counted(self, wanted)

        monkeypatch.setattr(type(database.obj), "versions_held", a_commit_first)
    receipt, = office.merge(book)
    assert receipt.accepted
    assert seen == {"version reads": 2, "decided again": 0}
