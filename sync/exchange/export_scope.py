"""What an export contains: everything, or the records of a `models.scope.Scope` and what they need.

The scope (a sub-district, a community, a grid, one cadre's package, or chosen
households; `models.scope` is the vocabulary) is resolved inside the export's
read transaction into one temporary table of uuids per record type.  Every
record a chosen record points at (its grid, building, the cadre who recorded a
visit…) is added, so each workbook is self-contained: merging it never meets a
foreign key to a record it lacks.  Unlike coverage and printing, an export
carries deletion marks too: a household removed in a grid travels with the grid.
A cadre's package holds only their open demands, and the shops of the grids
its households are in, so the cadre can visit them too (企业走访).  A shop's own
visits and demands travel with the shop as a household's travel with it.
"""

from __future__ import annotations

from peewee import ForeignKeyField

from models.storage.connection import database
from models.schema import SYNCED_MODELS
from models.scope import Scope, ScopeRefused

__all__ = ["Scope", "ScopeRefused", "drop_scope", "resolve_scope", "scope_table", "where_in_scope"]

LISTS = ("demand_category", "demand_group", "responsible_unit")  # every laptop needs these whole
OPEN_DEMAND = "state NOT IN ('closed', 'rejected')"
PLACES_BELOW = (("community", "sub_district"), ("grid", "community"))  # (table, its parent's column stem)


def scope_table(table: str) -> str:
    return f"temp.scope_{table}"


def _execute(sql: str, params: tuple = ()) -> None:
    database.execute_sql(sql, params)


def _add(table: str, select_sql: str, params: tuple = ()) -> None:
    _execute(f"INSERT OR IGNORE INTO {scope_table(table)} (uuid) {select_sql}", params)


def _in(table: str) -> str:
    return f"(SELECT uuid FROM {scope_table(table)})"


def _seed(scope: Scope) -> None:
    """The records the user named, and what hangs below them."""
    parts = scope.parts()
    if len(parts) > 1:
        raise ScopeRefused("an export holds one sub-district, community, grid, micro-grid, cadre's package or set of "
                           "households, not several combined")
    kind, chosen = parts[0]
    if kind == "households":
        database.cursor().executemany(f"INSERT OR IGNORE INTO {scope_table('household')} (uuid) VALUES (?)",
                                      [(uuid,) for uuid in chosen])
        return
    _add(kind, "SELECT ?", (chosen,))
    if kind == "micro_grid":
        _add("household", f"SELECT uuid FROM household WHERE micro_grid_id IN {_in('micro_grid')}")
        return
    if kind == "cadre":
        _add("household", f"SELECT household_id FROM assignment WHERE deleted = 0 AND cadre_id IN {_in('cadre')}")
        _add("shop", f"SELECT uuid FROM shop WHERE grid_id IN (SELECT grid_id FROM household "
                     f"WHERE uuid IN {_in('household')} UNION SELECT grid_id FROM cadre WHERE uuid IN {_in('cadre')})")
        return
    for table, parent in PLACES_BELOW:
        _add(table, f"SELECT uuid FROM {table} WHERE {parent}_id IN {_in(parent)}")
    _add("household", f"SELECT uuid FROM household WHERE grid_id IN {_in('grid')}")
    _add("building", f"SELECT uuid FROM building WHERE grid_id IN {_in('grid')}")
    _add("unit", f"SELECT uuid FROM unit WHERE building_id IN {_in('building')}")
    _add("shop", f"SELECT uuid FROM shop WHERE grid_id IN {_in('grid')}")
    _add("cadre", f"SELECT uuid FROM cadre WHERE grid_id IN {_in('grid')}")
    _add("micro_grid", f"SELECT uuid FROM micro_grid WHERE grid_id IN {_in('grid')}")


def _follow_households(open_demands_only: bool) -> None:
    """The work attached to the households and shops in scope."""
    for table in ("resident", "assignment", "visit"):
        _add(table, f"SELECT uuid FROM {table} WHERE household_id IN {_in('household')}")
    _add("visit", f"SELECT uuid FROM visit WHERE shop_id IN {_in('shop')}")
    _add("visit_visitor", f"SELECT uuid FROM visit_visitor WHERE visit_id IN {_in('visit')}")
    state = f" AND {OPEN_DEMAND}" if open_demands_only else ""
    _add("demand", f"SELECT uuid FROM demand WHERE household_id IN {_in('household')}{state}")
    _add("demand", f"SELECT uuid FROM demand WHERE shop_id IN {_in('shop')}{state}")
    for table in ("dispatch", "progress_note", "return_visit"):
        _add(table, f"SELECT uuid FROM {table} WHERE demand_id IN {_in('demand')}")
    for table in LISTS:
        _add(table, f"SELECT uuid FROM {table}")


def _close_over_parents() -> None:
    """Add every record a record in scope points at (children come after parents in SYNCED_MODELS)."""
    for model in reversed(SYNCED_MODELS):
        table = model._meta.table_name
        for field in model._meta.sorted_fields:
            if isinstance(field, ForeignKeyField):
                parent = field.rel_model._meta.table_name
                _add(parent, f"SELECT {field.column_name} FROM {table} "
                             f"WHERE {field.column_name} IS NOT NULL AND uuid IN {_in(table)}")


def _audit_of_scope() -> None:
    for model in SYNCED_MODELS:
        table = model._meta.table_name
        if table != "audit_entry":
            _add("audit_entry", "SELECT uuid FROM audit_entry WHERE record_type = ? "
                                f"AND record_uuid IN {_in(table)}", (table,))


def resolve_scope(scope: Scope) -> None:
    """Fill the temporary scope tables; call inside the export's transaction.

    For `everything` no tables are made: callers select whole tables.
    """
    if scope.everything:
        return
    for model in SYNCED_MODELS:
        table = model._meta.table_name
        _execute(f"DROP TABLE IF EXISTS {scope_table(table)}")
        _execute(f"CREATE TEMP TABLE scope_{table} (uuid TEXT PRIMARY KEY) WITHOUT ROWID")
    _seed(scope)
    _follow_households(open_demands_only=scope.kind == "cadre")
    _close_over_parents()
    _audit_of_scope()


def drop_scope() -> None:
    for model in SYNCED_MODELS:
        _execute(f"DROP TABLE IF EXISTS {scope_table(model._meta.table_name)}")


def where_in_scope(scope: Scope, table: str, alias: str = "t", column: str = "uuid") -> str:
    """A WHERE clause limiting `alias.column` to the scope ('' for everything)."""
    return "" if scope.everything else f" WHERE {alias}.{column} IN {_in(table)}"
