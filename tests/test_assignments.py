"""联户: linking cadres to households one by one, by selection and by place; loads; moves."""

import datetime as dt
import threading

import pytest

from models.registry.assignments import (
    AssignmentRefused,
    assignment_uuid,
    cadre_households,
    cadre_loads,
    cadres_of,
    link,
    link_households,
    link_place,
    move_households,
    unlink,
)
from models.records.audit import history
from models.records.base import derived_uuid
from models.database import close_database, open_database
from models.records.people import Assignment, Cadre, Household
from models.records.places import Building, Unit
from models.progress import Cancelled, Progress
from models.work.visits import record_visit

from tests.places import new_grid


@pytest.fixture
def db(tmp_path):
    installation = open_database(tmp_path / "assignments.db")
    installation.rename(user_name="牟雪")
    yield installation
    close_database()


@pytest.fixture
def estate(db):
    """One grid, two buildings; building 1 has units 1 and 2 with two households each, building 2 one household."""
    grid = new_grid("第一网格")
    first, second = Building(grid=grid, name="1号楼"), Building(grid=grid, name="2号楼")
    first.save()
    second.save()
    units = [Unit(building=first, name=f"{n}单元") for n in (1, 2)]
    for unit in units:
        unit.save()
    households = {}
    for unit in units:
        for room in ("101", "102"):
            household = Household(grid=grid, building=first, unit=unit, room=room, address=f"1号楼{unit.name}{room}")
            household.save()
            households[household.address] = household
    bungalow = Household(grid=grid, building=second, room="1", address="2号楼1")
    bungalow.save()
    households[bungalow.address] = bungalow
    cadres = {name: Cadre(name=name, grid=grid) for name in ("王芳", "李强", "张伟")}
    for cadre in cadres.values():
        cadre.save()
    return {"grid": grid, "buildings": (first, second), "units": units, "households": households, "cadres": cadres}


def live_pairs():
    return {
        (a.cadre.name, a.household.address)
        for a in Assignment.alive().join(Cadre).switch(Assignment).join(Household)
    }


def test_linking_twice_makes_one_record_with_the_pair_identity(estate):
    wang = estate["cadres"]["王芳"]
    home = estate["households"]["1号楼1单元101"]
    assert link(wang, home, since=dt.date(2026, 11, 2)) is True
    assert link(wang, home) is False
    rows = list(Assignment.select())
    assert len(rows) == 1
    assert rows[0].uuid == derived_uuid("assignment", wang.uuid, home.uuid)
    assert rows[0].since == dt.date(2026, 11, 2)
    assert [entry.action for entry in history(rows[0])] == ["create"]


def test_unlink_sets_the_tombstone_and_relink_clears_it(estate):
    wang = estate["cadres"]["王芳"]
    home = estate["households"]["1号楼1单元101"]
    link(wang, home)
    assert unlink(wang, home) is True
    assert unlink(wang, home) is False
    assert Assignment.get_by_id(assignment_uuid(wang, home)).deleted
    assert cadres_of(home) == []
    link(wang, home)
    record = Assignment.get_by_id(assignment_uuid(wang, home))
    assert not record.deleted
    assert [entry.action for entry in history(record)] == ["create", "delete", "restore"]
    assert {entry.user for entry in history(record)} == {"牟雪"}
    assert Assignment.select().count() == 1


def test_bulk_by_unit_and_by_building_link_exactly_their_households(estate):
    wang, li = estate["cadres"]["王芳"], estate["cadres"]["李强"]
    assert link_place(wang, estate["units"][1]) == 2
    assert link_place(li, estate["buildings"][0]) == 4
    assert link_place(li, estate["buildings"][0]) == 0
    assert live_pairs() == {
        ("王芳", "1号楼2单元101"),
        ("王芳", "1号楼2单元102"),
        ("李强", "1号楼1单元101"),
        ("李强", "1号楼1单元102"),
        ("李强", "1号楼2单元101"),
        ("李强", "1号楼2单元102"),
    }
    assert link_place(wang, estate["grid"]) == 3  # the two of unit 2 were already linked


def test_bulk_link_leaves_out_removed_households(estate):
    gone = estate["households"]["2号楼1"]
    gone.mark_deleted()
    assert link_place(estate["cadres"]["张伟"], estate["grid"]) == 4


def test_cancelled_bulk_link_keeps_nothing(estate):
    wang = estate["cadres"]["王芳"]
    cancel = threading.Event()

    def cancel_after_two(done, total, message):
        if done == 2:
            cancel.set()

    with pytest.raises(Cancelled):
        link_households(wang, estate["households"].values(), progress=Progress(cancel_after_two, cancel, 0))
    assert Assignment.select().count() == 0


def test_move_hands_households_over(estate):
    wang, li = estate["cadres"]["王芳"], estate["cadres"]["李强"]
    homes = [estate["households"]["1号楼1单元101"], estate["households"]["1号楼1单元102"]]
    link_households(wang, homes)
    assert move_households(homes, wang, li) == 2
    assert live_pairs() == {("李强", "1号楼1单元101"), ("李强", "1号楼1单元102")}


def test_move_of_a_household_not_linked_to_the_source_changes_nothing(estate):
    wang, li = estate["cadres"]["王芳"], estate["cadres"]["李强"]
    linked = estate["households"]["1号楼1单元101"]
    stranger = estate["households"]["2号楼1"]
    link(wang, linked)
    with pytest.raises(AssignmentRefused, match="2号楼1 is not linked to 王芳"):
        move_households([linked, stranger], wang, li)
    assert live_pairs() == {("王芳", "1号楼1单元101")}


def test_linking_a_removed_cadre_is_refused(estate):
    zhang = estate["cadres"]["张伟"]
    zhang.mark_deleted()
    with pytest.raises(AssignmentRefused, match="张伟"):
        link(zhang, estate["households"]["2号楼1"])
    assert Assignment.select().count() == 0


def test_loads_count_live_links_to_live_households(estate):
    wang, li = estate["cadres"]["王芳"], estate["cadres"]["李强"]
    link_place(wang, estate["buildings"][0])  # 4
    link(li, estate["households"]["2号楼1"])
    unlink(wang, estate["households"]["1号楼1单元101"])  # 3 left
    estate["households"]["1号楼2单元102"].mark_deleted()  # 2 left
    assert [(cadre.name, load) for cadre, load in cadre_loads()] == [("张伟", 0), ("李强", 1), ("王芳", 2)]


def test_cadre_households_show_the_last_visit(estate):
    wang = estate["cadres"]["王芳"]
    first, second = estate["households"]["1号楼1单元101"], estate["households"]["1号楼1单元102"]
    link_households(wang, [first, second])
    record_visit(first, [wang], visited_on=dt.date(2026, 10, 3))
    record_visit(first, [wang], visited_on=dt.date(2026, 11, 5))
    rows = [(h.address, h.last_visit) for h in cadre_households(wang)]
    assert [(address, str(day) if day else None) for address, day in rows] == [
        ("1号楼1单元101", "2026-11-05"),
        ("1号楼1单元102", None),
    ]
