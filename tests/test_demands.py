"""Demands followed to the end: states, deadlines, dispatch, notes, return visits, groups, lists."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.records.audit import history
from models.records.base import derived_uuid
from models.scope import Scope
from models.database import close_database, open_database
from models.work.demands import (
    DemandFilter,
    DemandRefused,
    DispatchTarget,
    accept,
    add_progress_note,
    close,
    count_demands,
    create_group,
    demand_list,
    dispatch,
    is_overdue,
    move_group,
    raise_demand,
    record_return_visit,
    reject,
    reopen,
    start,
)
from models.records.people import Household, ResponsibleUnit
from models.records.places import Building, Community, Grid, SubDistrict
from models.work.reference_lists import categories, responsible_units, save_category
from models.records.work import Demand, Dispatch, ProgressNote, ReturnVisit

DAY = dt.date(2025, 3, 3)


def days(n):
    return DAY + dt.timedelta(days=n)


@pytest.fixture
def db(tmp_path):
    installation = open_database(tmp_path / "demands.db")
    installation.rename(user_name="牟雪")
    yield installation
    close_database()


@pytest.fixture
def homes(db):
    sub_district = SubDistrict(name="南长山街道")
    sub_district.save()
    community = Community(sub_district=sub_district, name="海滨社区")
    community.save()
    found = {}
    for grid_name in ("一网格", "二网格"):
        grid = Grid(community=community, name=grid_name)
        grid.save()
        building = Building(grid=grid, name="1号楼")
        building.save()
        for room in ("101", "102"):
            household = Household(grid=grid, building=building, room=room, address=f"{grid_name}1号楼{room}")
            household.save()
            found[household.address] = household
        found[grid_name] = grid
    return found


@pytest.fixture
def home(homes):
    return homes["一网格1号楼101"]


def reloaded(demand):
    return Demand.get_by_id(demand.uuid)


def unit_named(name):
    return next(unit for unit in responsible_units() if unit.name == name)


def test_accepting_starts_a_deadline_of_seven_days_or_the_categorys(home):
    plain = accept(raise_demand(home, "楼道灯不亮", raised_on=DAY), on=days(1))
    assert (plain.state, plain.accepted_on, plain.deadline) == ("accepted", days(1), days(8))
    roofs = save_category("屋面防水", deadline_days=30)
    roof = accept(raise_demand(home, "屋顶漏雨", category=roofs, raised_on=DAY), on=DAY)
    assert reloaded(roof).deadline == days(30)


def test_the_whole_road_of_a_demand(home):
    demand = raise_demand(home, "下水道堵塞", raised_by="户主", raised_on=DAY)
    assert demand.state == "pending" and demand.deadline is None
    accept(demand, on=days(1))
    start(demand)
    close(demand, on=days(3))
    stored = reloaded(demand)
    assert (stored.state, stored.closed_on) == ("closed", days(3))
    states = [entry.changes for entry in history(stored)]
    assert len(states) == 4  # raised, accepted, started, closed: each change audited


@pytest.mark.parametrize(
    ("setup", "move", "message"),
    [
        ([], lambda d: close(d, DAY), "cannot close a demand that is pending"),
        ([], lambda d: start(d), "cannot start work on a demand that is pending"),
        ([lambda d: accept(d, DAY)], lambda d: accept(d, DAY), "cannot accept a demand that is accepted"),
        ([lambda d: accept(d, DAY)], lambda d: reject(d, "不归社区管"), "cannot reject a demand that is accepted"),
        ([], lambda d: reopen(d, DAY), "cannot reopen a demand that is pending"),
        ([], lambda d: record_return_visit(d, "satisfied", on=DAY), "cannot call back on a demand that is pending"),
        ([], lambda d: accept(d, days(-1)), "before the day it was raised"),
        ([lambda d: accept(d, days(2))], lambda d: close(d, days(1)), "before its acceptance"),
    ],
)
def test_moves_that_do_not_fit_are_refused_and_change_nothing(home, setup, move, message):
    demand = raise_demand(home, "路面破损", raised_on=DAY)
    for step in setup:
        step(demand)
    before = reloaded(demand).content()
    with pytest.raises(DemandRefused, match=message):
        move(reloaded(demand))
    assert reloaded(demand).content() == before


def test_rejection_needs_a_reason_and_can_be_reopened(home):
    demand = raise_demand(home, "要求安装电梯", raised_on=DAY)
    with pytest.raises(DemandRefused, match="reason"):
        reject(demand, "  ")
    reject(demand, "需业主自筹，已解释政策")
    assert reloaded(demand).reject_reason == "需业主自筹，已解释政策"
    reopen(demand, on=days(2), reason="业主已筹款")
    stored = reloaded(demand)
    assert (stored.state, stored.reject_reason) == ("pending", "")
    assert [note.text for note in ProgressNote.select()] == ["业主已筹款"]


def test_dispatch_to_two_units_with_contacts(home):
    demand = raise_demand(home, "楼间飞线充电，存在隐患", raised_on=DAY)
    power, police = unit_named("供电公司"), unit_named("派出所")
    power.contact_person, power.contact_phone = "孙工", "13800000001"
    power.save()
    sent = dispatch(demand, [DispatchTarget(power), DispatchTarget(police, "刘警官")], on=days(1), notes="联合处置")
    assert [(row.unit.name, row.contact_person, row.contact_phone) for row in sent] == [
        ("供电公司", "孙工", "13800000001"),
        ("派出所", "刘警官", ""),
    ]
    stored = reloaded(demand)
    assert (stored.state, stored.accepted_on, stored.deadline) == ("in_progress", days(1), days(8))
    with pytest.raises(DemandRefused, match="already dispatched to 派出所"):
        dispatch(stored, [DispatchTarget(police)], on=days(2))
    with pytest.raises(DemandRefused, match="twice"):
        dispatch(stored, [DispatchTarget(unit_named("城市管理委"))] * 2, on=days(2))
    with pytest.raises(DemandRefused, match="at least one"):
        dispatch(stored, [], on=days(2))
    assert Dispatch.select().count() == 2


def test_progress_notes_are_dated_lines(home):
    demand = raise_demand(home, "小区路灯坏了", raised_on=DAY)
    add_progress_note(demand, "城管已派人查看", on=days(2), author="牟雪")
    with pytest.raises(DemandRefused):
        add_progress_note(demand, "")
    assert [(n.noted_on, n.text, n.author) for n in demand.progress_notes] == [(days(2), "城管已派人查看", "牟雪")]


def test_a_dissatisfied_return_visit_reopens_with_a_new_deadline(home):
    demand = raise_demand(home, "阳台开裂", raised_on=DAY)
    accept(demand, on=DAY)
    start(demand)
    close(demand, on=days(5))
    awaiting = DemandFilter(awaiting_return_visit=True)
    assert count_demands(awaiting) == 1
    record_return_visit(demand, "dissatisfied", notes="裂缝还在", on=days(6))
    stored = reloaded(demand)
    assert (stored.state, stored.closed_on, stored.deadline) == ("in_progress", None, days(13))
    assert count_demands(awaiting) == 0
    close(stored, on=days(9))
    assert count_demands(awaiting) == 1
    record_return_visit(stored, "fairly_satisfied", method="in_person", on=days(10))
    assert reloaded(demand).state == "closed"
    assert count_demands(awaiting) == 0
    assert [rv.satisfaction for rv in ReturnVisit.select().order_by(ReturnVisit.visited_on)] == [
        "dissatisfied",
        "fairly_satisfied",
    ]


def test_return_visit_values_are_checked(home):
    demand = close(accept(raise_demand(home, "树枝遮挡窗户", raised_on=DAY), DAY), days(1))
    with pytest.raises(DemandRefused, match="satisfaction"):
        record_return_visit(demand, "happy", on=days(2))
    with pytest.raises(DemandRefused, match="phone"):
        record_return_visit(demand, "satisfied", method="letter", on=days(2))
    with pytest.raises(DemandRefused, match="before its closing"):
        record_return_visit(demand, "satisfied", on=DAY)
    assert ReturnVisit.select().count() == 0


def test_solved_on_the_spot_is_closed_and_awaits_no_call(home):
    demand = raise_demand(home, "讲解医保政策", kind="suggestion", solved_on_spot=True, raised_on=DAY)
    assert (demand.state, demand.closed_on) == ("closed", DAY)
    assert count_demands(DemandFilter(awaiting_return_visit=True)) == 0


def test_overdue_is_past_the_deadline_while_running(home):
    late = accept(raise_demand(home, "积水", raised_on=DAY), DAY)  # deadline days(7)
    on_time = close(accept(raise_demand(home, "垃圾清运", raised_on=DAY), DAY), days(3))
    waiting = raise_demand(home, "绿化补种", raised_on=DAY)
    assert not is_overdue(late, today=days(7))
    assert is_overdue(late, today=days(8))
    assert not is_overdue(on_time, today=days(30)) and not is_overdue(waiting, today=days(30))
    overdue = list(demand_list(DemandFilter(overdue_only=True, today=days(8))))
    assert [row.description for row in overdue] == ["积水"]
    assert overdue[0].overdue == 1


def test_demand_list_filters_in_sql(homes):
    one, two = homes["一网格1号楼101"], homes["二网格1号楼102"]
    lamps = next(c for c in categories() if c.name == "照明")
    raise_demand(one, "楼道灯不亮", category=lamps, raised_on=DAY)
    raise_demand(two, "路灯不亮", category=lamps, raised_on=days(1))
    rejected = raise_demand(two, "要求减免物业费", raised_on=days(2))
    reject(rejected, "不属于受理范围")
    everything = list(demand_list(DemandFilter()))
    assert [row.description for row in everything] == ["要求减免物业费", "路灯不亮", "楼道灯不亮"]
    assert everything[1].category_name == "照明" and everything[1].address == "二网格1号楼102"
    assert count_demands(DemandFilter(scope=Scope.of(homes["一网格"]))) == 1
    assert count_demands(DemandFilter(text="灯")) == 2
    assert count_demands(DemandFilter(text="二网格")) == 2
    assert count_demands(DemandFilter(states=("rejected",))) == 1
    assert count_demands(DemandFilter(category=lamps.uuid, household=one.uuid)) == 1


def test_a_group_moves_together_and_reports_who_could_not(homes):
    members = [raise_demand(h, "楼道灯损坏", raised_on=DAY) for h in homes.values() if isinstance(h, Household)]
    accept(members[0], DAY)
    group = create_group("楼道灯集中更换", members)
    accepted = move_group(group, lambda d: accept(d, days(1)))
    assert len(accepted.moved) == 3 and [d.uuid for d, _ in accepted.skipped] == [members[0].uuid]
    move_group(group, lambda d: dispatch(d, [DispatchTarget(unit_named("物业公司"))], on=days(2)))
    closed = move_group(group, lambda d: close(d, days(4)))
    assert len(closed.moved) == 4
    assert {reloaded(d).state for d in members} == {"closed"}
    assert {reloaded(d).household_id for d in members} == {h.uuid for h in homes.values() if isinstance(h, Household)}
    with pytest.raises(DemandRefused, match="no demand of 楼道灯集中更换 could move"):
        move_group(group, lambda d: close(d, days(5)))


def test_default_lists_are_created_once_with_shared_identities(db):
    first = {c.name: c.uuid for c in categories()}
    assert first["照明"] == derived_uuid("demand_category", "照明")  # the same on every laptop
    assert {c.name: c.uuid for c in categories()} == first  # a second use creates nothing
    names = {unit.name for unit in responsible_units()}
    assert {"区住建委", "城市管理委", "派出所", "供电公司", "民政局", "物业公司"} <= names
    assert ResponsibleUnit.select().count() == len(names)


MOVES = ("accept", "reject", "start", "dispatch", "close", "reopen", "satisfied", "dissatisfied", "note")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(MOVES), max_size=12))
def test_any_sequence_of_moves_keeps_a_demand_consistent(home, moves):
    """Whatever a person tries, a demand's dates always agree with its state."""
    unit = unit_named("街道办事处")
    demand = raise_demand(home, "任意诉求", raised_on=DAY)
    actions = {
        "accept": lambda d, day: accept(d, day),
        "reject": lambda d, day: reject(d, "理由"),
        "start": lambda d, day: start(d),
        "dispatch": lambda d, day: dispatch(d, [DispatchTarget(unit)], on=day),
        "close": lambda d, day: close(d, day),
        "reopen": lambda d, day: reopen(d, day),
        "satisfied": lambda d, day: record_return_visit(d, "satisfied", on=day),
        "dissatisfied": lambda d, day: record_return_visit(d, "dissatisfied", on=day),
        "note": lambda d, day: add_progress_note(d, "进展", on=day),
    }
    for number, move in enumerate(moves):
        try:
            actions[move](reloaded(demand), days(number))
        except DemandRefused:
            pass
        stored = reloaded(demand)
        assert stored.state in Demand.STATES
        assert (stored.closed_on is not None) == (stored.state == "closed")
        if stored.state in ("accepted", "in_progress", "closed"):
            assert stored.accepted_on is not None and stored.deadline is not None
            assert stored.deadline > stored.accepted_on
        if stored.state == "pending":
            assert stored.accepted_on is None
        assert (stored.reject_reason != "") == (stored.state == "rejected")
