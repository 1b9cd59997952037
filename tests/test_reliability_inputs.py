"""Bad input to the real command line: one line, the honest exit status, nothing created or changed.

Each case runs `python -m desktop` as a user would and checks what a user
relies on: the exit status (1: refused, nothing changed; 2: usage; 3: partly
done), a single line on stderr without a traceback, and the files beside the
database exactly as they were.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.reliability import Lianxin, run, tables
from tests.reliability_data import laptop_books, merge_books, office, small_roster  # noqa: F401  (fixtures)

PANICKING_XLS = Path(__file__).parent / "data" / "calamine_panics.xls"
READERS = [["find", "王"], ["stats"], ["check"], ["print", "cards", "-o", "cards.pdf"], ["export", "out.xlsx"],
           ["backups"]]


def one_line(result) -> str:
    assert len(result.lines) == 1 and "Traceback" not in result.err, result.err
    return result.lines[0]


def folder_state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", READERS, ids=lambda command: command[0])
def test_a_command_that_only_reads_refuses_a_database_that_is_not_there(tmp_path, command):
    (tmp_path / "work").mkdir()
    result = run("--db", tmp_path / "mistyped.db", *[str(tmp_path / "work" / a) if "." in a else a for a in command])
    assert result.process.returncode == 1
    assert one_line(result) == f"{tmp_path / 'mistyped.db'}: no such database; check the name (nothing was created)"
    assert folder_state(tmp_path) == {}


@pytest.mark.parametrize("command, status", [
    (["demo", "--households", "-3"], 2),
    (["merge", "a.xlsx", "--receipt", "r.txt"], 2),
    (["merge", "missing.xlsx"], 1),
    (["import-roster", "missing.csv"], 1),
    (["export", "x.csv"], 2),
    (["stats", "-o", "x.txt"], 2),
])
def test_a_command_refused_for_its_arguments_creates_no_database(tmp_path, command, status):
    result = run("--db", tmp_path / "new.db", *command)
    assert result.process.returncode == status
    assert "Traceback" not in result.err
    assert folder_state(tmp_path) == {}


def test_merging_a_good_file_and_a_missing_one_changes_nothing(office, laptop_books, tmp_path):
    db_path = tmp_path / "office.db"
    shutil.copyfile(office, db_path)
    before = folder_state(tmp_path)
    result = run("--db", db_path, "merge", laptop_books[0], tmp_path / "missing.xlsx")
    assert result.process.returncode == 1
    assert one_line(result) == f"lianxin merge: {tmp_path / 'missing.xlsx'}: no such file; nothing was merged"
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("receipt", ["no-such-folder/receipt.xlsx", "a-folder.xlsx"])
def test_a_receipt_that_cannot_be_written_is_found_before_merging(office, laptop_books, tmp_path, receipt):
    db_path = tmp_path / "office.db"
    shutil.copyfile(office, db_path)
    (tmp_path / "a-folder.xlsx").mkdir()
    before = folder_state(tmp_path)
    result = run("--db", db_path, "merge", laptop_books[0], "--receipt", tmp_path / receipt)
    assert result.process.returncode == 1
    assert "nothing was merged" in one_line(result)
    assert folder_state(tmp_path) == before


def test_a_folder_is_named_a_folder(tmp_path):
    folder = tmp_path / "books.xlsx"
    folder.mkdir()
    as_workbook = run("--db", tmp_path / "x.db", "merge", folder)
    assert as_workbook.process.returncode == 1
    assert one_line(as_workbook) == f"lianxin merge: {folder}: is a folder, not a workbook; give the files inside it; nothing was merged"
    as_database = run("--db", folder, "stats")
    assert as_database.process.returncode == 1
    assert one_line(as_database) == f"{folder}: is a folder, not a database file; give the database file inside it"
    assert folder_state(tmp_path) == {}


def test_an_empty_sqlite_file_marked_by_another_program_is_named_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 7")
    connection.close()
    before = folder_state(tmp_path)
    for command in (["stats"], ["merge", tmp_path / "x.xlsx"], ["demo"]):
        (tmp_path / "x.xlsx").write_bytes(b"PK")
        result = run("--db", path, *command)
        assert result.process.returncode == 1
        assert "an empty SQLite file marked with version 7 by another program" in one_line(result)
        (tmp_path / "x.xlsx").unlink()
    assert folder_state(tmp_path) == before


def test_another_programs_database_in_wal_mode_is_refused_with_nothing_left_beside_it(tmp_path):
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = wal")
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    before = folder_state(tmp_path)
    result = run("--db", path, "check")
    assert result.process.returncode == 1
    assert "another program" in one_line(result)
    assert folder_state(tmp_path) == before  # no -wal, no -shm, no lock files


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody may write in, root included (chattr +i), or skip where that cannot be made."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not available here")
        yield folder
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


def test_a_new_database_in_a_read_only_folder_is_one_line_in_every_writing_command(read_only_folder, small_roster,
                                                                                   laptop_books):
    db_path = read_only_folder / "new.db"
    for command in (["demo", "--households", "5"], ["import-roster", small_roster], ["merge", laptop_books[0]]):
        result = run("--db", db_path, *command)
        assert result.process.returncode == 1
        assert one_line(result).startswith(f"{db_path}: cannot create a database in the folder {read_only_folder}")
    assert list(read_only_folder.iterdir()) == []


def test_a_database_in_a_read_only_folder_is_not_called_damaged(office, read_only_folder):
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(read_only_folder)], check=True)
        shutil.copyfile(office, read_only_folder / "office.db")
        subprocess.run(["chattr", "+i", str(read_only_folder)], check=True)
    else:
        read_only_folder.chmod(0o755)
        shutil.copyfile(office, read_only_folder / "office.db")
        read_only_folder.chmod(0o555)
    result = run("--db", read_only_folder / "office.db", "stats")
    assert result.process.returncode == 1
    line = one_line(result)
    assert "read-only" in line and "damaged" not in line


def test_a_calamine_panic_is_one_line_even_with_rust_backtraces_asked_for(tmp_path):
    result = run("--db", tmp_path / "x.db", "import-roster", PANICKING_XLS, env={"RUST_BACKTRACE": "1"})
    assert result.process.returncode == 1
    line = one_line(result)
    assert line.startswith("import-roster: calamine_panics.xls") and "panicked" not in line


def test_ctrl_c_before_any_file_was_kept_is_one_line_and_changes_nothing(office, laptop_books, tmp_path):
    db_path = tmp_path / "office.db"
    shutil.copyfile(office, db_path)
    before = tables(db_path)
    merging = Lianxin("--db", db_path, "merge", *laptop_books, fault="pause-before:0")
    merging.wait_for("paused before")
    assert merging.interrupt() == 130
    assert merging.lines[-1] == "interrupted; the unfinished step was rolled back"
    assert "Traceback" not in merging.err and "KeyboardInterrupt" not in merging.err
    assert tables(db_path) == before


def test_ctrl_c_after_a_commit_exits_3_with_the_receipts_kept_and_the_first_file_not_kept(merge_books, tmp_path):
    db_path = tmp_path / "field.db"
    merging = Lianxin("--db", db_path, "merge", *merge_books, fault="pause-before:1")
    merging.wait_for(f"paused before {merge_books[1].name}")  # the district's workbook is committed by now
    assert merging.interrupt() == 3
    assert merging.out.splitlines()[0].startswith(f"{merge_books[0].name}: ") and len(merging.out.splitlines()) == 1
    assert merging.lines[-1] == (f"merge stopped at {merge_books[1].name}: interrupted; the 1 file(s) above were kept, "
                                 f"{merge_books[1].name} and the {len(merge_books) - 2} after it not")
    assert "Traceback" not in merging.err and "KeyboardInterrupt" not in merging.err
    again = run("--db", db_path, "merge", *merge_books)
    assert again.process.returncode == 0
    assert again.out.splitlines()[0].startswith(f"{merge_books[0].name}: already merged")


def test_a_merge_that_writes_nothing_makes_no_copy(office, laptop_books, tmp_path):
    db_path = tmp_path / "office.db"
    shutil.copyfile(office, db_path)
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_text("not a workbook")
    refused = run("--db", db_path, "merge", bogus)
    assert refused.process.returncode == 1 and not (tmp_path / "backups").exists()
    assert run("--db", db_path, "merge", laptop_books[0]).process.returncode == 0
    assert len(list((tmp_path / "backups").iterdir())) == 1
    again = run("--db", db_path, "merge", laptop_books[0])
    assert again.process.returncode == 0 and "already merged" in again.out
    assert len(list((tmp_path / "backups").iterdir())) == 1
