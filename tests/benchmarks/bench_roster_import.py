"""Benchmark: importing a district's roster, in each layout offices use, against the bare cost of reading and writing it.

    python tests/benchmarks/bench_roster_import.py [--layout {parts,address,both,all}] [--households 120000]
        [--rounds N] [--pandas {none,calamine,both}] [--workdir /tmp/lianxin-bench]

Layouts (tests/roster_fixtures.py, `layout_rows`): parts — the issue's real roster
(网格 楼栋 单元 门牌号 … 户籍地址, no 社区 or 街道 column); address — one 住址 column;
both — 现住址 and 户籍地址.

Measures, each in its own process so each peak memory is its own:

1. bare read: python-calamine loads the sheet and gives every row (`to_python`);
2. bare write: one `sqlite3.executemany` transaction of the same households (grouped
   by the dwelling columns) and residents (with their 户籍地址 when the roster has
   one), WAL, synchronous=NORMAL, timed around the transaction only; twice:
   *plain* — the two tables with their text primary keys and nothing else — and
   *indexed* — the frozen schema of m0001 with its secondary indexes;
3. `lianxin import-roster FILE` into an empty database (read, check every row,
   form households, match, write, index for search, one transaction);
4. the same import again (must write nothing);
   (`--privacy` instead: the import into an encrypted database, of a
   password-protected roster, and both, beside the plain import: issue 19's
   overhead, goal ≤ 20 %);
5. once per layout (slow), what a user would reach for: `pandas.read_excel`
   (engine openpyxl, pandas' default, and engine calamine) + `DataFrame.to_sql`
   into SQLite, one table, no households formed: the whole process.

The goal (issue 14): (3) ≤ 1.5 × ((1) + plain (2)) on every layout, peak memory
< 400 MB, and ≥ 5 × faster than pandas.  With `--rounds N` steps 1–4 are
measured N times, one after the other, and each round's ratios are printed with
their median: on a machine whose speed drifts, a ratio is only fair within one
round.  pandas is not a dependency of Lianxin: `pip install -e ".[bench]"` puts it
into the benchmark's environment.
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
from as_installed import run_as_installed  # noqa: E402  (this folder: the script's own)

PYTHON = sys.executable

BARE_READ = """
import sys, python_calamine
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
rows = book.get_sheet_by_index(0).to_python()
print(len(rows))
"""

# argv: roster, database, project root, "plain" or "indexed"
BARE_WRITE = """
import sqlite3, sys, uuid, time
sys.path.insert(0, sys.argv[3])
from models.migrations.m0001_initial import STATEMENTS
import python_calamine
rows = python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
at = next(i for i, row in enumerate(rows[:30]) if "姓名" in row)
title = {name: i for i, name in enumerate(rows[at])}
rows = [row for row in rows[at + 1:] if isinstance(row[0], float)]  # the numbered rows (序号)
dwelling = [title[t] for t in ("网格", "楼栋", "单元", "门牌号", "住址", "现住址") if t in title]
registered = title.get("户籍地址")
column = lambda name: title.get(name)
def cell(row, name):
    i = column(name)
    return "" if i is None else row[i]
households, residents, seen = [], [], {}
for r in rows:
    key = tuple(r[i] for i in dwelling)
    if key not in seen:
        seen[key] = str(uuid.uuid4())
        households.append((seen[key], 1, "d", "{}", 0, "g", "b", None, cell(r, "门牌号"), "".join(map(str, key)), "", "", ""))
    residents.append((str(uuid.uuid4()), 1, "d", "{}", 0, seen[key], cell(r, "姓名"), cell(r, "与户主关系"), cell(r, "性别"),
                      None, cell(r, "公民身份号码"), cell(r, "联系电话"), cell(r, "民族"), "", cell(r, "备注"))
                     + ((r[registered],) if registered is not None else ()))
del rows
db = sqlite3.connect(sys.argv[2], isolation_level=None)
for pragma in ("journal_mode=wal", "synchronous=normal", "cache_size=-64000", "temp_store=memory"):
    db.execute("PRAGMA " + pragma)
for statement in STATEMENTS:
    if sys.argv[4] == "indexed" or any(f'CREATE TABLE "{t}"' in statement for t in ("household", "resident")):
        db.execute(statement)
extra = ""
if registered is not None:
    db.execute('ALTER TABLE resident ADD COLUMN registered_address TEXT')
    extra = ",?"
started = time.perf_counter()
db.execute("BEGIN")
db.executemany("INSERT INTO household VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", households)
db.executemany("INSERT INTO resident VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?" + extra + ")", residents)
db.execute("COMMIT")
print(f"{time.perf_counter() - started:.2f}")
"""

# argv: roster, database, engine — what a user who knows pandas would write.
PANDAS = """
import sqlite3, sys
import pandas
frame = pandas.read_excel(sys.argv[1], header=2, dtype=str, engine=sys.argv[3])
with sqlite3.connect(sys.argv[2]) as db:
    frame.to_sql("roster", db, index=False)
print(len(frame))
"""


def measure(arguments: list[str], env: dict | None = None) -> tuple[float, int, str, float]:
    """(seconds, peak MB, stdout, CPU seconds) of one child process (with `env` added to this one's environment)."""
    started = time.perf_counter()
    environment = None if env is None else {**os.environ, **env}
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=environment)
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


def ensure_roster(workdir: Path, households: int, layout: str) -> Path:
    path = workdir / f"roster_{layout}_{households // 1000}k.xlsx"
    if not path.exists():
        from tests.roster_fixtures import layout_rows, roster_rows, write_roster_xlsx

        print(f"writing {path} (once)…", file=sys.stderr)
        header, rows, _ = layout_rows(roster_rows(households, seed=7), layout, seed=7)
        write_roster_xlsx(path.with_suffix(".tmp.xlsx"), rows, header=header, write_only=True)
        path.with_suffix(".tmp.xlsx").rename(path)
    return path


def _clear(workdir: Path, *names: str) -> None:
    for name in names:
        for stale in workdir.glob(f"{name}*"):
            stale.unlink()


def bench_layout(layout: str, args) -> dict:
    roster = ensure_roster(args.workdir, args.households, layout)
    database = args.workdir / "bench_import.db"
    rounds = []
    for _ in range(args.rounds):
        _clear(args.workdir, "bench_import.db", "bench_bare.db", "bench_indexed.db")
        read = measure([PYTHON, "-c", BARE_READ, str(roster)])
        plain = measure([PYTHON, "-c", BARE_WRITE, str(roster), str(args.workdir / "bench_bare.db"), str(ROOT), "plain"])
        indexed = measure([PYTHON, "-c", BARE_WRITE, str(roster), str(args.workdir / "bench_indexed.db"), str(ROOT), "indexed"])
        import_command = [PYTHON, "-m", "desktop", "--db", str(database), "import-roster", str(roster)]
        ours = measure(import_command)
        again = measure(import_command)
        rounds.append({"read": read, "plain": float(plain[2].strip()), "indexed": float(indexed[2].strip()),
                       "write_mb": plain[1], "ours": ours, "again": again})
    pandas = {}
    for engine in {"none": (), "calamine": ("calamine",), "both": ("calamine", "openpyxl")}[args.pandas]:
        _clear(args.workdir, "bench_pandas.db")
        pandas[engine] = measure([PYTHON, "-c", PANDAS, str(roster), str(args.workdir / "bench_pandas.db"), engine])
    return {"layout": layout, "roster": roster, "rounds": rounds, "pandas": pandas, "database": database}


def report(result: dict, households: int) -> None:
    roster, rounds, last = result["roster"], result["rounds"], result["rounds"][-1]
    read_s, read_mb, read_out, read_cpu = last["read"]
    ours_s, ours_mb, ours_out, ours_cpu = last["ours"]
    again_s, again_mb, _, again_cpu = last["again"]
    print(f"\n== layout {result['layout']}: {roster.name}, {households} households, {int(read_out.strip())} sheet rows, "
          f"{roster.stat().st_size / 1e6:.1f} MB")
    print("summary of the import:", " | ".join(ours_out.strip().splitlines()[:5]))
    print(f"{'step (last round)':<48}{'seconds':>10}{'CPU s':>8}{'peak MB':>10}")
    print(f"{'bare read (calamine to_python)':<48}{read_s:>10.1f}{read_cpu:>8.1f}{read_mb:>10}")
    print(f"{'bare write, plain tables (timed part)':<48}{last['plain']:>10.1f}{'':>8}{last['write_mb']:>10}")
    print(f"{'bare write, m0001 with its indexes (timed part)':<48}{last['indexed']:>10.1f}")
    print(f"{'lianxin import-roster (whole process)':<48}{ours_s:>10.1f}{ours_cpu:>8.1f}{ours_mb:>10}")
    print(f"{'same roster again (writes nothing)':<48}{again_s:>10.1f}{again_cpu:>8.1f}{again_mb:>10}")
    for engine, (seconds, megabytes, _, cpu) in result["pandas"].items():
        label = f"pandas read_excel({engine}) + to_sql"
        print(f"{label:<48}{seconds:>10.1f}{cpu:>8.1f}{megabytes:>10}   ({seconds / ours_s:.1f}× ours)")
    print(f"database written: ours {_megabytes(result['database'])} MB (registry and search index)")
    print("rounds: bare read + bare write (plain | indexed) → import (× plain limit, × indexed limit), again, peak MB")
    plain_ratios, indexed_ratios, floor_ratios = [], [], []
    cores = os.cpu_count() or 1
    for number, r in enumerate(rounds, start=1):
        read, ours = r["read"][0], r["ours"][0]
        plain, indexed = read + r["plain"], read + r["indexed"]
        plain_ratios.append(ours / plain)
        indexed_ratios.append(ours / indexed)
        floor = r["ours"][3] / cores  # the import's CPU seconds with every core busy all the time: no run is faster
        floor_ratios.append(floor / plain)
        print(f"  {number}: {read:.1f} + ({r['plain']:.1f} | {r['indexed']:.1f}) → {ours:.1f} s "
              f"({ours / plain:.2f}× | {ours / indexed:.2f}×), again {r['again'][0]:.1f} s, {r['ours'][1]} MB; "
              f"its {r['ours'][3]:.1f} CPU s on {cores} cores never idle: {floor:.1f} s ({floor / plain:.2f}×)")
    print(f"  median {statistics.median(plain_ratios):.2f}× the plain limit (range {min(plain_ratios):.2f}–"
          f"{max(plain_ratios):.2f}×, goal ≤ 1.5×); {statistics.median(indexed_ratios):.2f}× the indexed limit "
          f"(range {min(indexed_ratios):.2f}–{max(indexed_ratios):.2f}×); peak {max(r['ours'][1] for r in rounds)} MB "
          "(goal < 400 MB)")
    print(f"  the floor of this machine ({cores} cores, none ever idle): median {statistics.median(floor_ratios):.2f}× "
          "the plain limit — a bound from the import's CPU seconds, not a run")


PASSPHRASE = "bench-passphrase-2026"
PASSWORD = "bench-password-2026"
PRIVACY_CASES = (("plain database, plain roster", False, False), ("encrypted database", True, False),
                 ("password-protected roster", False, True), ("both", True, True))


def bench_privacy(layout: str, args) -> None:
    """The import into an encrypted database and of a password-protected roster, beside the plain import (issue 19)."""
    from sync.spreadsheet.protection import encrypted
    from machine_notes import load, sqlcipher_driver

    roster = ensure_roster(args.workdir, args.households, layout)
    protected = roster.with_name(f"{roster.stem}-protected.xlsx")
    if not protected.exists():
        protected.write_bytes(encrypted(roster.read_bytes(), PASSWORD))
    times: dict[str, list[float]] = {name: [] for name, _, _ in PRIVACY_CASES}
    cpu: dict[str, list[float]] = {name: [] for name, _, _ in PRIVACY_CASES}
    peaks: dict[str, int] = {}
    loads = [load()]
    for _ in range(args.rounds):  # the cases alternate within each round: a drifting machine drifts for all of them
        for name, encrypted_db, protected_roster in PRIVACY_CASES:
            _clear(args.workdir, "bench_privacy.db")
            env = {"LIANXIN_PASSPHRASE": PASSPHRASE if encrypted_db else "",
                   "LIANXIN_WORKBOOK_PASSWORD": PASSWORD if protected_roster else ""}
            seconds, megabytes, _, cpu_seconds = measure([PYTHON, "-m", "desktop", "--db", str(args.workdir / "bench_privacy.db"),
                                                "import-roster", str(protected if protected_roster else roster)], env)
            times[name].append(seconds)
            cpu[name].append(cpu_seconds)
            peaks[name] = max(peaks.get(name, 0), megabytes)
        loads.append(load())
    plain = statistics.median(times[PRIVACY_CASES[0][0]])
    plain_cpu = statistics.median(cpu[PRIVACY_CASES[0][0]])
    print(f"\n== privacy, layout {layout}: {args.households} households, {args.rounds} round(s), medians")
    print(f"driver: {sqlcipher_driver()}")
    print("machine: " + "; ".join(f"{'start' if n == 0 else f'after round {n}'}: {text}" for n, text in enumerate(loads)))
    print("| import-roster | time (each round) | CPU time | peak memory | overhead: time, CPU (goal ≤ 20 %) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, _, _ in PRIVACY_CASES:
        seconds, cpu_seconds = statistics.median(times[name]), statistics.median(cpu[name])
        rounds = ", ".join(f"{t:.1f}" for t in times[name])
        print(f"| {name} | {seconds:.1f} s ({rounds}) | {cpu_seconds:.1f} s | {peaks[name]} MB | "
              f"{100 * (seconds / plain - 1):+.0f} %, {100 * (cpu_seconds / plain_cpu - 1):+.0f} % |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layout", choices=("parts", "address", "both", "all"), default="all")
    parser.add_argument("--households", type=int, default=120_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/lianxin-bench"))
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure the limit and ours this many times, one after the other, and give each round's "
                             "ratio (a shared machine's speed drifts)")
    parser.add_argument("--pandas", choices=("none", "calamine", "both"), default="both",
                        help="measure pandas once per layout with these engines (openpyxl takes minutes)")
    parser.add_argument("--privacy", action="store_true",
                        help="instead: the import into an encrypted database and of a password-protected roster, "
                             "beside the plain import, the cases alternating within each round")
    args = parser.parse_args()
    run_as_installed(ROOT)  # its children read compiled bytecode, as an installed Lianxin does
    sys.stdout.reconfigure(line_buffering=True)  # each layout's table as soon as it is measured
    args.workdir.mkdir(parents=True, exist_ok=True)
    layouts = ("parts", "address", "both") if args.layout == "all" else (args.layout,)
    if args.privacy:
        for layout in layouts:
            bench_privacy(layout, args)
        return
    for layout in layouts:
        report(bench_layout(layout, args), args.households)


if __name__ == "__main__":
    main()
