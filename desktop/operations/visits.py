"""走访: recording a visit with its visitors, topics, notes and what the household raised, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from desktop.operations.outcome import Changes, Outcome
from desktop.operations.records import each, one
from models.work import visits
from models.records.people import Cadre, Household, Shop
from models.progress import Progress
from models.work.visits import RaisedItem

__all__ = ["RaisedItem", "record_visit"]


def record_visit(
    *,
    household: str | None = None,
    shop: str | None = None,
    visitors: Sequence[str],
    visited_on: dt.date | None = None,
    talked_to: str = "",
    topics: Iterable[str] = (),
    notes: str = "",
    raised: Sequence[RaisedItem] = (),
    progress: Progress | None = None,
) -> Outcome[str]:
    """Write down a visit to a household (or to a shop or enterprise: 企业走访) by the cadres `visitors` (ids)
    and each item raised in it.

    The first visitor is the one who recorded it.  The value is the new visit's
    id; "visit" changed, which means the demands raised in it too.
    """
    visit = visits.record_visit(
        one(Household, household, "household") if household else None, each(Cadre, visitors, "cadre"),
        visited_on=visited_on, talked_to=talked_to, topics=topics, notes=notes, raised=raised,
        shop=one(Shop, shop, "shop") if shop else None,
    )
    return Outcome(visit.uuid, Changes.of("visit"))
