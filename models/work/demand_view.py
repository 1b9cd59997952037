"""One demand as its page shows it: the demand with its household (or shop), category and group, and what happened to it.

The timeline gathers the dispatches (with the unit's name), the progress
notes and the return visits, newest first; the window puts each into words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.records.people import Household, ResponsibleUnit, Shop
from models.records.work import Demand, DemandCategory, DemandGroup, Dispatch, ProgressNote, ReturnVisit


@dataclass(frozen=True)
class DemandView:
    demand: Demand
    household: Household | None  # None for a shop's or an enterprise's demand
    shop: Shop | None
    category: DemandCategory | None
    group: DemandGroup | None


def demand_view(uuid: str) -> DemandView:
    """The demand with id `uuid`, read now, with its household or shop, category and group."""
    demand = Demand.get_by_id(uuid)
    return DemandView(
        demand,
        Household.get_or_none(Household.uuid == demand.household_id),
        Shop.get_or_none(Shop.uuid == demand.shop_id),
        DemandCategory.get_or_none(DemandCategory.uuid == demand.category_id),
        DemandGroup.get_or_none(DemandGroup.uuid == demand.group_id),
    )


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    hlc: int  # orders the entries of one day
    kind: str  # "dispatch", "note" or "return_visit"
    record: Dispatch | ProgressNote | ReturnVisit
    unit: str = ""  # a dispatch's responsible unit


def timeline(demand_uuid: str) -> list[TimelineEntry]:
    """The live dispatches, notes and return visits of a demand, newest first."""
    units = dict(ResponsibleUnit.select(ResponsibleUnit.uuid, ResponsibleUnit.name).join(
        Dispatch, on=(Dispatch.unit == ResponsibleUnit.uuid)).where(Dispatch.demand == demand_uuid).tuples())
    entries = [TimelineEntry(row.dispatched_on, row.hlc, "dispatch", row, units.get(row.unit_id, ""))
               for row in Dispatch.alive().where(Dispatch.demand == demand_uuid)]
    entries += [TimelineEntry(row.noted_on, row.hlc, "note", row)
                for row in ProgressNote.alive().where(ProgressNote.demand == demand_uuid)]
    entries += [TimelineEntry(row.visited_on, row.hlc, "return_visit", row)
                for row in ReturnVisit.alive().where(ReturnVisit.demand == demand_uuid)]
    return sorted(entries, key=lambda entry: (entry.day, entry.hlc), reverse=True)
