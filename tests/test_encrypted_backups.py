"""Copies of an encrypted database: its file's bytes when that is safe, whole and restorable, refused when tampered.

What a person relies on: the copy kept before a merge or a restore holds the
database as it was (what was still only in its write-ahead log too), opens
with the same passphrase and gives nothing away; a copy made while another
program writes is one moment's database, never a mix; a copy someone altered
is refused at restore; and a database encrypted by an earlier Lianxin (the
sqlcipher3-binary driver) still opens, merges and keeps its copies.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.operations import exchange
from models.database import DatabaseRefused, close_database, database_path, open_database
from models.records.people import Household, Resident
from models.storage import cipher
from sync.exchange import file_copy
from sync.exchange.backups import check_copy, list_backups, make_backup, restore
from tests.exchange_fixtures import Laptop, seed_registry

PASSPHRASE = "门前老槐树-2026"
OLD_DRIVER_DATABASE = Path(__file__).parent / "data" / "encrypted_by_sqlcipher3_binary.db"


@pytest.fixture
def field(tmp_path):
    """An open encrypted database with the small registry; yields (path, ids)."""
    cipher.use_passphrase(PASSPHRASE)
    path = tmp_path / "field.db"
    ids = seed_registry(open_database(path))
    yield path, ids
    close_database()
    cipher.use_passphrase(None)


def _read(path: Path, sql: str, parameters=()):
    connection = cipher.connect(path, PASSPHRASE, immutable=True)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def _notes(path: Path, uuid: str) -> str:
    return _read(path, "SELECT notes FROM household WHERE uuid = ?", (uuid,))[0][0]


def test_a_copy_holds_what_was_still_only_in_the_log_and_gives_nothing_away(field):
    path, ids = field
    household = Household.get_by_id(ids["first"])
    household.notes = "只在日志里"
    household.save()
    assert Path(f"{path}-wal").stat().st_size > 0  # the database is open: its latest pages are in its log
    copy = make_backup("merge")
    assert not cipher.is_plain(copy.path) and cipher.opens_with(copy.path, PASSPHRASE)
    assert _notes(copy.path, ids["first"]) == "只在日志里"
    assert _read(copy.path, "PRAGMA quick_check") == [("ok",)]
    secrets = [resident.name.encode() for resident in Resident.select()] + [b"13800000001"]
    assert not any(secret in copy.path.read_bytes() for secret in secrets)


def test_a_copy_made_while_another_program_writes_is_one_moment_of_the_database(field, monkeypatch):
    path, ids = field
    copy_bytes = file_copy._copy_bytes

    def another_program_writes_then_copy(source, target, size):
        writer = cipher.connect(source, PASSPHRASE, isolation_level=None)
        try:
            writer.execute("UPDATE household SET notes = '复制途中写的' WHERE uuid = ?", (ids["first"],))
            writer.execute("PRAGMA wal_checkpoint(PASSIVE)")  # would copy the new page into the file if it could
        finally:
            writer.close()
        copy_bytes(source, target, size)

    monkeypatch.setattr(file_copy, "_copy_bytes", another_program_writes_then_copy)
    copy = make_backup("merge")
    assert _notes(copy.path, ids["first"]) == ""
    assert _read(copy.path, "PRAGMA quick_check") == [("ok",)]
    assert Household.get_by_id(ids["first"]).notes == "复制途中写的"  # the database itself has the later write


def test_while_another_program_reads_an_older_moment_the_copy_is_made_page_by_page_and_is_whole(field):
    path, ids = field
    reader = cipher.connect(path, PASSPHRASE, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM household").fetchone()  # holds the log from here on
        household = Household.get_by_id(ids["second"])
        household.notes = "读者之后写的"
        household.save()
        copy = make_backup("merge")
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    assert _notes(copy.path, ids["second"]) == "读者之后写的"
    assert _read(copy.path, "PRAGMA quick_check") == [("ok",)]
    assert cipher.opens_with(copy.path, PASSPHRASE)


def test_the_copy_kept_before_a_merge_restores_the_database_as_it_was(field, tmp_path):
    path, ids = field
    close_database()
    laptop = Laptop(tmp_path / "laptop.db", "南长山街道-王芳")
    cipher.use_passphrase(None)
    with laptop.open() as installation:
        seed_registry(installation)  # households of its own (other uuids)
    workbook = laptop.export(tmp_path / "laptop.xlsx")
    cipher.use_passphrase(PASSPHRASE)
    open_database(path)
    before = Household.select().count()
    made = []
    merged = exchange.merge(files=[workbook], on_backup=made.append)
    assert merged.value[0].accepted and Household.select().count() == before + 2
    assert [backup.reason for backup in made] == ["merge"]
    restore(made[0].path)
    assert Household.select().count() == before


def test_a_copy_someone_altered_is_refused_at_restore_and_the_database_stays(field):
    path, ids = field
    copy = make_backup("merge")
    page_size = int(_read(copy.path, "PRAGMA page_size")[0][0])
    with copy.path.open("rb+") as handle:  # one byte of the second page's encrypted content
        handle.seek(page_size + 200)
        byte = handle.read(1)
        handle.seek(page_size + 200)
        handle.write(bytes([byte[0] ^ 0x01]))
    with pytest.raises(DatabaseRefused, match="damaged"):
        check_copy(copy.path)
    with pytest.raises(DatabaseRefused, match="damaged"):
        restore(copy.path)
    assert Household.get_by_id(ids["first"]) is not None


def test_a_database_encrypted_by_the_earlier_driver_opens_merges_and_keeps_its_copies(tmp_path):
    path = tmp_path / "field.db"
    shutil.copyfile(OLD_DRIVER_DATABASE, path)
    laptop = Laptop(tmp_path / "laptop.db", "南长山街道-王芳")
    with laptop.open() as installation:
        seed_registry(installation)
    workbook = laptop.export(tmp_path / "laptop.xlsx")
    cipher.use_passphrase(PASSPHRASE)
    try:
        open_database(path)
        assert [resident.name for resident in Resident.select().order_by(Resident.name)] == ["张三明", "李秀英", "王建国"]
        merged = exchange.merge(files=[workbook])
        assert merged.value[0].accepted
        assert Household.select().count() == 4
        copies = list_backups(database_path())
        assert [copy.reason for copy in copies] == ["merge"]
        check_copy(copies[0].path)
        restore(copies[0].path)
        assert Household.select().count() == 2
    finally:
        close_database()
        cipher.use_passphrase(None)


def test_when_the_file_cannot_be_read_as_bytes_the_copy_is_made_page_by_page(field, monkeypatch):
    path, ids = field

    def refused(source, target, size):
        target.write_bytes(b"half")
        raise PermissionError(13, "another process has locked a portion of the file")

    monkeypatch.setattr(file_copy, "_copy_bytes", refused)
    copy = make_backup("merge")
    assert _read(copy.path, "PRAGMA quick_check") == [("ok",)]
    assert _read(copy.path, "SELECT count(*) FROM household") == [(2,)]
