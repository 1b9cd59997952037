"""Timings of the dashboard and the 工作台 at district scale (the 120,000-household demo), beside their limits.

Run from the repository root:

    .venv/bin/python tests/benchmarks/bench_dashboard.py [WORKDIR]

The demo district is made once with `lianxin --db WORKDIR/district.db demo --households 120000` (25–70 s) and
kept in WORKDIR (default: the system's temporary folder, lianxin-bench-dashboard/) for the next run.  Prints
the median of 5 runs of each step in milliseconds, and the limit it must keep where issue 17 sets one:

* a refresh of the dashboard — what the window counts after a visit or a demand changes, or for another period:
  the breakdowns with the coverage stock kept (models/figures/breakdowns.py) — ≤ 300 ms;
* the same with the stock read first (after a household, a link or a cadre changed), and a period and scope
  already counted (the window's cache: no count at all);
* the 工作台's cards, for the office and for the busiest cadre;
* the window: shown, then the 工作台 filled in from its background read (office view, charts drawn).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from as_installed import run_as_installed  # noqa: E402  (this folder: the script's own)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HOUSEHOLDS = 120_000
RUNS = 5


def timed(label: str, work, limit: str = "") -> float:
    """Median wall time (and the process's CPU time: on a shared machine the wall time waits for other work)."""
    runs, cpu = [], []
    for _ in range(RUNS):
        started, used = time.perf_counter(), time.process_time()
        work()
        runs.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    median = statistics.median(runs)
    print(f"| {label:<58} | {median:9.1f} ms | {statistics.median(cpu):7.1f} ms | {limit:>9} |")
    return median


def district(workdir: Path) -> Path:
    path = workdir / "district.db"
    if not path.exists():
        workdir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desktop", "--db", str(path), "demo", "--households", str(HOUSEHOLDS)],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        print(f"demo district made in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def window_fill(path: Path) -> tuple[float, float]:
    """(ms until the window is shown, ms more until the office's 工作台 shows its cards and charts)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from models.workbench import OFFICE, choose_user
    from ui.app import create_application, open_main_window
    from ui.settings import AppSettings

    app = QApplication.instance() or create_application()
    choose_user(OFFICE)
    settings = AppSettings(QSettings(str(path.with_suffix(".ini")), QSettings.IniFormat))
    started = time.perf_counter()
    window = open_main_window(path, settings)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    shown = time.perf_counter()
    home = window.sections["home"]
    while home.todo is None or home.dashboard.values is None:
        app.processEvents()
        time.sleep(0.002)
    home.dashboard.repaint()
    filled = time.perf_counter()
    window.context.jobs.wait_all()
    window.close()
    return (shown - started) * 1000, (filled - shown) * 1000


def main() -> None:
    run_as_installed(ROOT)  # its children read compiled bytecode, as an installed Lianxin does
    workdir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "lianxin-bench-dashboard"
    path = district(workdir)
    from models.figures.breakdowns import breakdowns, coverage_stock
    from models.registry.coverage import Period
    from models.database import close_database, open_database
    from models.records.people import Cadre
    from models.records.places import Community
    from models.scope import Scope
    from models.records.work import Demand, Visit
    from models.workbench import todo

    open_database(path, create=False)
    today = dt.date.today()
    month = Period.month_to_date(today)
    quarter = Period.quarter_of(today)
    everything = Scope()
    community = Scope.of(Community.alive().first())
    busiest = max(Cadre.alive(), key=lambda cadre: cadre.assignments.count())
    print(f"{Visit.alive().count():,} visits, {Demand.alive().count():,} demands, {Cadre.alive().count():,} cadres; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| step | ours, wall (median of 5) | CPU | limit |\n| --- | ---: | ---: | ---: |")
    stock = coverage_stock(everything)
    timed("dashboard refresh, district, this month (stock kept)", lambda: breakdowns(month, today, everything, stock),
          "300 ms")
    timed("dashboard refresh, district, this quarter (stock kept)",
          lambda: breakdowns(quarter, today, everything, stock), "300 ms")
    community_stock = coverage_stock(community)
    timed("dashboard refresh, one community (stock kept)",
          lambda: breakdowns(month, today, community, community_stock), "300 ms")
    timed("dashboard, district, stock read first", lambda: breakdowns(month, today, everything))
    timed("工作台 cards, office (demands; coverage comes with the dashboard)",
          lambda: todo(everything, month, today, coverage=False))
    timed("工作台 cards, the busiest cadre", lambda: todo(Scope(cadre=busiest.uuid), month, today))
    close_database()
    open_database(path, create=False)
    shown, filled = window_fill(path)
    print(f"| {'window shown (offscreen, open_main_window → show)':<58} | {shown:9.1f} ms | | |")
    print(f"| {'… then the 工作台 filled in (cards and charts drawn)':<58} | {filled:9.1f} ms | | |")
    close_database()


if __name__ == "__main__":
    main()
