"""走访: one form writes the visit, its visitors and what the household raised, all or nothing."""

import datetime as dt

import pytest

from models.records.audit import AuditEntry
from models.records.base import derived_uuid
from models.database import close_database, open_database
from models.work.demands import DemandFilter, count_demands
from models.records.people import Cadre, Household
from models.records.places import Building
from models.work.reference_lists import categories
from models.work.visits import (
    RaisedItem,
    VisitRefused,
    household_demands,
    household_visits,
    record_visit,
    visitors_of,
)
from models.records.work import Demand, Visit, VisitVisitor

from tests.places import new_grid

DAY = dt.date(2025, 6, 10)


@pytest.fixture
def db(tmp_path):
    installation = open_database(tmp_path / "visits.db")
    installation.rename(user_name="王芳")
    yield installation
    close_database()


@pytest.fixture
def place(db):
    grid = new_grid("一网格")
    building = Building(grid=grid, name="3号楼")
    building.save()
    household = Household(grid=grid, building=building, room="201", address="3号楼201")
    household.save()
    wang, li = Cadre(name="王芳"), Cadre(name="李强")
    wang.save()
    li.save()
    return household, wang, li


def nothing_written():
    return Visit.select().count() == 0 and VisitVisitor.select().count() == 0 and Demand.select().count() == 0


def test_a_visit_in_pairs_with_topics_and_what_was_raised(place):
    household, wang, li = place
    repairs = next(c for c in categories() if c.name == "住房维修")
    visit = record_visit(
        household,
        [wang, li],
        visited_on=DAY,
        talked_to="户主 张秀英",
        topics=["policy", "handbook"],
        notes="独居老人，腿脚不便",
        raised=[
            RaisedItem("卫生间漏水到楼下", category=repairs, urgency=1),
            RaisedItem("希望增加休息座椅", kind="suggestion"),
            RaisedItem("不会用手机缴费", solved_on_spot=True, raised_by="张秀英"),
        ],
    )
    stored = Visit.get_by_id(visit.uuid)
    assert (stored.visited_on, stored.talked_to, stored.topics) == (DAY, "户主 张秀英", "policy handbook")
    assert stored.recorded_by_id == wang.uuid
    assert [c.name for c in visitors_of(stored)] == sorted(["王芳", "李强"])
    assert {v.uuid for v in VisitVisitor.select()} == {
        derived_uuid("visit_visitor", visit.uuid, wang.uuid),
        derived_uuid("visit_visitor", visit.uuid, li.uuid),
    }
    raised = {d.description: d for d in Demand.select()}
    assert raised["卫生间漏水到楼下"].state == "pending"
    assert raised["卫生间漏水到楼下"].category_id == repairs.uuid
    assert raised["卫生间漏水到楼下"].raised_by == "户主 张秀英"
    assert raised["希望增加休息座椅"].kind == "suggestion"
    spot = raised["不会用手机缴费"]
    assert (spot.state, spot.solved_on_spot, spot.closed_on, spot.raised_by) == ("closed", True, DAY, "张秀英")
    assert {d.visit_id for d in raised.values()} == {visit.uuid}
    assert count_demands(DemandFilter(awaiting_return_visit=True)) == 0


def test_the_audit_names_the_user_from_settings(place):
    household, wang, _ = place
    visit = record_visit(household, [wang], visited_on=DAY)
    entry = AuditEntry.get(AuditEntry.record_uuid == visit.uuid)
    assert (entry.user, entry.action) == ("王芳", "create")


def test_today_is_the_default_date(place):
    household, wang, _ = place
    assert record_visit(household, [wang]).visited_on == dt.date.today()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"visitors": []}, "at least one cadre"),
        ({"topics": ["policy", "gossip"]}, "unknown topic gossip"),
        ({"visited_on": dt.date.today() + dt.timedelta(days=1)}, "in the future"),
        ({"raised": [RaisedItem("楼道灯坏了"), RaisedItem("  ")]}, "describe the demand"),
    ],
)
def test_a_refused_form_writes_nothing(place, arguments, message):
    household, wang, _ = place
    form = {"visitors": [wang], "visited_on": DAY} | arguments
    visitors = form.pop("visitors")
    with pytest.raises(ValueError, match=message):
        record_visit(household, visitors, **form)
    assert nothing_written()


def test_the_same_cadre_twice_is_refused(place):
    household, wang, _ = place
    with pytest.raises(VisitRefused, match="twice"):
        record_visit(household, [wang, wang], visited_on=DAY)
    assert nothing_written()


def test_a_household_page_lists_visits_and_demands_newest_first(place):
    household, wang, li = place
    record_visit(household, [wang], visited_on=DAY, raised=[RaisedItem("第一次诉求")])
    record_visit(household, [li], visited_on=DAY + dt.timedelta(days=30), raised=[RaisedItem("第二次诉求")])
    record_visit(household, [wang, li], visited_on=DAY + dt.timedelta(days=3))
    assert [v.visited_on for v in household_visits(household)] == [
        DAY + dt.timedelta(days=30),
        DAY + dt.timedelta(days=3),
        DAY,
    ]
    assert [d.description for d in household_demands(household)] == ["第二次诉求", "第一次诉求"]
