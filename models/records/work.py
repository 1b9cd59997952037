"""The work itself: visits, demands, their routing to units, and the return visit.

A visit or demand belongs to a household or, for a shop or enterprise (企业走访), to a
shop instead: exactly one of `household` and `shop` is set (models/migrations/m0009).
"""

from peewee import BooleanField, DateField, ForeignKeyField, IntegerField, TextField

from models.records.base import SyncedModel
from models.records.people import Cadre, Household, ResponsibleUnit, Shop


class Visit(SyncedModel):
    """走访: who went to which household (or shop) on which day, and what was said."""

    TOPICS = ("policy", "handbook", "other")

    household = ForeignKeyField(Household, backref="visits", null=True)
    visited_on = DateField()
    talked_to = TextField(default="")
    topics = TextField(default="")  # space-separated keys of TOPICS
    notes = TextField(default="")
    recorded_by = ForeignKeyField(Cadre, backref="recorded_visits", null=True)
    shop = ForeignKeyField(Shop, backref="visits", null=True)


class VisitVisitor(SyncedModel):
    """One cadre of a visit (cadres often go in pairs); uuid derived from the pair."""

    visit = ForeignKeyField(Visit, backref="visitors")
    cadre = ForeignKeyField(Cadre, backref="visits_made")


class DemandCategory(SyncedModel):
    """An editable category (住房维修, 照明, 排水…) with its own deadline.

    `family` groups categories the office reports together: 矛盾纠纷 (disputes,
    closed with a mediation outcome) or 一般诉求.  NULL means not set: a category
    from before the field existed, or from a workbook without it.
    """

    FAMILIES = ("general", "dispute")

    name = TextField()
    deadline_days = IntegerField(default=7)
    sort_order = IntegerField(default=0)
    family = TextField(null=True, default="general")


class DemandGroup(SyncedModel):
    """一类事: demands handled as one class (56 corridor lamps, 181 roofs)."""

    name = TextField()
    category = ForeignKeyField(DemandCategory, backref="groups", null=True)
    notes = TextField(default="")


class Demand(SyncedModel):
    """诉求 or 意见建议 raised by a household (or a shop), followed until the resident is satisfied.

    `source` is where it came from, set when it is raised (a visit sets it);
    None means not recorded (older records, and workbooks written before the
    field existed).  `outcome` is how a closing ended, with `outcome_reason`
    (required for "unsolvable"); `mediation` a dispute's mediation.  Both are
    None while the demand is open, and UNRECORDED for a closing that did not
    say: a word that travels in exchange workbooks, where an empty cell means
    "not known" (models/migrations/m0009).  The figures count those apart,
    never as a guess (docs/statistics.md).
    """

    KINDS = ("demand", "suggestion")
    STATES = ("pending", "accepted", "in_progress", "closed", "rejected")
    URGENCIES = (0, 1, 2)  # normal, urgent, very urgent
    SOURCES = ("visit", "grid_report", "hotline", "walk_in", "enterprise_visit", "other")
    OUTCOMES = ("solved", "answered", "unsolvable")
    MEDIATIONS = ("succeeded", "failed")
    UNRECORDED = "unrecorded"

    household = ForeignKeyField(Household, backref="demands", null=True)
    visit = ForeignKeyField(Visit, backref="demands", null=True)
    kind = TextField(default="demand")
    category = ForeignKeyField(DemandCategory, backref="demands", null=True)
    group = ForeignKeyField(DemandGroup, backref="demands", null=True)
    description = TextField()
    raised_by = TextField(default="")
    recorded_by = ForeignKeyField(Cadre, backref="recorded_demands", null=True)
    urgency = IntegerField(default=0)
    state = TextField(default="pending")
    reject_reason = TextField(default="")
    raised_on = DateField()
    accepted_on = DateField(null=True)
    deadline = DateField(null=True)
    closed_on = DateField(null=True)
    solved_on_spot = BooleanField(default=False)
    shop = ForeignKeyField(Shop, backref="demands", null=True)
    source = TextField(null=True)
    outcome = TextField(null=True)
    outcome_reason = TextField(null=True, default="")
    mediation = TextField(null=True)


class Dispatch(SyncedModel):
    """吹哨报到: a demand sent to one responsible unit; several make a joint dispatch."""

    demand = ForeignKeyField(Demand, backref="dispatches")
    unit = ForeignKeyField(ResponsibleUnit, backref="dispatches")
    contact_person = TextField(default="")
    contact_phone = TextField(default="")
    dispatched_on = DateField()
    notes = TextField(default="")


class ProgressNote(SyncedModel):
    """A dated line of what happened to a demand."""

    demand = ForeignKeyField(Demand, backref="progress_notes")
    noted_on = DateField()
    text = TextField()
    author = TextField(default="")


class ReturnVisit(SyncedModel):
    """回访: the call or visit that asks whether the resident is satisfied."""

    METHODS = ("phone", "in_person")
    SATISFACTION = ("satisfied", "fairly_satisfied", "dissatisfied")

    demand = ForeignKeyField(Demand, backref="return_visits")
    visited_on = DateField()
    method = TextField(default="phone")
    satisfaction = TextField()
    notes = TextField(default="")
    by = TextField(default="")
