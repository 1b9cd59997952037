"""A disk that fills up during a merge or an import: the database stays as it was, and one line says why.

Two ways to fill it: SQLite told it may add only a few pages to the database
(`max_page_count`, through tests/lianxin_with_faults.py), and, where this test
may mount one (root on Linux), a small real file system with a few hundred
kilobytes left.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.reliability import run, tables
from tests.reliability_data import laptop_books, medium_roster, merge_books, office  # noqa: F401  (fixtures)


def the_full_disk_line(result) -> str:
    assert "Traceback" not in result.err, result.err
    told = [line for line in result.lines if "full" in line]
    assert len(told) == 1, result.err
    return told[0]


def test_a_merge_that_fills_the_database_changes_nothing(office, laptop_books, tmp_path):
    db_path = tmp_path / "office.db"
    shutil.copyfile(office, db_path)
    before = tables(db_path)
    books = laptop_books[:3]  # read here: fewer than a merge starts reading processes for
    result = run("--db", db_path, "merge", *books, fault="pages:2")
    assert result.process.returncode == 1
    assert the_full_disk_line(result) == (f"lianxin merge: {db_path}: the disk is full (database or disk is full); "
                                          "make room and try again; nothing was changed")
    assert tables(db_path) == before
    assert run("--db", db_path, "merge", *books).process.returncode == 0  # room again: it goes through


def test_an_import_that_fills_the_database_changes_nothing(office, medium_roster, tmp_path):
    db_path = tmp_path / "office.db"
    shutil.copyfile(office, db_path)
    before = tables(db_path)
    result = run("--db", db_path, "import-roster", medium_roster, fault="pages:2")
    assert result.process.returncode == 1
    assert the_full_disk_line(result).endswith("the disk is full (database or disk is full); make room and try again; "
                                               "nothing was changed")
    assert tables(db_path) == before


@pytest.fixture
def small_file_system(tmp_path):
    """A 24 MB file system of its own (tmpfs), or skip where none can be mounted."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount_point)],
                                           capture_output=True).returncode != 0:
        pytest.skip("no small file system can be mounted here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def fill(folder: Path, leave: int) -> Path:
    """Fill the file system of `folder` until about `leave` bytes are free."""
    filler = folder / "filler"
    statistics = os.statvfs(folder)
    free = statistics.f_bavail * statistics.f_frsize
    with filler.open("wb") as handle:
        handle.truncate(0)
        handle.write(b"\0" * max(0, free - leave))
    return filler


@pytest.mark.parametrize("room", [300_000, "a copy and 300 KB"])
def test_a_merge_on_a_disk_that_fills_up_leaves_the_database_as_it_was(office, laptop_books, small_file_system, room):
    db_path = small_file_system / "office.db"
    shutil.copyfile(office, db_path)
    before = tables(db_path)
    leave = room if isinstance(room, int) else db_path.stat().st_size + 300_000
    filler = fill(small_file_system, leave)
    books = laptop_books[:3]
    result = run("--db", db_path, "merge", *books)
    assert result.process.returncode == 1
    assert "the disk is full" in the_full_disk_line(result)
    assert tables(db_path) == before
    assert not list(small_file_system.glob("backups/.*.partial"))  # a copy cut short is not left behind
    filler.unlink()
    assert run("--db", db_path, "merge", *books).process.returncode == 0
