"""Coverage, visits and demands by micro-grid and by special grid, counted by hand on a small database.

The figures are those of `lianxin stats --json` (`by_micro_grid`, `by_special_grid`,
docs/statistics.md); the workbook charts them on sheets of their own.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from desktop.cli import run as run_cli
from models.database import close_database, open_database
from models.records.people import Assignment, Cadre, Household, MicroGrid, Shop
from models.records.places import Building, Community, Grid, SubDistrict
from models.records.work import Demand, Visit

START, END = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
IN, BEFORE = dt.date(2026, 3, 10), dt.date(2026, 2, 10)


@pytest.fixture
def small(tmp_path):
    """Grid 一网格: micro-grid 东片 (h1 h2 h3), 西片 (h4 h5), h6 in none; special grid 实验小学 with two shops."""
    path = tmp_path / "small.db"
    open_database(path)
    community = Community.create(sub_district=SubDistrict.create(name="海滨街道"), name="海滨社区")
    grid = Grid.create(community=community, name="一网格")
    school = Grid.create(community=community, name="实验小学", kind="special", special_type="school", leader="赵校长")
    building = Building.create(grid=grid, name="1号楼")
    east = MicroGrid.create(grid=grid, name="东片", leader="王大爷", leader_phone="13800001111")
    west = MicroGrid.create(grid=grid, name="西片", leader="周阿姨")
    h = {n: Household.create(grid=grid, building=building, room=f"10{n}", address=f"1号楼10{n}",
                             micro_grid=east if n <= 3 else west if n <= 5 else None) for n in range(1, 7)}
    cadre = Cadre.create(name="李红")
    for n in (1, 2, 4, 5, 6):  # h3 is not linked
        Assignment.create(cadre=cadre, household=h[n])
    for n, day in ((1, IN), (1, IN), (3, IN), (4, IN), (5, BEFORE), (6, IN)):
        Visit.create(household=h[n], visited_on=day)
    Demand.create(household=h[1], description="楼道灯不亮", raised_on=IN)  # open
    Demand.create(household=h[4], description="下水道堵", raised_on=BEFORE, state="closed", closed_on=IN)
    shop = Shop.create(grid=school, name="文具店")
    Shop.create(grid=school, name="小卖部")
    for _ in range(2):
        Visit.create(shop=shop, visited_on=IN)
    Demand.create(shop=shop, description="门口积水", raised_on=IN, state="accepted")
    close_database()
    return path


def test_stats_json_counts_by_micro_grid_and_special_grid_as_by_hand(small, capsys):
    assert run_cli(["--db", str(small), "stats", "--json", "--from", START.isoformat(), "--to", END.isoformat()]) == 0
    printed = json.loads(capsys.readouterr().out)
    rows = {row["micro_grid"]: row for row in printed["by_micro_grid"]}
    assert set(rows) == {"东片", "西片"}  # h6 is in no micro-grid: in no row
    east, west = rows["东片"], rows["西片"]
    # 东片: three households, two linked (h1, h2), one of those visited (h1: h3's visit is not of a linked one);
    # three visits (h1 twice, h3), one demand raised in March and still open.
    assert (east["households"], east["linked"], east["visited"], east["visited_rate"]) == (3, 2, 1, 0.5)
    assert (east["visits"], east["demands_raised"], east["demands_open"], east["leader"]) == (3, 1, 1, "王大爷")
    # 西片: two households, both linked, h4 visited in March (h5 only in February); its demand was raised in February.
    assert (west["households"], west["linked"], west["visited"], west["visits"]) == (2, 2, 1, 1)
    assert (west["demands_raised"], west["demands_open"]) == (0, 0)
    assert "leader_phone" not in east  # phones stay out of the figures
    [school] = printed["by_special_grid"]
    assert (school["grid"], school["special_type"], school["leader"]) == ("实验小学", "school", "赵校长")
    assert (school["shops"], school["shops_visited"], school["shops_visited_rate"], school["visits"]) == (2, 1, 0.5, 2)
    assert (school["demands_raised"], school["demands_open"]) == (1, 1)


def test_a_grid_scope_keeps_its_micro_grids_and_a_cadres_has_no_special_grids(small, capsys):
    assert run_cli(["--db", str(small), "stats", "--json", "--grid", "实验小学", "--from", START.isoformat(),
                    "--to", END.isoformat()]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["by_micro_grid"] == [] and [row["grid"] for row in printed["by_special_grid"]] == ["实验小学"]
    assert run_cli(["--db", str(small), "stats", "--json", "--cadre", "李红", "--from", START.isoformat(),
                    "--to", END.isoformat()]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["by_special_grid"] == []
    assert {row["micro_grid"]: row["households"] for row in printed["by_micro_grid"]} == {"东片": 2, "西片": 2}


def test_the_workbook_charts_both(small, tmp_path, capsys):
    target = tmp_path / "figures.xlsx"
    assert run_cli(["--db", str(small), "stats", "-o", str(target), "--from", START.isoformat(),
                    "--to", END.isoformat()]) == 0
    workbook = load_workbook(target)
    assert len(workbook["按微网格"]._charts) == 1 and len(workbook["按专属网格"]._charts) == 1
    special = [[cell.value for cell in row] for row in workbook["按专属网格"].iter_rows(min_row=2)]
    assert special == [["海滨社区", "实验小学", "学校", "赵校长", 2, 1, 0.5, 2, 1, 1]]


def test_every_figure_of_both_tables_opens_the_records_it_counts(small):
    from models.figures.behind import PARTS, Bar, count_behind, demands_behind, households_behind, shops_behind
    from models.figures.breakdowns import breakdowns
    from models.registry.coverage import Period

    open_database(small)
    try:
        period = Period(START, END)
        values = breakdowns(period, today=END)
        opened = {}
        for chart, key in (("by_micro_grid", "micro_grid_id"), ("by_special_grid", "grid_id")):
            for row in values[chart]:
                for part in PARTS[chart]:
                    bar = Bar(chart, row[key], part)
                    if bar.of_households:
                        records = [household.address for household in households_behind(bar, period)]
                    elif bar.of_shops:
                        records = [shop.name for shop in shops_behind(bar, period)]
                    else:
                        records = [demand.description for demand in demands_behind(bar, period, END)]
                    assert len(records) == count_behind(bar, period, END) == row[part], (chart, part)
                    opened[(row.get("micro_grid") or row["grid"], part)] = records
        assert opened[("东片", "households")] == ["1号楼101", "1号楼102", "1号楼103"]
        assert opened[("东片", "visited")] == ["1号楼101"]  # h3's visit is not of a linked household
        assert opened[("东片", "demands_open")] == ["楼道灯不亮"] and opened[("西片", "demands_raised")] == []
        assert opened[("实验小学", "shops_visited")] == ["文具店"]
        assert sorted(opened[("实验小学", "shops")]) == ["小卖部", "文具店"]
        assert opened[("实验小学", "demands_raised")] == opened[("实验小学", "demands_open")] == ["门口积水"]
    finally:
        close_database()
