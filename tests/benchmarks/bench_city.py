"""Benchmark: a city's office master on PostgreSQL — merging laptop workbooks into it, its figures, a keystroke.

    LIANXIN_TEST_PG=postgresql://USER@127.0.0.1:PORT/DB nice -n 10 python tests/benchmarks/bench_city.py
    … --districts 2 --laptops 400 --merge-files 100     # a smaller city, to try it

Issue 20's city: 10 districts of 120,000 households (1.2 million households, about 3.5
million residents, with their visits, demands and cadres), and 3,000 laptop workbooks of
120 households each.  Generating them is the slow part and is done once:

* the master is the database `lianxin_city_<districts>x<households>` on the server, filled
  district by district by the demo generator (`models.demo`, one transaction per district,
  its search index built as it writes), each with its own seed; the lists every district
  shares (categories, responsible units: their ids derive from their names) come with the
  first.  A marker in the cache folder (default /tmp/lianxin-city) says the master is
  complete and how long it took; a later run reuses it;
* the laptops' workbooks are cut from a demo district of their own (`bench_merge.make_workbooks`,
  kept in the cache folder): records the master does not hold yet, as a city's first merge
  of a new district's laptops.

Then, each in a child process, wall time beside CPU seconds (the machine is shared):

* the limit: python-calamine reading the merged files, and COPY of the same rows into
  plain tables of the same columns (no keys, indexes or checks), one transaction per file;
* our merge of `--merge-files` workbooks into the city master by one workstation (into a
  copy of the cached master, made for each run);
* the next `--merge-files` workbooks by two workstations at once (two processes, half each);
* `stats` for the city (median of 5) and a search-box keystroke (median of 9).

CPU seconds count this process's children (merge processes and their readers) and the
server (its postmaster and every backend, read from /proc: the server must be on this
machine, else they are left out and the table says so).  The first laptop file (the
laptops' shared lists) is merged before any timing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from as_installed import run_as_installed  # noqa: E402  (this folder: the script's own)

from bench_merge import _in_child, bare_read, make_workbooks  # noqa: E402
from bench_postgres import _new_database, _server, bare_copy, cpu_text, figures_and_search, our_merge, timed, two_at_once  # noqa: E402

SHARED_LISTS = ("demand_category", "responsible_unit")  # ids derived from names: written by the first district only


def _database_exists(name: str) -> bool:
    import psycopg2

    with psycopg2.connect(_server()) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return cursor.fetchone() is not None


def _url_of(name: str) -> str:
    return urlsplit(_server())._replace(path="/" + name).geturl()


def generate_city(url: str, districts: int, households: int) -> dict:
    """Fill the new master at `url` district by district; returns the seconds and counts of each."""
    import datetime as dt

    from models.database import close_database, open_database
    from models.demo import DemoGenerator
    from models.progress import Progress
    from models.storage.connection import database

    open_database(url)
    spent = []
    for number in range(districts):
        started, cpu = time.monotonic(), time.process_time()
        generator = DemoGenerator(households, seed=101 + number, today=dt.date.today())
        generator.build(Progress())
        if number:
            for table in SHARED_LISTS:
                generator.rows.tables[table][1].clear()
        generator.write(Progress())
        spent.append((time.monotonic() - started, time.process_time() - cpu))
        print(f"city: district {number + 1}/{districts} in {spent[-1][0]:.0f} s ({spent[-1][1]:.0f} CPU s here)",
              file=sys.stderr, flush=True)
    counts = {table: database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
              for table in ("household", "resident", "visit", "demand", "cadre")}
    close_database()
    return {"districts": spent, "counts": counts}


def city_master(cache: Path, districts: int, households: int) -> tuple[str, dict]:
    """The city master's URL, generated unless a complete one is cached."""
    name = f"lianxin_city_{districts}x{households}"
    marker = cache / f"{name}.json"
    if marker.exists() and _database_exists(name):
        print(f"setup: reusing the city master {name}", file=sys.stderr)
        return _url_of(name), json.loads(marker.read_text())
    url = _new_database(name)
    started = time.monotonic()
    made = _in_child(_generate_in_child, url, districts, households)
    made["seconds"] = time.monotonic() - started
    marker.write_text(json.dumps(made))
    return url, made


def working_copy(master: str) -> str:
    """A copy of the cached master to merge into (CREATE DATABASE … TEMPLATE): the cached one stays as
    generated, so a later run merges the same workbooks into the same city."""
    import psycopg2

    name = "lianxin_city_work"
    admin = psycopg2.connect(_server())
    admin.autocommit = True
    started = time.monotonic()
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{urlsplit(master).path.lstrip("/")}"')
    admin.close()
    print(f"setup: a working copy of the city master in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return _url_of(name)


def _generate_in_child(url: str, districts: int, households: int) -> dict:
    return generate_city(url, districts, households)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--households", type=int, default=120_000, help="households per district")
    parser.add_argument("--laptops", type=int, default=1_000, help="laptop workbooks to generate (120 households each)")
    parser.add_argument("--merge-files", type=int, default=300, help="workbooks merged by one, then by two workstations")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/lianxin-city"))
    parser.add_argument("--generate-only", action="store_true", help="generate (or find) the master and the workbooks")
    parser.add_argument("--master-only", action="store_true", help="generate (or find) the master only")
    args = parser.parse_args(argv)
    run_as_installed(ROOT)  # its children read compiled bytecode, as an installed Lianxin does
    args.cache.mkdir(parents=True, exist_ok=True)
    _server()
    master, made = city_master(args.cache, args.districts, args.households)
    if args.master_only:
        print(json.dumps(made, indent=1))
        return 0
    started = time.monotonic()
    paths = _in_child(make_workbooks, args.cache, args.laptops)
    laptops_s = time.monotonic() - started
    if args.generate_only:
        print(json.dumps(made, indent=1))
        return 0
    first, one, two = paths[0], paths[1:1 + args.merge_files], paths[1 + args.merge_files:1 + 2 * args.merge_files]
    if len(two) < args.merge_files:
        raise SystemExit(f"--laptops {args.laptops} is too few for two rounds of --merge-files {args.merge_files}")
    master = working_copy(master)
    read_s, read_cpu, _, (_, cells) = timed(bare_read, one)
    bare = _new_database("lianxin_city_bare")
    copy_s, copy_cpu, copy_server, (_, rows) = timed(bare_copy, one, bare, url=bare)
    _in_child(our_merge, [first], master)
    merge_s, merge_cpu, merge_server, (merge_mb, new) = timed(our_merge, one, master, url=master)
    two_s, two_cpu, two_server, _ = timed(two_at_once, two, master, url=master)
    stats_s, _, (keystrokes, households) = _in_child(figures_and_search, master)
    limit = read_s + copy_s

    counts = made["counts"]
    print(f"\nThe city master: {args.districts} districts, {counts['household']:,} households, "
          f"{counts['resident']:,} residents, {counts['visit']:,} visits, {counts['demand']:,} demands "
          f"(generated in {made['seconds'] / 60:.1f} min); {households:,} households after the merges.")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end; CPU seconds: the processes "
          "of the step and their children + the server's)")
    print(f"{len(paths):,} laptop workbooks (generated in {laptops_s / 60:.1f} min, or reused); each merge below takes "
          f"{args.merge_files} of them ({cells:,} cells, {rows:,} rows), new to the master.\n")
    print("| step | wall | CPU s (client + server) | versus |")
    print("| --- | ---: | ---: | --- |")
    print(f"| bare calamine read | {read_s:.1f} s | {read_cpu:.1f} | |")
    print(f"| bare COPY of the same rows (plain tables) | {copy_s:.1f} s | {cpu_text(copy_cpu, copy_server)} | |")
    print(f"| **the limit** (read + COPY) | {limit:.1f} s | | 1× |")
    print(f"| our merge into the city master, one workstation | {merge_s:.1f} s, {merge_mb:.0f} MB ({new:,} new) "
          f"| {cpu_text(merge_cpu, merge_server)} | {merge_s / limit:.2f}× the limit |")
    print(f"| the next {args.merge_files} by two workstations at once | {two_s:.1f} s | {cpu_text(two_cpu, two_server)} "
          f"| {merge_s / two_s:.2f}× as fast as one |")
    print(f"| stats for the city, median of 5 | {stats_s * 1000:.0f} ms | | goal < 2 s |")
    for label, (text, median, worst, found) in keystrokes.items():
        print(f"| search keystroke: {label} ({text}) | {median * 1000:.1f} ms (worst {worst * 1000:.1f}), "
              f"{found} found | | goal < 50 ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
