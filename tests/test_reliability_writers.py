"""Two writers at once, across processes: one waits for the other, saying for whom; nothing is lost; exits are honest.

A merge of nine laptops' workbooks is paused on purpose before its second file
(it holds the writer lock then), so the second writer is started at a moment
the test knows.  Restore needs the database to
itself: it refuses while a window has it open.
"""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
from pathlib import Path

from tests.reliability import Lianxin, run, tables, wait_until
from tests.reliability_data import (  # noqa: F401  (fixtures)
    laptop_books, laptops_merged, merge_books, office, small_roster)


def paused_merge(db_path: Path, books: list[Path]) -> Lianxin:
    merging = Lianxin("--db", db_path, "merge", *books, fault="pause-before:1")
    merging.wait_for(f"paused before {books[1].name}")
    return merging


def households(db_path: Path) -> int:
    return json.loads(run("--db", db_path, "stats", "--json").out)["households"]


def test_a_restore_waits_for_a_merge_then_restores_and_the_merge_is_kept_in_the_copy_before(
        laptop_books, laptops_merged, office, tmp_path):
    db_path = tmp_path / "field.db"
    copy = tmp_path / "copy.db"
    shutil.copyfile(office, copy)
    merging = paused_merge(db_path, laptop_books)
    restoring = Lianxin("--db", db_path, "restore", copy)
    restoring.wait_for(rf"waiting: another Lianxin \(merge, process {merging.pid}\b")
    merging.send_line()
    assert merging.finish() == 0, merging.err
    assert len(merging.out.splitlines()) == len(laptop_books)  # a receipt per file: all were merged
    assert restoring.finish() == 0, restoring.err
    assert tables(db_path) == tables(copy)
    kept = Path(restoring.wait_for("the database as it was: ").split(": ", 1)[1])
    assert tables(kept) == tables(laptops_merged)  # nothing the merge wrote is lost


def test_a_second_writer_gives_up_after_its_wait_and_names_the_holder(laptop_books, small_roster, tmp_path):
    db_path = tmp_path / "field.db"
    merging = paused_merge(db_path, laptop_books)
    before = tables(db_path)
    for command in (["import-roster", small_roster], ["merge", laptop_books[-1]], ["demo", "--households", "5"]):
        waiting = run("--db", db_path, *command, "--wait", "0.3")
        assert waiting.process.returncode == 1, waiting.err
        last = waiting.lines[-1]
        assert f"in use: another Lianxin (merge, process {merging.pid}" in last and "Traceback" not in waiting.err
    assert tables(db_path) == before
    committed = sqlite3.connect(db_path).execute("SELECT count(*) FROM household WHERE deleted = 0").fetchone()[0]
    reading = run("--db", db_path, "stats", "--json", "--wait", "0")  # a reader neither waits nor sees half a merge
    assert reading.process.returncode == 0 and json.loads(reading.out)["households"] == committed
    merging.send_line()
    assert merging.finish() == 0, merging.err
    assert len(list((tmp_path / "backups").iterdir())) == 1  # the merge's; the refused writers made none


def test_an_import_waits_for_a_merge_and_both_are_kept(laptop_books, laptops_merged, small_roster, tmp_path):
    db_path = tmp_path / "field.db"
    merging = paused_merge(db_path, laptop_books)
    importing = Lianxin("--db", db_path, "import-roster", small_roster)
    importing.wait_for(rf"waiting: another Lianxin \(merge, process {merging.pid}\b")
    merging.send_line()
    assert merging.finish() == 0, merging.err
    assert importing.finish() == 0, importing.err
    alone = tmp_path / "roster-only.db"
    assert run("--db", alone, "import-roster", small_roster).process.returncode == 0
    assert households(db_path) == households(laptops_merged) + households(alone)


def test_two_merges_of_the_same_files_end_as_one(laptop_books, laptops_merged, tmp_path):
    db_path = tmp_path / "field.db"
    first = paused_merge(db_path, laptop_books)
    second = Lianxin("--db", db_path, "merge", *laptop_books)
    second.wait_for(rf"waiting: another Lianxin \(merge, process {first.pid}\b")
    first.send_line()
    assert first.finish() == 0, first.err
    assert second.finish() == 0, second.err
    assert all("already merged" in line for line in second.out.splitlines())
    assert tables(db_path) == tables(laptops_merged)
    assert len(list((tmp_path / "backups").iterdir())) == 1  # the second wrote nothing: no copy


def test_restore_refuses_while_a_window_has_the_database_open_and_ctrl_c_closes_the_window(office, tmp_path):
    db_path = tmp_path / "office.db"
    shutil.copyfile(office, db_path)
    copy = tmp_path / "copy.db"
    shutil.copyfile(office, copy)
    window = Lianxin("--db", db_path)
    wait_until(lambda: open_elsewhere(db_path), what="the window to open the database")
    restoring = run("--db", db_path, "restore", copy)
    assert restoring.process.returncode == 1
    assert restoring.lines == [f"{db_path}: the database is open in another Lianxin (a window or a command); "
                               "close it first, then restore"]
    assert not (tmp_path / "backups").exists()
    window.process.send_signal(signal.SIGINT)
    assert window.finish() == 0
    assert window.err == ""


def open_elsewhere(db_path: Path) -> bool:
    """Whether another process holds the database's open lock (this one takes it for an instant)."""
    from models.storage.file_lock import FileLock

    probe = FileLock(Path(f"{db_path}.open.lock"))
    if not probe.path.exists():
        return False
    if probe.try_acquire(shared=False):
        probe.release()
        return False
    return True
