"""What a scope keeps of each kind of record the figures count, as peewee conditions and as SQL.

The figures (`models.figures.stats`, `models.figures.reported_figures`, `models.figures.breakdowns`) are
counted for a `models.scope.Scope`: the whole database, or a sub-district,
community, grid or cadre's households.  A scope names households
(`Scope.households_condition`); everything else follows from them:

* a household's residents, links, visits and demands belong to its scope;
* a shop (and its visits and demands) belongs to a *place* scope — a
  sub-district, community or grid — when it lies in one of its grids; a scope
  with a micro-grid, a cadre or chosen households names households only, so it has no shops;
* buildings and cadres of a scope: those of its households, and for a place
  scope also those of its grids (an empty building, a grid worker with no links).

The whole database (`Scope()`) adds no condition at all, so its figures are
exactly those counted before scopes existed — demands of removed households
included.  Both spellings (peewee expressions for model queries, SQL text with
`?` parameters for the hand-written queries) come from the same subqueries, so
they cannot drift apart.
"""

from __future__ import annotations

from functools import cached_property

from peewee import Expression

from models.records.people import Assignment, Cadre, Household, Shop
from models.records.places import Community, Grid
from models.scope import Scope


class Scoped:
    """The conditions of one scope; `everything` means there are none."""

    def __init__(self, scope: Scope = Scope()) -> None:
        self.scope = scope
        self.everything = scope.everything

    # -- the subqueries everything else is made of ---------------------------------------
    @cached_property
    def household_ids(self):
        """The live households of the scope (a query for `IN`)."""
        return Household.select(Household.uuid).where(self.scope.households_condition())

    @cached_property
    def grid_ids(self):
        """The grids of a place scope (a query), or None when the scope names households only."""
        scope = self.scope
        if scope.cadre or scope.households or scope.micro_grid:
            return None
        grids = Grid.select(Grid.uuid).where(Grid.deleted == False)  # noqa: E712
        if scope.sub_district:
            grids = grids.where(Grid.community.in_(
                Community.select(Community.uuid).where(Community.sub_district == scope.sub_district)))
        if scope.community:
            grids = grids.where(Grid.community == scope.community)
        if scope.grid:
            grids = grids.where(Grid.uuid == scope.grid)
        return grids

    @cached_property
    def shop_ids(self):
        """The live shops of a place scope's grids (a query), or None."""
        if self.grid_ids is None:
            return None
        return Shop.select(Shop.uuid).where((Shop.deleted == False) & Shop.grid.in_(self.grid_ids))  # noqa: E712

    # -- peewee conditions -------------------------------------------------------------
    def of_households(self, column) -> Expression | None:
        """`column` (a household id) names a household of the scope; None for everything."""
        return None if self.everything else column.in_(self.household_ids)

    def of_households_or_shops(self, household_column, shop_column) -> Expression | None:
        """A visit or demand of the scope: its household is in it, or its shop; None for everything."""
        if self.everything:
            return None
        condition = household_column.in_(self.household_ids)
        if self.shop_ids is not None:
            condition |= shop_column.in_(self.shop_ids)
        return condition

    def cadres(self) -> Expression | None:
        """Live cadres of the scope: linked to one of its households, or (a place scope) of one of its grids."""
        if self.everything:
            return None
        linked = Assignment.select(Assignment.cadre).where(
            (Assignment.deleted == False) & Assignment.household.in_(self.household_ids))  # noqa: E712
        condition = Cadre.uuid.in_(linked)
        if self.grid_ids is not None:
            condition |= Cadre.grid.in_(self.grid_ids)
        return condition

    # -- SQL text ----------------------------------------------------------------------
    def sql(self, household_column: str, shop_column: str | None = None) -> tuple[str, list]:
        """SQL for "this row belongs to the scope", given its household column (and shop column): ("1", []) for everything."""
        if self.everything:
            return "1", []
        households, params = self.household_ids.sql()
        text = f"{household_column} IN ({households})"
        params = list(params)
        if shop_column is not None and self.shop_ids is not None:
            shops, more = self.shop_ids.sql()
            text = f"({text} OR {shop_column} IN ({shops}))"
            params += list(more)
        return text, params

    def demand_sql(self, alias: str = "d") -> tuple[str, list]:
        """A demand (or a visit: the same two columns) of the scope, for a table aliased `alias`."""
        return self.sql(f'{alias}."household_id"', f'{alias}."shop_id"')


def narrowed(condition: Expression, extra: Expression | None) -> Expression:
    """`condition` and `extra`, or `condition` alone when there is no extra condition (the whole database)."""
    return condition if extra is None else condition & extra
