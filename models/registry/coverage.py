"""Coverage (不漏一户): is every household linked to a cadre, and was every linked one visited?

One call, `coverage(scope, period)`, answers the promise for any scope
(everywhere, a sub-district, a community, a grid, one cadre's households) and any
period; `unlinked_households` and `unvisited_households` are the two lists that
say who was missed, as queries a lazily fetching list can page through.

Definitions (also in docs/statistics.md):

* a household counts if it is not deleted;
* it is *linked* if at least one live assignment ties it to a live cadre;
* it is *visited* in a period if it has a live visit dated inside the period
  (both ends included), whoever made it;
* for a cadre's scope the households are that cadre's linked households.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import Expression, fn

from models.records.people import Assignment, Cadre, Household
from models.records.places import Grid
from models.scope import Scope
from models.records.work import Visit


@dataclass(frozen=True)
class Period:
    """A range of days, both ends included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"the period starts ({self.start}) after it ends ({self.end})")

    @classmethod
    def month_of(cls, day: dt.date) -> "Period":
        following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return cls(day.replace(day=1), following - dt.timedelta(days=1))

    @classmethod
    def quarter_of(cls, day: dt.date) -> "Period":
        first_month = 3 * ((day.month - 1) // 3) + 1
        start = dt.date(day.year, first_month, 1)
        last = cls.month_of(dt.date(day.year, first_month + 2, 1))
        return cls(start, last.end)

    @classmethod
    def chosen(cls, kind: str, today: dt.date, start: dt.date, end: dt.date) -> "Period":
        """The period a person picked: "quarter" (to date), "custom" (start–end) or else this month to date."""
        if kind == "quarter":
            return cls(cls.quarter_of(today).start, today)
        if kind == "custom":
            return cls(start, end)
        return cls.month_to_date(today)

    @classmethod
    def month_to_date(cls, today: dt.date | None = None) -> "Period":
        """From the first of this month to today: "the current period" of the figures."""
        today = today or dt.date.today()
        return cls(today.replace(day=1), today)


def is_linked() -> Expression:
    """True for a household that at least one live cadre is linked to (correlated on Household)."""
    links = (
        Assignment.select(Assignment.uuid)
        .join(Cadre)
        .where(
            (Assignment.household == Household.uuid)
            & (Assignment.deleted == False)  # noqa: E712
            & (Cadre.deleted == False)  # noqa: E712
        )
    )
    return fn.EXISTS(links)


def was_visited(period: Period) -> Expression:
    """True for a household with a live visit inside `period` (correlated on Household)."""
    visits = Visit.select(Visit.uuid).where(
        (Visit.household == Household.uuid)
        & (Visit.deleted == False)  # noqa: E712
        & (Visit.visited_on.between(period.start, period.end))
    )
    return fn.EXISTS(visits)


@dataclass(frozen=True)
class Coverage:
    households: int
    linked: int
    visited: int  # linked households visited in the period

    @property
    def unlinked(self) -> int:
        return self.households - self.linked

    @property
    def unvisited(self) -> int:
        return self.linked - self.visited

    @property
    def linked_rate(self) -> float | None:
        """Linked share of households, 0–1; None when there are no households."""
        return self.linked / self.households if self.households else None

    @property
    def visited_rate(self) -> float | None:
        """Visited share of linked households, 0–1; None when none is linked."""
        return self.visited / self.linked if self.linked else None

    @property
    def complete(self) -> bool:
        """不漏一户: every household linked, and every linked household visited."""
        return self.unlinked == 0 and self.unvisited == 0


def _totals(condition: Expression, period: Period, group_by=None):
    linked = is_linked()
    columns = [
        fn.COUNT(Household.uuid),
        fn.COALESCE(fn.SUM(linked), 0),
        fn.COALESCE(fn.SUM(linked & was_visited(period)), 0),
    ]
    if group_by is not None:
        columns.insert(0, group_by)
    query = Household.select(*columns).where(condition)
    return query.group_by(group_by) if group_by is not None else query


def coverage(scope: Scope, period: Period) -> Coverage:
    """The figures of 不漏一户 for one scope and period, in one query."""
    households, linked, visited = _totals(scope.households_condition(), period).tuples().get()
    return Coverage(households, linked, visited)


def coverage_by_grid(scope: Scope, period: Period) -> list[tuple[Grid, Coverage]]:
    """The same figures for each grid of the scope, grids in name order."""
    totals = _totals(scope.households_condition(), period, Household.grid).tuples()
    rows = {grid: Coverage(households, linked, visited) for grid, households, linked, visited in totals}
    grids = Grid.select().where(Grid.uuid.in_(list(rows))).order_by(Grid.name) if rows else []
    return [(grid, rows[grid.uuid]) for grid in grids]


def unlinked_households(scope: Scope):
    """The live households of the scope no live cadre is linked to, in address order."""
    return (
        Household.select()
        .where(scope.households_condition() & ~is_linked())
        .order_by(Household.address, Household.room, Household.uuid)
    )


def unvisited_households(scope: Scope, period: Period):
    """Linked households of the scope with no visit in the period, in address order."""
    return (
        Household.select()
        .where(scope.households_condition() & is_linked() & ~was_visited(period))
        .order_by(Household.address, Household.room, Household.uuid)
    )
