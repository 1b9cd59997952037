"""微网格 by hand: making a grid's micro-grids, putting households in them, and the lists that show them.

A micro-grid belongs to one grid, and so do its households: a building or unit of
another grid cannot be put in it.  Households are placed in bulk by building or
unit (the way offices draw micro-grids: "1–3号楼", "5号楼2单元") or one by one;
a household is in at most one micro-grid, so placing it moves it.  Taking a
household out sets its micro-grid to none (NULL, which travels as an empty cell);
removing a micro-grid takes its households out first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peewee import JOIN, fn

from models.progress import Progress
from models.records.people import Cadre, Household, MicroGrid
from models.records.places import Building, Grid, Unit
from models.registry.editing import RegistryRefused, checked_phone
from models.storage.connection import database


class MicroGridRefused(RegistryRefused):
    """A micro-grid or a placement that cannot be: one line for a person, nothing changed."""


@dataclass(frozen=True)
class MicroGridValues:
    """What a person types for a micro-grid: its name and its 微网格长 (optionally one of the cadres)."""

    name: str
    leader: str = ""
    leader_phone: str = ""
    leader_cadre: str | None = None  # a cadre's id


def save_micro_grid(grid: Grid, values: MicroGridValues, micro: MicroGrid | None = None) -> MicroGrid:
    """Make a micro-grid in `grid` (or change `micro`); its name is unique among the grid's live ones."""
    if grid.deleted:
        raise MicroGridRefused(f"网格“{grid.name}”已被删除")
    name = " ".join(values.name.split())
    if not name:
        raise MicroGridRefused("微网格名称不能为空")
    same = MicroGrid.alive().where((MicroGrid.grid == grid.uuid) & (MicroGrid.name == name))
    if micro is not None:
        same = same.where(MicroGrid.uuid != micro.uuid)
    if same.exists():
        raise MicroGridRefused(f"网格“{grid.name}”已有微网格“{name}”")
    cadre = None
    if values.leader_cadre:
        cadre = Cadre.get_or_none(Cadre.uuid == values.leader_cadre)
        if cadre is None or cadre.deleted:
            raise MicroGridRefused("微网格长：所选干部已被删除或不存在")
    leader = " ".join(values.leader.split()) or (cadre.name if cadre is not None else "")
    phone = checked_phone(values.leader_phone, "微网格长电话") or (cadre.phone if cadre is not None else "")
    micro = micro or MicroGrid(grid=grid.uuid)
    micro.name, micro.leader, micro.leader_phone, micro.leader_cadre = name, leader, phone, cadre
    micro.save()
    return micro


def place_households(micro: MicroGrid | None, households: Iterable[Household], progress: Progress | None = None) -> int:
    """Put each household in `micro` (None: in no micro-grid), in one transaction; returns how many moved."""
    progress = progress or Progress()
    households = list(households)
    if micro is not None and micro.deleted:
        raise MicroGridRefused(f"微网格“{micro.name}”已被删除")
    target = None if micro is None else micro.uuid
    placed = 0
    with database.atomic():
        for done, household in enumerate(households, 1):
            if micro is not None and household.grid_id != micro.grid_id:
                raise MicroGridRefused(f"{household.address}不在微网格“{micro.name}”所在的网格")
            if household.micro_grid_id != target:
                household.micro_grid = target
                household.save()
                placed += 1
            progress.step(done, len(households), micro.name if micro is not None else "")
    return placed


def households_of_places(places: Iterable[Building | Unit]) -> list[Household]:
    """The live households of the chosen buildings and units, each once, in address order."""
    buildings = [place.uuid for place in places if isinstance(place, Building)]
    units = [place.uuid for place in places if isinstance(place, Unit)]
    if not buildings and not units:
        return []
    query = Household.alive().where(Household.building.in_(buildings) | Household.unit.in_(units))
    return list(query.order_by(Household.address, Household.room, Household.uuid))


def remove_micro_grid(micro: MicroGrid) -> int:
    """Take the micro-grid's households out and mark it removed; returns how many households it had."""
    with database.atomic():
        households = Household.alive().where(Household.micro_grid == micro.uuid)
        taken = place_households(None, households)
        micro.mark_deleted()
    return taken


@dataclass(frozen=True)
class MicroGridRow:
    """A micro-grid as lists show it: name, leader, phone, and how many live households it has."""

    uuid: str
    name: str
    leader: str
    leader_phone: str
    households: int
    cadre: str  # the linked cadre's name ('' for none)


def micro_grids_of(grid_uuid: str) -> list[MicroGridRow]:
    """The grid's live micro-grids in name order, with their household counts."""
    count = fn.COUNT(Household.uuid)
    query = (MicroGrid.select(MicroGrid.uuid, MicroGrid.name, MicroGrid.leader, MicroGrid.leader_phone, count.alias("n"),
                              Cadre.name.alias("cadre"))
             .join(Household, JOIN.LEFT_OUTER, on=(Household.micro_grid == MicroGrid.uuid) & (Household.deleted == False))  # noqa: E712
             .switch(MicroGrid).join(Cadre, JOIN.LEFT_OUTER, on=Cadre.uuid == MicroGrid.leader_cadre)
             .where((MicroGrid.grid == grid_uuid) & (MicroGrid.deleted == False))  # noqa: E712
             # (the cadre's name too: PostgreSQL groups by what is selected, SQLite takes it as it comes)
             .group_by(MicroGrid.uuid, Cadre.name).order_by(MicroGrid.name))
    return [MicroGridRow(uuid, name, leader, phone, n, cadre or "") for uuid, name, leader, phone, n, cadre in query.tuples()]


def micro_grids_by_place(grid_uuid: str) -> dict[str, str]:
    """Building or unit id → the micro-grids its live households are in ("东片", or "东片、西片" when split),
    so a person drawing micro-grids sees what is drawn already."""
    query = (Household.select(Household.building, Household.unit, MicroGrid.name)
             .join(MicroGrid, on=Household.micro_grid == MicroGrid.uuid)
             .where((Household.grid == grid_uuid) & (Household.deleted == False) & (MicroGrid.deleted == False))  # noqa: E712
             .tuples())
    names: dict[str, set[str]] = {}
    for building, unit, name in query:
        for place in (building, unit):
            if place:
                names.setdefault(place, set()).add(name)
    return {place: "、".join(sorted(found)) for place, found in names.items()}


def micro_grid_of(household_uuid: str) -> MicroGrid | None:
    """The household's live micro-grid, or None."""
    return (MicroGrid.alive().join(Household, on=Household.micro_grid == MicroGrid.uuid)
            .where(Household.uuid == household_uuid).first())
