"""The figures the office reports upward; counts always exclude deleted records.

`counts()` says how many records there are; `rates(period)` adds the figures of
the daily work.  Stocks (open, overdue, linked share) describe today; flows
(raised, accepted, closed, the rates) describe the period.  Each definition —
numerator, denominator, period — is written out in docs/statistics.md, and a
rate with nothing to divide by is None (null), not 0.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from peewee import fn

from models.registry.addresses import address_key, parts_key, same_place
from models.records.conflicts import Conflict
from models.storage.side_by_side import side_by_side
from models.storage.connection import database
from models.registry.coverage import Coverage, Period, Scope
from models.work.demands import GOOD_SATISFACTION, OPEN_STATES, overdue_condition
from models.records.people import Assignment, Cadre, Household, Resident, Shop
from models.records.places import Building
from models.figures import kept_counts
from models.figures.reported_figures import reported_figures
from models.figures.scoped import Scoped, narrowed
from models.figures.set_counts import coverage_counted
from models.records.work import Demand, ReturnVisit, Visit

COUNTED = {
    "households": Household,
    "residents": Resident,
    "buildings": Building,
    "shops": Shop,
    "cadres": Cadre,
    "assignments": Assignment,
    "visits": Visit,
    "demands": Demand,
}

ACCEPTED_STATES = ("accepted", "in_progress", "closed")

# Chinese names for the workbook a person opens; the keys are what scripts read.
FIGURE_LABELS = {
    "households_linked": "已联户住户",
    "households_visited": "期内已走访住户（已联户）",
    "demands_overdue_undispatched": "超期未派单诉求",
    "households": "住户",
    "residents": "居民",
    "buildings": "楼栋",
    "shops": "商铺",
    "cadres": "党员干部和网格员",
    "assignments": "联户关系",
    "visits": "走访",
    "demands": "诉求和意见建议",
    "conflicts": "待处理的冲突",
    "residents_registration_known": "有户籍地址的居民",
    "residents_living_away": "人户分离（户籍地不是现住地）",
    "living_away_rate": "人户分离比例",
    "period_from": "统计期起",
    "period_to": "统计期止",
    "visits_in_period": "期内走访",
    "demands_raised": "期内提出",
    "demands_accepted": "期内提出并受理",
    "demands_closed": "期内办结",
    "demands_open": "当前未办结",
    "demands_overdue": "当前超期",
    "coverage_assigned": "联户覆盖率",
    "coverage_visited": "期内走访覆盖率",
    "closure_rate": "办结率",
    "on_time_closure_rate": "按期办结率",
    "satisfaction_rate": "满意率",
    "grid_workers": "网格员",
    "demands_solved": "期内办结·已解决",
    "demands_answered": "期内办结·已答复",
    "demands_unsolvable": "期内办结·无法解决",
    "demands_outcome_unknown": "期内办结·结果未记录",
    "resolution_rate": "解决率",
    "demands_by_source": "期内提出·按来源",
    "grid_reports": "网格员上报",
    "grid_workers_reporting": "上报的网格员",
    "grid_reports_accepted": "网格员上报·受理",
    "grid_reports_closed": "网格员上报·办结",
    "grid_report_closure_rate": "网格员上报办结率",
    "whistles": "吹哨（期内）",
    "whistles_closed": "吹哨·办结",
    "whistles_solved": "吹哨·解决",
    "whistles_by_unit": "吹哨报到·按责任单位",
    "disputes_accepted": "受理矛盾纠纷",
    "disputes_closed": "矛盾纠纷·办结",
    "dispute_closure_rate": "矛盾纠纷办结率",
    "disputes_mediated": "矛盾纠纷·调解成功",
    "disputes_mediation_failed": "矛盾纠纷·调解未成功",
    "mediation_success_rate": "调解成功率",
    "enterprise_visits": "企业走访",
    "enterprises_visited": "走访的企业（商铺）",
    "enterprise_demands": "企业诉求",
    "enterprise_demands_solved": "企业诉求·期内解决",
    "enterprise_resolution_rate": "企业诉求解决率",
    "enterprise_satisfaction_rate": "企业诉求满意率",
    "classes": "一类事",
    "items_raised": "期内提出（一类事计为一件）",
    "class_details": "一类事·覆盖",
}

# The words of `demands_by_source`'s keys, as the exchange workbook writes them.
SOURCE_LABELS = {
    "visit": "入户走访", "grid_report": "网格员上报", "hotline": "12345热线", "walk_in": "来访来电",
    "enterprise_visit": "企业走访", "other": "其他", "unknown": "未记录",
}

RATES = ("coverage_assigned", "coverage_visited", "closure_rate", "on_time_closure_rate", "satisfaction_rate",
         "living_away_rate", "resolution_rate", "grid_report_closure_rate", "dispute_closure_rate",
         "mediation_success_rate", "enterprise_resolution_rate", "enterprise_satisfaction_rate")


def counts(scope: Scope = Scope()) -> dict[str, int | float | None]:
    """How many live records of each kind, how many conflicts wait for a person, and who lives
    away from their household registration (人户分离) — in `scope` (models/figures/scoped.py says what it keeps;
    conflicts are the whole database's: a conflict belongs to no place)."""
    scoped = Scoped(scope)
    people = scoped.of_households(Resident.household)
    shops = None if scoped.everything else (
        Shop.grid.in_(scoped.grid_ids) if scoped.grid_ids is not None else Shop.uuid.is_null())
    buildings = None if scoped.everything else Building.uuid.in_(
        Household.select(Household.building).where(scope.households_condition()))
    if buildings is not None and scoped.grid_ids is not None:
        buildings |= Building.grid.in_(scoped.grid_ids)
    conditions = {
        "households": None if scoped.everything else scope.households_condition(),
        "residents": people,
        "buildings": buildings,
        "shops": shops,
        "cadres": scoped.cadres(),
        "assignments": scoped.of_households(Assignment.household),
        "visits": scoped.of_households_or_shops(Visit.household, Visit.shop),
        "demands": scoped.of_households_or_shops(Demand.household, Demand.shop),
    }
    if kept_counts.kept_for(scope):  # the whole of a PostgreSQL master: its server keeps them
        live = kept_counts.live_counts()
        figures = {name: live[model._meta.table_name] for name, model in COUNTED.items()}
        figures["grid_workers"] = live["grid_worker"]
        figures["conflicts"] = live["open_conflict"]
    else:
        figures = {name: _count(model, conditions[name]) for name, model in COUNTED.items()}
        figures["grid_workers"] = _count(Cadre, narrowed(Cadre.role == "grid_worker", scoped.cadres()))
        figures["conflicts"] = Conflict.select().where(Conflict.status == "open").count()
    away, known = kept_counts.living_away() if kept_counts.kept_for(scope) else living_away(scope)
    figures["residents_registration_known"] = known
    figures["residents_living_away"] = away
    figures["living_away_rate"] = _share(away, known)
    return figures


def _count(model, condition) -> int:
    query = model.alive()
    return (query if condition is None else query.where(condition)).count()


LIVING_AWAY_ROWS = (
    'SELECT r."registered_address", h."address", h."room", coalesce(b."name", \'\'), coalesce(u."name", \'\') '
    'FROM "resident" r JOIN "household" h ON h."uuid" = r."household_id" '
    'LEFT JOIN "building" b ON b."uuid" = h."building_id" LEFT JOIN "unit" u ON u."uuid" = h."unit_id" '
    'WHERE r."deleted" = 0 AND h."deleted" = 0 AND r."registered_address" != \'\''
)


def living_away(scope: Scope = Scope()) -> tuple[int, int]:
    """(live residents of live households registered elsewhere than they live, those with a registration address).

    Elsewhere: `models.registry.addresses.same_place` says no for the registration and the
    household's address (or its building, unit and room) — the rule the roster
    import counts by.  Keys are worked out once per distinct text: a household's
    members share theirs.
    """
    keys: dict[str, str] = {}

    def key(text: str) -> str:
        found = keys.get(text)
        if found is None:
            found = keys[text] = address_key(text)
        return found

    away = known = 0
    in_scope, params = Scoped(scope).sql('h."uuid"')
    cursor = database.execute_sql(f"{LIVING_AWAY_ROWS} AND {in_scope}", params)
    while rows := cursor.fetchmany(10_000):
        for registered, address, room, building, unit in rows:
            known += 1
            away += not same_place(key(registered), key(address), parts_key(building, unit, room) if room else "")
    return away, known


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _demands(scoped: Scoped):
    live = Demand.deleted == False  # noqa: E712
    return Demand.select(fn.COUNT(Demand.uuid)).where(
        narrowed(live, scoped.of_households_or_shops(Demand.household, Demand.shop)))


def _satisfaction(period: Period, only=True) -> tuple[int, int]:
    """(demands whose last return visit in the period was satisfied or fairly, demands called back);
    `only` narrows the demands (a condition on Demand)."""
    in_period = (ReturnVisit.deleted == False) & ReturnVisit.visited_on.between(period.start, period.end)  # noqa: E712
    Later = ReturnVisit.alias("later")
    later = Later.select(Later.uuid).where(
        (Later.demand == ReturnVisit.demand)
        & (Later.deleted == False)  # noqa: E712
        & Later.visited_on.between(period.start, period.end)
        & (
            (Later.visited_on > ReturnVisit.visited_on)
            | ((Later.visited_on == ReturnVisit.visited_on) & (Later.hlc > ReturnVisit.hlc))
        )
    )
    last_answers = (
        ReturnVisit.select(ReturnVisit.satisfaction)
        .join(Demand, on=(Demand.uuid == ReturnVisit.demand))
        .where(in_period & (Demand.deleted == False) & ~fn.EXISTS(later) & only)  # noqa: E712
        .tuples()
    )
    answers = [satisfaction for (satisfaction,) in last_answers]
    return sum(answer in GOOD_SATISFACTION for answer in answers), len(answers)


def _demand_counts(period: Period, today: dt.date, scope: Scope) -> tuple[int, ...]:
    """(raised in the period, of those accepted, closed, closed on time; closed in the period; open now; visits in the
    period; overdue today) of the live demands in `scope`."""
    scoped = Scoped(scope)
    demands = partial(_demands, scoped)
    raised = Demand.raised_on.between(period.start, period.end)
    if kept_counts.kept_for(scope):  # the whole of a PostgreSQL master: its server keeps these counts
        kept = kept_counts.KeptDemands(period)
        raised_count, accepted = kept.count(), kept.count(lambda row: row.state in ACCEPTED_STATES)
        closed_of_raised, on_time = kept.count(lambda row: row.state == "closed"), kept.count(lambda row: row.on_time)
        closed_count = sum(kept.closings().values())
        open_count, visits_count = kept_counts.demands_in_states(OPEN_STATES), kept_counts.visits_in(period)
        overdue_count = kept_counts.overdue(today)[0]
    else:
        raised_count = demands().where(raised).scalar()
        accepted = demands().where(raised & Demand.state.in_(ACCEPTED_STATES)).scalar()
        closed_of_raised = demands().where(raised & (Demand.state == "closed")).scalar()
        on_time = demands().where(raised & (Demand.state == "closed") & (Demand.closed_on <= Demand.deadline)).scalar()
        closed_count = demands().where(
            (Demand.state == "closed") & Demand.closed_on.between(period.start, period.end)).scalar()
        open_count = demands().where(Demand.state.in_(OPEN_STATES)).scalar()
        visits = Visit.alive().where(Visit.visited_on.between(period.start, period.end))
        visits_in_scope = scoped.of_households_or_shops(Visit.household, Visit.shop)
        visits_count = (visits if visits_in_scope is None else visits.where(visits_in_scope)).count()
        overdue_count = demands().where(overdue_condition(today)).scalar()
    return raised_count, accepted, closed_of_raised, on_time, closed_count, open_count, visits_count, overdue_count


def rates(period: Period | None = None, today: dt.date | None = None, scope: Scope = Scope(),
          households: Coverage | None = None, *, coverage_beside: bool = False) -> dict[str, object]:
    """The office's figures for `period` (default: this month up to today), in `scope`.  `households`: the
    scope's coverage for the period when the caller counted it already (the dashboard's breakdowns do);
    `coverage_beside`: the caller counts it at the same time and puts its rates in (they are None here)."""
    today = today or dt.date.today()
    period = period or Period.month_to_date(today)
    scoped = Scoped(scope)
    in_scope = scoped.of_households_or_shops(Demand.household, Demand.shop)
    # Each a read of its own: on PostgreSQL read at once, in one snapshot (`models.storage.side_by_side`)
    reported, (satisfied, called_back), (shops_satisfied, shops_called_back), counted = side_by_side(
        lambda: reported_figures(period, scope),
        lambda: _satisfaction(period, narrowed(Demand.uuid.is_null(False), in_scope)),
        lambda: _satisfaction(period, narrowed(Demand.shop.is_null(False), in_scope)),
        lambda: _demand_counts(period, today, scope))
    raised_count, accepted, closed_of_raised, on_time, closed_count, open_count, visits_count, overdue_count = counted
    if coverage_beside:  # the caller's to fill in
        linked_rate = visited_rate = None
    else:
        households = households or coverage_counted(scope, period)
        linked_rate, visited_rate = households.linked_rate, households.visited_rate
    return {
        "period_from": period.start.isoformat(),
        "period_to": period.end.isoformat(),
        "visits_in_period": visits_count,
        "demands_raised": raised_count,
        "demands_accepted": accepted,
        "demands_closed": closed_count,
        "demands_open": open_count,
        "demands_overdue": overdue_count,
        "coverage_assigned": linked_rate,
        "coverage_visited": visited_rate,
        "closure_rate": _share(closed_of_raised, accepted),
        "on_time_closure_rate": _share(on_time, closed_of_raised),
        "satisfaction_rate": _share(satisfied, called_back),
    } | _placed_after(reported, "enterprise_resolution_rate",
                      {"enterprise_satisfaction_rate": _share(shops_satisfied, shops_called_back)})


def _placed_after(values: dict, key: str, more: dict) -> dict:
    """`values` with `more` right after `key`: the workbook lists related figures together."""
    items = list(values.items())
    at = [name for name, _ in items].index(key) + 1
    return dict(items[:at] + list(more.items()) + items[at:])


def figures(period: Period | None = None, today: dt.date | None = None, scope: Scope = Scope(),
            households: Coverage | None = None, *, coverage_beside: bool = False) -> dict[str, object]:
    """Everything `lianxin stats` prints: the counts, then the period's figures, in `scope` (`households` and
    `coverage_beside`: as for `rates`)."""
    return counts(scope) | rates(period, today, scope, households, coverage_beside=coverage_beside)
