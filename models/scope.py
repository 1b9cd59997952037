"""Where a piece of work applies: everything, or a sub-district, community, grid, micro-grid, cadre's households
or chosen households.

One vocabulary for coverage, the exchange workbook and printing, and for the
command line (``--community NAME``, ``--grid NAME``, ``--micro-grid NAME``, ``--cadre NAME``,
``--household ID``) and the window alike.  A micro-grid (微网格) names households, as a
cadre does: its scope has no shops.  A `Scope` holds record ids; its
parts combine with "and" (a grid within a community, a cadre's households
within a grid), and a scope without parts is everything.  Each user reads it
its own way: coverage and printing count the live households it names
(`households_condition`), an export adds what hangs below and above them
(`sync.exchange.export_scope`), tombstones included.

`resolve_scope` turns the names a person typed into a scope, and refuses a
name that means nothing, or several records, with a message they can act on —
before any work starts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from peewee import Expression

from models.records.base import SyncedModel
from models.records.people import Assignment, Cadre, Household, MicroGrid
from models.records.places import Community, Grid, SubDistrict

EVERYTHING = "everything"
KIND_WORDS = {EVERYTHING: "全部", "sub_district": "街道", "community": "社区", "grid": "网格", "micro_grid": "微网格",
              "cadre": "干部联户包", "households": "选定住户"}
MODELS = {"sub_district": SubDistrict, "community": Community, "grid": Grid, "micro_grid": MicroGrid, "cadre": Cadre}


class ScopeRefused(ValueError):
    """The scope names nothing, or names more than one thing; the message says which."""


@dataclass(frozen=True)
class Scope:
    sub_district: str | None = None
    community: str | None = None
    grid: str | None = None
    micro_grid: str | None = None  # the households of this micro-grid (微网格)
    cadre: str | None = None  # the households linked to this cadre
    households: tuple[str, ...] = ()

    @classmethod
    def of(cls, record: SyncedModel | None) -> "Scope":
        """The scope of one sub-district, community, grid or cadre record (None: everything)."""
        if record is None:
            return cls()
        kind = next(kind for kind, model in MODELS.items() if isinstance(record, model))
        return cls(**{kind: record.uuid})

    @classmethod
    def named(cls, kind: str, uuid: str | None = None) -> "Scope":
        """The scope a list of kinds offers: "everything" (no id), or one kind and the id of one record."""
        if kind == EVERYTHING and uuid is None:
            return cls()
        if kind not in MODELS or not uuid:
            raise ValueError(f"a scope is {EVERYTHING!r} or one of {', '.join(MODELS)} with the id of one record, "
                             f"not {kind!r} {uuid!r}")
        return cls(**{kind: uuid})

    def parts(self) -> list[tuple[str, object]]:
        """(kind, id or ids) of every part given, widest first."""
        return [(field.name, getattr(self, field.name)) for field in fields(self) if getattr(self, field.name)]

    @property
    def everything(self) -> bool:
        return not self.parts()

    @property
    def kind(self) -> str:
        """"everything", the kind of the only part, or the narrowest part's kind when several combine."""
        parts = self.parts()
        return parts[-1][0] if parts else EVERYTHING

    def households_condition(self) -> Expression:
        """A condition on `Household` that keeps the live households of this scope."""
        condition = Household.deleted == False  # noqa: E712 (peewee expression)
        if self.sub_district:
            grids = Grid.select(Grid.uuid).join(Community).where(Community.sub_district == self.sub_district)
            condition &= Household.grid.in_(grids)
        if self.community:
            condition &= Household.grid.in_(Grid.select(Grid.uuid).where(Grid.community == self.community))
        if self.grid:
            condition &= Household.grid == self.grid
        if self.micro_grid:
            condition &= Household.micro_grid == self.micro_grid
        if self.households:
            condition &= Household.uuid.in_(self.households)
        if self.cadre:
            linked = Assignment.select(Assignment.household).where(
                (Assignment.cadre == self.cadre) & (Assignment.deleted == False)  # noqa: E712
            )
            condition &= Household.uuid.in_(linked)
        return condition

    def household_ids(self):
        """A query of the ids of the live households in scope, for use as a subquery."""
        return Household.select(Household.uuid).where(self.households_condition())

    def names(self) -> list[str]:
        """What each part names, widest first ("丁街社区", "丁街第1网格", "3 户"), as printed on covers."""
        return [_name(kind, value) for kind, value in self.parts()]

    def describe(self) -> str:
        """The scope in words, as an exchange workbook records it: "全部", "社区：乐园社区", "干部联户包：牟雪"."""
        parts = self.parts()
        if not parts:
            return KIND_WORDS[EVERYTHING]
        return " ".join(f"{KIND_WORDS[kind]}：{_name(kind, value) if kind != 'households' else len(value)}"
                        for kind, value in parts)


def _name(kind: str, value) -> str:
    if kind == "households":
        return f"{len(value)} 户"
    model = MODELS[kind]
    return model.select(model.name).where(model.uuid == value).scalar() or value


def _one(model, name: str, kind: str, narrow=None):
    """The single live record of `model` called `name` (or with that id), else ScopeRefused."""
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
    micro_grid: str | None = None,
) -> Scope:
    """A Scope from the names a person typed; each name must mean exactly one live record.

    A grid name is looked up within the community when both are given, since
    "第1网格" exists in many communities; a micro-grid name within the grid, or the community.
    """
    community_id = _one(Community, community.strip(), "community").uuid if community and community.strip() else None
    grid_id = None
    if grid and grid.strip():
        narrow = (Grid.community == community_id) if community_id else None
        grid_id = _one(Grid, grid.strip(), "grid", narrow).uuid
    micro_grid_id = None
    if micro_grid and micro_grid.strip():
        if grid_id:
            narrow = MicroGrid.grid == grid_id
        elif community_id:
            narrow = MicroGrid.grid.in_(Grid.select(Grid.uuid).where(Grid.community == community_id))
        else:
            narrow = None
        micro_grid_id = _one(MicroGrid, micro_grid.strip(), "micro-grid", narrow).uuid
    cadre_id = _one(Cadre, cadre.strip(), "cadre").uuid if cadre and cadre.strip() else None
    household_ids = tuple(dict.fromkeys(h.strip() for h in households if h.strip()))
    if household_ids:
        known = {h.uuid for h in Household.alive().select(Household.uuid).where(Household.uuid.in_(household_ids))}
        unknown = [h for h in household_ids if h not in known]
        if unknown:
            raise ScopeRefused(f"no household with id {unknown[0]!r}" + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""))
    return Scope(community=community_id, grid=grid_id, micro_grid=micro_grid_id, cadre=cadre_id, households=household_ids)


def scope_choices(kind: str, within: Scope = Scope()) -> list[tuple[str, str]]:
    """(id, name) of the live records of one kind of scope, by name: what a list of scopes offers.

    `within` narrows the places offered: the communities of its sub-district, the grids of its community,
    the micro-grids of its grid.
    """
    model = MODELS[kind]
    query = model.alive().select(model.uuid, model.name)
    if kind == "community" and within.sub_district:
        query = query.where(Community.sub_district == within.sub_district)
    if kind == "grid" and within.community:
        query = query.where(Grid.community == within.community)
    if kind == "micro_grid" and within.grid:
        query = query.where(MicroGrid.grid == within.grid)
    return list(query.order_by(model.name, model.uuid).tuples())
