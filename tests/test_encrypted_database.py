"""The database encrypted at rest: no resident in plain bytes, refused cleanly without its passphrase, rekeyed whole."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import run
from models.database import DatabaseRefused, close_database, database_path, open_database
from models.records.people import Household, Resident
from models.schema import SYNCED_MODELS
from models.storage import cipher
from sync.exchange.backups import list_backups, make_backup, restore
from sync.exchange.encryption import change_passphrase, encrypt_database
from tests.exchange_fixtures import seed_registry

PASSPHRASE = "门前老槐树-2026"


@pytest.fixture
def passphrase():
    cipher.use_passphrase(PASSPHRASE)
    yield PASSPHRASE
    close_database()
    cipher.use_passphrase(None)


def _counts() -> dict[str, int]:
    return {model.__name__: model.select().count() for model in SYNCED_MODELS}


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plain_secrets() -> list[bytes]:
    residents = list(Resident.select())
    assert residents
    return [text.encode() for resident in residents for text in (resident.name, resident.id_number)] + \
        [household.address.encode() for household in Household.select()]


def test_the_file_and_its_log_hold_no_name_or_id_number_in_plain_bytes(tmp_path, passphrase):
    path = tmp_path / "field.db"
    seed_registry(open_database(path))
    secrets = _plain_secrets()
    wal = Path(f"{path}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # still open: the latest pages are in the log
    for written in (path.read_bytes(), wal.read_bytes()):
        assert not any(secret in written for secret in secrets)
    close_database()
    assert not any(secret in path.read_bytes() for secret in secrets)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_a_plain_database_stays_plain_without_a_passphrase(tmp_path):
    path = tmp_path / "plain.db"
    seed_registry(open_database(path))
    close_database()
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


@pytest.mark.parametrize("given, said", [(None, "give its passphrase (LIANXIN_PASSPHRASE)"),
                                         ("not-the-one-123", "wrong passphrase")])
def test_a_missing_or_wrong_passphrase_is_one_line_and_leaves_the_file_untouched(
        tmp_path, passphrase, monkeypatch, capsys, given, said):
    path = tmp_path / "field.db"
    seed_registry(open_database(path))
    close_database()
    before = _fingerprint(path)
    if given is None:
        monkeypatch.delenv(cipher.PASSPHRASE_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(cipher.PASSPHRASE_VARIABLE, given)
    assert run(["--db", str(path), "stats"]) == 1
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1 and said in error
    assert _fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("field.db-")) == []


def test_the_command_line_creates_and_opens_encrypted_databases_with_the_variable(tmp_path, monkeypatch, capsys):
    path = tmp_path / "new.db"
    monkeypatch.setenv(cipher.PASSPHRASE_VARIABLE, PASSPHRASE)
    assert run(["--db", str(path), "demo", "--households", "30"]) == 0
    assert not path.read_bytes().startswith(b"SQLite format 3")
    assert run(["--db", str(path), "stats"]) == 0
    assert "households" in capsys.readouterr().out
    cipher.use_passphrase(None)


def test_rekey_keeps_every_record_and_only_the_new_passphrase_opens_it(tmp_path, passphrase):
    path = tmp_path / "field.db"
    seed_registry(open_database(path))
    make_backup("merge")
    before = _counts()
    _, copies = change_passphrase(path, PASSPHRASE, "新的口令-abcdef")
    assert copies == 1
    assert _counts() == before
    close_database()
    assert not cipher.opens_with(path, PASSPHRASE) and cipher.opens_with(path, "新的口令-abcdef")
    assert all(cipher.opens_with(backup.path, "新的口令-abcdef") for backup in list_backups(path))


def test_a_wrong_old_passphrase_changes_nothing(tmp_path, passphrase):
    path = tmp_path / "field.db"
    seed_registry(open_database(path))
    close_database()
    before = _fingerprint(path)
    with pytest.raises(DatabaseRefused, match="wrong passphrase"):
        change_passphrase(path, "not-the-one-123", "新的口令-abcdef")
    assert _fingerprint(path) == before


def test_a_plain_database_is_encrypted_in_place_after_a_checked_encrypted_copy(tmp_path):
    path = tmp_path / "old.db"
    seed_registry(open_database(path))
    make_backup("merge")  # a plain copy made before encryption existed
    before = _counts()
    try:
        encrypted = encrypt_database(path, PASSPHRASE)
        assert _counts() == before
        assert encrypted.copies == 1 and encrypted.kept.path.exists()
        close_database()
        assert not cipher.is_plain(path)
        assert [cipher.is_plain(backup.path) for backup in list_backups(path)] == [False, False]
        open_database(path)
        assert _counts() == before
    finally:
        close_database()
        cipher.use_passphrase(None)


def test_a_short_passphrase_is_refused_and_the_database_stays_plain(tmp_path, db):
    with pytest.raises(DatabaseRefused, match="at least 8 characters"):
        encrypt_database(database_path(), "1234")
    close_database()
    assert cipher.is_plain(database_path() or tmp_path / "test.db")


def test_backups_of_an_encrypted_database_are_encrypted_with_it_and_restore(tmp_path, passphrase):
    path = tmp_path / "field.db"
    ids = seed_registry(open_database(path))
    copy = make_backup("merge")
    assert not cipher.is_plain(copy.path) and cipher.opens_with(copy.path, PASSPHRASE)
    assert not any(secret in copy.path.read_bytes() for secret in _plain_secrets())
    Household.get_by_id(ids["first"]).delete_instance(recursive=True)
    restore(copy.path)
    assert Household.get_by_id(ids["first"]) is not None


def test_the_file_opens_with_its_passphrase_in_any_sqlcipher_4(tmp_path, passphrase):
    """The key is derived once per file as SQLCipher derives it: another SQLCipher tool opens it with the passphrase."""
    import sqlcipher3.dbapi2 as sqlcipher

    path = tmp_path / "field.db"
    seed_registry(open_database(path))
    close_database()
    connection = sqlcipher.connect(str(path))
    try:
        connection.execute(f"PRAGMA key = '{PASSPHRASE}'")
        connection.execute(f"PRAGMA cipher_page_size = {cipher.CIPHER_PAGE_SIZE}")
        assert connection.execute("SELECT count(*) FROM resident").fetchone()[0] == 3
    finally:
        connection.close()
