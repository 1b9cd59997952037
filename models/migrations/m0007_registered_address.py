"""Migration 7: a resident's household registration address (户籍地址), apart from where they live.

Rosters give each person's 户籍地址 beside the dwelling (楼栋/单元/门牌号 or
现住址).  It was read as the dwelling and joined people registered at one
address into one household (issue 14); it is now stored on the resident, never
a household key, and counted (人户分离, `models.figures.stats`).

The column allows NULL, which means "not known": an exchange workbook written
before this column existed carries no registration address, and merging its
version of a resident must not blank the one this laptop holds.  The merge
writes every column of the winning version, so the rule lives here, beside
the column: an update that sets it to NULL keeps the value it had
(`resident_registered_address_kept`).  Everything else writes text ('' when
none is given).

The search queue's update trigger learns the column, so an edited registration
address is indexed again (`models.registry.search`).
"""

VERSION = 7

STATEMENTS = (
    'ALTER TABLE "resident" ADD COLUMN "registered_address" TEXT DEFAULT \'\'',
    'CREATE TRIGGER "resident_registered_address_kept" AFTER UPDATE OF "registered_address" ON "resident" '
    'WHEN new."registered_address" IS NULL AND old."registered_address" IS NOT NULL BEGIN '
    'UPDATE "resident" SET "registered_address" = old."registered_address" WHERE "uuid" = new."uuid"; END',
    'DROP TRIGGER "search_resident_update"',
    'CREATE TRIGGER "search_resident_update" AFTER UPDATE OF "name", "phone", "id_number", "household_id", "deleted", '
    '"registered_address" ON "resident" WHEN NOT EXISTS (SELECT 1 FROM "search_pause") BEGIN '
    'INSERT OR IGNORE INTO "search_dirty" VALUES (new."uuid", 1); END',
)


def up(database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
