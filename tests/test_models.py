"""Records round-trip, carry their identity and version, refuse broken links, and are audited."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from peewee import IntegrityError

from models.records.audit import AuditEntry, history
from models.records.base import derived_uuid
from models.records.clock import loads_vector
from models.storage.connection import database
from models.records.people import Assignment, Cadre, Household, Resident
from models.records.places import Building, Community, Grid, SubDistrict, Unit
from models.schema import SYNCED_MODELS
from models.records.work import Demand, Dispatch, ProgressNote, ReturnVisit, Visit, VisitVisitor
from models.records.people import ResponsibleUnit


def make_household(room="301"):
    sub = SubDistrict.create(name="劝业场街道")
    community = Community.create(sub_district=sub, name="华荫南里社区", hotline="022-23301234")
    grid = Grid.create(community=community, name="第1网格")
    building = Building.create(grid=grid, name="6号楼", address="益寿里6号")
    unit = Unit.create(building=building, name="1单元")
    return Household.create(grid=grid, building=building, unit=unit, room=room, address="益寿里6号楼1单元301室")


def test_whole_domain_round_trips(db):
    household = make_household()
    resident = Resident.create(household=household, name="杨景芳", relation="户主", sex="女",
                               birth_date=dt.date(1950, 3, 1), id_number="120101195003011220", phone="13812345678", tags="独居老人")
    cadre = Cadre.create(name="张俊华", role="cadre", work_unit="区住建委", phone="13900001111", grid=household.grid)
    Assignment.create(uuid=derived_uuid("assignment", cadre.uuid, household.uuid), cadre=cadre, household=household)
    visit = Visit.create(household=household, visited_on=dt.date(2026, 8, 4), topics="policy handbook", recorded_by=cadre)
    VisitVisitor.create(uuid=derived_uuid("visit_visitor", visit.uuid, cadre.uuid), visit=visit, cadre=cadre)
    demand = Demand.create(household=household, visit=visit, description="6号楼楼道灯不亮", raised_on=dt.date(2026, 8, 4),
                           state="accepted", accepted_on=dt.date(2026, 8, 4), deadline=dt.date(2026, 8, 11))
    unit = ResponsibleUnit.create(name="区住建委", hotline="022-23301234")
    Dispatch.create(demand=demand, unit=unit, contact_person="王工", dispatched_on=dt.date(2026, 8, 5))
    ProgressNote.create(demand=demand, noted_on=dt.date(2026, 8, 5), text="已安排维修")
    ReturnVisit.create(demand=demand, visited_on=dt.date(2026, 8, 12), satisfaction="satisfied")

    again = Resident.get_by_id(resident.uuid)
    assert (again.name, again.birth_date, again.id_number) == ("杨景芳", dt.date(1950, 3, 1), "120101195003011220")
    assert again.household.building.grid.community.sub_district.name == "劝业场街道"
    assert [v.cadre.name for v in Visit.get_by_id(visit.uuid).visitors] == ["张俊华"]
    assert [d.unit.name for d in Demand.get_by_id(demand.uuid).dispatches] == ["区住建委"]
    assert household.assignments.count() == 1


def test_every_synced_table_has_identity_version_and_tombstone(db):
    for model in SYNCED_MODELS:
        columns = {column.name for column in database.get_columns(model._meta.table_name)}
        assert {"uuid", "hlc", "device", "vv", "deleted"} <= columns, model


def test_each_edit_gets_a_later_version_from_this_device(db):
    household = make_household()
    first_hlc, first_vector = household.hlc, loads_vector(household.vv)
    household.phone = "13800000000"
    household.save()
    assert household.hlc > first_hlc
    assert household.device == db.device_id
    assert loads_vector(household.vv)[db.device_id] > first_vector[db.device_id]


def test_link_to_a_missing_record_is_refused_at_commit(db):
    with pytest.raises(IntegrityError):
        with database.atomic():
            Community.create(sub_district="00000000-0000-0000-0000-000000000000", name="无主社区")
    assert Community.select().count() == 0


def test_deferred_links_allow_children_before_parents_in_one_transaction(db):
    with database.atomic():
        Community.create(uuid="c1", sub_district="s1", name="先到的社区")
        SubDistrict.create(uuid="s1", name="后到的街道")
    assert Community.get_by_id("c1").sub_district.name == "后到的街道"


def test_removal_is_a_tombstone_and_lists_skip_it(db):
    household = make_household()
    household.mark_deleted()
    assert Household.select().count() == 1
    assert Household.alive().count() == 0


def test_assignment_identity_is_the_same_on_every_laptop():
    assert derived_uuid("assignment", "cadre-1", "house-1") == derived_uuid("assignment", "cadre-1", "house-1")
    assert derived_uuid("assignment", "cadre-1", "house-1") != derived_uuid("assignment", "cadre-1", "house-2")


def test_audit_log_records_who_what_and_where(db):
    db.rename(user_name="牟雪")
    household = make_household()
    household.phone = "13700001111"
    household.save()
    household.mark_deleted()
    entries = history(household)
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert json.loads(entries[1].changes)["phone"] == ["", "13700001111"]
    assert {e.user for e in entries} == {"牟雪"}
    assert {e.device for e in entries} == {db.device_id}


def test_saving_unchanged_record_writes_no_audit_entry(db):
    household = make_household()
    count = AuditEntry.select().count()
    household.save()
    assert AuditEntry.select().count() == count
