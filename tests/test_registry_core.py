"""Keeping the registry by hand: households added, edited, moved, removed; residents moved; buildings and shops."""

import datetime as dt

import pytest

from models.records.audit import history
from models.records.people import Household, Resident, Shop
from models.records.places import Building, Unit
from models.registry.editing import (
    HouseholdValues,
    RegistryRefused,
    ShopValues,
    buildings_of_grid,
    compose_address,
    move_household,
    move_resident,
    remove_building,
    remove_household,
    remove_shop,
    restore_household,
    save_building,
    save_household,
    save_shop,
    shops_of_grid,
    units_of,
)
from models.registry.search import find

from tests.places import new_grid


@pytest.fixture
def place(db):
    """A grid with building 1号楼 (units 1单元, 2单元) and a bungalow row 平房一排; a second grid elsewhere."""
    grid = new_grid("第一网格")
    other_grid = new_grid("第二网格", community=grid.community)
    block = save_building(grid, "1号楼", units=2)
    bungalows = save_building(grid, "平房一排", kind="bungalow")
    far = save_building(other_grid, "9号楼", units=1)
    units = {unit.name: unit for unit in units_of(block.uuid)}
    return dict(grid=grid, other_grid=other_grid, block=block, bungalows=bungalows, far=far, units=units)


def add(place, unit="1单元", room="301", **values):
    return save_household(HouseholdValues(place["block"].uuid, place["units"][unit].uuid, room, **values))


def test_address_is_composed_from_community_building_unit_and_room(place):
    household = add(place, phone="139 1111 2222", tags="独居老人")
    assert household.address == "海滨社区1号楼1单元301室"
    assert household.grid_id == place["grid"].uuid and household.phone == "13911112222"
    assert compose_address(place["bungalows"], None, "东3户") == "海滨社区平房一排东3户"
    assert [m.household for m in find("1单元301")] == [household.uuid]


def test_a_new_home_is_written_the_way_its_neighbours_are(place):
    unit = place["units"]["2单元"]
    Household(grid=place["grid"], building=place["block"], unit=unit, room="101", address="丁路1号楼2单元101室").save()
    Household(grid=place["grid"], building=place["block"], unit=unit, room="102室", address="丁路1号楼2单元102室").save()
    assert add(place, unit="2单元", room="201").address == "丁路1号楼2单元201室"


@pytest.mark.parametrize(
    "change, reason",
    [
        (dict(phone="12345"), "电话"),
        (dict(unit="far"), "不属于"),
        (dict(room="301"), "已登记"),
    ],
)
def test_refused_households_say_why_and_write_nothing(place, change, reason):
    add(place)
    before = Household.select().count()
    unit = place["units"]["1单元"].uuid if change.get("unit") != "far" else units_of(place["far"].uuid)[0].uuid
    values = HouseholdValues(place["block"].uuid, unit, change.get("room", "302"), phone=change.get("phone", ""))
    with pytest.raises(RegistryRefused, match=reason):
        save_household(values)
    assert Household.select().count() == before


def test_editing_keeps_the_household_and_its_history(place):
    household = add(place)
    save_household(HouseholdValues(place["block"].uuid, place["units"]["1单元"].uuid, "301", notes="低保户"), household)
    assert Household.get_by_id(household.uuid).notes == "低保户"
    assert [entry.action for entry in history(household)] == ["create", "update"]


def test_moving_a_household_to_another_building_changes_grid_and_address(place):
    household = add(place, phone="13911112222")
    target = units_of(place["far"].uuid)[0]
    move_household(household, place["far"], target, "502")
    moved = Household.get_by_id(household.uuid)
    assert (moved.grid_id, moved.building_id, moved.unit_id) == (place["other_grid"].uuid, place["far"].uuid, target.uuid)
    assert moved.address == "海滨社区9号楼1单元502室" and moved.phone == "13911112222"


def test_removing_a_household_marks_it_and_its_residents_and_restoring_brings_back_only_those(place):
    household = add(place)
    gone_before = Resident(household=household, name="早已删除", deleted=True)
    gone_before.save()
    kept = [Resident(household=household, name=name) for name in ("张三", "李四")]
    for resident in kept:
        resident.save()
    removed = remove_household(household)
    assert sorted(removed) == sorted(r.uuid for r in kept)
    assert Household.get_by_id(household.uuid).deleted
    assert all(Resident.get_by_id(r.uuid).deleted for r in kept)
    assert find("张三") == []
    restore_household(Household.get_by_id(household.uuid), removed)
    assert not Household.get_by_id(household.uuid).deleted
    assert [r.name for r in Resident.alive().where(Resident.household == household.uuid).order_by(Resident.name)] == ["张三", "李四"]
    assert Resident.get_by_id(gone_before.uuid).deleted


def test_a_head_moving_into_a_household_with_a_head_becomes_other(place):
    first, second = add(place, room="301"), add(place, room="302")
    head_one = Resident(household=first, name="张三", relation="户主")
    head_two = Resident(household=second, name="李四", relation="户主")
    head_one.save()
    head_two.save()
    move_resident(head_one, second)
    moved = Resident.get_by_id(head_one.uuid)
    assert moved.household_id == second.uuid and moved.relation == "其他"
    move_resident(moved, first, relation="户主")  # what undo does
    assert Resident.get_by_id(head_one.uuid).relation == "户主"
    with pytest.raises(RegistryRefused):
        move_resident(Resident.get_by_id(head_one.uuid), first)


def test_building_names_are_unique_in_a_grid_and_renaming_rewrites_addresses(place):
    household = add(place)
    with pytest.raises(RegistryRefused, match="已有"):
        save_building(place["grid"], "1号楼")
    save_building(place["other_grid"], "1号楼")  # another grid may have its own 1号楼
    save_building(place["grid"], "1号楼甲", units=3, building=place["block"])
    assert Household.get_by_id(household.uuid).address == "海滨社区1号楼甲1单元301室"
    assert [unit.name for unit in units_of(place["block"].uuid)] == ["1单元", "2单元", "3单元"]
    listed = {b.name: (b.household_count, b.unit_count) for b in buildings_of_grid(place["grid"].uuid)}
    assert listed == {"1号楼甲": (1, 3), "平房一排": (0, 0)}


def test_a_building_with_households_cannot_be_removed(place):
    household = add(place)
    with pytest.raises(RegistryRefused, match="1户"):
        remove_building(place["block"])
    remove_household(household)
    remove_building(place["block"])
    assert Building.get_by_id(place["block"].uuid).deleted
    assert all(unit.deleted for unit in Unit.select().where(Unit.building == place["block"].uuid))
    assert [b.name for b in buildings_of_grid(place["grid"].uuid)] == ["平房一排"]


def test_shops_are_listed_per_grid_checked_and_removed_by_mark(place):
    shop = save_shop(place["grid"], ShopValues("老王便利店", building=place["block"].uuid, owner="王五", phone="0535-1234567"))
    save_shop(place["other_grid"], ShopValues("别处的店"))
    assert shop.phone == "0535-1234567"
    assert [(s.name, s.building_name) for s in shops_of_grid(place["grid"].uuid)] == [("老王便利店", "1号楼")]
    assert [s.name for s in shops_of_grid(place["grid"].uuid, "王五")] == ["老王便利店"]
    with pytest.raises(RegistryRefused, match="不在"):
        save_shop(place["grid"], ShopValues("错楼的店", building=place["far"].uuid))
    with pytest.raises(RegistryRefused, match="名称"):
        save_shop(place["grid"], ShopValues("  "))
    remove_shop(shop)
    assert Shop.get_by_id(shop.uuid).deleted and list(shops_of_grid(place["grid"].uuid)) == []


def test_births_and_dates_survive_a_move(place):
    first, second = add(place, room="301"), add(place, room="302")
    child = Resident(household=first, name="小明", relation="子女", birth_date=dt.date(2015, 3, 1))
    child.save()
    move_resident(child, second)
    moved = Resident.get_by_id(child.uuid)
    assert moved.relation == "子女" and moved.birth_date == dt.date(2015, 3, 1)
    assert [entry.action for entry in history(child)] == ["create", "update"]
