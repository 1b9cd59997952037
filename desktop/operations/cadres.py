"""The office's list of cadres and grid workers: add or edit one, take one off the list.

Removing sets the tombstone and leaves the cadre's links in place: their
households count as not linked at once, and the removal travels.
"""

from __future__ import annotations

from desktop.operations.outcome import Changes, Outcome
from desktop.operations.records import one
from models.registry import cadres
from models.records.people import Cadre
from models.records.places import Grid
from models.progress import Progress

CHANGED = Changes.of("cadre")


def save_cadre(
    *,
    uuid: str | None = None,
    name: str,
    role: str = "cadre",
    work_unit: str = "",
    position: str = "",
    phone: str = "",
    grid: str | None = None,
    progress: Progress | None = None,
) -> Outcome[str]:
    """Add a cadre (no `uuid`) or edit the cadre `uuid`; the value is the saved cadre's id."""
    saved = cadres.save_cadre(
        name=name, role=role, work_unit=work_unit, position=position, phone=phone,
        grid=one(Grid, grid, "grid") if grid else None, cadre=one(Cadre, uuid, "cadre") if uuid else None,
    )
    return Outcome(saved.uuid, CHANGED)


def remove_cadre(*, uuid: str, progress: Progress | None = None) -> Outcome[str]:
    """Take the cadre `uuid` off the list; their households then count as not linked."""
    cadres.remove_cadre(one(Cadre, uuid, "cadre"))
    return Outcome(uuid, CHANGED)
