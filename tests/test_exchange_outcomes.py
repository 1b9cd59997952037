"""Issue 21's fields travel in exchange workbooks, and a workbook written before them still merges.

The new columns (诉求: 商铺, 诉求来源, 办结结果, 结果说明, 调解结果; 走访: 商铺; 诉求分类: 大类) are
optional: a workbook without them means "not known", which keeps what the laptop holds and
gives a new record only what can be derived — never a default that would change a rate.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import openpyxl

from models.registry.coverage import Period
from models.work.demands import accept, close, raise_demand
from models.records.people import Cadre, Household, Shop
from models.work.reference_lists import save_category
from models.figures.stats import rates
from models.work.visits import RaisedItem, record_visit
from models.scope import Scope
from models.records.work import Demand, DemandCategory, Visit
from tests.exchange_fixtures import Laptop, edit_cells, office_with_registry, row_of

DAY = dt.date(2026, 3, 2)
NEW_COLUMNS = {
    "诉求": {"商铺", "商铺标识", "诉求来源", "办结结果", "结果说明", "调解结果"},
    "走访": {"商铺", "商铺标识"},
    "诉求分类": {"大类"},
}


def without_new_columns(book, target):
    """The workbook as a Lianxin before issue 21 would have written it (the rest untouched)."""
    workbook = openpyxl.load_workbook(book)
    for sheet_title, titles in NEW_COLUMNS.items():
        sheet = workbook[sheet_title]
        for column in sorted((cell.column for cell in sheet[1] if cell.value in titles), reverse=True):
            sheet.delete_cols(column)
    workbook.save(target)
    return target


def as_an_old_lianxin_holds_it(laptop: Laptop) -> None:
    """Blank what a Lianxin before issue 21 could not hold (its schema has no triggers to fill them in)."""
    connection = sqlite3.connect(laptop.path)
    with connection:
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                          "(tbl_name = 'demand' OR name LIKE 'demand_category%')").fetchall():
            connection.execute(f'DROP TRIGGER "{name}"')
        connection.execute("UPDATE demand SET source = NULL, outcome = NULL, outcome_reason = '', mediation = NULL")
        connection.execute("UPDATE demand_category SET family = NULL")
    connection.close()


def office_with_outcomes(tmp_path, shops: bool = True):
    """The small registry, plus: 楼道灯不亮 (raised in a visit) closed "unsolvable" with its reason; a
    dispute closed with mediation; a 12345 demand; and (`shops`) a shop visited, with a problem solved.

    A Lianxin before issue 21 can hold no shop's visit: the old laptops' offices have none."""
    office, ids, _ = office_with_registry(tmp_path)
    with office.open():
        home = Household.get_by_id(ids["first"])
        lamp = Demand.get(Demand.description == "楼道灯不亮")
        close(accept(lamp, DAY), DAY, outcome="unsolvable", reason="产权单位不明")
        dispute = save_category("邻里纠纷", family="dispute")
        quarrel = accept(raise_demand(home, "楼上噪音", category=dispute, source="walk_in", raised_on=DAY), DAY)
        close(quarrel, DAY, outcome="solved", mediation="succeeded")
        raise_demand(home, "路灯不亮", source="hotline", raised_on=DAY)
        if not shops:
            return office
        shop = Shop.create(grid=home.grid_id, name="王记面馆")
        visit = record_visit(None, [Cadre.get()], shop=shop, visited_on=DAY, raised=[RaisedItem("招工难")])
        close(accept(visit.demands.get(), DAY), DAY, outcome="solved")
    return office


def facts():
    return {
        demand.description: (demand.source, demand.outcome, demand.outcome_reason, demand.mediation, demand.shop_id)
        for demand in Demand.select()
    }


def test_the_new_fields_travel_with_chinese_words(tmp_path):
    office = office_with_outcomes(tmp_path)
    book = office.export(tmp_path / "office.xlsx")
    sheet = openpyxl.load_workbook(book, read_only=True)["诉求"]
    rows = list(sheet.iter_rows(values_only=True))
    titles = rows[0]
    lamp = next(row for row in rows if row[titles.index("内容")] == "楼道灯不亮")
    assert (lamp[titles.index("诉求来源")], lamp[titles.index("办结结果")], lamp[titles.index("结果说明")]) == (
        "入户走访", "无法解决", "产权单位不明")
    with office.open():
        expected = facts()
        shop_visits = {v.uuid: v.shop_id for v in Visit.select().where(Visit.shop.is_null(False))}
    laptop = Laptop(tmp_path / "laptop.db", "甲")
    [receipt] = laptop.merge(book)
    assert receipt.accepted and receipt.hand_edits == 0
    with laptop.open():
        assert facts() == expected
        assert {v.uuid: v.shop_id for v in Visit.select().where(Visit.shop.is_null(False))} == shop_visits
        assert DemandCategory.get(DemandCategory.name == "邻里纠纷").family == "dispute"
    assert laptop.snapshot() == office.snapshot()


def test_an_old_workbook_merges_and_keeps_every_new_field(tmp_path):
    office = office_with_outcomes(tmp_path, shops=False)
    with office.open():
        expected = facts()
    old_laptop = Laptop(tmp_path / "old.db", "旧版")
    old_laptop.merge(office.export(tmp_path / "office.xlsx"))
    as_an_old_lianxin_holds_it(old_laptop)
    with old_laptop.open():  # an old Lianxin edits the description of two demands and a category's deadline
        for description in ("楼道灯不亮", "楼上噪音"):
            demand = Demand.get(Demand.description == description)
            demand.description = description + "（已核实）"
            demand.save()
        category = DemandCategory.get(DemandCategory.name == "邻里纠纷")
        category.deadline_days = 10
        category.save()
    book = without_new_columns(old_laptop.export(tmp_path / "old-new.xlsx"), tmp_path / "old.xlsx")
    [receipt] = office.merge(book)
    assert receipt.accepted and receipt.updated >= 3 and receipt.hand_edits == 0  # its rows check as written
    with office.open():
        found = facts()
        assert found.pop("楼道灯不亮（已核实）") == expected.pop("楼道灯不亮")
        assert found.pop("楼上噪音（已核实）") == expected.pop("楼上噪音")
        assert found == expected
        category = DemandCategory.get(DemandCategory.name == "邻里纠纷")
        assert (category.deadline_days, category.family) == (10, "dispute")


def test_an_old_workbook_into_a_new_laptop_brings_no_guessed_outcome(tmp_path):
    """What an old workbook cannot say stays "not recorded"; only what it implies is filled in."""
    office = office_with_outcomes(tmp_path, shops=False)
    old_laptop = Laptop(tmp_path / "old.db", "旧版")
    old_laptop.merge(office.export(tmp_path / "office.xlsx"))
    as_an_old_lianxin_holds_it(old_laptop)
    old = without_new_columns(old_laptop.export(tmp_path / "old-new.xlsx"), tmp_path / "old.xlsx")
    fresh = Laptop(tmp_path / "fresh.db", "新")
    [receipt] = fresh.merge(old)
    assert receipt.accepted and receipt.hand_edits == 0
    with fresh.open():
        alive = {d.description: (d.source, d.outcome, d.mediation) for d in Demand.alive()}
        assert alive == {
            "楼道灯不亮": ("visit", "unrecorded", None),  # raised in a visit: that much is known
            "楼上噪音": (None, "unrecorded", None),
            "路灯不亮": (None, None, None),  # open: no outcome yet
        }
        assert DemandCategory.get(DemandCategory.name == "邻里纠纷").family is None  # not set
        values = rates(Period(DAY, DAY), today=DAY)
        assert values["resolution_rate"] is None and values["demands_outcome_unknown"] == 2  # not 0 %, not 100 %
        assert values["demands_by_source"]["unknown"] == 2 and values["disputes_accepted"] == 0


def test_a_hand_edit_in_an_old_workbook_keeps_the_outcome(tmp_path):
    office = office_with_outcomes(tmp_path, shops=False)
    old_laptop = Laptop(tmp_path / "old.db", "旧版")
    old_laptop.merge(office.export(tmp_path / "office.xlsx"))
    as_an_old_lianxin_holds_it(old_laptop)
    old = without_new_columns(old_laptop.export(tmp_path / "old-new.xlsx"), tmp_path / "old.xlsx")
    edit_cells(old, "诉求", {(row_of(old, "诉求", "内容", "楼道灯不亮"), "提出人"): "张三明"})
    [receipt] = office.merge(old)
    assert receipt.accepted and receipt.hand_edits == 1
    with office.open():
        lamp = Demand.get(Demand.description == "楼道灯不亮")
        assert (lamp.raised_by, lamp.source, lamp.outcome, lamp.outcome_reason) == (
            "张三明", "visit", "unsolvable", "产权单位不明")


def shop_work(laptop: Laptop) -> tuple[set[str], set[str]]:
    """The shops this laptop holds, and the descriptions of the demands raised at shops."""
    with laptop.open():
        shops = {shop.name for shop in Shop.select()}
        demands = {demand.description for demand in Demand.select().where(Demand.shop.is_null(False))}
    return shops, demands


def test_a_grid_or_cadre_export_carries_the_shops_and_their_work(tmp_path):
    """A shop's visits and demands travel with it: the office's grid workbook and a cadre's package hold them."""
    office = office_with_outcomes(tmp_path)
    with office.open():
        shop = Shop.get(Shop.name == "王记面馆")
        record_visit(None, [Cadre.get()], shop=shop, visited_on=DAY, raised=[RaisedItem("门前积水")])
        grid_uuid, cadre_uuid = shop.grid_id, Cadre.get().uuid
    for kind, uuid, expected in (("grid", grid_uuid, {"招工难", "门前积水"}), ("cadre", cadre_uuid, {"门前积水"})):
        laptop = Laptop(tmp_path / f"{kind}.db", kind)
        [receipt] = laptop.merge(office.export(tmp_path / f"{kind}.xlsx", Scope.named(kind, uuid)))
        assert receipt.accepted
        assert shop_work(laptop) == ({"王记面馆"}, expected)  # a cadre's package: open demands only
        with laptop.open():
            assert Visit.select().where(Visit.shop.is_null(False)).count() == 2
