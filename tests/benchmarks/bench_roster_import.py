"""Benchmark: importing a district's roster against the bare cost of reading and writing it.

    python tests/benchmarks/bench_roster_import.py [--households 120000] [--workdir /tmp/lianxin-bench]

Measures, each in its own process so each peak memory is its own:

1. bare read: python-calamine loads the sheet and gives every row (`to_python`);
2. bare write: one `sqlite3.executemany` transaction of the same households and
   residents (text UUID keys, the frozen schema of m0001, WAL, synchronous=NORMAL);
3. `lianxin import-roster FILE` into an empty database (read, check every row,
   match, write, index for search, one transaction);
4. the same import again (must write nothing).

The goal (issue 3): (3) ≤ 1.5 × ((1) + (2)) and peak memory < 400 MB.  With
`--rounds N` all four are measured N times, one after the other, and each
round's ratio is printed with their median: on a machine whose speed drifts,
a ratio is only fair within one round.
The roster is written once with openpyxl (write-only) and kept in the workdir.
CPU seconds are printed beside wall seconds: on a machine shared with other work
they show what the process itself cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable

BARE_READ = """
import sys, python_calamine
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
rows = book.get_sheet_by_index(0).to_python()
print(len(rows))
"""

BARE_WRITE = """
import sqlite3, sys, uuid, time
sys.path.insert(0, sys.argv[3])
from models.migrations.m0001_initial import STATEMENTS
import python_calamine
rows = python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()[3:-3]
households, residents, seen = [], [], {}
for r in rows:
    key = (r[7], r[9], r[10], r[11])
    if key not in seen:
        seen[key] = str(uuid.uuid4())
        households.append((seen[key], 1, "d", "{}", 0, "g", "b", None, r[11], "".join(map(str, key)), "", "", ""))
    residents.append((str(uuid.uuid4()), 1, "d", "{}", 0, seen[key], r[1], r[2], r[3], None, r[4], r[5], r[6], "", r[12]))
del rows
db = sqlite3.connect(sys.argv[2], isolation_level=None)
for pragma in ("journal_mode=wal", "synchronous=normal", "cache_size=-64000", "temp_store=memory"):
    db.execute("PRAGMA " + pragma)
for statement in STATEMENTS:
    db.execute(statement)
started = time.perf_counter()
db.execute("BEGIN")
db.executemany("INSERT INTO household VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", households)
db.executemany("INSERT INTO resident VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", residents)
db.execute("COMMIT")
print(f"{time.perf_counter() - started:.2f}")
"""


def measure(arguments: list[str]) -> tuple[float, int, str, float]:
    """(seconds, peak MB, stdout, CPU seconds) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    output = process.stdout.read().decode()
    process.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(arguments)}\n{output}")
    return elapsed, usage.ru_maxrss // 1024, output, usage.ru_utime + usage.ru_stime


def _megabytes(database: Path) -> int:
    """The database and its write-ahead log, as left on disk."""
    return round(sum(Path(f"{database}{suffix}").stat().st_size for suffix in ("", "-wal")
                     if Path(f"{database}{suffix}").exists()) / 1e6)


def ensure_roster(workdir: Path, households: int) -> Path:
    path = workdir / f"roster_{households // 1000}k.xlsx"
    if not path.exists():
        from tests.roster_fixtures import roster_rows, write_roster_xlsx

        print(f"writing {path} (once)…", file=sys.stderr)
        rows = roster_rows(households, seed=7)
        write_roster_xlsx(path.with_suffix(".tmp.xlsx"), rows, write_only=True)
        path.with_suffix(".tmp.xlsx").rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=120_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/lianxin-bench"))
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure everything this many times, one after the other, and give each round's "
                             "ratio (a shared machine's speed drifts); the table shows the last round")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    roster = ensure_roster(args.workdir, args.households)
    database = args.workdir / "bench_import.db"
    bare_db = args.workdir / "bench_bare.db"
    rounds = []
    for _ in range(args.rounds):
        for stale in list(args.workdir.glob("bench_import.db*")) + list(args.workdir.glob("bench_bare.db*")):
            stale.unlink()
        read_s, read_mb, read_out, read_cpu = measure([PYTHON, "-c", BARE_READ, str(roster)])
        _, write_mb, write_out, _ = measure([PYTHON, "-c", BARE_WRITE, str(roster), str(bare_db), str(ROOT)])
        write_s = float(write_out.strip())
        import_command = [PYTHON, "-m", "desktop", "--db", str(database), "import-roster", str(roster)]
        ours_s, ours_mb, ours_out, ours_cpu = measure(import_command)
        again_s, again_mb, again_out, again_cpu = measure(import_command)
        rounds.append((read_s, write_s, ours_s, again_s))

    rows = int(read_out.strip())
    print(f"roster: {roster.name}, {args.households} households, {rows} sheet rows, {roster.stat().st_size / 1e6:.1f} MB")
    print(f"{'step':<44}{'seconds':>10}{'CPU s':>8}{'peak MB':>10}")
    print(f"{'bare read (calamine to_python)':<44}{read_s:>10.1f}{read_cpu:>8.1f}{read_mb:>10}")
    print(f"{'bare write (sqlite3.executemany, timed part)':<44}{write_s:>10.1f}{'':>8}{write_mb:>10}")
    print(f"{'lianxin import-roster (whole process)':<44}{ours_s:>10.1f}{ours_cpu:>8.1f}{ours_mb:>10}")
    print(f"{'same roster again (writes nothing)':<44}{again_s:>10.1f}{again_cpu:>8.1f}{again_mb:>10}")
    print(f"ratio import / (bare read + bare write) = {ours_s / (read_s + write_s):.2f} (goal ≤ 1.5)")
    print(f"peak memory of the import: {ours_mb} MB (goal < 400 MB)")
    print(f"database written: ours {_megabytes(database)} MB (registry and search index), "
          f"bare {_megabytes(bare_db)} MB (households and residents only)")
    print("summary of the import:", " | ".join(ours_out.strip().splitlines()[:4]))
    print("summary of the re-import:", " | ".join(again_out.strip().splitlines()[:4]))
    if len(rounds) > 1:
        ratios = sorted(ours / (read + write) for read, write, ours, _ in rounds)
        print("rounds (bare read + bare write → import, import again):")
        for number, (read, write, ours, again) in enumerate(rounds, start=1):
            print(f"  {number}: {read:.1f} + {write:.1f} = {read + write:.1f} s → {ours:.1f} s "
                  f"({ours / (read + write):.2f}×), again {again:.1f} s")
        print(f"  median {statistics.median(ratios):.2f}×, range {ratios[0]:.2f}–{ratios[-1]:.2f}× (goal ≤ 1.5×)")


if __name__ == "__main__":
    main()
