"""Migration 12: who saw full ID numbers or phones, when, and of which records (`models.disclosures`).

Local bookkeeping, like `merged_file`: these tables never travel.
"""

VERSION = 12

STATEMENTS = (
    'CREATE TABLE "disclosure" ("id" INTEGER NOT NULL PRIMARY KEY, "at_wall" TEXT NOT NULL, '
    '"user" TEXT NOT NULL DEFAULT \'\', "shown" TEXT NOT NULL, "channel" TEXT NOT NULL, '
    '"what" TEXT NOT NULL DEFAULT \'\', "record_count" INTEGER NOT NULL DEFAULT 0)',
    'CREATE TABLE "disclosed_record" ("disclosure_id" INTEGER NOT NULL REFERENCES "disclosure" ("id") '
    'ON DELETE CASCADE, "record_uuid" TEXT NOT NULL)',
    'CREATE INDEX "disclosed_record_record_uuid" ON "disclosed_record" ("record_uuid")',
    'CREATE INDEX "disclosed_record_disclosure_id" ON "disclosed_record" ("disclosure_id")',
)


def up(database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
