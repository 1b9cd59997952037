"""The numbered migrations on PostgreSQL: the same schema, where SQLite's SQL cannot say it.

Each migration's own statements are used where they are plain tables and indexes
(translated by `postgres_ddl`: 64-bit integers, dates as ISO text, text compared
byte by byte as SQLite does, so lists sort the same in both stores).  What is
SQLite's alone has a variant here, keyed by the migration's VERSION:

* triggers (the search queue, the "NULL keeps what was stored" rules of 7, 8, 9)
  become PL/pgSQL functions run BEFORE the row is written (they set NEW instead of
  updating the row again);
* FTS5's trigram index of addresses becomes a table with a pg_trgm GIN index;
* migration 9's table rebuild (SQLite cannot drop NOT NULL) is one ALTER.

A migration without a variant (a future one) runs its own statements,
translated.  The schema version is a row of `lianxin_schema` (PostgreSQL has no
user_version), bumped in the migration's transaction, which also holds an
advisory lock so two workstations opening a new database migrate it once.
"""

from __future__ import annotations

import re

from models.migrations import MIGRATIONS
from models.storage.postgres import SCHEMA_TABLE

APPLICATION = "lianxin"
MIGRATION_LOCK = 0x4C58494E  # "LXIN", as SQLite's application_id

_TEXT = re.compile(r'\bTEXT\b(?! COLLATE)')
_INTEGER = re.compile(r"\bINTEGER\b")
_DATE = re.compile(r"\bDATE\b")


_CREATE_TABLE = re.compile(r'^\s*CREATE TABLE\s+(?:IF NOT EXISTS\s+)?"?\w+"?\s*\(', re.IGNORECASE)
# SQLite numbers a row whose INTEGER PRIMARY KEY is not given (it is the rowid): PostgreSQL's serial.
_ROWID_KEY = re.compile(r'\bINTEGER(?: NOT NULL)? PRIMARY KEY\b', re.IGNORECASE)


def postgres_ddl(statement: str) -> str:
    """A CREATE/ALTER statement of SQLite's schema as PostgreSQL keeps the same values.

    A new table gets a "rowid" numbered in the order rows arrive, as SQLite's:
    the export writes rows in that order, so a workbook is the same from either store.
    """
    if _CREATE_TABLE.match(statement) and "WITHOUT ROWID" not in statement:
        statement = statement.rstrip()[:-1] + ', "rowid" BIGSERIAL)'
    statement = statement.replace(" WITHOUT ROWID", "")
    statement = _ROWID_KEY.sub("BIGSERIAL PRIMARY KEY", statement)
    statement = _INTEGER.sub("BIGINT", statement)
    statement = _DATE.sub("TEXT", statement)
    return _TEXT.sub('TEXT COLLATE "C"', statement)


COMPAT_FUNCTIONS = (
    # SQLite's instr(), which the search asks of building names.
    'CREATE OR REPLACE FUNCTION instr(text, text) RETURNS bigint LANGUAGE sql IMMUTABLE AS '
    "'SELECT strpos($1, $2)::bigint'",
    # sum(condition): SQLite counts the rows where it holds (a truth value is 0 or 1 there);
    # NULL for no rows, as SQLite's sum().
    'CREATE OR REPLACE FUNCTION lianxin_add_truth(bigint, boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS '
    "'SELECT CASE WHEN $2 IS NULL THEN $1 ELSE coalesce($1, 0) + CASE WHEN $2 THEN 1 ELSE 0 END END'",
    'CREATE AGGREGATE sum(boolean) (SFUNC = lianxin_add_truth, STYPE = bigint)',
    # SQLite's catalogue as the modules ask it (type, name, tbl_name, sql): indexes a bulk writer drops and
    # creates again (`models.storage.deferred_indexes`), triggers, tables.  An index's sql is PostgreSQL's
    # own definition, so creating it again works; the indexes of keys (SQLite's autoindexes) have none.
    'CREATE VIEW sqlite_master AS '
    "SELECT 'table'::text AS type, c.relname::text AS name, c.relname::text AS tbl_name, NULL::text AS sql "
    "FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace "
    "UNION ALL SELECT 'index', i.indexname::text, i.tablename::text, "
    "CASE WHEN con.conname IS NULL THEN i.indexdef END FROM pg_indexes i "
    "LEFT JOIN pg_constraint con ON con.conname = i.indexname AND con.connamespace = current_schema()::regnamespace "
    "WHERE i.schemaname = current_schema() "
    "UNION ALL SELECT 'trigger', t.tgname::text, c.relname::text, pg_get_triggerdef(t.oid) FROM pg_trigger t "
    "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace",
)


def _plain(migration):
    def up(database) -> None:
        for statement in migration.STATEMENTS:
            database.execute_native(postgres_ddl(statement))
    return up


def _queue_trigger(name: str, event: str, table: str, kind: int) -> str:
    return (f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" FOR EACH ROW '
            f"EXECUTE FUNCTION lianxin_search_queue('{kind}')")


SEARCH_QUEUE_FUNCTION = """
CREATE OR REPLACE FUNCTION lianxin_search_queue() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    IF current_setting('lianxin.indexing_myself', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        INSERT INTO "search_dirty" VALUES (OLD."uuid", TG_ARGV[0]::bigint) ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO "search_dirty" VALUES (NEW."uuid", TG_ARGV[0]::bigint) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $body$
"""

RESIDENT_FIELDS = '"name", "phone", "id_number", "household_id", "deleted"'


def _m2_search(database) -> None:
    for statement in (
        'CREATE EXTENSION IF NOT EXISTS pg_trgm',
        'CREATE TABLE "search_doc" ("id" BIGINT PRIMARY KEY, "kind" BIGINT NOT NULL, '
        '"record" TEXT COLLATE "C" NOT NULL UNIQUE, "keys" TEXT COLLATE "C" NOT NULL DEFAULT \'\')',
        'CREATE TABLE "search_key" ("key" TEXT COLLATE "C" NOT NULL, "doc" BIGINT NOT NULL, PRIMARY KEY ("key", "doc"))',
        'CREATE TABLE "search_address" ("rowid" BIGINT PRIMARY KEY, "address" TEXT COLLATE "C" NOT NULL)',
        'CREATE INDEX "search_address_trigrams" ON "search_address" USING gin ("address" gin_trgm_ops)',
        'CREATE TABLE "search_dirty" ("record" TEXT COLLATE "C" NOT NULL PRIMARY KEY, "kind" BIGINT NOT NULL)',
        SEARCH_QUEUE_FUNCTION,
        _queue_trigger("search_resident_insert", "INSERT", "resident", 1),
        _queue_trigger("search_resident_update", f"UPDATE OF {RESIDENT_FIELDS}", "resident", 1),
        _queue_trigger("search_resident_delete", "DELETE", "resident", 1),
        _queue_trigger("search_household_insert", "INSERT", "household", 2),
        _queue_trigger("search_household_update", 'UPDATE OF "address", "phone", "deleted"', "household", 2),
        _queue_trigger("search_household_delete", "DELETE", "household", 2),
        'INSERT INTO "search_dirty" SELECT "uuid", 2 FROM "household" ON CONFLICT DO NOTHING',
        'INSERT INTO "search_dirty" SELECT "uuid", 1 FROM "resident" ON CONFLICT DO NOTHING',
    ):
        database.execute_native(statement)


def _kept(name: str, table: str, event: str, body: str) -> list[str]:
    """A BEFORE trigger whose PL/pgSQL `body` may change NEW (SQLite's triggers update the row after)."""
    return [
        f'CREATE OR REPLACE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN {body} '
        'RETURN NEW; END $body$',
        f'CREATE TRIGGER "{name}" BEFORE {event} ON "{table}" FOR EACH ROW EXECUTE FUNCTION "{name}"()',
    ]


def _m7_registered_address(database) -> None:
    for statement in (
        'ALTER TABLE "resident" ADD COLUMN "registered_address" TEXT COLLATE "C" DEFAULT \'\'',
        *_kept("resident_registered_address_kept", "resident", 'UPDATE OF "registered_address"',
               'IF NEW."registered_address" IS NULL AND OLD."registered_address" IS NOT NULL THEN '
               'NEW."registered_address" := OLD."registered_address"; END IF;'),
        'DROP TRIGGER "search_resident_update" ON "resident"',
        _queue_trigger("search_resident_update", f'UPDATE OF {RESIDENT_FIELDS}, "registered_address"', "resident", 1),
    ):
        database.execute_native(statement)


def _m8_public_unit_phone(database) -> None:
    for statement in (
        'ALTER TABLE "responsible_unit" ADD COLUMN "contact_phone_public" BIGINT DEFAULT 0',
        *_kept("responsible_unit_public_kept", "responsible_unit", 'UPDATE OF "contact_phone_public"',
               'IF NEW."contact_phone_public" IS NULL THEN '
               'NEW."contact_phone_public" := coalesce(OLD."contact_phone_public", 0); END IF;'),
        *_kept("responsible_unit_public_unknown", "responsible_unit", "INSERT",
               'IF NEW."contact_phone_public" IS NULL THEN NEW."contact_phone_public" := 0; END IF;'),
    ):
        database.execute_native(statement)


# Migration 9's rules (see models/migrations/m0009_outcomes_sources_shops.py), on NEW and OLD.
DERIVED_SOURCE = ('CASE WHEN NEW."visit_id" IS NULL THEN NULL WHEN NEW."shop_id" IS NULL THEN \'visit\' '
                  'ELSE \'enterprise_visit\' END')
DERIVED_OUTCOME = ('CASE WHEN NEW."state" != \'closed\' THEN NULL WHEN NEW."solved_on_spot" <> 0 THEN \'solved\' '
                   'ELSE \'unrecorded\' END')
SAME_CLOSING = ('(NEW."state" = \'closed\' AND OLD."state" = \'closed\' '
                'AND OLD."closed_on" IS NOT DISTINCT FROM NEW."closed_on")')


def _m9_outcomes_sources_shops(database) -> None:
    statements = [
        'ALTER TABLE "visit" ALTER COLUMN "household_id" DROP NOT NULL',
        'ALTER TABLE "visit" ADD COLUMN "shop_id" TEXT COLLATE "C" '
        'REFERENCES "shop" ("uuid") DEFERRABLE INITIALLY DEFERRED',
        'ALTER TABLE "demand" ALTER COLUMN "household_id" DROP NOT NULL',
        'ALTER TABLE "demand" ADD COLUMN "shop_id" TEXT COLLATE "C" '
        'REFERENCES "shop" ("uuid") DEFERRABLE INITIALLY DEFERRED',
        'ALTER TABLE "demand" ADD COLUMN "source" TEXT COLLATE "C"',
        'ALTER TABLE "demand" ADD COLUMN "outcome" TEXT COLLATE "C"',
        'ALTER TABLE "demand" ADD COLUMN "outcome_reason" TEXT COLLATE "C" DEFAULT \'\'',
        'ALTER TABLE "demand" ADD COLUMN "mediation" TEXT COLLATE "C"',
        'ALTER TABLE "demand_category" ADD COLUMN "family" TEXT COLLATE "C"',
        'UPDATE "demand" SET "source" = CASE WHEN "visit_id" IS NULL THEN NULL WHEN "shop_id" IS NULL THEN \'visit\' '
        'ELSE \'enterprise_visit\' END, "outcome" = CASE WHEN "state" != \'closed\' THEN NULL '
        'WHEN "solved_on_spot" <> 0 THEN \'solved\' ELSE \'unrecorded\' END',
        'CREATE INDEX "visit_shop_id" ON "visit" ("shop_id")',
        'CREATE INDEX "demand_shop_id" ON "demand" ("shop_id")',
        *_kept("demand_source_kept", "demand", 'UPDATE OF "source"',
               f'IF NEW."source" IS NULL THEN NEW."source" := coalesce(OLD."source", {DERIVED_SOURCE}); END IF;'),
        *_kept("demand_outcome_kept", "demand", 'UPDATE OF "outcome"',
               'IF NEW."outcome" IS NULL AND (NEW."state" = \'closed\' OR OLD."outcome" IS NOT NULL) THEN '
               f'NEW."outcome" := CASE WHEN {SAME_CLOSING} AND OLD."outcome" IS NOT NULL THEN OLD."outcome" '
               f'ELSE {DERIVED_OUTCOME} END; END IF;'),
        *_kept("demand_outcome_reason_kept", "demand", 'UPDATE OF "outcome_reason"',
               'IF NEW."outcome_reason" IS NULL THEN NEW."outcome_reason" := '
               f'CASE WHEN {SAME_CLOSING} THEN coalesce(OLD."outcome_reason", \'\') ELSE \'\' END; END IF;'),
        *_kept("demand_mediation_kept", "demand", 'UPDATE OF "mediation"',
               'IF NEW."mediation" IS NULL AND OLD."mediation" IS NOT NULL THEN '
               f'NEW."mediation" := CASE WHEN {SAME_CLOSING} THEN OLD."mediation" ELSE NULL END; END IF;'),
        *_kept("demand_derived", "demand", "INSERT",
               f'IF NEW."source" IS NULL AND NEW."visit_id" IS NOT NULL THEN NEW."source" := {DERIVED_SOURCE}; END IF; '
               f'IF NEW."outcome" IS NULL AND NEW."state" = \'closed\' THEN NEW."outcome" := {DERIVED_OUTCOME}; END IF; '
               'IF NEW."outcome_reason" IS NULL THEN NEW."outcome_reason" := \'\'; END IF;'),
        *_kept("demand_category_family_kept", "demand_category", 'UPDATE OF "family"',
               'IF NEW."family" IS NULL AND OLD."family" IS NOT NULL THEN NEW."family" := OLD."family"; END IF;'),
    ]
    for statement in statements:
        database.execute_native(statement)


def _m10_search_queue_unpaused(database) -> None:
    """Nothing: the PostgreSQL queue never had the pause table, and its keys were only ever JSON."""


def _m11_micro_grids(database) -> None:
    """Micro-grids and special grids (issue 22; models/migrations/m0011_micro_grids.py), with its rules as
    BEFORE triggers: '' from an older workbook keeps what is stored, NULL keeps a leader's name and phone."""
    from models.migrations import m0011_micro_grids as migration  # (present once issue 22 is merged)

    table = next(statement for statement in migration.STATEMENTS if statement.startswith("CREATE TABLE"))
    statements = [
        postgres_ddl(table.replace(" IF NOT EXISTS", "")),
        'CREATE INDEX "micro_grid_grid_id" ON "micro_grid" ("grid_id")',
        'CREATE INDEX "micro_grid_leader_cadre_id" ON "micro_grid" ("leader_cadre_id")',
        'ALTER TABLE "household" ADD COLUMN "micro_grid_id" TEXT COLLATE "C" '
        'REFERENCES "micro_grid" ("uuid") DEFERRABLE INITIALLY DEFERRED',
        'CREATE INDEX "household_micro_grid_id" ON "household" ("micro_grid_id")',
        'ALTER TABLE "grid" ADD COLUMN "special_type" TEXT COLLATE "C"',
        'ALTER TABLE "grid" ADD COLUMN "leader" TEXT COLLATE "C" DEFAULT \'\'',
        'ALTER TABLE "grid" ADD COLUMN "leader_phone" TEXT COLLATE "C" DEFAULT \'\'',
        *_kept("household_micro_grid_kept", "household", 'UPDATE OF "micro_grid_id"',
               'IF NEW."micro_grid_id" = \'\' THEN NEW."micro_grid_id" := (SELECT m."uuid" FROM "micro_grid" m '
               'WHERE m."uuid" = OLD."micro_grid_id" AND m."grid_id" = NEW."grid_id"); END IF;'),
        *_kept("household_micro_grid_unknown", "household", "INSERT",
               'IF NEW."micro_grid_id" = \'\' THEN NEW."micro_grid_id" := NULL; END IF;'),
        *_kept("grid_special_type_kept", "grid", 'UPDATE OF "special_type"',
               'IF NEW."special_type" = \'\' THEN NEW."special_type" := '
               'CASE WHEN NEW."kind" = \'special\' THEN OLD."special_type" END; END IF;'),
        *_kept("grid_special_type_unknown", "grid", "INSERT",
               'IF NEW."special_type" = \'\' THEN NEW."special_type" := NULL; END IF;'),
    ]
    for column in ("leader", "leader_phone"):
        statements += [
            *_kept(f"grid_{column}_kept", "grid", f'UPDATE OF "{column}"',
                   f'IF NEW."{column}" IS NULL THEN NEW."{column}" := coalesce(OLD."{column}", \'\'); END IF;'),
            *_kept(f"grid_{column}_unknown", "grid", "INSERT",
                   f'IF NEW."{column}" IS NULL THEN NEW."{column}" := \'\'; END IF;'),
        ]
    for statement in statements:
        database.execute_native(statement)


def _m13_household_places_index(database) -> None:
    """The live households' places in id order (models/migrations/m0013_household_places_index.py)."""
    database.execute_native('CREATE INDEX IF NOT EXISTS "household_live_places" ON "household" ("uuid") '
                            'INCLUDE ("grid_id", "micro_grid_id") WHERE "deleted" = 0')


def _m14_kept_counts(database) -> None:
    """The figures' counts kept by the server (models/migrations/postgres_kept_counts.py)."""
    from models.migrations import postgres_kept_counts

    postgres_kept_counts.up(database)


def _m1_initial(database) -> None:
    from models.migrations import m0001_initial

    for statement in (*COMPAT_FUNCTIONS, *map(postgres_ddl, m0001_initial.STATEMENTS)):
        database.execute_native(statement)


def _m6_lean_address_index(database) -> None:
    """Nothing: the PostgreSQL address index (migration 2) keeps no positions to drop."""


VARIANTS = {
    1: _m1_initial,
    2: _m2_search,
    6: _m6_lean_address_index,
    7: _m7_registered_address,
    8: _m8_public_unit_phone,
    9: _m9_outcomes_sources_shops,
    10: _m10_search_queue_unpaused,
    11: _m11_micro_grids,
    13: _m13_household_places_index,
    14: _m14_kept_counts,
}


def up_on_postgres(migration):
    """The migration's `up` for PostgreSQL: its variant, or its own statements translated."""
    variant = VARIANTS.get(migration.VERSION)
    if variant is not None:
        return variant
    if hasattr(migration, "STATEMENTS") and getattr(migration.up, "__module__", None) == migration.__name__:
        return _plain(migration)
    return migration.up  # a migration with its own logic: its SQL goes through the translation


def schema_version(database) -> int | None:
    """The version recorded in `lianxin_schema`; None when the table is not there."""
    if SCHEMA_TABLE not in database.get_tables():
        return None
    row = database.execute_native(f'SELECT "application", "version" FROM "{SCHEMA_TABLE}"').fetchone()
    if row is None or row[0] != APPLICATION:
        return None
    return int(row[1])


def migrate(database, current_version: int) -> int:
    """Bring a PostgreSQL database to the latest version, each migration one transaction."""
    ran = 0
    for migration in MIGRATIONS:
        if migration.VERSION <= current_version:
            continue
        with database.atomic():
            database.execute_native("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            now = schema_version(database) or 0
            if now >= migration.VERSION:  # another workstation did it while this one waited
                continue
            up_on_postgres(migration)(database)
            database.execute_native(f'UPDATE "{SCHEMA_TABLE}" SET "version" = %s', (migration.VERSION,))
            ran += 1
    return ran


def create_schema_table(database) -> None:
    """Mark an empty database as Lianxin's, version 0 (what SQLite's user_version is on a new file)."""
    with database.atomic():
        database.execute_native("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        database.execute_native(f'CREATE TABLE IF NOT EXISTS "{SCHEMA_TABLE}" ("application" TEXT NOT NULL, '
                                '"version" BIGINT NOT NULL)')
        database.execute_native(f'INSERT INTO "{SCHEMA_TABLE}" SELECT %s, 0 '
                                f'WHERE NOT EXISTS (SELECT 1 FROM "{SCHEMA_TABLE}")', (APPLICATION,))
