"""What to print for: a community, a grid, a cadre's households, or chosen households.

A `Scope` holds resolved record ids; the filters combine as "and" (a grid within
a community, a cadre's households within a grid).  Names are resolved here with
messages a person can act on, so a typo or an ambiguous name is refused before
any drawing starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.people import Assignment, Cadre, Household
from models.places import Community, Grid


class ScopeRefused(ValueError):
    """The scope names nothing, or names more than one thing; the message says which."""


@dataclass(frozen=True)
class Scope:
    community_ids: tuple[str, ...] = ()
    grid_ids: tuple[str, ...] = ()
    cadre_ids: tuple[str, ...] = ()
    household_ids: tuple[str, ...] = ()

    def households(self):
        """A query of the live households in scope (ids only), for use as a subquery."""
        query = Household.select(Household.uuid).where(Household.deleted == False)  # noqa: E712
        if self.community_ids:
            grids = Grid.select(Grid.uuid).where(Grid.community.in_(self.community_ids))
            query = query.where(Household.grid.in_(grids))
        if self.grid_ids:
            query = query.where(Household.grid.in_(self.grid_ids))
        if self.household_ids:
            query = query.where(Household.uuid.in_(self.household_ids))
        if self.cadre_ids:
            linked = Assignment.select(Assignment.household).where(
                Assignment.cadre.in_(self.cadre_ids), Assignment.deleted == False  # noqa: E712
            )
            query = query.where(Household.uuid.in_(linked))
        return query

    def describe(self) -> str:
        """Who the document is for, in words printed on covers ("丁街社区 丁街第1网格")."""
        parts = [c.name for c in Community.select(Community.name).where(Community.uuid.in_(self.community_ids))]
        parts += [g.name for g in Grid.select(Grid.name).where(Grid.uuid.in_(self.grid_ids))]
        parts += [c.name for c in Cadre.select(Cadre.name).where(Cadre.uuid.in_(self.cadre_ids))]
        if self.household_ids:
            parts.append(f"{len(self.household_ids)} 户")
        return " ".join(parts)


def _one(model, name: str, kind: str, narrow=None):
    """The single live record of `model` called `name` (or with that uuid), else ScopeRefused."""
    query = model.alive().where((model.name == name) | (model.uuid == name))
    if narrow is not None:
        query = query.where(narrow)
    found = list(query.limit(10))
    if not found:
        raise ScopeRefused(f"no {kind} named {name!r}")
    if len(found) > 1:
        raise ScopeRefused(f"{len(found)} {kind}s are named {name!r}; narrow it down or give the id ({found[0].uuid} …)")
    return found[0]


def resolve_scope(
    community: str | None = None,
    grid: str | None = None,
    cadre: str | None = None,
    households: list[str] | tuple[str, ...] = (),
) -> Scope:
    """A Scope from the names a user typed; each name must mean exactly one live record.

    A grid name is looked up within the community when both are given, since
    "第1网格" exists in many communities.
    """
    community_ids: tuple[str, ...] = ()
    grid_ids: tuple[str, ...] = ()
    cadre_ids: tuple[str, ...] = ()
    if community:
        community_ids = (_one(Community, community, "community").uuid,)
    if grid:
        narrow = Grid.community.in_(community_ids) if community_ids else None
        grid_ids = (_one(Grid, grid, "grid", narrow).uuid,)
    if cadre:
        cadre_ids = (_one(Cadre, cadre, "cadre").uuid,)
    household_ids = tuple(dict.fromkeys(h.strip() for h in households if h.strip()))
    if household_ids:
        known = {h.uuid for h in Household.alive().select(Household.uuid).where(Household.uuid.in_(household_ids))}
        unknown = [h for h in household_ids if h not in known]
        if unknown:
            raise ScopeRefused(f"no household with id {unknown[0]!r}" + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""))
    return Scope(community_ids, grid_ids, cadre_ids, household_ids)
