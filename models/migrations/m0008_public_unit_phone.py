"""Migration 8: a responsible unit's contact phone may be marked public (printed for residents).

The contact handbook printed every contact person's own mobile for residents;
now it prints the unit's office hotline, and a contact person's number only
when the office marks it public.  Existing units start not public.

NULL means "not known", as for migration 7's registration address: an exchange
workbook written before the column existed does not carry it, and merging its
version of a unit must not take back a mark the office set.  An update that
sets it to NULL keeps what it was; a unit that arrives without it is not public.
"""

VERSION = 8

STATEMENTS = (
    'ALTER TABLE "responsible_unit" ADD COLUMN "contact_phone_public" INTEGER DEFAULT 0',
    'CREATE TRIGGER "responsible_unit_public_kept" AFTER UPDATE OF "contact_phone_public" ON "responsible_unit" '
    'WHEN new."contact_phone_public" IS NULL BEGIN '
    'UPDATE "responsible_unit" SET "contact_phone_public" = coalesce(old."contact_phone_public", 0) '
    'WHERE "uuid" = new."uuid"; END',
    'CREATE TRIGGER "responsible_unit_public_unknown" AFTER INSERT ON "responsible_unit" '
    'WHEN new."contact_phone_public" IS NULL BEGIN '
    'UPDATE "responsible_unit" SET "contact_phone_public" = 0 WHERE "uuid" = new."uuid"; END',
)


def up(database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
