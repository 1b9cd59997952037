"""Checking one roster row: what it says, cleaned, or why it cannot be imported.

Rules a person can follow: ID numbers pass the GB 11643 checksum and carry a real
birth date; an ID that Excel stored as a number has lost its last digits and is
refused, never "repaired"; mobile numbers lose spaces, dashes and +86; sex and
birth date, when given, must agree with the ID number.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

from models.registry.addresses import address_key, parts_key, same_place
from models.records.identity import CHECK_CHARS, MOBILE_PATTERN, WEIGHTS, birth_date_of, id_number_problem, normalise_phone, sex_of
from models.registry.search import search_keys_text
from sync.roster.address_text import building_label, completed_address, composed_address, unit_label
from sync.roster.columns import label
from sync.spreadsheet import cell_text, column_letter
from sync.spreadsheet.cell_values import date_of, serial_date

END_MARKERS = ("合计", "总计", "小计", "填表人", "制表人", "审核人", "填报人", "负责人签字")
END_MARKER_STARTS = frozenset(marker[0] for marker in END_MARKERS)
RELATION_WORDS = {
    "户主": ("户主", "本人", "户主本人"),
    "配偶": ("配偶", "妻", "妻子", "夫", "丈夫", "爱人", "老伴"),
    "子女": ("子女", "子", "女", "儿子", "女儿", "长子", "次子", "长女", "次女", "三子", "三女", "养子", "养女", "继子", "继女"),
    "父母": ("父母", "父", "母", "父亲", "母亲", "公公", "婆婆", "岳父", "岳母"),
    "孙子女": ("孙子女", "孙子", "孙女", "外孙", "外孙子", "外孙女"),
    "兄弟姐妹": ("兄弟姐妹", "兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹"),
}
RELATION_OF = {word: relation for relation, words in RELATION_WORDS.items() for word in words}
SEX_OF = {"男": "男", "男性": "男", "M": "男", "m": "男", "女": "女", "女性": "女", "F": "女", "f": "女"}


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str | None  # letter, or None when the problem is the whole row
    field: str | None
    value: str
    reason: str

    def line(self) -> str:
        where = f"第 {self.row} 行" + (f" {self.column} 列（{label(self.field)}）" if self.column and self.field else "")
        return f"{where}：{self.reason}"


LOCATION = ("sub_district", "community", "grid", "building", "unit", "room", "address")

# How a row's dwelling was found (`RosterRow.home`).
BY_ADDRESS = 0  # the 现住址 (住址…) column: the row gives no room, and no building either or an address
BY_PARTS = 1  # 楼栋/单元/门牌号 (and the 现住址, where given, names the same place)
BY_PARTS_ADDRESS_DIFFERS = 2  # 楼栋/单元/门牌号, and the row's 现住址 names another place: the parts decide


class RosterRow(NamedTuple):
    """One resident as the roster gives it, cleaned.

    A tuple: a reading process sends each row's fields as a plain tuple, and the
    importing process makes it a `RosterRow` without running Python code per row
    (`tuple.__new__`, see `checked_rows`); a dataclass's ``__init__`` ran 29 assignments.
    """

    row: int
    name: str
    relation: str
    sex: str
    birth_date: str | None  # ISO text, as stored: a date object costs three times as much to send between processes
    id_number: str
    phone: str
    ethnicity: str
    tags: str
    notes: str
    sub_district: str
    community: str
    grid: str
    building: str
    unit: str
    room: str
    address: str
    registered_address: str  # 户籍地址: where the person is registered; never where the household is
    # Worked out where the row is read (in a district's import, by the reading process):
    written_address: str  # the dwelling's address as a person reads it (`RowReader._home`)
    address_key: str  # and its `address_key`, by which the row finds its household
    building_label: str  # the building's name, from 楼栋 or the address ("" if neither names one)
    unit_label: str  # the unit's name, likewise ("" for none)
    home: int  # how the dwelling was found: BY_ADDRESS, BY_PARTS or BY_PARTS_ADDRESS_DIFFERS
    away: bool  # registered elsewhere than the dwelling (人户分离; `models.registry.addresses.same_place`)
    search_keys: str  # `models.registry.search.resident_keys_text`
    birth_read_leniently: bool = False  # 出生日期 was a plain number (a serial) or typed text, read as a date
    micro_grid: str = ""  # 微网格: the household's micro-grid by name ("" when the roster says none)
    micro_leader: str = ""  # 微网格长, and the leader's phone (normalised)
    micro_leader_phone: str = ""


def first_text(cells: list) -> str:
    """The first non-blank cell of a row as text ("" for a blank row)."""
    for value in cells:
        if value.__class__ is str:
            if value:
                text = value.strip()
                if text:
                    return text
        elif value is not None:
            text = cell_text(value).strip()
            if text:
                return text
    return ""


def is_end_of_table(first: str) -> bool:
    """A 合计 line or the signature lines under the table (given its first text): the data ended above."""
    if first[:1] not in END_MARKER_STARTS:  # (`first` is stripped: its first character starts the compact form)
        return False
    compact = "".join(first.split())
    return compact.startswith(END_MARKERS)


TEXT_FIELDS = ("name", "sex", "relation", "ethnicity", "tags", "notes", *LOCATION, "registered_address", "micro_grid",
               "micro_leader")
_WHITESPACE = re.compile(r"\s")  # what str.strip and str.split take away (the same characters: tested)
SEX_OF_DIGIT = {str(digit): "男" if digit % 2 else "女" for digit in range(10)}
# The GB 11643 weighted sum of 17 digits, in three parts that repeat across a
# roster: the area code (6 digits: a district has a few), the birth date (8: a few
# tens of thousands) and the sequence (3: a thousand).  Each part's sum is worked
# out once and remembered, so an ID costs three dict lookups, not seventeen int() calls.
class _PartSums(dict):
    def __init__(self, start: int, stop: int) -> None:
        super().__init__()
        self.weights = WEIGHTS[start:stop]

    def __missing__(self, digits: str) -> int:
        if len(self) >= MAX_REMEMBERED:  # only a file of random numbers gets here: keep memory flat
            self.clear()
        total = self[digits] = sum(int(digit) * weight for digit, weight in zip(digits, self.weights))
        return total


MAX_REMEMBERED = 100_000  # entries of one of the remembered tables below before it starts afresh
# Place texts a `RowReader` keeps of the rows just read before it starts afresh: a household's rows are near each
# other, and memory stays flat.
NEARBY_REMEMBERED = 5_000


_AREA_SUMS, _BIRTH_SUMS, _SEQUENCE_SUMS = _PartSums(0, 6), _PartSums(6, 14), _PartSums(14, 17)


class _Births(dict):
    """Eight digits of an ID number → (the birth date, its ISO text, their part of the checksum), or None
    when they are no plausible birth date (the full rules then say why): a district's births repeat."""

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.today = today

    def __missing__(self, digits: str) -> tuple[dt.date, str, int] | None:
        if len(self) >= MAX_REMEMBERED:
            self.clear()
        birth = plausible_birth(digits, self.today)
        entry = self[digits] = None if birth is None else (birth, birth.isoformat(), _BIRTH_SUMS[digits])
        return entry


def plausible_birth(digits: str, today: dt.date) -> dt.date | None:
    """The date of eight ID digits (YYYYMMDD) if it is a plausible birth date, else None (the full rules say why)."""
    try:
        birth = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return None if birth > today or birth.year < 1890 else birth


class _ProblemMet(Exception):
    """A row's first problem, met where none was expected (`RowReader.read_fields`)."""


def _give_up(*_) -> None:
    raise _ProblemMet


_make_row = tuple.__new__  # `_make_row(RosterRow, fields)`: a RosterRow with no Python code run


class RowReader:
    """Checks the rows of one sheet: the column layout and today's date, worked out once.

    A district's roster has 350,000 rows, so the common case (a clean ASCII ID
    number, a clean mobile number, plain text) takes a quick path, and values
    that repeat (birth dates inside ID numbers) are computed once.  Anything the
    quick path does not accept goes through the full rules of `models.records.identity`,
    which also give the reason; so the quick path can only ever say "valid" where
    the full rules would.
    """

    def __init__(self, columns: dict[str, int], today: dt.date) -> None:
        self.columns = columns
        self.today = today
        self.text_columns = tuple((field, column) for field, column in columns.items() if field in TEXT_FIELDS)
        # The TEXT_FIELDS of `cells + self._pad` in one step: a field without a column reads the
        # pad's last cell, and a row that leaves its last columns out (Excel writes no empty
        # cell at the end of a row) reads the pad for them.
        self._texts_of = operator.itemgetter(*(columns.get(field, -1) for field in TEXT_FIELDS))
        self._pad = [""] * (max((column for field, column in self.text_columns), default=0) + 1)
        self.id_column = columns.get("id_number")
        self.phone_column = columns.get("phone")
        self.leader_phone_column = columns.get("micro_leader_phone")
        self.birth_column = columns.get("birth_date")
        self._birth_in_id: dict[str, dt.date | None] = {}
        self._births = _Births(today)
        self._keys = search_keys_text()
        # (Each of these also keeps the texts it was first given: see `_fields`.)
        self._homes: dict[tuple[str, ...], tuple[str, str, str, str, int, str, tuple[str, ...]]] = {}
        self._registrations: dict[str, tuple[str, str]] = {}  # 户籍地址 → (it, its key)
        self._places: dict[str, str] = {}  # 街道, 网格 and 民族 texts, each as first met

    def _home(self, community: str, building: str, unit: str, room: str, address: str
              ) -> tuple[str, str, str, str, int, str, tuple[str, ...]]:
        """(written address, address key, building label, unit label, how it was found, parts key, the place
        columns as first met) of the place columns, remembered: a household's rows share them.

        The dwelling comes from 楼栋/单元/门牌号 when the row gives a room (or a
        building and no address); else from the address column.  Where the row
        gives both and they name the same place, the address is written as the
        roster has it (as before parts won); where they differ, the address is
        completed by the parts it lacks ("幸福路12号" and 门牌号 301 →
        "幸福路12号301室"), so rows in different rooms are never one household.
        """
        parts = (community, building, unit, room, address)
        home = self._homes.get(parts)
        if home is None:
            if len(self._homes) >= NEARBY_REMEMBERED:
                self._homes.clear()
            labels = building_label(building, address), unit_label(unit, address)
            if room or (building and not address):
                room_key = parts_key(*labels, room)
                written = composed_address(community, building, unit, room)
                key = address_key(written)
                if not address:
                    home = (written, key, *labels, BY_PARTS, room_key)
                elif same_place(address_key(address), key, room_key):
                    home = (address, address_key(address), *labels, BY_PARTS, room_key)
                else:  # the address, completed by the parts it lacks: the room decides
                    written = completed_address(address, building, unit, room)
                    home = (written, address_key(written), *labels, BY_PARTS_ADDRESS_DIFFERS, room_key)
            else:
                home = (address, address_key(address), *labels, BY_ADDRESS, "")
            home = self._homes[parts] = (*home, parts)
        return home

    def _registration(self, registered: str) -> tuple[str, str]:
        """(the 户籍地址 as first met, its key), remembered: a household's rows often share it."""
        known = self._registrations.get(registered)
        if known is None:
            if len(self._registrations) >= NEARBY_REMEMBERED:
                self._registrations.clear()
            known = self._registrations[registered] = (registered, address_key(registered))
        return known

    def read(self, row_number: int, cells: list) -> tuple[RosterRow | None, list[RowProblem]]:
        """The cleaned row, or None and the reasons it is refused."""
        fields, problems = self.read_fields(row_number, cells)
        return (None if fields is None else _make_row(RosterRow, fields)), problems

    def read_fields(self, row_number: int, cells: list) -> tuple[tuple | None, list[RowProblem]]:
        """`read`, with the cleaned row as a plain tuple of `RosterRow`'s fields (what a reading process sends).

        A row is first read on the assumption that it has no problem: the first
        problem met ends that reading, and the row is read again collecting every
        problem.  A clean row, nearly every row, so costs no problem list, no
        closure and no bookkeeping, and a refused one is told exactly as before.
        """
        try:
            return self._fields(row_number, cells, _give_up, ()), []
        except _ProblemMet:
            pass
        problems: list[RowProblem] = []
        columns = self.columns

        def problem(field: str | None, reason: str, value: str = "") -> None:
            column = columns.get(field) if field else None
            problems.append(RowProblem(row_number, None if column is None else column_letter(column), field, value, reason))

        fields = self._fields(row_number, cells, problem, problems)
        return (None if problems else fields), problems

    def _fields(self, row_number: int, cells: list, problem, problems) -> tuple | None:
        """The row's fields, telling `problem` each problem (None if `problems` then holds any).

        The common cells (an ASCII ID number, a date in it written 1980-01-31, a
        mobile number, 男/女 as the ID says) are accepted here directly; anything
        else goes through the full rules, so the quick tests can only ever say
        "valid" where those would.
        """
        width = len(cells)
        try:  # nearly every row: plain text with no spaces to tidy, read in one step
            texts = self._texts_of(cells + self._pad)
            if _WHITESPACE.search("".join(texts)):
                texts = self._tidied_texts(cells)
        except (IndexError, TypeError):  # a row shorter than its columns, or a cell that is no text
            texts = self._tidied_texts(cells)
        (name, sex_text, relation_text, ethnicity, tags, notes, sub_district, community, grid, building, unit, room, address,
         registered, micro_grid, micro_leader) = texts
        name = name.replace(" ", "")
        if not name:
            problem("name", "姓名为空")
        column = self.id_column
        value = cells[column] if column is not None and column < width else None
        id_iso = None  # the birth date in the ID number as ISO text, when the quick test read it
        if value.__class__ is str and len(value) == 18 and value.isascii() and (
            value.isdigit() or value[17] in "Xx" and value[:17].isdigit()
        ):  # 17 ASCII digits and a digit or X (str methods: cheaper than a regex match and upper())
            id_number = value if value[17] != "x" else value[:17] + "X"
            birth = self._births[id_number[6:14]]  # (date, ISO text, its part of the checksum) or None
            if birth is not None and CHECK_CHARS[
                (_AREA_SUMS[id_number[:6]] + birth[2] + _SEQUENCE_SUMS[id_number[14:17]]) % 11
            ] == id_number[17]:
                id_birth, id_iso = birth[0], birth[1]
            else:
                id_number, id_birth = self._id_number(value, problem)
        else:
            id_number, id_birth = self._id_number(value, problem)
        if len(id_number) == 18 and (not sex_text or SEX_OF.get(sex_text) == SEX_OF_DIGIT[id_number[16]]):
            sex = SEX_OF_DIGIT[id_number[16]]  # none given, or the one the ID number says
        else:
            sex = _read_sex(sex_text, id_number, problem)
        column = self.birth_column
        birth_cell = cells[column] if column is not None and column < width else None
        if birth_cell is None or birth_cell == "" or (id_iso is not None and birth_cell.__class__ is str and birth_cell == id_iso):
            # none, or the date the ID number carries written 1980-01-31 (a real roster's 出生日期 column): nothing to check
            birth_text, lenient = (id_iso or (None if id_birth is None else id_birth.isoformat())), False
        elif (birth_cell.__class__ is str and id_birth is not None and len(birth_cell) == 10 and birth_cell[4] == "-" == birth_cell[7]
              and birth_cell[:4] + birth_cell[5:7] + birth_cell[8:] == id_number[6:14]):
            birth_text, lenient = id_birth.isoformat(), False
        else:
            birth, lenient = _read_birth_date(birth_cell, id_number, problem)
            birth_text = None if birth is None else birth.isoformat()
        column = self.phone_column
        value = cells[column] if column is not None and column < width else None
        if value.__class__ is str and len(value) == 11 and value.isdigit() and value.isascii() and value[0] == "1" and value[1] in "3456789":
            phone = value  # a mobile number as `MOBILE_PATTERN` takes it
        elif value is None or value == "":
            phone = ""
        else:
            phone = _read_phone(value, problem)
        column = self.leader_phone_column
        leader_phone = "" if column is None else _read_phone(cells[column] if column < width else None, problem,
                                                             "micro_leader_phone")
        if not (address or building or room):
            problem(None, "住址为空（现住址、楼栋、门牌号都没有填），无法归户" + ("；户籍地址是户口登记的地方，不用于归户" if registered else ""))
        relation_text = relation_text.replace(" ", "")
        relation = RELATION_OF.get(relation_text, "其他" if relation_text else "")
        if problems:
            return None
        # The place texts a household's rows share are sent as the objects first met (`_home`, `_registration`,
        # `_places`), so pickling writes each once a batch and the importing process makes one str of each
        # (a district's single-address roster: 85 → 78 MB sent).
        written, key, building_name, unit_name, home, room_key, (community, building, unit, room, address) = self._home(
            community, building, unit, room, address)
        places = self._places
        if len(places) >= NEARBY_REMEMBERED:
            places.clear()
        sub_district, grid, ethnicity = (places.setdefault(sub_district, sub_district), places.setdefault(grid, grid),
                                         places.setdefault(ethnicity, ethnicity))
        if registered:
            registered, registration_key = self._registration(registered)
            away = not same_place(registration_key, key, room_key)
        else:
            away = False
        return (  # RosterRow's fields, in its order
            row_number, name, relation, sex, birth_text, id_number, phone, ethnicity, tags, notes,
            sub_district, community, grid, building, unit, room, address, registered, written, key, building_name,
            unit_name, home, away, self._keys(name, phone, id_number), lenient,
            micro_grid, micro_leader, leader_phone,
        )

    def _tidied_texts(self, cells: list) -> tuple[str, ...]:
        """The `TEXT_FIELDS` of a row in their order, each stripped and with inner runs of spaces made one."""
        width = len(cells)
        text = dict.fromkeys(TEXT_FIELDS, "")
        for field, column in self.text_columns:
            if column < width:
                value = cells[column]
                if value.__class__ is str:
                    if value:
                        value = value.strip()
                        text[field] = value if " " not in value and "\n" not in value else " ".join(value.split())
                elif value is not None:
                    text[field] = _clean_text(value)
        return tuple(text.values())

    def _id_number(self, value, problem) -> tuple[str, dt.date | None]:
        """(the ID number or "", the birth date it carries)."""
        if value.__class__ is str and len(value) == 18 and value.isascii():
            # 17 ASCII digits and a digit or X (str methods: cheaper than a regex match and upper())
            text = value if value.isdigit() else value[:17] + "X" if value[17] in "Xx" and value[:17].isdigit() else ""
            if text:
                birth = self._birth_of(text[6:14])
                if birth is not None and _checksum_character(text) == text[17]:
                    return text, birth
        id_number = _read_id_number(value, problem, self.today)
        return id_number, birth_date_of(id_number) if id_number else None

    def _birth_of(self, digits: str) -> dt.date | None:
        """The date of eight ID digits if it is a plausible birth date, else None (the full rules decide)."""
        try:
            return self._birth_in_id[digits]
        except KeyError:
            pass
        birth = self._birth_in_id[digits] = plausible_birth(digits, self.today)
        return birth


def _checksum_character(id_number: str) -> str:
    """`check_character(id_number[:17])` for ASCII digits, by remembered part sums."""
    total = _AREA_SUMS[id_number[:6]] + _BIRTH_SUMS[id_number[6:14]] + _SEQUENCE_SUMS[id_number[14:17]]
    return CHECK_CHARS[total % 11]


def read_row(
    row_number: int, cells: list, columns: dict[str, int], today: dt.date
) -> tuple[RosterRow | None, list[RowProblem]]:
    """The cleaned row, or None and the reasons it is refused. `columns` maps field → 0-based column.

    For one row; an importer reading a whole sheet keeps one `RowReader`.
    """
    return RowReader(columns, today).read(row_number, cells)


def _clean_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip() if " " not in value.strip() and "\n" not in value else " ".join(value.split())
    return " ".join(cell_text(value).split())


def _read_id_number(value, problem, today: dt.date) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        problem(
            "id_number",
            "身份证号被 Excel 存成了数字，末几位已经丢失，不能导入；请把这一列设为文本后重新录入",
            cell_text(value),
        )
        return ""
    text = value if isinstance(value, str) and len(value) == 18 else "".join(cell_text(value).split())
    text = text.upper().lstrip("'")
    if not text:
        return ""
    reason = id_number_problem(text, today)
    if reason:
        problem("id_number", reason, text)
        return ""
    return text


def _read_sex(text: str, id_number: str, problem) -> str:
    from_id = SEX_OF_DIGIT[id_number[16]] if len(id_number) == 18 else sex_of(id_number) if id_number else ""
    if not text:
        return from_id
    sex = SEX_OF.get(text)
    if sex is None:
        problem("sex", f"性别应为“男”或“女”，这里是“{text}”", text)
        return ""
    if from_id and sex != from_id:
        problem("sex", f"性别“{sex}”与身份证号（{from_id}）不符", text)
    return sex


def _read_birth_date(value, id_number: str, problem) -> tuple[dt.date | None, bool]:
    """(the birth date, whether it was read from a plain number or typed text rather than a date cell)."""
    from_id = birth_date_of(id_number) if id_number else None
    if value is None or cell_text(value).strip() == "":
        return from_id, False
    birth = serial_date(value) or date_of(value, month_enough=True)  # (one place for both: `cell_values`)
    if birth is None:
        problem("birth_date", f"出生日期“{cell_text(value)}”看不懂，请写成 1980-01-31", cell_text(value))
        return None, False
    if from_id and birth != from_id and (birth.year, birth.month) != (from_id.year, from_id.month):
        problem("birth_date", f"出生日期 {birth.isoformat()} 与身份证号中的 {from_id.isoformat()} 不符", cell_text(value))
    return from_id or birth, not isinstance(value, dt.date)


def _read_phone(value, problem, field: str = "phone") -> str:
    if isinstance(value, str) and len(value) == 11 and MOBILE_PATTERN.fullmatch(value):
        return value
    text = cell_text(value).strip()
    if not text:
        return ""
    phone = normalise_phone(text)
    if phone is None:
        problem(field, f"{label(field)}不是有效的手机或座机号码（手机 11 位，座机带区号）", text)
        return ""
    return phone
