"""走访: recording a visit with its visitors, topics, notes and what the household raised.

One call writes the whole form in one transaction: the visit, one VisitVisitor
per cadre (identity derived from the pair, so the same pair never doubles on a
merge), and each suggestion or demand raised, a demand solved on the spot
being written as closed that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from models.registry.assignments import household_label
from models.records.base import derived_uuid
from models.storage.connection import database
from models.work.demands import raise_demand
from models.records.people import Cadre, Household, Shop
from models.records.work import Demand, DemandCategory, Visit, VisitVisitor


class VisitRefused(ValueError):
    """A visit was refused; the message says why."""


@dataclass(frozen=True)
class RaisedItem:
    """A suggestion or demand written down during the visit."""

    description: str
    kind: str = "demand"  # or "suggestion"
    category: DemandCategory | None = None
    urgency: int = 0
    solved_on_spot: bool = False
    raised_by: str = ""  # who in the household; defaults to whom the visitors talked to


def _check_topics(topics: Iterable[str]) -> list[str]:
    topics = list(dict.fromkeys(topics))
    unknown = [topic for topic in topics if topic not in Visit.TOPICS]
    if unknown:
        raise VisitRefused(f"unknown topic {', '.join(unknown)}; topics are {', '.join(Visit.TOPICS)}")
    return topics


def _check_visitors(visitors: Sequence[Cadre]) -> None:
    if not visitors:
        raise VisitRefused("name at least one cadre who made the visit")
    if len({cadre.uuid for cadre in visitors}) != len(visitors):
        raise VisitRefused("a cadre is named twice among the visitors")
    for cadre in visitors:
        if cadre.deleted:
            raise VisitRefused(f"cadre {cadre.name} has been removed")


def record_visit(
    household: Household | None,
    visitors: Sequence[Cadre],
    *,
    visited_on: dt.date | None = None,
    talked_to: str = "",
    topics: Iterable[str] = (),
    notes: str = "",
    recorded_by: Cadre | None = None,
    raised: Sequence[RaisedItem] = (),
    shop: Shop | None = None,
) -> Visit:
    """Write down a visit and everything raised in it; all or nothing.

    A visit to a shop or enterprise (企业走访) passes `shop` and no household: it
    counts among the enterprise visits, not in any household's coverage.
    """
    if (household is None) == (shop is None):
        raise VisitRefused("a visit is made to one household or one shop")
    if household is not None and household.deleted:
        raise VisitRefused(f"household {household_label(household)} has been removed")
    if shop is not None and shop.deleted:
        raise VisitRefused(f"shop {shop.name} has been removed")
    _check_visitors(visitors)
    topics = _check_topics(topics)
    day = visited_on or dt.date.today()
    if day > dt.date.today():
        raise VisitRefused(f"the visit date {day} is in the future")
    recorded_by = recorded_by or visitors[0]
    with database.atomic():
        visit = Visit(
            household=None if household is None else household.uuid,
            shop=None if shop is None else shop.uuid,
            visited_on=day,
            talked_to=talked_to.strip(),
            topics=" ".join(topics),
            notes=notes.strip(),
            recorded_by=recorded_by.uuid,
        )
        visit.save(force_insert=True)
        for cadre in visitors:
            VisitVisitor(
                uuid=derived_uuid("visit_visitor", visit.uuid, cadre.uuid), visit=visit.uuid, cadre=cadre.uuid
            ).save(force_insert=True)
        for item in raised:
            raise_demand(
                household,
                item.description,
                kind=item.kind,
                category=item.category,
                raised_by=item.raised_by or talked_to,
                recorded_by=recorded_by,
                urgency=item.urgency,
                raised_on=day,
                visit=visit,
                solved_on_spot=item.solved_on_spot,
                shop=shop,
            )
    return visit


def visitors_of(visit: Visit) -> list[Cadre]:
    return list(
        Cadre.select()
        .join(VisitVisitor)
        .where((VisitVisitor.visit == visit.uuid) & (VisitVisitor.deleted == False))  # noqa: E712
        .order_by(Cadre.name)
    )


def household_visits(household: Household):
    """A household's visits, newest first."""
    return Visit.alive().where(Visit.household == household.uuid).order_by(Visit.visited_on.desc(), Visit.hlc.desc())


def household_demands(household: Household):
    """A household's demands and suggestions, newest first."""
    return (
        Demand.alive().where(Demand.household == household.uuid).order_by(Demand.raised_on.desc(), Demand.hlc.desc())
    )
