"""The rules for one roster row and for reading the header, as the office will meet them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.records.identity import make_id_number
from sync.roster.columns import field_of, find_header, map_titles
from models.registry.addresses import address_key
from sync.roster.rows import read_row
from sync.spreadsheet.cell_values import date_of

TODAY = dt.date(2026, 11, 23)
COLUMNS = {"name": 0, "id_number": 1, "phone": 2, "sex": 3, "birth_date": 4, "room": 5, "relation": 6}
ID = make_id_number("370602", dt.date(1980, 1, 31), 123)  # odd sequence: a man


def row(**values):
    cells = [None] * 7
    defaults = {"name": "张三", "id_number": ID, "room": "101"}
    for field, value in (defaults | values).items():
        cells[COLUMNS[field]] = value
    return read_row(9, cells, COLUMNS, TODAY)


def test_a_good_row_gets_sex_and_birth_date_from_the_id_number():
    resident, problems = row()
    assert problems == []
    assert resident.sex == "男" and resident.birth_date == "1980-01-31"


@pytest.mark.parametrize(
    "values,column,words",
    [
        ({"id_number": 3.70602198001311e17}, "B", "存成了数字"),
        ({"id_number": ID[:-1] + ("0" if ID[-1] != "0" else "1")}, "B", "校验位"),
        ({"id_number": "37060219801331123X"}, "B", "出生日期"),
        ({"name": "  "}, "A", "姓名为空"),
        ({"phone": "123"}, "C", "联系电话"),
        ({"sex": "女"}, "D", "不符"),
        ({"sex": "未知"}, "D", "男"),
        ({"birth_date": dt.datetime(1981, 5, 2)}, "E", "不符"),
        ({"birth_date": "八零年"}, "E", "看不懂"),
        ({"room": None}, None, "住址为空"),
    ],
)
def test_each_problem_names_the_column_and_a_reason(values, column, words):
    resident, problems = row(**values)
    assert resident is None
    assert [problem.column for problem in problems] == [column]
    assert words in problems[0].reason and problems[0].row == 9


def test_relation_words_are_normalised():
    assert row(relation="妻")[0].relation == "配偶"
    assert row(relation="长子")[0].relation == "子女"
    assert row(relation="表弟")[0].relation == "其他"
    assert row()[0].relation == ""  # decided per household by the importer


@given(
    st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
    st.sampled_from(["{}", "+86{}", "+86 {}", "0086{}", "{} ", "{0[0]}{0[1]}{0[2]}-{0[3]}{0[4]}{0[5]}{0[6]}-{0[7]}{0[8]}{0[9]}{0[10]}"]),
)
def test_every_way_of_writing_a_mobile_number_gives_the_same_number(mobile, template):
    written = template.format(mobile) if "{0[" not in template else template.format(list(mobile))
    resident, problems = row(phone=written)
    assert problems == [] and resident.phone == mobile


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 1, 1)))
def test_dates_in_the_ways_people_type_them(day):
    for text in (day.isoformat(), f"{day.year}.{day.month}.{day.day}", f"{day.year}年{day.month}月{day.day}日", f"{day:%Y%m%d}"):
        assert date_of(text) == day


@pytest.mark.parametrize(
    "title,field",
    [("户主姓名", "name"), ("公民身份号码", "id_number"), ("身份证号", "id_number"), ("联系电话", "phone"),
     ("手机号码", "phone"), ("门牌号", "room"), ("室", "room"), ("与户主关系", "relation"), ("家庭住址", "address"),
     ("联系电话\n（手机）", "phone"), ("*姓名", "name"), ("所属网格", "grid"), ("序号", None)],
)
def test_column_titles_and_their_synonyms(title, field):
    found = field_of(title)
    assert (found[0] if found else None) == field


def test_plain_name_wins_over_head_name_when_both_are_there():
    assert map_titles({0: "户主姓名", 1: "姓名", 2: "身份证号"}) == {1: "name", 2: "id_number"}


def test_header_is_found_under_a_title_and_a_unit_line():
    rows = [(1, ["海滨街道居民花名册"]), (2, ["填报单位：海滨街道", None, "日期"]), (3, ["序号", "姓名", "身份证号", "门牌号"])]
    header = find_header(rows)
    assert header.row == 3 and header.columns == {1: "name", 2: "id_number", 3: "room"}
    assert find_header(rows[:2]) is None


def test_the_same_home_written_differently_has_one_key():
    assert address_key("海滨路 12 号 3 栋 201") == address_key("海滨路12号3号楼201室") == address_key("海滨路１２号３幢２０１")
    assert address_key("海滨路12号3栋201") != address_key("海滨路12号3栋202")


ID_TEXT = st.one_of(
    st.builds(
        make_id_number,
        st.from_regex(r"[1-6][0-9]{5}", fullmatch=True),
        st.dates(min_value=dt.date(1880, 1, 1), max_value=dt.date(2030, 12, 31)),
        st.integers(0, 999),
    ),
    st.from_regex(r"[0-9]{17}[0-9Xx]", fullmatch=True),
    st.from_regex(r"[0-9０-９]{6}(19|20)[0-9]{6}[0-9]{3}[0-9X]", fullmatch=True),
)


@given(ID_TEXT, st.booleans())
def test_the_quick_id_check_accepts_exactly_what_the_full_rules_accept(text, mutate):
    from models.records.identity import id_number_problem

    if mutate:  # one digit typed wrong: the checksum must catch it
        text = text[:5] + str((int(text[5]) + 1) % 10) + text[6:] if text[5].isdigit() else text
    resident, problems = row(id_number=text, sex=None)
    full_rules = id_number_problem(text.upper(), TODAY)
    assert (resident is not None) == (full_rules is None)
    if resident is not None:
        assert resident.id_number == text.upper()
        assert resident.birth_date == f"{text[6:10]}-{text[10:12]}-{text[12:14]}"
    else:
        assert problems[0].reason == full_rules


def test_one_reader_checks_many_rows_like_single_rows():
    from sync.roster.rows import RowReader

    reader = RowReader(COLUMNS, TODAY)
    cells = [[f"居民{n}", make_id_number("370602", dt.date(1950 + n, 1, 2), n), "", None, None, f"{n}01", None] for n in range(1, 30)]
    cells[7][1] = cells[7][1][:-1] + ("0" if cells[7][1][-1] != "0" else "1")  # a wrong check digit
    for number, values in enumerate(cells, start=1):
        assert reader.read(number, values) == read_row(number, values, COLUMNS, TODAY)
    assert reader.read(8, cells[7])[0] is None


TEXT_COLUMNS = {"name": 0, "relation": 1, "sex": 2, "ethnicity": 3, "community": 4, "building": 5, "room": 6, "notes": 7}
WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u2028\u202f\u205f\u3000"


@given(st.lists(st.text(st.sampled_from("张三丽户主男女汉族海滨1号楼01室" + WHITESPACE), max_size=6), min_size=8, max_size=8),
       st.integers(1, 8))
def test_text_read_in_one_step_is_tidied_as_cell_by_cell(texts, width):
    """Rows of plain text skip the cell-by-cell tidying: they must come out exactly as tidied rows do,
    also when the row leaves its last cells out (as Excel does for empty ones).

    A row given as a tuple cannot take the one-step path, so it is tidied cell by cell.
    """
    from sync.roster.rows import RowReader

    reader = RowReader(TEXT_COLUMNS, TODAY)
    assert reader.read(5, list(texts[:width])) == reader.read(5, tuple(texts[:width]))
    resident, problems = reader.read(5, [" 张  三 ", *texts[1:]])
    assert resident is None or resident.name == "张三"


def test_the_one_step_test_for_spaces_knows_every_space_strip_takes_away():
    from sync.roster.rows import _WHITESPACE

    assert [hex(code) for code in range(0x10000) if chr(code).isspace() != bool(_WHITESPACE.match(chr(code)))] == []
    assert all(not chr(code).isspace() for code in range(0x10000, 0x110000, 7))


def _address_key_as_first_written(address: str) -> str:
    import re
    import unicodedata

    value = re.sub(r"[\s\-－—_·,，、]", "", unicodedata.normalize("NFKC", address))
    value = re.sub(r"(\d+)(?:号楼|栋|幢|楼)", r"\1#", value)
    value = re.sub(r"(\d+)(?:室|号)$", r"\1", value)
    return value.upper()


@given(st.lists(st.sampled_from(["海滨路", "12", "１２", "号", "号楼", "楼", "栋", "幢", "室", " ", "-", "A", "b", "3", "单元", "·"]), max_size=12))
def test_address_keys_match_those_of_registries_imported_before(parts):
    """Households already in a registry are matched by the key of their address: the
    formula may get faster, never different."""
    address = "".join(parts)
    assert address_key(address) == _address_key_as_first_written(address)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_the_quick_id_checksum_agrees_with_the_standard_one(first17):
    """The importer's remembered part sums must give GB 11643's check character for any 17 digits."""
    from models.records.identity import check_character
    from sync.roster.rows import _checksum_character

    assert _checksum_character(first17 + "0") == check_character(first17)


def _wrong_check(id_number: str) -> str:
    return id_number[:-1] + ("0" if id_number[-1] != "0" else "1")


# ID numbers that share their birth digits (and some their area), right and wrong, with X and x.
SHARED_BIRTH_IDS = [make_id_number(area, born, sequence) for area, born, sequence in (
    ("370602", dt.date(1980, 1, 31), 123), ("370602", dt.date(1980, 1, 31), 124), ("110105", dt.date(1980, 1, 31), 7),
    ("370602", dt.date(1990, 2, 28), 1), ("370602", dt.date(2026, 11, 23), 5))]
SHARED_BIRTH_IDS += [_wrong_check(number) for number in SHARED_BIRTH_IDS[:3]]
SHARED_BIRTH_IDS += [number[:-1] + "x" for number in SHARED_BIRTH_IDS if number.endswith("X")]
SHARED_BIRTH_IDS += ["370602198001311230", "37060219800231123X", "370602202712011231", None, ""]
SEX_CELLS = ["", "男", "女", "M", "f", "未知", None]
BIRTH_CELLS = [None, "", "1980-01-31", "1990-02-28", "1980-1-31", "1980/01/31", dt.date(1980, 1, 31), dt.datetime(1990, 2, 28),
               29251.0, "八零年"]
PHONE_CELLS = [None, "", "13800138000", "12800138000", "1380013800", "138001380001", "0535-6212345", 13800138000.0,
               "１３８００１３８０００", "+86 138 0013 8000"]


@given(st.lists(st.tuples(st.sampled_from(["张三", "李四", "张·三", "王", "Ann Lee"]), st.sampled_from(SHARED_BIRTH_IDS),
                          st.sampled_from(SEX_CELLS), st.sampled_from(BIRTH_CELLS), st.sampled_from(PHONE_CELLS)),
                min_size=1, max_size=25))
def test_one_reader_reads_each_row_as_a_reader_that_remembers_nothing(rows):
    """A reader remembers birth dates, checksum parts and each name's search keys from row to row
    (keyed by the digits or the name): what it remembers must never change another row's result."""
    from sync.roster.rows import RowReader

    reader = RowReader(COLUMNS, TODAY)
    for number, (name, id_number, sex, birth, phone) in enumerate(rows, start=9):
        cells = [name, id_number, phone, sex, birth, "101", None]
        assert reader.read(number, cells) == read_row(number, cells, COLUMNS, TODAY)


@given(st.sampled_from(SHARED_BIRTH_IDS), st.sampled_from(SEX_CELLS), st.sampled_from(BIRTH_CELLS), st.sampled_from(PHONE_CELLS))
def test_the_quick_tests_of_a_row_accept_it_only_as_the_full_rules_do(id_number, sex, birth, phone):
    """ID number, sex, birth date and phone are accepted by quick tests in the common case; the
    row must come out as the full rules of each cell, as first written, say."""
    from models.records.identity import birth_date_of
    from sync.roster.rows import _read_birth_date, _read_id_number, _read_phone, _read_sex

    resident, problems = row(id_number=id_number, sex=sex, birth_date=birth, phone=phone)
    found = []

    def note(field, reason, value=""):
        found.append((field, reason))

    number = _read_id_number(id_number, note, TODAY)
    id_birth = birth_date_of(number) if number else None
    sex_given = _read_sex(sex or "", number, note)
    if birth is None or (isinstance(birth, str) and id_birth is not None and birth == id_birth.isoformat()):
        birth_date, lenient = id_birth, False
    else:
        birth_date, lenient = _read_birth_date(birth, number, note)
    phone_given = _read_phone(phone, note)
    assert [(problem.field, problem.reason) for problem in problems] == found
    if resident is not None:
        assert (resident.id_number, resident.sex, resident.birth_date, resident.birth_read_leniently, resident.phone) == (
            number, sex_given, None if birth_date is None else birth_date.isoformat(), lenient, phone_given)


@given(st.lists(st.tuples(st.sampled_from(["张三", "张 三", "张·三", "欧阳娜娜", "王", "", "Ann", "曾", "a\"b"]),
                          st.sampled_from(["", "13800138000", "0535-6212345", "+86 138"]),
                          st.sampled_from(["", ID, ID.lower()[:-1] + "x", "37060219800131123"])), max_size=20))
def test_search_keys_of_many_residents_are_each_residents_own(residents):
    """The roster's reader remembers each name's part of the search keys: a name met again with
    another phone or ID number must still get its own keys, and 张三 and 张·三 their own."""
    from models.registry.search import resident_keys_text, search_keys_text

    keys = search_keys_text()
    assert [keys(*resident) for resident in residents] == [resident_keys_text(*resident) for resident in residents]
