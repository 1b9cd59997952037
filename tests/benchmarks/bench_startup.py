"""Benchmark: from the start of Python to a window shown and answering, on a district-sized database.

    python tests/benchmarks/bench_startup.py --db district.db [--runs 5]

Make the database with `lianxin --db district.db demo --households 120000`.
Each run is a fresh process (as a start is) that does what `lianxin` does —
the application, the font and theme, the database opened, the main window
built and shown — and then lets the event loop handle what showing posted
(the first paint, the first section's reads) before it stops the clock.
"Cached" runs use the bytecode Python keeps beside the sources; "first start"
runs give Python an empty bytecode folder (PYTHONPYCACHEPREFIX), so every
module is compiled again, as on the first start after an install (the
operating system's file cache stays warm: a cold disk adds to both).
Printed: import time, window built, shown and answering, and which heavy
libraries were loaded by then (none of reportlab, pypinyin, openpyxl, faker,
pypdfium2 should be: nothing is printed, imported or made up at start).

Goal (issue 17): ≤ 1.0 s cached, ≤ 2 s on a first start, at 120,000 households.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
from as_installed import run_as_installed  # noqa: E402  (this folder: the script's own)

CHILD = r"""
import time
started = time.perf_counter()
import sys, json
from pathlib import Path
from ui.app import create_application, open_main_window
from ui.settings import AppSettings
from PySide6.QtCore import QSettings
imported = time.perf_counter()
app = create_application()
settings = AppSettings(QSettings(sys.argv[2], QSettings.IniFormat))
window = open_main_window(Path(sys.argv[1]), settings)
built = time.perf_counter()
window.show()
app.processEvents()
while window.context.jobs.busy():  # what the first section reads in the background
    app.processEvents()
    time.sleep(0.002)
app.processEvents()
shown = time.perf_counter()
heavy = sorted(m for m in ("reportlab", "pypinyin", "openpyxl", "faker", "pypdfium2", "python_calamine") if m in sys.modules)
print(json.dumps({"import": imported - started, "built": built - started, "shown": shown - started, "heavy": heavy}))
window.close()
"""


def one_start(db: Path, first_start: bool) -> dict:
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as scratch:
        if first_start:
            environment["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        result = subprocess.run([sys.executable, "-c", CHILD, str(db), str(Path(scratch) / "settings.ini")],
                                cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    run_as_installed(ROOT)  # its children read compiled bytecode, as an installed Lianxin does
    one_start(arguments.db, first_start=False)  # bytecode written, files in the cache
    for label, first_start, goal in (("cached", False, 1.0), ("first start", True, 2.0)):
        runs = [one_start(arguments.db, first_start) for _ in range(arguments.runs)]
        line = {key: statistics.median(run[key] for run in runs) for key in ("import", "built", "shown")}
        worst = max(run["shown"] for run in runs)
        print(f"{label:12s} imports {line['import']:.2f} s, built {line['built']:.2f} s, shown and answering "
              f"{line['shown']:.2f} s (worst {worst:.2f} s; goal ≤ {goal:.1f} s); heavy libraries loaded: "
              f"{', '.join(runs[0]['heavy']) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
