"""Migration 11: micro-grids (微网格) and special grids (专属网格) with their leaders (issue 22).

New:

* table ``micro_grid`` — a named group of a grid's households with its 微网格长 (name, phone,
  optionally a cadre); it travels like every record, on the exchange sheet 微网格;
* ``household.micro_grid_id`` — the household's micro-grid, NULL when it has none;
* ``grid.special_type`` (学校/医院/园区/商圈/其他 of a 专属网格, NULL: not said), ``grid.leader`` and
  ``grid.leader_phone`` (its 专属网格长).

Existing rows get nothing: no household is in a micro-grid and no grid has a leader until
someone says so, so a grid without micro-grids works exactly as before.

An exchange workbook written before these columns carries none of them, and merging its
version must not blank what this laptop holds; the triggers keep the stored value when an
update says "not known".  For the leader's name and phone that is NULL, as in migrations
7–9 (an empty text is ''); a grid that arrives without them has none ('').  For a
household's micro-grid and a special grid's type NULL already says something ("in no
micro-grid", "type not said"), so the exchange reads the missing column as '' instead
(sync/exchange/format.py UNKNOWN_VALUES), which never stays stored:

* a household's micro-grid is kept while the household stays in the grid that micro-grid
  belongs to (a version that moved it to another grid leaves it in none);
* a special grid's type is kept while the grid stays special.

A version from a workbook with the columns is stored as it is, so two offices merging the
same files in any order hold the same rows (tests/test_merge_laws.py).
"""

VERSION = 11

STATEMENTS = (
    'CREATE TABLE IF NOT EXISTS "micro_grid" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, '
    '"device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, '
    '"grid_id" TEXT NOT NULL DEFAULT \'\', "name" TEXT NOT NULL DEFAULT \'\', "leader" TEXT NOT NULL DEFAULT \'\', '
    '"leader_phone" TEXT NOT NULL DEFAULT \'\', "leader_cadre_id" TEXT, "notes" TEXT NOT NULL DEFAULT \'\', '
    'FOREIGN KEY ("grid_id") REFERENCES "grid" ("uuid") DEFERRABLE INITIALLY DEFERRED, '
    'FOREIGN KEY ("leader_cadre_id") REFERENCES "cadre" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX IF NOT EXISTS "micro_grid_grid_id" ON "micro_grid" ("grid_id")',
    'CREATE INDEX IF NOT EXISTS "micro_grid_leader_cadre_id" ON "micro_grid" ("leader_cadre_id")',
    'ALTER TABLE "household" ADD COLUMN "micro_grid_id" TEXT '
    'REFERENCES "micro_grid" ("uuid") DEFERRABLE INITIALLY DEFERRED',
    'CREATE INDEX IF NOT EXISTS "household_micro_grid_id" ON "household" ("micro_grid_id")',
    'ALTER TABLE "grid" ADD COLUMN "special_type" TEXT',
    'ALTER TABLE "grid" ADD COLUMN "leader" TEXT DEFAULT \'\'',
    'ALTER TABLE "grid" ADD COLUMN "leader_phone" TEXT DEFAULT \'\'',
    # '' (an older workbook's "not known", sync/exchange/format.py UNKNOWN_VALUES): the stored micro-grid
    # while it belongs to the household's grid, else none; NULL is "in no micro-grid" and stays NULL.
    'CREATE TRIGGER IF NOT EXISTS "household_micro_grid_kept" AFTER UPDATE OF "micro_grid_id" ON "household" '
    'WHEN new."micro_grid_id" = \'\' BEGIN UPDATE "household" SET "micro_grid_id" = '
    '(SELECT m."uuid" FROM "micro_grid" m WHERE m."uuid" = old."micro_grid_id" AND m."grid_id" = new."grid_id") '
    'WHERE "uuid" = new."uuid"; END',
    'CREATE TRIGGER IF NOT EXISTS "household_micro_grid_unknown" AFTER INSERT ON "household" WHEN new."micro_grid_id" = \'\' BEGIN '
    'UPDATE "household" SET "micro_grid_id" = NULL WHERE "uuid" = new."uuid"; END',
    # '' likewise for a special grid's type: kept while the grid stays special; NULL is "not said".
    'CREATE TRIGGER IF NOT EXISTS "grid_special_type_kept" AFTER UPDATE OF "special_type" ON "grid" '
    'WHEN new."special_type" = \'\' BEGIN UPDATE "grid" SET "special_type" = '
    'CASE WHEN new."kind" = \'special\' THEN old."special_type" END WHERE "uuid" = new."uuid"; END',
    'CREATE TRIGGER IF NOT EXISTS "grid_special_type_unknown" AFTER INSERT ON "grid" WHEN new."special_type" = \'\' BEGIN '
    'UPDATE "grid" SET "special_type" = NULL WHERE "uuid" = new."uuid"; END',)

# A leader's name and phone: NULL keeps the stored text on update and is '' on insert.
for column in ("leader", "leader_phone"):
    STATEMENTS += (
        f'CREATE TRIGGER IF NOT EXISTS "grid_{column}_kept" AFTER UPDATE OF "{column}" ON "grid" WHEN new."{column}" IS NULL BEGIN '
        f'UPDATE "grid" SET "{column}" = coalesce(old."{column}", \'\') WHERE "uuid" = new."uuid"; END',
        f'CREATE TRIGGER IF NOT EXISTS "grid_{column}_unknown" AFTER INSERT ON "grid" WHEN new."{column}" IS NULL BEGIN '
        f'UPDATE "grid" SET "{column}" = \'\' WHERE "uuid" = new."uuid"; END',
    )


def _has_column(database, table: str, column: str) -> bool:
    return any(row[1] == column for row in database.execute_sql(f'PRAGMA table_info("{table}")').fetchall())


def up(database) -> None:
    """Each statement once: a database whose version was set back (a test of migration 10 does) keeps its rows."""
    for statement in STATEMENTS:
        if statement.startswith("ALTER TABLE"):
            table, column = statement.split('"')[1], statement.split('"')[3]
            if _has_column(database, table, column):
                continue
        database.execute_sql(statement)
