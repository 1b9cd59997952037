"""Coverage, visits and demands by micro-grid (微网格) and by special grid (专属网格).

Two breakdowns beside those of `models.figures.breakdowns`, in the same scope and period
(docs/statistics.md, "By micro-grid and by special grid"):

* by micro-grid — each live micro-grid with live households of the scope: its households,
  those linked to a live cadre, and of those the ones visited in the period (as coverage by
  grid counts them); the period's live visits to its households; the demands of its
  households raised in the period, and those open now.  Households in no micro-grid are in
  no row, so the rows add up to the grid's figures only where the grid is drawn whole.
* by special grid — each live special grid of a place scope (a scope of a cadre's or chosen
  households has no shops): its live shops, those with a live visit in the period, the
  period's visits to its shops, and the demands of its shops raised in the period and open
  now (enterprise visits and their problems are recorded against the shop).

No phone is in either: the leader is named, the phone is printed only on the service card.
"""

from __future__ import annotations

from collections import Counter

from models.figures import kept_counts
from models.figures.scoped import Scoped
from models.registry.coverage import Period
from models.scope import Scope
from models.storage.connection import database
from models.work.demands import OPEN_STATES

_OPEN = ", ".join(f"'{state}'" for state in OPEN_STATES)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _days(period: Period) -> list[str]:
    return [period.start.isoformat(), period.end.isoformat()]


def coverage_by_micro_grid(period: Period, scope: Scope = Scope(), linked: dict[str, str] | None = None,
                           visited: list[str] | None = None,
                           counted: dict[str, tuple[int, int, int]] | None = None) -> list[dict]:
    """One row per live micro-grid with live households in the scope; `linked` and `visited` as the
    coverage stock (`breakdowns.CoverageStock.linked`) and `breakdowns._visited` give them, when kept;
    `counted`: (households, linked, visited) of each micro-grid when a server counted them
    (`models.figures.set_counts.coverage_by_place`, removed micro-grids among them: they get no row)."""
    if counted is not None:
        coverage = counted_coverage(counted)
    else:
        in_scope, params = Scoped(scope).sql('hh."uuid"')
        coverage = _coverage(period, in_scope, params, linked, visited)
    if not coverage[0]:
        return []
    return micro_grid_rows(coverage, micro_grid_work(period, scope))


def micro_grid_work(period: Period, scope: Scope = Scope()) -> tuple[Counter, Counter, Counter, list[tuple]]:
    """What the rows by micro-grid tell beside coverage: (live visits in the period, live demands raised in it,
    live demands open now) of each micro-grid's households in the scope, and each live micro-grid's (id, name,
    leader, grid id, grid, community) by community, grid, name and id.  Read apart from coverage, so a server
    counts them at the same time (`models.figures.breakdowns`)."""
    if kept_counts.kept_for(scope):  # the whole of a PostgreSQL master: kept by its server
        visits, raised, still_open = kept_counts.micro_grid_work(period)
    else:
        in_scope, params = Scoped(scope).sql('hh."uuid"')
        visits = Counter(dict(database.execute_sql(
            'SELECT hh."micro_grid_id", count(*) FROM "visit" v JOIN "household" hh ON hh."uuid" = v."household_id" '
            f'WHERE v."deleted" = 0 AND v."visited_on" BETWEEN ? AND ? AND hh."deleted" = 0 AND {in_scope} '
            'AND hh."micro_grid_id" IS NOT NULL GROUP BY 1', [*_days(period), *params]).fetchall()))
        raised, still_open = _demands('hh."micro_grid_id"', 'JOIN "household" hh ON hh."uuid" = d."household_id"',
                                      f'hh."micro_grid_id" IS NOT NULL AND {in_scope}', params, period)
    names = database.execute_sql(
        'SELECT m."uuid", m."name", m."leader", g."uuid", g."name", coalesce(c."name", \'\') FROM "micro_grid" m '
        'JOIN "grid" g ON g."uuid" = m."grid_id" LEFT JOIN "community" c ON c."uuid" = g."community_id" '
        'WHERE m."deleted" = 0 ORDER BY 6, 5, 2, 1').fetchall()
    return visits, raised, still_open, names


def micro_grid_rows(coverage: tuple[Counter, Counter, Counter], work) -> list[dict]:
    """The rows by micro-grid from `coverage` ((households, linked, visited) of each, as `_coverage` counts
    them) and `work` (as `micro_grid_work` reads it), in its order."""
    households, linked_count, seen = coverage
    visits, raised, still_open, names = work
    # .get, not [ ]: a Counter's missing key goes through Python (__missing__), a city's 30,000 rows 0.1 s of it
    return [{"micro_grid_id": micro, "micro_grid": name, "leader": leader, "grid_id": grid_id, "grid": grid,
             "community": community, "households": households[micro], "linked": linked_count.get(micro, 0),
             "visited": seen.get(micro, 0), "visited_rate": share(seen.get(micro, 0), linked_count.get(micro, 0)),
             "visits": visits.get(micro, 0), "demands_raised": raised.get(micro, 0),
             "demands_open": still_open.get(micro, 0)}
            for micro, name, leader, grid_id, grid, community in names if micro in households]


def counted_coverage(counted: dict[str, tuple[int, int, int]]) -> tuple[Counter, Counter, Counter]:
    """(households, linked, visited) of each micro-grid from a server's (households, linked, visited) by micro-grid."""
    return (Counter({micro: counts[0] for micro, counts in counted.items()}),
            Counter({micro: counts[1] for micro, counts in counted.items()}),
            Counter({micro: counts[2] for micro, counts in counted.items()}))


def _coverage(period: Period, in_scope: str, params: list, linked: dict[str, str] | None,
              visited: list[str] | None) -> tuple[Counter, Counter, Counter]:
    """(households, linked, linked and visited) of each live micro-grid, from each household of the scope."""
    micro_of = dict(database.execute_sql(
        'SELECT hh."uuid", hh."micro_grid_id" FROM "household" hh JOIN "micro_grid" m ON m."uuid" = hh."micro_grid_id" '
        f'AND m."deleted" = 0 WHERE hh."deleted" = 0 AND {in_scope}', params).fetchall())
    if not micro_of:
        return Counter(), Counter(), Counter()
    if linked is None:
        linked = dict(database.execute_sql(
            'SELECT DISTINCT a."household_id", \'\' FROM "assignment" a JOIN "cadre" c ON c."uuid" = a."cadre_id" '
            'AND c."deleted" = 0 WHERE a."deleted" = 0').fetchall())
    if visited is None:
        visited = [household for (household,) in database.execute_sql(
            'SELECT DISTINCT "household_id" FROM "visit" WHERE "deleted" = 0 AND "visited_on" BETWEEN ? AND ? '
            'AND "household_id" IS NOT NULL', _days(period))]
    households = Counter(micro_of.values())
    linked_count = Counter(micro for household, micro in micro_of.items() if household in linked)
    seen = Counter(micro_of[household] for household in visited if household in micro_of and household in linked)
    return households, linked_count, seen


def _demands(key: str, join: str, where: str, params: list, period: Period) -> tuple[Counter, Counter]:
    """(raised in the period, open now) of the live demands, grouped by `key`."""
    raised, still_open = Counter(), Counter()
    for group, in_period, is_open in database.execute_sql(
            f'SELECT {key}, sum(d."raised_on" BETWEEN ? AND ?), sum(d."state" IN ({_OPEN})) FROM "demand" d {join} '
            f'WHERE d."deleted" = 0 AND {where} GROUP BY 1', [*_days(period), *params]):
        raised[group], still_open[group] = in_period or 0, is_open or 0
    return raised, still_open


def by_special_grid(period: Period, scope: Scope = Scope()) -> list[dict]:
    """One row per live special grid of the scope: its shops, those visited, visits and demands (see above)."""
    scoped = Scoped(scope)
    if scoped.everything:
        grids_sql, params = 'SELECT "uuid" FROM "grid" WHERE "deleted" = 0', ()
    elif scoped.grid_ids is None:
        return []
    else:
        grids_sql, params = scoped.grid_ids.sql()
    params = list(params)
    specials = database.execute_sql(
        'SELECT g."uuid", g."name", coalesce(c."name", \'\'), g."special_type", coalesce(g."leader", \'\') '
        'FROM "grid" g LEFT JOIN "community" c ON c."uuid" = g."community_id" '
        f'WHERE g."deleted" = 0 AND g."kind" = \'special\' AND g."uuid" IN ({grids_sql})', params).fetchall()
    if not specials:
        return []
    shops = Counter(dict(database.execute_sql(
        'SELECT "grid_id", count(*) FROM "shop" WHERE "deleted" = 0 GROUP BY 1').fetchall()))
    visited, visits = Counter(), Counter()
    for grid, shops_seen, count in database.execute_sql(
            'SELECT s."grid_id", count(DISTINCT v."shop_id"), count(*) FROM "visit" v JOIN "shop" s ON s."uuid" = v."shop_id" '
            'WHERE v."deleted" = 0 AND s."deleted" = 0 AND v."visited_on" BETWEEN ? AND ? GROUP BY 1', _days(period)):
        visited[grid], visits[grid] = shops_seen, count
    raised, still_open = _demands('s."grid_id"', 'JOIN "shop" s ON s."uuid" = d."shop_id"', 's."deleted" = 0', [], period)
    rows = [{"grid_id": grid, "grid": name, "community": community, "special_type": special_type, "leader": leader,
             "shops": shops[grid], "shops_visited": visited[grid], "shops_visited_rate": share(visited[grid], shops[grid]),
             "visits": visits[grid], "demands_raised": raised[grid], "demands_open": still_open[grid]}
            for grid, name, community, special_type, leader in specials]
    return sorted(rows, key=lambda row: (row["community"], row["grid"], row["grid_id"]))
