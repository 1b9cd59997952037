"""The figures the office reports upward (docs/statistics.md), counted for a period and saved as a workbook.

The window's statistics screen and `lianxin stats -o` save the same workbook:
one sheet, each figure's key, its Chinese name and its value, rates formatted
as percentages.
"""

from __future__ import annotations

from pathlib import Path

from desktop.operations.outcome import Outcome
from models.coverage import Period
from models.progress import Progress
from models.stats import FIGURE_LABELS, RATES, figures

__all__ = ["count_figures", "save_figures", "write_workbook"]


def count_figures(*, period: Period, progress: Progress | None = None) -> Outcome[dict[str, object]]:
    """Every figure of `period`, by key (rates are fractions, None when there is nothing to divide by)."""
    return Outcome(figures(period))


def save_figures(*, path: str | Path, period: Period, progress: Progress | None = None) -> Outcome[Path]:
    """Count the figures of `period` and save them as a workbook at `path` (replaced if it exists)."""
    path = Path(path)
    write_workbook(path, figures(period))
    return Outcome(path)


def write_workbook(path: Path, values: dict[str, object]) -> None:
    """One sheet: figure key, Chinese name, value; rates formatted as percentages."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "统计"
    sheet.append(["指标", "名称", "数值"])
    for name, value in values.items():
        sheet.append([name, FIGURE_LABELS.get(name, name), value])
        if name in RATES and value is not None:
            sheet.cell(row=sheet.max_row, column=3).number_format = "0.0%"
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 20
    sheet.column_dimensions["C"].width = 14
    workbook.save(path)
