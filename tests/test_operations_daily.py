"""The day's operations by id, as the window's worker and the command line run them: no QApplication.

A person relies on these: every action reads its records where it writes
them, says which table changed (so the window redraws the right lists), and
refuses an id that names nothing, or a move the state does not allow, with one
line and nothing changed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.operations import cadres, demands, duplicates, links, reference_lists, registry, visits
from desktop.operations.outcome import Refused
from models.registry.assignments import cadres_of
from models.work.demands import DemandRefused, DispatchTarget
from models.records.identity import make_id_number
from models.records.people import Assignment, Cadre, Household, Resident, ResponsibleUnit
from models.records.places import Building, Unit
from models.registry.editing import HouseholdValues, RegistryRefused, ShopValues
from models.work.visits import RaisedItem
from models.records.work import Demand, DemandCategory, Visit
from tests.places import new_grid

DAY = dt.date(2026, 11, 2)
ID_NUMBER = make_id_number("370602", dt.date(1950, 1, 2), 31)


@pytest.fixture
def estate(db):
    """One grid, building 1 with unit 1 and households 101, 102; cadres 王芳 and 李强."""
    grid = new_grid("第一网格")
    building = Building.create(grid=grid, name="1号楼")
    unit = Unit.create(building=building, name="1单元")
    homes = [registry.add_household(values=HouseholdValues(building.uuid, unit.uuid, room)).value for room in ("101", "102")]
    wang, li = (cadres.save_cadre(name=name, grid=grid.uuid).value for name in ("王芳", "李强"))
    return {"grid": grid.uuid, "building": building.uuid, "unit": unit.uuid, "homes": homes, "王芳": wang, "李强": li}


def linked(cadre: str) -> set[str]:
    return {a.household_id for a in Assignment.alive().where(Assignment.cadre == cadre)}


def test_households_are_linked_by_choice_or_place_unlinked_and_moved(estate):
    homes, wang, li = estate["homes"], estate["王芳"], estate["李强"]
    first = links.link_households(cadre=wang, households=homes[:1])
    assert first.value == 1 and first.changed.names() == ["assignment"]
    whole_unit = links.link_households(cadre=wang, place=("unit", estate["unit"]))
    assert whole_unit.value == 1 and linked(wang) == set(homes)
    assert not links.link_households(cadre=wang, place=("building", estate["building"])).changed  # nothing new
    assert links.move_households(households=homes[:1], from_cadre=wang, to_cadre=li).value == 1
    assert linked(wang) == {homes[1]} and linked(li) == {homes[0]}
    assert links.unlink_households(cadre=li, households=homes[:1]).changed.names() == ["assignment"]
    assert linked(li) == set()


def test_an_id_that_names_nothing_is_refused_and_nothing_changes(estate):
    homes, wang = estate["homes"], estate["王芳"]
    with pytest.raises(Refused, match="^no household with id 'gone'$"):
        links.link_households(cadre=wang, households=[homes[0], "gone"])
    with pytest.raises(Refused, match="^no cadre with id 'nobody'$"):
        visits.record_visit(household=homes[0], visitors=[wang, "nobody"], visited_on=DAY)
    with pytest.raises(Refused, match="not by 'street'"):
        links.link_households(cadre=wang, place=("street", estate["grid"]))
    with pytest.raises(Refused, match="^no demand with id"):
        demands.accept(demand="no-such-demand")
    assert linked(wang) == set() and Visit.select().count() == 0


def test_a_visit_is_written_with_what_was_raised(estate):
    home, wang, li = estate["homes"][0], estate["王芳"], estate["李强"]
    category = DemandCategory.create(name="照明", deadline_days=7)
    outcome = visits.record_visit(
        household=home, visitors=[li, wang], visited_on=DAY, talked_to="户主", topics=["policy"],
        raised=[RaisedItem("楼道灯不亮", category=category), RaisedItem("多种树", kind="suggestion", solved_on_spot=True)],
    )
    visit = Visit.get_by_id(outcome.value)
    assert outcome.changed.names() == ["visit"]  # "visit" stands for what was raised in it too
    assert visit.recorded_by_id == li and visit.household_id == home
    assert sorted((d.description, d.state) for d in Demand.select()) == [("多种树", "closed"), ("楼道灯不亮", "pending")]


def test_a_demand_moves_alone_or_with_its_group(estate):
    home, wang = estate["homes"][0], estate["王芳"]
    lamp = demands.raise_demand(household=home, description="楼道灯不亮", recorded_by=wang, raised_on=DAY).value
    tree = demands.raise_demand(household=home, description="树枝挡窗", raised_on=DAY).value
    group = demands.group_demands(name="一类事", demands=[lamp.uuid, tree.uuid])
    assert group.changed.names() == ["demand_group"]
    demands.reject(demand=tree.uuid, reason="不属于本社区")
    moved = demands.accept(demand=lamp.uuid, whole_group=True, on=DAY)
    assert moved.changed.names() == ["demand"]
    assert [d.uuid for d in moved.value.moved] == [lamp.uuid] and [d.uuid for d, _ in moved.value.skipped] == [tree.uuid]
    unit = ResponsibleUnit.create(name="供电公司", contact_person="赵工")
    demands.dispatch(demand=lamp.uuid, targets=[DispatchTarget(unit)], on=DAY)
    demands.add_note(demand=lamp.uuid, text="已更换灯泡", author="牟雪", on=DAY)
    demands.close(demand=lamp.uuid, on=DAY)
    demands.record_return_visit(demand=lamp.uuid, satisfaction="dissatisfied", on=DAY)
    assert Demand.get_by_id(lamp.uuid).state == "in_progress"  # 不满意 reopens it
    with pytest.raises(DemandRefused):
        demands.start_work(demand=tree.uuid)  # a rejected demand cannot start
    demands.reopen(demand=tree.uuid, reason="复核后受理", author="牟雪")
    assert Demand.get_by_id(tree.uuid).state == "pending"


def test_a_group_closes_with_one_outcome_and_only_its_disputes_take_the_mediation(estate):
    home, wang = estate["homes"][0], estate["王芳"]
    dispute = DemandCategory.create(name="邻里纠纷", deadline_days=7, family="dispute")
    quarrel = demands.raise_demand(household=home, description="楼上漏水起争执", category=dispute.uuid,
                                   source="hotline", raised_on=DAY).value
    assert quarrel.source == "hotline"
    lamp = demands.raise_demand(household=home, description="楼道灯不亮", raised_on=DAY).value
    demands.group_demands(name="3号楼", demands=[quarrel.uuid, lamp.uuid])
    demands.accept(demand=lamp.uuid, whole_group=True, on=DAY)
    demands.close(demand=lamp.uuid, whole_group=True, outcome="solved", mediation="succeeded", on=DAY)
    closed = {d.description: (d.state, d.outcome, d.mediation) for d in Demand.select()}
    assert closed == {"楼上漏水起争执": ("closed", "solved", "succeeded"), "楼道灯不亮": ("closed", "solved", None)}
    demands.reopen(demand=lamp.uuid, on=DAY)
    with pytest.raises(DemandRefused, match="the reason"):
        demands.close(demand=lamp.uuid, outcome="unsolvable", on=DAY)
    assert Demand.get_by_id(lamp.uuid).state == "in_progress"
    shop = registry.save_shop(grid=estate["grid"], values=ShopValues("便利店")).value
    from_shop = demands.raise_demand(shop=shop, description="门前积水", source="walk_in", recorded_by=wang).value
    assert (from_shop.shop_id, from_shop.household_id) == (shop, None)
    with pytest.raises(DemandRefused, match="one household or one shop"):
        demands.raise_demand(description="谁提的？")


def test_the_registry_by_hand_and_the_undo_of_each_step(estate):
    homes = estate["homes"]
    values = HouseholdValues(estate["building"], estate["unit"], "201", phone="13911112222")
    added = registry.add_household(values=values)
    assert added.changed.names() == ["household"]
    assert Household.get_by_id(added.value).address.endswith("201室")
    with pytest.raises(RegistryRefused, match="已登记了一户"):
        registry.add_household(values=values)
    registry.withdraw_household(household=added.value)
    assert Household.get_by_id(added.value).deleted
    head = registry.add_resident(household=homes[0], name="王建国")
    assert head.changed.names() == ["resident"]
    registry.edit_resident(resident=head.value, field="phone", value="13800000001")
    with pytest.raises(Refused, match="not edited by hand"):
        registry.edit_resident(resident=head.value, field="id_number", value=ID_NUMBER)
    registry.move_resident(resident=head.value, household=homes[1])
    assert Resident.get_by_id(head.value).household_id == homes[1]
    taken = registry.remove_household(household=homes[1]).value
    assert taken == [head.value] and Resident.get_by_id(head.value).deleted
    registry.restore_household(household=homes[1], residents=taken)
    assert not Resident.get_by_id(head.value).deleted and not Household.get_by_id(homes[1]).deleted
    building = registry.save_building(grid=estate["grid"], name="2号楼", units=2)
    assert building.changed.names() == ["building"]
    assert Unit.alive().where(Unit.building == building.value).count() == 2
    shop = registry.save_shop(grid=estate["grid"], values=ShopValues("便利店", building=building.value))
    assert shop.changed.names() == ["shop"]
    with pytest.raises(RegistryRefused, match="商铺"):
        registry.remove_building(uuid=building.value)  # a shop is still in it


def test_office_lists_are_kept_by_id(estate):
    saved = cadres.save_cadre(uuid=estate["王芳"], name="王芳芳", phone="139 1111 2222", grid=estate["grid"])
    assert saved.changed.names() == ["cadre"] and Cadre.get_by_id(saved.value).phone == "13911112222"
    reference_lists.ensure_lists()
    assert not reference_lists.ensure_lists().changed  # made once
    category = reference_lists.save_category(name="屋面防水", deadline_days=15)
    assert category.changed.names() == ["demand_category"]
    unit = reference_lists.save_unit(name="排水管理所", contact_phone="13900000009", contact_phone_public=True)
    assert ResponsibleUnit.get_by_id(unit.value).contact_phone_public
    reference_lists.remove_unit(uuid=unit.value)
    reference_lists.remove_category(uuid=category.value)
    assert ResponsibleUnit.get_by_id(unit.value).deleted and DemandCategory.get_by_id(category.value).deleted
    cadres.remove_cadre(uuid=estate["李强"])
    assert Cadre.get_by_id(estate["李强"]).deleted


def test_duplicates_are_found_with_masked_labels_and_merged(estate):
    homes = estate["homes"]
    keep = Resident.create(household=homes[0], name="王秀英", id_number=ID_NUMBER)
    other = Resident.create(household=homes[1], name="王秀英", id_number=ID_NUMBER, phone="13911112222")
    links.link_households(cadre=estate["王芳"], households=[homes[1]])
    (found,) = duplicates.find_duplicates().value
    assert found.pair.kind == "resident" and {found.pair.keep, found.pair.other} == {keep.uuid, other.uuid}
    assert ID_NUMBER not in found.keep.text and ID_NUMBER[-4:] in found.keep.text  # masked, yet recognisable
    merged = duplicates.merge_pair(kind="resident", keep=keep.uuid, other=other.uuid)
    assert merged.changed.names() == ["resident"]
    assert Resident.get_by_id(other.uuid).deleted and Resident.get_by_id(keep.uuid).phone == "13911112222"
    with pytest.raises(Refused, match="households or residents"):
        duplicates.merge_pair(kind="shop", keep=keep.uuid, other=other.uuid)
    both = duplicates.merge_pair(kind="household", keep=homes[0], other=homes[1])
    assert both.changed.names() == ["*"]
    assert [c.name for c in cadres_of(Household.get_by_id(homes[0]))] == ["王芳"]  # the link came along
