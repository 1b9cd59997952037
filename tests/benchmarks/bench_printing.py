"""Timings and sizes of the printed documents at the scale the issues name.

Run from the repository root:

    .venv/bin/python tests/benchmarks/bench_printing.py [FOLDER]

Two demo districts are generated into FOLDER (a temporary folder by default;
reused when the databases are already there): 1,200 households for the service
cards (goal: under 5 s) and 15,000 households for the contact handbook (goal:
under 8 s) and the whole district's visit handbooks (goal: under 15 s; about
1,250 cadres, 5,000 pages double-sided).  Each document is rendered 3 times;
the median wall time, the CPU time of that run, the pages and the file size
are printed beside the goal.  Wall time is what a user waits for; CPU time
shows the work when other programs share the machine's two cores.  Times
include reading the data and writing the file; the main font is registered
once beforehand (about 0.4 s, once per process).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.printing import PrintOptions, render_document  # noqa: E402
from models.scope import Scope  # noqa: E402
from desktop.printing.fonts import register_font  # noqa: E402
from models.database import close_database, open_database  # noqa: E402
from models.demo import generate_demo, is_empty  # noqa: E402
from models.records.places import Community  # noqa: E402

CASES = (
    # households, document, options, whole district?, goal in seconds
    (1_200, "cards", PrintOptions(), True, 5.0),
    (1_200, "cards", PrintOptions(backs=True), True, None),
    (1_200, "cards", PrintOptions(print_shop=True, backs=True), True, None),
    (15_000, "handbook", PrintOptions(), True, 8.0),
    (15_000, "handbook", PrintOptions(a5=True), True, None),
    (15_000, "visitbook", PrintOptions(), False, None),  # one community, as an office prints them
    (15_000, "visitbook", PrintOptions(), True, 15.0),
    (15_000, "visitbook", PrintOptions(duplex=False), True, None),
)


def scope_of(whole: bool) -> Scope:
    if whole:
        return Scope()
    first = Community.alive().order_by(Community.name).get()
    return Scope(community=first.uuid)


def district(folder: Path, households: int) -> None:
    open_database(folder / f"district-{households}.db")
    if is_empty():
        generate_demo(households, seed=7)


def describe(kind: str, options: PrintOptions, whole: bool, households: int) -> str:
    extras = [name for name, on in (("A5", options.a5), ("+backs", options.backs), ("print shop", options.print_shop),
                                    ("one-sided", kind == "visitbook" and not options.duplex)) if on]
    where = "" if whole else "one community of "
    return f"{kind} {' '.join(extras)}{' ' if extras else ''}({where}{households:,} households)"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    register_font()
    print(f"{'document':<52} {'median':>8} {'cpu':>7} {'pages':>6} {'size':>9}  goal")
    for households, kind, options, whole, goal in CASES:
        district(folder, households)
        runs = []
        for _ in range(3):
            started, cpu = time.perf_counter(), time.process_time()
            result = render_document(kind, scope_of(whole), folder / f"{kind}-{households}.pdf", options)
            runs.append((time.perf_counter() - started, time.process_time() - cpu))
        close_database()
        median, median_cpu = sorted(runs)[1]
        verdict = "" if goal is None else f"< {goal:.0f} s {'met' if median < goal else 'MISSED'}"
        size = result.path.stat().st_size / 1024 / 1024
        print(f"{describe(kind, options, whole, households):<52} {median:7.2f}s {median_cpu:6.2f}s {result.pages:6d} "
              f"{size:7.2f} MB  {verdict}", flush=True)


if __name__ == "__main__":
    main()
