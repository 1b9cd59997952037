"""The one database object every model binds to, opened later by `models.database`."""

from peewee import Model, SqliteDatabase

database = SqliteDatabase(None)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
