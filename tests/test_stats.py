"""The office's figures, each checked against a hand-counted fixture (definitions: docs/statistics.md).

Period: March 2025; "today" for the stock figures: 2025-04-10.

Households h1–h8 live, hx removed.  王芳 linked to h1 h2 h3, 李强 to h4 h5 h6 hx.
Visits: March h1 h2 h3 h4 h7 (h7 not linked), h6 (removed visit); February h5.

Demands (raised → accepted [deadline] → closed, return visits):
  d1  03-02 → 03-02 [03-09] → closed 03-05; rv 03-06 satisfied
  d2  03-03 → 03-03 [03-10] → closed 03-20; rv 03-21 dissatisfied → reopened [03-28]
      → closed 03-30 (late); rv 03-31 fairly satisfied
  d3  03-04 → 03-04 [03-11] → in progress (overdue)
  d4  03-10 pending
  d5  03-12 rejected
  d6  03-15 solved on the spot [03-22]
  d7  03-16 → 04-05 [04-12] accepted (not yet overdue)
  d8  03-18 → 03-18 → closed 03-19; rv 04-02 dissatisfied → reopened [04-09] (overdue)
  d12 03-20 → 03-20 → closed 03-22; rv 03-23 dissatisfied → reopened [03-30] (overdue)
  d9  02-20 → 02-20 → closed 03-03; rv 03-04 satisfied
  d10 02-10 → 02-10 [02-17] accepted (overdue)
  d11 03-05 removed
"""

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from desktop.cli import run as run_cli
from models.registry.assignments import link
from models.registry.coverage import Period
from models.database import close_database, open_database
from models.work.demands import accept, close, raise_demand, record_return_visit, reject, start
from models.records.people import Cadre, Household
from models.records.places import Building
from models.figures.stats import counts, figures, rates
from models.work.visits import record_visit

from tests.places import new_grid

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))
TODAY = dt.date(2025, 4, 10)


def day(text):
    month, date = map(int, text.split("-"))
    return dt.date(2025, month, date)


def build_fixture():
    grid = new_grid("一网格")
    building = Building(grid=grid, name="1号楼")
    building.save()
    homes = {}
    for name in ("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "hx"):
        homes[name] = Household(grid=grid, building=building, address=name)
        homes[name].save()
    wang, li = Cadre(name="王芳"), Cadre(name="李强")
    wang.save()
    li.save()
    for cadre, names in ((wang, ("h1", "h2", "h3")), (li, ("h4", "h5", "h6", "hx"))):
        for name in names:
            link(cadre, homes[name])
    homes["hx"].mark_deleted()
    for name in ("h1", "h2", "h3", "h4", "h7"):
        record_visit(homes[name], [wang], visited_on=day("03-08"))
    record_visit(homes["h6"], [li], visited_on=day("03-09")).mark_deleted()
    record_visit(homes["h5"], [li], visited_on=day("02-20"))

    home = homes["h1"]

    def demand(raised, accepted=None):
        made = raise_demand(home, f"诉求 {raised}", raised_on=day(raised))
        return accept(made, day(accepted)) if accepted else made

    d1 = close(demand("03-02", "03-02"), day("03-05"))
    record_return_visit(d1, "satisfied", on=day("03-06"))
    d2 = close(demand("03-03", "03-03"), day("03-20"))
    record_return_visit(d2, "dissatisfied", on=day("03-21"))
    close(d2, day("03-30"))
    record_return_visit(d2, "fairly_satisfied", on=day("03-31"))
    start(demand("03-04", "03-04"))
    demand("03-10")
    reject(demand("03-12"), "不属于受理范围")
    raise_demand(home, "当场解决", raised_on=day("03-15"), solved_on_spot=True)
    demand("03-16", "04-05")
    d8 = close(demand("03-18", "03-18"), day("03-19"))
    record_return_visit(d8, "dissatisfied", on=day("04-02"))
    d12 = close(demand("03-20", "03-20"), day("03-22"))
    record_return_visit(d12, "dissatisfied", on=day("03-23"))
    d9 = close(demand("02-20", "02-20"), day("03-03"))
    record_return_visit(d9, "satisfied", on=day("03-04"))
    demand("02-10", "02-10")
    demand("03-05").mark_deleted()


@pytest.fixture
def database_file(tmp_path, store):
    if store == "postgresql":
        from tests.postgres_server import drop_database, new_database

        path = new_database()
    else:
        path = tmp_path / "stats.db"
    open_database(path)
    build_fixture()
    yield path
    close_database()
    if store == "postgresql":
        drop_database(path)


def test_counts_exclude_removed_records(database_file):
    assert counts() == {
        "households": 8,
        "residents": 0,
        "buildings": 1,
        "shops": 0,
        "cadres": 2,
        "assignments": 7,  # live links, one of them to the removed household
        "visits": 6,
        "demands": 11,
        "grid_workers": 0,
        "conflicts": 0,
        "residents_registration_known": 0,
        "residents_living_away": 0,
        "living_away_rate": None,  # nobody's registration is known: nothing to divide by
    }


def test_every_figure_matches_the_hand_count(database_file):
    """The figures of coverage and closure (those of issue 21: tests/test_stats_reported.py)."""
    values = rates(MARCH, today=TODAY)
    assert {key: values[key] for key in COVERAGE_AND_CLOSURE} == {
        "period_from": "2025-03-01",
        "period_to": "2025-03-31",
        "visits_in_period": 5,
        "demands_raised": 9,  # d1–d8, d12
        "demands_accepted": 7,  # not d4 (pending) nor d5 (rejected)
        "demands_closed": 4,  # d1 d2 d6 d9: closed now, closed in March
        "demands_open": 6,  # d3 d4 d7 d8 d12 d10
        "demands_overdue": 4,  # d3 d8 d12 d10
        "coverage_assigned": pytest.approx(6 / 8),
        "coverage_visited": pytest.approx(4 / 6),
        "closure_rate": pytest.approx(3 / 7),  # d1 d2 d6 of the 7 accepted
        "on_time_closure_rate": pytest.approx(2 / 3),  # d2 closed after its deadline
        "satisfaction_rate": pytest.approx(3 / 4),  # d1 d2(last: fairly) d9 of d1 d2 d9 d12
    }


COVERAGE_AND_CLOSURE = (
    "period_from", "period_to", "visits_in_period", "demands_raised", "demands_accepted", "demands_closed",
    "demands_open", "demands_overdue", "coverage_assigned", "coverage_visited", "closure_rate", "on_time_closure_rate",
    "satisfaction_rate",
)


def test_closings_without_a_recorded_outcome_stay_out_of_the_resolution_rate(database_file):
    """d1 d2 d9 were closed without saying how (as every demand closed before issue 21); d6 was solved on the spot."""
    values = rates(MARCH, today=TODAY)
    assert (values["demands_solved"], values["demands_outcome_unknown"]) == (1, 3)
    assert values["resolution_rate"] == 1.0  # 1 solved of the 1 closing whose outcome is known
    assert values["demands_by_source"]["unknown"] == 9  # nobody said where d1–d8, d12 came from


def test_a_period_with_nothing_in_it_gives_no_rate_rather_than_zero(database_file):
    empty = Period(dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    values = rates(empty, today=TODAY)
    assert values["closure_rate"] is None and values["satisfaction_rate"] is None
    assert values["coverage_visited"] == 0
    assert values["demands_open"] == 6  # a stock: the same whatever the period


def test_figures_hold_counts_and_rates(database_file):
    values = figures(MARCH, today=TODAY)
    assert values["households"] == 8 and values["closure_rate"] == pytest.approx(3 / 7)


def test_command_prints_json_for_the_period(database_file, capsys):
    close_database()
    status = run_cli(["--db", str(database_file), "stats", "--json", "--from", "2025-03-01", "--to", "2025-03-31"])
    printed = json.loads(capsys.readouterr().out)
    assert status == 0
    assert printed["demands_raised"] == 9 and printed["closure_rate"] == pytest.approx(3 / 7)
    assert printed["households"] == 8


def test_command_writes_a_workbook(database_file, tmp_path, capsys):
    close_database()
    target = tmp_path / "figures.xlsx"
    status = run_cli(["--db", str(database_file), "stats", "--from", "2025-03-01", "--to", "2025-03-31", "-o", str(target)])
    assert status == 0
    sheet = load_workbook(target).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["closure_rate"][1] == "办结率"
    assert rows["closure_rate"][2] == pytest.approx(3 / 7)
    assert rows["demands_raised"][2] == 9
    assert sheet.cell(row=1, column=1).value == "指标"


@pytest.mark.parametrize(
    "arguments",
    [["--from", "2025-04-01", "--to", "2025-03-01"], ["--from", "2025-02-30"], ["-o", "figures.csv"]],
)
def test_bad_periods_and_files_are_usage_errors(database_file, arguments, capsys):
    close_database()
    assert run_cli(["--db", str(database_file), "stats", *arguments]) == 2
    assert "stats" in capsys.readouterr().err
