"""Two people saving one record at once: the later save over a version it did not see is refused, on both stores."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing

import pytest

from desktop.operations.records import saved_over
from desktop.operations.registry import edit_household
from models.database import close_database, database_path, open_database
from models.records.audit import AuditEntry
from models.records.people import Household
from models.records.versions import ChangedMeanwhile, seen_version
from models.registry.editing import HouseholdValues, save_household
from tests.places import new_building, new_grid

pytestmark = pytest.mark.both_databases


def a_household() -> Household:
    building = new_building(new_grid())
    return save_household(HouseholdValues(building=building.uuid, room="301", notes="开门时的"))


def with_notes(household_uuid: str, notes: str) -> HouseholdValues:
    return dataclasses.replace(HouseholdValues.of(Household.get_by_id(household_uuid)), notes=notes)


def test_a_save_over_a_version_someone_else_replaced_is_refused_and_writes_nothing(db):
    db.rename(user_name="牟雪")
    uuid = a_household().uuid
    mine = seen_version(Household, uuid)  # my form opens
    theirs = seen_version(Household, uuid)  # theirs too
    edit_household(household=uuid, values=with_notes(uuid, "他们的"))  # they save first (no form: no check)
    entries = AuditEntry.select().count()
    with pytest.raises(ChangedMeanwhile) as refused:
        saved_over(lambda progress=None: edit_household(household=uuid, values=with_notes(uuid, "我的")),
                   record=uuid, seen=mine)()
    assert refused.value.who.startswith("牟雪") and refused.value.when[:4].isdigit()
    assert "changed meanwhile" in str(refused.value)
    assert Household.get_by_id(uuid).notes == "他们的" and AuditEntry.select().count() == entries
    assert theirs == mine


def test_keep_mine_overwrites_and_the_history_shows_whose_values_it_replaced(db):
    uuid = a_household().uuid
    mine = seen_version(Household, uuid)
    edit_household(household=uuid, values=with_notes(uuid, "他们的"))
    with pytest.raises(ChangedMeanwhile):
        saved_over(lambda progress=None: edit_household(household=uuid, values=with_notes(uuid, "我的")),
                   record=uuid, seen=mine)()
    saved_over(lambda progress=None: edit_household(household=uuid, values=with_notes(uuid, "我的")),
               record=uuid, seen=None)()  # "keep mine"
    assert Household.get_by_id(uuid).notes == "我的"
    last = AuditEntry.select().where(AuditEntry.record_uuid == uuid).order_by(AuditEntry.at_hlc.desc()).first()
    assert json.loads(last.changes)["notes"] == ["他们的", "我的"]


def test_a_record_nobody_else_saved_saves_over_the_version_its_form_showed(db):
    uuid = a_household().uuid
    seen = seen_version(Household, uuid)
    saved_over(lambda progress=None: edit_household(household=uuid, values=with_notes(uuid, "我的")),
               record=uuid, seen=seen)()
    assert Household.get_by_id(uuid).notes == "我的"
    assert seen_version(Household, uuid) != seen  # the next form sees the new version


def _save_from_another_process(location, uuid: str, seen: str, notes: str, start, results) -> None:
    """A second workstation: open the database, wait for the other, save over the version both forms showed."""
    open_database(location)
    try:
        values = with_notes(uuid, notes)
        start.wait(timeout=60)
        try:
            saved_over(lambda progress=None: edit_household(household=uuid, values=values), record=uuid, seen=seen)()
            results.put(("saved", notes))
        except ChangedMeanwhile as refused:
            results.put(("refused", refused.record_type))
    finally:
        close_database()


def test_two_workstations_saving_at_once_one_wins_and_the_other_is_told(db):
    uuid = a_household().uuid
    seen = seen_version(Household, uuid)
    location = database_path()
    close_database()
    spawn = multiprocessing.get_context("spawn")
    start, results = spawn.Barrier(2), spawn.Queue()
    workers = [spawn.Process(target=_save_from_another_process, args=(location, uuid, seen, notes, start, results))
               for notes in ("一号工作站", "二号工作站")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    outcomes = sorted(results.get(timeout=10) for _ in workers)
    open_database(location)
    assert [outcome[0] for outcome in outcomes] == ["refused", "saved"]
    assert outcomes[0][1] == "household"
    assert Household.get_by_id(uuid).notes == outcomes[1][1]  # the winner's, not overwritten by the other
