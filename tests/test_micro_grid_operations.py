"""Putting households in micro-grids by building or unit, as the window does: all or nothing, one grid only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.operations.micro_grids import (MicroGridRefused, MicroGridValues, assign_micro_grid, remove_micro_grid,
                                            save_micro_grid)
from models.records.people import Cadre, Household, MicroGrid
from models.records.places import Building, Community, Grid, SubDistrict, Unit
from models.registry.editing import RegistryRefused
from models.registry.micro_grids import micro_grid_of, micro_grids_of


@pytest.fixture
def grids(db):
    community = Community.create(sub_district=SubDistrict.create(name="海滨街道"), name="海滨社区")
    first, second = Grid.create(community=community, name="一网格"), Grid.create(community=community, name="二网格")
    places = {}
    for grid, names in ((first, ("1号楼", "2号楼")), (second, ("9号楼",))):
        for name in names:
            building = Building.create(grid=grid, name=name)
            for unit_name in ("1单元", "2单元"):
                unit = Unit.create(building=building, name=unit_name)
                places[(name, unit_name)] = unit
                for room in ("101", "102"):
                    Household.create(grid=grid, building=building, unit=unit, room=room,
                                     address=f"{name}{unit_name}{room}")
            places[name] = building
    return first, second, places


def test_buildings_and_units_go_into_a_new_micro_grid_in_one_step(grids):
    first, _, places = grids
    cadre = Cadre.create(name="李红", phone="13900001234")
    outcome = assign_micro_grid(places=[("building", places["1号楼"].uuid), ("unit", places[("2号楼", "1单元")].uuid)],
                                new=MicroGridValues("东片", leader_cadre=cadre.uuid), grid=first.uuid)
    assert outcome.value == 6 and {"micro_grid", "household"} <= outcome.changed.tables
    [row] = micro_grids_of(first.uuid)
    assert (row.name, row.leader, row.leader_phone, row.households, row.cadre) == ("东片", "李红", "13900001234", 6, "李红")
    assert micro_grid_of(Household.get(Household.address == "2号楼2单元101").uuid) is None
    again = assign_micro_grid(places=[("building", places["1号楼"].uuid)], micro_grid=row.uuid)
    assert again.value == 0 and not again.changed  # already there


def test_an_existing_micro_grid_takes_households_from_another(grids):
    first, _, places = grids
    east = save_micro_grid(grid=first.uuid, values=MicroGridValues("东片", "王大爷", "138 0000 1111")).value
    west = save_micro_grid(grid=first.uuid, values=MicroGridValues("西片")).value
    assert MicroGrid.get_by_id(east).leader_phone == "13800001111"
    assign_micro_grid(places=[("building", places["1号楼"].uuid)], micro_grid=east)
    moved = assign_micro_grid(places=[("unit", places[("1号楼", "2单元")].uuid)], micro_grid=west)
    assert moved.value == 2
    assert {row.name: row.households for row in micro_grids_of(first.uuid)} == {"东片": 2, "西片": 2}
    assert remove_micro_grid(uuid=west).value == 2
    assert [row.name for row in micro_grids_of(first.uuid)] == ["东片"]
    assert Household.select().where(Household.micro_grid.is_null(False)).count() == 2


def test_a_place_of_another_grid_refuses_everything(grids):
    first, _, places = grids
    with pytest.raises(MicroGridRefused, match="不在微网格“东片”所在的网格"):
        assign_micro_grid(places=[("building", places["1号楼"].uuid), ("building", places["9号楼"].uuid)],
                          new=MicroGridValues("东片"), grid=first.uuid)
    assert MicroGrid.select().count() == 0 and Household.select().where(Household.micro_grid.is_null(False)).count() == 0


def test_bad_names_and_phones_are_refused(grids):
    first, _, _ = grids
    save_micro_grid(grid=first.uuid, values=MicroGridValues("东片"))
    with pytest.raises(MicroGridRefused, match="已有微网格“东片”"):
        save_micro_grid(grid=first.uuid, values=MicroGridValues(" 东片 "))
    with pytest.raises(MicroGridRefused, match="名称不能为空"):
        save_micro_grid(grid=first.uuid, values=MicroGridValues("  "))
    with pytest.raises(RegistryRefused, match="微网格长电话：“12345”不是手机或座机号码"):
        save_micro_grid(grid=first.uuid, values=MicroGridValues("西片", "王", "12345"))
    assert MicroGrid.select().count() == 1


def test_the_household_form_puts_one_household_in_a_micro_grid_of_its_grid_only(grids):
    from desktop.operations.registry import edit_household
    from models.registry.editing import KEEP_MICRO_GRID, HouseholdValues

    first, second, places = grids
    east = save_micro_grid(grid=first.uuid, values=MicroGridValues("东片")).value
    north = save_micro_grid(grid=second.uuid, values=MicroGridValues("北片")).value
    household = Household.get(Household.address == "1号楼1单元101")
    values = HouseholdValues.of(household)
    edit_household(household=household.uuid, values=replace(values, micro_grid=east))
    assert Household.get_by_id(household.uuid).micro_grid_id == east
    with pytest.raises(RegistryRefused, match="北片"):  # a micro-grid of another grid
        edit_household(household=household.uuid, values=replace(values, micro_grid=north))
    assert Household.get_by_id(household.uuid).micro_grid_id == east
    kept = HouseholdValues(values.building, values.unit, values.room, phone="13800001111")  # a form without the field
    assert kept.micro_grid == KEEP_MICRO_GRID
    edit_household(household=household.uuid, values=kept)
    assert Household.get_by_id(household.uuid).micro_grid_id == east
    moved = HouseholdValues(places["9号楼"].uuid, places[("9号楼", "1单元")].uuid, "501")  # to the other grid
    edit_household(household=household.uuid, values=moved)
    assert Household.get_by_id(household.uuid).micro_grid_id is None  # its micro-grid stayed behind
    edit_household(household=household.uuid,
                   values=replace(HouseholdValues.of(Household.get_by_id(household.uuid)), micro_grid=north))
    assert micro_grid_of(household.uuid).name == "北片"
    edit_household(household=household.uuid,
                   values=replace(HouseholdValues.of(Household.get_by_id(household.uuid)), micro_grid=None))
    assert micro_grid_of(household.uuid) is None
