"""A record's history as a person asks for it: the record with its parts, their audit entries, and names for ids.

"The history of this household" means its residents and links too, "of this
demand" its dispatches, notes and return visits.  Audit entries store column
names and raw values (`models.records.audit`); the window puts them into words, and
these queries give it the names behind the ids they hold.
"""

from __future__ import annotations

from peewee import ForeignKeyField

from models.records.audit import AuditEntry
from models.records.base import SyncedModel
from models.records.people import Assignment, Cadre, Resident
from models.schema import MODEL_BY_TABLE
from models.records.work import Dispatch, ProgressNote, ReturnVisit


def related_records(record: SyncedModel) -> list[SyncedModel]:
    """The record and what a person thinks of as part of it (a household's residents, a demand's dispatches)."""
    table = record._meta.table_name
    records: list[SyncedModel] = [record]
    if table == "household":
        records += list(Resident.select().where(Resident.household == record.uuid))
        records += list(Assignment.select().where(Assignment.household == record.uuid))
    elif table == "demand":
        for model in (Dispatch, ProgressNote, ReturnVisit):
            records += list(model.select().where(model.demand == record.uuid))
    return records


def audit_entries(records: list[SyncedModel]) -> list[AuditEntry]:
    """Every change to `records`, oldest first."""
    uuids = [record.uuid for record in records]
    return list(AuditEntry.select().where(AuditEntry.record_uuid.in_(uuids)).order_by(AuditEntry.at_hlc, AuditEntry.hlc))


def referenced_name(table: str, column: str, uuid: str) -> str | None:
    """The name (or address) of the record a foreign key column of `table` points at; None if it is no such column."""
    model = MODEL_BY_TABLE.get(table)
    field = next((f for f in model._meta.sorted_fields if f.column_name == column), None) if model else None
    if not isinstance(field, ForeignKeyField):
        return None
    target = field.rel_model.get_or_none(field.rel_model.uuid == uuid)
    if target is None:
        return None
    return getattr(target, "name", None) or getattr(target, "address", None) or None


def record_name(table: str, uuid: str) -> str | None:
    """Who a resident or a link is about (the resident's name, the linked cadre's name); None for other records."""
    if table == "resident":
        resident = Resident.get_or_none(Resident.uuid == uuid)
        return resident.name if resident else None
    if table == "assignment":
        assignment = Assignment.get_or_none(Assignment.uuid == uuid)
        cadre = Cadre.get_or_none(Cadre.uuid == assignment.cadre_id) if assignment else None
        return cadre.name if cadre else None
    return None
