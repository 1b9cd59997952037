"""Households come from where people live, in every layout offices write (issue 14).

The rosters are hand-made in each layout (tests/roster_fixtures.py, `layout_rows`):
楼栋/单元/门牌号 with 户籍地址, one 住址 column, 现住址 with 户籍地址; the figures
checked are the ones the import report gives (households formed, 人户分离).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest

from desktop.cli import run
from models.storage.connection import database
from models.records.identity import make_id_number
from models.records.people import Household, Resident
from models.records.places import Community, SubDistrict
from models.registry.search import find
from models.figures.stats import counts
from sync.roster.columns import field_of
from sync.roster.importer import RosterRefused, import_roster
from tests.roster_fixtures import layout_rows, roster_rows, write_roster_xlsx

ROW = 4  # the first data row under the title, the 填报单位 line and the header


def laid_out(tmp_path, households: int, layout: str, seed: int = 3, name: str = "r.xlsx"):
    header, rows, away = layout_rows(roster_rows(households, seed=seed), layout, seed=seed)
    return write_roster_xlsx(tmp_path / name, rows, header=header), rows, away


def households_of_rooms() -> set[frozenset[str]]:
    """Each household's residents by ID number."""
    homes: dict[str, set[str]] = {}
    for resident in Resident.alive():
        homes.setdefault(resident.household_id, set()).add(resident.id_number)
    return {frozenset(ids) for ids in homes.values()}


def expected_homes(rows, id_column: int, home_columns: tuple[int, ...]) -> set[frozenset[str]]:
    homes: dict[tuple, set[str]] = {}
    for row in rows:
        homes.setdefault(tuple(row[c] for c in home_columns), set()).add(row[id_column])
    return {frozenset(ids) for ids in homes.values()}


@pytest.mark.parametrize("title", ["户籍地址", "户口所在地", "户籍所在地", "户籍地", "户口地址", "户籍所在地址", "户口所在地（详细）"])
def test_registration_titles_are_never_read_as_the_dwelling(title):
    assert field_of(title)[0] == "registered_address"


@pytest.mark.parametrize("title", ["现住址", "住址", "居住地址", "家庭住址", "现居住地", "实际居住地址", "详细地址"])
def test_dwelling_titles_are_the_address(title):
    assert field_of(title)[0] == "address"


@pytest.mark.parametrize("title", ["户籍性质", "户口类别"])
def test_registration_columns_that_name_no_place_are_not_read(title):
    assert field_of(title) is None


def test_parts_with_registration_form_one_household_per_room(db, tmp_path):
    path, rows, away = laid_out(tmp_path, 40, "parts")
    report = import_roster(path)
    assert report.households_created == 40 == Household.alive().count()
    # 网格 楼栋 单元 门牌号 … 公民身份号码 (index 8): every household is one room of the roster
    assert households_of_rooms() == expected_homes(rows, 8, (1, 2, 3, 4))
    assert report.living_away == away > 0 and report.registration_known == len(rows)
    lines = report.summary_lines()
    assert "按楼栋/单元/门牌号归户，40 户" in lines
    assert f"人户分离：{away} 人（户籍地址与现住地不是同一处；有户籍地址的 {len(rows)} 人中）" in lines
    first = Resident.get(Resident.id_number == rows[0][8])
    assert first.registered_address == rows[0][11]
    assert first.household.address == f"{rows[0][2]}{rows[0][3]}{rows[0][4]}室"  # from the parts, not the registration


def test_address_only_forms_households_by_the_address(db, tmp_path):
    path, rows, _ = laid_out(tmp_path, 30, "address")
    report = import_roster(path)
    assert report.households_created == 30
    assert households_of_rooms() == expected_homes(rows, 4, (7,))
    assert "按住址归户，30 户" in report.summary_lines()
    assert not any(line.startswith("人户分离") for line in report.summary_lines())  # the roster says nothing of it


def test_both_address_columns_form_households_by_where_people_live(db, tmp_path):
    """The issue's second roster: 60 homes with 现住址 and 户籍地址 became 45 households."""
    path, rows, away = laid_out(tmp_path, 60, "both")
    report = import_roster(path)
    assert report.households_created == 60 == Household.alive().count()
    assert households_of_rooms() == expected_homes(rows, 4, (7,))
    assert "按现住址归户，60 户" in report.summary_lines()
    assert report.living_away == away > 0
    stats = counts()
    assert stats["residents_living_away"] == away and stats["residents_registration_known"] == len(rows)
    assert stats["living_away_rate"] == away / len(rows)


def test_importing_again_changes_nothing_and_a_new_registration_is_an_update(db, tmp_path):
    path, rows, _ = laid_out(tmp_path, 12, "both")
    import_roster(path)
    again = import_roster(path)
    assert not again.changed and again.households_matched == 12
    assert "按现住址归户，12 户" in again.summary_lines()  # the report of a re-import says the same
    header, laid, _ = layout_rows(roster_rows(12, seed=3), "both", seed=3)
    laid[0][8] = "河北省沧州市献县本斋乡小屯村9号"
    changed = import_roster(write_roster_xlsx(tmp_path / "moved.xlsx", laid, header=header))
    assert changed.residents_updated == 1 and changed.households_created == 0
    assert Resident.get(Resident.id_number == laid[0][4]).registered_address == "河北省沧州市献县本斋乡小屯村9号"


def test_an_empty_registration_cell_keeps_what_the_registry_has(db, tmp_path):
    header, laid, _ = layout_rows(roster_rows(3, seed=8), "both", seed=8)
    import_roster(write_roster_xlsx(tmp_path / "a.xlsx", laid, header=header))
    for row in laid:
        row[8] = ""
    report = import_roster(write_roster_xlsx(tmp_path / "b.xlsx", laid, header=header))
    assert not report.changed
    assert Resident.get(Resident.id_number == laid[0][4]).registered_address != ""


def simple(tmp_path, header, rows, name="s.xlsx"):
    return write_roster_xlsx(tmp_path / name, rows, header=header, title=None, unit_line=None, total_line=False)


def person(number: int, year: int = 1970) -> str:
    return make_id_number("370602", dt.date(year, 1 + number % 12, 1 + number % 27), number)


def test_rows_in_different_rooms_are_never_one_household(db, tmp_path):
    header = ["姓名", "与户主关系", "身份证号", "现住址", "门牌号", "户籍地址"]
    rows = [
        ["甲一", "户主", person(1), "幸福路12号", "301", "幸福路12号"],
        ["甲二", "配偶", person(2), "幸福路12号", "301", "幸福路12号"],
        ["乙一", "户主", person(3), "幸福路12号", "302", "幸福路12号"],
    ]
    rows.append(["丙一", "户主", person(5), "海滨路8号", "301", "海滨路8号"])  # the same room number elsewhere
    report = import_roster(simple(tmp_path, header, rows))
    assert report.households_created == 3
    assert Resident.get(Resident.name == "甲一").household != Resident.get(Resident.name == "乙一").household
    assert Resident.get(Resident.name == "甲一").household.address == "幸福路12号301室"
    assert Resident.get(Resident.name == "丙一").household.address == "海滨路8号301室"
    # the 现住址 names the building, the 门牌号 the room: the address is completed by it, and the report says so
    assert report.rows_address_differs == 4
    assert "4 行的现住址没有写到楼栋/单元/门牌号：补上它们后归户，不同门牌号不合为一户" in report.summary_lines()


def test_a_second_head_at_one_address_is_its_own_household_and_reported(db, tmp_path):
    header = ["姓名", "与户主关系", "身份证号", "住址"]
    rows = [
        ["甲一", "户主", person(1), "幸福路12号院"],
        ["甲二", "子女", person(2, 2001), "幸福路12号院"],
        ["乙一", "户主", person(3), "幸福路12号院"],
        ["乙二", "配偶", person(4), "幸福路12号院"],
    ]
    path = simple(tmp_path, header, rows)
    report = import_roster(path)
    assert report.households_created == 2 and report.second_heads == 1
    assert {r.name for r in Resident.get(Resident.name == "乙一").household.residents} == {"乙一", "乙二"}
    assert {r.name for r in Resident.get(Resident.name == "甲一").household.residents} == {"甲一", "甲二"}
    [notice] = report.problems
    assert (notice.row, notice.column, notice.field) == (4, "B", "relation") and "第 2 行已有户主" in notice.reason
    assert report.refused_rows == 0 and report.imported_rows == 4  # reported, nobody left out
    before = households_of_rooms()
    again = import_roster(path)
    assert not again.changed and households_of_rooms() == before


def test_a_roster_with_only_a_registration_address_is_refused(db, tmp_path):
    path = simple(tmp_path, ["姓名", "身份证号", "户籍地址"], [["甲一", person(1), "幸福路12号"]])
    with pytest.raises(RosterRefused, match="只有户籍地址（C 列“户籍地址”）"):
        import_roster(path)
    assert Resident.select().count() == 0


def community(name: str, sub_district: str) -> Community:
    parent = SubDistrict.get_or_none(SubDistrict.name == sub_district) or SubDistrict.create(name=sub_district)
    place = Community(sub_district=parent.uuid, name=name)
    place.save()
    return place


COMMUNITY_HEADER = ["姓名", "与户主关系", "身份证号", "社区", "楼栋", "单元", "门牌号"]
COMMUNITY_ROWS = [["甲一", "户主", person(1), "丁街社区", "3", "2", "301"], ["乙一", "户主", person(3), "丁街社区", "3", "2", "302"]]


def test_without_a_sub_district_column_the_one_community_of_that_name_is_found(db, tmp_path):
    existing = community("丁街社区", "甲街道")
    report = import_roster(simple(tmp_path, COMMUNITY_HEADER, COMMUNITY_ROWS))
    assert report.households_created == 2
    assert {h.grid.community_id for h in Household.alive()} == {existing.uuid}
    assert Community.select().where(Community.name == "丁街社区").count() == 1
    assert not SubDistrict.select().where(SubDistrict.name == "（未填街道）").exists()
    assert "表中没有街道：社区“丁街社区”按名称归入登记册中甲街道的“丁街社区”" in report.summary_lines()


def test_an_ambiguous_community_is_listed_by_a_dry_run_refused_by_an_import_and_taken_as_chosen(db, tmp_path):
    first, second = community("丁街社区", "甲街道"), community("丁街社区", "乙街道")
    path = simple(tmp_path, COMMUNITY_HEADER, COMMUNITY_ROWS)
    preview = import_roster(path, dry_run=True)
    assert sorted(sub for _, sub in preview.ambiguous_communities["丁街社区"]) == ["乙街道", "甲街道"]
    before = Resident.select().count(), Community.select().count()
    with pytest.raises(RosterRefused, match="社区“丁街社区”在登记册中有 2 个"):
        import_roster(path)
    assert (Resident.select().count(), Community.select().count()) == before  # nothing written
    report = import_roster(path, communities={"丁街社区": second.uuid})
    assert report.written and {h.grid.community_id for h in Household.alive()} == {second.uuid}
    assert first.uuid != second.uuid


def test_the_command_line_refuses_an_ambiguous_community_with_one_line(tmp_path, capsys):
    from models.database import close_database, open_database

    database_path = tmp_path / "x.db"
    open_database(database_path)
    community("丁街社区", "甲街道"), community("丁街社区", "乙街道")
    close_database()
    path = simple(tmp_path, COMMUNITY_HEADER, COMMUNITY_ROWS)
    assert run(["--db", str(database_path), "import-roster", str(path), "--dry-run"]) == 1  # what the import would do
    assert "社区“丁街社区”在登记册中有 2 个" in capsys.readouterr().out
    assert run(["--db", str(database_path), "import-roster", str(path)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert "丁街社区" in lines[-1] and "甲街道" in lines[-1] and "乙街道" in lines[-1] and "没有写入任何内容" in lines[-1]
    assert run(["--db", str(database_path), "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["residents"] == 0


def test_stats_json_counts_who_lives_away_like_the_import_report(tmp_path, capsys):
    path, rows, away = laid_out(tmp_path, 25, "parts")
    database_path = tmp_path / "x.db"
    assert run(["--db", str(database_path), "import-roster", str(path)]) == 0
    out = capsys.readouterr().out
    assert "按楼栋/单元/门牌号归户，25 户" in out and f"人户分离：{away} 人" in out
    assert run(["--db", str(database_path), "stats", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["residents_living_away"] == away and figures["residents_registration_known"] == len(rows)


def test_search_finds_people_by_where_they_are_registered(db, tmp_path):
    header = ["姓名", "与户主关系", "身份证号", "现住址", "户籍地址"]
    rows = [
        ["甲一", "户主", person(1), "海滨社区5号楼2单元301室", "河北省沧州市献县本斋乡小屯村9号"],
        ["甲二", "配偶", person(2), "海滨社区5号楼2单元301室", "山东省烟台市芝罘区海滨社区5号楼2单元301室"],
    ]
    import_roster(simple(tmp_path, header, rows))
    [match] = find("小屯村")
    assert (match.kind, match.name, match.matched) == ("resident", "甲一", "registered_address")
    assert match.registered_address == rows[0][4] and match.address == rows[0][3]
    # who is registered where they live is found by the household's own address
    assert {m.kind for m in find("5号楼2单元")} == {"household"}
    resident = Resident.get(Resident.name == "甲一")
    resident.registered_address = "山东省临沂市沂水县前坪村3号"
    resident.save()
    assert not find("小屯村") and [m.name for m in find("前坪村")] == ["甲一"]


def test_a_household_that_moves_has_its_residents_judged_again(db, tmp_path):
    header = ["姓名", "与户主关系", "身份证号", "现住址", "户籍地址"]
    rows = [["甲一", "户主", person(1), "幸福路12号", "山东省烟台市芝罘区幸福路12号"]]
    import_roster(simple(tmp_path, header, rows))
    assert not find("芝罘区幸福路")  # registered where they live
    household = Household.get()
    household.address = "海滨路8号"
    household.save()
    assert [m.matched for m in find("芝罘区幸福路")] == ["registered_address"]
    assert counts()["residents_living_away"] == 1


def _convert(source, target_format, folder):
    result = subprocess.run(
        ["soffice", "--headless", "--convert-to", target_format, "--outdir", str(folder), str(source)],
        capture_output=True, timeout=300,
    )
    converted = folder / (source.stem + "." + target_format)
    assert result.returncode == 0 and converted.exists(), result.stderr
    return converted


@pytest.mark.slow
def test_a_real_roster_saved_by_libreoffice_imports_as_2000_households(db, tmp_path):
    """序号 网格 楼栋 单元 门牌号 姓名 与户主关系 性别 公民身份号码 出生日期 联系电话 户籍地址 备注: the issue saw 299."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: the roster is imported as openpyxl wrote it")
    (tmp_path / "source").mkdir()
    source, rows, away = laid_out(tmp_path / "source", 2000, "parts", seed=14, name="花名册.xlsx")
    path = _convert(source, "xlsx", tmp_path)
    report = import_roster(path)
    assert report.households_created == 2000 == Household.alive().count()
    assert report.residents_created == len(rows) and report.refused_rows == 0
    assert report.living_away == away
    assert "按楼栋/单元/门牌号归户，2,000 户" in report.summary_lines()
    assert counts()["residents_living_away"] == away


@pytest.mark.slow
def test_a_real_roster_of_2000_households_imports_as_2000_households(db, tmp_path):
    """The same roster as openpyxl writes it, so this figure is checked where LibreOffice is missing too."""
    path, rows, away = laid_out(tmp_path, 2000, "parts", seed=14)
    report = import_roster(path)
    assert report.households_created == 2000 and report.living_away == away
    assert database.execute_sql("SELECT count(DISTINCT household_id) FROM resident").fetchone()[0] == 2000
