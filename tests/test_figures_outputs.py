"""`lianxin stats` prints the dashboard's breakdowns in JSON, the workbook charts them natively, the monthly
report prints them: the same numbers, for the same period and scope."""

from __future__ import annotations

import datetime as dt
import json

import pypdfium2
import pytest
from openpyxl import load_workbook

from desktop.cli import run as run_cli
from desktop.operations.figures import all_figures
from models.figures.breakdowns import breakdowns
from models.registry.coverage import Period
from models.database import close_database, open_database
from models.demo import generate_demo
from models.records.places import Grid
from models.scope import Scope

TODAY = dt.date.today()
PERIOD = Period(TODAY.replace(day=1), TODAY)


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.db"
    open_database(path)
    generate_demo(300)
    grid = Grid.alive().order_by(Grid.name).first()
    close_database()
    yield path, grid.name, grid.uuid


def test_stats_json_holds_the_breakdowns_of_the_scope(demo_file, capsys):
    path, grid_name, grid_id = demo_file
    assert run_cli(["--db", str(path), "stats", "--json", "--grid", grid_name]) == 0
    printed = json.loads(capsys.readouterr().out)
    open_database(path, create=False)
    try:
        expected = json.loads(json.dumps(breakdowns(PERIOD, TODAY, Scope(grid=grid_id)), ensure_ascii=False))
    finally:
        close_database()
    for key in ("coverage_by_grid", "coverage_by_cadre", "demands_by_state", "demands_by_category",
                "demands_by_month", "demands_by_unit", "households_visited"):
        assert printed[key] == expected[key], key
    assert [row["grid_id"] for row in printed["coverage_by_grid"]] == [grid_id]


def test_a_scope_that_names_nothing_is_one_line_and_no_output(demo_file, capsys):
    path, _grid, _id = demo_file
    assert run_cli(["--db", str(path), "stats", "--json", "--grid", "没有这个网格"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1


def test_the_workbook_has_a_sheet_and_a_native_chart_per_breakdown(demo_file, tmp_path, capsys):
    path, _grid, _id = demo_file
    target = tmp_path / "figures.xlsx"
    assert run_cli(["--db", str(path), "stats", "-o", str(target)]) == 0
    workbook = load_workbook(target)
    charted = {sheet.title: len(sheet._charts) for sheet in workbook}
    for title in ("诉求状态", "走访覆盖（按网格）", "走访覆盖（按干部）", "诉求（按类别）", "诉求（按月）", "责任单位"):
        assert charted[title] == 1, title
    open_database(path, create=False)
    try:
        values = all_figures(PERIOD, TODAY)
    finally:
        close_database()
    months = [[cell.value for cell in row] for row in workbook["诉求（按月）"].iter_rows(min_row=2)]
    assert months == [[row["month"], row["raised"], row["closed"]] for row in values["demands_by_month"]]
    states = {row[0].value: row[1].value for row in workbook["诉求状态"].iter_rows(min_row=2)}
    assert sum(states.values()) == values["demands_raised"]


def pdf_text(path) -> str:
    """The report's text as a reader extracts it (pypdfium2 comes with Lianxin: no poppler needed)."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_the_monthly_report_prints_the_figures_in_chinese(demo_file, tmp_path, capsys):
    path, _grid, _id = demo_file
    target = tmp_path / "report.pdf"
    assert run_cli(["--db", str(path), "stats", "--report", str(target)]) == 0
    text = pdf_text(target)
    open_database(path, create=False)
    try:
        values = all_figures(PERIOD, TODAY)
    finally:
        close_database()
    assert "月度工作报表" in text and "近12个月提出与办结" in text
    assert f"{values['households']:,}" in text
    for row in values["demands_by_unit"]:
        assert row["unit"] in text


def test_a_report_that_is_not_a_pdf_is_refused(demo_file, tmp_path, capsys):
    path, _grid, _id = demo_file
    assert run_cli(["--db", str(path), "stats", "--report", str(tmp_path / "report.txt")]) == 2
    assert "pdf" in capsys.readouterr().err
