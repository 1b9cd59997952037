"""Benchmark: the office master on PostgreSQL — merging laptop workbooks, the figures, a search keystroke.

    LIANXIN_TEST_PG=postgresql://USER@127.0.0.1:PORT/DB python tests/benchmarks/bench_postgres.py --files 30

(`tools/throwaway_postgres.sh start FOLDER` starts a server and prints such a URL.)  The
laptop workbooks are those of `bench_merge.py` (120 households each, cut from one demo
district; `--work FOLDER` keeps and reuses them).  Each measurement runs in a child process:

* the limit: python-calamine reading every sheet of every file, and COPY of the same
  rows into plain tables of the same columns (no keys, no indexes, no checks), one
  transaction per file — what any program must at least do;
* our merge of the files into a new, empty master (receipts, version vectors, conflicts,
  audit, search index), one workstation;
* the same merge by two workstations at once (two processes, each half the files),
  into another new master, after the first file (the shared lists) is merged;
* `stats` (the figures the office reports) on the merged master, median of five;
* one search-box keystroke (`models.registry.search.find`, 50 results) for a name's one
  and two characters, initials, a phone tail and part of an address, median of nine.

The issue's city scale (1.2 million households, 3,000–10,000 workbooks) is for a bigger
machine; this measures what a loaded two-core machine runs in minutes.
"""

from __future__ import annotations

import argparse
import io
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_merge import _in_child, bare_read, make_workbooks, peak_mb, workbook_rows  # noqa: E402


def _server() -> str:
    url = os.environ.get("LIANXIN_TEST_PG")
    if not url:
        raise SystemExit("set LIANXIN_TEST_PG to a PostgreSQL server (tools/throwaway_postgres.sh start FOLDER)")
    return url


def _new_database(name: str) -> str:
    import psycopg2
    from urllib.parse import urlsplit

    url = _server()
    admin = psycopg2.connect(url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return urlsplit(url)._replace(path="/" + name).geturl()


def bare_copy(paths: list[Path], url: str):
    """calamine's rows COPYed into plain text tables of the same columns: the least a merge must do."""
    import psycopg2

    connection = psycopg2.connect(url)
    spent, rows_copied, made = 0.0, 0, set()
    for path in paths:
        batches = workbook_rows(path)
        started = time.monotonic()
        with connection, connection.cursor() as cursor:
            for table, columns, data in batches:
                if table not in made:
                    cursor.execute(f'CREATE TABLE IF NOT EXISTS "{table}" ({", ".join(f"{c!r} text" for c in columns)})'
                                   .replace("'", '"'))
                    made.add(table)
                buffer = io.StringIO()
                csv.writer(buffer, lineterminator="\n").writerows(data)
                buffer.seek(0)
                cursor.copy_expert(f'COPY "{table}" ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)}) '
                                   "FROM STDIN WITH (FORMAT csv)", buffer)
                rows_copied += len(data)
        spent += time.monotonic() - started
    connection.close()
    return spent, peak_mb(), rows_copied


def our_merge(paths: list[Path], url: str):
    from models.database import close_database, open_database
    from sync.exchange.merge import merge_workbooks

    installation = open_database(url)
    started = time.monotonic()
    receipts = merge_workbooks(paths, installation=installation)
    elapsed = time.monotonic() - started
    close_database()
    assert all(r.accepted for r in receipts), [r.refused for r in receipts if not r.accepted][:1]
    return elapsed, peak_mb(), sum(r.new for r in receipts)


def two_workstations(paths: list[Path], url: str):
    """The first file (the shared lists come with it) merged, then two processes merge halves of the rest at once."""
    our_merge(paths[:1], url)
    rest = paths[1:]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.monotonic()
    merging = ("import sys; from pathlib import Path; from models.database import open_database; "
               "from sync.exchange.merge import merge_workbooks; installation = open_database(sys.argv[1]); "
               "receipts = merge_workbooks([Path(p) for p in sys.argv[2:]], installation=installation); "
               "sys.exit(0 if all(r.accepted for r in receipts) else 1)")
    processes = [subprocess.Popen([sys.executable, "-c", merging, url, *map(str, half)],
                                  cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for half in (rest[0::2], rest[1::2])]
    for process in processes:
        _, error = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(error.strip().splitlines()[-1])
    return time.monotonic() - started, peak_mb(), None


def figures_and_search(url: str):
    from models.database import close_database, open_database
    from models.registry.search import find, initials
    from models.storage.connection import database

    open_database(url, create=False)
    stats_times = []
    for _ in range(5):
        started = time.monotonic()
        _stats()
        stats_times.append(time.monotonic() - started)
    name, phone = database.execute_sql("SELECT name, phone FROM resident WHERE length(name) = 3 AND phone != '' "
                                       "ORDER BY uuid LIMIT 1").fetchone()
    address = database.execute_sql("SELECT address FROM household ORDER BY uuid LIMIT 1").fetchone()[0]
    find(name)  # the queue indexed before timing
    keystrokes = {}
    for label, text in (("one hanzi", name[:1]), ("two hanzi", name[1:]), ("initials", initials(name)),
                        ("phone tail", phone[-4:]), ("address part", address[-6:]), ("two-character address", address[:2])):
        times = []
        for _ in range(9):
            started = time.monotonic()
            found = find(text)
            times.append(time.monotonic() - started)
        keystrokes[label] = (text, statistics.median(times), max(times), len(found))
    households = database.execute_sql("SELECT count(*) FROM household").fetchone()[0]
    close_database()
    return statistics.median(stats_times), peak_mb(), (keystrokes, households)


def _stats():
    """What `lianxin stats --json` counts: this month's figures for everything."""
    import datetime as dt

    from desktop.operations.figures import count_figures
    from models.registry.coverage import Period

    return count_figures(period=Period.month_of(dt.date.today())).value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=30, help="laptop workbooks (120 households each)")
    parser.add_argument("--work", type=Path, help="folder for the workbooks (default: a temporary one)")
    args = parser.parse_args(argv)
    folder = args.work or Path(tempfile.mkdtemp(prefix="bench-postgres-"))
    folder.mkdir(parents=True, exist_ok=True)
    _server()
    paths = _in_child(make_workbooks, folder, args.files)
    read_s, _, cells = _in_child(bare_read, paths)
    copy_s, _, rows = _in_child(bare_copy, paths, _new_database("lianxin_bench_bare"))
    master = _new_database("lianxin_bench_master")
    merge_s, merge_mb, new = _in_child(our_merge, paths, master)
    two_s, _, _ = _in_child(two_workstations, paths, _new_database("lianxin_bench_two"))
    one_rest_s, _, _ = _in_child(our_merge_rest_timed, paths, _new_database("lianxin_bench_one"))
    stats_s, _, (keystrokes, households) = _in_child(figures_and_search, master)
    limit = read_s + copy_s
    print(f"\n{len(paths)} laptop workbooks, {cells:,} cells, {rows:,} rows; {households:,} households on the master\n")
    print("| step | time | versus |")
    print("| --- | ---: | --- |")
    print(f"| bare calamine read | {read_s:.1f} s | |")
    print(f"| bare COPY of the same rows (plain tables) | {copy_s:.1f} s | |")
    print(f"| **the limit** (read + COPY) | {limit:.1f} s | 1× |")
    print(f"| our merge into an empty master, one workstation | {merge_s:.1f} s, {merge_mb:.0f} MB ({new:,} new) "
          f"| {merge_s / limit:.2f}× the limit |")
    print(f"| after the first file: the rest by one workstation | {one_rest_s:.1f} s | |")
    print(f"| after the first file: the rest by two workstations at once | {two_s:.1f} s "
          f"| {one_rest_s / two_s:.2f}× as fast as one |")
    print(f"| stats (the figures), median of 5 | {stats_s * 1000:.0f} ms | |")
    for label, (text, median, worst, found) in keystrokes.items():
        print(f"| search keystroke: {label} ({text}) | {median * 1000:.1f} ms (worst {worst * 1000:.1f}), {found} found | |")
    return 0


def our_merge_rest_timed(paths: list[Path], url: str):
    """The first file merged untimed, then the rest by one workstation (the baseline of `two_workstations`)."""
    our_merge(paths[:1], url)
    return our_merge(paths[1:], url)


if __name__ == "__main__":
    sys.exit(main())
