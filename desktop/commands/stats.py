"""`lianxin stats`: the counts and rates the office reports, for a period and scope.

The period defaults to this month up to today; `--from` alone runs to today,
`--to` alone starts on the first of that month.  `--community`, `--grid`,
`--cadre` narrow the figures to a scope (models/scope.py).  `--json` prints
them with the dashboard's breakdowns (by grid, cadre, state, category, month
and unit: the numbers the window's charts draw); `-o` writes the workbook,
`--report` the monthly report PDF.  Definitions: docs/statistics.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from desktop.commands.arguments import writable_file_problem
from desktop.terminal import fail
from models.figures.breakdown_words import BREAKDOWN_TABLES, RATE_FIELDS, state_rows, table_rows
from models.registry.coverage import Period
from models.scope import ScopeRefused, resolve_scope
from models.figures.stats import RATES


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from None


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="Print counts, coverage and demand rates for a period",
        description="Counts of records, coverage and demand rates. Definitions: docs/statistics.md.",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object")
    output.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx", help="write the figures as a workbook")
    output.add_argument("--report", type=Path, metavar="FILE.pdf",
                        help="print the monthly report (A4, charts and tables) as a PDF")
    parser.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD", help="first day of the period")
    parser.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD", help="last day of the period (default: today)")
    scope = parser.add_argument_group("scope (combined with 'and'; default: everything)")
    scope.add_argument("--community", metavar="NAME", help="one community, by name or id")
    scope.add_argument("--grid", metavar="NAME", help="one grid, by name or id (looked up within --community if given)")
    scope.add_argument("--micro-grid", metavar="NAME",
                       help="the households of one micro-grid (微网格), by name or id (looked up within --grid if given)")
    scope.add_argument("--cadre", metavar="NAME", help="the households linked to one cadre, by name or id")
    parser.set_defaults(run=run, validate=validate, database="read")


def period_of(start: dt.date | None, end: dt.date | None, today: dt.date) -> Period:
    end = end or today
    return Period(start or end.replace(day=1), end)


def _shown(name: str, value: object) -> str:
    if value is None:
        return "–"
    if name in RATES or name in RATE_FIELDS:
        return f"{100 * value:.1f} %"
    return str(value)


def validate(args) -> int | None:
    try:
        period_of(args.start, args.end, dt.date.today())
    except ValueError as problem:
        print(f"lianxin stats: {problem}", file=sys.stderr)
        return 2
    for path, suffix, what in ((args.output, ".xlsx", "workbook"), (args.report, ".pdf", "report")):
        if path is None:
            continue
        if path.suffix.lower() != suffix:
            print(f"lianxin stats: {path}: the {what} must be a {suffix} file", file=sys.stderr)
            return 2
        problem = writable_file_problem(path)
        if problem is not None:
            return fail(problem)
    return None


def run(args) -> int:
    from desktop.operations.figures import (  # (loaded when it runs)
        TABLES,
        count_figures,
        flat_figures,
        save_figures,
        save_report,
    )

    period = period_of(args.start, args.end, dt.date.today())
    try:
        scope = resolve_scope(args.community, args.grid, args.cadre, micro_grid=args.micro_grid)
    except ScopeRefused as problem:
        return fail(str(problem))
    for path, save, what in ((args.output, save_figures, "workbook"), (args.report, save_report, "report")):
        if path is not None:
            try:
                save(path=path, period=period, scope=scope)
            except OSError as problem:
                return fail(f"{path}: cannot write the {what} ({problem.strerror or problem})")
            print(path)
            return 0
    values = count_figures(period=period, scope=scope).value
    if args.json:
        # orjson: a city's figures are 26 MB of JSON (107,000 cadres' rows), 0.6 s through the json module, 0.04 s here
        import orjson

        print(orjson.dumps(values, option=orjson.OPT_SORT_KEYS).decode())
    else:
        rows = flat_figures(values)
        width = max(len(name) for name, _, _ in rows)
        for name, _label, value in rows:
            print(f"{name:<{width}}  {_shown(name, value)}")
        for name, (_title, columns) in TABLES.items():
            for row in values.get(name, ()):
                print(f"{name:<{width}}  " + "  ".join(str(row[field]) for field, _ in columns))
        if "demands_by_state" in values:
            print(f"{'demands_by_state':<{width}}  " + "  ".join(
                f"{word} {count}" for _state, word, count in state_rows(values)))
        # A city's tables are 140,000 lines (a row per cadre): each column's way of showing a cell (`_shown`'s,
        # inline: 0.2 s less than a call per cell) is chosen once, and the lines are written together (cell by cell
        # and line by line: 0.9 s of the command's 1.8 s).
        lines = []
        for name, (_title, columns) in BREAKDOWN_TABLES.items():
            rate = [field in RATES or field in RATE_FIELDS for field, _ in columns]
            prefix = f"{name:<{width}}  "
            lines += [prefix + "  ".join(["–" if cell is None else f"{100 * cell:.1f} %" if is_rate else str(cell)
                                          for is_rate, cell in zip(rate, row)])
                      for row in table_rows(name, values)]
        if lines:
            sys.stdout.write("\n".join(lines) + "\n")
    return 0
