"""The figures offices report beside closure (issue 21), each against a hand-counted fixture.

Period: March 2025 (definitions: docs/statistics.md).  Buildings B1 (h1–h3, shop s1) and
B2 (h4–h6, shop s2); s3 has no building.  Grid workers 李强 and 赵敏 (钱多 removed); cadre 王芳.
Categories: 照明 (general), 邻里纠纷 (dispute), 物业管理 (family not set).  Units 住建委, 城管委, 供电公司.

Demands (raised → what became of them; "src" is the source):
  D1  h1 03-02 in a visit (src visit)  → closed 03-04 solved
  D2  h2 03-03 src hotline   → dispatched 住建委+城管委 03-05 (whistle 03-05) → closed 03-10 solved
  D3  h3 03-04 src walk_in   → 住建委 03-04, 供电公司 03-12 (whistle 03-12) → closed 03-15 answered
  D4  h4 03-05 src grid (李强) dispute → closed 03-08 solved, mediation succeeded
  D5  h5 03-06 src grid (赵敏) dispute → closed 03-09 unsolvable (reason), mediation failed
  D6  h6 03-07 src grid (李强) dispute → in progress
  D7  h1 03-08 src grid (李强)         → pending
  D8  s1 03-03 in a shop visit (src enterprise_visit) → closed 03-06 solved; return visit 03-07 satisfied
  D9  s2 03-05 in a shop visit → closed 03-12 answered; rv 03-13 dissatisfied (reopens) → closed 03-20 unsolvable
  D10 s1 03-21 src hotline, solved on the spot; rv 03-22 fairly satisfied
  D11 h2 02-20 src other → 住建委+供电公司 02-21 (whistle in February) → closed 03-02 solved
  D12 h3 03-10 no source → closed 03-12, outcome not recorded
  D13 h4 03-11 src walk_in, removed
  D14 h5 02-15 dispute → closed 03-03 solved, mediation succeeded
  D15 h1 03-12 src grid (赵敏), class 3号楼楼道灯 → closed 03-14 solved
  D16 h4 03-13 src other, class 3号楼楼道灯 → accepted
  D17 h1 02-28 src other, class 3号楼楼道灯 → closed 03-01 solved
  D18 h6 02-10 src other, class 旧管网 → closed 02-12 solved
  D19 h6 03-15 src other, in a class that was removed → pending
  D20 h5 03-16 src hotline → 住建委+城管委 03-16, the 城管委 dispatch removed (no whistle)
  D21 h6 03-17 src walk_in → 住建委+城管委+供电公司 03-17 (whistle 03-17), in progress
  D22 h3 03-18 src walk_in dispute → rejected
Visits to shops: s1 03-03 (D8), s2 03-05 (D9), s1 03-20, s2 03-25 (removed), s3 02-25.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.cli import run as run_cli
from models.registry.coverage import Period
from models.database import close_database, open_database
from models.work.demands import (
    DispatchTarget,
    accept,
    close,
    create_group,
    dispatch,
    raise_demand,
    record_return_visit,
    reject,
    start,
)
from models.records.people import Cadre, Household, ResponsibleUnit, Shop
from models.records.places import Building
from models.work.reference_lists import save_category
from models.figures.stats import counts, rates
from models.work.visits import RaisedItem, record_visit
from models.records.work import Dispatch, DemandCategory

from tests.places import new_grid

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))
TODAY = dt.date(2025, 4, 10)


def day(text):
    month, date = map(int, text.split("-"))
    return dt.date(2025, month, date)


def build_fixture():
    grid = new_grid("一网格")
    b1, b2 = Building(grid=grid, name="B1"), Building(grid=grid, name="B2")
    b1.save()
    b2.save()
    h = {}
    for number in range(1, 7):
        h[number] = Household(grid=grid, building=b1 if number <= 3 else b2, address=f"h{number}")
        h[number].save()
    s = {}
    for number, building in ((1, b1), (2, b2), (3, None)):
        s[number] = Shop(grid=grid, building=building, name=f"s{number}")
        s[number].save()
    wang = Cadre.create(name="王芳")
    li = Cadre.create(name="李强", role="grid_worker")
    zhao = Cadre.create(name="赵敏", role="grid_worker")
    Cadre.create(name="钱多", role="grid_worker").mark_deleted()
    lamp = save_category("照明", family="general")
    dispute = save_category("邻里纠纷", family="dispute")
    property_care = DemandCategory(name="物业管理", family=None)
    property_care.save()
    housing, city, power = (ResponsibleUnit.create(name=name) for name in ("住建委", "城管委", "供电公司"))

    def raised(home, text, when, **options):
        return raise_demand(home, text, raised_on=day(when), **options)

    def accepted(home, text, when, **options):
        return accept(raised(home, text, when, **options), day(when))

    def units(*chosen):
        return [DispatchTarget(unit) for unit in chosen]

    visit = record_visit(h[1], [wang], visited_on=day("03-02"), raised=[RaisedItem("楼道灯不亮", category=lamp)])
    close(accept(visit.demands.get(), day("03-02")), day("03-04"), outcome="solved")  # D1
    d2 = raised(h[2], "D2", "03-03", source="hotline")
    dispatch(d2, units(housing, city), on=day("03-05"))
    close(d2, day("03-10"), outcome="solved")
    d3 = raised(h[3], "D3", "03-04", source="walk_in")
    dispatch(d3, units(housing), on=day("03-04"))
    dispatch(d3, units(power), on=day("03-12"))
    close(d3, day("03-15"), outcome="answered")
    close(accepted(h[4], "D4", "03-05", source="grid_report", recorded_by=li, category=dispute), day("03-08"),
          outcome="solved", mediation="succeeded")
    close(accepted(h[5], "D5", "03-06", source="grid_report", recorded_by=zhao, category=dispute), day("03-09"),
          outcome="unsolvable", reason="当事人拒绝调解", mediation="failed")
    start(accepted(h[6], "D6", "03-07", source="grid_report", recorded_by=li, category=dispute))
    raised(h[1], "D7", "03-08", source="grid_report", recorded_by=li)
    visit = record_visit(None, [wang], shop=s[1], visited_on=day("03-03"),
                         raised=[RaisedItem("D8", category=property_care)])
    d8 = close(accept(visit.demands.get(), day("03-03")), day("03-06"), outcome="solved")
    record_return_visit(d8, "satisfied", on=day("03-07"))
    visit = record_visit(None, [wang], shop=s[2], visited_on=day("03-05"), raised=[RaisedItem("D9")])
    d9 = close(accept(visit.demands.get(), day("03-05")), day("03-12"), outcome="answered")
    record_return_visit(d9, "dissatisfied", on=day("03-13"))
    close(d9, day("03-20"), outcome="unsolvable", reason="不属于辖区")
    d10 = raised(None, "D10", "03-21", shop=s[1], source="hotline", solved_on_spot=True)
    record_return_visit(d10, "fairly_satisfied", on=day("03-22"))
    d11 = raised(h[2], "D11", "02-20", source="other")
    dispatch(d11, units(housing, power), on=day("02-21"))
    close(d11, day("03-02"), outcome="solved")
    close(accepted(h[3], "D12", "03-10"), day("03-12"))
    raised(h[4], "D13", "03-11", source="walk_in").mark_deleted()
    close(accepted(h[5], "D14", "02-15", category=dispute), day("03-03"), outcome="solved", mediation="succeeded")
    d15 = close(accepted(h[1], "D15", "03-12", source="grid_report", recorded_by=zhao), day("03-14"), outcome="solved")
    d16 = accepted(h[4], "D16", "03-13", source="other")
    d17 = close(accepted(h[1], "D17", "02-28", source="other"), day("03-01"), outcome="solved")
    create_group("3号楼楼道灯", [d15, d16, d17])
    create_group("旧管网", [close(accepted(h[6], "D18", "02-10", source="other"), day("02-12"), outcome="solved")])
    create_group("作废的分组", [raised(h[6], "D19", "03-15", source="other")]).mark_deleted()
    d20 = raised(h[5], "D20", "03-16", source="hotline")
    dispatch(d20, units(housing, city), on=day("03-16"))
    Dispatch.get((Dispatch.demand == d20.uuid) & (Dispatch.unit == city.uuid)).mark_deleted()
    dispatch(raised(h[6], "D21", "03-17", source="walk_in"), units(housing, city, power), on=day("03-17"))
    reject(raised(h[3], "D22", "03-18", source="walk_in", category=dispute), "不属于调解范围")
    record_visit(None, [wang], shop=s[1], visited_on=day("03-20"))
    record_visit(None, [wang], shop=s[2], visited_on=day("03-25")).mark_deleted()
    record_visit(None, [wang], shop=s[3], visited_on=day("02-25"))


@pytest.fixture
def database_file(tmp_path):
    path = tmp_path / "reported.db"
    open_database(path)
    build_fixture()
    yield path
    close_database()


EXPECTED = {
    # closed in March (D1 D2 D3 D4 D5 D8 D9 D10 D11 D12 D14 D15 D17), by outcome
    "demands_solved": 9,  # D1 D2 D4 D8 D10 D11 D14 D15 D17
    "demands_answered": 1,  # D3
    "demands_unsolvable": 2,  # D5 D9
    "demands_outcome_unknown": 1,  # D12: left out of the resolution rate
    "resolution_rate": pytest.approx(9 / 12),
    # raised in March: 17 live demands
    "demands_by_source": {
        "visit": 1,  # D1
        "grid_report": 5,  # D4 D5 D6 D7 D15
        "hotline": 3,  # D2 D10 D20
        "walk_in": 3,  # D3 D21 D22
        "enterprise_visit": 2,  # D8 D9
        "other": 2,  # D16 D19
        "unknown": 1,  # D12
    },
    "grid_reports": 5,
    "grid_workers_reporting": 2,  # 李强 赵敏
    "grid_reports_accepted": 4,  # not D7 (pending)
    "grid_reports_closed": 3,  # D4 D5 D15
    "grid_report_closure_rate": pytest.approx(3 / 4),
    "whistles": 3,  # D2 (03-05) D3 (03-12) D21 (03-17); not D11 (February) nor D20 (one unit left)
    "whistles_closed": 2,  # D2 D3
    "whistles_solved": 1,  # D2
    "whistles_by_unit": [
        {"unit": "住建委", "whistles": 3, "closed": 2, "solved": 1},
        {"unit": "供电公司", "whistles": 2, "closed": 1, "solved": 0},  # D3 D21
        {"unit": "城管委", "whistles": 2, "closed": 1, "solved": 1},  # D2 D21
    ],
    "disputes_accepted": 3,  # D4 D5 D6 (D22 rejected, D14 raised in February)
    "disputes_closed": 2,  # D4 D5
    "dispute_closure_rate": pytest.approx(2 / 3),
    "disputes_mediated": 1,  # D4
    "disputes_mediation_failed": 1,  # D5
    "mediation_success_rate": pytest.approx(1 / 2),
    "enterprise_visits": 3,  # s1 03-03, s2 03-05, s1 03-20
    "enterprises_visited": 2,  # s1 s2
    "enterprise_demands": 3,  # D8 D9 D10
    "enterprise_demands_solved": 2,  # D8 D10 (D9 unsolvable)
    "enterprise_resolution_rate": pytest.approx(2 / 3),
    "enterprise_satisfaction_rate": pytest.approx(2 / 3),  # last answers: D8 satisfied, D9 dissatisfied, D10 fairly
    "classes": 1,  # 3号楼楼道灯 (旧管网 had nothing raised in March; 作废的分组 was removed)
    "items_raised": 16,  # 17 raised, D15 and D16 as one class
    "class_details": [{"name": "3号楼楼道灯", "demands": 3, "closed": 2, "households": 2, "buildings": 2}],
}


def test_every_new_figure_matches_the_hand_count(database_file):
    values = rates(MARCH, today=TODAY)
    assert {key: values[key] for key in EXPECTED} == EXPECTED
    assert values["demands_raised"] == 17 and values["demands_closed"] == 13


def test_grid_workers_are_counted_among_the_records(database_file):
    assert counts()["grid_workers"] == 2  # 钱多 was removed


def test_a_period_with_nothing_in_it_gives_zeros_and_no_rates(database_file):
    values = rates(Period(dt.date(2024, 1, 1), dt.date(2024, 1, 31)), today=TODAY)
    for key in ("resolution_rate", "grid_report_closure_rate", "dispute_closure_rate", "mediation_success_rate",
                "enterprise_resolution_rate", "enterprise_satisfaction_rate"):
        assert values[key] is None, key
    assert values["whistles"] == values["enterprise_visits"] == values["classes"] == 0
    assert values["whistles_by_unit"] == values["class_details"] == []
    assert set(values["demands_by_source"].values()) == {0}


def test_february_counts_its_own_whistle_and_class(database_file):
    values = rates(Period(dt.date(2025, 2, 1), dt.date(2025, 2, 28)), today=TODAY)
    assert values["whistles"] == 1 and values["whistles_closed"] == 1 and values["whistles_solved"] == 1  # D11
    assert values["classes"] == 2  # 3号楼楼道灯 (D17) and 旧管网 (D18)
    assert values["enterprise_visits"] == 1 and values["enterprises_visited"] == 1  # s3


def test_stats_json_prints_the_new_figures(database_file, capsys):
    close_database()
    status = run_cli(["--db", str(database_file), "stats", "--json", "--from", "2025-03-01", "--to", "2025-03-31"])
    printed = json.loads(capsys.readouterr().out)
    assert status == 0
    for key, expected in EXPECTED.items():
        assert printed[key] == expected, key


def test_the_workbook_lists_every_figure_with_its_chinese_name_and_the_tables_on_their_sheets(database_file, tmp_path):
    from openpyxl import load_workbook

    close_database()
    target = tmp_path / "figures.xlsx"
    assert run_cli(["--db", str(database_file), "stats", "--from", "2025-03-01", "--to", "2025-03-31",
                    "-o", str(target)]) == 0
    book = load_workbook(target)
    rows = {row[0]: row[1:] for row in book["统计"].iter_rows(min_row=2, values_only=True)}
    assert rows["resolution_rate"] == ("解决率", pytest.approx(9 / 12))
    assert book["统计"].cell(row=list(rows).index("resolution_rate") + 2, column=3).number_format == "0.0%"
    assert rows["demands_by_source.grid_report"] == ("期内提出·按来源：网格员上报", 5)
    assert rows["demands_by_source.unknown"] == ("期内提出·按来源：未记录", 1)
    assert rows["whistles"] == ("吹哨（期内）", 3) and rows["disputes_accepted"] == ("受理矛盾纠纷", 3)
    assert "whistles_by_unit" not in rows and "class_details" not in rows
    assert list(book["吹哨报到（按单位）"].iter_rows(values_only=True)) == [
        ("责任单位", "吹哨", "已办结", "已解决"), ("住建委", 3, 2, 1), ("供电公司", 2, 1, 0), ("城管委", 2, 1, 1)]
    assert list(book["一类事"].iter_rows(values_only=True)) == [
        ("一类事", "诉求", "已办结", "涉及住户", "涉及楼栋"), ("3号楼楼道灯", 3, 2, 2, 2)]


def test_the_plain_listing_shows_rates_with_one_decimal_and_the_tables_row_by_row(database_file, capsys):
    close_database()
    assert run_cli(["--db", str(database_file), "stats", "--from", "2025-03-01", "--to", "2025-03-31"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split() == ["resolution_rate", "75.0", "%"] for line in lines)
    assert any(line.split() == ["demands_by_source.hotline", "3"] for line in lines)
    assert any(line.split() == ["whistles_by_unit", "住建委", "3", "2", "1"] for line in lines)
