"""Keeping the registry by hand: households, buildings and shops added, edited, moved, removed.

Every write goes through `save()`, so each change is stamped, audited and
travels like any other edit; removal is the tombstone, never a hard delete.
Refusals raise `RegistryRefused` with a reason in Chinese, because the window
shows it to the person who typed the value as it is.

A household's written address is composed from its places, beginning the way
its neighbours' addresses begin ("丁路17号楼…"), or else the way roster import
writes them ("东山社区3号楼2单元301室"), so search, cards and the duplicate check
read the same words whichever way the household came in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import JOIN, fn

from models.storage.connection import database
from models.records.identity import normalise_phone
from models.records.people import Household, MicroGrid, Resident, Shop
from models.records.places import Building, Community, Grid, Unit

HEAD = "户主"


class RegistryRefused(ValueError):
    """A registry edit was refused; the message says which field and why."""


def room_text(room: str) -> str:
    """'301' → '301室': a bare number is a room; anything else is written as typed."""
    room = (room or "").strip()
    return room + "室" if re.fullmatch(r"[0-9A-Za-z]+", room) else room


def _prefix_in_use(building: Building) -> str | None:
    """How this building's addresses begin ("丁路17号楼"), read from its households, if they agree.

    Offices write a building's addresses their own way (by community, by
    street); a new home written the same way as its neighbours is found by the
    same search and sorts beside them.
    """
    units = {unit.uuid: unit.name for unit in Unit.select(Unit.uuid, Unit.name).where(Unit.building == building.uuid)}
    prefixes: dict[str, int] = {}
    sample = Household.alive().where(Household.building == building.uuid).order_by(Household.uuid).limit(20)
    for household in sample:
        unit_name = units.get(household.unit_id, "")
        for room in dict.fromkeys((room_text(household.room), household.room)):
            suffix = unit_name + room
            if suffix and household.address.endswith(suffix) and len(household.address) > len(suffix):
                prefix = household.address[: -len(suffix)]
                prefixes[prefix] = prefixes.get(prefix, 0) + 1
                break
    return max(prefixes, key=prefixes.get) if prefixes else None


def compose_address(building: Building, unit: Unit | None, room: str) -> str:
    """The written address of a home: the way its neighbours' begin (else community and building), unit, room."""
    prefix = _prefix_in_use(building)
    if prefix is None:
        community = Community.select(Community.name).join(Grid).where(Grid.uuid == building.grid_id).scalar() or ""
        prefix = community + building.name
    return prefix + (unit.name if unit is not None else "") + room_text(room)


def _alive(model, uuid: str | None, what: str):
    record = model.get_or_none(model.uuid == uuid) if uuid else None
    if record is None or record.deleted:
        raise RegistryRefused(f"{what}：已被删除或不存在")
    return record


def checked_phone(text: str, field: str = "电话") -> str:
    """The phone normalised ('' for none), or RegistryRefused naming `field` and the text."""
    text = (text or "").strip()
    if not text:
        return ""
    phone = normalise_phone(text)
    if phone is None:
        raise RegistryRefused(f"{field}：“{text}”不是手机或座机号码")
    return phone


# -- households ------------------------------------------------------------------------


KEEP_MICRO_GRID = "keep"  # `HouseholdValues.micro_grid`: what the household has, unless it leaves the grid


@dataclass(frozen=True)
class HouseholdValues:
    """What a person edits on a household; also what undo puts back.

    `micro_grid` is the 微网格 (an id, or None for none); left at `KEEP_MICRO_GRID`
    (a form without the field, a move) the household keeps its own while it
    stays in its grid, and leaves it when it moves to another grid.
    """

    building: str
    unit: str | None = None
    room: str = ""
    phone: str = ""
    tags: str = ""
    notes: str = ""
    micro_grid: str | None = KEEP_MICRO_GRID

    @classmethod
    def of(cls, household: Household) -> "HouseholdValues":
        return cls(
            household.building_id, household.unit_id, household.room, household.phone, household.tags, household.notes,
            household.micro_grid_id,
        )


def save_household(values: HouseholdValues, household: Household | None = None) -> Household:
    """Add a household (or edit `household`) at a building, unit and room; returns it.

    The grid follows the building; the address is composed again, so moving a
    household to another building or unit is an edit like any other.  Refused:
    a removed place, a unit of another building, a bad phone, or an address
    another live household already has (that would be a duplicate).
    """
    building = _alive(Building, values.building, "楼栋")
    unit = _alive(Unit, values.unit, "单元") if values.unit else None
    if unit is not None and unit.building_id != building.uuid:
        raise RegistryRefused(f"单元：{unit.name}不属于{building.name}")
    if household is not None and household.deleted:
        raise RegistryRefused(f"住户“{household.address}”已被删除")
    room = (values.room or "").strip()
    address = compose_address(building, unit, room)
    taken = Household.alive().where(Household.address == address)
    if household is not None:
        taken = taken.where(Household.uuid != household.uuid)
    if taken.exists():
        raise RegistryRefused(f"住址：“{address}”已登记了一户；如是同一户，请在该户下添加居民")
    household = household or Household()
    household.grid = building.grid_id
    household.building = building.uuid
    household.unit = unit.uuid if unit is not None else None
    household.room = room
    household.address = address
    household.phone = checked_phone(values.phone)
    household.tags = (values.tags or "").strip()
    household.notes = (values.notes or "").strip()
    household.micro_grid = _micro_grid_for(household, building, values.micro_grid)
    household.save()
    return household


def _micro_grid_for(household: Household, building: Building, wanted: str | None) -> str | None:
    """The micro-grid the household is to be in: one of its building's grid, or None (see `HouseholdValues`)."""
    if wanted == KEEP_MICRO_GRID:
        current = household.micro_grid_id
        if current is None:
            return None
        return current if MicroGrid.alive().where((MicroGrid.uuid == current)
                                                  & (MicroGrid.grid == building.grid_id)).exists() else None
    if wanted is None:
        return None
    micro = _alive(MicroGrid, wanted, "微网格")
    if micro.grid_id != building.grid_id:
        raise RegistryRefused(f"微网格：{micro.name}不在{building.name}所在的网格")
    return micro.uuid


def move_household(household: Household, building: Building, unit: Unit | None, room: str) -> Household:
    """Move a household to another building, unit or room, keeping its phone, tags and notes."""
    values = HouseholdValues.of(household)
    moved = HouseholdValues(building.uuid, unit.uuid if unit else None, room, values.phone, values.tags, values.notes)
    return save_household(moved, household)


def remove_household(household: Household) -> list[str]:
    """Mark a household and its living residents deleted; returns those residents' uuids (for undo)."""
    if household.deleted:
        raise RegistryRefused(f"住户“{household.address}”已被删除")
    with database.atomic():
        residents = list(Resident.alive().where(Resident.household == household.uuid))
        for resident in residents:
            resident.mark_deleted()
        household.mark_deleted()
    return [resident.uuid for resident in residents]


def restore_household(household: Household, resident_uuids: Iterable[str]) -> None:
    """Undo `remove_household`: clear the marks of the household and of the residents it took along."""
    with database.atomic():
        household.deleted = False
        household.save()
        for resident in Resident.select().where(Resident.uuid.in_(list(resident_uuids))):
            resident.deleted = False
            resident.save()


def has_head(household_uuid: str, besides: str | None = None) -> bool:
    heads = Resident.alive().where((Resident.household == household_uuid) & (Resident.relation == HEAD))
    if besides is not None:
        heads = heads.where(Resident.uuid != besides)
    return heads.exists()


def move_resident(resident: Resident, household: Household, relation: str | None = None) -> Resident:
    """Move a resident to another household.

    A head of household who joins a household that already has one becomes
    "其他" (a home has one head); `relation` sets it explicitly (undo uses it).
    """
    if resident.deleted:
        raise RegistryRefused(f"居民{resident.name}已被删除")
    if household.deleted:
        raise RegistryRefused(f"住户“{household.address}”已被删除")
    if resident.household_id == household.uuid:
        raise RegistryRefused(f"{resident.name}已在“{household.address}”")
    if relation is None:
        relation = resident.relation
        if relation == HEAD and has_head(household.uuid):
            relation = "其他"
    resident.household = household.uuid
    resident.relation = relation
    resident.save()
    return resident


# -- buildings -------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise RegistryRefused("名称：不能为空")
    return name


def ensure_units(building: Building, count: int) -> int:
    """Make sure units 1单元…N单元 exist (never removes one); returns how many were added."""
    existing = {unit.name for unit in Unit.alive().where(Unit.building == building.uuid)}
    added = 0
    for number in range(1, count + 1):
        name = f"{number}单元"
        if name not in existing:
            Unit(building=building.uuid, name=name).save()
            added += 1
    return added


def save_building(
    grid: Grid,
    name: str,
    address: str = "",
    kind: str = "residential",
    floors: int | None = None,
    units: int = 0,
    building: Building | None = None,
) -> Building:
    """Add a building to a grid (or edit `building`), with `units` entrances numbered from 1.

    Renaming a building rewrites its name in its households' addresses, which
    were composed from it, so search and printing keep reading the right place.
    """
    name = _clean_name(name)
    if grid.deleted:
        raise RegistryRefused(f"网格：{grid.name}已被删除")
    if kind not in Building.KINDS:
        raise RegistryRefused(f"类型：“{kind}”不是住宅楼、平房或商业楼")
    if floors is not None and not 0 < floors < 200:
        raise RegistryRefused(f"层数：{floors}不合理")
    if not 0 <= units <= 50:
        raise RegistryRefused(f"单元数：{units}不合理")
    if building is not None and building.deleted:
        raise RegistryRefused(f"楼栋{building.name}已被删除")
    same_name = Building.alive().where((Building.grid == grid.uuid) & (Building.name == name))
    if building is not None:
        same_name = same_name.where(Building.uuid != building.uuid)
    if same_name.exists():
        raise RegistryRefused(f"名称：{grid.name}已有{name}")
    with database.atomic():
        old_name = building.name if building is not None else None
        building = building or Building()
        building.grid = grid.uuid
        building.name = name
        building.address = (address or "").strip()
        building.kind = kind
        building.floors = floors
        building.save()
        ensure_units(building, units)
        if old_name is not None and old_name != name:
            for household in Household.alive().where(Household.building == building.uuid):
                if old_name in household.address:
                    household.address = household.address.replace(old_name, name, 1)
                    household.save()
    return building


def remove_building(building: Building) -> None:
    """Mark a building and its units deleted; refused while households or shops are still in it."""
    households = Household.alive().where(Household.building == building.uuid).count()
    shops = Shop.alive().where(Shop.building == building.uuid).count()
    if households or shops:
        raise RegistryRefused(f"{building.name}还有{households}户、{shops}家商铺；请先迁出或删除")
    with database.atomic():
        for unit in Unit.alive().where(Unit.building == building.uuid):
            unit.mark_deleted()
        building.mark_deleted()


def buildings_of_grid(grid_uuid: str, text: str = ""):
    """A grid's live buildings by name, each with `household_count` and `unit_count`; a query for paging."""
    households = Household.select(fn.COUNT(Household.uuid)).where(
        (Household.building == Building.uuid) & (Household.deleted == False)  # noqa: E712
    )
    units = Unit.select(fn.COUNT(Unit.uuid)).where((Unit.building == Building.uuid) & (Unit.deleted == False))  # noqa: E712
    query = Building.select(Building, households.alias("household_count"), units.alias("unit_count")).where(
        (Building.grid == grid_uuid) & (Building.deleted == False)  # noqa: E712
    )
    text = (text or "").strip()
    if text:
        query = query.where(Building.name.contains(text) | Building.address.contains(text))
    return query.order_by(Building.name, Building.uuid)


def units_of(building_uuid: str) -> list[Unit]:
    return list(Unit.alive().where(Unit.building == building_uuid).order_by(fn.LENGTH(Unit.name), Unit.name))


# -- shops -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ShopValues:
    name: str
    building: str | None = None
    address: str = ""
    business: str = ""
    owner: str = ""
    phone: str = ""
    notes: str = ""


def save_shop(grid: Grid, values: ShopValues, shop: Shop | None = None) -> Shop:
    """Add a shop to a grid (or edit `shop`); its building, if given, must be in that grid."""
    name = _clean_name(values.name)
    if grid.deleted:
        raise RegistryRefused(f"网格：{grid.name}已被删除")
    building = _alive(Building, values.building, "楼栋") if values.building else None
    if building is not None and building.grid_id != grid.uuid:
        raise RegistryRefused(f"楼栋：{building.name}不在{grid.name}")
    if shop is not None and shop.deleted:
        raise RegistryRefused(f"商铺{shop.name}已被删除")
    shop = shop or Shop()
    shop.grid = grid.uuid
    shop.building = building.uuid if building is not None else None
    shop.name = name
    shop.address = (values.address or "").strip()
    shop.business = (values.business or "").strip()
    shop.owner = (values.owner or "").strip()
    shop.phone = checked_phone(values.phone)
    shop.notes = (values.notes or "").strip()
    shop.save()
    return shop


def remove_shop(shop: Shop) -> None:
    shop.mark_deleted()


def shops_of_grid(grid_uuid: str, text: str = ""):
    """A grid's live shops by name with `building_name`; a query for paging."""
    query = (
        Shop.select(Shop, Building.name.alias("building_name"))
        .join(Building, on=(Building.uuid == Shop.building), join_type=JOIN.LEFT_OUTER)
        .where((Shop.grid == grid_uuid) & (Shop.deleted == False))  # noqa: E712
    )
    text = (text or "").strip()
    if text:
        query = query.where(Shop.name.contains(text) | Shop.owner.contains(text) | Shop.business.contains(text))
    return query.order_by(Shop.name, Shop.uuid).objects()
