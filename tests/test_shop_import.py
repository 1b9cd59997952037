"""Shop lists (商铺/企业名单) with 专属网格: columns by their synonyms, one transaction, rows named, no duplicates.

The office's lists look like `shop_list`: a merged title row, 序号, 专属网格, a name
column titled one of several ways, and a signature line under the table.
"""

from __future__ import annotations

import shutil
import subprocess
import threading

import pytest
from openpyxl import Workbook

from models.progress import Cancelled, Progress
from models.records.people import Shop
from models.records.places import Community, Grid, SubDistrict
from models.storage.connection import database
from sync.roster.shop_columns import find_shop_header, shop_field_of
from sync.roster.shop_import import ShopsRefused, import_shops, special_type_of
from tests.places import new_grid

pytestmark = pytest.mark.both_databases  # (the office master may be PostgreSQL: docs/postgresql.md)

HEADER = ["序号", "专属网格", "商铺名称", "经营地址", "经营范围", "负责人", "联系电话", "备注"]


def shop_rows():
    return [
        [1, "海滨市场", "老王海鲜", "海滨路12号", "水产零售", "王海", "13800001111", ""],
        [2, "海滨市场", "渔港超市", "海滨路15号", "日用百货", "刘芳", "13900002222", "24小时"],
        [3, "实验学校", "校园文具店", "学府路1号", "文具", "赵明", "0535-3216688", ""],
        [4, "实验学校", "学生餐厅", "学府路1号", "餐饮", "孙丽", "", ""],
    ]


def shop_list(path, rows, header=HEADER, *, title="海滨社区商铺台账", signature=True):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "商铺"
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if signature:
        sheet.append([])
        sheet.append(["填表人：张丽", None, None, "审核人：李强"])
    workbook.save(path)
    return path


def snapshot() -> dict:
    return {table: database.execute_sql(f"SELECT uuid, hlc, vv, deleted FROM {table} ORDER BY uuid").fetchall()
            for table in ("sub_district", "community", "grid", "shop", "audit_entry")}


@pytest.fixture
def community(db):
    """海滨社区 with its residential grid 一网格 and the special grid 海滨市场 (a market)."""
    grid = new_grid("一网格")
    Grid.create(community=grid.community, name="海滨市场", kind="special", special_type="market")
    return grid.community


def test_titles_are_read_by_their_synonyms():
    assert shop_field_of("企业名称")[0] == shop_field_of("单位名称")[0] == shop_field_of("名称")[0] == "name"
    assert shop_field_of("专属网格")[0] == shop_field_of("网格")[0] == "grid"
    assert shop_field_of("经营地址")[0] == shop_field_of("地址")[0] == "address"
    assert shop_field_of("行业")[0] == shop_field_of("经营范围")[0] == "business"
    assert shop_field_of("法人")[0] == shop_field_of("联系人")[0] == shop_field_of("负责人")[0] == "owner"
    assert shop_field_of("电话")[0] == "phone" and shop_field_of("类型")[0] == "grid_type"
    assert shop_field_of("专属网格长")[0] == "leader" and shop_field_of("专属网格长电话")[0] == "leader_phone"
    header = find_shop_header([(1, ["海滨社区商铺台账"]), (2, HEADER)])
    assert header.row == 2 and set(header.columns.values()) == {"grid", "name", "address", "business", "owner",
                                                               "phone", "notes"}


def test_a_shop_list_imports_under_its_grids_and_makes_the_missing_special_grid(community, tmp_path):
    report = import_shops(shop_list(tmp_path / "shops.xlsx", shop_rows()))
    assert report.written and report.created == 4 and report.refused_rows == 0
    assert report.end_row == 8  # the signature line ends the table
    market = Grid.get(Grid.name == "海滨市场")
    school = Grid.get(Grid.name == "实验学校")
    assert (school.kind, school.special_type, school.community_id) == ("special", "other", community.uuid)
    assert {s.name for s in Shop.select().where(Shop.grid == market)} == {"老王海鲜", "渔港超市"}
    shop = Shop.get(Shop.name == "渔港超市")
    assert (shop.address, shop.business, shop.owner, shop.phone, shop.notes) == (
        "海滨路15号", "日用百货", "刘芳", "13900002222", "24小时")
    assert any("新建专属网格 1 个" in line and "实验学校（其他）" in line for line in report.summary_lines())


def test_importing_the_same_list_again_writes_nothing(community, tmp_path):
    path = shop_list(tmp_path / "shops.xlsx", shop_rows())
    import_shops(path)
    before = snapshot()
    again = import_shops(path)
    assert not again.written and again.unchanged == 4 and again.created == 0
    assert snapshot() == before


def test_a_changed_phone_updates_the_shop_and_an_empty_cell_keeps_what_is_stored(community, tmp_path):
    rows = shop_rows()
    import_shops(shop_list(tmp_path / "a.xlsx", rows))
    rows[0][6] = "13700007777"
    rows[1][7] = ""  # the note left out: kept
    rows[2][3] = "学府路 1 号"  # the same address, spaced differently: the same shop
    report = import_shops(shop_list(tmp_path / "b.xlsx", rows))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert Shop.get(Shop.name == "老王海鲜").phone == "13700007777"
    assert Shop.get(Shop.name == "渔港超市").notes == "24小时"
    assert Shop.select().count() == 4


def test_bad_rows_are_named_and_the_good_ones_imported(community, tmp_path):
    rows = shop_rows()
    rows[1][2] = ""  # no name
    rows[2][6] = "12345"  # no phone
    rows.append([5, "海滨市场", "老王海鲜", "海滨路12号", "", "", "", ""])  # the first row again
    report = import_shops(shop_list(tmp_path / "shops.xlsx", rows))
    lines = [problem.line() for problem in report.problems]
    assert lines == [
        "第 4 行 C 列（名称）：没有名称",
        "第 5 行 G 列（联系电话）：联系电话不是有效的手机或座机号码（手机 11 位，座机带区号）",
        "第 7 行 C 列（名称）：与第 3 行是同一商铺（同一网格、名称和地址），重复的一行不导入",
    ]
    assert report.created == 2 and report.refused_rows == 3
    assert {s.name for s in Shop.select()} == {"老王海鲜", "学生餐厅"}


def test_the_type_column_says_what_a_new_special_grid_is(community, tmp_path):
    header = ["专属网格", "类型", "企业名称", "地址", "法人", "电话"]
    rows = [["第一中学", "学校", "校服加工厂", "学府路3号", "周强", ""],
            ["北港园区", "产业园区", "海洋食品公司", "北港路8号", "吴刚", ""],
            ["南街", "餐饮", "好再来饭店", "南街2号", "郑红", ""]]
    report = import_shops(shop_list(tmp_path / "types.xlsx", rows, header=header))
    kinds = {grid.name: grid.special_type for grid in Grid.select().where(Grid.kind == "special")}
    assert kinds == {"海滨市场": "market", "第一中学": "school", "北港园区": "park", "南街": "other"}
    assert Shop.get(Shop.name == "好再来饭店").business == "餐饮"  # no business column: the type that names no kind
    assert Shop.get(Shop.name == "校服加工厂").business == ""
    assert report.created == 3
    assert special_type_of("三甲医院") == "hospital" and special_type_of("农贸市场") == "market"


def test_a_missing_grid_is_refused_when_the_community_is_ambiguous(community, tmp_path):
    other = Community.create(sub_district=SubDistrict.create(name="北长山乡"), name="北城社区")
    path = shop_list(tmp_path / "shops.xlsx", shop_rows())
    before = snapshot()
    dry = import_shops(path, dry_run=True)
    assert dry.ambiguous_grids == {"实验学校": []} and dry.created == 2
    with pytest.raises(ShopsRefused) as refusal:
        import_shops(path)
    message = str(refusal.value)
    assert "\n" not in message and "shops.xlsx" in message and "实验学校" in message and "--community" in message
    assert snapshot() == before
    report = import_shops(path, community=other.uuid)  # told: the grids are looked for and made there
    assert report.written and report.created == 4
    assert {g.name for g in Grid.select().where(Grid.community == other)} == {"海滨市场", "实验学校"}


def test_a_community_column_decides_per_row(community, tmp_path):
    Community.create(sub_district=SubDistrict.create(name="北长山乡"), name="北城社区")
    header = ["社区", *HEADER]
    rows = [["北城社区", *shop_rows()[0]], ["西城社区", *shop_rows()[1]]]
    report = import_shops(shop_list(tmp_path / "shops.xlsx", rows, header=header))
    assert [problem.line() for problem in report.problems] == ["第 4 行 A 列（社区）：登记册中没有这个社区"]
    assert Shop.get().grid.community.name == "北城社区"


def test_the_leader_column_names_the_special_grid_leader(community, tmp_path):
    header = [*HEADER, "专属网格长", "专属网格长电话"]
    rows = [[*row, "陈主任", "13600003333"] for row in shop_rows()]
    report = import_shops(shop_list(tmp_path / "shops.xlsx", rows, header=header))
    market = Grid.get(Grid.name == "海滨市场")
    assert (market.leader, market.leader_phone) == ("陈主任", "13600003333") and report.leaders_changed == 1


@pytest.mark.parametrize("content,reason", [
    ([["这是一份通知"], ["没有表格"]], "找不到商铺名单的表头"),
    ([HEADER], "没有数据行"),
    ([["商铺名称", "地址"], ["老王海鲜", "海滨路12号"]], "没有“专属网格”栏目"),
])
def test_files_that_are_no_shop_list_are_refused_whole(community, tmp_path, content, reason):
    path = shop_list(tmp_path / "x.xlsx", content[1:], header=content[0], title=None, signature=False)
    before = snapshot()
    with pytest.raises(ShopsRefused, match=reason):
        import_shops(path)
    assert snapshot() == before


def test_cancelling_rolls_everything_back(community, tmp_path):
    rows = [[i, "海滨市场", f"商铺{i}", f"海滨路{i}号", "", "", "", ""] for i in range(120)]
    path = shop_list(tmp_path / "shops.xlsx", rows)
    before = snapshot()
    cancel = threading.Event()
    steps = []

    def cancel_after_some_shops(done, total, message):
        steps.append(done)
        if len(steps) == 2:  # 50 shops written in the transaction by then
            cancel.set()

    with pytest.raises(Cancelled):
        import_shops(path, progress=Progress(cancel_after_some_shops, cancel, min_interval=0))
    assert snapshot() == before


def test_a_corrupt_workbook_is_refused_in_one_line(community, tmp_path):
    whole = shop_list(tmp_path / "whole.xlsx", shop_rows())
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[:400])
    before = snapshot()
    with pytest.raises(ShopsRefused) as refusal:
        import_shops(cut)
    assert "\n" not in str(refusal.value) and str(refusal.value).startswith("cut.xlsx") and "损坏" in str(refusal.value)
    assert snapshot() == before


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("target_format", ["xls", "xlsx"])
def test_a_list_saved_by_libreoffice_imports_the_same(community, tmp_path, target_format):
    (tmp_path / "source").mkdir()
    source = shop_list(tmp_path / "source" / "shops.xlsx", shop_rows())
    result = subprocess.run(["soffice", "--headless", "--convert-to", target_format, "--outdir", str(tmp_path),
                             str(source)], capture_output=True, timeout=180)
    converted = tmp_path / f"shops.{target_format}"
    assert result.returncode == 0 and converted.exists(), result.stderr
    report = import_shops(converted)
    assert report.created == 4 and not report.problems
    assert Shop.get(Shop.name == "校园文具店").phone == "0535-3216688"
    before = snapshot()
    assert not import_shops(converted).changed
    assert snapshot() == before
