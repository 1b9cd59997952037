"""Demands (急难愁盼) followed to the end: states, deadlines, dispatch to units, return visits.

The states and the moves between them::

    pending ──accept──▶ accepted ──start / dispatch──▶ in_progress ──close──▶ closed
       │                   │                                                  │
       └──reject──▶ rejected                    reopen (or a dissatisfied    │
                       │                          return visit) ◀─────────────┘
                       └──reopen──▶ pending

* The deadline runs from acceptance: accepted_on + the category's deadline_days
  (7 when there is no category).  Reopening a closed demand starts a new
  deadline from the day it is reopened: the units get the same time again.
* A demand is *overdue* while it is accepted or in progress past its deadline.
* A closed demand *awaits a return visit* until a satisfied or fairly satisfied
  return visit is dated on or after its closing; a dissatisfied one reopens it.
  Demands solved on the spot were closed in front of the resident and await none.
* A group (一类事) moves its demands together: each member that can take the
  move takes it, with its own history; the others are reported, not forced.
* A demand belongs to a household or to a shop (an enterprise's problem); its
  source is recorded when it is raised, and a visit sets it (入户走访, or 企业走访
  for a visit to a shop).  Closing records the outcome (已解决, 已答复, 无法解决 with
  a reason) and, for a dispute (a category of the 矛盾纠纷 family), the mediation;
  reopening clears them with the closing they belonged to.  A demand solved on
  the spot was solved.

Every change goes through `record.save()` (version stamp and audit entry), and
each operation is one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from peewee import JOIN, Expression, fn

from models.registry.assignments import household_label
from models.registry.coverage import Scope
from models.storage.connection import database
from models.records.people import Cadre, Household, ResponsibleUnit, Shop
from models.work.reference_lists import DEFAULT_DEADLINE_DAYS
from models.records.work import Demand, DemandCategory, DemandGroup, Dispatch, ProgressNote, ReturnVisit, Visit

OPEN_STATES = ("pending", "accepted", "in_progress")
RUNNING_STATES = ("accepted", "in_progress")  # the deadline is running
GOOD_SATISFACTION = ("satisfied", "fairly_satisfied")


class DemandRefused(ValueError):
    """A move of a demand was refused; the message says why."""


def _today(on: dt.date | None) -> dt.date:
    return on or dt.date.today()


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def deadline_days(category: DemandCategory | None) -> int:
    return category.deadline_days if category is not None and category.deadline_days else DEFAULT_DEADLINE_DAYS


def _category_of(demand: Demand) -> DemandCategory | None:
    return None if demand.category_id is None else DemandCategory.get_or_none(DemandCategory.uuid == demand.category_id)


def _require_state(demand: Demand, allowed: Iterable[str], move: str) -> None:
    if demand.deleted:
        raise DemandRefused("this demand has been removed")
    if demand.state not in allowed:
        raise DemandRefused(f"cannot {move} a demand that is {demand.state}")


def _not_before(day: dt.date, earlier, what: str) -> None:
    earlier = _as_date(earlier)
    if earlier is not None and day < earlier:
        raise DemandRefused(f"the date {day} is before {what} ({earlier})")


def subject_label(household: Household | None, shop: Shop | None) -> str:
    """How a message names who raised a demand: a household's address, or a shop's name."""
    if household is not None:
        return household_label(household)
    return shop.name if shop is not None else ""


def _source_of(source: str | None, visit: Visit | None, household: Household | None) -> str | None:
    """The source to record: a visit sets it; otherwise the one given (None when none is: "not recorded")."""
    if visit is not None:
        made = "enterprise_visit" if visit.shop_id is not None else "visit"
        if source not in (None, "", made):
            raise DemandRefused(f"a demand raised during a visit comes from the visit ({made}), not {source}")
        return made
    source = source or None
    if source is not None and source not in Demand.SOURCES:
        raise DemandRefused(f"the source must be one of {', '.join(Demand.SOURCES)}")
    if source == "visit" and household is None:
        raise DemandRefused("a shop's demand comes from an enterprise visit (enterprise_visit), not a household visit")
    if source == "enterprise_visit" and household is not None:
        raise DemandRefused("a household's demand does not come from an enterprise visit")
    return source


def raise_demand(
    household: Household | None,
    description: str,
    *,
    kind: str = "demand",
    category: DemandCategory | None = None,
    raised_by: str = "",
    recorded_by: Cadre | None = None,
    urgency: int = 0,
    raised_on: dt.date | None = None,
    visit: Visit | None = None,
    solved_on_spot: bool = False,
    group: DemandGroup | None = None,
    shop: Shop | None = None,
    source: str | None = None,
) -> Demand:
    """Write down a demand or suggestion a household (or a shop) raised; solved on the spot means closed now, solved.

    `source` is where it came from (`Demand.SOURCES`); a visit sets it.  Without
    either it stays None — not recorded — which the figures count apart.
    """
    description = (description or "").strip()
    if not description:
        raise DemandRefused("describe the demand")
    if kind not in Demand.KINDS:
        raise DemandRefused(f"unknown kind of demand {kind!r}")
    if urgency not in Demand.URGENCIES:
        raise DemandRefused(f"urgency must be one of {Demand.URGENCIES}")
    if (household is None) == (shop is None):
        raise DemandRefused("a demand is raised by one household or one shop")
    if household is not None and household.deleted:
        raise DemandRefused(f"household {household_label(household)} has been removed")
    if shop is not None and shop.deleted:
        raise DemandRefused(f"shop {shop.name} has been removed")
    if visit is not None and (visit.household_id, visit.shop_id) != (household and household.uuid, shop and shop.uuid):
        raise DemandRefused("a demand raised during a visit belongs to the household or shop visited")
    source = _source_of(source, visit, household)
    day = _today(raised_on)
    if day > dt.date.today():
        raise DemandRefused(f"the date {day} is in the future")
    demand = Demand(
        household=None if household is None else household.uuid,
        shop=None if shop is None else shop.uuid,
        source=source,
        visit=None if visit is None else visit.uuid,
        kind=kind,
        category=None if category is None else category.uuid,
        group=None if group is None else group.uuid,
        description=description,
        raised_by=raised_by.strip(),
        recorded_by=None if recorded_by is None else recorded_by.uuid,
        urgency=urgency,
        raised_on=day,
        solved_on_spot=solved_on_spot,
    )
    if solved_on_spot:
        demand.state = "closed"
        demand.outcome = "solved"
        demand.accepted_on = demand.closed_on = day
        demand.deadline = day + dt.timedelta(days=deadline_days(category))
    demand.save(force_insert=True)
    return demand


def accept(demand: Demand, on: dt.date | None = None) -> Demand:
    """受理: the office takes the demand on; its deadline starts to run."""
    _require_state(demand, ("pending",), "accept")
    day = _today(on)
    _not_before(day, demand.raised_on, "the day it was raised")
    demand.state = "accepted"
    demand.accepted_on = day
    demand.deadline = day + dt.timedelta(days=deadline_days(_category_of(demand)))
    demand.save()
    return demand


def reject(demand: Demand, reason: str) -> Demand:
    """不予受理, with the reason the resident is told."""
    reason = (reason or "").strip()
    if not reason:
        raise DemandRefused("give the reason for not accepting the demand")
    _require_state(demand, ("pending",), "reject")
    demand.state = "rejected"
    demand.reject_reason = reason
    demand.save()
    return demand


def start(demand: Demand) -> Demand:
    """办理中: work on an accepted demand has begun."""
    _require_state(demand, ("accepted",), "start work on")
    demand.state = "in_progress"
    demand.save()
    return demand


def is_dispute(demand: Demand) -> bool:
    """矛盾纠纷: the demand's category belongs to the dispute family."""
    category = _category_of(demand)
    return category is not None and category.family == "dispute"


def close(
    demand: Demand,
    on: dt.date | None = None,
    *,
    outcome: str | None = None,
    reason: str = "",
    mediation: str | None = None,
) -> Demand:
    """办结: the work is done, with how it ended; a return visit will ask the resident.

    `outcome` is solved, answered or unsolvable (which needs the `reason`); a
    dispute may also record its `mediation` (succeeded or failed).  A caller that
    does not know leaves them None: stored as `Demand.UNRECORDED` ("not
    recorded"), never a guess.
    """
    _require_state(demand, RUNNING_STATES, "close")
    reason = (reason or "").strip()
    if outcome is not None and outcome not in Demand.OUTCOMES:
        raise DemandRefused(f"the outcome must be one of {', '.join(Demand.OUTCOMES)}")
    if outcome == "unsolvable" and not reason:
        raise DemandRefused("give the reason it cannot be solved")
    if mediation is not None:
        if mediation not in Demand.MEDIATIONS:
            raise DemandRefused(f"the mediation must be one of {', '.join(Demand.MEDIATIONS)}")
        if not is_dispute(demand):
            raise DemandRefused("only a dispute (矛盾纠纷) is closed with a mediation outcome")
    day = _today(on)
    _not_before(day, demand.accepted_on, "its acceptance")
    demand.state = "closed"
    demand.closed_on = day
    dispute = is_dispute(demand)
    demand.outcome = outcome or Demand.UNRECORDED
    demand.outcome_reason = reason
    demand.mediation = mediation or (Demand.UNRECORDED if dispute else None)
    demand.save()
    return demand


def reopen(demand: Demand, on: dt.date | None = None, reason: str = "", author: str = "") -> Demand:
    """Take a closed demand back into work (new deadline), or a rejected one back to pending."""
    _require_state(demand, ("closed", "rejected"), "reopen")
    day = _today(on)
    with database.atomic():
        if demand.state == "closed":
            _not_before(day, demand.closed_on, "its closing")
            demand.state = "in_progress"
            demand.closed_on = None
            demand.solved_on_spot = False
            demand.outcome = demand.mediation = None
            demand.outcome_reason = ""
            demand.deadline = day + dt.timedelta(days=deadline_days(_category_of(demand)))
        else:
            demand.state = "pending"
            demand.reject_reason = ""
        demand.save()
        if reason.strip():
            add_progress_note(demand, reason, on=day, author=author)
    return demand


@dataclass(frozen=True)
class DispatchTarget:
    """One unit a demand is sent to, with the person there who answers for it."""

    unit: ResponsibleUnit
    contact_person: str = ""
    contact_phone: str = ""


def dispatch(
    demand: Demand, targets: Sequence[DispatchTarget], on: dt.date | None = None, notes: str = ""
) -> list[Dispatch]:
    """吹哨报到: send the demand to one or several units at once.

    A pending demand is accepted that day (sending it means the office took it
    on); the demand is then in progress.  Contacts default to the unit's own.
    """
    _require_state(demand, OPEN_STATES, "dispatch")
    if not targets:
        raise DemandRefused("choose at least one responsible unit")
    names = [target.unit.name for target in targets]
    if len(set(names)) != len(names):
        raise DemandRefused("a unit is chosen twice")
    already = {
        unit_id
        for (unit_id,) in Dispatch.select(Dispatch.unit)
        .where((Dispatch.demand == demand.uuid) & (Dispatch.deleted == False))  # noqa: E712
        .tuples()
    }
    for target in targets:
        if target.unit.deleted:
            raise DemandRefused(f"{target.unit.name} is no longer on the list of responsible units")
        if target.unit.uuid in already:
            raise DemandRefused(f"the demand was already dispatched to {target.unit.name}")
    day = _today(on)
    _not_before(day, demand.raised_on, "the day it was raised")
    with database.atomic():
        if demand.state == "pending":
            accept(demand, day)
        if demand.state == "accepted":
            start(demand)
        sent = []
        for target in targets:
            row = Dispatch(
                demand=demand.uuid,
                unit=target.unit.uuid,
                contact_person=target.contact_person.strip() or target.unit.contact_person,
                contact_phone=target.contact_phone.strip() or target.unit.contact_phone,
                dispatched_on=day,
                notes=notes.strip(),
            )
            row.save(force_insert=True)
            sent.append(row)
    return sent


def add_progress_note(demand: Demand, text: str, on: dt.date | None = None, author: str = "") -> ProgressNote:
    """A dated line of what happened (a unit called, materials ordered, work planned)."""
    text = (text or "").strip()
    if not text:
        raise DemandRefused("write what happened")
    if demand.deleted:
        raise DemandRefused("this demand has been removed")
    note = ProgressNote(demand=demand.uuid, noted_on=_today(on), text=text, author=author.strip())
    note.save(force_insert=True)
    return note


def record_return_visit(
    demand: Demand,
    satisfaction: str,
    *,
    method: str = "phone",
    notes: str = "",
    by: str = "",
    on: dt.date | None = None,
) -> ReturnVisit:
    """回访: ask the resident about a closed demand; 不满意 (dissatisfied) reopens it."""
    if satisfaction not in ReturnVisit.SATISFACTION:
        raise DemandRefused(f"satisfaction must be one of {', '.join(ReturnVisit.SATISFACTION)}")
    if method not in ReturnVisit.METHODS:
        raise DemandRefused(f"a return visit is made by {' or '.join(ReturnVisit.METHODS)}")
    _require_state(demand, ("closed",), "call back on")
    day = _today(on)
    _not_before(day, demand.closed_on, "its closing")
    with database.atomic():
        visit = ReturnVisit(
            demand=demand.uuid, visited_on=day, method=method, satisfaction=satisfaction, notes=notes.strip(), by=by.strip()
        )
        visit.save(force_insert=True)
        if satisfaction == "dissatisfied":
            reopen(demand, day)
    return visit


# --- groups (一类事) -----------------------------------------------------------


def create_group(
    name: str, demands: Iterable[Demand] = (), category: DemandCategory | None = None, notes: str = ""
) -> DemandGroup:
    """Gather demands of one kind (56 corridor lamps) to move them together."""
    name = (name or "").strip()
    if not name:
        raise DemandRefused("name the group")
    with database.atomic():
        group = DemandGroup(name=name, category=None if category is None else category.uuid, notes=notes.strip())
        group.save(force_insert=True)
        add_to_group(group, demands)
    return group


def add_to_group(group: DemandGroup, demands: Iterable[Demand]) -> None:
    with database.atomic():
        for demand in demands:
            if demand.group_id != group.uuid:
                demand.group = group.uuid
                demand.save()


def remove_from_group(demand: Demand) -> None:
    if demand.group_id is not None:
        demand.group = None
        demand.save()


def group_members(group: DemandGroup):
    return Demand.alive().where(Demand.group == group.uuid).order_by(Demand.raised_on, Demand.uuid)


@dataclass
class GroupMove:
    """What a move of a group did: the demands moved and those left, with the reason."""

    moved: list[Demand] = field(default_factory=list)
    skipped: list[tuple[Demand, str]] = field(default_factory=list)


def move_group(group: DemandGroup, move: Callable[[Demand], object]) -> GroupMove:
    """Apply `move` (e.g. ``lambda d: accept(d, day)``) to every member, in one transaction.

    A member the move does not fit (already closed, say) is skipped and
    reported; if no member can move, nothing changes and the move is refused.
    """
    result = GroupMove()
    with database.atomic():
        for demand in group_members(group):
            try:
                with database.atomic():
                    move(demand)
            except DemandRefused as refusal:
                result.skipped.append((demand, str(refusal)))
            else:
                result.moved.append(demand)
        if not result.moved:
            reasons = sorted({reason for _, reason in result.skipped}) or ["the group has no demands"]
            raise DemandRefused(f"no demand of {group.name} could move: {'; '.join(reasons)}")
    return result


# --- lists ------------------------------------------------------------------------


def overdue_condition(today: dt.date | None = None) -> Expression:
    """Accepted or in progress, past the deadline."""
    return Demand.state.in_(RUNNING_STATES) & (Demand.deadline < _today(today))


def awaiting_return_visit_condition() -> Expression:
    """Closed (not on the spot) with no satisfied or fairly satisfied return visit since closing."""
    answered = ReturnVisit.select(ReturnVisit.uuid).where(
        (ReturnVisit.demand == Demand.uuid)
        & (ReturnVisit.deleted == False)  # noqa: E712
        & ReturnVisit.satisfaction.in_(GOOD_SATISFACTION)
        & (ReturnVisit.visited_on >= Demand.closed_on)
    )
    return (Demand.state == "closed") & (Demand.solved_on_spot == False) & ~fn.EXISTS(answered)  # noqa: E712


def is_overdue(demand: Demand, today: dt.date | None = None) -> bool:
    deadline = _as_date(demand.deadline)
    return demand.state in RUNNING_STATES and deadline is not None and deadline < _today(today)


@dataclass(frozen=True)
class DemandFilter:
    """What a demand list shows; every part is applied in SQL."""

    states: tuple[str, ...] = ()  # empty: every state
    overdue_only: bool = False
    awaiting_return_visit: bool = False
    scope: Scope = Scope()
    household: str | None = None
    group: str | None = None
    category: str | None = None
    kind: str | None = None
    source: str | None = None  # one of Demand.SOURCES, or "" for "not recorded"
    text: str = ""  # part of the description, of the address, or of the shop's name
    today: dt.date | None = None

    def reads_households_or_shops(self) -> bool:
        """Whether `condition()` names a household's or a shop's column (a scope, a text)."""
        return not self.scope.everything or bool(self.text.strip())

    def condition(self) -> Expression:
        condition = Demand.deleted == False  # noqa: E712
        if self.states:
            condition &= Demand.state.in_(self.states)
        if self.overdue_only:
            condition &= overdue_condition(self.today)
        if self.awaiting_return_visit:
            condition &= awaiting_return_visit_condition()
        if not self.scope.everything:
            condition &= self.scope.households_condition()
        exact = (
            (Demand.household, self.household),
            (Demand.group, self.group),
            (Demand.category, self.category),
            (Demand.kind, self.kind),
            (Demand.source, self.source or None),
        )
        for column, value in exact:
            if value is not None:
                condition &= column == value
        if self.source == "":
            condition &= Demand.source.is_null()
        if self.text.strip():
            pattern = f"%{self.text.strip()}%"
            condition &= Demand.description ** pattern | Household.address ** pattern | Shop.name ** pattern
        return condition


def demand_list(demand_filter: DemandFilter):
    """The rows of a demand list, newest first, as a query to fetch page by page.

    Each row is a Demand with `address` (a shop's name and address for a shop's
    demand), `category_name`, `group_name` and `overdue` (0/1) attached.
    """
    overdue = overdue_condition(demand_filter.today)
    shop_address = fn.TRIM(Shop.name.concat(" ").concat(fn.COALESCE(Shop.address, "")))
    return (
        Demand.select(
            Demand,
            fn.COALESCE(Household.address, shop_address).alias("address"),
            DemandCategory.name.alias("category_name"),
            DemandGroup.name.alias("group_name"),
            overdue.alias("overdue"),
        )
        .join(Household, JOIN.LEFT_OUTER, on=(Household.uuid == Demand.household))
        .switch(Demand)
        .join(Shop, JOIN.LEFT_OUTER, on=(Shop.uuid == Demand.shop))
        .switch(Demand)
        .join(DemandCategory, JOIN.LEFT_OUTER, on=(DemandCategory.uuid == Demand.category))
        .switch(Demand)
        .join(DemandGroup, JOIN.LEFT_OUTER, on=(DemandGroup.uuid == Demand.group))
        .where(demand_filter.condition())
        .order_by(Demand.raised_on.desc(), Demand.uuid)
        .objects()
    )


def count_demands(demand_filter: DemandFilter) -> int:
    """How many demands the filter keeps.

    The households and shops are joined only when the filter reads them (a text,
    a scope): both joins are on a primary key and outer, so they never add or
    drop a demand, but SQLite looks each one up all the same; without them a
    district's count takes about 1.5 ms instead of 10 (docs/measurements.md).
    """
    query = Demand.select(fn.COUNT(Demand.uuid))
    if demand_filter.reads_households_or_shops():
        query = (
            query.join(Household, JOIN.LEFT_OUTER, on=(Household.uuid == Demand.household))
            .switch(Demand)
            .join(Shop, JOIN.LEFT_OUTER, on=(Shop.uuid == Demand.shop))
        )
    return query.where(demand_filter.condition()).scalar()
