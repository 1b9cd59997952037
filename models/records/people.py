"""Who is served and who serves: households, residents, shops, cadres, responsible units."""

from peewee import BooleanField, DateField, ForeignKeyField, TextField

from models.records.base import SyncedModel
from models.records.places import Building, Grid, Unit


class Cadre(SyncedModel):
    """党员干部 or 网格员, with their work unit and phone (printed whole on cards)."""

    ROLES = ("cadre", "grid_worker")

    name = TextField()
    role = TextField(default="cadre")
    work_unit = TextField(default="")
    position = TextField(default="")
    phone = TextField(default="")
    grid = ForeignKeyField(Grid, backref="cadres", null=True)
    notes = TextField(default="")


class MicroGrid(SyncedModel):
    """微网格: a named group of a grid's households, with the person who knows each door.

    Usually one or a few buildings or units.  Its 微网格长 is often a resident volunteer
    or a party member living there, so the leader is a name and a phone of its own, and
    only optionally one of the cadres (`leader_cadre`).  A grid needs no micro-grids: a
    household's `micro_grid` stays NULL until someone assigns one, and every list and
    count works as before (models/migrations/m0011_micro_grids.py).
    """

    grid = ForeignKeyField(Grid, backref="micro_grids")
    name = TextField()
    leader = TextField(default="")
    leader_phone = TextField(default="")
    leader_cadre = ForeignKeyField(Cadre, backref="micro_grids_led", null=True)
    notes = TextField(default="")


class Household(SyncedModel):
    """户: the unit a cadre is linked to and visits.

    `grid` and `building` are kept on the household (not only through `unit`)
    because coverage is counted per grid and bungalows have no units.
    `address` is the full written address, kept for search and printing.
    `micro_grid` is its 微网格, NULL when the grid has none or it is not assigned.
    """

    grid = ForeignKeyField(Grid, backref="households")
    building = ForeignKeyField(Building, backref="households")
    unit = ForeignKeyField(Unit, backref="households", null=True)
    room = TextField(default="")
    address = TextField(default="")
    phone = TextField(default="")
    tags = TextField(default="")
    notes = TextField(default="")
    micro_grid = ForeignKeyField(MicroGrid, backref="households", null=True)


class Resident(SyncedModel):
    """居民. ID number and phone are personal data: masked everywhere but exchange.

    `registered_address` is the household registration address (户籍地址): where
    the person is registered, which is often not where the household lives
    (人户分离).  NULL means not known (see models/migrations/m0007_registered_address.py).
    """

    RELATIONS = ("户主", "配偶", "子女", "父母", "孙子女", "兄弟姐妹", "其他")
    SEXES = ("男", "女")

    household = ForeignKeyField(Household, backref="residents")
    name = TextField()
    relation = TextField(default="户主")
    sex = TextField(default="")
    birth_date = DateField(null=True)
    id_number = TextField(default="")
    phone = TextField(default="")
    ethnicity = TextField(default="")
    tags = TextField(default="")
    notes = TextField(default="")
    registered_address = TextField(null=True, default="")


class Shop(SyncedModel):
    """商铺 in a grid, with its operator's contact."""

    grid = ForeignKeyField(Grid, backref="shops")
    building = ForeignKeyField(Building, backref="shops", null=True)
    name = TextField()
    address = TextField(default="")
    business = TextField(default="")
    owner = TextField(default="")
    phone = TextField(default="")
    notes = TextField(default="")


class ResponsibleUnit(SyncedModel):
    """责任单位: a department a demand can be dispatched to.

    `hotline` is the office line printed for residents; `contact_phone` is the
    contact person's own number, for the office's dispatches, and printed for
    residents only when `contact_phone_public` says the unit agreed.
    """

    name = TextField()
    hotline = TextField(default="")
    contact_person = TextField(default="")
    contact_phone = TextField(default="")
    notes = TextField(default="")
    contact_phone_public = BooleanField(default=False)


class Assignment(SyncedModel):
    """联户: a cadre linked to a household.

    Its uuid is derived from the pair (`models.records.base.derived_uuid`), so linking the
    same pair on two laptops makes one record, not two.
    """

    cadre = ForeignKeyField(Cadre, backref="assignments")
    household = ForeignKeyField(Household, backref="assignments")
    since = DateField(null=True)
    notes = TextField(default="")
