"""What the columns of a hand-made roster mean: field names, their synonyms, finding the header.

Offices title the same column many ways (户主姓名 / 姓名, 公民身份号码 / 身份证号,
联系电话 / 手机号码, 门牌号 / 室…) and put a merged title row and a "填报单位"
line above the header.  The header is the first of the top rows in which at least
two known titles appear, one of them a name; the user can override the mapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sync.spreadsheet import cell_text, column_letter

# field → (label shown to people, synonyms best first)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("姓名", ("姓名", "居民姓名", "成员姓名", "人员姓名", "名字", "户主姓名", "户主")),
    "relation": ("与户主关系", ("与户主关系", "与户主的关系", "关系", "家庭关系", "户内关系")),
    "sex": ("性别", ("性别",)),
    "birth_date": ("出生日期", ("出生日期", "出生年月", "出生年月日", "生日")),
    "id_number": ("身份证号", ("公民身份号码", "身份证号", "身份证号码", "身份证", "证件号码", "居民身份证号码")),
    "phone": ("联系电话", ("联系电话", "手机号码", "手机号", "手机", "电话", "电话号码", "联系方式")),
    "ethnicity": ("民族", ("民族",)),
    "sub_district": ("街道", ("街道", "街道办事处", "乡镇", "乡镇街道", "所属街道")),
    "community": ("社区", ("社区", "所属社区", "社区名称", "居委会", "村居", "社区村")),
    "grid": ("网格", ("网格", "所属网格", "网格名称", "网格号")),
    "building": ("楼栋", ("楼栋", "楼号", "楼栋号", "楼幢", "幢号", "栋号", "楼")),
    "unit": ("单元", ("单元", "单元号")),
    "room": ("门牌号", ("门牌号", "门牌", "室", "房号", "房间号", "户室号", "室号")),
    "address": ("住址", ("住址", "现住址", "居住地址", "家庭住址", "现居住地址", "实际居住地址", "现住地址", "现居地址",
                       "居住地", "现居住地", "常住地址", "详细地址", "地址")),
    "registered_address": ("户籍地址", ("户籍地址", "户口所在地", "户籍所在地", "户籍地", "户口地址", "户籍住址",
                                     "户口所在地址", "户籍所在地址", "户口登记地址", "户籍登记地址", "户口地")),
    "micro_grid": ("微网格", ("微网格", "微网格名称", "所属微网格", "微网格号")),
    "micro_leader": ("微网格长", ("微网格长", "微网格长姓名", "微网格员")),
    "micro_leader_phone": ("微网格长电话", ("微网格长电话", "微网格长联系电话", "微网格长手机", "微网格长手机号码",
                                         "微网格长联系方式")),
    "tags": ("人员类别", ("人员类别", "特殊人群", "人群类别", "人员属性", "标签")),
    "notes": ("备注", ("备注", "说明", "情况说明")),
}

# Loose rules for titles no synonym covers exactly, tried in this order (after `_is_registration`).
CONTAINS_RULES: tuple[tuple[str, str], ...] = (
    ("身份证", "id_number"),
    ("证件号", "id_number"),
    ("关系", "relation"),
    ("电话", "phone"),
    ("手机", "phone"),
    ("出生", "birth_date"),
    ("住址", "address"),
    ("居住地", "address"),
    ("地址", "address"),
    ("门牌", "room"),
    ("姓名", "name"),
    ("单元", "unit"),
    ("网格", "grid"),
    ("楼", "building"),
    ("社区", "community"),
    ("街道", "sub_district"),
    ("备注", "notes"),
)

HEADER_SEARCH_ROWS = 30


def label(field: str) -> str:
    return FIELDS[field][0]


def normalise_title(text: str) -> str:
    """A column title without spaces, marks of required fields, or a parenthesised remark."""
    value = re.sub(r"\s+", "", text)
    value = re.sub(r"[（(][^）)]*[）)]", "", value)
    return value.strip("*＊:：")


def field_of(title: str) -> tuple[str, int] | None:
    """The field a column title means and how sure we are (0 best), or None."""
    value = normalise_title(title)
    if not value or len(value) > 20:
        return None
    for field, (_, synonyms) in FIELDS.items():
        if value in synonyms:
            return field, synonyms.index(value)
    if _is_registration(value):
        return "registered_address", 40
    if "微网格" in value:  # before the loose rules, which read 网格 and 电话 in it
        return _micro_grid_field(value), 45
    for part, field in CONTAINS_RULES:
        if part in value:
            return field, 50
    return None


def _is_registration(title: str) -> bool:
    """A title about the household registration's place (户籍地, 户口所在地址…): never the dwelling.

    Without this rule "户籍地址" contained "地址" and was read as the dwelling, and
    a roster's households were formed by where people are registered (issue 14).
    Other registration columns (户籍性质, 户口类别) name no place and stay unread.
    """
    return ("户籍" in title or "户口" in title) and ("地" in title or "址" in title)


def _micro_grid_field(title: str) -> str:
    """A title about a micro-grid (微网格…): its name, its leader, or the leader's phone.

    Without this rule 微网格 read as the grid (it contains 网格) and 微网格长电话 as the
    resident's phone (it contains 电话).
    """
    if "长" in title or "员" in title:
        return "micro_leader_phone" if any(word in title for word in ("电话", "手机", "联系")) else "micro_leader"
    return "micro_grid"


@dataclass(frozen=True)
class Header:
    """Where the header is and which column holds which field (0-based column → field)."""

    row: int
    columns: dict[int, str]
    titles: dict[int, str]  # every non-empty header cell, mapped or not

    def column_of(self, field: str) -> int | None:
        return next((column for column, name in self.columns.items() if name == field), None)

    def unmapped(self) -> dict[int, str]:
        return {column: title for column, title in self.titles.items() if column not in self.columns}

    def describe(self) -> str:
        return "、".join(f"{column_letter(c)} {self.titles[c]}→{label(f)}" for c, f in sorted(self.columns.items()))


def map_titles(titles: dict[int, str], meaning=None) -> dict[int, str]:
    """Assign each field the column whose title means it most surely (left-most on a tie).

    `meaning(title)` reads a title as (field, certainty): the roster's `field_of`
    unless another list's (`sync.roster.shop_columns.shop_field_of`) is given.
    """
    meaning = meaning or field_of
    best: dict[str, tuple[int, int]] = {}
    for column, title in sorted(titles.items()):
        found = meaning(title)
        if found is None:
            continue
        field, certainty = found
        if field not in best or certainty < best[field][1]:
            best[field] = (column, certainty)
    return {column: field for field, (column, _) in best.items()}


def header_from_row(row_number: int, cells: list) -> Header:
    titles = {index: cell_text(value).strip() for index, value in enumerate(cells) if cell_text(value).strip()}
    return Header(row=row_number, columns=map_titles(titles), titles=titles)


def find_header(rows: list[tuple[int, list]]) -> Header | None:
    """The first row that reads as a roster header: a name column and another known column."""
    for row_number, cells in rows[:HEADER_SEARCH_ROWS]:
        header = header_from_row(row_number, cells)
        fields = set(header.columns.values())
        if "name" in fields and len(fields) >= 2:
            return header
    return None


def with_mapping(header: Header, mapping: dict[int, str | None]) -> Header:
    """The header with the user's choices applied (column → field, or None to ignore it)."""
    columns = dict(header.columns)
    for column, field in mapping.items():
        for other in [c for c, f in columns.items() if f == field and c != column]:
            del columns[other]
        if field is None:
            columns.pop(column, None)
        else:
            columns[column] = field
    return Header(row=header.row, columns=columns, titles=header.titles)
