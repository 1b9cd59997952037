"""The pieces of the PostgreSQL master that need no server: the URL, TLS, and SQLite's SQL as PostgreSQL reads it."""

from __future__ import annotations

import pytest

from desktop.cli import build_parser
from models.storage.postgres_dialect import translate
from models.storage.postgres_url import PostgresUrl, connect_parameters, is_postgres


def test_a_url_is_told_from_a_file_and_never_shown_with_its_password():
    assert is_postgres("postgresql://staff@db.office/city") and is_postgres("postgres://db/city")
    assert not is_postgres("postgresql.db") and not is_postgres(None)
    url = PostgresUrl("postgresql://staff:s3cret@db.office:5433/city")
    assert str(url) == url.shown() == "postgresql://staff:***@db.office:5433/city"
    assert f"{url}" == "postgresql://staff:***@db.office:5433/city" and url.name == "city"
    args = build_parser().parse_args(["--db", "postgresql://staff@db.office/city", "stats"])
    assert isinstance(args.db, PostgresUrl) and args.db == "postgresql://staff@db.office/city"  # not a Path


def test_tls_is_asked_for_whenever_the_server_offers_it_unless_the_url_says_otherwise():
    assert connect_parameters("postgresql://staff@db.office/city")["sslmode"] == "prefer"
    assert connect_parameters("postgresql://staff@db.office/city?sslmode=verify-full")["sslmode"] == "verify-full"
    assert "password" not in connect_parameters("postgresql://staff@db.office/city")  # libpq reads ~/.pgpass


@pytest.mark.parametrize("sqlite, postgres", [
    ('SELECT "doc" FROM "search_key" WHERE "key" >= ? AND "key" < ? LIMIT ?',
     'SELECT "doc" FROM "search_key" WHERE "key" >= %s AND "key" < %s LIMIT %s'),
    ("SELECT 1 FROM t WHERE a LIKE '50%' AND b = '?'", "SELECT 1 FROM t WHERE a LIKE '50%%' AND b = '?'"),
    ('INSERT OR IGNORE INTO "search_dirty" VALUES (?, ?)',
     'INSERT INTO "search_dirty" VALUES (%s, %s) ON CONFLICT DO NOTHING'),
    ('DELETE FROM "search_dirty" WHERE 0', 'DELETE FROM "search_dirty" WHERE false'),
    ("SELECT count(*) FROM h WHERE h.deleted = 0 AND 1", "SELECT count(*) FROM h WHERE h.deleted = 0 AND true"),
    ('SELECT v.x FROM "visit" v WHERE +v."visited_on" >= ?', 'SELECT v.x FROM "visit" v WHERE v."visited_on" >= %s'),
    ('FROM "demand" d CROSS JOIN "dispatch" x ON x."demand_id" = d."uuid"',
     'FROM "demand" d JOIN "dispatch" x ON x."demand_id" = d."uuid"'),
    ("SELECT count(*) FROM (SELECT DISTINCT a FROM t) WHERE 1",
     "SELECT count(*) FROM (SELECT DISTINCT a FROM t) AS lianxin_subquery_1 WHERE true"),
    ('INSERT INTO temp.scope_cadre (uuid) VALUES (?)', 'INSERT INTO pg_temp.scope_cadre (uuid) VALUES (%s)'),
    ('CREATE TEMP TABLE s (uuid TEXT PRIMARY KEY) WITHOUT ROWID', 'CREATE TEMP TABLE s (uuid TEXT PRIMARY KEY)'),
    # hand-written SQL around a query peewee built for PostgreSQL (models/disclosures.py)
    ('INSERT INTO "d" (a, b) SELECT ?, uuid FROM (SELECT "t1"."uuid" FROM "household" AS "t1" WHERE ("t1"."x" = %s))',
     'INSERT INTO "d" (a, b) SELECT %s, uuid FROM (SELECT "t1"."uuid" FROM "household" AS "t1" WHERE ("t1"."x" = %s)) '
     'AS lianxin_subquery_1'),
    ('SELECT k."value", d."id" FROM "search_doc" d, json_each(d."keys") k',
     'SELECT k."value", d."id" FROM "search_doc" d, json_array_elements_text((d."keys")::json) AS k("value")'),
])
def test_sqlite_sql_of_the_modules_reads_the_same_on_postgresql(sqlite, postgres):
    assert translate(sqlite) == postgres


def test_what_is_already_right_is_left_alone():
    for text in ("SELECT 1", "SELECT a FROM t ORDER BY a LIMIT 1", "SELECT (1, 2)", "SELECT a + 1 FROM t",
                 "SELECT x FROM t WHERE y IN (1, 2)", "SELECT count(*) FROM (SELECT a FROM b) AS q",
                 'SELECT "t1"."name" FROM "resident" AS "t1" WHERE ("t1"."uuid" IN (%s, %s)) LIMIT %s'):
        assert translate(text) == text
