"""The figures the office reports upward (docs/statistics.md), counted for a period and saved as a workbook.

The window's statistics screen and `lianxin stats -o` save the same workbook:
the sheet 统计 with each figure's key, its Chinese name and its value (rates
formatted as percentages, each source of demands a row), then a sheet per
table of rows (whistles by unit, classes of demands).
"""

from __future__ import annotations

from pathlib import Path

from desktop.operations.outcome import Outcome
from models.coverage import Period
from models.progress import Progress
from models.stats import FIGURE_LABELS, RATES, SOURCE_LABELS, figures

__all__ = ["TABLES", "count_figures", "flat_figures", "save_figures", "write_workbook"]

# The figures that are lists of rows: each gets its own sheet (title, then (field, column title)).
TABLES = {
    "whistles_by_unit": ("吹哨报到（按单位）", (("unit", "责任单位"), ("whistles", "吹哨"), ("closed", "已办结"),
                                           ("solved", "已解决"))),
    "class_details": ("一类事", (("name", "一类事"), ("demands", "诉求"), ("closed", "已办结"),
                                ("households", "涉及住户"), ("buildings", "涉及楼栋"))),
}


def count_figures(*, period: Period, progress: Progress | None = None) -> Outcome[dict[str, object]]:
    """Every figure of `period`, by key (rates are fractions, None when there is nothing to divide by)."""
    return Outcome(figures(period))


def save_figures(*, path: str | Path, period: Period, progress: Progress | None = None) -> Outcome[Path]:
    """Count the figures of `period` and save them as a workbook at `path` (replaced if it exists)."""
    path = Path(path)
    write_workbook(path, figures(period))
    return Outcome(path)


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
