"""Micro-grids and special grids travel, and a workbook written before them blanks nothing.

The 微网格 sheet carries each micro-grid with its 微网格长; 住户 names a household's micro-grid
(微网格 / 微网格标识); 网格 carries a special grid's 专属类型 and its 专属网格长 with phone.  A
Lianxin older than these wrote none of them: merging its version of a household or a grid
must keep what the office holds ("not known" is not "empty").
"""

from __future__ import annotations

import openpyxl

from models.records.people import Cadre, Household, MicroGrid
from models.records.places import Grid
from tests.exchange_fixtures import Laptop, edit_cells, office_with_registry, row_of, without_columns

NEW_COLUMNS = {"住户": ("微网格", "微网格标识"), "网格": ("专属类型", "专属网格长", "专属网格长电话")}


def as_an_older_lianxin_wrote_it(path, target):
    """The workbook without the micro-grid sheet and the new columns (everything else untouched)."""
    return without_columns(path, target, NEW_COLUMNS, sheets=("微网格",))


def office_with_micro_grid(tmp_path):
    office, ids, _ = office_with_registry(tmp_path)
    with office.open():
        grid = Grid.get_by_id(ids["grid"])
        micro = MicroGrid.create(grid=grid, name="1号楼微网格", leader="牟雪", leader_phone="13900000009",
                                 leader_cadre=Cadre.get_by_id(ids["cadre"]))
        Household.update(micro_grid=micro).where(Household.uuid == ids["first"]).execute()
        grid.kind, grid.special_type, grid.leader, grid.leader_phone = "special", "market", "孙经理", "13700000007"
        grid.save()
        household = Household.get_by_id(ids["first"])
        household.save()  # a new version that carries the micro-grid
    return office, ids, office.export(tmp_path / "office.xlsx")


def test_micro_grids_and_special_grids_travel(tmp_path):
    _, ids, book = office_with_micro_grid(tmp_path)
    workbook = openpyxl.load_workbook(book, read_only=True)
    assert [cell.value for cell in workbook["微网格"][1]][:5] == ["网格", "名称", "微网格长", "微网格长电话", "微网格长干部"]
    household_titles = [cell.value for cell in workbook["住户"][1]]
    assert "微网格" in household_titles and "微网格标识" in household_titles
    assert row_of(book, "住户", "微网格", "1号楼微网格")
    assert row_of(book, "网格", "专属类型", "商圈") and row_of(book, "网格", "专属网格长", "孙经理")
    laptop = Laptop(tmp_path / "laptop.db", "甲")
    [receipt] = laptop.merge(book)
    assert receipt.accepted and receipt.hand_edits == 0
    with laptop.open():
        micro = Household.get_by_id(ids["first"]).micro_grid
        assert (micro.name, micro.leader, micro.leader_phone, micro.leader_cadre.name) == (
            "1号楼微网格", "牟雪", "13900000009", "牟雪")
        assert Household.get_by_id(ids["second"]).micro_grid_id is None
        grid = Grid.get_by_id(ids["grid"])
        assert (grid.kind, grid.special_type, grid.leader, grid.leader_phone) == ("special", "market", "孙经理", "13700000007")


def test_a_grid_export_carries_the_grids_micro_grids(tmp_path):
    office, ids, _ = office_with_micro_grid(tmp_path)
    book = office.export(tmp_path / "grid.xlsx", grid="第一网格")
    laptop = Laptop(tmp_path / "laptop.db", "甲")
    [receipt] = laptop.merge(book)
    assert receipt.accepted
    with laptop.open():
        assert [m.name for m in MicroGrid.select()] == ["1号楼微网格"]


def test_an_old_workbook_merges_and_keeps_micro_grid_and_leader(tmp_path):
    office, ids, book = office_with_micro_grid(tmp_path)
    old_laptop = Laptop(tmp_path / "old.db", "旧版")
    old_laptop.merge(book)
    with old_laptop.open():  # what an old Lianxin holds: none of the new columns, and newer edits
        Household.update(micro_grid=None).execute()
        Grid.update(special_type=None, leader="", leader_phone="").execute()
        household = Household.get_by_id(ids["first"])
        household.notes = "老人独居"
        household.save()
        grid = Grid.get_by_id(ids["grid"])
        grid.name = "第一网格（商圈）"
        grid.save()
    old_book = as_an_older_lianxin_wrote_it(old_laptop.export(tmp_path / "old-new.xlsx"), tmp_path / "old.xlsx")
    [receipt] = office.merge(old_book)
    assert receipt.accepted and receipt.updated >= 2 and receipt.hand_edits == 0  # its rows check as written
    with office.open():
        household = Household.get_by_id(ids["first"])
        assert household.notes == "老人独居" and household.micro_grid.name == "1号楼微网格"
        grid = Grid.get_by_id(ids["grid"])
        assert (grid.name, grid.special_type, grid.leader, grid.leader_phone) == (
            "第一网格（商圈）", "market", "孙经理", "13700000007")


def test_a_hand_edit_in_an_old_workbook_keeps_the_micro_grid(tmp_path):
    office, ids, book = office_with_micro_grid(tmp_path)
    old = as_an_older_lianxin_wrote_it(book, tmp_path / "old.xlsx")
    edit_cells(old, "住户", {(row_of(old, "住户", "房号", "101"), "备注"): "改过"})
    [receipt] = office.merge(old)
    # the household edited, and the grid whose leader's columns were cut away: both read as hand edits
    assert receipt.accepted and receipt.hand_edits == 2
    with office.open():
        household = Household.get_by_id(ids["first"])
        assert household.notes == "改过" and household.micro_grid.name == "1号楼微网格"
        assert Grid.get_by_id(ids["grid"]).leader == "孙经理"


def test_a_new_workbook_takes_a_household_out_of_its_micro_grid(tmp_path):
    office, ids, book = office_with_micro_grid(tmp_path)
    laptop = Laptop(tmp_path / "laptop.db", "甲")
    laptop.merge(book)
    with laptop.open():
        household = Household.get_by_id(ids["first"])
        household.micro_grid = None
        household.save()
    [receipt] = office.merge(laptop.export(tmp_path / "laptop.xlsx"))
    assert receipt.accepted and receipt.updated >= 1
    with office.open():
        assert Household.get_by_id(ids["first"]).micro_grid_id is None


def test_a_household_moved_to_another_micro_grid_moves_everywhere(tmp_path):
    office, ids, book = office_with_micro_grid(tmp_path)
    laptop = Laptop(tmp_path / "laptop.db", "甲")
    laptop.merge(book)
    with laptop.open():
        other = MicroGrid.create(grid=ids["grid"], name="2号楼微网格", leader="周阿姨", leader_phone="13600000006")
        household = Household.get_by_id(ids["first"])
        household.micro_grid = other
        household.save()
    [receipt] = office.merge(laptop.export(tmp_path / "laptop.xlsx"))
    assert receipt.accepted
    with office.open():
        assert Household.get_by_id(ids["first"]).micro_grid.leader == "周阿姨"
