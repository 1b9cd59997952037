"""The office's list of cadres and grid workers: add, edit, remove, with the checks a person needs.

A cadre's phone is printed whole on service cards and dialled by residents, so
it is stored normalised (`models.records.identity.normalise_phone`) or refused.
Removing a cadre sets the tombstone and leaves their links in place: coverage
already counts only live cadres, so their households show up as unlinked at
once, and restoring the cadre on another laptop brings the links back.
"""

from __future__ import annotations

from peewee import JOIN

from models.records.identity import normalise_phone
from models.records.people import Cadre
from models.records.places import Grid


class CadreRefused(ValueError):
    """A cadre's details were refused; the message says which field and why."""


def save_cadre(
    name: str,
    role: str = "cadre",
    work_unit: str = "",
    phone: str = "",
    grid: Grid | None = None,
    position: str = "",
    cadre: Cadre | None = None,
) -> Cadre:
    """Add a cadre, or edit `cadre`; returns the saved record."""
    name = (name or "").strip()
    if not name:
        raise CadreRefused("name: a name is required")
    if role not in Cadre.ROLES:
        raise CadreRefused(f"role: {role!r} is neither a cadre nor a grid worker")
    phone = (phone or "").strip()
    if phone:
        normalised = normalise_phone(phone)
        if normalised is None:
            raise CadreRefused(f"phone: {phone} is not a mobile or landline number")
        phone = normalised
    if grid is not None and Grid.alive().where(Grid.uuid == grid.uuid).count() == 0:
        raise CadreRefused(f"grid: {grid.name} has been removed")
    if cadre is not None and cadre.deleted:
        raise CadreRefused(f"{cadre.name} has been removed")
    cadre = cadre or Cadre()
    cadre.name = name
    cadre.role = role
    cadre.work_unit = (work_unit or "").strip()
    cadre.position = (position or "").strip()
    cadre.phone = phone
    cadre.grid = grid.uuid if grid is not None else None
    cadre.save()
    return cadre


def remove_cadre(cadre: Cadre) -> None:
    """Take a cadre off the list (a tombstone, so the removal travels to other laptops)."""
    cadre.mark_deleted()


def cadre_list(text: str = ""):
    """Live cadres by name with `grid_name`, filtered by name, work unit or phone; a query for paging."""
    query = (
        Cadre.select(Cadre, Grid.name.alias("grid_name"))
        .join(Grid, JOIN.LEFT_OUTER, on=(Grid.uuid == Cadre.grid))
        .where(Cadre.deleted == False)  # noqa: E712
    )
    text = (text or "").strip()
    if text:
        pattern = f"%{text}%"
        query = query.where(Cadre.name ** pattern | Cadre.work_unit ** pattern | Cadre.phone.endswith(text))
    return query.order_by(Cadre.name, Cadre.uuid).objects()


def cadres_of_grid(grid_uuid: str | None) -> list[Cadre]:
    """The live cadres and grid workers of a grid, by name."""
    return list(Cadre.alive().where(Cadre.grid == grid_uuid).order_by(Cadre.name))


def cadre_choices(grid: str | None = None, community: str | None = None) -> list[tuple[str, str, str]]:
    """(id, name, work unit) of the live cadres of a grid, else of a community's grids, else all; by name."""
    query = Cadre.alive().select(Cadre.uuid, Cadre.name, Cadre.work_unit)
    if grid:
        query = query.where(Cadre.grid == grid)
    elif community:
        query = query.where(Cadre.grid.in_(Grid.select(Grid.uuid).where(Grid.community == community)))
    return list(query.order_by(Cadre.name).tuples())


def grid_workers() -> list[Cadre]:
    """The live grid workers (网格员), by name: who reports what they found in their grids."""
    return list(Cadre.alive().where(Cadre.role == "grid_worker").order_by(Cadre.name))
