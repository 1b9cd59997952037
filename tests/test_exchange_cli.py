"""`lianxin export` and `lianxin merge` on the command line: scopes, receipts, exit statuses."""

from __future__ import annotations

from python_calamine import CalamineWorkbook

from desktop.cli import run
from models.database import close_database
from tests.exchange_fixtures import Laptop, seed_registry


def _office(tmp_path):
    office = Laptop(tmp_path / "office.db", "office")
    with office.open() as installation:
        seed_registry(installation)
    return office


def test_export_of_a_cadre_package_then_merge_with_a_saved_receipt(tmp_path, capsys):
    office = _office(tmp_path)
    package = tmp_path / "牟雪.xlsx"
    assert run(["--db", str(office.path), "export", str(package), "--cadre", "牟雪"]) == 0
    out = capsys.readouterr().out
    assert "干部联户包：牟雪" in out and "住户\t1" in out  # only the household linked to her
    receipt = tmp_path / "receipt.xlsx"
    field = tmp_path / "field.db"
    assert run(["--db", str(field), "merge", str(package), "--receipt", str(receipt)]) == 0
    captured = capsys.readouterr()
    assert "牟雪.xlsx:" in captured.out and "new" in captured.out
    assert "backup copy" in captured.err
    rows = CalamineWorkbook.from_path(str(receipt)).get_sheet_by_name("回执").to_python()
    assert rows[0][:2] == ["文件", "结果"] and rows[1][:2] == ["牟雪.xlsx", "已合并"]
    residents = Laptop(field, "field").snapshot()["resident"]
    assert len(residents) == 2


def test_a_refused_file_beside_a_kept_one_exits_3_and_names_the_reason_on_stderr(tmp_path, capsys):
    office = _office(tmp_path)
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_text("not a workbook")
    good = tmp_path / "all.xlsx"
    assert run(["--db", str(office.path), "export", str(good)]) == 0
    capsys.readouterr()
    field = tmp_path / "field.db"
    assert run(["--db", str(field), "merge", str(bogus), str(good)]) == 3  # partly done: all.xlsx was kept
    captured = capsys.readouterr()
    assert "bogus.xlsx: refused — bogus.xlsx: 不是 Excel 工作簿" in captured.out
    assert "1 of 2 file(s) refused" in captured.err
    close_database()


def test_scope_naming_nothing_is_rejected_and_bad_names_are_usage_errors(tmp_path, capsys):
    office = _office(tmp_path)
    assert run(["--db", str(office.path), "export", str(tmp_path / "x.xlsx"), "--grid", "没有这个网格"]) == 1
    assert "no grid named" in capsys.readouterr().err
    assert run(["--db", str(office.path), "export", str(tmp_path / "x.csv")]) == 2
    assert run(["--db", str(office.path), "export", str(tmp_path / "x.xlsx"), "--grid", "a", "--cadre", "b"]) == 2
    assert not (tmp_path / "x.xlsx").exists()


def test_merging_the_same_file_again_says_it_was_already_merged(tmp_path, capsys):
    office = _office(tmp_path)
    workbook = tmp_path / "all.xlsx"
    assert run(["--db", str(office.path), "export", str(workbook)]) == 0
    field = tmp_path / "field.db"
    assert run(["--db", str(field), "merge", str(workbook)]) == 0
    capsys.readouterr()
    assert run(["--db", str(field), "merge", str(workbook)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("all.xlsx: already merged on ") and "; nothing new (" in out
    close_database()


def test_backups_lists_each_copy_with_its_time_size_and_why_and_restore_puts_one_back(tmp_path, capsys):
    office = _office(tmp_path)
    workbook = tmp_path / "all.xlsx"
    assert run(["--db", str(office.path), "export", str(workbook)]) == 0
    field = tmp_path / "field.db"
    assert run(["--db", str(field), "merge", str(workbook)]) == 0  # a new database: its copy is of the empty one
    capsys.readouterr()
    assert run(["--db", str(field), "backups"]) == 0
    captured = capsys.readouterr()
    (line,) = captured.out.splitlines()
    path, made_at, size, why = line.split("\t")
    assert path.endswith("-merge.db") and why == "before a merge" and size.endswith(("KB", "MB"))
    assert "kept: the newest 5, at most 3 × the database" in captured.err
    assert run(["--db", str(field), "restore", path]) == 0
    assert "restored from" in capsys.readouterr().out
    assert Laptop(field, "field").snapshot()["resident"] == []
    assert run(["--db", str(field), "backups"]) == 0
    assert [row.split("\t")[3] for row in capsys.readouterr().out.splitlines()] == ["before a restore", "before a merge"]


def test_restore_sets_a_damaged_database_aside_and_refuses_a_file_that_is_no_copy(tmp_path, capsys):
    office = _office(tmp_path)
    copy = tmp_path / "copy.db"
    assert run(["--db", str(office.path), "export", str(tmp_path / "x.xlsx")]) == 0
    field = tmp_path / "field.db"
    assert run(["--db", str(field), "merge", str(tmp_path / "x.xlsx")]) == 0
    copy.write_bytes(next((tmp_path / "backups").glob("field-*-merge.db")).read_bytes())
    capsys.readouterr()
    assert run(["--db", str(field), "restore", str(tmp_path / "x.xlsx")]) == 1
    assert "not a Lianxin database" in capsys.readouterr().err
    field.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)  # damaged beyond reading
    assert run(["--db", str(field), "restore", str(copy)]) == 0
    assert "the database as it was: " in capsys.readouterr().err and "-damaged.db" in str(list((tmp_path / "backups").iterdir()))
    assert run(["--db", str(field), "check"]) == 0
