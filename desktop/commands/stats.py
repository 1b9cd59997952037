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
from models.stats import FIGURE_LABELS, RATES, SOURCE_LABELS, figures

# The figures that are lists of rows: each gets its own sheet (title, then (field, column title)).
TABLES = {
    "whistles_by_unit": ("吹哨报到（按单位）", (("unit", "责任单位"), ("whistles", "吹哨"), ("closed", "已办结"),
                                           ("solved", "已解决"))),
    "class_details": ("一类事", (("name", "一类事"), ("demands", "诉求"), ("closed", "已办结"),
                                ("households", "涉及住户"), ("buildings", "涉及楼栋"))),
}


def flat_figures(values: dict[str, object]) -> list[tuple[str, str, object]]:
    """(key, Chinese name, value) of every single figure; `demands_by_source` gives one row per source
    (`demands_by_source.visit` …); the TABLES are left to their own sheets."""
    rows = []
    for name, value in values.items():
        if name in TABLES:
            continue
        if isinstance(value, dict):
            for part, count in value.items():
                rows.append((f"{name}.{part}", f"{FIGURE_LABELS.get(name, name)}：{SOURCE_LABELS.get(part, part)}", count))
        else:
            rows.append((name, FIGURE_LABELS.get(name, name), value))
    return rows


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


def write_workbook(path: Path, values: dict[str, object]) -> None:
    """Sheet 统计: figure key, Chinese name, value, rates formatted as percentages; then one sheet per
    table of rows (whistles by unit, classes)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "统计"
    sheet.append(["指标", "名称", "数值"])
    for name, label, value in flat_figures(values):
        sheet.append([name, label, value])
        if name in RATES and value is not None:
            sheet.cell(row=sheet.max_row, column=3).number_format = "0.0%"
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions["C"].width = 14
    for name, (title, columns) in TABLES.items():
        if name not in values:
            continue
        table = workbook.create_sheet(title)
        table.append([column_title for _, column_title in columns])
        for row in values[name]:
            table.append([row[field] for field, _ in columns])
        table.column_dimensions["A"].width = 24
    workbook.save(path)


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
    period = period_of(args.start, args.end, dt.date.today())
    values = figures(period)
    if args.output is not None:
        try:
            write_workbook(args.output, values)
        except OSError as problem:
            return fail(f"{args.output}: cannot write the workbook ({problem.strerror or problem})")
        print(args.output)
    elif args.json:
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
