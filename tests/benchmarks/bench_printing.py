"""Timings and sizes of the printed documents at the scale the issue names.

Run from the repository root:

    /work/venv/bin/python tests/benchmarks/bench_printing.py [FOLDER]

Two demo districts are generated into FOLDER (a temporary folder by default;
reused when the databases are already there): 1,200 households for the service
cards (goal: under 5 s) and 15,000 households for the contact handbook (goal:
under 8 s).  Each document is rendered 3 times; the median, the pages and the
file size are printed, plus the visit handbooks of one community (about 1,900
households, 170 cadres) of the larger district, as an office prints them.
Times include reading the data and writing the file, as a user waits for them;
the font is registered once beforehand (about 0.4 s, once per process).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.printing import PrintOptions, Scope, render_document  # noqa: E402
from desktop.printing.fonts import register_font  # noqa: E402
from models.database import close_database, open_database  # noqa: E402
from models.demo import generate_demo, is_empty  # noqa: E402
from models.places import Community  # noqa: E402

CASES = (
    # households, document, options, goal in seconds
    (1_200, "cards", PrintOptions(), 5.0),
    (1_200, "cards", PrintOptions(backs=True), None),
    (15_000, "handbook", PrintOptions(), 8.0),
    (15_000, "handbook", PrintOptions(a5=True), None),
    (15_000, "visitbook", PrintOptions(), None),  # for the first community only, see `scope_of`
)


def scope_of(kind: str) -> Scope:
    """Everything, except visit handbooks: those are printed per community."""
    if kind != "visitbook":
        return Scope()
    first = Community.alive().order_by(Community.name).get()
    return Scope(community_ids=(first.uuid,))


def district(folder: Path, households: int) -> None:
    open_database(folder / f"district-{households}.db")
    if is_empty():
        generate_demo(households, seed=7)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    register_font()
    print(f"{'document':<48} {'median':>8} {'pages':>6} {'size':>9}  goal")
    for households, kind, options, goal in CASES:
        district(folder, households)
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            result = render_document(kind, scope_of(kind), folder / f"{kind}-{households}.pdf", options)
            runs.append(time.perf_counter() - started)
        close_database()
        median = statistics.median(runs)
        where = "one community of " if kind == "visitbook" else ""
        label = f"{kind} {'A5 ' if options.a5 else ''}{'+backs ' if options.backs else ''}({where}{households:,} households)"
        verdict = "" if goal is None else f"< {goal:.0f} s {'met' if median < goal else 'MISSED'}"
        size = result.path.stat().st_size / 1024 / 1024
        print(f"{label:<48} {median:7.2f}s {result.pages:6d} {size:7.2f} MB  {verdict}")


if __name__ == "__main__":
    main()
