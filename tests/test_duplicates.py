"""Likely duplicates found by ID number, name and birth date, and address; merges that keep both histories."""

import datetime as dt

import pytest

from models.registry.assignments import cadres_of, link
from models.records.audit import history
from models.registry.duplicates import (
    MergeRefused,
    find_duplicates,
    household_duplicates,
    merge_households,
    merge_residents,
    resident_duplicates,
)
from models.records.identity import make_id_number
from models.records.people import Assignment, Cadre, Household, Resident
from models.records.places import Building
from models.progress import Cancelled, Progress
from models.work.visits import household_demands, household_visits, record_visit
from models.records.work import Demand, Visit

from tests.places import new_grid

BIRTH = dt.date(1950, 6, 1)
ID_ONE = make_id_number("370602", BIRTH, 13)
ID_TWO = make_id_number("370602", BIRTH, 15)


@pytest.fixture
def building(db):
    grid = new_grid("第一网格")
    building = Building(grid=grid, name="1号楼")
    building.save()
    return building


def household(building, address, **values):
    record = Household(grid=building.grid_id, building=building, address=address, **values)
    record.save()
    return record


def resident(home, name, **values):
    record = Resident(household=home, name=name, **values)
    record.save()
    return record


def pairs_of(pairs):
    return {(pair.kind, pair.reason, pair.keep, pair.other) for pair in pairs}


def test_same_id_number_pairs_the_fuller_record_first(building):
    home = household(building, "1号楼101")
    bare = resident(home, "王秀英", id_number=ID_ONE)
    full = resident(home, "王秀英", id_number=ID_ONE, phone="13911112222", birth_date=BIRTH)
    resident(home, "李四", id_number=ID_TWO)
    assert pairs_of(resident_duplicates()) == {("resident", "id_number", full.uuid, bare.uuid)}


def test_same_name_and_birth_pairs_only_when_an_id_number_is_missing(building):
    home, elsewhere = household(building, "1号楼101"), household(building, "1号楼102")
    with_id = resident(home, "王伟", birth_date=BIRTH, id_number=ID_ONE)
    resident(home, "王伟", birth_date=BIRTH, id_number=ID_TWO)  # a different valid ID: another man, never paired
    assert resident_duplicates() == []
    without_id = resident(elsewhere, "王伟", birth_date=BIRTH)
    resident(elsewhere, "王伟", birth_date=dt.date(1951, 1, 1))
    found = pairs_of(resident_duplicates())
    assert {pair[3] for pair in found} == {without_id.uuid}  # the one without an ID may be either man
    assert len(found) == 2 and with_id.uuid in {pair[2] for pair in found}


def test_people_without_id_numbers_pair_with_the_first_of_them(building):
    home = household(building, "1号楼101")
    first, second = resident(home, "刘芳", birth_date=BIRTH), resident(home, "刘芳", birth_date=BIRTH)
    ((kind, reason, keep, other),) = pairs_of(resident_duplicates())
    assert reason == "name_birth" and {keep, other} == {first.uuid, second.uuid}


def test_deleted_records_are_never_listed(building):
    home = household(building, "1号楼101")
    resident(home, "王秀英", id_number=ID_ONE)
    resident(home, "王秀英", id_number=ID_ONE, deleted=True)
    household(building, "1号楼101", deleted=True)
    assert find_duplicates() == []


def test_households_at_the_same_address_keep_the_one_with_more_residents(building):
    empty, lived_in = household(building, "1号楼101"), household(building, "1号楼101")
    resident(lived_in, "张三")
    household(building, "1号楼102")
    household(building, "")
    household(building, "")  # no address is not the same address
    assert pairs_of(household_duplicates()) == {("household", "address", lived_in.uuid, empty.uuid)}


def test_merging_residents_fills_what_the_kept_one_lacked_and_marks_the_other(building):
    home = household(building, "1号楼101")
    keep = resident(home, "王秀英", id_number=ID_ONE, tags="独居老人")
    other = resident(home, "王秀英", birth_date=BIRTH, phone="13911112222", tags="低保 独居老人", notes="腿脚不便")
    merge_residents(keep, other)
    kept, gone = Resident.get_by_id(keep.uuid), Resident.get_by_id(other.uuid)
    assert (kept.birth_date, kept.phone, kept.id_number) == (BIRTH, "13911112222", ID_ONE)
    assert kept.tags == "独居老人 低保" and "腿脚不便" in kept.notes
    assert gone.deleted and "已合并到：王秀英（1号楼101）" in gone.notes
    assert [entry.action for entry in history(gone)] == ["create", "delete"]
    merge_note = history(keep)[-1]
    assert merge_note.action == "update" and "已合并重复记录" in merge_note.changes
    assert resident_duplicates() == []


@pytest.mark.parametrize(
    "other_values",
    [dict(id_number=ID_TWO), dict(birth_date=dt.date(1960, 1, 1))],
)
def test_two_people_are_never_merged(building, other_values):
    home = household(building, "1号楼101")
    keep = resident(home, "王伟", id_number=ID_ONE, birth_date=BIRTH)
    other = resident(home, "王伟", **other_values)
    with pytest.raises(MergeRefused, match="两个人"):
        merge_residents(keep, other)
    assert not Resident.get_by_id(other.uuid).deleted and Resident.get_by_id(keep.uuid).notes == ""


@pytest.fixture
def two_households(building):
    """The same home typed twice: both list 张三 (one with an ID); the second has more people, a visit, a demand, a cadre."""
    keep, other = household(building, "1号楼101", phone=""), household(building, "1号楼101", phone="13900001111")
    resident(keep, "张三", relation="户主")
    twin = resident(other, "张三", relation="户主", id_number=ID_ONE)
    spouse = resident(other, "李梅", relation="配偶")
    cadre = Cadre(name="牟雪")
    cadre.save()
    link(cadre, other, since=dt.date(2026, 3, 1))
    visit = record_visit(other, [cadre], visited_on=dt.date(2026, 5, 2), talked_to="李梅")
    demand = Demand(household=other, description="楼道灯坏了", raised_on=dt.date(2026, 5, 2))
    demand.save()
    return dict(keep=keep, other=other, twin=twin, spouse=spouse, cadre=cadre, visit=visit, demand=demand)


def test_merging_households_moves_every_child_and_merges_the_person_typed_twice(two_households):
    h = two_households
    outcome = merge_households(h["keep"], h["other"])
    assert (outcome.residents_moved, outcome.residents_merged, outcome.visits, outcome.demands, outcome.links) == (1, 1, 1, 1, 1)
    keep = Household.get_by_id(h["keep"].uuid)
    living = {r.name: r for r in Resident.alive().where(Resident.household == keep.uuid)}
    assert set(living) == {"张三", "李梅"} and living["张三"].id_number == ID_ONE
    assert living["李梅"].relation == "配偶"
    assert [v.uuid for v in household_visits(keep)] == [h["visit"].uuid]
    assert [d.uuid for d in household_demands(keep)] == [h["demand"].uuid]
    assert [c.name for c in cadres_of(keep)] == ["牟雪"]
    assert keep.phone == "13900001111"
    other = Household.get_by_id(h["other"].uuid)
    assert other.deleted and "已合并到" in other.notes
    old_link = Assignment.get(Assignment.household == other.uuid)
    assert old_link.deleted  # the link moved as a new pair, the old one is marked
    assert Resident.get_by_id(h["twin"].uuid).deleted
    moved = history(Resident.get_by_id(h["spouse"].uuid))[-1]  # each re-pointing is an audited edit
    assert moved.action == "update" and "household_id" in moved.changes
    assert "household_id" in history(Visit.get_by_id(h["visit"].uuid))[-1].changes
    assert find_duplicates() == []


def test_a_second_head_joining_becomes_other(two_households):
    h = two_households
    h["twin"].name = "张三丰"  # not the same person any more
    h["twin"].save()
    merge_households(h["keep"], h["other"])
    heads = Resident.alive().where((Resident.household == h["keep"].uuid) & (Resident.relation == "户主"))
    assert [r.name for r in heads] == ["张三"]


def test_a_cancelled_merge_changes_nothing(two_households):
    h = two_households
    progress = Progress()
    progress.cancel()
    before = [(r.uuid, r.household_id, r.deleted) for r in Resident.select().order_by(Resident.uuid)]
    with pytest.raises(Cancelled):
        merge_households(h["keep"], h["other"], progress)
    assert [(r.uuid, r.household_id, r.deleted) for r in Resident.select().order_by(Resident.uuid)] == before
    assert not Household.get_by_id(h["other"].uuid).deleted
    assert Visit.get_by_id(h["visit"].uuid).household_id == h["other"].uuid


def test_a_household_cannot_merge_with_itself_or_a_removed_one(two_households):
    h = two_households
    with pytest.raises(MergeRefused):
        merge_households(h["keep"], h["keep"])
    h["other"].mark_deleted()
    with pytest.raises(MergeRefused, match="已被删除"):
        merge_households(h["keep"], Household.get_by_id(h["other"].uuid))
