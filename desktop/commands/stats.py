"""`lianxin stats`: the counts and rates the office reports, for a period and scope.

The period defaults to this month up to today; `--from` alone runs to today,
`--to` alone starts on the first of that month.  `--community`, `--grid`,
`--cadre` narrow the figures to a scope (models/scope.py).  `--json` prints
them with the dashboard's breakdowns (by grid, cadre, state, category, month
and unit: the numbers the window's charts draw); `-o` writes the workbook,
`--report` the monthly report PDF.  Definitions: docs/statistics.md.

The text form is for a person at a terminal: every single figure, and each
table's first `SHOWN_ROWS` rows with a line saying how many more there are and
how to get them (`--all`, `--json`, `-o`).  A city's cadres alone are 107,000
rows: printed whole, they pushed the figures a person asked for out of the
terminal's scrollback, and formatting them took a quarter of the command.
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

SHOWN_ROWS = 20  # rows of each table the text form prints without --all


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
    parser.add_argument("--all", dest="every_row", action="store_true",
                        help=f"print every row of each table (without it, the first {SHOWN_ROWS} and how many more)")
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
    from desktop.operations.figures import count_figures, save_figures, save_report  # (loaded when it runs)

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
        _print_text(values, args.every_row)
    return 0


def _print_text(values: dict[str, object], every_row: bool) -> None:
    """The figures as lines of "key  value", then the tables' rows (each table's first `SHOWN_ROWS` unless
    `every_row`), written together."""
    from desktop.operations.figures import TABLES, flat_figures  # (loaded when it runs)

    figures = flat_figures(values)
    width = max(len(name) for name, _, _ in figures)
    lines = [f"{name:<{width}}  {_shown(name, value)}" for name, _label, value in figures]

    def shown(rows: list) -> list:
        return rows if every_row else rows[:SHOWN_ROWS]

    def more(name: str, rows: list) -> None:
        """The line saying how many rows of the table were left out, if any."""
        if not every_row and len(rows) > SHOWN_ROWS:
            lines.append(f"{name:<{width}}  … {len(rows) - SHOWN_ROWS:,} more rows "
                         "(every row: --all, --json or -o FILE.xlsx)")

    for name, (_title, columns) in TABLES.items():
        rows = values.get(name, ())
        lines += [f"{name:<{width}}  " + "  ".join(str(row[field]) for field, _ in columns)
                  for row in shown(rows)]
        more(name, rows)
    if "demands_by_state" in values:
        lines.append(f"{'demands_by_state':<{width}}  " + "  ".join(
            f"{word} {count}" for _state, word, count in state_rows(values)))
    # With --all a city's tables are 140,000 lines (a row per cadre): each column's way of showing a cell
    # (`_shown`'s, inline: 0.2 s less than a call per cell) is chosen once, and the lines are written together.
    for name, (_title, columns) in BREAKDOWN_TABLES.items():
        rate = [field in RATES or field in RATE_FIELDS for field, _ in columns]
        prefix = f"{name:<{width}}  "
        rows = values.get(name, ())
        lines += [prefix + "  ".join(["–" if cell is None else f"{100 * cell:.1f} %" if is_rate else str(cell)
                                      for is_rate, cell in zip(rate, row)])
                  for row in table_rows(name, {name: shown(rows)})]
        more(name, rows)
    sys.stdout.write("\n".join(lines) + "\n")
