"""Reads at once on a PostgreSQL master (models/storage/side_by_side.py): each on its own connection, all of one
moment, every one of them read, errors raised, no connection left open, a caller's own transaction respected."""

from __future__ import annotations

import threading
import time
from contextlib import closing

import psycopg2
import pytest

from desktop.cli import run
from models.database import open_database
from models.storage.connection import database
from models.storage.side_by_side import SPARE_CONNECTIONS, side_by_side
from tests.postgres_server import master  # noqa: F401  (a fixture)


@pytest.fixture
def city(master):  # noqa: F811
    assert run(["--db", master, "demo", "--households", "60"]) == 0
    open_database(master, create=False)
    return master


def _live_households() -> int:
    return database.execute_sql('SELECT count(*) FROM "household" WHERE "deleted" = 0').fetchone()[0]


def _where_and_when() -> tuple[int, str]:
    """(the server process of this read's connection, the snapshot it reads)."""
    return database.execute_sql("SELECT pg_backend_pid(), pg_current_snapshot()::text").fetchone()


def _connections_to(url: str, settled_at: int | None = None) -> int:
    """The other connections to `url`'s database; with `settled_at`, asked again (for up to 30 s) until there are
    that many: a server process ends a moment after its client closed the connection."""
    deadline = time.monotonic() + 30
    with closing(psycopg2.connect(url)) as other:
        other.autocommit = True
        with other.cursor() as cursor:
            while True:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND pid <> pg_backend_pid()")
                count = cursor.fetchone()[0]
                if settled_at is None or count == settled_at or time.monotonic() > deadline:
                    return count
                cursor.execute("SELECT pg_sleep(0.05)")


def test_reads_run_on_their_own_connections_and_all_read_one_moment(city):
    places = side_by_side(_where_and_when, _where_and_when, _where_and_when)
    assert len({pid for pid, _ in places}) == 3  # three connections
    assert len({snapshot for _, snapshot in places}) == 1  # one snapshot


def test_a_merge_committed_while_the_figures_are_read_is_in_none_of_them(city):
    """Another workstation removes a household between the first read's two counts: the first read, and the
    second, which counts once it knows the removal is committed, both count the moment the figures began."""
    before = _live_households()
    committed = threading.Event()

    def count_then_another_workstation_writes_then_count_again():
        first = _live_households()
        with closing(psycopg2.connect(city)) as other, other.cursor() as cursor:
            cursor.execute('UPDATE "household" SET "deleted" = 1 WHERE "uuid" = '
                           '(SELECT "uuid" FROM "household" WHERE "deleted" = 0 ORDER BY "uuid" LIMIT 1)')
            other.commit()
        committed.set()
        return first, _live_households()

    def count_once_it_is_committed():
        assert committed.wait(timeout=60)  # the first read's commit, on another connection
        return _live_households()

    (first, again), beside = side_by_side(count_then_another_workstation_writes_then_count_again,
                                          count_once_it_is_committed)
    assert first == again == beside == before
    assert _live_households() == before - 1  # read afresh, the removal is there


def test_more_reads_than_spare_connections_are_each_read_in_order_within_the_limit(city):
    reads = [lambda number=number: (number, *_where_and_when()) for number in range(SPARE_CONNECTIONS * 2 + 3)]
    results = side_by_side(*reads)
    assert [number for number, _, _ in results] == list(range(len(reads)))
    assert len({pid for _, pid, _ in results}) <= SPARE_CONNECTIONS + 1
    assert len({snapshot for _, _, snapshot in results}) == 1


def test_reads_within_reads_share_the_moment_and_the_limit(city):
    def split_again():
        return side_by_side(_where_and_when, _where_and_when, _where_and_when)

    results = side_by_side(split_again, split_again, split_again)
    places = [place for inner in results for place in inner]
    assert len({snapshot for _, snapshot in places}) == 1
    assert len({pid for pid, _ in places}) <= SPARE_CONNECTIONS + 1


def test_a_failing_read_is_raised_once_the_others_end_and_leaves_no_connection_open(city):
    others_ended = []

    def fails():
        raise ValueError("a read that fails")

    def reads_and_ends():
        _live_households()
        others_ended.append(True)
        return True

    assert _connections_to(city) == 1  # this test's own
    with pytest.raises(ValueError, match="a read that fails"):
        side_by_side(reads_and_ends, fails, reads_and_ends)
    assert others_ended == [True, True]
    assert _connections_to(city, settled_at=1) == 1
    assert not database.in_transaction()
    assert len({pid for pid, _ in side_by_side(*[_where_and_when] * (SPARE_CONNECTIONS + 1))}) == SPARE_CONNECTIONS + 1


def test_inside_a_callers_transaction_the_reads_see_its_own_writes(city):
    before = _live_households()
    with database.atomic() as transaction:
        database.execute_sql('UPDATE "household" SET "deleted" = 1 WHERE "uuid" = '
                             '(SELECT "uuid" FROM "household" WHERE "deleted" = 0 ORDER BY "uuid" LIMIT 1)')
        counts = side_by_side(_live_households, _live_households)
        places = side_by_side(_where_and_when, _where_and_when)
        transaction.rollback()
    assert counts == [before - 1, before - 1]  # not yet committed: only this connection sees it
    assert len({pid for pid, _ in places}) == 1
