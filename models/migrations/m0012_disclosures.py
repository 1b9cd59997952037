"""Migration 12: who saw full ID numbers or phones, when, and of which records (`models.disclosures`).

Local bookkeeping, like `merged_file`: these tables never travel.  IF NOT EXISTS: a database whose
schema version was set back (a test of an earlier migration) runs this one again.
"""

VERSION = 12

STATEMENTS = (
    'CREATE TABLE IF NOT EXISTS "disclosure" ("id" INTEGER NOT NULL PRIMARY KEY, "at_wall" TEXT NOT NULL, '
    '"user" TEXT NOT NULL DEFAULT \'\', "shown" TEXT NOT NULL, "channel" TEXT NOT NULL, '
    '"what" TEXT NOT NULL DEFAULT \'\', "record_count" INTEGER NOT NULL DEFAULT 0)',
    'CREATE TABLE IF NOT EXISTS "disclosed_record" ("disclosure_id" INTEGER NOT NULL REFERENCES "disclosure" ("id") '
    'ON DELETE CASCADE, "record_uuid" TEXT NOT NULL)',
    'CREATE INDEX IF NOT EXISTS "disclosed_record_record_uuid" ON "disclosed_record" ("record_uuid")',
    'CREATE INDEX IF NOT EXISTS "disclosed_record_disclosure_id" ON "disclosed_record" ("disclosure_id")',
)


def up(database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
