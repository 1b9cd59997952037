"""Exchange workbooks end to end: round trips, conflicts, hand edits, refusals with the database untouched."""

from __future__ import annotations

import itertools
import zipfile

import openpyxl
import pytest

from models.records.people import Household, Resident
from sync.exchange import settle_conflicts as conflicts
from sync.exchange.format import FORMAT_VERSION, SPECS
from tests.exchange_fixtures import Laptop, edit_cells, office_with_registry, row_of, valid_id


@pytest.fixture
def office(tmp_path, store):
    """The office with the small registry: a SQLite laptop, or the office master on PostgreSQL."""
    if store == "sqlite":
        yield office_with_registry(tmp_path)
        return
    from tests.postgres_server import drop_database, new_database

    url = new_database()
    yield office_with_registry(tmp_path, at=url)
    drop_database(url)


def laptop_from(tmp_path, name: str, workbook) -> Laptop:
    laptop = Laptop(tmp_path / f"{name}.db", name)
    assert laptop.merge(workbook)[0].accepted
    return laptop


def edit_household(laptop: Laptop, uuid: str, **changes) -> None:
    with laptop.open():
        household = Household.get_by_id(uuid)
        for name, value in changes.items():
            setattr(household, name, value)
        household.save()


def test_a_workbook_merged_into_an_empty_laptop_gives_the_same_records(tmp_path, office):
    office_laptop, _, workbook = office
    laptop = laptop_from(tmp_path, "field", workbook)
    snapshot = laptop.snapshot()
    assert snapshot == office_laptop.snapshot()
    again = laptop.merge(workbook)[0]
    assert again.accepted and again.new == again.updated == again.conflicts == 0 and again.unchanged > 0
    assert laptop.snapshot() == snapshot


def test_two_laptops_editing_one_household_and_a_third_converge_with_one_conflict(tmp_path, office):
    office_laptop, ids, base = office
    a, b, c = (laptop_from(tmp_path, name, base) for name in ("A", "B", "C"))
    edit_household(a, ids["first"], notes="A: 老人独居，需要每周探望")
    edit_household(b, ids["first"], notes="B: 子女每周回家", phone="13800000002")
    with c.open():
        resident = Resident.get(Resident.name == "王建国")
        resident.phone = "13700000003"
        resident.save()
    books = [laptop.export(tmp_path / f"{laptop.name}.xlsx") for laptop in (a, b, c)]

    snapshots = []
    for number, order in enumerate(itertools.permutations(books)):
        office_copy = laptop_from(tmp_path, f"office{number}", base)
        receipts = office_copy.merge(*order, *order[:2])  # and some of them twice
        assert all(receipt.accepted for receipt in receipts)
        snapshots.append(office_copy.snapshot())
    assert all(snapshot == snapshots[0] for snapshot in snapshots)
    assert len(snapshots[0]["open conflicts"]) == 1
    (kept,) = snapshots[0]["open conflicts"]
    assert kept[:2] == ("household", ids["first"])

    with Laptop(tmp_path / "office0.db", "office0").open():
        (record,) = conflicts.conflicted_records()
        notes = {side.values["notes"] for side in record.sides}
        assert notes == {"A: 老人独居，需要每周探望", "B: 子女每周回家"}
        assert [c.column for c in record.differing_columns()] == ["phone", "notes"]
        assert Resident.get(Resident.name == "王建国").phone == "13700000003"
        assert conflicts.open_conflict_count() == 1


def test_settling_a_conflict_travels_and_clears_it_everywhere(tmp_path, office):
    _, ids, base = office
    a, b = laptop_from(tmp_path, "A", base), laptop_from(tmp_path, "B", base)
    edit_household(a, ids["first"], notes="甲")
    edit_household(b, ids["first"], notes="乙")
    from_a, from_b = a.export(tmp_path / "a.xlsx"), b.export(tmp_path / "b.xlsx")
    hub = laptop_from(tmp_path, "hub", base)
    hub.merge(from_a, from_b)
    with hub.open():
        (record,) = conflicts.conflicted_records()
        conflicts.resolve(record, {"notes": "甲乙合并"})
        assert conflicts.open_conflict_count() == 0
        assert Household.get_by_id(ids["first"]).notes == "甲乙合并"
    settled = hub.export(tmp_path / "hub.xlsx")
    a.merge(from_b)
    with a.open():
        assert conflicts.open_conflict_count() == 1
    receipt = a.merge(settled)[0]
    assert receipt.updated >= 1
    with a.open():
        assert conflicts.open_conflict_count() == 0
        assert Household.get_by_id(ids["first"]).notes == "甲乙合并"
    assert a.snapshot()["household"] == hub.snapshot()["household"]


def test_an_edit_the_other_side_has_seen_is_not_a_conflict(tmp_path, office):
    office_laptop, ids, base = office
    field = laptop_from(tmp_path, "field", base)
    edit_household(field, ids["first"], notes="第一次")
    office_laptop.merge(field.export(tmp_path / "f1.xlsx"))
    edit_household(office_laptop, ids["first"], notes="办公室改过")
    field.merge(office_laptop.export(tmp_path / "o1.xlsx"))
    with field.open():
        assert conflicts.open_conflict_count() == 0
        assert Household.get_by_id(ids["first"]).notes == "办公室改过"


def test_a_row_edited_by_hand_is_a_new_edit_of_the_merging_laptop_once(tmp_path, office):
    office_laptop, ids, base = office
    field = laptop_from(tmp_path, "field", base)
    row = row_of(base, "住户", "标识", ids["first"])
    edit_cells(base, "住户", {(row, "备注"): "门口有台阶，注意老人"})
    receipt = field.merge(base)[0]
    assert receipt.accepted and receipt.hand_edits == 1 and receipt.updated == 1
    with field.open() as installation:
        household = Household.get_by_id(ids["first"])
        assert household.notes == "门口有台阶，注意老人"
        assert household.device == installation.device_id
    again = field.merge(base)[0]
    assert again.accepted and again.updated == again.new == again.hand_edits == 0


def test_a_row_added_by_hand_is_a_new_checked_record_and_a_removed_row_deletes_nothing(tmp_path, office):
    office_laptop, ids, base = office
    field = laptop_from(tmp_path, "field", base)
    before = field.snapshot()
    edit_cells(base, "居民", {}, append={"住户标识": ids["second"], "姓名": "王小红", "性别": "女",
                                         "身份证号": valid_id(__import__("datetime").date(1980, 2, 2), 222),
                                         "出生日期": "1980-02-02", "已删除": "否"}, delete_row=2)
    receipt = field.merge(base)[0]
    assert receipt.accepted and receipt.added_by_hand == 1 and receipt.new == 1
    with field.open():
        assert Resident.alive().count() == 4
        assert Resident.get(Resident.name == "王小红").household_id == ids["second"]
    assert field.merge(base)[0].new == 0
    assert len(field.snapshot()["resident"]) == len(before["resident"]) + 1


def test_a_typed_row_with_a_bad_id_number_refuses_the_whole_file(tmp_path, office):
    _, ids, base = office
    field = laptop_from(tmp_path, "field", base)
    row = row_of(base, "住户", "标识", ids["first"])
    edit_cells(base, "住户", {(row, "备注"): "这处修改不应留下"})
    edit_cells(base, "居民", {}, append={"住户标识": ids["second"], "姓名": "赵六", "身份证号": 110101199003071235})
    before = field.snapshot()
    receipt = field.merge(base)[0]
    assert not receipt.accepted
    assert any("sheet 居民" in line and "column 身份证号" in line and "row 5" in line for line in receipt.refused)
    assert field.snapshot() == before


def test_values_that_look_like_formulas_are_text_and_come_back_verbatim(tmp_path, office):
    office_laptop, ids, _ = office
    tricky = ["=1+1", "+8613800000000", "-2", "@SUM(A1)", "\tindented", "\rcarriage", "=HYPERLINK(\"x\")"]
    with office_laptop.open():
        for number, text in enumerate(tricky):
            Household.create(grid=ids["grid"], building=Household.get_by_id(ids["first"]).building_id,
                             room=f"9{number}", address=f"地址{number}", notes=text)
    workbook = office_laptop.export(tmp_path / "tricky.xlsx")
    with zipfile.ZipFile(workbook) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)
    field = laptop_from(tmp_path, "field", workbook)
    with field.open():
        assert sorted(h.notes for h in Household.select().where(Household.room.startswith("9"))) == sorted(tricky)


def _refused_untouched(laptop: Laptop, workbook, expected: str) -> None:
    before = laptop.path.read_bytes(), laptop.snapshot()
    receipt = laptop.merge(workbook)[0]
    assert not receipt.accepted
    assert expected in receipt.refused[0]
    assert laptop.snapshot() == before[1]


def test_truncated_and_disguised_files_are_refused_with_the_database_untouched(tmp_path, office):
    _, _, base = office
    field = laptop_from(tmp_path, "field", base)
    data = base.read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    _refused_untouched(field, truncated, "损坏")
    disguised = tmp_path / "names.xlsx"
    disguised.write_text("姓名,身份证号\n张三,110101199003071234\n", encoding="utf-8")
    _refused_untouched(field, disguised, "不是 Excel 工作簿")
    roster = tmp_path / "roster.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号"])
    book.save(roster)
    _refused_untouched(field, roster, "not a Lianxin exchange workbook")


def test_edited_key_columns_or_description_refuse_the_file(tmp_path, office):
    _, ids, base = office
    field = laptop_from(tmp_path, "field", base)
    keys = tmp_path / "keys.xlsx"
    keys.write_bytes(base.read_bytes())
    row = row_of(keys, "住户", "标识", ids["first"])
    edit_cells(keys, "住户", {(row, "版本"): '{"ffffffffffff":1}'})
    _refused_untouched(field, keys, f"sheet 住户, row {row}, column 版本校验")
    described = tmp_path / "described.xlsx"
    described.write_bytes(base.read_bytes())
    edit_cells(described, "说明", {(3, "值"): str(FORMAT_VERSION + 1)})
    _refused_untouched(field, described, "sheet 说明")


def test_a_workbook_from_a_newer_format_is_refused(tmp_path, office, monkeypatch):
    office_laptop, _, base = office
    field = laptop_from(tmp_path, "field", base)
    monkeypatch.setattr("sync.exchange.metadata.FORMAT_VERSION", FORMAT_VERSION + 1)
    newer = office_laptop.export(tmp_path / "newer.xlsx")
    monkeypatch.undo()
    _refused_untouched(field, newer, "newer Lianxin")


@pytest.mark.sqlite_only  # copies the office's database file
def test_an_old_workbook_of_this_very_laptop_is_refused(tmp_path, office):
    office_laptop, ids, base = office
    edit_household(office_laptop, ids["first"], notes="之后又改了")
    _refused_untouched(office_laptop, base, "this laptop wrote this workbook")


def test_columns_have_chinese_titles_and_ids_stay_text(tmp_path, office):
    _, _, base = office
    book = openpyxl.load_workbook(base)
    assert book.sheetnames[:11] == ["说明", "住户", "居民", "楼栋", "商铺", "干部", "联户", "走访", "诉求", "回访", "责任单位"]
    households = book["住户"]
    titles = [cell.value for cell in households[1]]
    assert "联系电话" in titles and households.freeze_panes == "A2"
    residents = book["居民"]
    id_column = [cell.value for cell in residents[1]].index("身份证号") + 1
    assert all(isinstance(residents.cell(row=r, column=id_column).value, str) for r in range(2, residents.max_row + 1))
    birth_column = [cell.value for cell in residents[1]].index("出生日期") + 1
    assert residents.cell(row=2, column=birth_column).is_date
    assert book["诉求"].cell(row=2, column=[c.value for c in book["诉求"][1]].index("状态") + 1).value == "待受理"
    assert set(SPECS) <= {spec.table for spec in SPECS.values()}


def test_a_cadre_package_holds_her_households_and_open_demands_and_merges_on_its_own(tmp_path, office):
    from models.records.work import Demand

    office_laptop, ids, _ = office
    package = office_laptop.export(tmp_path / "package.xlsx", cadre="牟雪")
    with office_laptop.open():
        demand = Demand.get()
        demand.state = "closed"
        demand.save()
    closed = office_laptop.export(tmp_path / "closed.xlsx", cadre="牟雪")
    community = office_laptop.export(tmp_path / "community.xlsx", community="乐园社区")
    for workbook, households, demands in ((package, 1, 1), (closed, 1, 0), (community, 2, 1)):
        field = Laptop(tmp_path / f"{workbook.stem}.db", workbook.stem)
        assert field.merge(workbook)[0].accepted  # self-contained: every parent came along
        snapshot = field.snapshot()
        assert (len(snapshot["household"]), len(snapshot["demand"])) == (households, demands)
        assert {row[0] for row in snapshot["household"]} <= {ids["first"], ids["second"]}
