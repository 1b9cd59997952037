"""Migration 4: remember which hand edits of exchange workbooks were already applied.

A row edited by hand in Excel becomes a new edit of the laptop that merges it.
Merging the same workbook again must not make yet another edit, so the merge
keeps a key of (record, the version it was edited from, the edited content).
Local bookkeeping: this table never travels.
"""

VERSION = 4

STATEMENTS = (
    'CREATE TABLE "exchange_applied_edit" ("key" TEXT NOT NULL PRIMARY KEY, "record_uuid" TEXT NOT NULL, '
    '"applied_at" TEXT NOT NULL)',
)


def up(database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
