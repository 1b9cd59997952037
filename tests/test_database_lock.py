"""The writer lock between processes: who holds it is named, a dead holder holds nothing, readers never wait."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.storage import database_lock
from models.database import close_database, open_database
from models.storage.database_lock import DatabaseBusy, locks_for, reading
from models.storage.connection import database

ROOT = Path(__file__).resolve().parent.parent
HOLDER = """
import sys
from models.storage import database_lock
database_lock.configure(command="merge")
database_lock.locks_for(sys.argv[1]).hold_writer()
print("held", flush=True)
sys.stdin.readline()
"""


def hold(db_path: Path) -> subprocess.Popen:
    """Another process holding the writer lock of `db_path`, as a merge would."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "held\n"
    return process


@pytest.fixture
def holder(tmp_path):
    process = hold(tmp_path / "x.db")
    yield process
    process.kill()
    process.wait()


@pytest.fixture
def short_wait():
    database_lock.configure(wait=0.2)
    yield
    database_lock.configure(wait=database_lock.DEFAULT_WAIT)


def test_a_writer_gives_up_after_its_wait_naming_the_holder_and_says_once_that_it_waits(holder, tmp_path, short_wait):
    told = []
    database_lock.configure(on_wait=lambda path, who, limit: told.append(who))
    with pytest.raises(DatabaseBusy) as busy:
        locks_for(tmp_path / "x.db").hold_writer()
    assert (busy.value.holder.command, busy.value.holder.pid) == ("merge", holder.pid)
    assert f"another Lianxin (merge, process {holder.pid}, since " in str(busy.value)
    assert [(who.command, who.pid) for who in told] == [("merge", holder.pid)]


def test_the_lock_of_a_killed_holder_is_taken_at_once(holder, tmp_path, short_wait):
    holder.kill()
    holder.wait()
    locks = locks_for(tmp_path / "x.db")
    locks.hold_writer("import-roster")
    try:
        assert (locks.holder().command, locks.holder().pid) == ("import-roster", os.getpid())
    finally:
        locks.release_writer()
    assert locks.holder() is None


def test_transactions_that_only_read_do_not_wait_for_a_writer(tmp_path, short_wait):
    open_database(tmp_path / "x.db")
    holder = hold(tmp_path / "x.db")
    try:
        with reading(), database.atomic():
            assert database.execute_sql("SELECT count(*) FROM household").fetchone()[0] == 0
        with pytest.raises(DatabaseBusy):
            with database.atomic():
                pass
    finally:
        close_database()
        holder.kill()
        holder.wait()


def test_within_a_process_the_lock_is_counted_not_taken_again(tmp_path):
    locks = locks_for(tmp_path / "y.db")
    with locks.writing("merge"):
        with locks.writing("demo"):
            assert locks.holder().command == "merge"
        assert locks.writing_here()
    assert not locks.writing_here() and locks.holder() is None
