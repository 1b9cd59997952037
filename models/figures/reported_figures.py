"""The figures offices report beside closure and satisfaction (issue 21), as the seeds' offices count them.

Heping reports "577 problems of 2,045 enterprises, resolution 98.27 %", "657 disputes
accepted, 591 closed", "864 grid workers reported 821 items, closure 94.6 %", "215
whistles, 183 solved"; Xuzhou counts 181 roofs as one class (一类事).  Each figure here
has its numerator, denominator and period in docs/statistics.md.  Two kinds of period,
as for the existing figures:

* **cohorts** — what was raised (or, for a whistle, blown) in the period, and what has
  become of it by now: accepted, closed, solved.  Closure rates divide within one cohort.
* **flows** — what happened in the period: closings (for the resolution rates), visits.

"Not recorded" (an old demand's source or outcome) is counted apart, never as a guess:
it is left out of every rate's denominator and shown beside it.
"""

from __future__ import annotations

from functools import partial

from models.figures import kept_counts
from models.registry.coverage import Period
from models.storage.connection import database
from models.storage.side_by_side import side_by_side
from models.scope import Scope
from models.figures.scoped import Scoped
from models.records.work import Demand

LIVE = 'd."deleted" = 0'
RAISED = 'd."raised_on" BETWEEN ? AND ?'
CLOSED_IN_PERIOD = 'd."state" = \'closed\' AND d."closed_on" BETWEEN ? AND ?'
ACCEPTED = 'd."state" IN (\'accepted\', \'in_progress\', \'closed\')'
IS_DISPUTE = 'd."category_id" IN (SELECT "uuid" FROM "demand_category" WHERE "family" = \'dispute\')'
OF_SHOP = 'd."shop_id" IS NOT NULL'
GRID_REPORT = 'd."source" = \'grid_report\''
ACCEPTED_STATES = ("accepted", "in_progress", "closed")

# Each unit a demand was dispatched to (live dispatches; a unit sent the same demand twice counts
# once), with the day the demand reached its second unit: the day its whistle was blown (吹哨),
# NULL for a demand sent to one unit.  Window functions, not a self-join of the dispatches: on
# the 120,000-household demo (32,000 dispatches) this takes 0.13 s, the self-join took 13.7 s.
WHISTLE_UNITS = (
    'WITH firsts AS (SELECT "demand_id" AS demand, "unit_id" AS unit, min("dispatched_on") AS day FROM "dispatch" '
    'WHERE "deleted" = 0 GROUP BY "demand_id", "unit_id"), '
    'whistle_units AS (SELECT demand, unit, nth_value(day, 2) OVER (PARTITION BY demand ORDER BY day, unit '
    'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS blown FROM firsts) '
)


def share(part: int, whole: int) -> float | None:
    """A rate, or None when there is nothing to divide by (shown as "–", never 0)."""
    return part / whole if whole else None


def _row(sql: str, params: tuple) -> tuple:
    return tuple(value or 0 for value in database.execute_sql(sql, params).fetchone())


def _days(period: Period) -> tuple[str, str]:
    return period.start.isoformat(), period.end.isoformat()


def _in_scope(period: Period, scope: Scope) -> tuple[str, tuple]:
    """The condition "a demand `d` of the scope", and the parameters: the period's two days, then the scope's."""
    condition, params = Scoped(scope).demand_sql("d")
    return condition, _days(period) + tuple(params)


def _kept(scope: Scope, period: Period) -> kept_counts.KeptDemands | None:
    """The demands of the period as the server keeps them (the whole of a PostgreSQL master), else None."""
    return kept_counts.KeptDemands(period) if kept_counts.kept_for(scope) else None


def _disputes() -> set[str]:
    return {uuid for (uuid,) in database.execute_sql(
        'SELECT "uuid" FROM "demand_category" WHERE "family" = \'dispute\'').fetchall()}


def _cohort(period: Period, condition: str, scope: Scope) -> tuple[int, ...]:
    """(raised, accepted, closed, solved, mediated, mediation failed) of the live demands raised in the period."""
    kept = _kept(scope, period)
    if kept is not None and condition in (GRID_REPORT, IS_DISPUTE):
        disputes = _disputes() if condition == IS_DISPUTE else set()
        rows = [row for row in kept.raised
                if (row.source == "grid_report" if condition == GRID_REPORT else row.category_id in disputes)]
        closed = [row for row in rows if row.state == "closed"]
        return (sum(row.n for row in rows), sum(row.n for row in rows if row.state in ACCEPTED_STATES),
                sum(row.n for row in closed), sum(row.n for row in closed if row.outcome == "solved"),
                sum(row.n for row in closed if row.mediation == "succeeded"),
                sum(row.n for row in closed if row.mediation == "failed"))
    in_scope, params = _in_scope(period, scope)
    return _row(
        f'SELECT count(*), sum({ACCEPTED}), sum(d."state" = \'closed\'), '
        'sum(d."state" = \'closed\' AND d."outcome" = \'solved\'), '
        'sum(d."state" = \'closed\' AND d."mediation" = \'succeeded\'), '
        'sum(d."state" = \'closed\' AND d."mediation" = \'failed\') '
        f'FROM "demand" d WHERE {LIVE} AND {RAISED} AND {in_scope} AND {condition}',
        params,
    )


def _closings(period: Period, scope: Scope, condition: str = "1") -> dict[str, int]:
    """Demands closed in the period (now closed, closing day in it) by outcome; '' is not recorded."""
    kept = _kept(scope, period)
    if kept is not None and condition in ("1", OF_SHOP):
        found = kept.closings(shops_only=condition == OF_SHOP)
    else:
        in_scope, params = _in_scope(period, scope)
        found = dict(database.execute_sql(
            f'SELECT coalesce(d."outcome", \'\'), count(*) FROM "demand" d WHERE {LIVE} AND {CLOSED_IN_PERIOD} '
            f'AND {in_scope} AND {condition} GROUP BY 1',
            params,
        ).fetchall())
    by_outcome = {outcome: found.pop(outcome, 0) for outcome in Demand.OUTCOMES}
    by_outcome["unknown"] = sum(found.values())
    return by_outcome


def _resolution(closings: dict[str, int]) -> float | None:
    """Solved of the closings whose outcome was recorded."""
    return share(closings["solved"], sum(closings[outcome] for outcome in Demand.OUTCOMES))


def outcome_figures(period: Period, scope: Scope = Scope()) -> dict[str, object]:
    closings = _closings(period, scope)
    return {
        "demands_solved": closings["solved"],
        "demands_answered": closings["answered"],
        "demands_unsolvable": closings["unsolvable"],
        "demands_outcome_unknown": closings["unknown"],
        "resolution_rate": _resolution(closings),
    }


def source_figures(period: Period, scope: Scope = Scope()) -> dict[str, object]:
    """Demands raised in the period by where they came from; every source is listed, "unknown" last."""
    kept = _kept(scope, period)
    if kept is not None:
        rows = {}
        for row in kept.raised:
            rows[row.source] = rows.get(row.source, 0) + row.n
    else:
        in_scope, params = _in_scope(period, scope)
        rows = dict(database.execute_sql(
            f'SELECT coalesce(d."source", \'\'), count(*) FROM "demand" d WHERE {LIVE} AND {RAISED} AND {in_scope} '
            'GROUP BY 1',
            params,
        ).fetchall())
    by_source = {source: rows.pop(source, 0) for source in Demand.SOURCES}
    by_source["unknown"] = sum(rows.values())
    return {"demands_by_source": by_source}


def grid_report_figures(period: Period, scope: Scope = Scope()) -> dict[str, object]:
    """Grid workers' own reports (网格员上报): how many, accepted, closed, by how many grid workers."""
    condition = GRID_REPORT
    raised, accepted, closed, *_ = _cohort(period, condition, scope)
    in_scope, params = _in_scope(period, scope)
    (reporting,) = _row(
        f'SELECT count(DISTINCT d."recorded_by_id") FROM "demand" d WHERE {LIVE} AND {RAISED} AND {in_scope} '
        f'AND {condition}',
        params,
    )
    return {
        "grid_reports": raised,
        "grid_workers_reporting": reporting,
        "grid_reports_accepted": accepted,
        "grid_reports_closed": closed,
        "grid_report_closure_rate": share(closed, accepted),
    }


def whistle_figures(period: Period, scope: Scope = Scope()) -> dict[str, object]:
    """Whistles blown in the period, and what has become of them; the same for each unit that answered one."""
    if kept_counts.kept_for(scope):  # the whole of a PostgreSQL master: kept by its server
        (blown, closed, solved), unit_rows = kept_counts.whistles(period)
        by_unit = sorted(([name, n, shut, good] for _, name, n, shut, good in unit_rows),
                         key=lambda counts: (-counts[1], counts[0]))
        return {"whistles": blown, "whistles_closed": closed, "whistles_solved": solved, "whistles_by_unit": [
            {"unit": name, "whistles": n, "closed": shut, "solved": good} for name, n, shut, good in by_unit]}
    in_scope, params = _in_scope(period, scope)
    rows = database.execute_sql(
        WHISTLE_UNITS + 'SELECT w.demand, u."name", u."uuid", d."state" = \'closed\', '
        'd."state" = \'closed\' AND d."outcome" = \'solved\' FROM whistle_units w '
        'JOIN "demand" d ON d."uuid" = w.demand JOIN "responsible_unit" u ON u."uuid" = w.unit '
        f'WHERE {LIVE} AND w.blown BETWEEN ? AND ? AND {in_scope}',
        params,
    ).fetchall()
    demands: dict[str, tuple[int, int]] = {}
    units: dict[str, list] = {}
    for demand, name, unit, closed, solved in rows:
        demands[demand] = (closed, solved)
        counts = units.setdefault(unit, [name, 0, 0, 0])
        counts[1:] = counts[1] + 1, counts[2] + closed, counts[3] + solved
    by_unit = sorted(units.values(), key=lambda counts: (-counts[1], counts[0]))
    return {
        "whistles": len(demands),
        "whistles_closed": sum(closed for closed, _ in demands.values()),
        "whistles_solved": sum(solved for _, solved in demands.values()),
        "whistles_by_unit": [
            {"unit": name, "whistles": count, "closed": closed, "solved": solved}
            for name, count, closed, solved in by_unit
        ],
    }


def dispute_figures(period: Period, scope: Scope = Scope()) -> dict[str, object]:
    """矛盾纠纷 (categories of the dispute family) raised in the period: accepted, closed, mediated."""
    _raised, accepted, closed, _solved, mediated, failed = _cohort(period, IS_DISPUTE, scope)
    return {
        "disputes_accepted": accepted,
        "disputes_closed": closed,
        "dispute_closure_rate": share(closed, accepted),
        "disputes_mediated": mediated,
        "disputes_mediation_failed": failed,
        "mediation_success_rate": share(mediated, mediated + failed),
    }


def enterprise_figures(period: Period, scope: Scope = Scope()) -> dict[str, object]:
    """Visits to shops and enterprises (企业走访) and their problems, apart from households'."""
    visit_in_scope, visit_params = Scoped(scope).demand_sql("v")
    visits, visited = _row(
        'SELECT count(*), count(DISTINCT v."shop_id") FROM "visit" v '
        f'WHERE v."deleted" = 0 AND v."shop_id" IS NOT NULL AND v."visited_on" BETWEEN ? AND ? AND {visit_in_scope}',
        _days(period) + tuple(visit_params),
    )
    kept = _kept(scope, period)
    if kept is not None:
        raised = kept.count(lambda row: row.of_shop)
    else:
        in_scope, params = _in_scope(period, scope)
        (raised,) = _row(f'SELECT count(*) FROM "demand" d WHERE {LIVE} AND {RAISED} AND {in_scope} AND {OF_SHOP}',
                         params)
    closings = _closings(period, scope, OF_SHOP)
    return {
        "enterprise_visits": visits,
        "enterprises_visited": visited,
        "enterprise_demands": raised,
        "enterprise_demands_solved": closings["solved"],
        "enterprise_resolution_rate": _resolution(closings),
    }


def class_figures(period: Period, scope: Scope = Scope()) -> dict[str, object]:
    """一类事: a class with a demand raised in the period counts as one item, and shows what it covers.

    In a scope, a class is counted when one of the scope's demands raised in the period is in it, and its
    details count the scope's demands only.
    """
    in_scope, params = _in_scope(period, scope)
    classes = (
        'SELECT g."uuid" FROM "demand_group" g WHERE g."deleted" = 0 AND EXISTS (SELECT 1 FROM "demand" d '
        f'WHERE d."group_id" = g."uuid" AND {LIVE} AND {RAISED} AND {in_scope})'
    )
    member, member_params = Scoped(scope).demand_sql("d")
    details = database.execute_sql(
        'SELECT g."name", count(*), sum(d."state" = \'closed\'), count(DISTINCT d."household_id"), '
        'count(DISTINCT coalesce(h."building_id", s."building_id")) '
        'FROM "demand_group" g JOIN "demand" d ON d."group_id" = g."uuid" AND d."deleted" = 0 '
        'LEFT JOIN "household" h ON h."uuid" = d."household_id" LEFT JOIN "shop" s ON s."uuid" = d."shop_id" '
        f'WHERE g."uuid" IN ({classes}) AND {member} GROUP BY g."uuid" ORDER BY g."name", g."uuid"',
        params + tuple(member_params),
    ).fetchall()
    (single,) = _row(
        f'SELECT count(*) FROM "demand" d WHERE {LIVE} AND {RAISED} AND {in_scope} AND NOT EXISTS '
        '(SELECT 1 FROM "demand_group" g WHERE g."uuid" = d."group_id" AND g."deleted" = 0)',
        params,
    )
    return {
        "classes": len(details),
        "items_raised": single + len(details),
        "class_details": [
            {"name": name, "demands": demands, "closed": closed, "households": households, "buildings": buildings}
            for name, demands, closed, households, buildings in details
        ],
    }


def reported_figures(period: Period, scope: Scope = Scope()) -> dict[str, object]:
    """Every figure of this module for the period and scope, in the order docs/statistics.md gives them; each
    kind its own read (on PostgreSQL read at once, in one snapshot: `models.storage.side_by_side`)."""
    found = {}
    for part in side_by_side(*(partial(kind, period, scope) for kind in (
            outcome_figures, source_figures, grid_report_figures, whistle_figures, dispute_figures,
            enterprise_figures, class_figures))):
        found |= part
    return found
