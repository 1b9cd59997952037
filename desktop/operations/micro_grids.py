"""微网格: making a grid's micro-grids and putting its households in them, in bulk by building or unit.

`assign_micro_grid` is the window's bulk action: the buildings and units a person
chose (all of one grid) and a micro-grid, an existing one or a new one made in the
same transaction, so a refusal (a place of another grid, a name the grid has)
leaves everything as it was.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.operations.outcome import Changes, Outcome, Refused
from desktop.operations.records import each, one
from models.progress import Progress
from models.records.people import Household, MicroGrid
from models.records.places import Building, Grid, Unit
from models.registry import micro_grids
from models.registry.micro_grids import MicroGridRefused, MicroGridValues
from models.storage.connection import database

__all__ = ["MicroGridRefused", "MicroGridValues", "assign_micro_grid", "remove_micro_grid", "save_micro_grid"]

PLACES = {"building": Building, "unit": Unit}
CHANGED = Changes.of("micro_grid", "household")


def save_micro_grid(*, grid: str, values: MicroGridValues, uuid: str | None = None,
                    progress: Progress | None = None) -> Outcome[str]:
    """Make a micro-grid in `grid` (or change micro-grid `uuid`): its name and its 微网格长."""
    micro = micro_grids.save_micro_grid(one(Grid, grid, "grid"), values, one(MicroGrid, uuid, "micro-grid") if uuid else None)
    return Outcome(micro.uuid, Changes.of("micro_grid"))


def assign_micro_grid(
    *,
    places: Sequence[tuple[str, str]] = (),
    households: Sequence[str] = (),
    micro_grid: str | None = None,
    new: MicroGridValues | None = None,
    grid: str | None = None,
    progress: Progress | None = None,
) -> Outcome[int]:
    """Put the households of `places` (("building"|"unit", id)…) and `households` in a micro-grid.

    The micro-grid is `micro_grid` (an id), or `new` made in `grid`; with neither, the
    households are taken out of their micro-grid.  The value is how many households moved.
    """
    chosen = []
    for kind, uuid in places:
        if kind not in PLACES:
            raise Refused(f"households are put in a micro-grid by building or unit, not by {kind!r}")
        chosen.append(one(PLACES[kind], uuid, kind))
    targets = micro_grids.households_of_places(chosen)
    seen = {household.uuid for household in targets}
    targets += [household for household in each(Household, households, "household") if household.uuid not in seen]
    if micro_grid is not None and new is not None:
        raise Refused("give an existing micro-grid or a new one, not both")
    with database.atomic():
        if new is not None:
            micro = micro_grids.save_micro_grid(one(Grid, grid, "grid"), new)
        else:
            micro = one(MicroGrid, micro_grid, "micro-grid") if micro_grid else None
        placed = micro_grids.place_households(micro, targets, progress=progress)
    return Outcome(placed, CHANGED if placed or new is not None else Changes())


def remove_micro_grid(*, uuid: str, progress: Progress | None = None) -> Outcome[int]:
    """Take a micro-grid's households out of it and mark it removed; the value is how many it had."""
    return Outcome(micro_grids.remove_micro_grid(one(MicroGrid, uuid, "micro-grid")), CHANGED)
