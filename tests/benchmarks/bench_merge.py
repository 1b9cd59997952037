"""Benchmark: merging laptop workbooks at office scale, and exporting a 120,000-household database.

    python tests/benchmarks/bench_merge.py --files 1000      # the issue's size (≈ 120,000 households)
    python tests/benchmarks/bench_merge.py --files 50        # a quick run

Setup (not measured): a demo database of 120 × FILES households is cut into
FILES laptop workbooks of 120 households each (≈ 350 residents, 100 visits,
20–30 demands, and the shared lists every laptop carries).  Each measurement
runs in a child process of its own, so its peak memory is its own:

* the limit: python-calamine reading every sheet of every file, and
  sqlite3.executemany inserting the same rows into the same tables, measured
  three ways: a plain connection committing each file (SQLite's default 2 MB
  page cache: the first round's figure); the merge's pragmas committing each
  file; and the merge's pragmas committing the way the merge does (groups of
  about `GROUP_ROWS` rows) — the fair limit;
* our merge into an empty database, then the same files merged again (all
  unchanged) two ways: as they are (each file is recognised by the SHA-256 of
  its bytes and not read), and read in full as if every file had been saved
  again with new bytes (the benchmark empties the merged-files table first);
* pandas.read_excel (default engine) + concat of the same files (`--pandas-files`
  limits how many; the time is then scaled to all files and marked so);
* the export of the merged database against bare writes of the same rows with
  xlsxwriter's constant-memory mode (if installed) and openpyxl's write-only mode
  (`--skip-export` leaves it out).

`--rounds N` measures the bare read, the fair insert and the first merge N
times, one after the other, and prints each round's ratio and their median:
on a machine whose speed drifts, a ratio is only fair within one round.
`--work FOLDER` keeps the laptop workbooks there, and a later run with the same
folder and file count reuses them instead of generating them again.

`--privacy` measures instead the first merge into an encrypted database, of
password-protected workbooks, and of both, beside the plain merge (issue 19:
overhead at most 20 %), the four alternating within each of `--rounds` rounds;
wall time and CPU seconds of the merge and its reader processes.  The protected
copies are encrypted as our exports are (one office's password salt, a random
key per file) and merged as `lianxin merge` does (the password checked on the
first file, then the readers handed the derived key).

`--format xls` (or `ods`, or `xlsx,xls,ods`) measures instead the merge of the same
workbooks as LibreOffice saved them in that format (converted once, in one
LibreOffice run, and kept in the work folder beside the .xlsx): for each format,
the bare calamine read, our merge into an empty database and our merge again read
in full (new bytes, same content), and each one's ratio to the .xlsx figure.
"""

from __future__ import annotations

import argparse
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from as_installed import run_as_installed  # noqa: E402  (this folder: the script's own)

HOUSEHOLDS_PER_FILE = 120


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _in_child(function, *args):
    """Run function(*args) in a fresh process; returns its result (seconds, peak MB, extra).

    Not a multiprocessing.Pool: its workers are daemonic and may not start the
    merge's reading process, so the merge would read in its own process instead.
    """
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()



# ----- setup ---------------------------------------------------------------------------------

def make_workbooks(folder: Path, files: int) -> list[Path]:
    existing = sorted((folder / "laptops").glob("laptop*.xlsx"))
    if len(existing) == files:
        print(f"setup: reusing {files} laptop workbooks in {folder}", file=sys.stderr)
        return existing
    from models.database import close_database, open_database
    from models.storage.connection import database
    from models.demo import generate_demo
    from models.scope import Scope
    from sync.exchange.writer import export_workbook

    source = folder / "source.db"
    installation = open_database(source)
    started = time.monotonic()
    generate_demo(HOUSEHOLDS_PER_FILE * files, seed=7)
    print(f"setup: demo database of {HOUSEHOLDS_PER_FILE * files:,} households in {time.monotonic() - started:.0f} s",
          file=sys.stderr)
    households = [row[0] for row in database.execute_sql("SELECT uuid FROM household ORDER BY rowid")]
    paths = []
    started = time.monotonic()
    for index in range(files):
        chosen = tuple(households[index * HOUSEHOLDS_PER_FILE:(index + 1) * HOUSEHOLDS_PER_FILE])
        path = folder / "laptops" / f"laptop{index:04d}.xlsx"
        path.parent.mkdir(exist_ok=True)
        export_workbook(path, Scope(households=tuple(chosen)), installation=installation)
        paths.append(path)
    print(f"setup: {files} laptop workbooks in {time.monotonic() - started:.0f} s", file=sys.stderr)
    close_database()
    return paths


def converted_workbooks(folder: Path, paths: list[Path], target_format: str) -> list[Path]:
    """The laptop workbooks as LibreOffice saves them in `target_format`, converted once and kept."""
    if target_format == "xlsx":
        return paths
    out = folder / f"laptops-{target_format}"
    converted = [out / f"{path.stem}.{target_format}" for path in paths]
    missing = [path for path, target in zip(paths, converted) if not target.exists()]
    if missing:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            raise SystemExit("LibreOffice (soffice) is needed to convert the workbooks: apt-get install libreoffice-calc-nogui")
        started = time.monotonic()
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/lo-profile",
                        "--convert-to", target_format, "--outdir", str(out), *map(str, missing)],
                       check=True, capture_output=True)
        print(f"setup: {len(missing)} workbooks converted to .{target_format} in {time.monotonic() - started:.0f} s",
              file=sys.stderr)
    return converted


def compare_formats(folder: Path, paths: list[Path], formats: list[str]) -> None:
    """Bare read and our merges of the same workbooks in each format, and their ratios to .xlsx."""
    figures = {}
    for target_format in formats:
        files = converted_workbooks(folder, paths, target_format)
        database_file = folder / f"office-{target_format}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database_file}{suffix}").unlink(missing_ok=True)
        size = sum(p.stat().st_size for p in files) / 1e6
        read_s, read_mb, _ = _in_child(bare_read, files)
        merge_s, merge_mb, merged = _in_child(our_merge, files, database_file)
        full_s, full_mb, full = _in_child(our_merge, files, database_file, True)
        figures[target_format] = (size, read_s, merge_s, merge_mb, full_s, full_mb, merged["new"], full["unchanged"])
    base = figures.get("xlsx")
    print(f"\n{len(paths)} laptop workbooks: .xlsx as Lianxin wrote them, .xls and .ods as LibreOffice saved them\n")
    print("| format | size | bare calamine read | our merge, empty database | our merge again, read in full "
          "| merge versus .xlsx |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for target_format, (size, read_s, merge_s, merge_mb, full_s, full_mb, new, unchanged) in figures.items():
        versus = "" if base is None or target_format == "xlsx" else (
            f"{merge_s / base[2]:.2f}× (again: {full_s / base[4]:.2f}×)")
        print(f"| .{target_format} | {size:.1f} MB | {read_s:.1f} s | {merge_s:.1f} s, {merge_mb:.0f} MB ({new:,} new) | "
              f"{full_s:.1f} s, {full_mb:.0f} MB ({unchanged:,} unchanged) | {versus} |")


# ----- measurements (each runs in a child process) ------------------------------------------------

def bare_read(paths: list[Path]):
    from python_calamine import CalamineWorkbook

    started = time.monotonic()
    cells = 0
    for path in paths:
        with CalamineWorkbook.from_path(str(path)) as workbook:
            for name in workbook.sheet_names:
                rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
                cells += sum(len(row) for row in rows)
    return time.monotonic() - started, peak_mb(), cells


def workbook_rows(path: Path) -> list[tuple[str, list[str], list[list]]]:
    """(table, columns, rows) of each record sheet of an exchange workbook, read by calamine, columns matched by title."""
    from python_calamine import CalamineWorkbook

    from sync.exchange.format import SPEC_BY_TITLE

    tables = []
    with CalamineWorkbook.from_path(str(path)) as workbook:
        for name in workbook.sheet_names:
            spec = SPEC_BY_TITLE.get(name)
            if spec is None:
                continue
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            titles = {title: index for index, title in enumerate(rows[0])}
            columns = ["uuid", "vv", "hlc", "device"] + spec.db_columns
            positions = [titles[t] for t in ("标识", "版本", "时间戳", "设备")] + [titles[c.title] for c in spec.content]
            tables.append((spec.table, columns, [[row[p] for p in positions] for row in rows[1:]]))
    return tables


def bare_insert(paths: list[Path], database_file: Path, way: str):
    """sqlite3.executemany of the rows calamine read, columns matched by title, no checks at all.

    `way`: "plain" (a bare connection, SQLite's default pragmas, one commit per
    file), "per-file" (the pragmas Lianxin opens its database with, one commit
    per file) or "grouped" (those pragmas, one commit per GROUP_ROWS rows, as
    the merge commits).
    """
    from models.database import PRAGMAS, close_database, open_database
    from sync.exchange.merge import GROUP_ROWS

    for suffix in ("", "-wal", "-shm"):
        Path(f"{database_file}{suffix}").unlink(missing_ok=True)
    open_database(database_file)
    close_database()
    connection = sqlite3.connect(database_file, isolation_level=None)
    connection.execute("PRAGMA journal_mode=wal")
    connection.execute("PRAGMA synchronous=normal")
    if way != "plain":
        for name, value in PRAGMAS.items():
            if name != "foreign_keys":  # bare means no checks at all
                connection.execute(f"PRAGMA {name}={value}")
    group_rows = GROUP_ROWS if way == "grouped" else 1
    spent = 0.0
    rows_inserted = 0
    pending = 0
    for number, path in enumerate(paths, start=1):
        batches = []
        for table, columns, data in workbook_rows(path):
            quoted = ", ".join(f'"{c}"' for c in columns)
            batches.append((f'INSERT OR IGNORE INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(columns))})', data))
        started = time.monotonic()
        if not connection.in_transaction:
            connection.execute("BEGIN IMMEDIATE")
        for sql, data in batches:
            cursor = connection.executemany(sql, data)
            rows_inserted += len(data)
            pending += cursor.rowcount
        if pending >= group_rows or number == len(paths):
            connection.execute("COMMIT")
            pending = 0
        spent += time.monotonic() - started
    connection.close()
    return spent, peak_mb(), rows_inserted


def our_merge(paths: list[Path], database_file: Path, read_in_full: bool = False):
    """Merge the files; with `read_in_full`, forget which files were merged before (new bytes, same content)."""
    from models.database import close_database, open_database
    from models.records.merged_files import MergedFile
    from sync.exchange.merge import merge_workbooks

    installation = open_database(database_file)
    if read_in_full:
        MergedFile.delete().execute()
    quarters = []
    started = time.monotonic()
    step = max(1, len(paths) // 4)
    receipts = []
    for start in range(0, len(paths), step):
        receipts += merge_workbooks(paths[start:start + step], installation=installation)
        quarters.append(round(peak_mb()))
    elapsed = time.monotonic() - started
    close_database()
    assert all(r.accepted for r in receipts), [r.refused for r in receipts if not r.accepted][:1]
    totals = {key: sum(getattr(r, key) for r in receipts) for key in ("new", "updated", "unchanged", "conflicts", "recognised")}
    return elapsed, peak_mb(), {"quarters": quarters, **totals}


PASSPHRASE = "bench-passphrase-2026"
PASSWORD = "bench-password-2026"
PRIVACY_CASES = (("plain database, plain workbooks", False, False), ("encrypted database", True, False),
                 ("password-protected workbooks", False, True), ("both", True, True))
CASE_KEYS = {"plain": PRIVACY_CASES[0], "database": PRIVACY_CASES[1], "workbooks": PRIVACY_CASES[2],
             "both": PRIVACY_CASES[3]}


def protected_copies(folder: Path, paths: list[Path]) -> list[Path]:
    """The laptop workbooks encrypted with PASSWORD as our exports write them: one office's password salt
    (made once, kept in the work folder beside them), a random package key per file (setup, not measured)."""
    from sync.spreadsheet.agile_keys import new_salt
    from sync.spreadsheet.protection import encrypted

    target = folder / "protected-office-salt"
    target.mkdir(exist_ok=True)
    salt_file = target / "office.salt"
    if not salt_file.exists():
        salt_file.write_bytes(new_salt())
    salt = salt_file.read_bytes()
    copies = []
    for path in paths:
        copy = target / path.name
        if not copy.exists():
            copy.write_bytes(encrypted(path.read_bytes(), PASSWORD, salt))
        copies.append(copy)
    return copies


def _cpu_seconds() -> float:
    """CPU of this process and of its finished children (the merge's reader processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def private_merge(paths: list[Path], database_file: Path, encrypted_db: bool, protected: bool):
    """`our_merge` into a database encrypted or not, of workbooks protected or not (in a child: its own settings),
    after the password check the merge command does first; wall and CPU seconds (readers included), peak MB."""
    from models.storage import cipher
    from sync.spreadsheet.protection import password_problem, use_password

    cipher.use_passphrase(PASSPHRASE if encrypted_db else None)
    use_password(PASSWORD if protected else None)
    cpu, started = _cpu_seconds(), time.monotonic()
    if protected:
        assert password_problem(paths[0]) is None  # as `lianxin merge` checks the first file before it starts
    checked = time.monotonic() - started
    seconds, megabytes, _ = our_merge(paths, database_file)
    return checked + seconds, megabytes, _cpu_seconds() - cpu


def compare_privacy(folder: Path, paths: list[Path], rounds: int, cases: tuple = PRIVACY_CASES) -> None:
    """Issue 19: the first merge into an encrypted database and of protected workbooks, beside the plain one
    (`cases`: some of PRIVACY_CASES, the plain one first, for a long run that needs only those)."""
    from machine_notes import load, sqlcipher_driver

    protected = protected_copies(folder, paths)
    loads = [load()]
    database_file = folder / "private.db"
    times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    cpus: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    peaks: dict[str, float] = {}
    for _ in range(rounds):  # the cases alternate within a round: a drifting machine drifts for all of them
        for name, encrypted_db, protected_books in cases:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database_file}{suffix}").unlink(missing_ok=True)
            seconds, megabytes, cpu = _in_child(private_merge, protected if protected_books else paths, database_file,
                                                encrypted_db, protected_books)
            times[name].append(seconds)
            cpus[name].append(cpu)
            peaks[name] = max(peaks.get(name, 0), megabytes)
        loads.append(load())
    plain = statistics.median(times[cases[0][0]])
    plain_cpu = statistics.median(cpus[cases[0][0]])
    print(f"\n{len(paths)} laptop workbooks merged into an empty database, {rounds} round(s), medians")
    print(f"driver: {sqlcipher_driver()}")
    print("machine: " + "; ".join(f"{'start' if n == 0 else f'after round {n}'}: {text}" for n, text in enumerate(loads)) + "\n")
    print("| merge | wall (each round) | overhead (goal ≤ 20 %) | CPU, readers included (each round) | CPU overhead "
          "| peak memory |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, _, _ in cases:
        seconds, cpu = statistics.median(times[name]), statistics.median(cpus[name])
        each = ", ".join(f"{t:.1f}" for t in times[name])
        each_cpu = ", ".join(f"{t:.1f}" for t in cpus[name])
        print(f"| {name} | {seconds:.1f} s ({each}) | {100 * (seconds / plain - 1):+.0f} % | {cpu:.1f} s ({each_cpu}) "
              f"| {100 * (cpu / plain_cpu - 1):+.0f} % | {peaks[name]:.0f} MB |")


def pandas_read(paths: list[Path]):
    import pandas

    started = time.monotonic()
    frames: dict[str, list] = {}
    for path in paths:
        for name, frame in pandas.read_excel(path, sheet_name=None).items():
            frames.setdefault(name, []).append(frame)
    combined = {name: pandas.concat(parts, ignore_index=True) for name, parts in frames.items()}
    return time.monotonic() - started, peak_mb(), sum(len(frame) for frame in combined.values())


def our_export(database_file: Path, target: Path):
    from models.database import close_database, open_database
    from sync.exchange.writer import export_workbook

    installation = open_database(database_file)
    started = time.monotonic()
    summary = export_workbook(target, installation=installation)
    elapsed = time.monotonic() - started
    close_database()
    return elapsed, peak_mb(), summary.rows.get("住户", 0)


def bare_export(database_file: Path, target: Path, library: str):
    """The same tables' rows, SELECT * straight into a general streaming writer.

    xlsxwriter's constant-memory mode (install it for the benchmark only) or
    openpyxl's write-only mode (a dependency of Lianxin).
    """
    from sync.exchange.format import SHEET_ORDER, SPECS

    connection = sqlite3.connect(database_file)
    started = time.monotonic()
    if library == "xlsxwriter":
        import xlsxwriter

        workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_numbers": False,
                                                     "strings_to_formulas": False, "strings_to_urls": False})
        for table in SHEET_ORDER:
            sheet = workbook.add_worksheet(SPECS[table].title)
            cursor = connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            sheet.write_row(0, 0, [d[0] for d in cursor.description])
            for number, row in enumerate(cursor, start=1):
                sheet.write_row(number, 0, row)
        workbook.close()
    else:
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        for table in SHEET_ORDER:
            sheet = workbook.create_sheet(SPECS[table].title)
            cursor = connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            sheet.append([d[0] for d in cursor.description])
            for row in cursor:
                sheet.append(row)
        workbook.save(target)
    elapsed = time.monotonic() - started
    connection.close()
    return elapsed, peak_mb(), None


def main(argv: list[str] | None = None) -> int:
    from sync.exchange.merge import GROUP_ROWS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="laptop workbooks (120 households each)")
    parser.add_argument("--pandas-files", type=int, default=None, help="read only this many with pandas (scaled)")
    parser.add_argument("--work", type=Path, help="folder for the files (default: a temporary one, removed after)")
    parser.add_argument("--skip-export", action="store_true", help="leave out the export measurements")
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure the bare read, the fair insert and the first merge this many times, one "
                             "after the other, and give each round's ratio (a shared machine's speed drifts)")
    parser.add_argument("--format", default=None,
                        help="measure the merge of the workbooks saved by LibreOffice as xls or ods (comma-separated; "
                             "xlsx beside them gives the ratio), instead of the other measurements")
    parser.add_argument("--privacy", action="store_true",
                        help="instead: the first merge into an encrypted database and of password-protected workbooks, "
                             "beside the plain merge, the cases alternating within each of --rounds rounds")
    parser.add_argument("--cases", default=",".join(CASE_KEYS),
                        help="with --privacy: which cases, comma-separated, of " + ", ".join(CASE_KEYS) +
                             " (plain is always measured, first)")
    args = parser.parse_args(argv)
    run_as_installed(ROOT)  # its children read compiled bytecode, as an installed Lianxin does
    folder = args.work or Path(tempfile.mkdtemp(prefix="bench-merge-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        paths = _in_child(make_workbooks, folder, args.files)
        if args.format:
            compare_formats(folder, paths, args.format.split(","))
            return 0
        if args.privacy:
            chosen = [key for key in args.cases.split(",") if key != "plain"]
            compare_privacy(folder, paths, args.rounds, (CASE_KEYS["plain"], *(CASE_KEYS[key] for key in chosen)))
            return 0
        size = sum(p.stat().st_size for p in paths) / 1e6
        read_s, read_mb, cells = _in_child(bare_read, paths)
        inserts = {way: _in_child(bare_insert, paths, folder / "bare.db", way) for way in ("plain", "per-file", "grouped")}
        insert_s, insert_mb, rows = inserts["grouped"]
        for suffix in ("", "-wal", "-shm"):
            Path(f"{folder / 'office.db'}{suffix}").unlink(missing_ok=True)
        merge_s, merge_mb, merged = _in_child(our_merge, paths, folder / "office.db")
        again_s, again_mb, again = _in_child(our_merge, paths, folder / "office.db")
        full_s, full_mb, full = _in_child(our_merge, paths, folder / "office.db", True)
        pandas_count = min(args.pandas_files or len(paths), len(paths))
        pandas_s, pandas_mb, _ = _in_child(pandas_read, paths[:pandas_count])
        pandas_scaled = pandas_s * len(paths) / pandas_count
        export_s = export_mb = households = None
        bare_exports = {}
        if not args.skip_export:
            export_s, export_mb, households = _in_child(our_export, folder / "office.db", folder / "export.xlsx")
            for library in ("xlsxwriter", "openpyxl"):
                try:
                    bare_exports[library] = _in_child(bare_export, folder / "office.db", folder / f"bare-{library}.xlsx", library)[:2]
                except ImportError:
                    print(f"{library} is not installed: its bare write is left out", file=sys.stderr)
        limit = read_s + insert_s
        scaled = "" if pandas_count == len(paths) else f" (read {pandas_count} files, scaled ×{len(paths) / pandas_count:.0f})"
        print(f"\n{len(paths)} laptop workbooks, {size:.0f} MB, {cells:,} cells, {rows:,} rows; "
              f"merged: {merged['new']:,} new, {merged['unchanged']:,} unchanged (shared lists)\n")
        print("| step | time | peak memory | versus |")
        print("| --- | ---: | ---: | --- |")
        print(f"| bare python-calamine read | {read_s:.1f} s | {read_mb:.0f} MB | |")
        ways = {"plain": "bare sqlite3.executemany, plain connection, commit per file",
                "per-file": "bare sqlite3.executemany, Lianxin's pragmas, commit per file",
                "grouped": f"bare sqlite3.executemany, Lianxin's pragmas, commit per {GROUP_ROWS:,} rows (fair)"}
        for way, (seconds, megabytes, _) in inserts.items():
            print(f"| {ways[way]} | {seconds:.1f} s | {megabytes:.0f} MB | |")
        print(f"| **limit** (read + fair insert) | {limit:.1f} s | | |")
        print(f"| our merge, empty database | {merge_s:.1f} s | {merge_mb:.0f} MB | {merge_s / limit:.2f}× the limit (goal ≤ 1.5×) |")
        print(f"| our merge again, the same files ({again['recognised']:,} recognised, not read) | {again_s:.1f} s | "
              f"{again_mb:.0f} MB | {again_s / read_s:.2f}× the bare read (goal ≤ 1.2×) |")
        print(f"| our merge again, same content with new bytes (every file read in full, {full['unchanged']:,} rows "
              f"unchanged) | {full_s:.1f} s | {full_mb:.0f} MB | {full_s / read_s:.2f}× the bare read |")
        print(f"| pandas.read_excel + concat{scaled} | {pandas_scaled:.1f} s | {pandas_mb:.0f} MB | "
              f"ours is {pandas_scaled / merge_s:.1f}× faster (goal ≥ 5×) |")
        if export_s is not None:
            bare_export_s = min(seconds for seconds, _ in bare_exports.values())
            print(f"| export of {households:,} households | {export_s:.1f} s | {export_mb:.0f} MB | "
                  f"{export_s / bare_export_s:.2f}× the fastest bare write (goal ≤ 1.2×) |")
            names = {"xlsxwriter": "bare xlsxwriter constant-memory write", "openpyxl": "bare openpyxl write-only write"}
            for library, (seconds, megabytes) in bare_exports.items():
                print(f"| {names[library]} | {seconds:.1f} s | {megabytes:.0f} MB | |")
        print(f"\npeak memory of the merge after each quarter of the files: {merged['quarters']} MB "
              f"(again: {again['quarters']} MB; read in full: {full['quarters']} MB)")
        rounds = [(read_s, insert_s, merge_s)]
        for _ in range(args.rounds - 1):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{folder / 'office.db'}{suffix}").unlink(missing_ok=True)
            rounds.append((_in_child(bare_read, paths)[0], _in_child(bare_insert, paths, folder / "bare.db", "grouped")[0],
                           _in_child(our_merge, paths, folder / "office.db")[0]))
        if len(rounds) > 1:
            ratios = sorted(merge / (read + insert) for read, insert, merge in rounds)
            print("\nrounds (bare read + fair insert = limit → first merge):")
            for number, (read, insert, merge) in enumerate(rounds, start=1):
                print(f"  {number}: {read:.1f} + {insert:.1f} = {read + insert:.1f} s → {merge:.1f} s "
                      f"({merge / (read + insert):.2f}×)")
            print(f"  median {statistics.median(ratios):.2f}×, range {ratios[0]:.2f}–{ratios[-1]:.2f}× (goal ≤ 1.5×)")
    finally:
        if args.work is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
