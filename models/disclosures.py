"""Who saw what: every time full ID numbers or phones were shown or printed, by whom, when, of which records.

Lists, prints and reports mask ID numbers and phones; a person may ask for
them whole (`lianxin print --show-id-numbers/--show-phones`, the printing
section's boxes, `lianxin find --unmasked`).  Each such request is written
here, with the records it showed (the households of a print, the residents a
search found), so a record's history says who saw its numbers whole and when.

Local bookkeeping, like `merged_file`: it does not travel in exchange
workbooks (older laptops would refuse an audit action they do not know), and
it holds no ID number or phone itself, only which records were shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from peewee import AutoField, ForeignKeyField, IntegerField, TextField, chunked

from models.storage.connection import BaseModel, database

SHOWN = ("id_numbers", "phones")
CHANNELS = ("print", "find", "screen")


class Disclosure(BaseModel):
    id = AutoField()
    at_wall = TextField()
    user = TextField(default="")
    shown = TextField()  # "id_numbers", "phones" or both, space-separated
    channel = TextField()  # "print", "find" or "screen"
    what = TextField(default="")  # the print (document and scope) or the search, in words
    record_count = IntegerField(default=0)


class DisclosedRecord(BaseModel):
    disclosure = ForeignKeyField(Disclosure, column_name="disclosure_id", on_delete="CASCADE")
    record_uuid = TextField(index=True)

    class Meta:
        primary_key = False


def record_disclosure(*, shown: Iterable[str], channel: str, what: str, user: str,
                      records: Iterable[str] = (), household_ids=None) -> Disclosure:
    """Write one disclosure: `records` (uuids) and/or the households of `household_ids` (a query of uuids)."""
    shown = [kind for kind in SHOWN if kind in set(shown)]
    if not shown or channel not in CHANNELS:
        raise ValueError(f"nothing to record: shown={shown!r}, channel={channel!r}")
    with database.atomic():
        entry = Disclosure.create(at_wall=dt.datetime.now().isoformat(timespec="seconds"), user=user,
                                  shown=" ".join(shown), channel=channel, what=what)
        uuids = list(dict.fromkeys(records))
        for batch in chunked(uuids, 500):
            DisclosedRecord.insert_many([(entry.id, uuid) for uuid in batch],
                                        fields=[DisclosedRecord.disclosure, DisclosedRecord.record_uuid]).execute()
        count = len(uuids)
        if household_ids is not None:
            count += _insert_households(entry.id, household_ids)
        entry.record_count = count
        entry.save()
    return entry


def _insert_households(disclosure_id: int, household_ids) -> int:
    sql, params = household_ids.sql()
    cursor = database.execute_sql(
        f'INSERT INTO "disclosed_record" (disclosure_id, record_uuid) SELECT ?, uuid FROM ({sql})',
        [disclosure_id, *params])
    return cursor.rowcount


def disclosures_of(uuids: Iterable[str]) -> list[Disclosure]:
    """The disclosures that showed any of `uuids` whole, oldest first."""
    uuids = list(uuids)
    if not uuids:
        return []
    ids = DisclosedRecord.select(DisclosedRecord.disclosure).where(DisclosedRecord.record_uuid.in_(uuids))
    return list(Disclosure.select().where(Disclosure.id.in_(ids)).order_by(Disclosure.at_wall, Disclosure.id))


def recent_disclosures(limit: int = 100) -> list[Disclosure]:
    """The latest disclosures, newest first."""
    return list(Disclosure.select().order_by(Disclosure.at_wall.desc(), Disclosure.id.desc()).limit(limit))
