"""Migration 14 on PostgreSQL: the counts the figures read, kept by the server as records change.

Why: a city's figures (1.2 million households) read every household, link and visit each time
(docs/postgresql.md, "The city's figures").  Kept here instead:

* `kept_household` — one row per household: what it adds to the counts below (alive, grid,
  micro-grid, linked to a live cadre, the cadres of its live links, the first day of each month
  it had a live visit, the day of each live visit, the raising day of each live demand, its open
  demands).  It is the household's last contribution, so a change takes exactly that away and
  adds the new one: no count can drift, whatever the order of the writes.
* `kept_place` (grid, micro-grid: households, linked, open demands), `kept_place_day` (grid,
  micro-grid, day: linked households first visited that month on that day, visits, demands
  raised), `kept_cadre` (links to live households), `kept_cadre_day` (their first visits),
  `kept_live` (live records of each kind, grid workers, open conflicts).

Statement triggers (AFTER …, with transition tables: one call per statement or COPY, not per
row) on household, assignment, visit, demand and cadre recount the households they touched
(`lianxin_kept_recount`); every writer goes through them — merges, imports, forms, undo,
moving an office — and `restore` brings back the kept rows with the records (pg_dump has both,
from one snapshot).

Two writers at once: `lianxin_kept_recount` first locks the households' `kept_household` rows
(inserting the missing ones, in id order) and only then reads the records, each statement with a
fresh snapshot (READ COMMITTED): a second transaction recounting the same household waits for
the first to commit and then sees its writes, so neither's change is lost.  The totals change by
`count = count + delta` (row locks, the latest committed value), in key order.
"""

from __future__ import annotations

from models.migrations import postgres_kept_dispatches as dispatches
from models.migrations.postgres_recount import recount_function
from models.work.demands import OPEN_STATES

_OPEN = ", ".join(f"'{state}'" for state in OPEN_STATES)

TABLES = (
    'CREATE TABLE "kept_household" ("household_id" TEXT COLLATE "C" PRIMARY KEY, '
    '"alive" BOOLEAN NOT NULL DEFAULT false, "grid_id" TEXT COLLATE "C" NOT NULL DEFAULT \'\', '
    '"micro_grid_id" TEXT COLLATE "C" NOT NULL DEFAULT \'\', "linked" BOOLEAN NOT NULL DEFAULT false, '
    '"cadres" TEXT[] COLLATE "C" NOT NULL DEFAULT \'{}\', "firsts" TEXT[] COLLATE "C" NOT NULL DEFAULT \'{}\', '
    '"visit_days" TEXT[] COLLATE "C" NOT NULL DEFAULT \'{}\', "demand_days" TEXT[] COLLATE "C" NOT NULL DEFAULT \'{}\', '
    '"demands_open" BIGINT NOT NULL DEFAULT 0, "registered" BIGINT NOT NULL DEFAULT 0, "away" BIGINT NOT NULL DEFAULT 0)',
    'CREATE TABLE "kept_place" ("grid_id" TEXT COLLATE "C" NOT NULL, "micro_grid_id" TEXT COLLATE "C" NOT NULL, '
    '"households" BIGINT NOT NULL DEFAULT 0, "linked" BIGINT NOT NULL DEFAULT 0, "demands_open" BIGINT NOT NULL DEFAULT 0, '
    '"registered" BIGINT NOT NULL DEFAULT 0, "away" BIGINT NOT NULL DEFAULT 0, PRIMARY KEY ("grid_id", "micro_grid_id"))',
    'CREATE TABLE "kept_place_day" ("grid_id" TEXT COLLATE "C" NOT NULL, "micro_grid_id" TEXT COLLATE "C" NOT NULL, '
    '"day" TEXT COLLATE "C" NOT NULL, "first_visits" BIGINT NOT NULL DEFAULT 0, "visits" BIGINT NOT NULL DEFAULT 0, '
    '"demands_raised" BIGINT NOT NULL DEFAULT 0, PRIMARY KEY ("day", "grid_id", "micro_grid_id"))',
    'CREATE TABLE "kept_cadre" ("cadre_id" TEXT COLLATE "C" PRIMARY KEY, "links" BIGINT NOT NULL DEFAULT 0)',
    'CREATE TABLE "kept_cadre_day" ("cadre_id" TEXT COLLATE "C" NOT NULL, "day" TEXT COLLATE "C" NOT NULL, '
    '"first_visits" BIGINT NOT NULL DEFAULT 0, PRIMARY KEY ("day", "cadre_id"))',
    'CREATE TABLE "kept_live" ("what" TEXT COLLATE "C" PRIMARY KEY, "live" BIGINT NOT NULL DEFAULT 0)',
)

# Counts that depend on one row alone, by the columns the figures tell apart: (kept table, table, condition, the
# key's columns and their expressions).  A statement's change is its new rows' count minus its old rows'.
ROW_COUNTS = (
    ("kept_demand_raised", "demand", '"deleted" = 0', (
        ("day", '"raised_on"'), ("category_id", 'coalesce("category_id", \'\')'), ("state", '"state"'),
        ("on_time", 'coalesce("state" = \'closed\' AND "closed_on" <= "deadline", false)'),
        ("source", 'coalesce("source", \'\')'), ("outcome", 'coalesce("outcome", \'\')'),
        ("mediation", 'coalesce("mediation", \'\')'), ("of_shop", '"shop_id" IS NOT NULL'))),
    ("kept_demand_closed", "demand", '"deleted" = 0 AND "state" = \'closed\'', (
        ("day", 'coalesce("closed_on", \'\')'), ("outcome", 'coalesce("outcome", \'\')'),
        ("of_shop", '"shop_id" IS NOT NULL'))),
    ("kept_visit_day", "visit", '"deleted" = 0', (("day", '"visited_on"'),)),
)


def _row_count_table(kept: str, key: tuple) -> str:
    text, truth = 'TEXT COLLATE "C"', "BOOLEAN"
    columns = ", ".join(f'"{name}" {truth if name in ("on_time", "of_shop") else text} NOT NULL' for name, _ in key)
    names = ", ".join(f'"{name}"' for name, _ in key)
    return f'CREATE TABLE "{kept}" ({columns}, "n" BIGINT NOT NULL DEFAULT 0, PRIMARY KEY ({names}))'


def _row_count_change(kept: str, condition: str, key: tuple, rows: list[tuple[int, str]]) -> str:
    """Add to `kept` the rows of each (sign, relation) of `rows` that meet `condition`, by key."""
    names = ", ".join(f'"{name}"' for name, _ in key)
    expressions = ", ".join(expression for _, expression in key)
    parts = " UNION ALL ".join(f"SELECT {expressions}, {sign} AS s FROM {relation} WHERE {condition}"
                               for sign, relation in rows)
    groups = ", ".join(str(number) for number in range(1, len(key) + 1))
    return (f'INSERT INTO "{kept}" AS t ({names}, "n") SELECT {names}, sum(s) FROM ({parts}) x({names}, s) '
            f'GROUP BY {groups} HAVING sum(s) <> 0 ORDER BY {groups} '
            f'ON CONFLICT ({names}) DO UPDATE SET "n" = t."n" + EXCLUDED."n"')

# `models.registry.addresses` in SQL: address_key, room_text, same_place (MIN_SUFFIX 4), for 人户分离 counted by the
# server.  Python's `\d` and `upper()` are Unicode-wide; these are as wide as the server's character classes — the
# same on the demo's and the city's addresses (tests/test_kept_counts.py, docs/postgresql.md).
ADDRESS_FUNCTIONS = (
    'CREATE OR REPLACE FUNCTION lianxin_address_key(address text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE '
    "AS $f$ SELECT upper(CASE WHEN v LIKE '%室' OR v LIKE '%号' THEN regexp_replace(v, '(?<=[0-9])(室|号)$', '') "
    "ELSE v END) FROM (SELECT CASE WHEN w ~ '[楼栋幢]' THEN regexp_replace(w, '(?<=[0-9])(号楼|栋|幢|楼)', '#', 'g') "
    "ELSE w END AS v FROM (SELECT regexp_replace(normalize(coalesce(address, ''), NFKC), '[\\s\\-－—_·,，、]', '', 'g') "
    'AS w) a) b $f$',
    'CREATE OR REPLACE FUNCTION lianxin_room_text(room text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE '
    "AS $f$ SELECT CASE WHEN t ~ '^[A-Za-z0-9]+$' THEN t || '室' ELSE t END "
    "FROM (SELECT regexp_replace(coalesce(room, ''), '^\\s+|\\s+$', '', 'g') AS t) a $f$",
    'CREATE OR REPLACE FUNCTION lianxin_lives_away(registered text, address text, room text, building text, unit text) '
    'RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT NOT CASE WHEN r = \'\' THEN false '
    'WHEN r = h THEN true WHEN length(h) >= 4 AND right(r, length(h)) = h THEN true '
    'WHEN length(r) >= 4 AND right(h, length(r)) = r THEN true '
    'ELSE length(p) >= 4 AND right(r, length(p)) = p END '
    'FROM (SELECT lianxin_address_key(registered) AS r, lianxin_address_key(address) AS h, '
    "CASE WHEN coalesce(room, '') <> '' THEN lianxin_address_key(coalesce(building, '') || coalesce(unit, '') "
    "|| lianxin_room_text(room)) ELSE '' END AS p) k $f$",
)
_AWAY = ('lianxin_lives_away(r."registered_address", h."address", h."room", coalesce(b."name", \'\'), '
         'coalesce(u."name", \'\'))')

# What a household adds, from the records.
def _grouped(households: str, only: str) -> str:
    """What each household of `households` (a FROM item giving "uuid" and the household's columns, or NULL ones)
    adds, grouped by household in one read of each table (`only`: a condition on a "household_id" column)."""
    return (
        'SELECT h."uuid" AS household_id, coalesce(h."deleted" = 0, false) AS alive, '
        'coalesce(h."grid_id", \'\') AS grid_id, coalesce(h."micro_grid_id", \'\') AS micro_grid_id, '
        'coalesce(l.linked, false) AS linked, coalesce(l.cadres, \'{}\') AS cadres, '
        'coalesce(f.firsts, \'{}\') AS firsts, coalesce(v.days, \'{}\') AS visit_days, '
        'coalesce(d.days, \'{}\') AS demand_days, coalesce(d.still_open, 0) AS demands_open, '
        f'coalesce(p.registered, 0) AS registered, coalesce(p.away, 0) AS away FROM {households} '
        'LEFT JOIN (SELECT a."household_id", bool_or(c."deleted" = 0) AS linked, array_agg(a."cadre_id") AS cadres '
        'FROM "assignment" a LEFT JOIN "cadre" c ON c."uuid" = a."cadre_id" '
        f'WHERE a."deleted" = 0 AND {only.format(column="a.household_id")} GROUP BY 1) l '
        'ON l."household_id" = h."uuid" '
        # The first live visit of each month (only days of that month: the period must start on its first).
        'LEFT JOIN (SELECT hid, array_agg(first) AS firsts FROM (SELECT "household_id" AS hid, min("visited_on") AS first '
        'FROM "visit" WHERE "deleted" = 0 AND "household_id" IS NOT NULL AND "visited_on" >= left("visited_on", 7) || '
        f'\'-01\' AND {only.format(column="household_id")} GROUP BY 1, left("visited_on", 7)) m GROUP BY 1) f '
        'ON f.hid = h."uuid" '
        'LEFT JOIN (SELECT "household_id" AS hid, array_agg("visited_on") AS days FROM "visit" WHERE "deleted" = 0 '
        f'AND "household_id" IS NOT NULL AND {only.format(column="household_id")} GROUP BY 1) v ON v.hid = h."uuid" '
        'LEFT JOIN (SELECT "household_id" AS hid, array_agg("raised_on") AS days, '
        f'count(*) FILTER (WHERE "state" IN ({_OPEN})) AS still_open FROM "demand" WHERE "deleted" = 0 '
        f'AND "household_id" IS NOT NULL AND {only.format(column="household_id")} GROUP BY 1) d ON d.hid = h."uuid" '
        'LEFT JOIN (SELECT r."household_id" AS hid, count(*) AS registered, count(*) FILTER (WHERE '
        f'{_AWAY}) AS away FROM "resident" r JOIN "household" h ON h."uuid" = r."household_id" '
        'LEFT JOIN "building" b ON b."uuid" = h."building_id" LEFT JOIN "unit" u ON u."uuid" = h."unit_id" '
        f'WHERE r."deleted" = 0 AND r."registered_address" <> \'\' AND {only.format(column="r.household_id")} '
        'GROUP BY 1) p ON p.hid = h."uuid"'
    )


# Every household at once (the migration's first count of an existing master).
_ALL = _grouped('"household" h', "true")
# The households recounted (`wanted`), those not (or no longer) in the table among them.
_FRESH_GROUPED = _grouped('(SELECT w.id AS "uuid", x."deleted", x."grid_id", x."micro_grid_id" FROM unnest(wanted) '
                          'AS w(id) LEFT JOIN "household" x ON x."uuid" = w.id) h', "{column} = ANY(wanted)")


def _totals(rows: str) -> list[str]:
    """The statements adding what `rows` (s, then kept_household's columns; s is +1 or -1) count to the totals,
    each row of a total changed once, in key order."""
    return [
        'INSERT INTO "kept_place" AS t ("grid_id", "micro_grid_id", "households", "linked", "demands_open", '
        '"registered", "away") SELECT grid_id, micro_grid_id, sum(s * alive::int), sum(s * (alive AND linked)::int), '
        'sum(s * demands_open), sum(CASE WHEN alive THEN s * registered ELSE 0 END), '
        'sum(CASE WHEN alive THEN s * away ELSE 0 END) '
        f'FROM ({rows}) x GROUP BY 1, 2 HAVING sum(s * alive::int) <> 0 OR sum(s * (alive AND linked)::int) <> 0 '
        'OR sum(s * demands_open) <> 0 OR sum(CASE WHEN alive THEN s * registered ELSE 0 END) <> 0 '
        'OR sum(CASE WHEN alive THEN s * away ELSE 0 END) <> 0 ORDER BY 1, 2 '
        'ON CONFLICT ("grid_id", "micro_grid_id") DO UPDATE SET "households" = t."households" + EXCLUDED."households", '
        '"linked" = t."linked" + EXCLUDED."linked", "demands_open" = t."demands_open" + EXCLUDED."demands_open", '
        '"registered" = t."registered" + EXCLUDED."registered", "away" = t."away" + EXCLUDED."away"',

        'INSERT INTO "kept_place_day" AS t ("day", "grid_id", "micro_grid_id", "first_visits", "visits", "demands_raised") '
        'SELECT day, grid_id, micro_grid_id, sum(f), sum(v), sum(r) FROM ('
        f'SELECT unnest(firsts) AS day, grid_id, micro_grid_id, s AS f, 0 AS v, 0 AS r FROM ({rows}) x WHERE alive AND linked '
        f'UNION ALL SELECT unnest(visit_days), grid_id, micro_grid_id, 0, s, 0 FROM ({rows}) x WHERE alive '
        f'UNION ALL SELECT unnest(demand_days), grid_id, micro_grid_id, 0, 0, s FROM ({rows}) x) y '
        'GROUP BY 1, 2, 3 HAVING sum(f) <> 0 OR sum(v) <> 0 OR sum(r) <> 0 ORDER BY 1, 2, 3 '
        'ON CONFLICT ("day", "grid_id", "micro_grid_id") DO UPDATE SET '
        '"first_visits" = t."first_visits" + EXCLUDED."first_visits", "visits" = t."visits" + EXCLUDED."visits", '
        '"demands_raised" = t."demands_raised" + EXCLUDED."demands_raised"',

        'INSERT INTO "kept_cadre" AS t ("cadre_id", "links") '
        f'SELECT cadre, sum(s) FROM (SELECT unnest(cadres) AS cadre, s FROM ({rows}) x WHERE alive) y '
        'GROUP BY 1 HAVING sum(s) <> 0 ORDER BY 1 '
        'ON CONFLICT ("cadre_id") DO UPDATE SET "links" = t."links" + EXCLUDED."links"',

        'INSERT INTO "kept_cadre_day" AS t ("day", "cadre_id", "first_visits") '
        f'SELECT day, cadre, sum(s) FROM (SELECT unnest(firsts) AS day, cadres, s FROM ({rows}) x WHERE alive) y, '
        'unnest(y.cadres) AS cadre GROUP BY 1, 2 HAVING sum(s) <> 0 ORDER BY 1, 2 '
        'ON CONFLICT ("day", "cadre_id") DO UPDATE SET "first_visits" = t."first_visits" + EXCLUDED."first_visits"',
    ]


_COLUMNS = ('household_id, alive, grid_id, micro_grid_id, linked, cadres, firsts, visit_days, demand_days, '
            'demands_open, registered, away')
_CHANGED = ' UNION ALL '.join((
    f'SELECT -1 AS s, {_COLUMNS} FROM unnest(old) o',
    f'SELECT 1, {_COLUMNS} FROM "kept_household" k WHERE k."household_id" = ANY(wanted)',
))

# Locked before anything is read (see the module's docstring), in id order.
RECOUNT = recount_function(
    "lianxin_kept_recount", "kept_household", "household_id",
    ("alive", "grid_id", "micro_grid_id", "linked", "cadres", "firsts", "visit_days", "demand_days", "demands_open",
     "registered", "away"), _FRESH_GROUPED, _totals(_CHANGED))

# Each table whose rows the counts read: (the households a row names, the columns whose change matters).
_HOUSEHOLD_OF = {
    "household": ('"uuid"', ('"deleted"', '"grid_id"', '"micro_grid_id"', '"address"', '"room"', '"building_id"',
                             '"unit_id"')),
    "resident": ('"household_id"', ('"deleted"', '"household_id"', '"registered_address"')),
    "assignment": ('"household_id"', ('"deleted"', '"household_id"', '"cadre_id"')),
    "visit": ('"household_id"', ('"deleted"', '"household_id"', '"visited_on"')),
    "demand": ('"household_id"', ('"deleted"', '"household_id"', '"raised_on"', '"state"')),
}
# The live records counted (`models.figures.stats.counts`): what, table, condition.
LIVE = (
    ("household", "household", '"deleted" = 0'),
    ("resident", "resident", '"deleted" = 0'),
    ("building", "building", '"deleted" = 0'),
    ("shop", "shop", '"deleted" = 0'),
    ("cadre", "cadre", '"deleted" = 0'),
    ("grid_worker", "cadre", '"deleted" = 0 AND "role" = \'grid_worker\''),
    ("assignment", "assignment", '"deleted" = 0'),
    ("visit", "visit", '"deleted" = 0'),
    ("demand", "demand", '"deleted" = 0'),
    ("open_conflict", "conflict", '"status" = \'open\''),
)
_EVENTS = {"INSERT": "REFERENCING NEW TABLE AS new_rows", "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
           "DELETE": "REFERENCING OLD TABLE AS old_rows"}


def _touched(table: str, event: str) -> str | None:
    """A query of the households whose counts a statement of `event` on `table` may have changed."""
    if table == "cadre":  # its links' households: linked or not
        changed = _touched_rows('"uuid"', ('"deleted"',), event)
        return f'SELECT a."household_id" FROM "assignment" a WHERE a."deleted" = 0 AND a."cadre_id" IN ({changed})'
    if table in ("building", "unit"):  # its households' 人户分离 (the home's building, unit and room)
        changed = _touched_rows('"uuid"', ('"name"',), event)
        return f'SELECT h."uuid" FROM "household" h WHERE h."{table}_id" IN ({changed})'
    if table not in _HOUSEHOLD_OF:
        return None
    column, columns = _HOUSEHOLD_OF[table]
    return _touched_rows(column, columns, event)


def _touched_rows(column: str, columns: tuple[str, ...], event: str) -> str:
    if event == "INSERT":
        return f"SELECT {column} FROM new_rows"
    if event == "DELETE":
        return f"SELECT {column} FROM old_rows"
    old = ", ".join(f"o.{c}" for c in columns)
    new = ", ".join(f"n.{c}" for c in columns)
    return (f'SELECT o.{column} FROM old_rows o LEFT JOIN new_rows n ON n."uuid" = o."uuid" '
            f'WHERE n."uuid" IS NULL OR ({old}) IS DISTINCT FROM ({new}) '
            f'UNION ALL SELECT n.{column} FROM new_rows n LEFT JOIN old_rows o ON o."uuid" = n."uuid" '
            f'WHERE o."uuid" IS NULL OR ({old}) IS DISTINCT FROM ({new})')


def _live_change(table: str, event: str) -> list[str]:
    statements = []
    for kept, counted, condition, key in ROW_COUNTS:
        if counted == table:
            rows = ([(1, "new_rows")] if event in ("INSERT", "UPDATE") else []) + (
                [(-1, "old_rows")] if event in ("DELETE", "UPDATE") else [])
            statements.append(_row_count_change(kept, condition, key, rows))
    for what, counted, condition in LIVE:
        if counted != table:
            continue
        parts = []
        if event in ("INSERT", "UPDATE"):
            parts.append(f"(SELECT count(*) FROM new_rows WHERE {condition})")
        if event in ("DELETE", "UPDATE"):
            parts.append(f"- (SELECT count(*) FROM old_rows WHERE {condition})")
        delta = " ".join(parts)
        statements.append(f'UPDATE "kept_live" SET "live" = "live" + ({delta}) WHERE "what" = \'{what}\' '
                          f'AND ({delta}) <> 0')
    return statements


def _queued(kind: str, touched: str) -> list[str]:
    """Queue the records `touched` names for a recount when the transaction commits (`FLUSH`)."""
    return [f"INSERT INTO \"kept_dirty\" SELECT '{kind}', id FROM ({touched}) t(id) WHERE id IS NOT NULL AND id <> '' "
            "ON CONFLICT DO NOTHING",
            'INSERT INTO "kept_flush" VALUES (txid_current()) ON CONFLICT DO NOTHING']


# The recounts run once per transaction, when it commits: a merge's file writes its households, residents, links,
# visits, demands, buildings and units in as many statements, and recounting the same households after each cost
# seven times the work (300 laptop files: 35 s more of the server's CPU).  The statement triggers queue what they
# touched (`kept_dirty`) and mark the transaction (`kept_flush`, one row); a deferred constraint trigger on that
# row recounts the queue before the commit, as the records are then.
QUEUE = (
    'CREATE TABLE "kept_dirty" ("kind" TEXT COLLATE "C" NOT NULL, "id" TEXT COLLATE "C" NOT NULL, '
    'PRIMARY KEY ("kind", "id"))',
    'CREATE TABLE "kept_flush" ("transaction" BIGINT PRIMARY KEY)',
)
FLUSH = (
    # As the schema's owner (SECURITY DEFINER): it empties the queue, and office staff have no DELETE (the grants
    # of docs/postgresql.md); the search path it was made with, so no one else's tables are found first.
    'CREATE OR REPLACE FUNCTION lianxin_kept_flush() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER '
    'SET search_path FROM CURRENT AS $body$\n'
    'DECLARE households text[]; demands text[];\n'
    'BEGIN\n'
    '  DELETE FROM "kept_flush" WHERE "transaction" = NEW."transaction";\n'
    '  WITH gone AS (DELETE FROM "kept_dirty" RETURNING "kind", "id") '
    "SELECT array_agg(id) FILTER (WHERE kind = 'household'), array_agg(id) FILTER (WHERE kind = 'demand') "
    'INTO households, demands FROM gone;\n'
    '  PERFORM lianxin_kept_recount(households);\n'
    '  PERFORM lianxin_kept_demand_recount(demands);\n'
    '  RETURN NULL;\n'
    'END $body$',
    'CREATE CONSTRAINT TRIGGER "lianxin_kept_flush" AFTER INSERT ON "kept_flush" DEFERRABLE INITIALLY DEFERRED '
    'FOR EACH ROW EXECUTE FUNCTION lianxin_kept_flush()',
)


def triggers() -> list[str]:
    """The trigger functions and triggers: one per table and event."""
    statements = []
    tables = dict.fromkeys([*_HOUSEHOLD_OF, "cadre", "building", "unit", *dispatches.DEMAND_OF,
                            *(counted for _, counted, _ in LIVE)])
    for table in tables:
        for event, transition in _EVENTS.items():
            name = f"lianxin_kept_{table}_{event.lower()}"
            body = _live_change(table, event)
            touched = _touched(table, event)
            if touched is not None:
                body += _queued("household", touched)
            if table in dispatches.DEMAND_OF:
                column, columns = dispatches.DEMAND_OF[table]
                body += _queued("demand", _touched_rows(column, columns, event))
            statements += [
                f'CREATE OR REPLACE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN '
                + "".join(f"{statement}; " for statement in body) + 'RETURN NULL; END $body$',
                f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" {transition} FOR EACH STATEMENT '
                f'EXECUTE FUNCTION "{name}"()',
            ]
    return statements


def first_count() -> list[str]:
    """Count an existing master once (set-based: a city in about a minute), before the triggers keep it."""
    return [
        f'INSERT INTO "kept_household" ({_COLUMNS}) {_ALL}',
        *_totals(f'SELECT 1 AS s, {_COLUMNS} FROM "kept_household"'),
        *(f'INSERT INTO "kept_live" VALUES (\'{what}\', (SELECT count(*) FROM "{counted}" WHERE {condition}))'
          for what, counted, condition in LIVE),
        *(_row_count_change(kept, condition, key, [(1, f'"{counted}"')]) for kept, counted, condition, key in ROW_COUNTS),
        *dispatches.FIRST_COUNT,
    ]


def _forgotten() -> list[str]:
    """Kept tables a restore may have left: a copy made before migration 14, put back with `pg_restore --clean`,
    drops and brings back only what it holds — the records, at version 13 — so this migration runs again."""
    tables = ["kept_dirty", "kept_flush", "kept_household", "kept_place", "kept_place_day", "kept_cadre", "kept_cadre_day", "kept_live",
              *(kept for kept, _, _, _ in ROW_COUNTS), "kept_dispatched", *dispatches.KEPT_TABLES]
    return [f'DROP TABLE IF EXISTS "{table}"' for table in tables]


def up(database) -> None:
    """Migration 14's variant: the tables, their first count, the recount and the triggers."""
    row_tables = [_row_count_table(kept, key) for kept, _, _, key in ROW_COUNTS]
    for statement in _forgotten():
        database.execute_native(statement)
    for statement in (*TABLES, *row_tables, *dispatches.TABLES, *QUEUE, *ADDRESS_FUNCTIONS, RECOUNT,
                      dispatches.RECOUNT, *FLUSH, *first_count(), *triggers()):
        database.execute_native(statement)
