"""联户: linking cadres to households (chosen ones, or every household of a grid, building or unit),
unlinking them, and handing households over from one cadre to another.

Each is one transaction: a refusal (a removed cadre, a household not linked to
the cadre it is taken from) leaves every link as it was.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.operations.outcome import NOTHING, Changes, Outcome, Refused
from desktop.operations.records import each, one
from models.registry import assignments
from models.records.people import Cadre, Household
from models.records.places import Building, Grid, Unit
from models.progress import Progress

PLACES = {"grid": Grid, "building": Building, "unit": Unit}


def _linked(count: int) -> Outcome[int]:
    return Outcome(count, Changes.of("assignment") if count else NOTHING)


def link_households(
    *,
    cadre: str,
    households: Sequence[str] = (),
    place: tuple[str, str] | None = None,
    progress: Progress | None = None,
) -> Outcome[int]:
    """Link `cadre` to `households`, or to every live household of `place` ("grid"|"building"|"unit", id).

    The value is how many were newly linked (already linked ones stay as they are).
    """
    linked_cadre = one(Cadre, cadre, "cadre")
    if place is not None:
        kind, uuid = place
        if kind not in PLACES:
            raise Refused(f"households are linked by grid, building or unit, not by {kind!r}")
        return _linked(assignments.link_place(linked_cadre, one(PLACES[kind], uuid, kind), progress=progress))
    chosen = each(Household, households, "household")
    return _linked(assignments.link_households(linked_cadre, chosen, progress=progress))


def unlink_households(*, cadre: str, households: Sequence[str], progress: Progress | None = None) -> Outcome[int]:
    """Unlink `cadre` from `households`; the value is how many had been linked."""
    chosen = each(Household, households, "household")
    return _linked(assignments.unlink_households(one(Cadre, cadre, "cadre"), chosen, progress=progress))


def move_households(*, households: Sequence[str], from_cadre: str, to_cadre: str,
                    progress: Progress | None = None) -> Outcome[int]:
    """Hand `households` over from one cadre to another, all or nothing; the value is how many moved."""
    chosen = each(Household, households, "household")
    moved = assignments.move_households(chosen, one(Cadre, from_cadre, "cadre"), one(Cadre, to_cadre, "cadre"),
                                        progress=progress)
    return _linked(moved)
