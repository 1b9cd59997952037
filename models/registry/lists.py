"""What the registry's screens list: the place tree a level at a time, a place's households, one household
with its residents and cadres, and the grids and buildings a form offers.

Named queries, so the window never builds one itself: lists that can be long
(a place's households) are queries a list pages through (`models.paging`),
short ones are read whole.  Places are named as the tree names them: a kind
("SubDistrict", "Community", "Grid", "Building", "Unit") and an id.
"""

from __future__ import annotations

from models.records.people import Assignment, Cadre, Household, Resident, Shop
from models.records.places import Building, Community, Grid, SubDistrict, Unit
from models.registry.editing import compose_address
from models.registry.search import find

PLACE_LEVELS = (SubDistrict, Community, Grid, Building, Unit)
CHILD_OF = {SubDistrict: (Community, "sub_district"), Community: (Grid, "community"), Grid: (Building, "grid"),
            Building: (Unit, "building")}


def _level(kind: str):
    return next(level for level in PLACE_LEVELS if level.__name__ == kind)


def sub_districts() -> list[SubDistrict]:
    """The top of the place tree: live sub-districts by name."""
    return list(SubDistrict.alive().order_by(SubDistrict.name))


def has_children(kind: str) -> bool:
    """Whether a place of this kind has places below it (a unit has none)."""
    return _level(kind) in CHILD_OF


def places_under(kind: str, uuid: str) -> list:
    """The live places one level below the place (kind, id), by name."""
    child, parent_field = CHILD_OF[_level(kind)]
    return list(child.alive().where(getattr(child, parent_field) == uuid).order_by(child.name))


def households_in(place: tuple[str, str] | None):
    """The live households of a place (all when None), by address; a query for paging."""
    households = Household.alive()
    if place is not None:
        kind, uuid = place
        if kind == "SubDistrict":
            households = households.join(Grid).join(Community).where(Community.sub_district == uuid)
        elif kind == "Community":
            households = households.join(Grid).where(Grid.community == uuid)
        elif kind == "Grid":
            households = households.where(Household.grid == uuid)
        elif kind == "Building":
            households = households.where(Household.building == uuid)
        elif kind == "Unit":
            households = households.where(Household.unit == uuid)
    return households.order_by(Household.address, Household.uuid)


def grid_of(place: tuple[str, str] | None) -> str | None:
    """The grid a place is in (None above grids): buildings and shops are listed per grid."""
    if place is None:
        return None
    kind, uuid = place
    if kind == "Grid":
        return uuid
    if kind == "Building":
        return Building.select(Building.grid).where(Building.uuid == uuid).scalar()
    if kind == "Unit":
        return Building.select(Building.grid).join(Unit).where(Unit.uuid == uuid).scalar()
    return None


def community_of(place: tuple[str, str] | None) -> str | None:
    """The community a place is in (None above communities): where a shop list's new special grids go."""
    if place is None:
        return None
    kind, uuid = place
    if kind == "Community":
        return uuid
    grid = grid_of(place)
    return None if grid is None else Grid.select(Grid.community).where(Grid.uuid == grid).scalar()


def living_household(uuid: str | None) -> Household | None:
    """The household with that id, or None when there is none or it was removed."""
    household = Household.get_or_none(Household.uuid == uuid) if uuid else None
    return None if household is None or household.deleted else household


def residents_of(household_uuid: str) -> list[Resident]:
    """A household's living residents, the head first, then by name."""
    return list(
        Resident.alive().where(Resident.household == household_uuid).order_by(Resident.relation != "户主", Resident.name)
    )


def resident(uuid: str) -> Resident:
    return Resident.get_by_id(uuid)


def linked_cadres(household_uuid: str):
    """The live cadres linked to a household, by name; a query for paging."""
    return (
        Cadre.alive()
        .join(Assignment, on=(Assignment.cadre == Cadre.uuid))
        .where((Assignment.household == household_uuid) & (Assignment.deleted == False))  # noqa: E712
        .order_by(Cadre.name, Cadre.uuid)
    )


def grid_choices() -> list[tuple[str, str, str]]:
    """(grid id, community name, grid name) of every live grid, by community and grid name."""
    return list(
        Grid.select(Grid.uuid, Community.name, Grid.name)
        .join(Community, on=(Community.uuid == Grid.community))
        .where(Grid.deleted == False)  # noqa: E712
        .order_by(Community.name, Grid.name)
        .tuples()
    )


def community_choices(name: str | None = None) -> list[tuple[str, str, str]]:
    """(community id, sub-district name, community name) of every live community (or those called `name`).

    For the shop list's import, which needs the community its 专属网格 belong to.
    """
    query = (Community.select(Community.uuid, SubDistrict.name, Community.name)
             .join(SubDistrict, on=(SubDistrict.uuid == Community.sub_district))
             .where((Community.deleted == False) & (SubDistrict.deleted == False)))  # noqa: E712
    if name is not None:
        query = query.where(Community.name == name)
    return list(query.order_by(SubDistrict.name, Community.name, Community.uuid).tuples())


def buildings_in(grid_uuid: str | None) -> list[tuple[str, str]]:
    """(id, name) of a grid's live buildings, by name."""
    return list(Building.alive().select(Building.uuid, Building.name).where(Building.grid == grid_uuid)
                .order_by(Building.name).tuples())


def address_preview(building_uuid: str | None, unit_uuid: str | None, room: str) -> str | None:
    """The address a household at that building, unit and room would have; None without a building."""
    building = Building.get_or_none(Building.uuid == building_uuid) if building_uuid else None
    if building is None:
        return None
    unit = Unit.get_or_none(Unit.uuid == unit_uuid) if unit_uuid else None
    return compose_address(building, unit, room)


def who_raises(text: str, limit: int = 20) -> tuple[list[Household], list[Shop]]:
    """Who a demand raised outside a visit may come from: the live households the search box finds for
    `text`, then live shops whose name, operator or address contains it."""
    text = text.strip()
    if not text:
        return [], []
    found = list(dict.fromkeys(match.household for match in find(text, limit=limit)))
    households = list(Household.select().where(Household.uuid.in_(found), Household.deleted == False))  # noqa: E712
    shops = Shop.alive().where(Shop.name.contains(text) | Shop.owner.contains(text) | Shop.address.contains(text))
    return households, list(shops.order_by(Shop.name).limit(limit))
