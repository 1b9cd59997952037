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
    """网格: a full grid, a special grid (a school, a market) or a micro-grid."""

    KINDS = ("full", "special", "micro")

    community = ForeignKeyField(Community, backref="grids")
    name = TextField()
    kind = TextField(default="full")


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
