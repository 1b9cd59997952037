"""`lianxin stats`: the counts and rates the office reports, for a period.

The period defaults to this month up to today; `--from` alone runs to today,
`--to` alone starts on the first of that month.  Definitions: docs/statistics.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from desktop.commands.arguments import writable_file_problem
from desktop.terminal import fail
from models.coverage import Period
from models.stats import RATES


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
    parser.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD", help="first day of the period")
    parser.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD", help="last day of the period (default: today)")
    parser.set_defaults(run=run, validate=validate, database="read")


def period_of(start: dt.date | None, end: dt.date | None, today: dt.date) -> Period:
    end = end or today
    return Period(start or end.replace(day=1), end)


def _shown(name: str, value: object) -> str:
    if value is None:
        return "–"
    if name in RATES:
        return f"{100 * value:.1f} %"
    return str(value)


def validate(args) -> int | None:
    try:
        period_of(args.start, args.end, dt.date.today())
    except ValueError as problem:
        print(f"lianxin stats: {problem}", file=sys.stderr)
        return 2
    if args.output is not None:
        if args.output.suffix.lower() != ".xlsx":
            print(f"lianxin stats: {args.output}: the workbook must be an .xlsx file", file=sys.stderr)
            return 2
        problem = writable_file_problem(args.output)
        if problem is not None:
            return fail(problem)
    return None


def run(args) -> int:
    from desktop.operations.figures import TABLES, count_figures, flat_figures, save_figures  # (loaded when it runs)

    period = period_of(args.start, args.end, dt.date.today())
    if args.output is not None:
        try:
            save_figures(path=args.output, period=period)
        except OSError as problem:
            return fail(f"{args.output}: cannot write the workbook ({problem.strerror or problem})")
        print(args.output)
        return 0
    values = count_figures(period=period).value
    if args.json:
        print(json.dumps(values, ensure_ascii=False, sort_keys=True))
    else:
        rows = flat_figures(values)
        width = max(len(name) for name, _, _ in rows)
        for name, _label, value in rows:
            print(f"{name:<{width}}  {_shown(name, value)}")
        for name, (_title, columns) in TABLES.items():
            for row in values.get(name, ()):
                print(f"{name:<{width}}  " + "  ".join(str(row[field]) for field, _ in columns))
    return 0
