"""Migration 9: what offices report upward (issue 21) — outcome, source, mediation, category family, shops.

New columns:

* ``demand.source`` — where the demand came from (入户走访, 网格员上报, 12345 热线, 来访来电,
  企业走访, 其他), NULL when not recorded; ``demand.outcome`` and ``demand.outcome_reason`` —
  how a closed demand ended (已解决, 已答复, 无法解决 with its reason); ``demand.mediation`` —
  a dispute's mediation (调解成功/未成功); ``demand_category.family`` — a category's family
  (一般诉求 or 矛盾纠纷), NULL while not set.  Outcome and mediation are NULL while a demand
  is open and 'unrecorded' for a closing that did not say.  These choice columns hold NULL,
  never '', for "nothing": an exchange workbook writes both as an empty cell and reads an
  empty cell as NULL, so the database and a version read from a workbook agree (a kept
  conflict version compares equal), and "not recorded" at a closing needs a word (未记录).
* ``visit.shop_id`` and ``demand.shop_id`` — a visit to a shop or enterprise (企业走访) and a
  problem it raised belong to the shop instead of a household.  So ``household_id`` of both
  tables may now be NULL: SQLite cannot drop a NOT NULL constraint in place, so both tables
  are rebuilt the way SQLite documents ("Making Other Kinds Of Table Schema Changes"): a
  new table, the rows copied, the old one dropped, the new one renamed, its indexes made
  again.  That needs foreign keys off outside the transaction (`FOREIGN_KEYS_OFF`, done by
  `models.migrations.migrate`); the rows are counted before and after, and the children's
  keys are checked, inside the transaction.

What is known is filled in, nothing else: a demand raised during a visit came from a visit
(入户走访); a demand solved on the spot was solved (已解决).  Every other existing demand's
source is NULL and every other closing's outcome 'unrecorded' — "not recorded", which the
figures count apart (docs/statistics.md), never as a guess.  Category families stay NULL
(not set) until the office sets them.

NULL means "not known", as in migrations 7 and 8: an exchange workbook written before these
columns carries none of them, and merging its version must not blank what this laptop holds.
The triggers below keep the stored value when an update brings NULL.  An outcome, its reason
and a mediation belong to one closing, so they are kept only while the demand stays closed on
the same day; a version that reopened the demand has none, one that closed it again another
day has 'unrecorded'.  A row inserted with NULL gets what can be derived (as above).
"""

from collections import Counter

VERSION = 9
FOREIGN_KEYS_OFF = True  # the rebuild drops tables other tables point at

VISIT_TABLE = (
    'CREATE TABLE "visit_rebuilt" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, '
    '"device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, '
    '"household_id" TEXT, "visited_on" DATE NOT NULL, "talked_to" TEXT NOT NULL DEFAULT \'\', '
    '"topics" TEXT NOT NULL DEFAULT \'\', "notes" TEXT NOT NULL DEFAULT \'\', "recorded_by_id" TEXT, "shop_id" TEXT, '
    'FOREIGN KEY ("household_id") REFERENCES "household" ("uuid") DEFERRABLE INITIALLY DEFERRED, '
    'FOREIGN KEY ("recorded_by_id") REFERENCES "cadre" ("uuid") DEFERRABLE INITIALLY DEFERRED, '
    'FOREIGN KEY ("shop_id") REFERENCES "shop" ("uuid") DEFERRABLE INITIALLY DEFERRED)'
)
VISIT_COLUMNS = ('"uuid", "hlc", "device", "vv", "deleted", "household_id", "visited_on", "talked_to", "topics", '
                 '"notes", "recorded_by_id"')

DEMAND_TABLE = (
    'CREATE TABLE "demand_rebuilt" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, '
    '"device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, '
    '"household_id" TEXT, "visit_id" TEXT, "kind" TEXT NOT NULL DEFAULT \'\', "category_id" TEXT, "group_id" TEXT, '
    '"description" TEXT NOT NULL DEFAULT \'\', "raised_by" TEXT NOT NULL DEFAULT \'\', "recorded_by_id" TEXT, '
    '"urgency" INTEGER NOT NULL DEFAULT 0, "state" TEXT NOT NULL DEFAULT \'\', "reject_reason" TEXT NOT NULL DEFAULT \'\', '
    '"raised_on" DATE NOT NULL, "accepted_on" DATE, "deadline" DATE, "closed_on" DATE, '
    '"solved_on_spot" INTEGER NOT NULL DEFAULT 0, "shop_id" TEXT, "source" TEXT, '
    '"outcome" TEXT, "outcome_reason" TEXT DEFAULT \'\', "mediation" TEXT, '
    'FOREIGN KEY ("household_id") REFERENCES "household" ("uuid") DEFERRABLE INITIALLY DEFERRED, '
    'FOREIGN KEY ("visit_id") REFERENCES "visit" ("uuid") DEFERRABLE INITIALLY DEFERRED, '
    'FOREIGN KEY ("category_id") REFERENCES "demand_category" ("uuid") DEFERRABLE INITIALLY DEFERRED, '
    'FOREIGN KEY ("group_id") REFERENCES "demand_group" ("uuid") DEFERRABLE INITIALLY DEFERRED, '
    'FOREIGN KEY ("recorded_by_id") REFERENCES "cadre" ("uuid") DEFERRABLE INITIALLY DEFERRED, '
    'FOREIGN KEY ("shop_id") REFERENCES "shop" ("uuid") DEFERRABLE INITIALLY DEFERRED)'
)
DEMAND_COLUMNS = ('"uuid", "hlc", "device", "vv", "deleted", "household_id", "visit_id", "kind", "category_id", '
                  '"group_id", "description", "raised_by", "recorded_by_id", "urgency", "state", "reject_reason", '
                  '"raised_on", "accepted_on", "deadline", "closed_on", "solved_on_spot"')

# What is known without being told (the row `r`): a demand raised during a visit came from
# the visit; a closed one has an outcome, solved if on the spot, else 'unrecorded'; an open
# one has none.
DERIVED_SOURCE = ('CASE WHEN {r}."visit_id" IS NULL THEN NULL WHEN {r}."shop_id" IS NULL THEN \'visit\' '
                  'ELSE \'enterprise_visit\' END')
DERIVED_OUTCOME = ('CASE WHEN {r}."state" != \'closed\' THEN NULL WHEN {r}."solved_on_spot" THEN \'solved\' '
                   'ELSE \'unrecorded\' END')
# The same closing: an outcome, its reason and a mediation are kept only across it.
SAME_CLOSING = 'new."state" = \'closed\' AND old."state" = \'closed\' AND old."closed_on" IS new."closed_on"'


def _trigger(name: str, event: str, when: str, column: str, value: str, table: str = "demand") -> str:
    return (f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" WHEN {when} BEGIN '
            f'UPDATE "{table}" SET "{column}" = {value} WHERE "uuid" = new."uuid"; END')


TRIGGERS = (
    # An update that does not know (NULL): keep what was stored, or what can be derived.
    _trigger("demand_source_kept", 'UPDATE OF "source"', 'new."source" IS NULL',
             "source", f'coalesce(old."source", {DERIVED_SOURCE.format(r="new")})'),
    _trigger("demand_outcome_kept", 'UPDATE OF "outcome"',
             'new."outcome" IS NULL AND (new."state" = \'closed\' OR old."outcome" IS NOT NULL)',
             "outcome", f'CASE WHEN {SAME_CLOSING} AND old."outcome" IS NOT NULL THEN old."outcome" '
                        f'ELSE {DERIVED_OUTCOME.format(r="new")} END'),
    _trigger("demand_outcome_reason_kept", 'UPDATE OF "outcome_reason"', 'new."outcome_reason" IS NULL',
             "outcome_reason", f'CASE WHEN {SAME_CLOSING} THEN coalesce(old."outcome_reason", \'\') ELSE \'\' END'),
    _trigger("demand_mediation_kept", 'UPDATE OF "mediation"', 'new."mediation" IS NULL AND old."mediation" IS NOT NULL',
             "mediation", f'CASE WHEN {SAME_CLOSING} THEN old."mediation" ELSE NULL END'),
    # A row that arrives without them gets what can be derived.
    _trigger("demand_source_derived", "INSERT", 'new."source" IS NULL AND new."visit_id" IS NOT NULL',
             "source", DERIVED_SOURCE.format(r="new")),
    _trigger("demand_outcome_derived", "INSERT", 'new."outcome" IS NULL AND new."state" = \'closed\'',
             "outcome", DERIVED_OUTCOME.format(r="new")),
    _trigger("demand_outcome_reason_derived", "INSERT", 'new."outcome_reason" IS NULL', "outcome_reason", "''"),
    _trigger("demand_category_family_kept", 'UPDATE OF "family"', 'new."family" IS NULL AND old."family" IS NOT NULL',
             "family", 'old."family"', table="demand_category"),
)

NEW_INDEXES = (
    'CREATE INDEX "visit_shop_id" ON "visit" ("shop_id")',
    'CREATE INDEX "demand_shop_id" ON "demand" ("shop_id")',
)

# The tables whose keys point at the rebuilt ones (or that are rebuilt): checked after the copy.
CHECKED_TABLES = ("visit", "demand", "visit_visitor", "dispatch", "progress_note", "return_visit")


class MigrationFailed(RuntimeError):
    """The rebuild would lose rows or break a key; the transaction is rolled back."""


def _rebuild(database, table: str, create: str, columns: str) -> None:
    """SQLite's documented rebuild of `table`, keeping its rows, indexes and triggers."""
    schema = [sql for (sql,) in database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
        (table,)).fetchall()]
    before = database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    database.execute_sql(create)
    database.execute_sql(f'INSERT INTO "{table}_rebuilt" ({columns}) SELECT {columns} FROM "{table}"')
    database.execute_sql(f'DROP TABLE "{table}"')
    database.execute_sql(f'ALTER TABLE "{table}_rebuilt" RENAME TO "{table}"')
    for sql in schema:
        database.execute_sql(sql)
    after = database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    if after != before:
        raise MigrationFailed(f"rebuilding {table} kept {after} of {before} rows")


def _key_problems(database) -> Counter:
    """Broken keys per (table, parent table): rowids change in a rebuild, so they are not compared."""
    return Counter((row[0], row[2]) for table in CHECKED_TABLES
                   for row in database.execute_sql(f'PRAGMA foreign_key_check("{table}")').fetchall())


def up(database) -> None:
    problems_before = _key_problems(database)
    _rebuild(database, "visit", VISIT_TABLE, VISIT_COLUMNS)
    _rebuild(database, "demand", DEMAND_TABLE, DEMAND_COLUMNS)
    database.execute_sql('ALTER TABLE "demand_category" ADD COLUMN "family" TEXT')
    database.execute_sql(f'UPDATE "demand" SET "source" = {DERIVED_SOURCE.format(r="demand")}, '
                         f'"outcome" = {DERIVED_OUTCOME.format(r="demand")}')
    for statement in NEW_INDEXES + TRIGGERS:
        database.execute_sql(statement)
    new_problems = _key_problems(database) - problems_before
    if new_problems:  # (cannot happen while every row is copied; a check, not a hope)
        raise MigrationFailed(f"rebuilding visits and demands broke {sum(new_problems.values())} keys")
