"""Migration 8: a responsible unit's contact phone may be marked public (printed for residents).

The contact handbook printed every contact person's own mobile for residents;
now it prints the unit's office hotline, and a contact person's number only
when the office marks it public.  Existing units start not public.

It depends on nothing after migration 1 (which made the table) and adds its
column only if missing, so it runs the same whether or not migration 7 (made
on another branch) ran first.
"""

VERSION = 8


def up(database) -> None:
    columns = {row[1] for row in database.execute_sql('PRAGMA table_info("responsible_unit")').fetchall()}
    if "contact_phone_public" not in columns:
        database.execute_sql(
            'ALTER TABLE "responsible_unit" ADD COLUMN "contact_phone_public" INTEGER NOT NULL DEFAULT 0'
        )
