"""Saving a roster import report as a workbook the office can open, sort and fix their file by.

ID numbers and phones are masked in the report (it names the row; the office has
the file).  Every value is written as a text cell, so text that looks like a
formula ("=1+1", "@SUM") stays inert text in Excel and WPS.
"""

from __future__ import annotations

from pathlib import Path

from models.identity import mask_id_number, mask_phone
from sync.roster.columns import label
from sync.roster.importer import RosterReport

PROBLEM_HEADER = ("行号", "列", "栏目", "内容", "原因")


def shown_value(field: str | None, value: str) -> str:
    """The problem cell's content as the report shows it: personal numbers masked."""
    if field == "id_number":
        return mask_id_number(value)
    if field == "phone":
        return mask_phone(value)
    return value


def save_report(report: RosterReport, path: str | Path) -> Path:
    from openpyxl import Workbook  # here: printing a report's lines needs no openpyxl
    from openpyxl.cell import WriteOnlyCell

    def text_cell(sheet, value: str) -> WriteOnlyCell:
        """A cell that is text whatever it starts with (openpyxl would make "=…" a formula)."""
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell

    path = Path(path)
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet("导入结果")
    for line in report.summary_lines():
        summary.append([text_cell(summary, line)])
    if report.problems_not_listed:
        summary.append([text_cell(summary, f"另有 {report.problems_not_listed} 个问题未列出")])
    problems = workbook.create_sheet("问题行")
    problems.append([text_cell(problems, title) for title in PROBLEM_HEADER])
    for problem in report.problems:
        problems.append([
            problem.row,
            text_cell(problems, problem.column or ""),
            text_cell(problems, label(problem.field) if problem.field else ""),
            text_cell(problems, shown_value(problem.field, problem.value)),
            text_cell(problems, problem.reason),
        ])
    workbook.save(path)
    return path
