"""The search index: keys for one-box search, kept current by triggers that queue changes.

`search_doc` is one searchable record (a resident or a household) with an integer
id; `search_key` holds its keys ('n' + every suffix of the name, 'p' + pinyin
initials, 't' + reversed phone, 'i' + reversed ID number), so "contains",
"starts with" and "ends with" are all one range scan of a B-tree; `search_address`
is an FTS5 trigram index of household addresses for parts of three characters or
more.  The index is derived, local data: it never travels.

Triggers only *queue* changed records in `search_dirty` (plain SQL, so any
connection may write residents); `models.registry.search.refresh` computes the keys in
Python (pinyin needs it).  A bulk writer that indexes its own rows puts a row in
`search_pause` inside its transaction, which silences the triggers for that
transaction only.  Existing records are queued here once.
"""

VERSION = 2

STATEMENTS = (
    'CREATE TABLE "search_doc" ("id" INTEGER PRIMARY KEY, "kind" INTEGER NOT NULL, "record" TEXT NOT NULL UNIQUE, '
    '"keys" TEXT NOT NULL DEFAULT \'\')',
    'CREATE TABLE "search_key" ("key" TEXT NOT NULL, "doc" INTEGER NOT NULL, PRIMARY KEY ("key", "doc")) WITHOUT ROWID',
    "CREATE VIRTUAL TABLE \"search_address\" USING fts5(address, tokenize='trigram')",
    'CREATE TABLE "search_dirty" ("record" TEXT NOT NULL PRIMARY KEY, "kind" INTEGER NOT NULL) WITHOUT ROWID',
    'CREATE TABLE "search_pause" ("writer" TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID',
    'CREATE TRIGGER "search_resident_insert" AFTER INSERT ON "resident" WHEN NOT EXISTS (SELECT 1 FROM "search_pause") BEGIN '
    'INSERT OR IGNORE INTO "search_dirty" VALUES (new."uuid", 1); END',
    'CREATE TRIGGER "search_resident_update" AFTER UPDATE OF "name", "phone", "id_number", "household_id", "deleted" '
    'ON "resident" WHEN NOT EXISTS (SELECT 1 FROM "search_pause") BEGIN INSERT OR IGNORE INTO "search_dirty" VALUES (new."uuid", 1); END',
    'CREATE TRIGGER "search_resident_delete" AFTER DELETE ON "resident" WHEN NOT EXISTS (SELECT 1 FROM "search_pause") BEGIN '
    'INSERT OR IGNORE INTO "search_dirty" VALUES (old."uuid", 1); END',
    'CREATE TRIGGER "search_household_insert" AFTER INSERT ON "household" WHEN NOT EXISTS (SELECT 1 FROM "search_pause") BEGIN '
    'INSERT OR IGNORE INTO "search_dirty" VALUES (new."uuid", 2); END',
    'CREATE TRIGGER "search_household_update" AFTER UPDATE OF "address", "phone", "deleted" ON "household" WHEN NOT EXISTS (SELECT 1 FROM "search_pause") BEGIN '
    'INSERT OR IGNORE INTO "search_dirty" VALUES (new."uuid", 2); END',
    'CREATE TRIGGER "search_household_delete" AFTER DELETE ON "household" WHEN NOT EXISTS (SELECT 1 FROM "search_pause") BEGIN '
    'INSERT OR IGNORE INTO "search_dirty" VALUES (old."uuid", 2); END',
    'INSERT OR IGNORE INTO "search_dirty" SELECT "uuid", 2 FROM "household"',
    'INSERT OR IGNORE INTO "search_dirty" SELECT "uuid", 1 FROM "resident"',
)


def up(database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
