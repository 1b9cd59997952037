"""Secondary indexes built once after a bulk insert into empty tables, not kept up row by row.

Why: a district's first roster import inserts 350,000 residents whose names and
ID numbers arrive in no order, so keeping the `resident_name` and
`resident_id_number` B-trees up to date puts each row on a random page of each:
the resident inserts took 4.1 CPU seconds of the writer thread, most of it in
those indexes.  Creating an index afterwards sorts the column once and writes
the B-tree in order: all seven secondary indexes of households and residents in
about a second, the whole import about two CPU seconds shorter
(docs/measurements.md).

Only when the tables are empty at the start: with a registry already there,
rebuilding its indexes would cost more than the rows added.  The indexes are
dropped and created again inside the caller's transaction (SQLite's DDL is
transactional), so a rollback (a dry run, a refusal, a failure) brings them back
as they were, and no other connection ever sees the tables without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from models.storage.connection import database, on_postgres

_SECONDARY_INDEXES = (
    'SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = \'index\' AND "sql" IS NOT NULL AND "tbl_name" = ? '
    'ORDER BY "name"'
)


@contextmanager
def deferred_indexes(*tables: str) -> Iterator[bool]:
    """Drop the secondary indexes of `tables` for the block and create them again after it, if every table is
    empty; yields whether it did.  Belongs inside the writer's transaction; the block must not look rows up
    through those indexes (an empty table had nothing to find)."""
    if not database.in_transaction():
        raise RuntimeError("deferred_indexes() belongs inside the writer's transaction")
    if on_postgres():
        # PostgreSQL cannot create an index on a table whose deferred key checks are still pending in the
        # transaction (every row the import inserted): the indexes stay and are kept up row by row.
        yield False
        return
    if any(database.execute_sql(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0] for table in tables):
        yield False
        return
    indexes = [index for table in tables for index in database.execute_sql(_SECONDARY_INDEXES, (table,)).fetchall()]
    for name, _ in indexes:
        database.execute_sql(f'DROP INDEX "{name}"')
    yield True
    # Not on failure: the caller rolls back, which restores them.
    for _, sql in indexes:
        database.execute_sql(sql)
