"""Where people live: sub-district → community → grid → building → unit (entrance)."""

from peewee import ForeignKeyField, IntegerField, TextField

from models.records.base import SyncedModel


class SubDistrict(SyncedModel):
    """街道."""

    name = TextField()
    code = TextField(default="")


class Community(SyncedModel):
    """社区, with the hotline printed on service cards."""

    sub_district = ForeignKeyField(SubDistrict, backref="communities")
    name = TextField()
    hotline = TextField(default="")
    address = TextField(default="")


class Grid(SyncedModel):
    """网格: a full (residential) grid or a special grid (专属网格: a school, a hospital, a park…).

    A special grid holds shops and enterprises (`Shop.grid`) rather than households;
    `special_type` says what it is (NULL: not said) and `leader`/`leader_phone` name its
    专属网格长.  Micro-grids inside a grid are `models.records.people.MicroGrid`; the
    kind "micro" is only read from workbooks written before they existed.  The three
    columns are NULL for "not known" (models/migrations/m0011_micro_grids.py).
    """

    KINDS = ("full", "special", "micro")
    SPECIAL_TYPES = ("school", "hospital", "park", "market", "other")

    community = ForeignKeyField(Community, backref="grids")
    name = TextField()
    kind = TextField(default="full")
    special_type = TextField(null=True)
    leader = TextField(null=True, default="")
    leader_phone = TextField(null=True, default="")


class Building(SyncedModel):
    """楼栋: a residential block, a bungalow row, or a commercial building."""

    KINDS = ("residential", "bungalow", "commercial")

    grid = ForeignKeyField(Grid, backref="buildings")
    name = TextField()
    address = TextField(default="")
    kind = TextField(default="residential")
    floors = IntegerField(null=True)


class Unit(SyncedModel):
    """单元 (entrance) of a building."""

    building = ForeignKeyField(Building, backref="units")
    name = TextField()
