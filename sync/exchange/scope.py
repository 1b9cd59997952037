"""What an export contains: everything, one community, one grid, one cadre's package, or chosen households.

A scope is resolved inside the export's read transaction into one temporary
table of uuids per record type.  Every record a chosen record points at (its
grid, building, the cadre who recorded a visit…) is added, so each workbook is
self-contained: merging it never meets a foreign key to a record it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import ForeignKeyField

from models.db import database
from models.schema import SYNCED_MODELS

KINDS = ("everything", "community", "grid", "cadre", "households")
LISTS = ("demand_category", "demand_group", "responsible_unit")  # every laptop needs these whole
OPEN_DEMAND = "state NOT IN ('closed', 'rejected')"


class ScopeError(Exception):
    """The scope names nothing, or names several things; the message says which."""


@dataclass(frozen=True)
class Scope:
    kind: str = "everything"
    name: str = ""
    households: tuple[str, ...] = ()  # for kind "households": the chosen household uuids

    def describe(self) -> str:
        words = {"everything": "全部", "community": "社区", "grid": "网格", "cadre": "干部联户包", "households": "选定住户"}
        if self.kind == "everything":
            return words["everything"]
        return f"{words[self.kind]}：{self.name or len(self.households)}"

    @property
    def everything(self) -> bool:
        return self.kind == "everything"


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
    if scope.kind == "households":
        database.cursor().executemany(f"INSERT OR IGNORE INTO {scope_table('household')} (uuid) VALUES (?)",
                                      [(uuid,) for uuid in scope.households])
        return
    table = {"community": "community", "grid": "grid", "cadre": "cadre"}[scope.kind]
    matches = database.execute_sql(
        f"SELECT uuid FROM {table} WHERE name = ? AND deleted = 0", (scope.name,)
    ).fetchall()
    if not matches:
        raise ScopeError(f"no {scope.kind} named {scope.name!r}")
    if len(matches) > 1:
        raise ScopeError(f"{len(matches)} records of kind {scope.kind} are named {scope.name!r}; rename one first")
    _add(table, "SELECT ?", (matches[0][0],))
    if scope.kind == "community":
        _add("grid", f"SELECT uuid FROM grid WHERE community_id IN {_in('community')}")
    if scope.kind in ("community", "grid"):
        _add("household", f"SELECT uuid FROM household WHERE grid_id IN {_in('grid')}")
        _add("building", f"SELECT uuid FROM building WHERE grid_id IN {_in('grid')}")
        _add("unit", f"SELECT uuid FROM unit WHERE building_id IN {_in('building')}")
        _add("shop", f"SELECT uuid FROM shop WHERE grid_id IN {_in('grid')}")
        _add("cadre", f"SELECT uuid FROM cadre WHERE grid_id IN {_in('grid')}")
    else:
        _add("household", f"SELECT household_id FROM assignment WHERE deleted = 0 AND cadre_id IN {_in('cadre')}")


def _follow_households(open_demands_only: bool) -> None:
    """The work attached to the households in scope."""
    for table in ("resident", "assignment", "visit"):
        _add(table, f"SELECT uuid FROM {table} WHERE household_id IN {_in('household')}")
    _add("visit_visitor", f"SELECT uuid FROM visit_visitor WHERE visit_id IN {_in('visit')}")
    state = f" AND {OPEN_DEMAND}" if open_demands_only else ""
    _add("demand", f"SELECT uuid FROM demand WHERE household_id IN {_in('household')}{state}")
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
    if scope.kind not in KINDS:
        raise ScopeError(f"unknown scope {scope.kind!r}")
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
