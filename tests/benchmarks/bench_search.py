"""Benchmark: one search-box keystroke at 350,000 residents, against the designs it replaced.

    python tests/benchmarks/bench_search.py [--db /tmp/lianxin-bench/bench_import.db]

Run `bench_roster_import.py` first (it leaves the imported database), or give any
Lianxin database.  For each query: the median and worst time of `models.registry.search.find`
(50 results, as the search box asks) over repeated runs, and how many it found.
For reference, the same text through `LIKE '%…%'` over names and through an
FTS5 trigram index of names (which finds nothing for one or two characters).
Goal (issue 3): under 30 ms a keystroke, one- and two-character queries included.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from models.database import open_database  # noqa: E402
from models.storage.connection import database  # noqa: E402
from models.registry.search import find  # noqa: E402

REPEAT = 15


def timed(call) -> tuple[float, float, int]:
    times, count = [], 0
    for _ in range(REPEAT):
        started = time.perf_counter()
        count = len(call())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), count


def queries() -> list[tuple[str, str]]:
    name, id_number, phone, address = database.execute_sql(
        "SELECT r.name, r.id_number, r.phone, h.address FROM resident r JOIN household h ON h.uuid = r.household_id "
        "WHERE r.phone != '' AND length(r.name) = 3 LIMIT 1 OFFSET 1000"
    ).fetchone()
    return [
        ("1 hanzi (surname)", name[0]),
        ("1 hanzi (given name)", name[-1]),
        ("2 hanzi", name[:2]),
        ("2 hanzi, inside the name", name[1:]),
        ("whole name", name),
        ("initials, 1 letter", "z"),
        ("initials, 2 letters", "zs"),
        ("initials, 3 letters", "zsm"),
        ("phone tail, 4 digits", phone[-4:]),
        ("phone, whole", phone),
        ("ID number, whole", id_number),
        ("ID number, last 6", id_number[-6:]),
        ("address part, 2 chars", "5号"),
        ("address part, 2 chars inside", address[-4:-2]),  # as a two-character street ("丁街") is asked
        ("address part, 6 chars", address[-6:]),
        ("nothing matches (2 chars)", "鑫鑫"),
        ("nothing matches (4 chars)", "鑫鑫鑫鑫"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/lianxin-bench/bench_import.db"))
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db} not found: run tests/benchmarks/bench_roster_import.py first")
    open_database(args.db)
    residents = database.execute_sql("SELECT count(*) FROM resident").fetchone()[0]
    find("预热")  # indexes anything still queued and warms the cache, as the window's first keystroke would
    database.execute_sql("CREATE VIRTUAL TABLE IF NOT EXISTS temp.name_trigram USING fts5(name, tokenize='trigram')")
    started = time.perf_counter()
    database.execute_sql("INSERT INTO temp.name_trigram (rowid, name) SELECT rowid, name FROM resident")
    trigram_build = time.perf_counter() - started

    print(f"database: {args.db.name}, {residents} residents")
    print(f"{'query':<28}{'text':<22}{'find ms (median/max)':>22}{'found':>7}{'LIKE ms':>9}{'trigram ms':>12}{'found':>7}")
    worst = 0.0
    for label, text in queries():
        median, slowest, found = timed(lambda: find(text))
        worst = max(worst, slowest)
        like, _, _ = timed(lambda: database.execute_sql(
            "SELECT uuid FROM resident WHERE name LIKE ? LIMIT 50", (f"%{text}%",)).fetchall())
        trigram, _, trigram_found = timed(lambda: database.execute_sql(
            "SELECT rowid FROM temp.name_trigram WHERE name_trigram MATCH ? LIMIT 50", (f'"{text}"',)).fetchall())
        print(f"{label:<28}{text:<22}{median:>12.2f} / {slowest:<7.2f}{found:>7}{like:>9.1f}{trigram:>12.2f}{trigram_found:>7}")
    print(f"worst find(): {worst:.1f} ms (goal < 30 ms); trigram index of names built in {trigram_build:.1f} s")


if __name__ == "__main__":
    main()
