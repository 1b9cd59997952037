"""A PostgreSQL server for the tests: the one LIANXIN_TEST_PG names (.ci/run starts a throwaway one).

Each test gets a database of its own, copied from a template that was created
and migrated once per session (`CREATE DATABASE … TEMPLATE`, a file copy on the
server), so a test on PostgreSQL costs little more than one on SQLite.  Without
a server the PostgreSQL runs are skipped, saying why.
"""

from __future__ import annotations

import itertools
from contextlib import closing
import os
import uuid
from urllib.parse import urlsplit

import pytest

TEMPLATE = "lianxin_template_" + uuid.uuid4().hex[:8]
_numbers = itertools.count()
_template_made = False


_reachable: dict[str, str | None] = {}  # URL → why it cannot be used (None: it can), asked once a session


def server_url() -> str:
    url = os.environ.get("LIANXIN_TEST_PG", "")
    if not url:
        pytest.skip("no PostgreSQL server for the tests: set LIANXIN_TEST_PG (.ci/run starts one)")
    if url not in _reachable:
        try:
            _admin(url).close()
            _reachable[url] = None
        except Exception as error:  # psycopg2 missing, or the server down or refusing
            _reachable[url] = f"the PostgreSQL server of LIANXIN_TEST_PG cannot be used ({' '.join(str(error).split())})"
    if _reachable[url]:
        pytest.skip(_reachable[url])
    return url


def _admin(url: str):
    import psycopg2

    connection = psycopg2.connect(url)
    connection.autocommit = True
    return connection


def url_of(url: str, name: str) -> str:
    return urlsplit(url)._replace(path="/" + name).geturl()


def _make_template(url: str) -> None:
    global _template_made
    if _template_made:
        return
    from models.database import close_database, open_database
    from models.storage.connection import database

    with closing(_admin(url)) as admin, admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{TEMPLATE}"')
    open_database(url_of(url, TEMPLATE))
    database.execute_sql('DELETE FROM "setting"')  # each copy makes its own installation (device id)
    close_database()
    _template_made = True


def new_database(prefix: str = "lianxin_test") -> str:
    """The URL of a new, migrated, empty Lianxin database on the test server."""
    url = server_url()
    _make_template(url)
    name = f"{prefix}_{os.getpid()}_{next(_numbers)}"
    with closing(_admin(url)) as admin, admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
    return url_of(url, name)


def empty_database(prefix: str = "lianxin_empty") -> str:
    """The URL of a new database with nothing in it (not yet Lianxin's)."""
    url = server_url()
    name = f"{prefix}_{os.getpid()}_{next(_numbers)}"
    with closing(_admin(url)) as admin, admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    return url_of(url, name)


def drop_database(database_url: str) -> None:
    from models.storage.postgres_url import PostgresUrl

    name = PostgresUrl(database_url).name
    with closing(_admin(server_url())) as admin, admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_template() -> None:
    if _template_made:
        drop_database(url_of(server_url(), TEMPLATE))


@pytest.fixture
def master():
    """A new, migrated Lianxin database on the test server; dropped after the test."""
    from models.database import close_database

    url = new_database()
    yield url
    close_database()
    drop_database(url)
