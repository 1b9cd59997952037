"""Benchmark: `lianxin stats` and `stats --json` on the city master, the code before beside this code, in alternating rounds.

    LIANXIN_TEST_PG=postgresql://USER@127.0.0.1:PORT/DB python tests/benchmarks/bench_city_stats.py \\
        --old-code /tmp/old-lianxin --old-url postgresql://…/lianxin_city_10x120000 --new-url postgresql://…/lianxin_city_kept

The two masters hold the same records (the second a `CREATE DATABASE … TEMPLATE` copy of the first, opened once
by this code, which migrated it); `--old-code` is a checkout of the code before (`git archive COMMIT | tar -x`),
run with this interpreter from its own folder.  Each round runs the old command, then the new (or the other
way round on odd rounds), each in a child process: wall time, CPU seconds of the command and of the server (its
postmaster and backends, from /proc: the server must be on this machine), and its output, which must be the
same figures (the same JSON value; the text whole, `--all`, the same bytes as the code before printed; the text
form, each table's first rows, the same in every run).  Children run from compiled bytecode, as an installed
Lianxin does (`as_installed.py`).  Prints the medians beside the goal (< 2 s).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from as_installed import run_as_installed  # noqa: E402
from bench_postgres import server_cpu  # noqa: E402

GOAL_S = 2.0


# form → (arguments of this code, of the code before): `--all` is the text form whole, as the code before printed it;
# `text`, this code's text form, prints each table's first rows only, so its output is compared with its own runs.
FORMS = {"json": (["--json"], ["--json"]), "text": ([], []), "all": (["--all"], [])}
COMPARED_WITH_BEFORE = ("json", "all")


def one_stats(code: Path, url: str, form: str = "json", code_before: bool = False) -> tuple[float, float, float | None, bytes]:
    """(wall, CPU s of the command, CPU s of the server, what it printed) of one `stats` run (`form`: one of
    `FORMS`) with `code` (`code_before`: the code before, given that form's arguments for it)."""
    server_before = server_cpu(url)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "desktop", "--db", url, "stats", *FORMS[form][code_before]], cwd=code,
                          env={**os.environ, "PYTHONPATH": str(code)}, capture_output=True, check=True)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_after = server_cpu(url)
    client = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    server = None if server_before is None or server_after is None else server_after - server_before
    return wall, client, server, done.stdout


def _compared_as(form: str, which: str) -> str:
    """The outputs that must be the same: a form's of both codes, or (the text's first rows) each code's own."""
    return form if form in COMPARED_WITH_BEFORE else f"{form} ({which})"


def _same(form: str, output: bytes) -> str:
    """What must be the same in every run: the figures (JSON: the value, whatever the spacing; text: the bytes)."""
    value = json.dumps(json.loads(output), sort_keys=True).encode() if form == "json" else output
    return hashlib.sha256(value).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-code", type=Path, required=True)
    parser.add_argument("--old-url", required=True)
    parser.add_argument("--new-url", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--forms", default="json,text,all", help="json, text, all (text --all), comma-separated")
    args = parser.parse_args(argv)
    forms = args.forms.split(",")
    runs = {(which, form): [] for which in ("old", "new") for form in forms}
    outputs: dict[str, set[str]] = defaultdict(set)  # `_compared_as(form, which)` → the outputs' digests
    run_as_installed(ROOT, args.old_code)
    one_stats(ROOT, args.new_url)  # each master read once before timing (the server's and the system's caches)
    one_stats(args.old_code, args.old_url, code_before=True)
    loads = [os.getloadavg()[0]]
    for number in range(args.rounds):
        order = ("old", "new") if number % 2 == 0 else ("new", "old")
        for form in forms:
            for which in order:
                code, url = (args.old_code, args.old_url) if which == "old" else (ROOT, args.new_url)
                wall, client, server, output = one_stats(code, url, form, code_before=which == "old")
                runs[which, form].append((wall, client, server))
                outputs[_compared_as(form, which)].add(_same(form, output))
                print(f"round {number + 1} {which} {form}: {wall:.2f} s wall, {client:.2f} + "
                      f"{'–' if server is None else f'{server:.2f}'} CPU s", file=sys.stderr, flush=True)
        loads.append(os.getloadavg()[0])
    same = all(len(seen) == 1 for seen in outputs.values())
    print(f"\n`stats` on the city, median of {args.rounds} alternating rounds (load average "
          f"{min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores); the output "
          f"{'the same figures in every run' if same else 'DIFFERS between runs'}.\n")
    print("| command | code | wall | CPU s (command + server) | goal |")
    print("| --- | --- | ---: | ---: | --- |")
    for form in forms:
        for which, label in (("old", "before"), ("new", "now")):
            walls, clients, servers = zip(*runs[which, form])
            server = "–" if None in servers else f"{statistics.median(servers):.1f}"
            wall = statistics.median(walls)
            command = "".join(" " + argument for argument in FORMS[form][which == "old"])
            print(f"| `stats{command}` | {label} | {wall:.2f} s | "
                  f"{statistics.median(clients):.1f} + {server} | < {GOAL_S:.0f} s: {'met' if wall < GOAL_S else 'not met'} |")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
