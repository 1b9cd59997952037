"""The registry by hand: households (add, edit or move, remove), their residents, buildings and shops.

The window's household page undoes these (Ctrl+Z) by calling their opposites:
`withdraw_household` after `add_household`, `restore_household` after
`remove_household`, an edit with the values before it; undoing never
hard-deletes, it sets or clears deletion marks.  The checks are
`models.registry.editing`'s: a removed place, a unit of another building, an address
another live household has, a phone that is no phone.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.operations.outcome import Changes, Outcome, Refused
from desktop.operations.records import one
from models.registry import editing as registry
from models.records.people import Household, Resident, Shop
from models.records.places import Building, Grid
from models.progress import Progress
from models.registry.editing import HouseholdValues, RegistryRefused, ShopValues

__all__ = ["EDITABLE_RESIDENT_FIELDS", "HouseholdValues", "RegistryRefused", "ShopValues", "add_household",
           "add_resident", "edit_household", "edit_resident", "move_resident", "remove_building", "remove_household",
           "remove_resident", "remove_shop", "restore_household", "restore_resident", "save_building", "save_shop",
           "withdraw_household"]

HOUSEHOLD, RESIDENT = Changes.of("household"), Changes.of("resident")
EDITABLE_RESIDENT_FIELDS = ("name", "relation", "phone", "registered_address", "tags", "notes")


# -- households --------------------------------------------------------------------


def add_household(*, values: HouseholdValues, progress: Progress | None = None) -> Outcome[str]:
    """A new household at a building, unit and room; the value is its id."""
    return Outcome(registry.save_household(values).uuid, HOUSEHOLD)


def edit_household(*, household: str, values: HouseholdValues, progress: Progress | None = None) -> Outcome[str]:
    """Edit a household, or move it (a move is an edit of where it is)."""
    return Outcome(registry.save_household(values, one(Household, household, "household")).uuid, HOUSEHOLD)


def remove_household(*, household: str, progress: Progress | None = None) -> Outcome[list[str]]:
    """Mark the household and its living residents removed; the value is those residents' ids (for undo)."""
    return Outcome(registry.remove_household(one(Household, household, "household")), HOUSEHOLD)


def restore_household(*, household: str, residents: Sequence[str] = (), progress: Progress | None = None) -> Outcome[str]:
    """Clear the marks of a household and of the residents its removal took along."""
    registry.restore_household(one(Household, household, "household"), residents)
    return Outcome(household, HOUSEHOLD)


def withdraw_household(*, household: str, progress: Progress | None = None) -> Outcome[str]:
    """Take back a household just added (its undo): the household alone gets the deletion mark."""
    one(Household, household, "household").mark_deleted()
    return Outcome(household, HOUSEHOLD)


# -- residents ---------------------------------------------------------------------


def add_resident(*, household: str, name: str, progress: Progress | None = None) -> Outcome[str]:
    """A new resident of `household` (relation 其他: a person fills in the rest); the value is their id."""
    name = (name or "").strip()
    if not name:
        raise Refused("a resident needs a name")
    home = one(Household, household, "household")
    if home.deleted:
        raise RegistryRefused(f"住户“{home.address}”已被删除")
    resident = Resident(household=home.uuid, name=name, relation="其他")
    resident.save()
    return Outcome(resident.uuid, RESIDENT)


def edit_resident(*, resident: str, field: str, value: str, progress: Progress | None = None) -> Outcome[str]:
    """Set one field of a resident (name, relation, phone, 户籍地址, tags or notes) to `value`."""
    if field not in EDITABLE_RESIDENT_FIELDS:
        raise Refused(f"a resident's {field!r} is not edited by hand; edit {', '.join(EDITABLE_RESIDENT_FIELDS)}")
    record = one(Resident, resident, "resident")
    setattr(record, field, value)
    record.save()
    return Outcome(resident, RESIDENT)


def _mark_resident(resident: str, removed: bool) -> Outcome[str]:
    record = one(Resident, resident, "resident")
    record.deleted = removed
    record.save()
    return Outcome(resident, RESIDENT)


def remove_resident(*, resident: str, progress: Progress | None = None) -> Outcome[str]:
    """Mark a resident removed (a tombstone, so the removal travels)."""
    return _mark_resident(resident, True)


def restore_resident(*, resident: str, progress: Progress | None = None) -> Outcome[str]:
    """Clear a resident's deletion mark (the undo of removing or of adding them)."""
    return _mark_resident(resident, False)


def move_resident(*, resident: str, household: str, relation: str | None = None,
                  progress: Progress | None = None) -> Outcome[str]:
    """Move a resident to another household (a head joining a household that has one becomes 其他)."""
    moved = registry.move_resident(one(Resident, resident, "resident"), one(Household, household, "household"),
                                   relation=relation)
    return Outcome(moved.uuid, RESIDENT)


# -- buildings and shops -------------------------------------------------------------


def save_building(
    *,
    grid: str,
    uuid: str | None = None,
    name: str,
    address: str = "",
    kind: str = "residential",
    floors: int | None = None,
    units: int = 0,
    progress: Progress | None = None,
) -> Outcome[str]:
    """Add a building to `grid` (or edit the building `uuid`) with `units` entrances numbered from 1."""
    building = registry.save_building(one(Grid, grid, "grid"), name, address=address, kind=kind, floors=floors,
                                      units=units, building=one(Building, uuid, "building") if uuid else None)
    return Outcome(building.uuid, Changes.of("building"))


def remove_building(*, uuid: str, progress: Progress | None = None) -> Outcome[str]:
    """Mark a building and its units removed; refused while households or shops are still in it."""
    registry.remove_building(one(Building, uuid, "building"))
    return Outcome(uuid, Changes.of("building"))


def save_shop(*, grid: str, uuid: str | None = None, values: ShopValues, progress: Progress | None = None) -> Outcome[str]:
    """Add a shop to `grid` (or edit the shop `uuid`); its building, if any, must be in that grid."""
    shop = registry.save_shop(one(Grid, grid, "grid"), values, one(Shop, uuid, "shop") if uuid else None)
    return Outcome(shop.uuid, Changes.of("shop"))


def remove_shop(*, uuid: str, progress: Progress | None = None) -> Outcome[str]:
    registry.remove_shop(one(Shop, uuid, "shop"))
    return Outcome(uuid, Changes.of("shop"))
