"""kill -9 at seeded moments of an import, a merge and a restore: a re-run ends where a clean run ends.

The real command line runs as a process; it is killed when the database's
write-ahead log has grown past a point drawn (with a fixed seed) from the
clean run's size, or at a restore's file swaps (paused there on purpose).
Afterwards its reading processes and the resource tracker must be gone within
seconds, nothing it printed may be a traceback, and running the same command
again must leave every table as a clean run leaves it.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from tests.reliability import Lianxin, alive, run, tables, wait_until
from tests.reliability_data import big_roster, merge_books, merged_clean, office, small_roster  # noqa: F401  (fixtures)

SEED = 20261206
KILL_POINTS = 2  # per merge (one per import: its roster is read by a second process, and costs more)


def killed_when_log_passes(args: list[str], db_path: Path, size: int) -> Lianxin:
    """Start the command and kill it once the database's log has grown past `size` bytes."""
    log = Path(f"{db_path}-wal")
    lianxin = Lianxin(*args)
    wait_until(lambda: (log.exists() and log.stat().st_size > size) or lianxin.process.poll() is not None,
               what="the log to grow")
    assert lianxin.process.poll() is None, f"it finished before the kill point:\n{lianxin.err}"
    children = lianxin.kill()
    assert lianxin.process.returncode == -9
    wait_until(lambda: not any(alive(pid) for pid in children), timeout=10, what="its reading processes to end")
    assert "Traceback" not in lianxin.err and "Error" not in lianxin.err, lianxin.err
    return lianxin


def kill_points(clean_size: int, count: int = KILL_POINTS) -> list[int]:
    draw = random.Random(SEED)
    return sorted(int(clean_size * draw.uniform(0.15, 0.8)) for _ in range(count))


@pytest.mark.slow
def test_an_import_killed_anywhere_and_run_again_equals_a_clean_import(big_roster, tmp_path):
    clean = tmp_path / "clean.db"
    assert run("--db", clean, "import-roster", big_roster).process.returncode == 0
    expected = tables(clean)
    for number, size in enumerate(kill_points(clean.stat().st_size, count=1)):
        db_path = tmp_path / f"killed{number}.db"
        killed_when_log_passes(["--db", db_path, "import-roster", big_roster], db_path, size)
        again = run("--db", db_path, "import-roster", big_roster)
        assert again.process.returncode == 0, again.err
        assert tables(db_path) == expected


@pytest.mark.slow
def test_a_merge_killed_anywhere_and_run_again_equals_a_clean_merge(merge_books, merged_clean, tmp_path):
    expected = tables(merged_clean)
    for number, size in enumerate(kill_points(merged_clean.stat().st_size)):
        db_path = tmp_path / f"killed{number}.db"
        killed_when_log_passes(["--db", db_path, "merge", *merge_books], db_path, size)
        again = run("--db", db_path, "merge", *merge_books)
        assert again.process.returncode == 0, again.err
        assert tables(db_path) == expected


@pytest.mark.parametrize("swap", [1, 2], ids=["copying the present database", "swapping the file in"])
def test_a_restore_killed_at_either_swap_leaves_a_sound_database_and_run_again_restores(office, small_roster,
                                                                                        tmp_path, swap):
    db_path = tmp_path / "office.db"
    shutil.copyfile(office, db_path)
    copy = tmp_path / "copy.db"
    shutil.copyfile(office, copy)
    before = tables(db_path)
    edited = run("--db", db_path, "import-roster", small_roster)
    assert edited.process.returncode == 0, edited.err
    changed = tables(db_path)
    assert changed != before

    restoring = Lianxin("--db", db_path, "restore", copy, fault=f"pause-swap:{swap}")
    restoring.wait_for(f"paused at swap {swap}")
    restoring.kill()
    checked = run("--db", db_path, "check")
    assert checked.process.returncode == 0, checked.err
    assert tables(db_path) in (changed, before)  # the old database or the restored one, whole

    again = run("--db", db_path, "restore", copy)
    assert again.process.returncode == 0, again.err
    assert tables(db_path) == before
    listed = run("--db", db_path, "backups")
    kept = [line.split("\t")[0] for line in listed.out.splitlines() if line.endswith("before a restore")]
    assert any(tables(Path(path)) == changed for path in kept)  # what the restore replaced is kept
