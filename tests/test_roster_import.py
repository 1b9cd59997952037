"""Importing an office roster: what lands in the registry, what is refused and why, and re-import."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import threading

import pytest
from openpyxl import load_workbook

from models.records.audit import AuditEntry
from models.records.clock import loads_vector
from models.storage.connection import database
from models.records.identity import make_id_number
from models.records.people import Household, Resident
from models.records.places import Building, Community, Grid, SubDistrict, Unit
from models.progress import Cancelled, Progress
from models.registry.search import find
from sync.roster.importer import RosterRefused, import_roster
from sync.roster.report_workbook import save_report
from tests.roster_fixtures import HEADER, roster_rows, write_roster_csv, write_roster_xlsx

ROUNDED_ID = 3.70602198001011e17


def snapshot() -> dict:
    """Everything an import could change: row counts and every version stamp."""
    tables = ("sub_district", "community", "grid", "building", "unit", "household", "resident", "audit_entry")
    return {
        table: database.execute_sql(f"SELECT uuid, hlc, vv, deleted FROM {table} ORDER BY uuid").fetchall()
        for table in tables
    }


BAD_ROWS = (3, 7)  # list indexes: a rounded ID, a phone that is no phone (the last row repeats index 5)


@pytest.fixture
def messy_rows():
    """12 households; sheet row 7 has a rounded ID, row 11 a bad phone, the last row repeats row 9."""
    rows = roster_rows(12, seed=11)
    rows[3][4] = ROUNDED_ID
    rows.append(list(rows[5]))
    rows[-1][0] = len(rows)
    rows[6][5] = "+86 138-0013-8000"
    rows[7][5] = "12345"
    return rows


def households_of_good_rows(rows) -> int:
    return len({(row[7], row[9], row[10], row[11]) for index, row in enumerate(rows[:-1]) if index not in BAD_ROWS})


def test_messy_roster_imports_good_rows_and_names_every_problem_row(db, tmp_path, messy_rows):
    path = write_roster_xlsx(tmp_path / "花名册.xlsx", messy_rows)
    report = import_roster(path)
    good = len(messy_rows) - 3
    assert report.written
    assert report.header.row == 3  # under the merged title and the 填报单位 line
    assert report.data_rows == len(messy_rows)
    assert report.residents_created == good == Resident.alive().count()
    assert report.households_created == households_of_good_rows(messy_rows) == Household.alive().count()
    problem_rows = {problem.row: problem for problem in report.problems}
    first_data_row = 4
    assert set(problem_rows) == {first_data_row + 3, first_data_row + 7, first_data_row + len(messy_rows) - 1}
    assert "数字" in problem_rows[first_data_row + 3].reason and problem_rows[first_data_row + 3].column == "E"
    assert "联系电话" in problem_rows[first_data_row + 7].reason
    assert f"与第 {first_data_row + 5} 行是同一人" in problem_rows[first_data_row + len(messy_rows) - 1].reason
    assert report.end_row == first_data_row + len(messy_rows)  # the 合计 line
    phone_owner = Resident.get(Resident.id_number == messy_rows[6][4])
    assert phone_owner.phone == "13800138000"


def test_importing_the_same_roster_again_changes_nothing(db, tmp_path, messy_rows):
    path = write_roster_xlsx(tmp_path / "r.xlsx", messy_rows)
    import_roster(path)
    before = snapshot()
    again = import_roster(path)
    assert not again.written and not again.changed
    assert again.residents_unchanged == len(messy_rows) - 3
    assert again.households_matched == households_of_good_rows(messy_rows)
    assert snapshot() == before


def test_dry_run_writes_nothing_and_reports_what_the_import_would_do(db, tmp_path, messy_rows):
    path = write_roster_xlsx(tmp_path / "r.xlsx", messy_rows)
    before = snapshot()
    preview = import_roster(path, dry_run=True)
    assert snapshot() == before
    real = import_roster(path)
    assert (preview.residents_created, preview.households_created, preview.problems) == (
        real.residents_created, real.households_created, real.problems)


def test_bulk_rows_are_stamped_and_the_import_is_audited_once(db, tmp_path):
    path = write_roster_xlsx(tmp_path / "r.xlsx", roster_rows(5, seed=2))
    import_roster(path)
    for model in (Household, Resident, Building, Unit, Grid, Community):
        for record in model.select():
            assert record.device == db.device_id
            assert record.hlc > 0 and loads_vector(record.vv) == {db.device_id: record.hlc}
    summaries = AuditEntry.select().where(AuditEntry.record_type == "roster_import")
    assert summaries.count() == 1
    assert json.loads(summaries.get().changes)["file"] == [None, "r.xlsx"]
    assert db.clock.last >= max(r.hlc for r in Resident.select())


def test_places_come_from_the_columns_and_households_from_the_address(db, tmp_path):
    rows = roster_rows(3, seed=4)
    import_roster(write_roster_xlsx(tmp_path / "r.xlsx", rows))
    household = Household.get(Household.address == f"{rows[0][7]}{rows[0][9]}{rows[0][10]}{rows[0][11]}室")
    assert household.building.name == rows[0][9] and household.unit.name == rows[0][10]
    assert household.grid.name == rows[0][8] and household.grid.community.name == rows[0][7]
    head = Resident.get(Resident.id_number == rows[0][4])
    assert head.household == household and head.relation == "户主"
    assert head.birth_date == dt.date(int(rows[0][4][6:10]), int(rows[0][4][10:12]), int(rows[0][4][12:14]))


def test_one_row_per_household_with_an_address_column(db, tmp_path):
    header = ["序号", "户主姓名", "身份证号", "手机号码", "家庭住址", "特殊人群"]
    rows = [
        [1, "曾小明", make_id_number("370602", dt.date(1950, 3, 4), 11), "139 0000 1111", "海滨路 12 号 3 栋 201", "独居老人"],
        [2, "单丽", make_id_number("370602", dt.date(1988, 7, 9), 22), "", "海滨路12号3栋202", ""],
    ]
    report = import_roster(write_roster_xlsx(tmp_path / "h.xlsx", rows, header=header, title=None, unit_line=None, total_line=False))
    assert report.residents_created == 2 and report.households_created == 2
    zeng = Resident.get(Resident.name == "曾小明")
    assert zeng.relation == "户主" and zeng.phone == "13900001111" and zeng.tags == "独居老人"
    assert zeng.household.address == "海滨路 12 号 3 栋 201" and zeng.household.building.name == "3栋"
    # the same home written without spaces is the same household
    again = [[1, "曾小明", rows[0][2], "13900001111", "海滨路12号3栋201", "独居老人"]]
    report = import_roster(write_roster_xlsx(tmp_path / "h2.xlsx", again, header=header, title=None, unit_line=None, total_line=False))
    assert report.households_matched == 1 and not report.changed


def test_a_resident_registered_at_another_address_is_refused(db, tmp_path):
    rows = roster_rows(2, seed=5)
    import_roster(write_roster_xlsx(tmp_path / "a.xlsx", rows))
    moved = [list(rows[0])]
    moved[0][11] = "999"
    report = import_roster(write_roster_xlsx(tmp_path / "b.xlsx", moved))
    assert report.refused_rows == 1 and "已登记在" in report.problems[0].reason
    assert report.imported_rows == 0 and not report.written


def test_a_changed_phone_updates_the_resident_with_a_new_version(db, tmp_path):
    rows = roster_rows(1, seed=6)
    import_roster(write_roster_xlsx(tmp_path / "a.xlsx", rows))
    resident = Resident.get(Resident.id_number == rows[0][4])
    rows[0][5] = "13512345678"
    report = import_roster(write_roster_xlsx(tmp_path / "b.xlsx", rows))
    assert report.residents_updated == 1
    updated = Resident.get_by_id(resident.uuid)
    assert updated.phone == "13512345678" and updated.hlc > resident.hlc
    assert loads_vector(updated.vv)[db.device_id] == updated.hlc
    assert [m.uuid for m in find("5678")] == [resident.uuid]


def test_cancelling_rolls_everything_back(db, tmp_path):
    path = write_roster_xlsx(tmp_path / "big.xlsx", roster_rows(1500, seed=8), write_only=True)
    before = snapshot()
    cancel = threading.Event()

    def cancel_at_first_step(done, total, message):
        cancel.set()

    with pytest.raises(Cancelled):
        import_roster(path, progress=Progress(cancel_at_first_step, cancel, min_interval=0))
    assert snapshot() == before


@pytest.mark.parametrize("how", ["imported", "dry run", "cancelled"])
def test_search_follows_later_edits_whatever_became_of_an_import(db, tmp_path, how):
    """An import indexes its own rows with the search queue's triggers off: they must be back afterwards."""
    path = write_roster_xlsx(tmp_path / "r.xlsx", roster_rows(3, seed=5))
    if how == "cancelled":
        cancel = threading.Event()
        with pytest.raises(Cancelled):
            import_roster(path, progress=Progress(lambda *step: cancel.set(), cancel, min_interval=0))
    else:
        import_roster(path, dry_run=how == "dry run")
    grid = Grid.create(community=Community.create(sub_district=SubDistrict.create(name="东山街道"), name="东山社区"),
                       name="第一网格")
    home = Household.create(grid=grid, building=Building.create(grid=grid, name="8号楼"), address="东山社区8号楼101室")
    resident = Resident.create(household=home, name="欧阳娜娜")
    assert [match.uuid for match in find("阳娜")] == [resident.uuid]
    assert home.uuid in [match.uuid for match in find("8号楼101")]


def _registry_indexes() -> list[tuple[str, str]]:
    return database.execute_sql(
        'SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = \'index\' AND "tbl_name" IN (\'household\', \'resident\') '
        'ORDER BY "name"').fetchall()


@pytest.mark.parametrize("how", ["imported", "dry run", "cancelled", "into a registry"])
def test_the_registry_keeps_its_indexes_whatever_became_of_an_import(db, tmp_path, how):
    """Into an empty registry the import builds the indexes of households and residents at its end, not row by
    row: they must be there afterwards, as the schema has them, and finding a resident by ID number uses one."""
    schema_indexes = _registry_indexes()
    assert any(name == "resident_id_number" for name, _ in schema_indexes)
    rows = roster_rows(1_200, seed=8)  # more than a batch: the cancel comes while rows are being written
    path = write_roster_xlsx(tmp_path / "r.xlsx", rows)
    if how == "cancelled":
        cancel = threading.Event()
        with pytest.raises(Cancelled):
            import_roster(path, progress=Progress(lambda *step: cancel.set(), cancel, min_interval=0))
    else:
        if how == "into a registry":
            import_roster(write_roster_xlsx(tmp_path / "first.xlsx", roster_rows(3, seed=9, start=5_000)))
        import_roster(path, dry_run=how == "dry run")
    assert _registry_indexes() == schema_indexes
    plan = " ".join(row[-1] for row in database.execute_sql(
        'EXPLAIN QUERY PLAN SELECT "uuid" FROM "resident" WHERE "id_number" = ?', ("x",)).fetchall())
    assert "resident_id_number" in plan
    residents = Resident.select().count()
    assert (residents > len(rows) // 2) if how in ("imported", "into a registry") else residents == 0


def test_an_import_waits_for_another_writer_instead_of_giving_up(db, tmp_path):
    """The window's own connection or a second program may be writing: the import waits its turn."""
    import sqlite3

    path = write_roster_xlsx(tmp_path / "r.xlsx", roster_rows(3, seed=5))
    other = sqlite3.connect(database.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    outcome = {}

    def import_in_a_thread():
        try:
            outcome["report"] = import_roster(path)
        except Exception as error:  # noqa: BLE001 - shown by the assertion below
            outcome["error"] = error
        finally:
            database.close()

    worker = threading.Thread(target=import_in_a_thread)
    worker.start()
    worker.join(timeout=0.5)
    still_waiting = worker.is_alive()
    other.execute("COMMIT")
    other.close()
    worker.join()
    assert still_waiting, f"the import gave up at once: {outcome}"
    assert outcome["report"].written and Resident.alive().count() == outcome["report"].residents_created


def test_user_mapping_overrides_the_header(db, tmp_path):
    header = ["姓名", "证号", "楼", "房"]
    rows = [["王五", make_id_number("370602", dt.date(1970, 1, 2), 33), "5号楼", "101"]]
    path = write_roster_xlsx(tmp_path / "m.xlsx", rows, header=header, title=None, unit_line=None, total_line=False)
    automatic = import_roster(path, dry_run=True)
    assert automatic.header.columns.get(1) is None  # "证号" is not a known title
    report = import_roster(path, mapping={1: "id_number", 3: "room"})
    assert Resident.get(Resident.name == "王五").id_number == rows[0][1]
    assert report.households_created == 1


@pytest.mark.parametrize(
    "content,reason",
    [
        ([["这是一份通知"], ["没有表格"]], "找不到表头"),
        ([["姓名", "身份证号", "住址"]], "没有数据行"),
        ([["姓名", "身份证号"], ["张三", "110101199003077777"]], "住址"),
    ],
)
def test_files_that_are_no_roster_are_refused_whole(db, tmp_path, content, reason):
    path = tmp_path / "x.xlsx"
    write_roster_xlsx(path, content[1:], header=content[0], title=None, unit_line=None, total_line=False)
    before = snapshot()
    with pytest.raises(RosterRefused, match=reason):
        import_roster(path)
    assert snapshot() == before


def test_csv_in_gbk_imports_like_the_workbook(db, tmp_path):
    rows = roster_rows(4, seed=9)
    report = import_roster(write_roster_csv(tmp_path / "r.csv", rows, encoding="gbk"))
    assert report.residents_created == len(rows)
    assert {r.name for r in Resident.select()} == {row[1] for row in rows}


def test_saved_report_masks_numbers_and_keeps_formula_text_inert(db, tmp_path, messy_rows):
    messy_rows[2][3] = '@HYPERLINK("http://x")'  # a sex that is no sex, and looks like a formula
    messy_rows[8][1] = ""
    report = import_roster(write_roster_xlsx(tmp_path / "r.xlsx", messy_rows), dry_run=True)
    path = save_report(report, tmp_path / "report.xlsx")
    sheet = load_workbook(path)["问题行"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[0] for row in values] == sorted(problem.row for problem in report.problems)
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row[1:] if cell.value)
    assert '@HYPERLINK("http://x")' in [row[3] for row in values]
    assert "12345" not in str(values)


def _convert(source, target_format, folder):
    result = subprocess.run(
        ["soffice", "--headless", "--convert-to", target_format, "--outdir", str(folder), str(source)],
        capture_output=True, timeout=120,
    )
    converted = folder / (source.stem + "." + target_format)
    assert result.returncode == 0 and converted.exists(), result.stderr
    return converted


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("target_format", ["xls", "xlsx", "ods"])
def test_roster_saved_by_libreoffice(db, tmp_path, messy_rows, target_format):
    (tmp_path / "source").mkdir()
    source = write_roster_xlsx(tmp_path / "source" / "roster.xlsx", messy_rows)
    converted = _convert(source, target_format, tmp_path)
    report = import_roster(converted)
    assert report.residents_created == len(messy_rows) - 3
    assert report.households_created == households_of_good_rows(messy_rows)
    assert sorted(p.row for p in report.problems) == [7, 11, 4 + len(messy_rows) - 1]
    before = snapshot()
    assert not import_roster(converted).changed
    assert snapshot() == before


def test_header_fixture_is_recognised_entirely():
    from sync.roster.columns import map_titles

    mapped = map_titles(dict(enumerate(HEADER)))
    assert set(mapped.values()) >= {"name", "relation", "sex", "id_number", "phone", "ethnicity", "community", "grid",
                                    "building", "unit", "room", "notes"}
    assert 0 not in mapped  # 序号 is not a field


def test_bulk_ids_are_valid_uuid7_in_ascending_order():
    import uuid

    from models.storage.ordered_ids import OrderedIds

    ids = OrderedIds()
    given = [ids.next() for _ in range(2_000)]
    assert given == sorted(given) and len(set(given)) == len(given)
    assert all(uuid.UUID(text).version == 7 and str(uuid.UUID(text)) == text for text in given[:50])
    assert (ids.first, ids.last) == (given[0], given[-1])
    assert OrderedIds().next() != given[0]


def test_repeats_and_households_are_found_across_batches(db, tmp_path, monkeypatch):
    """The importer works in batches: a person repeated far down the file, or a household
    whose residents are far apart, must be found all the same, and the report lists rows in order."""
    from sync.roster import importer

    monkeypatch.setattr(importer, "BATCH", 3)
    rows = roster_rows(6, seed=21)
    far_member = list(rows[0])  # another resident of the first household, typed at the end
    far_member[1:5] = ["补录成员", "子女", "男", make_id_number("370602", dt.date(1990, 5, 6), 37)]
    repeat = list(rows[0])  # the first resident again
    rows += [far_member, repeat]
    for number, values in enumerate(rows, start=1):
        values[0] = number
    rows[4][5] = "12345"  # a bad phone, in an earlier batch than the repeat
    report = import_roster(write_roster_xlsx(tmp_path / "r.xlsx", rows))
    first_data_row = 4
    assert [problem.row for problem in report.problems] == [first_data_row + 4, first_data_row + len(rows) - 1]
    assert f"与第 {first_data_row} 行是同一人" in report.problems[1].reason
    member = Resident.get(Resident.name == "补录成员")
    assert member.household == Resident.get(Resident.id_number == rows[0][4]).household
    assert member.relation == "子女"
    assert report.households_created == Household.alive().count() == 6

    before = snapshot()
    again = import_roster(write_roster_xlsx(tmp_path / "r.xlsx", rows))
    assert (again.households_matched, again.households_created, again.changed) == (6, 0, False)
    assert snapshot() == before
