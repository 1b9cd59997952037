"""Saving a roster import report as a workbook the office can open, sort and fix their file by.

ID numbers and phones are masked in the report (it names the row; the office has
the file).  Every value is a text cell, and one that a spreadsheet would run as
a formula ("=1+1", "@SUM") carries the quote prefix, so it stays inert text in
Excel and WPS (`sync.spreadsheet.xlsx_writer`).
"""

from __future__ import annotations

from pathlib import Path

from models.records.identity import mask_id_number, mask_phone
from sync.roster.columns import label
from sync.roster.importer import RosterReport
from sync.spreadsheet.xlsx_writer import HEADER, TEXT, StreamingWorkbook, number_cell, safe_text_cell, text_cell

PROBLEM_HEADER = (("行号", 8), ("列", 6), ("栏目", 12), ("内容", 24), ("原因", 60))


def shown_value(field: str | None, value: str) -> str:
    """The problem cell's content as the report shows it: personal numbers masked."""
    if field == "id_number":
        return mask_id_number(value)
    if field == "phone":
        return mask_phone(value)
    return value


def save_report(report: RosterReport, path: str | Path) -> Path:
    path = Path(path)
    workbook = StreamingWorkbook(path)
    try:
        summary = workbook.add_sheet("导入结果", [100], [TEXT])
        lines = report.summary_lines()
        if report.problems_not_listed:
            lines.append(f"另有 {report.problems_not_listed} 个问题未列出")
        for number, line in enumerate(lines, start=1):
            summary.row(number, [safe_text_cell(f"A{number}", line)])
        problems = workbook.add_sheet("问题行", [width for _, width in PROBLEM_HEADER], [TEXT] * len(PROBLEM_HEADER))
        problems.row(1, [text_cell(f"{letter}1", title, HEADER) for letter, (title, _) in zip("ABCDE", PROBLEM_HEADER)])
        for number, problem in enumerate(report.problems, start=2):
            texts = (problem.column or "", label(problem.field) if problem.field else "",
                     shown_value(problem.field, problem.value), problem.reason)
            problems.row(number, [number_cell(f"A{number}", problem.row)]
                         + [safe_text_cell(f"{letter}{number}", text) for letter, text in zip("BCDE", texts) if text])
    except BaseException:
        workbook.discard()
        path.unlink(missing_ok=True)
        raise
    workbook.close()
    return path
