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
* after the first file (the shared lists) is merged, untimed: the rest by one workstation,
  and the rest by two workstations at once (two processes, each half the files), each
  into a new master of its own;
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
from as_installed import run_as_installed  # noqa: E402  (this folder: the script's own)

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


def server_cpu(url: str) -> float | None:
    """CPU seconds used so far by the server's processes: its postmaster, every backend that has ended
    (counted into the postmaster's) and every one still running.  None unless the server is on this
    machine and readable here (/proc)."""
    import psycopg2

    try:
        with psycopg2.connect(url) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT setting FROM pg_settings WHERE name = 'data_directory'")
            folder = cursor.fetchone()[0]
        connection.close()
        pid = int(Path(folder, "postmaster.pid").read_text().split()[0])

        def ticks(process, fields: slice) -> int:
            stat = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            return sum(int(value) for value in stat[fields])

        total = ticks(pid, slice(11, 15))  # its own time, and that of the children it has reaped
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            try:
                total += ticks(child, slice(11, 13))
            except OSError:  # ended meanwhile: counted in the postmaster's next time
                pass
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, TypeError, psycopg2.Error):
        return None


def timed(function, *args, url: str | None = None):
    """(wall, CPU seconds of the child and its children, the server's CPU seconds or None, the result's
    third item) of function(*args) in a child process (`_in_child`); the server's are counted for `url`."""
    import resource

    server_before = server_cpu(url) if url else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, peak, extra = _in_child(function, *args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_after = server_cpu(url) if url else None
    client = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    server = None if server_before is None or server_after is None else server_after - server_before
    return wall, client, server, (peak, extra)


def cpu_text(client: float, server: float | None) -> str:
    return f"{client:.1f} + {server:.1f}" if server is not None else f"{client:.1f} + (not counted)"


def two_at_once(paths: list[Path], url: str):
    """Two processes (two workstations) merge halves of `paths` into `url` at once."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    merging = ("import sys; from pathlib import Path; from models.database import open_database; "
               "from sync.exchange.merge import merge_workbooks; installation = open_database(sys.argv[1]); "
               "receipts = merge_workbooks([Path(p) for p in sys.argv[2:]], installation=installation); "
               "sys.exit(0 if all(r.accepted for r in receipts) else 1)")
    started = time.monotonic()
    processes = [subprocess.Popen([sys.executable, "-c", merging, url, *map(str, half)],
                                  cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for half in (paths[0::2], paths[1::2])]
    for process in processes:
        _, error = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(error.strip().splitlines()[-1])
    return time.monotonic() - started, peak_mb(), None


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
    run_as_installed(ROOT)  # its children read compiled bytecode, as an installed Lianxin does
    folder = args.work or Path(tempfile.mkdtemp(prefix="bench-postgres-"))
    folder.mkdir(parents=True, exist_ok=True)
    _server()
    paths = _in_child(make_workbooks, folder, args.files)
    read_s, read_cpu, _, (_, cells) = timed(bare_read, paths)
    bare = _new_database("lianxin_bench_bare")
    copy_s, copy_cpu, copy_server, (_, rows) = timed(bare_copy, paths, bare, url=bare)
    master = _new_database("lianxin_bench_master")
    merge_s, merge_cpu, merge_server, (merge_mb, new) = timed(our_merge, paths, master, url=master)
    one, two = _new_database("lianxin_bench_one"), _new_database("lianxin_bench_two")
    for url in (one, two):  # the first file (the shared lists come with it), untimed
        _in_child(our_merge, paths[:1], url)
    one_s, one_cpu, one_server, _ = timed(our_merge, paths[1:], one, url=one)
    two_s, two_cpu, two_server, _ = timed(two_at_once, paths[1:], two, url=two)
    stats_s, _, (keystrokes, households) = _in_child(figures_and_search, master)
    limit = read_s + copy_s
    print(f"\n{len(paths)} laptop workbooks, {cells:,} cells, {rows:,} rows; {households:,} households on the master")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end; CPU seconds: the "
          "processes of the step and their children + the server's)\n")
    print("| step | wall | CPU s | versus |")
    print("| --- | ---: | ---: | --- |")
    print(f"| bare calamine read | {read_s:.1f} s | {read_cpu:.1f} | |")
    print(f"| bare COPY of the same rows (plain tables) | {copy_s:.1f} s | {cpu_text(copy_cpu, copy_server)} | |")
    print(f"| **the limit** (read + COPY) | {limit:.1f} s | | 1× |")
    print(f"| our merge into an empty master, one workstation | {merge_s:.1f} s, {merge_mb:.0f} MB ({new:,} new) "
          f"| {cpu_text(merge_cpu, merge_server)} | {merge_s / limit:.2f}× the limit |")
    if merge_server is not None:  # bounds from the CPU seconds, not runs: no merge on these cores can be faster
        cores = os.cpu_count() or 1
        floor, workstation = (merge_cpu + merge_server) / cores, merge_cpu / cores
        print(f"| its CPU on this machine's {cores} cores, none ever idle (a bound, not a run) | {floor:.1f} s | "
              f"| {floor / limit:.2f}× the limit |")
        print(f"| the workstation's part of it alone on {cores} cores, were the server another machine (a bound) "
              f"| {workstation:.1f} s | | {workstation / limit:.2f}× the limit |")
    print(f"| after the first file: the rest by one workstation | {one_s:.1f} s | {cpu_text(one_cpu, one_server)} | |")
    print(f"| after the first file: the rest by two workstations at once | {two_s:.1f} s "
          f"| {cpu_text(two_cpu, two_server)} | {one_s / two_s:.2f}× as fast as one |")
    print(f"| stats (the figures), median of 5 | {stats_s * 1000:.0f} ms | | |")
    for label, (text, median, worst, found) in keystrokes.items():
        print(f"| search keystroke: {label} ({text}) | {median * 1000:.1f} ms (worst {worst * 1000:.1f}), {found} found | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
