"""What the columns of an office's shop list (商铺/企业名单) mean: fields, synonyms, finding the header.

Offices keep their shops and enterprises in lists of their own making (序号,
专属网格, 商铺名称 or 企业名称 or 单位名称, 经营地址, 经营范围 or 行业, 负责人 or
法人 or 联系人, 联系电话, 备注), under a merged title row.  The header is the
first of the top rows with a name column and one more known column; the
person can change the reading in the window's preview.  The titles and their
normalising are the roster's (`sync.roster.columns`), the fields are a shop's.
"""

from __future__ import annotations

from sync.roster.columns import HEADER_SEARCH_ROWS, Header, map_titles, normalise_title
from sync.spreadsheet import cell_text

# field → (label shown to people, synonyms best first)
SHOP_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "community": ("社区", ("社区", "所属社区", "社区名称", "居委会")),
    "grid": ("专属网格", ("专属网格", "专属网格名称", "所属专属网格", "网格", "所属网格", "网格名称")),
    "grid_type": ("类型", ("类型", "专属网格类型", "网格类型", "单位类型", "场所类型")),
    "leader": ("专属网格长", ("专属网格长", "网格长", "专属网格长姓名")),
    "leader_phone": ("专属网格长电话", ("专属网格长电话", "专属网格长联系电话", "网格长电话", "网格长联系电话")),
    "name": ("名称", ("商铺名称", "企业名称", "单位名称", "名称", "商户名称", "店铺名称", "店名", "商铺", "企业", "单位")),
    "address": ("地址", ("地址", "经营地址", "详细地址", "门店地址", "所在地址", "注册地址", "住所")),
    "business": ("经营范围", ("经营范围", "行业", "行业类型", "经营类别", "所属行业", "主营业务", "经营项目", "业态")),
    "owner": ("负责人", ("负责人", "法人", "法定代表人", "联系人", "经营者", "店主", "负责人姓名", "法人代表")),
    "phone": ("联系电话", ("联系电话", "电话", "手机", "手机号码", "手机号", "联系方式", "负责人电话", "电话号码")),
    "notes": ("备注", ("备注", "说明", "情况说明")),
}

# Loose rules for titles no synonym covers, tried in this order: "网格长" before "网格", "电话" after both.
CONTAINS_RULES: tuple[tuple[str, str], ...] = (
    ("网格长", "leader"),
    ("网格", "grid"),
    ("类型", "grid_type"),
    ("名称", "name"),
    ("地址", "address"),
    ("电话", "phone"),
    ("手机", "phone"),
    ("负责人", "owner"),
    ("联系人", "owner"),
    ("法人", "owner"),
    ("经营", "business"),
    ("行业", "business"),
    ("社区", "community"),
    ("备注", "notes"),
)


def shop_label(field: str) -> str:
    return SHOP_FIELDS[field][0]


def shop_field_of(title: str) -> tuple[str, int] | None:
    """The field a column title means and how sure we are (0 best), or None."""
    value = normalise_title(title)
    if not value or len(value) > 20:
        return None
    for field, (_, synonyms) in SHOP_FIELDS.items():
        if value in synonyms:
            return field, synonyms.index(value)
    for part, field in CONTAINS_RULES:
        if part in value:
            if field == "leader" and any(word in value for word in ("电话", "手机", "联系")):
                return "leader_phone", 50
            return field, 50
    return None


def find_shop_header(rows: list[tuple[int, list]]) -> Header | None:
    """The first row that reads as a shop list's header: a name column and another known column."""
    for row_number, cells in rows[:HEADER_SEARCH_ROWS]:
        titles = {index: cell_text(value).strip() for index, value in enumerate(cells) if cell_text(value).strip()}
        columns = map_titles(titles, shop_field_of)
        if "name" in columns.values() and len(columns) >= 2:
            return Header(row=row_number, columns=columns, titles=titles)
    return None
