"""The office master on a PostgreSQL server: the database object the models bind to while it is open.

Why these choices (docs/postgresql.md):

* The schema keeps SQLite's kinds of values: dates are ISO text, truth values are
  0 and 1, integers are 64-bit.  The merge, the figures and the exchange compare
  and write what they read; if PostgreSQL handed back `date` objects or
  `Decimal` sums, a workbook exported from one store would not merge unchanged
  into the other, and `stats --json` would differ.  So psycopg2 is told to send
  dates as text and truth values as 0/1, and to read sums back as numbers.
* No file locks: SQLite's cross-process writer lock exists because SQLite has one
  writer per file.  PostgreSQL has transactions and row locks; merges read their
  workbooks and decide at the same time and take turns on an advisory lock only to
  write (`hold_merge_lock`); an edit in the window is one transaction
  (two workstations saving the same record from stale forms: docs/postgresql.md).
* Bulk writes go as COPY (`_Cursor.executemany` of a plain INSERT): binding each value
  into the text of a multi-row INSERT was most of a merge's or an import's own time.
* Hand-written SQLite SQL is translated once per statement
  (`models.storage.postgres_dialect`); peewee's own queries are not.
* The password comes from libpq (`PGPASSFILE`, ``~/.pgpass``, `PGPASSWORD`), never
  from a saved setting; TLS is asked with ``sslmode=prefer`` unless the URL says.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from contextlib import contextmanager
from urllib.parse import urlsplit

from peewee import OnConflict, PostgresqlDatabase, __exception_wrapper__

from models.storage.postgres_dialect import translate
from models.storage.postgres_keyring import remembered
from models.storage.postgres_url import PostgresUrl, connect_parameters

try:  # psycopg2 is a dependency; the import is guarded so a broken install says so in one line
    import psycopg2
    import psycopg2.extensions as extensions
    from psycopg2.extras import execute_batch, execute_values
except ImportError:  # pragma: no cover - the dependency is declared
    psycopg2 = None


def _register_adapters() -> None:
    """Values travel as SQLite's schema holds them (see the module docstring)."""
    extensions.register_adapter(bool, lambda value: extensions.AsIs(int(value)))
    extensions.register_adapter(dt.date, lambda value: extensions.QuotedString(value.isoformat()))
    extensions.register_adapter(dt.datetime, lambda value: extensions.QuotedString(str(value)))

    def number(value, cursor):
        if value is None:
            return None
        return int(value) if "." not in value else float(value)

    numeric = extensions.new_type((1700,), "LIANXIN_NUMERIC", number)  # 1700: numeric, what sum() of bigint gives
    extensions.register_type(numeric)


_PLAIN_INSERT = re.compile(r'^\s*INSERT\s+INTO\s+"?(\w+)"?\s*\(([^()]*)\)\s*VALUES\s*\(\s*%s(?:\s*,\s*%s)*\s*\)\s*;?\s*$',
                           re.IGNORECASE)
_VALUES_TUPLE = re.compile(r"^(\s*INSERT\b.*\bVALUES\s*)(\(\s*%s(?:\s*,\s*%s)*\s*\))(.*)$", re.IGNORECASE | re.DOTALL)


class _Connection:
    """The connection as the modules use SQLite's (`execute`, `executemany`, `cursor`), on psycopg2's."""

    __slots__ = ("_connection",)

    def __init__(self, connection) -> None:
        self._connection = connection

    def cursor(self):
        return _Cursor(self._connection.cursor())

    def execute(self, sql, parameters=()):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, rows):
        return self.cursor().executemany(sql, rows)


def _copied(cursor, table: str, columns: str, rows: list[tuple]) -> bool:
    """COPY `rows` into `table` (what an INSERT of each does: triggers and key checks run the same), without
    binding each value into the text of a statement, a bulk writer's main cost on the client.  False, with
    nothing sent, if a value is of a kind COPY's text is not written for here."""
    try:
        buffer = io.StringIO()
        buffer.writelines(copy_lines(rows))
    except TypeError:
        return False
    buffer.seek(0)
    cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN', buffer, size=1 << 20)
    return True


class _Cursor:
    """A psycopg2 cursor that reads SQLite's SQL (`execute`, `executemany` as the modules call them)."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor) -> None:
        self._cursor = cursor

    def execute(self, sql, parameters=()):
        """SQLite's SQL is translated (peewee's own comes out of the translation as it went in)."""
        self._cursor.execute(translate(sql), tuple(parameters or ()))
        return self

    def executemany(self, sql, rows):
        """Many rows: a plain INSERT (every value a parameter, no ON CONFLICT) becomes a COPY, another INSERT
        multi-row INSERTs of a thousand rows (`execute_values`), the rest batches."""
        rows = [tuple(row) for row in rows]
        if rows:
            sql = translate(sql)
            plain = _PLAIN_INSERT.match(sql)
            if plain is not None and _copied(self._cursor, plain.group(1), plain.group(2), rows):
                return self
            values = _VALUES_TUPLE.match(sql)
            if values is not None:
                execute_values(self._cursor, f"{values.group(1)}%s{values.group(3)}", rows, page_size=1_000)
            else:
                execute_batch(self._cursor, sql, rows, page_size=1_000)
        return self

    def fetchone(self):
        return self._cursor.fetchone()

    def fetchall(self):
        return self._cursor.fetchall()

    def fetchmany(self, size=None):
        return self._cursor.fetchmany(size) if size else self._cursor.fetchmany()

    def __iter__(self):
        return iter(self._cursor)

    @property
    def rowcount(self):
        return self._cursor.rowcount

    @property
    def description(self):
        return self._cursor.description

    @property
    def lastrowid(self):
        return None

    def close(self):
        self._cursor.close()


MERGE_LOCK = 0x4C58_4D52  # "LXMR": the advisory lock merges write under


class PostgresDatabase(PostgresqlDatabase):
    """peewee's PostgreSQL database, reading the SQLite SQL of Lianxin's modules."""

    def __init__(self, url: str) -> None:
        if psycopg2 is None:
            raise RuntimeError("psycopg2 is not installed: reinstall Lianxin with its dependencies")
        _register_adapters()
        self.url = PostgresUrl(url)
        self._planned_at = (None, 0)  # (the connection, the tables' bytes) when its plans were last forgotten
        super().__init__(urlsplit(url).path.lstrip("/") or "postgres", autorollback=False,
                         **connect_parameters(url))

    # -- SQL written by hand for SQLite --------------------------------------------------

    def execute_sql(self, sql, params=None):
        pragma = pragma_answer(sql) if sql[:1] in "Pp" or sql[:2].isspace() else None
        if pragma is not None:
            return super().execute_sql(pragma, ())
        return super().execute_sql(sql, params)  # the cursor translates it (`_Cursor.execute`)

    def _connect(self):
        """Connect; if the server asks for a password libpq has none of (none in the URL, PGPASSWORD or the
        password file), with the one remembered in the system's keyring, if any.  The keyring is not asked
        before: a server that wants none (trust, peer, a certificate) is reached without touching it — no
        unlock prompt, and a tenth of a second less for every command."""
        try:
            return super()._connect()
        except psycopg2.OperationalError as refused:
            if "password" in self.connect_params or "no password supplied" not in str(refused):
                raise
            password = remembered(self.url)
            if password is None:
                raise
            self.connect_params["password"] = password
            return super()._connect()

    def execute_native(self, sql, params=None):
        """Run SQL written for PostgreSQL (the schema's own statements), untranslated."""
        with __exception_wrapper__:
            cursor = self.cursor()
            cursor._cursor.execute(sql, params)
        return cursor

    def connection(self):
        return _Connection(super().connection())

    def cursor(self, named_cursor=None):
        cursor = super().cursor(named_cursor)
        return cursor if named_cursor else _Cursor(cursor)

    def begin(self, isolation_level=None):
        """SQLite's lock types (atomic('IMMEDIATE')) mean nothing here: PostgreSQL locks rows as it writes."""
        if isinstance(isolation_level, str) and isolation_level.upper() in ("DEFERRED", "IMMEDIATE", "EXCLUSIVE"):
            isolation_level = None
        with __exception_wrapper__:
            self.cursor()._cursor.execute("BEGIN")

    def conflict_update(self, on_conflict, query):
        """`on_conflict_replace()` (a setting saved): PostgreSQL says it as "on conflict update every column"."""
        if on_conflict._action and on_conflict._action.lower() == "replace":
            model = query.model
            on_conflict = OnConflict("update", conflict_target=(model._meta.primary_key,),
                                     preserve=[field for field in model._meta.sorted_fields
                                               if field is not model._meta.primary_key] or None)
        return super().conflict_update(on_conflict, query)

    # -- what PostgreSQL gives instead of SQLite's file locks and trigger tricks --------

    @contextmanager
    def indexing_myself(self):
        """Silence the search queue's triggers for the rest of this block of the transaction
        (`models.registry.search.indexing_myself`); a rollback forgets the setting as well."""
        super().execute_sql("SET LOCAL lianxin.indexing_myself = 'on'")
        try:
            yield
        finally:
            if self.in_transaction():
                super().execute_sql("SET LOCAL lianxin.indexing_myself = 'off'")

    # -- bulk reads of the merge (one round trip where SQLite makes many cheap calls) --

    def versions_held(self, wanted: dict[str, list[str]]) -> list[tuple[str, str, str]]:
        """(table, uuid, vv) of the records held among `wanted` (table -> uuids), in one query for all tables.

        Without parallel workers, for the rest of the transaction (a merge's file): the planner
        chose two for this query of many index probes once the tables grew, and starting them cost
        five times the query's own work (30 ms against 5 for a laptop's file, 300 files: 17 s of 47).
        """
        parts, parameters = [], []
        for table, uuids in wanted.items():
            if uuids:
                parts.append(f'SELECT %s, "uuid", "vv" FROM "{table}" WHERE "uuid" = ANY(%s)')
                parameters += [table, uuids]
        if not parts:
            return []
        return self.execute_native("SET LOCAL max_parallel_workers_per_gather = 0; " + " UNION ALL ".join(parts),
                                   parameters).fetchall()

    def commits_mark(self) -> str | None:
        """What moves whenever another transaction that wrote ends: this statement's snapshot
        (``xmin:xmax:ids in progress``), or None outside READ COMMITTED, where it would be the
        transaction's, fixed for its whole length.

        A merge takes it before reading the versions a file's decisions need and again in the file's
        turn to write (`sync.exchange.merge._FileMerge.still_as_read`).  A transaction gets an id when
        it first writes; when it ends, it leaves the list of ids in progress or, the newest to end,
        moves ``xmax`` past its id.  So the same mark means no transaction that wrote committed in
        between: what the decisions read is what the master holds, and reading it all again (a tenth
        of a merge's server time) would only say so.  (One still writing is invisible to both reads.)
        """
        (mark,) = super().execute_sql(
            "SELECT CASE WHEN current_setting('transaction_isolation') = 'read committed' "
            "THEN pg_current_snapshot()::text END").fetchone()
        return mark

    def plan_afresh(self) -> None:
        """Forget this connection's cached plans, the key checks' among them, if the tables have at least
        doubled since it last did (or it never did).  Called before each file of a merge.

        A key check (is the cadre a visit names there?) is planned once per connection and kept:
        planned while the master was nearly empty, it reads the whole parent table, and a first merge
        of 300 laptops' files read 226 million cadre rows that way (three quarters of the server's
        time); planned again, the checks probe the index.  But planned again for every file, every
        statement of the merge and of the kept counts' recount was planned 300 times over — a third of
        the recount's time — though past a few pages a table's checks keep to its index: so only when
        the tables have grown enough to change a plan, a few times in a first merge, never on a city.
        """
        (size,) = super().execute_sql(
            "SELECT coalesce(sum(pg_relation_size(oid)), 0)::bigint FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = current_schema()::regnamespace").fetchone()
        connection, planned = self._planned_at
        if connection is not self._state.conn or size >= 2 * planned:
            super().execute_sql("DISCARD PLANS")
            self._planned_at = (self._state.conn, max(size, 1))

    def hold_merge_lock(self) -> None:
        """Wait for, then hold until this transaction ends, the one lock merges write under.

        Why one lock and not a lock per record: two merges of packages that share
        parents (a grid, a building, the categories) would insert the same new rows
        and one would fail on the other's key, or take record locks in different
        orders and deadlock.  The lock is taken only once a file's decisions are
        made (`sync.exchange.merge._writing_turn`), which then checks that nothing
        they read was written meanwhile; reading the workbooks and deciding, most of
        a merge, go on at the same time on several workstations.
        """
        super().execute_sql("SELECT pg_advisory_xact_lock(%s)", (MERGE_LOCK,))


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if value.__class__ is str:
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    raise TypeError(f"no COPY text for {type(value).__name__}")


def copy_lines(rows):
    """Rows as the lines of COPY's text format: tab between values, \\N for NULL, escapes for the rest.

    Most rows hold no tab, newline or backslash: each is joined as it is and the line checked once
    (a value-by-value escape was most of the merge's own time on PostgreSQL).
    """
    for row in rows:
        line = "\t".join([value if value.__class__ is str else "\\N" if value is None
                          else str(value) if value.__class__ is int else _copy_text(value) for value in row])
        if (line.count("\t") != len(row) - 1 or line.count("\\") != row.count(None) or "\n" in line
                or "\r" in line):
            line = "\t".join(map(_copy_text, row))
        yield line + "\n"


# The PRAGMAs the modules ask, answered as SQLite would for a database that keeps its keys
# (PostgreSQL checks foreign keys at every commit, and cannot be told not to).
SCHEMA_TABLE = "lianxin_schema"
PRAGMAS = {
    "foreign_keys": "SELECT 1",
    "integrity_check": "SELECT 'ok'",
    "quick_check": "SELECT 'ok'",
    "foreign_key_check": "SELECT NULL, NULL, NULL, NULL WHERE false",
    "user_version": f'SELECT coalesce((SELECT "version" FROM "{SCHEMA_TABLE}"), 0)',
    "application_id": "SELECT 0",
}


def pragma_answer(sql: str) -> str | None:
    """The PostgreSQL query that answers SQLite's `PRAGMA …` in `sql` (setting one does nothing)."""
    text = sql.strip().rstrip(";")
    if not text[:6].upper() == "PRAGMA":
        return None
    name = text[6:].split("=")[0].strip().split("(")[0].strip().strip('"').lower()
    if "=" in text:
        return "SELECT 1 WHERE false"
    return PRAGMAS.get(name, "SELECT NULL WHERE false")
