"""One scope for coverage, the exchange workbook and printing: the same words, the same households.

A district with two sub-districts; each part of a scope narrows the households,
parts combine with "and", names typed by a person resolve to one record or are
refused with a line that says why, and an export of a sub-district carries its
households and nobody else's.
"""

from __future__ import annotations

import datetime as dt

import pytest
from python_calamine import CalamineWorkbook

from desktop.operations import exchange
from models.registry.coverage import Period, coverage
from models.records.people import Assignment, Cadre, Household
from models.records.places import Building, Community, Grid, SubDistrict
from models.scope import Scope, ScopeRefused, resolve_scope, scope_choices

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def district(db):
    """南长山 (海滨社区: 第一网格 h1 h2, 第二网格 h3) and 北长山 (渔港社区: 第一网格 h4); 王芳 linked to h2 and h4."""
    records: dict[str, object] = {}
    for street, community, grids in (("南长山街道", "海滨社区", {"第一网格": ("h1", "h2"), "第二网格": ("h3",)}),
                                     ("北长山街道", "渔港社区", {"第一网格": ("h4",)})):
        records[street] = SubDistrict.create(name=street)
        records[community] = Community.create(sub_district=records[street], name=community)
        for grid_name, homes in grids.items():
            grid = records[f"{community}/{grid_name}"] = Grid.create(community=records[community], name=grid_name)
            building = Building.create(grid=grid, name=f"{grid_name}1号楼")
            for home in homes:
                records[home] = Household.create(grid=grid, building=building, room=home, address=home)
    wang = records["王芳"] = Cadre.create(name="王芳", grid=records["海滨社区/第一网格"])
    for home in ("h2", "h4"):
        Assignment.create(cadre=wang, household=records[home], since=TODAY)
    return records


def addresses(scope: Scope) -> list[str]:
    return sorted(h.address for h in Household.select().where(Household.uuid.in_(scope.household_ids())))


def test_each_part_narrows_the_households_and_parts_combine_with_and(district):
    assert addresses(Scope()) == ["h1", "h2", "h3", "h4"]
    assert addresses(Scope.of(district["南长山街道"])) == ["h1", "h2", "h3"]
    assert addresses(Scope.of(district["海滨社区"])) == ["h1", "h2", "h3"]
    assert addresses(Scope.of(district["海滨社区/第一网格"])) == ["h1", "h2"]
    assert addresses(Scope.of(district["王芳"])) == ["h2", "h4"]
    assert addresses(Scope(community=district["海滨社区"].uuid, cadre=district["王芳"].uuid)) == ["h2"]
    assert addresses(Scope(households=(district["h3"].uuid, district["h4"].uuid))) == ["h3", "h4"]
    district["h1"].mark_deleted()
    assert addresses(Scope.of(district["海滨社区/第一网格"])) == ["h2"]  # removed households never count


def test_coverage_counts_the_households_printing_would_print(district):
    month = Period.month_to_date(TODAY)
    for scope in (Scope(), Scope.of(district["渔港社区"]), Scope.of(district["王芳"])):
        assert coverage(scope, month).households == len(addresses(scope))
    assert coverage(Scope.of(district["南长山街道"]), month).linked == 1


def test_the_words_of_a_scope(district):
    grid = district["海滨社区/第一网格"]
    assert Scope().everything and Scope().kind == "everything" and Scope().describe() == "全部"
    assert Scope.of(grid).kind == "grid" and Scope.of(grid).describe() == "网格：第一网格"
    assert Scope.of(district["王芳"]).describe() == "干部联户包：王芳"
    assert Scope(households=(district["h1"].uuid,)).describe() == "选定住户：1"
    combined = Scope(community=district["海滨社区"].uuid, grid=grid.uuid)
    assert combined.kind == "grid" and combined.names() == ["海滨社区", "第一网格"]
    assert Scope.named("community", district["海滨社区"].uuid) == Scope.of(district["海滨社区"])
    assert Scope.named("everything") == Scope()
    with pytest.raises(ValueError):
        Scope.named("community")


def test_a_typed_name_means_one_record_or_is_refused_with_a_reason(district):
    with pytest.raises(ScopeRefused, match="2 grids are named '第一网格'; narrow it down or give the id"):
        resolve_scope(grid="第一网格")
    assert resolve_scope(community="渔港社区", grid="第一网格").grid == district["渔港社区/第一网格"].uuid
    assert resolve_scope(grid=district["渔港社区/第一网格"].uuid).grid == district["渔港社区/第一网格"].uuid  # by id
    assert resolve_scope(cadre=" 王芳 ").cadre == district["王芳"].uuid
    with pytest.raises(ScopeRefused, match="no community named '丁街社区'"):
        resolve_scope(community="丁街社区")
    with pytest.raises(ScopeRefused, match=r"no household with id 'nope' \(and 1 more\)"):
        resolve_scope(households=["nope", "nor-this", district["h1"].uuid])
    assert resolve_scope() == Scope()


def test_lists_of_scopes_offer_live_records_by_name_within_a_place(district):
    assert [name for _, name in scope_choices("sub_district")] == ["北长山街道", "南长山街道"]
    assert [name for _, name in scope_choices("grid")] == ["第一网格", "第一网格", "第二网格"]
    within = Scope(community=district["海滨社区"].uuid)
    assert [uuid for uuid, _ in scope_choices("grid", within)] == [district["海滨社区/第一网格"].uuid,
                                                                   district["海滨社区/第二网格"].uuid]
    district["海滨社区/第二网格"].mark_deleted()
    assert len(scope_choices("grid", within)) == 1


def households_exported(path) -> list[str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("住户").to_python()
    column = rows[0].index("地址")
    return sorted(row[column] for row in rows[1:])


def test_an_export_of_a_sub_district_carries_its_households_only(district, tmp_path):
    path = tmp_path / "south.xlsx"
    summary = exchange.export(path=path, scope=Scope.of(district["南长山街道"])).value
    assert households_exported(path) == ["h1", "h2", "h3"]
    assert summary.rows["住户"] == 3


def test_an_export_of_combined_parts_is_refused_and_writes_no_file(district, tmp_path):
    path = tmp_path / "combined.xlsx"
    with pytest.raises(ScopeRefused, match="not several combined"):
        exchange.export(path=path, scope=Scope(community=district["海滨社区"].uuid, cadre=district["王芳"].uuid))
    assert not path.exists()
