"""A district built to match the figures Heping (天津市和平区) reported in its 2023 article.

  2,045 enterprises linked and visited; their 577 problems, resolution 98.27 %, satisfaction 99.75 %
  657 disputes accepted, 591 closed (89.9 %)
  864 grid workers reported 821 items, all accepted, closure 94.6 %
  215 whistles, 183 solved

Everything happens in November 2023 and goes through the models' own rules (raise, accept,
dispatch, close, return visit), so `lianxin stats --json` has to count it as the office would.
The groups do not overlap; the counts that make the rates are:

  problems: 577 raised at enterprise visits, all closed in the month: 567 solved, 7 answered,
            3 unsolvable; 400 of them called back, the last answer satisfied or fairly for 399
            (one answered problem: dissatisfied, reopened, answered again)   → 567/577, 399/400
  disputes: 657 accepted (邻里纠纷, dispute family), 591 closed, 66 in progress  → 591/657
  reports:  821 raised by the 864 grid workers (网格员上报), 777 closed          → 777/821
  whistles: 215 demands dispatched to two units at once: 183 closed solved, 20 closed
            answered, 12 in progress                                      → 183 of 215
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from models.database import close_database, open_database
from models.storage.connection import database
from models.work.demands import DispatchTarget, accept, close, dispatch, raise_demand, record_return_visit
from models.records.people import Cadre, Household, ResponsibleUnit, Shop
from models.records.places import Building
from models.work.reference_lists import save_category
from models.work.visits import RaisedItem, record_visit
from models.records.work import Demand

from tests.places import new_grid

START, END = dt.date(2023, 11, 1), dt.date(2023, 11, 30)

ENTERPRISES = 2045
PROBLEMS, SOLVED, ANSWERED, UNSOLVABLE = 577, 567, 7, 3
CALLED_BACK = 400  # one of them dissatisfied
DISPUTES, DISPUTES_CLOSED = 657, 591
GRID_WORKERS, REPORTS, REPORTS_CLOSED = 864, 821, 777
WHISTLES, WHISTLES_SOLVED, WHISTLES_ANSWERED = 215, 183, 20


def day(number: int) -> dt.date:
    return START + dt.timedelta(days=number % 20)  # 11-01 … 11-20, the rest of the month for closing


def build(path: Path) -> None:
    """Write the district into a new database at `path` (closed again when done)."""
    open_database(path)
    try:
        with database.atomic():
            _build()
    finally:
        close_database()


def _build() -> None:
    grid = new_grid("和平第一网格")
    buildings = [Building.create(grid=grid, name=f"{n}号楼") for n in range(1, 41)]
    homes = [Household.create(grid=grid, building=buildings[n % 40], room=f"{n:03d}", address=f"和平里{n % 40 + 1}号楼{n}")
             for n in range(400)]
    cadre = Cadre.create(name="区级包联干部")
    workers = [Cadre.create(name=f"网格员{n:03d}", role="grid_worker", grid=grid) for n in range(GRID_WORKERS)]
    disputes = save_category("邻里纠纷", family="dispute")
    housing, city = ResponsibleUnit.create(name="区住建委"), ResponsibleUnit.create(name="城市管理委")
    home = itertools.cycle(homes)

    # Enterprises: every one visited; the first 577 visits brought one problem each.
    problems = []
    for number in range(ENTERPRISES):
        shop = Shop.create(grid=grid, building=buildings[number % 40], name=f"企业{number:04d}")
        raised = [RaisedItem(f"企业{number:04d}：用工与政策帮扶")] if number < PROBLEMS else []
        visit = record_visit(None, [cadre], shop=shop, visited_on=day(number), raised=raised)
        if raised:
            problems.append(accept(visit.demands.get(), day(number)))
    outcomes = ["solved"] * SOLVED + ["answered"] * ANSWERED + ["unsolvable"] * UNSOLVABLE
    for problem, outcome in zip(problems, outcomes):
        close(problem, day(problem.raised_on.day - 1) + dt.timedelta(days=2), outcome=outcome,
              reason="不属于政策扶持范围" if outcome == "unsolvable" else "")
    called = problems[:CALLED_BACK - 1] + [problems[SOLVED]]  # 399 solved ones and the first answered one
    for problem in called[:-1]:
        record_return_visit(Demand.get_by_id(problem.uuid), "satisfied", on=problem.closed_on + dt.timedelta(days=1))
    unhappy = Demand.get_by_id(called[-1].uuid)
    record_return_visit(unhappy, "dissatisfied", on=unhappy.closed_on + dt.timedelta(days=1))  # reopens it
    close(Demand.get_by_id(unhappy.uuid), END, outcome="answered")

    # Disputes: 657 accepted, 591 of them closed.
    for number in range(DISPUTES):
        dispute = accept(raise_demand(next(home), f"邻里纠纷{number}", category=disputes, source="walk_in",
                                      raised_on=day(number)), day(number))
        if number < DISPUTES_CLOSED:
            close(dispute, day(number) + dt.timedelta(days=5), outcome="solved", mediation="succeeded")

    # Grid workers' reports: 821, all accepted, 777 closed.
    for number in range(REPORTS):
        report = accept(raise_demand(next(home), f"网格员上报{number}", source="grid_report",
                                     recorded_by=workers[number % GRID_WORKERS], raised_on=day(number)), day(number))
        if number < REPORTS_CLOSED:
            close(report, day(number) + dt.timedelta(days=3), outcome="solved")

    # Whistles: 215 demands sent to two units at once.
    units = [DispatchTarget(housing), DispatchTarget(city)]
    for number in range(WHISTLES):
        whistle = raise_demand(next(home), f"吹哨{number}", source="hotline", raised_on=day(number))
        dispatch(whistle, units, on=day(number))
        if number < WHISTLES_SOLVED + WHISTLES_ANSWERED:
            close(whistle, day(number) + dt.timedelta(days=6),
                  outcome="solved" if number < WHISTLES_SOLVED else "answered")
