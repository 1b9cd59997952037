"""`lianxin import-roster` and `lianxin find` as the office runs them: output, exit status, nothing half-done."""

from __future__ import annotations

import pytest

from desktop.cli import run
from tests.roster_fixtures import roster_rows, write_roster_csv, write_roster_xlsx


@pytest.fixture
def roster(tmp_path):
    rows = roster_rows(6, seed=21)
    rows[2][4] = 3.70602198001011e17
    return write_roster_xlsx(tmp_path / "roster.xlsx", rows), rows


def count_residents(db_path, capsys) -> int:
    assert run(["--db", str(db_path), "stats"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("residents"))
    return int(line.split()[-1])


def test_dry_run_then_import_then_again(tmp_path, capsys, roster):
    path, rows = roster
    db_path = tmp_path / "x.db"
    assert run(["--db", str(db_path), "import-roster", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "试导入" in out and "第 6 行 E 列（身份证号）" in out
    assert count_residents(db_path, capsys) == 0
    assert run(["--db", str(db_path), "import-roster", str(path), "--report", str(tmp_path / "report.xlsx")]) == 0
    assert "已导入" in capsys.readouterr().out and (tmp_path / "report.xlsx").exists()
    assert count_residents(db_path, capsys) == len(rows) - 1
    assert run(["--db", str(db_path), "import-roster", str(path)]) == 0
    assert "新增 0" in capsys.readouterr().out
    assert count_residents(db_path, capsys) == len(rows) - 1
    assert run(["--db", str(db_path), "find", rows[0][1]]) == 0
    found = capsys.readouterr().out
    assert rows[0][1] in found and rows[0][4] not in found


def test_a_file_that_is_no_workbook_is_refused_with_one_line_and_status_1(tmp_path, capsys):
    fake = tmp_path / "名单.xlsx"
    fake.write_text("姓名,身份证号\n", encoding="utf-8")
    assert run(["--db", str(tmp_path / "x.db"), "import-roster", str(fake)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().count("\n") == 0 and "名单.xlsx" in captured.err and "不是 Excel 工作簿" in captured.err


def test_when_no_row_can_be_imported_the_status_is_1(tmp_path, capsys):
    rows = roster_rows(1, seed=3)[:1]
    rows[0][4] = "110101199003077770"  # wrong check digit
    path = write_roster_csv(tmp_path / "bad.csv", rows)
    assert run(["--db", str(tmp_path / "x.db"), "import-roster", str(path)]) == 1
    captured = capsys.readouterr()
    assert "校验位" in captured.out and "no row could be imported" in captured.err


def test_usage_errors_are_status_2(tmp_path, capsys):
    assert run(["--db", str(tmp_path / "x.db"), "import-roster"]) == 2
    assert run(["--db", str(tmp_path / "x.db"), "find"]) == 2


def test_sheet_option_names_a_missing_sheet(tmp_path, capsys, roster):
    path, _ = roster
    assert run(["--db", str(tmp_path / "x.db"), "import-roster", str(path), "--sheet", "没有这张表"]) == 1
    assert "没有名为“没有这张表”的工作表" in capsys.readouterr().err
