"""Migration 11: micro-grids (微网格) and special grids (专属网格) with their leaders (issue 22).

New:

* table ``micro_grid`` — a named group of a grid's households with its 微网格长 (name, phone,
  optionally a cadre); it travels like every record, on the exchange sheet 微网格;
* ``household.micro_grid_id`` — the household's micro-grid, NULL when it has none;
* ``grid.special_type`` (学校/医院/园区/商圈/其他 of a 专属网格, NULL: not said), ``grid.leader`` and
  ``grid.leader_phone`` (its 专属网格长).

Existing rows get nothing: no household is in a micro-grid and no grid has a leader until
someone says so, so a grid without micro-grids works exactly as before.

NULL means "not known", as in migrations 7–9: an exchange workbook written before these
columns carries none of them, and merging its version must not blank what this laptop
holds.  The triggers keep the stored value when an update brings NULL:

* a household's micro-grid is kept while the household stays in the grid that micro-grid
  belongs to (a version that moved it to another grid leaves it in none).  So NULL cannot
  take a household out of its micro-grid: it moves to another one, or the micro-grid is
  removed (its households then count as in none — every query reads live micro-grids);
* a special grid's type is kept while the grid stays special;
* a leader's name and phone are kept; a grid that arrives without them has none ('').
"""

VERSION = 11

STATEMENTS = (
    'CREATE TABLE "micro_grid" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, '
    '"device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, '
    '"grid_id" TEXT NOT NULL DEFAULT \'\', "name" TEXT NOT NULL DEFAULT \'\', "leader" TEXT NOT NULL DEFAULT \'\', '
    '"leader_phone" TEXT NOT NULL DEFAULT \'\', "leader_cadre_id" TEXT, "notes" TEXT NOT NULL DEFAULT \'\', '
    'FOREIGN KEY ("grid_id") REFERENCES "grid" ("uuid") DEFERRABLE INITIALLY DEFERRED, '
    'FOREIGN KEY ("leader_cadre_id") REFERENCES "cadre" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "micro_grid_grid_id" ON "micro_grid" ("grid_id")',
    'CREATE INDEX "micro_grid_leader_cadre_id" ON "micro_grid" ("leader_cadre_id")',
    'ALTER TABLE "household" ADD COLUMN "micro_grid_id" TEXT '
    'REFERENCES "micro_grid" ("uuid") DEFERRABLE INITIALLY DEFERRED',
    'CREATE INDEX "household_micro_grid_id" ON "household" ("micro_grid_id")',
    'ALTER TABLE "grid" ADD COLUMN "special_type" TEXT',
    'ALTER TABLE "grid" ADD COLUMN "leader" TEXT DEFAULT \'\'',
    'ALTER TABLE "grid" ADD COLUMN "leader_phone" TEXT DEFAULT \'\'',
    'CREATE TRIGGER "household_micro_grid_kept" AFTER UPDATE OF "micro_grid_id" ON "household" '
    'WHEN new."micro_grid_id" IS NULL AND old."micro_grid_id" IS NOT NULL AND EXISTS '
    '(SELECT 1 FROM "micro_grid" m WHERE m."uuid" = old."micro_grid_id" AND m."grid_id" = new."grid_id") BEGIN '
    'UPDATE "household" SET "micro_grid_id" = old."micro_grid_id" WHERE "uuid" = new."uuid"; END',
    'CREATE TRIGGER "grid_special_type_kept" AFTER UPDATE OF "special_type" ON "grid" '
    'WHEN new."special_type" IS NULL AND old."special_type" IS NOT NULL AND new."kind" = \'special\' BEGIN '
    'UPDATE "grid" SET "special_type" = old."special_type" WHERE "uuid" = new."uuid"; END',
)

# A leader's name and phone: NULL keeps the stored text on update and is '' on insert.
for column in ("leader", "leader_phone"):
    STATEMENTS += (
        f'CREATE TRIGGER "grid_{column}_kept" AFTER UPDATE OF "{column}" ON "grid" WHEN new."{column}" IS NULL BEGIN '
        f'UPDATE "grid" SET "{column}" = coalesce(old."{column}", \'\') WHERE "uuid" = new."uuid"; END',
        f'CREATE TRIGGER "grid_{column}_unknown" AFTER INSERT ON "grid" WHEN new."{column}" IS NULL BEGIN '
        f'UPDATE "grid" SET "{column}" = \'\' WHERE "uuid" = new."uuid"; END',
    )


def up(database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
