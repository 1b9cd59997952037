"""An office server's password from the system's keyring: used when libpq has none, never printed or saved in clear."""

from __future__ import annotations

import io

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

import psycopg2
from peewee import PostgresqlDatabase

from desktop.cli import run
from models.database import close_database, open_database
from models.storage.connection import database
from models.storage.postgres import PostgresDatabase
from models.storage.postgres_keyring import SERVICE, account, libpq_has_password, password_for
from models.storage.postgres_url import PostgresUrl, ServerChoice, connect_parameters, without_password
from tests.postgres_server import drop_database, new_database

URL = "postgresql://staff@db.office.lan:5433/lianxin_city"
SECRET = "s3cr:et\\pw"


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        if self.kept.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("none kept")


@pytest.fixture
def a_keyring(monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


def test_the_keyring_key_names_user_server_port_and_database():
    assert account(URL) == "staff@db.office.lan:5433/lianxin_city"
    assert account("postgresql://staff@db.office.lan/lianxin_city") == "staff@db.office.lan:5432/lianxin_city"


class _ServerAskingForAPassword:
    """What libpq says when the server wants a password and none was given (psycopg2's error), else connects."""

    def __init__(self) -> None:
        self.tried: list[str | None] = []

    def __call__(self, database):
        self.tried.append(database.connect_params.get("password"))
        if "password" not in database.connect_params:
            raise psycopg2.OperationalError('connection to server at "db.office.lan", port 5433 failed: '
                                            "fe_sendauth: no password supplied")
        return "a connection"


def test_the_keyring_password_is_handed_to_libpq_when_the_server_asks_and_libpq_has_none(a_keyring, monkeypatch):
    a_keyring.kept[(SERVICE, account(URL))] = SECRET
    server = _ServerAskingForAPassword()
    monkeypatch.setattr(PostgresqlDatabase, "_connect", lambda database: server(database))
    assert PostgresDatabase(URL)._connect() == "a connection"
    assert server.tried == [None, SECRET]
    assert "password" not in connect_parameters(URL)  # nothing kept beside the URL
    assert SECRET not in str(PostgresUrl(URL)) and SECRET not in repr(ServerChoice.of(URL))
    a_keyring.kept.clear()  # none remembered: libpq's own refusal, as it said it
    with pytest.raises(psycopg2.OperationalError, match="no password supplied"):
        PostgresDatabase(URL)._connect()


def test_a_server_that_asks_no_password_is_reached_without_asking_the_keyring(a_keyring, monkeypatch):
    """No unlock prompt of the system's keyring, and no time spent on it, where the server trusts the computer."""
    asked = []
    monkeypatch.setattr(a_keyring, "get_password", lambda *key: asked.append(key))
    url = new_database()
    try:
        open_database(url)
        assert database.execute_sql("SELECT 1").fetchone() == (1,)
        close_database()
    finally:
        drop_database(url)
    assert asked == []


def test_a_password_in_the_url_or_in_libpqs_places_comes_before_the_keyring(a_keyring, tmp_path, monkeypatch):
    a_keyring.kept[(SERVICE, account(URL))] = "from-the-keyring"
    assert password_for("postgresql://staff:typed@db.office.lan:5433/lianxin_city") == "typed"
    pgpass = tmp_path / "pgpass"
    pgpass.write_text("# the office's\nother:5433:*:staff:x\ndb.office.lan:5433:*:staff:from\\:pgpass\n")
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert libpq_has_password(URL)
    assert password_for(URL) is None and "password" not in connect_parameters(URL)  # libpq reads its own file
    pgpass.write_text("db.office.lan:5432:*:staff:another port\n")
    assert password_for(URL) == "from-the-keyring"
    monkeypatch.setenv("PGPASSWORD", "from-the-environment")
    assert password_for(URL) is None


def test_without_a_keyring_nothing_is_found_and_nothing_fails(monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert password_for(URL) is None
        monkeypatch.setenv("LIANXIN_PG_PASSWORD", SECRET)
        assert run(["--db", URL, "remember-password"]) == 1
    finally:
        keyring.set_keyring(previous)


def test_remember_password_keeps_it_in_the_keyring_without_printing_it(a_keyring, monkeypatch, capsys):
    monkeypatch.setenv("LIANXIN_PG_PASSWORD", SECRET)
    assert run(["--db", URL, "remember-password"]) == 0
    assert a_keyring.kept == {(SERVICE, "staff@db.office.lan:5433/lianxin_city"): SECRET}
    said = capsys.readouterr()
    assert SECRET not in said.out + said.err and "staff@db.office.lan:5433/lianxin_city" in said.out
    monkeypatch.delenv("LIANXIN_PG_PASSWORD")
    monkeypatch.setattr("sys.stdin", io.StringIO("piped-in\n"))
    assert run(["--db", URL, "remember-password"]) == 0
    assert a_keyring.kept[(SERVICE, account(URL))] == "piped-in"
    assert run(["--db", URL, "remember-password", "--forget"]) == 0
    assert a_keyring.kept == {}
    assert run(["--db", URL, "remember-password", "--forget"]) == 1


def test_remember_password_needs_a_server_url(tmp_path, capsys):
    assert run(["--db", str(tmp_path / "office.db"), "remember-password"]) == 2
    assert "postgresql://" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_window_keeps_a_url_without_its_password():
    assert without_password("postgresql://staff:pw@db.office.lan:5433/city?sslmode=require") == \
        "postgresql://staff@db.office.lan:5433/city?sslmode=require"
    choice = ServerChoice("db.office.lan", 5433, "city", "staff", "require")
    assert ServerChoice.of(choice.url()) == choice
    assert choice.url() == "postgresql://staff@db.office.lan:5433/city?sslmode=require"


def test_the_copy_before_a_merge_uses_the_masters_own_password_and_leaves_the_keyring_alone(a_keyring, monkeypatch,
                                                                                             tmp_path):
    """pg_dump is handed the password the open master connected with: none, where the server asked none."""
    from sync.exchange.backups import make_backup

    asked = []
    monkeypatch.setattr(a_keyring, "get_password", lambda *key: asked.append(key))
    monkeypatch.setenv("LIANXIN_DATA_DIR", str(tmp_path / "data"))
    url = new_database()
    try:
        open_database(url)
        copy = make_backup("before-merge")
        close_database()
    finally:
        drop_database(url)
    assert copy.path.stat().st_size > 0
    assert asked == []
