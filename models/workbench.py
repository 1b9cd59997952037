"""The 工作台 (home): who uses this laptop, and their to-do list.

Whoever uses the laptop is chosen at first start and in Settings: a cadre or
grid worker (their id), or the office.  The choice lives in the local
`setting` table beside the device and user names (it never travels: another
laptop has another user).  A worker's to-do list is counted over their
households (`Scope(cadre=…)`); the office's over the district.

* not yet visited — linked households with no visit this period (this month);
* due — demands accepted or in progress, past the deadline (overdue) or due
  within `DUE_SOON_DAYS` days;
* return visits due — closed demands still awaiting a satisfied return visit
  (`models.work.demands.awaiting_return_visit_condition`);
* new today — demands raised today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from models.registry.coverage import Period, is_linked, was_visited
from models.work.demands import RUNNING_STATES, DemandFilter, awaiting_return_visit_condition, demand_list
from models.records.installation import Setting
from models.records.people import Cadre, Household
from models.scope import Scope
from models.figures.scoped import Scoped, narrowed
from models.records.work import Demand, Visit

USER_KEY = "workbench_user"
OFFICE = "office"
WORKER = "worker"  # a cadre or grid worker, not yet chosen (a first start before the roster is in)
DUE_SOON_DAYS = 2


def chosen_user() -> str | None:
    """OFFICE, WORKER (who not yet chosen), a cadre's id, or None when nobody chose."""
    return Setting.read(USER_KEY)


def choose_user(user: str) -> None:
    """Remember who uses this laptop: OFFICE, WORKER, or a live cadre's id (anything else is refused)."""
    if user not in (OFFICE, WORKER) and not Cadre.alive().where(Cadre.uuid == user).exists():
        raise ValueError(f"no cadre with id {user!r}: the laptop's user is the office or a cadre of the roster")
    Setting.write(USER_KEY, user)


def user_cadre() -> Cadre | None:
    """The live cadre chosen as this laptop's user, if one is."""
    user = chosen_user()
    if user in (None, OFFICE, WORKER):
        return None
    return Cadre.alive().where(Cadre.uuid == user).first()


def user_choices() -> list[tuple[str, str]]:
    """(id, name and grid) of the live cadres, by name: whom the laptop's user can be, besides the office."""
    from models.records.places import Grid

    rows = (Cadre.alive().select(Cadre.uuid, Cadre.name, fn.COALESCE(Grid.name, ""))
            .join(Grid, JOIN.LEFT_OUTER, on=(Grid.uuid == Cadre.grid)).order_by(Cadre.name, Cadre.uuid).tuples())
    return [(uuid, f"{name}（{grid}）" if grid else name) for uuid, name, grid in rows]


@dataclass(frozen=True)
class Todo:
    """The counts on the 工作台's cards."""

    households: int | None  # linked households of the scope (None: not counted here, see `todo`)
    unvisited: int | None  # …not visited in the period
    overdue: int
    due_soon: int  # not yet overdue, due within DUE_SOON_DAYS days
    return_visits: int
    new_today: int


def _demands(scope: Scope):
    condition = narrowed(Demand.deleted == False, Scoped(scope).of_households_or_shops(Demand.household, Demand.shop))  # noqa: E712
    return Demand.select(fn.COUNT(Demand.uuid)).where(condition)


def due_condition(today: dt.date):
    """Running demands past their deadline or due within DUE_SOON_DAYS days."""
    return Demand.state.in_(RUNNING_STATES) & (Demand.deadline <= today + dt.timedelta(days=DUE_SOON_DAYS))


def todo(scope: Scope, period: Period, today: dt.date, coverage: bool = True) -> Todo:
    """The to-do counts of `scope` (a cadre's households, or everything) for `period`.

    `coverage=False` leaves the households out (None): the office's 工作台 takes them from the dashboard's
    breakdowns, which count them anyway (`households_linked`, `households_visited`), rather than twice.
    """
    linked = Household.select(fn.COUNT(Household.uuid)).where(scope.households_condition() & is_linked())
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    running = Demand.state.in_(RUNNING_STATES)
    return Todo(
        households=linked.scalar() if coverage else None,
        unvisited=linked.where(~was_visited(period)).scalar() if coverage else None,
        overdue=_demands(scope).where(running & (Demand.deadline < today)).scalar(),
        due_soon=_demands(scope).where(running & Demand.deadline.between(today, soon)).scalar(),
        return_visits=_demands(scope).where(awaiting_return_visit_condition()).scalar(),
        new_today=_demands(scope).where(Demand.raised_on == today).scalar(),
    )


def next_households(scope: Scope, period: Period):
    """The linked households of the scope not visited in the period, longest unvisited first (never visited first),
    each with `last_visit` attached."""
    last = (Visit.select(fn.MAX(Visit.visited_on)).where((Visit.household == Household.uuid)
                                                         & (Visit.deleted == False)))  # noqa: E712
    return (Household.select(Household, last.alias("last_visit"))
            .where(scope.households_condition() & is_linked() & ~was_visited(period))
            .order_by(fn.COALESCE(last, "0000-00-00"), Household.address, Household.room, Household.uuid).objects())


def due_demands(scope: Scope, today: dt.date):
    """The scope's demands overdue or due within DUE_SOON_DAYS days, earliest deadline first (`demand_list` rows)."""
    return (demand_list(DemandFilter(scope=scope, today=today)).where(due_condition(today))
            .order_by(Demand.deadline, Demand.raised_on, Demand.uuid))


def return_visits_due(scope: Scope, today: dt.date):
    """The scope's closed demands awaiting a satisfied return visit, longest closed first (`demand_list` rows)."""
    return (demand_list(DemandFilter(scope=scope, awaiting_return_visit=True, today=today))
            .order_by(Demand.closed_on, Demand.uuid))
