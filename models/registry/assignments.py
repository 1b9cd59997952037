"""联户: linking cadres to households, one by one, by selection or by place, and each cadre's load.

An assignment's identity is derived from its pair (`derived_uuid("assignment",
cadre, household)`): linking the same pair on two laptops makes one record.
Unlinking sets the tombstone and relinking clears it, so the pair keeps one
history and a merge sees an edit, not a new record.  A household may have
several cadres (they often go in pairs); moving takes it from one to another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import fn

from models.records.base import derived_uuid
from models.storage.connection import database
from models.records.people import Assignment, Cadre, Household
from models.records.places import Building, Grid, Unit
from models.progress import Progress
from models.records.work import Visit


class AssignmentRefused(ValueError):
    """A link was refused; the message says why."""


def assignment_uuid(cadre: Cadre, household: Household) -> str:
    return derived_uuid("assignment", cadre.uuid, household.uuid)


def household_label(household: Household) -> str:
    """How a message names a household: its written address (which includes the room)."""
    return household.address or " ".join(filter(None, (household.room, household.uuid)))


def _check_alive(cadre: Cadre, household: Household) -> None:
    if cadre.deleted:
        raise AssignmentRefused(f"cadre {cadre.name} has been removed; restore them before linking households")
    if household.deleted:
        raise AssignmentRefused(f"household {household_label(household)} has been removed")


def link(cadre: Cadre, household: Household, since: dt.date | None = None) -> bool:
    """Link `cadre` to `household`; True if this changed anything (False: already linked)."""
    _check_alive(cadre, household)
    uuid = assignment_uuid(cadre, household)
    existing = Assignment.get_or_none(Assignment.uuid == uuid)
    if existing is not None and not existing.deleted:
        return False
    with database.atomic():
        if existing is None:
            Assignment(uuid=uuid, cadre=cadre.uuid, household=household.uuid, since=since or dt.date.today()).save(
                force_insert=True
            )
        else:
            existing.deleted = False
            existing.since = since or dt.date.today()
            existing.save()
    return True


def unlink(cadre: Cadre, household: Household) -> bool:
    """Unlink the pair; True if it was linked."""
    existing = Assignment.get_or_none(Assignment.uuid == assignment_uuid(cadre, household))
    if existing is None or existing.deleted:
        return False
    existing.mark_deleted()
    return True


def households_of_place(place: Grid | Building | Unit):
    """The live households of a grid, a building or a unit (entrance), in address order."""
    column = {Grid: Household.grid, Building: Household.building, Unit: Household.unit}[type(place)]
    return (
        Household.alive().where(column == place.uuid).order_by(Household.address, Household.room, Household.uuid)
    )


def link_households(
    cadre: Cadre,
    households: Iterable[Household],
    since: dt.date | None = None,
    progress: Progress | None = None,
) -> int:
    """Link `cadre` to each household (a selection, or a place's households) in one transaction.

    Returns how many were newly linked; already linked ones are left as they are.
    """
    progress = progress or Progress()
    households = list(households)
    linked = 0
    with database.atomic():
        for done, household in enumerate(households, 1):
            linked += link(cadre, household, since)
            progress.step(done, len(households), cadre.name)
    return linked


def link_place(cadre: Cadre, place: Grid | Building | Unit, progress: Progress | None = None) -> int:
    """Link `cadre` to every live household of a grid, building or unit."""
    return link_households(cadre, households_of_place(place), progress=progress)


def unlink_households(cadre: Cadre, households: Iterable[Household], progress: Progress | None = None) -> int:
    """Unlink `cadre` from each household in one transaction; returns how many were linked."""
    progress = progress or Progress()
    households = list(households)
    unlinked = 0
    with database.atomic():
        for done, household in enumerate(households, 1):
            unlinked += unlink(cadre, household)
            progress.step(done, len(households), cadre.name)
    return unlinked


def move_households(
    households: Iterable[Household],
    from_cadre: Cadre,
    to_cadre: Cadre,
    progress: Progress | None = None,
) -> int:
    """Hand households over from one cadre to another, all or nothing.

    Refused if any of them is not linked to `from_cadre` (a person picked the
    wrong list), so no household ends up with an unexpected cadre.
    """
    if from_cadre.uuid == to_cadre.uuid:
        raise AssignmentRefused("choose a different cadre to move the households to")
    progress = progress or Progress()
    households = list(households)
    with database.atomic():
        for done, household in enumerate(households, 1):
            if not unlink(from_cadre, household):
                raise AssignmentRefused(f"household {household_label(household)} is not linked to {from_cadre.name}")
            link(to_cadre, household)
            progress.step(done, len(households), to_cadre.name)
    return len(households)


def cadres_of(household: Household) -> list[Cadre]:
    """The live cadres linked to a household, by name."""
    return list(
        Cadre.alive()
        .join(Assignment)
        .where((Assignment.household == household.uuid) & (Assignment.deleted == False))  # noqa: E712
        .order_by(Cadre.name)
    )


def cadre_load_query():
    """Live cadres by name, each with `load`: how many live households they are linked to.

    The load is a subquery per cadre rather than one grouped join, so a list
    that shows 200 cadres at a time counts 200 loads, not 10,000.
    """
    load = (
        Assignment.select(fn.COUNT(Assignment.uuid))
        .join(Household, on=(Household.uuid == Assignment.household))
        .where(
            (Assignment.cadre == Cadre.uuid)
            & (Assignment.deleted == False)  # noqa: E712
            & (Household.deleted == False)  # noqa: E712
        )
    )
    return Cadre.select(Cadre, load.alias("load")).where(Cadre.deleted == False).order_by(Cadre.name, Cadre.uuid)  # noqa: E712


def cadre_loads() -> list[tuple[Cadre, int]]:
    """Each live cadre with how many live households they are linked to, by name."""
    return [(cadre, cadre.load) for cadre in cadre_load_query()]


def cadre_households(cadre: Cadre):
    """A cadre's live households with `last_visit` (date text or None), in address order.

    A query, so a list can fetch it page by page.
    """
    last_visit = (
        Visit.select(fn.MAX(Visit.visited_on))
        .where((Visit.household == Household.uuid) & (Visit.deleted == False))  # noqa: E712
    )
    return (
        Household.select(Household, last_visit.alias("last_visit"))
        .join(Assignment, on=(Assignment.household == Household.uuid))
        .where(
            (Assignment.cadre == cadre.uuid)
            & (Assignment.deleted == False)  # noqa: E712
            & (Household.deleted == False)  # noqa: E712
        )
        .order_by(Household.address, Household.room, Household.uuid)
    )


def households_not_linked_to(cadre_uuid: str, text: str = ""):
    """Live households not linked to the cadre, whose address contains `text`, in address order; a query for paging."""
    mine = Assignment.select(Assignment.household).where(
        (Assignment.cadre == cadre_uuid) & (Assignment.deleted == False)  # noqa: E712
    )
    query = Household.alive().where(Household.uuid.not_in(mine))
    if text.strip():
        query = query.where(Household.address.contains(text.strip()))
    return query.order_by(Household.address, Household.room, Household.uuid)


@dataclass(frozen=True)
class PlaceToLink:
    """A grid, building or unit whose households can be linked at once."""

    kind: str  # "grid", "building" or "unit"
    uuid: str
    name: str
    building: str = ""  # a unit's building ("3号楼" of "3号楼 2单元")


def places_to_link(grid_uuid: str | None) -> list[PlaceToLink]:
    """A grid with its buildings and their units, in name order (every grid when `grid_uuid` is None)."""
    grids = Grid.alive().order_by(Grid.name)
    if grid_uuid is not None:
        grids = grids.where(Grid.uuid == grid_uuid)
    places = []
    for grid in grids:
        places.append(PlaceToLink("grid", grid.uuid, grid.name))
        for building in Building.alive().where(Building.grid == grid.uuid).order_by(Building.name):
            places.append(PlaceToLink("building", building.uuid, building.name))
            places.extend(PlaceToLink("unit", unit.uuid, unit.name, building.name)
                          for unit in Unit.alive().where(Unit.building == building.uuid).order_by(Unit.name))
    return places
