"""Versions that lost a merge, kept for a person to review.

When two laptops edit the same record without seeing each other's edit, one
version wins by a deterministic rule and the other is stored here, whole, with
its version vector, until someone chooses.  The chosen result is a new edit that
has seen both, so it travels onward and settles the conflict everywhere.
"""

from peewee import BigIntegerField, TextField

from models.records.base import new_uuid
from models.storage.connection import BaseModel


class Conflict(BaseModel):
    STATUSES = ("open", "resolved")

    uuid = TextField(primary_key=True, default=new_uuid)
    record_type = TextField()
    record_uuid = TextField(index=True)
    payload = TextField()  # the losing version's content, JSON
    hlc = BigIntegerField()
    device = TextField()
    vv = TextField()
    status = TextField(default="open")
    found_at = TextField(default="")
    source = TextField(default="")  # the workbook it came from, or the local edit
