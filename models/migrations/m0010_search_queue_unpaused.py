"""Migration 10: the search queue's triggers without the pause, and search keys in one format only.

The triggers of migrations 2 and 7 asked the `search_pause` table before
queueing a changed record: a bulk writer that indexed its own rows used to put
a row there to silence them.  Bulk writers now drop the triggers for their
transaction instead (`models.registry.search.indexing_myself`), so nothing writes the
table and the question only cost a look-up for every row written.  The
triggers are created again without it, and the table goes.

Documents indexed before their keys were stored as a JSON array kept them
joined by U+001F.  They are forgotten here, their keys read in that old form
one last time, and their records queued to be indexed again, so the search
reads keys one way.
"""

VERSION = 10

OLD_SEPARATOR = "\x1f"
TRIGGERS = {
    "search_resident_insert": 'AFTER INSERT ON "resident" BEGIN INSERT OR IGNORE INTO "search_dirty" VALUES (new."uuid", 1); END',
    "search_resident_update": 'AFTER UPDATE OF "name", "phone", "id_number", "household_id", "deleted", "registered_address" '
                              'ON "resident" BEGIN INSERT OR IGNORE INTO "search_dirty" VALUES (new."uuid", 1); END',
    "search_resident_delete": 'AFTER DELETE ON "resident" BEGIN INSERT OR IGNORE INTO "search_dirty" VALUES (old."uuid", 1); END',
    "search_household_insert": 'AFTER INSERT ON "household" BEGIN INSERT OR IGNORE INTO "search_dirty" VALUES (new."uuid", 2); END',
    "search_household_update": 'AFTER UPDATE OF "address", "phone", "deleted" ON "household" BEGIN '
                               'INSERT OR IGNORE INTO "search_dirty" VALUES (new."uuid", 2); END',
    "search_household_delete": 'AFTER DELETE ON "household" BEGIN INSERT OR IGNORE INTO "search_dirty" VALUES (old."uuid", 2); END',
}


def up(database) -> None:
    for name, body in TRIGGERS.items():
        database.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')
        database.execute_sql(f'CREATE TRIGGER "{name}" {body}')
    database.execute_sql('DROP TABLE IF EXISTS "search_pause"')
    old = database.execute_sql('SELECT "id", "record", "kind", "keys" FROM "search_doc" WHERE "keys" NOT LIKE \'[%\'').fetchall()
    for doc, record, kind, keys in old:
        for key in keys.split(OLD_SEPARATOR):
            if key:
                database.execute_sql('DELETE FROM "search_key" WHERE "key" = ? AND "doc" = ?', (key, doc))
        database.execute_sql('DELETE FROM "search_address" WHERE "rowid" = ?', (doc,))
        database.execute_sql('DELETE FROM "search_doc" WHERE "id" = ?', (doc,))
        database.execute_sql('INSERT OR IGNORE INTO "search_dirty" VALUES (?, ?)', (record, kind))
