"""Demands (急难愁盼) from raising to the return visit: each move of a demand, alone or with its group (一类事).

A move of the whole group moves each member the move fits, with its own
history, and reports the others (`models.core.move_group`); a move that
fits no member is refused.  The value of a move is what `models.work.demands`
returns (the demand, or a `GroupMove` of the group's members).  "demand"
changed, which stands for its dispatches, notes and return visits too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from desktop.operations.outcome import Changes, Outcome
from desktop.operations.records import each, one
from models.work import demands as core
from models.work.demands import DemandRefused, DispatchTarget
from models.records.people import Cadre, Household, Shop
from models.progress import Progress
from models.records.work import Demand, DemandCategory, DemandGroup

__all__ = ["DemandRefused", "DispatchTarget", "accept", "add_note", "close", "dispatch", "group_demands", "raise_demand",
           "record_return_visit", "reject", "reopen", "start_work"]

CHANGED = Changes.of("demand")


def _move(demand: str, whole_group: bool, move: Callable[[Demand], object]) -> Outcome:
    """`move` the demand, or every member of its group when `whole_group` (and it has one)."""
    record = one(Demand, demand, "demand")
    group = DemandGroup.get_or_none(DemandGroup.uuid == record.group_id) if whole_group else None
    return Outcome(core.move_group(group, move) if group is not None else move(record), CHANGED)


def raise_demand(
    *,
    household: str | None = None,
    shop: str | None = None,
    description: str,
    kind: str = "demand",
    category: str | None = None,
    source: str | None = None,
    raised_by: str = "",
    recorded_by: str | None = None,
    urgency: int = 0,
    raised_on: dt.date | None = None,
    progress: Progress | None = None,
) -> Outcome[Demand]:
    """Write down a demand (kind "suggestion": a suggestion) a household or a shop raised outside a visit.

    `source` says where it came from (the 12345 hotline, the office, a grid worker's report…).
    """
    demand = core.raise_demand(
        one(Household, household, "household") if household else None, description, kind=kind,
        category=one(DemandCategory, category, "category") if category else None, raised_by=raised_by,
        recorded_by=one(Cadre, recorded_by, "cadre") if recorded_by else None, urgency=urgency, raised_on=raised_on,
        shop=one(Shop, shop, "shop") if shop else None, source=source,
    )
    return Outcome(demand, CHANGED)


def accept(*, demand: str, whole_group: bool = False, on: dt.date | None = None,
           progress: Progress | None = None) -> Outcome:
    """受理: the office takes the demand on; its deadline starts to run."""
    return _move(demand, whole_group, lambda d: core.accept(d, on))


def reject(*, demand: str, reason: str, whole_group: bool = False, progress: Progress | None = None) -> Outcome:
    """不予受理, with the reason the resident is told."""
    return _move(demand, whole_group, lambda d: core.reject(d, reason))


def start_work(*, demand: str, whole_group: bool = False, progress: Progress | None = None) -> Outcome:
    """办理中: work on an accepted demand has begun."""
    return _move(demand, whole_group, core.start)


def add_note(*, demand: str, text: str, author: str = "", whole_group: bool = False, on: dt.date | None = None,
             progress: Progress | None = None) -> Outcome:
    """A dated line of what happened (a unit called, materials ordered)."""
    return _move(demand, whole_group, lambda d: core.add_progress_note(d, text, on=on, author=author))


def dispatch(*, demand: str, targets: Sequence[DispatchTarget], notes: str = "", whole_group: bool = False,
             on: dt.date | None = None, progress: Progress | None = None) -> Outcome:
    """吹哨报到: send the demand to one or several responsible units at once."""
    return _move(demand, whole_group, lambda d: core.dispatch(d, targets, on=on, notes=notes))


def close(*, demand: str, outcome: str | None = None, reason: str = "", mediation: str | None = None,
          whole_group: bool = False, on: dt.date | None = None, progress: Progress | None = None) -> Outcome:
    """办结, with how it ended (solved, answered, unsolvable and why); a return visit will ask the resident.

    Each member of a group is closed with the same outcome; only the disputes (矛盾纠纷) take the mediation.
    """
    return _move(demand, whole_group, lambda d: core.close(
        d, on, outcome=outcome, reason=reason, mediation=mediation if core.is_dispute(d) else None))


def reopen(*, demand: str, reason: str = "", author: str = "", whole_group: bool = False, on: dt.date | None = None,
           progress: Progress | None = None) -> Outcome:
    """Take a closed demand back into work (a new deadline), or a rejected one back to pending."""
    return _move(demand, whole_group, lambda d: core.reopen(d, on=on, reason=reason, author=author))


def record_return_visit(*, demand: str, satisfaction: str, method: str = "phone", notes: str = "", by: str = "",
                        whole_group: bool = False, on: dt.date | None = None,
                        progress: Progress | None = None) -> Outcome:
    """回访: the resident's answer on a closed demand; dissatisfied reopens it."""
    return _move(demand, whole_group, lambda d: core.record_return_visit(
        d, satisfaction, method=method, notes=notes, by=by, on=on))


def group_demands(*, name: str, demands: Sequence[str] = (), progress: Progress | None = None) -> Outcome[DemandGroup]:
    """Gather demands of one kind (56 corridor lamps) into a new group named `name`, to move them together."""
    group = core.create_group(name, each(Demand, demands, "demand"))
    return Outcome(group, Changes.of("demand_group"))
