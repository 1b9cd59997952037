"""One-box search: names, pinyin initials, phone tails, ID numbers, address parts — and `lianxin find`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import run
from models.records.identity import make_id_number
from models.records.people import Household, Resident
from models.records.places import Building, Community, Grid, SubDistrict
from models.registry.search import find, initials, pending_count, rebuild, refresh, resident_keys


def make_household(address: str, building_name: str = "3号楼", phone: str = "") -> Household:
    sub_district = SubDistrict.create(name="海滨街道")
    community = Community.create(sub_district=sub_district, name="海滨社区")
    grid = Grid.create(community=community, name="第一网格")
    building = Building.create(grid=grid, name=building_name)
    return Household.create(grid=grid, building=building, address=address, phone=phone)


def make_resident(household: Household, name: str, phone: str = "", sequence: int = 1) -> Resident:
    id_number = make_id_number("370602", dt.date(1960, 1, 1) + dt.timedelta(days=sequence * 37), sequence)
    return Resident.create(household=household, name=name, phone=phone, id_number=id_number)


@pytest.fixture
def people(db):
    home = make_household("海滨社区3号楼2单元301室")
    other = make_household("南城社区7号楼1单元502室", building_name="7号楼", phone="0535-6881234")
    return {
        "张三明": make_resident(home, "张三明", "13812345678", 1),
        "曾小明": make_resident(home, "曾小明", "", 2),
        "单丽": make_resident(other, "单丽", "15900005678", 3),
        "李明": make_resident(other, "李明", "", 4),
        "home": home,
        "other": other,
    }


def uuids(text: str, **kwargs) -> list[str]:
    return [match.uuid for match in find(text, **kwargs)]


def test_finds_by_whole_name_first_then_by_part_of_a_name(people):
    assert uuids("张三明")[0] == people["张三明"].uuid
    assert set(uuids("明")) >= {people["张三明"].uuid, people["曾小明"].uuid, people["李明"].uuid}
    assert uuids("三明") == [people["张三明"].uuid]
    assert uuids("李明")[0] == people["李明"].uuid  # exact name before names that merely contain it


def test_names_written_with_dots_or_spaces_are_found_with_or_without_them(people):
    """The name index holds the name as written; the search keys hold it cleaned."""
    dotted = make_resident(people["home"], "阿卜杜·热合曼", "", 5)
    spaced = make_resident(people["home"], "王 小 二", "", 6)
    for query in ("阿卜杜热合曼", "阿卜杜·热合曼", "阿卜杜", "热合曼"):
        assert dotted.uuid in uuids(query), query
    for query in ("王小二", "王 小二", "王小", "小二"):
        assert spaced.uuid in uuids(query), query


def test_a_name_and_its_start_find_only_living_residents(people):
    """Names that start with the query come from the registry's name index: deleted residents stay out."""
    people["李明"].deleted = True
    people["李明"].save()
    assert uuids("李明") == [] and uuids("李") == []
    assert uuids("张三") == [people["张三明"].uuid]


def test_pinyin_initials_read_surnames_as_surnames(people):
    assert uuids("zsm") == [people["张三明"].uuid]
    assert uuids("ZS") == [people["张三明"].uuid]
    assert people["曾小明"].uuid in uuids("zxm")  # 曾 as a surname is zēng, not céng
    assert people["曾小明"].uuid not in uuids("cxm")
    assert uuids("sl") == [people["单丽"].uuid]  # 单 as a surname is shàn, not dān
    assert initials("曾小明") == "zxm" and initials("单丽") == "sl"


def test_phone_tail_and_id_number(people):
    found = find("5678")
    assert {m.uuid for m in found} == {people["张三明"].uuid, people["单丽"].uuid}
    assert all(m.matched == "phone" for m in found)
    assert uuids("1234") == [people["other"].uuid]  # the household's landline
    whole_id = people["曾小明"].id_number
    assert uuids(whole_id) == [people["曾小明"].uuid]
    assert people["曾小明"].uuid in uuids(whole_id[-6:])


def test_address_parts_long_and_short(people):
    by_address = find("2单元301")
    assert [(m.kind, m.uuid) for m in by_address] == [("household", people["home"].uuid)]
    assert by_address[0].name == "张三明" or by_address[0].name == "曾小明"
    assert people["other"].uuid in uuids("7号")  # two characters: a building name


def test_a_two_character_street_and_any_part_of_an_address_are_found(db):
    """"丁街" found nothing while "上海街" found fifty: two characters are no trigram."""
    ding = make_household("丁街12号楼1单元101室", building_name="12号楼")
    shanghai = make_household("上海街3号楼2单元202室", building_name="3号楼")
    assert uuids("丁街") == [ding.uuid]
    assert uuids("海街") == [shanghai.uuid]  # inside the street's name, not only its start
    assert uuids("上海街") == [shanghai.uuid]
    assert uuids("单元") and set(uuids("单元")) == {ding.uuid, shanghai.uuid}
    assert uuids("鑫街") == []


def test_address_parts_with_wildcards_or_latin_letters_mean_what_they_say(db):
    percent = make_household("海滨社区50%楼_1单元101室")
    plain = make_household("海滨社区5055楼21单元101室")
    starred = make_household("南城社区B*座[东]3室")
    assert uuids("50%楼_1") == [percent.uuid]  # % and _ are characters here, not wildcards
    assert uuids("B*座[东]") == [starred.uuid] and uuids("b*座") == [starred.uuid]
    assert uuids("5055楼") == [plain.uuid]


@pytest.mark.sqlite_only  # SQLite files of older versions
def test_upgrading_rebuilds_the_address_index_without_losing_an_address(db, tmp_path):
    """Migration 6 recreates `search_address`; every indexed household must still be found."""
    from models.storage.connection import database
    from models.migrations import m0006_lean_address_index

    home = make_household("海滨社区3号楼2单元301室")
    gone = make_household("海滨社区3号楼2单元302室")
    gone.deleted = True
    gone.save()
    refresh()
    m0006_lean_address_index.up(database)
    assert uuids("2单元30") == [home.uuid]
    assert database.execute_sql('SELECT count(*) FROM "search_address"').fetchone()[0] == 1


def test_edits_and_deletions_reach_the_index(people):
    resident = people["李明"]
    resident.name = "李新华"
    resident.save()
    assert uuids("新华") == [resident.uuid]
    assert resident.uuid not in uuids("李明")
    resident.mark_deleted()
    assert uuids("新华") == []
    people["home"].address = "海滨社区9号楼1单元101室"
    people["home"].save()
    assert uuids("9号楼1单元") == [people["home"].uuid]
    assert pending_count() == 0


def test_rebuild_gives_the_same_answers(people):
    before = {text: uuids(text) for text in ("明", "zsm", "5678", "2单元301")}
    rebuild()
    assert {text: uuids(text) for text in before} == before


def test_empty_and_unmatched_queries(people):
    assert find("") == [] and find("   ") == []
    assert find("欧阳") == []
    assert len(find("明", limit=2)) == 2


def test_find_command_masks_id_numbers_and_phones(people, tmp_path, capsys):
    from models.database import database_path

    path = str(database_path())
    assert run(["--db", path, "find", "张三明"]) == 0
    out = capsys.readouterr().out
    assert "张三明" in out and people["张三明"].id_number not in out and "13812345678" not in out
    assert "138****5678" in out
    assert run(["--db", path, "find", "张三明", "--unmasked"]) == 0
    assert people["张三明"].id_number in capsys.readouterr().out


HANZI = st.sampled_from("张王李赵曾单欧阳明华丽强军芳敏静秀英一二三")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(HANZI, min_size=1, max_size=5), data=st.data())
def test_any_part_of_a_name_finds_that_person(db, name, data):
    home = Household.select().first() or make_household("测试地址1号楼")
    resident = Resident.create(household=home, name=name)
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    assert resident.uuid in uuids(name[start:end], limit=100_000)
    assert resident.uuid in uuids(initials(name)[: end - start], limit=100_000)


@settings(deadline=None)  # a character beyond the bundled table imports pypinyin once (~0.3 s)
@given(st.text(min_size=0, max_size=8), st.text(alphabet="0123456789 -+", max_size=16))
def test_keys_of_any_resident_are_distinct_and_tagged(name, phone):
    keys = resident_keys(name, phone, "")
    assert len(keys) == len(set(keys))
    assert all(key[0] in "npti" for key in keys)


def test_refresh_indexes_what_other_writers_queued(db):
    home = make_household("北山社区1号楼101室")
    Resident.insert(uuid="r-1", household=home, name="欧阳娜娜").execute()  # a bulk writer
    assert pending_count() >= 1
    assert refresh() >= 1 and pending_count() == 0
    assert uuids("阳娜") == ["r-1"]


@pytest.mark.sqlite_only  # SQLite files of older versions
def test_a_database_indexed_by_an_older_lianxin_searches_right_after_migration_10(people, tmp_path):
    """Keys once joined by a separator, and triggers that asked a pause table: migrated, then found and forgotten alike."""
    from models.database import close_database, open_database
    from models.storage.connection import database
    from models.migrations.m0002_search import STATEMENTS as SEARCH_OF_MIGRATION_2

    refresh()
    resident = people["张三明"]
    doc, keys = database.execute_sql('SELECT "id", "keys" FROM "search_doc" WHERE "record" = ?', (resident.uuid,)).fetchone()
    database.execute_sql('UPDATE "search_doc" SET "keys" = ? WHERE "id" = ?', ("\x1f".join(json.loads(keys)), doc))
    for name, _ in database.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'").fetchall():
        database.execute_sql(f'DROP TRIGGER "{name}"')
    for statement in SEARCH_OF_MIGRATION_2:
        if "TRIGGER" in statement or "search_pause" in statement:
            database.execute_sql(statement)
    database.execute_sql("PRAGMA user_version = 9")
    path = database.database
    close_database()

    open_database(path)
    triggers = database.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'").fetchall()
    assert len(triggers) == 6 and not any("search_pause" in sql for sql, in triggers)
    assert not database.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'search_pause'").fetchall()
    assert uuids("张三明") == [resident.uuid]  # queued again by the migration, indexed before answering
    resident = Resident.get_by_id(resident.uuid)
    resident.name = "张四海"
    resident.save()
    assert [match.name for match in find("张三明")] == []
    assert [match.name for match in find("zsh")] == ["张四海"]
    assert [match.name for match in find("13812345678")] == ["张四海"]


@given(st.lists(st.text()))
def test_search_keys_are_stored_as_the_json_array_json_would_write(keys):
    """The hand-joined fast path must write exactly what `json` writes, or `_forget` would miss keys."""
    from models.registry.search import _keys_json, _keys_text

    assert _keys_text(keys) == _keys_json(keys)


@given(st.text(), st.text(), st.text())
def test_a_residents_keys_text_is_the_json_of_its_keys(name, phone, id_number):
    """The import's shortcut must store exactly the keys `resident_keys` gives, as `json` writes them."""
    from models.registry.search import _keys_json, resident_keys_text

    assert resident_keys_text(name, phone, id_number) == _keys_json(resident_keys(name, phone, id_number))


@given(st.text(HANZI | st.sampled_from("·. 2a"), min_size=0, max_size=5),
       st.text("0123456789", max_size=11), st.sampled_from(["", "370602198001011234", "37060219800101123x"]))
def test_a_chinese_residents_keys_text_is_the_json_of_its_keys(name, phone, id_number):
    """The same for names like a roster's: two or three characters, sometimes with a dot or a space."""
    from models.registry.search import _keys_json, resident_keys_text

    assert resident_keys_text(name, phone, id_number) == _keys_json(resident_keys(name, phone, id_number))


def test_the_bundled_initials_table_agrees_with_pypinyin():
    """models/registry/pinyin_initials.py is generated from pypinyin; a pypinyin upgrade must not leave it stale."""
    from pypinyin import Style, pinyin

    from models.registry.pinyin_initials import FIRST, LAST
    from models.registry.search import _initial_of

    for code in range(FIRST, LAST + 1):
        char = chr(code)
        reading = pinyin(char, style=Style.FIRST_LETTER, errors="ignore")
        expected = reading[0][0][:1].lower() if reading and reading[0] else ""
        expected = expected if expected.isascii() and expected.isalpha() else ""
        assert _initial_of(char) == expected, char
