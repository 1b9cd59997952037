"""A roster's 微网格 / 微网格长 / 微网格长电话 columns: micro-grids made per grid, households placed, leaders kept.

A roster without the columns imports exactly as before (every other roster test);
with them, each household joins the micro-grid its rows name within its grid.
"""

from __future__ import annotations

from models.records.people import Cadre, Household, MicroGrid
from sync.roster.columns import field_of
from sync.roster.importer import import_roster
from tests.roster_fixtures import HEADER, roster_rows, write_roster_xlsx

MICRO_HEADER = HEADER + ["微网格名称", "微网格长", "微网格长联系电话"]


def micro_rows(households: int):
    """The fixture's roster with a micro-grid per building: 1号楼 → 一片 (leader 王大爷), the rest → 二片."""
    rows = roster_rows(households)
    for row in rows:
        first_building = row[9] == "1号楼"
        row += ["一片", "王大爷", "13800001111"] if first_building else ["二片", "", ""]
    return rows


def test_micro_grid_titles_are_not_read_as_grid_or_phone():
    assert field_of("微网格")[0] == "micro_grid" and field_of("所属微网格")[0] == "micro_grid"
    assert field_of("微网格长")[0] == "micro_leader"
    assert field_of("微网格长电话")[0] == "micro_leader_phone"
    assert field_of("微网格长（联系电话）")[0] == "micro_leader"  # a remark in brackets is no part of the title
    assert field_of("微网格长手机号")[0] == "micro_leader_phone"
    assert field_of("网格")[0] == "grid" and field_of("联系电话")[0] == "phone"


def test_a_roster_with_micro_grids_places_each_household(db, tmp_path):
    rows = micro_rows(80)  # 80 households: buildings 1号楼 (60) and 2号楼 (20), one grid
    Cadre.create(name="王大爷", phone="13800001111")
    report = import_roster(write_roster_xlsx(tmp_path / "r.xlsx", rows, header=MICRO_HEADER))
    assert report.written and report.micro_grids.created == 2 and report.micro_grids.households_placed == 80
    assert any("微网格：新增 2" in line for line in report.summary_lines())
    by_name = {m.name: m for m in MicroGrid.select()}
    assert (by_name["一片"].leader, by_name["一片"].leader_phone, by_name["一片"].leader_cadre.name) == (
        "王大爷", "13800001111", "王大爷")
    assert by_name["二片"].leader == "" and by_name["二片"].leader_cadre is None
    placed = {h.building.name: h.micro_grid.name for h in Household.select()}
    assert placed == {"1号楼": "一片", "2号楼": "二片"}
    assert Household.select().where(Household.micro_grid == by_name["一片"]).count() == 60


def test_importing_again_writes_nothing_and_a_new_leader_is_taken(db, tmp_path):
    rows = micro_rows(80)
    path = write_roster_xlsx(tmp_path / "r.xlsx", rows, header=MICRO_HEADER)
    import_roster(path)
    again = import_roster(path)
    assert not again.written and again.micro_grids.created == again.micro_grids.households_placed == 0
    for row in rows:
        if row[-3] == "二片":
            row[-2:] = ["周阿姨", "13600006666"]
    changed = import_roster(write_roster_xlsx(tmp_path / "r2.xlsx", rows, header=MICRO_HEADER))
    assert changed.written and changed.micro_grids.leaders_changed == 1 and changed.micro_grids.created == 0
    second = MicroGrid.get(MicroGrid.name == "二片")
    assert (second.leader, second.leader_phone) == ("周阿姨", "13600006666")


def test_a_roster_without_the_columns_leaves_micro_grids_alone(db, tmp_path):
    rows = micro_rows(20)
    import_roster(write_roster_xlsx(tmp_path / "r.xlsx", rows, header=MICRO_HEADER))
    plain = [row[:-3] for row in rows]
    for row in plain:
        row[-1] = "改了备注"
    report = import_roster(write_roster_xlsx(tmp_path / "plain.xlsx", plain))
    assert report.written and report.micro_grids.households_placed == 0
    assert {h.micro_grid.name for h in Household.select()} == {"一片"}


def test_a_bad_leader_phone_refuses_the_row_naming_the_column(db, tmp_path):
    rows = micro_rows(2)
    rows[0][-1] = "12345"
    report = import_roster(write_roster_xlsx(tmp_path / "r.xlsx", rows, header=MICRO_HEADER))
    [problem] = [p for p in report.problems if p.field == "micro_leader_phone"]
    assert "微网格长电话不是有效的手机或座机号码" in problem.line()
