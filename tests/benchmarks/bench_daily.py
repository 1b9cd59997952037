"""Timings of the daily-work queries at district scale (120,000 households, ~100,000 visits, ~20,000 demands).

Run from the repository root:

    /work/venv/bin/python tests/benchmarks/bench_daily.py [DATABASE]

Without DATABASE a demo district is generated into a temporary file (a few
minutes); with one that exists it is reused.  Prints the median of 3 runs of
each query, in milliseconds, the way a list asks for it: a count and the first
page.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.registry.assignments import cadre_households, cadre_load_query, cadre_loads  # noqa: E402
from models.registry.coverage import Period, coverage, coverage_by_grid, unlinked_households, unvisited_households  # noqa: E402
from models.database import close_database, open_database  # noqa: E402
from models.work.demands import DemandFilter, count_demands, demand_list  # noqa: E402
from models.demo import generate_demo, is_empty  # noqa: E402
from models.records.people import Cadre  # noqa: E402
from models.records.places import Community  # noqa: E402
from models.scope import Scope  # noqa: E402
from models.figures.stats import figures  # noqa: E402
from models.records.work import Demand, Visit  # noqa: E402

HOUSEHOLDS = 120_000
PAGE = 200


def timed(label: str, work) -> None:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        work()
        runs.append((time.perf_counter() - started) * 1000)
    print(f"{label:<52} {statistics.median(runs):8.1f} ms")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "district.db"
    open_database(path)
    if is_empty():
        started = time.perf_counter()
        generate_demo(HOUSEHOLDS, seed=1)
        print(f"demo district generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(f"{Visit.alive().count()} visits, {Demand.alive().count()} demands")
    month = Period.month_to_date()
    quarter = Period.quarter_of(month.end)
    community = Community.select().first()
    busiest = max(cadre_loads(), key=lambda pair: pair[1])[0]
    timed("coverage, everywhere, this month", lambda: coverage(Scope(), month))
    timed("coverage, everywhere, this quarter", lambda: coverage(Scope(), quarter))
    timed("coverage, one community", lambda: coverage(Scope.of(community), month))
    timed("coverage by grid, everywhere", lambda: coverage_by_grid(Scope(), month))
    timed("unlinked households, first page", lambda: list(unlinked_households(Scope()).limit(PAGE)))
    timed("unvisited households this month, first page", lambda: list(unvisited_households(Scope(), month).limit(PAGE)))
    timed("cadre list with loads, first page", lambda: list(cadre_load_query().limit(PAGE)))
    timed("cadre loads, all cadres", lambda: cadre_loads())
    timed("one cadre's households with last visit", lambda: list(cadre_households(busiest)))
    everything = DemandFilter()
    timed("demand list: count", lambda: count_demands(everything))
    timed("demand list: first page", lambda: list(demand_list(everything).limit(PAGE)))
    timed("demand list: page 50", lambda: list(demand_list(everything).offset(50 * PAGE).limit(PAGE)))
    overdue = DemandFilter(overdue_only=True)
    timed("overdue demands: count + first page", lambda: (count_demands(overdue), list(demand_list(overdue).limit(PAGE))))
    awaiting = DemandFilter(awaiting_return_visit=True)
    timed("awaiting return visit: count + first page", lambda: (count_demands(awaiting), list(demand_list(awaiting).limit(PAGE))))
    text = DemandFilter(text="楼道灯")
    timed("demands matching text: count + first page", lambda: (count_demands(text), list(demand_list(text).limit(PAGE))))
    timed("lianxin stats figures", lambda: figures())
    print(f"{Cadre.alive().count()} cadres; the busiest has {len(list(cadre_households(busiest)))} households")
    close_database()


if __name__ == "__main__":
    main()
