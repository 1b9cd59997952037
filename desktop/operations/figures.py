"""The figures the office reports upward (docs/statistics.md), counted for a period and scope and saved as a workbook.

The window's statistics screen and `lianxin stats -o` save the same workbook:
the sheet 统计 with each figure's key, its Chinese name and its value (rates
formatted as percentages, each source of demands a row), then a sheet per
table of rows (whistles by unit, classes of demands), then a sheet per
breakdown of the dashboard (`models.figures.breakdowns`) with a native Excel chart of
it (`desktop.operations.figure_charts`), so the office can copy the chart into
its own report.  `lianxin stats --report` and the 统计 section print the same
figures as the monthly report PDF (`desktop.printing.monthly_report`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.operations.outcome import Outcome
from models.figures.breakdowns import BREAKDOWN_KEYS, breakdowns
from models.registry.coverage import Coverage, Period
from models.progress import Progress
from models.storage.side_by_side import side_by_side
from models.scope import Scope
from models.figures.stats import FIGURE_LABELS, RATES, SOURCE_LABELS, figures

__all__ = ["TABLES", "all_figures", "count_figures", "flat_figures", "save_figures", "save_report", "write_workbook"]

# The figures that are lists of rows: each gets its own sheet (title, then (field, column title)).
TABLES = {
    "whistles_by_unit": ("吹哨报到（按单位）", (("unit", "责任单位"), ("whistles", "吹哨"), ("closed", "已办结"),
                                           ("solved", "已解决"))),
    "class_details": ("一类事", (("name", "一类事"), ("demands", "诉求"), ("closed", "已办结"),
                                ("households", "涉及住户"), ("buildings", "涉及楼栋"))),
}


def all_figures(period: Period, today: dt.date | None = None, scope: Scope = Scope()) -> dict[str, object]:
    """The office's figures (`models.figures.stats.figures`) and the dashboard's breakdowns, for one period and scope."""
    today = today or dt.date.today()
    # The breakdowns count the scope's coverage (as `models.registry.coverage` defines it): counting it again
    # took half of a city's `stats` on PostgreSQL.  On PostgreSQL both are counted at once, in one snapshot.
    found, counted = side_by_side(lambda: breakdowns(period, today, scope),
                                  lambda: figures(period, today, scope, coverage_beside=True))
    households = Coverage(found["households"], found["households_linked"], found["households_visited"])
    kept = ("households_linked", "households_visited", *BREAKDOWN_KEYS)
    return (counted | {"coverage_assigned": households.linked_rate, "coverage_visited": households.visited_rate}
            | {key: found[key] for key in kept})


def count_figures(*, period: Period, scope: Scope = Scope(), today: dt.date | None = None,
                  progress: Progress | None = None) -> Outcome[dict[str, object]]:
    """Every figure of `period` in `scope`, by key (rates are fractions, None when there is nothing to divide by),
    with the breakdowns (lists of rows) of the dashboard."""
    return Outcome(all_figures(period, today, scope))


def save_figures(*, path: str | Path, period: Period, scope: Scope = Scope(), today: dt.date | None = None,
                 progress: Progress | None = None) -> Outcome[Path]:
    """Count the figures of `period` and save them as a workbook at `path` (replaced if it exists)."""
    path = Path(path)
    write_workbook(path, all_figures(period, today, scope))
    return Outcome(path)


def save_report(*, path: str | Path, period: Period, scope: Scope = Scope(), today: dt.date | None = None,
                progress: Progress | None = None) -> Outcome[Path]:
    """Count the figures of `period` and print them as the monthly report PDF at `path` (A4, charts and tables)."""
    from desktop.printing.monthly_report import write_report  # reportlab loads when a report is printed

    path = Path(path)
    write_report(path, all_figures(period, today, scope), scope_name=scope.describe())
    return Outcome(path)


def flat_figures(values: dict[str, object]) -> list[tuple[str, str, object]]:
    """(key, Chinese name, value) of every single figure; `demands_by_source` gives one row per source
    (`demands_by_source.visit` …); the TABLES and the breakdowns are left to their own sheets."""
    rows = []
    for name, value in values.items():
        if name in TABLES or name in BREAKDOWN_KEYS or isinstance(value, list):
            continue
        if isinstance(value, dict):
            for part, count in value.items():
                rows.append((f"{name}.{part}", f"{FIGURE_LABELS.get(name, name)}：{SOURCE_LABELS.get(part, part)}", count))
        else:
            rows.append((name, FIGURE_LABELS.get(name, name), value))
    return rows


def write_workbook(path: Path, values: dict[str, object]) -> None:
    """Sheet 统计: figure key, Chinese name, value, rates formatted as percentages; then one sheet per
    table of rows (whistles by unit, classes); then one sheet per breakdown with its chart."""
    from openpyxl import Workbook

    from desktop.operations.figure_charts import add_breakdown_sheets

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
    add_breakdown_sheets(workbook, values)
    workbook.save(path)
