"""The figures the office reports upward; counts always exclude deleted records."""

from __future__ import annotations

from models.conflicts import Conflict
from models.people import Assignment, Cadre, Household, Resident, Shop
from models.places import Building
from models.work import Demand, Visit

COUNTED = {
    "households": Household,
    "residents": Resident,
    "buildings": Building,
    "shops": Shop,
    "cadres": Cadre,
    "assignments": Assignment,
    "visits": Visit,
    "demands": Demand,
}


def counts() -> dict[str, int]:
    """How many live records of each kind, and how many conflicts wait for a person."""
    figures = {name: model.alive().count() for name, model in COUNTED.items()}
    figures["conflicts"] = Conflict.select().where(Conflict.status == "open").count()
    return figures
