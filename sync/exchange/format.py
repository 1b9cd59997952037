"""The exchange workbook format: which sheet holds which table, and what each column means.

The layout is derived from the models, so a field added by a migration travels
without touching this module; only its Chinese title has to be added to
`TITLES` (until then its column name is the title).  Readers find columns by
title, never by position, so a person may reorder or insert columns in Excel.

Every data sheet has, per row:

* the readable columns, one per field (a foreign key shows its parent's name or
  address there, for reading only);
* the key columns at the right: each foreign key's uuid (``…标识``), then the row's
  own 标识 (uuid), 版本 (version vector), 时间戳 (hybrid time), 设备, and two checks:
  内容校验 over the content as exported (a mismatch means the row was edited by
  hand) and 版本校验 over the key columns (a mismatch means someone changed what
  must not be changed, and the file is refused).

Hashes are computed on the *text a cell shows* (`sync.spreadsheet.cell_text`), not on Python
types: Excel, WPS and LibreOffice turn 7 into 7.0 and a date into a datetime
when they save, and the text of both stays the same.  See docs/workbook.md.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any

from peewee import BigIntegerField, BooleanField, DateField, ForeignKeyField, IntegerField

from models.records.base import SyncedModel
from models.schema import SYNCED_MODELS

FORMAT_NAME = "lianxin-exchange"
FORMAT_VERSION = 1

META_SHEET = "说明"
CONFLICT_SHEET = "冲突"

# The sheets in the order a person meets them; parents-first order is kept
# separately (SYNCED_MODELS) for merging.
SHEET_TITLES = {
    "household": "住户",
    "resident": "居民",
    "building": "楼栋",
    "shop": "商铺",
    "cadre": "干部",
    "assignment": "联户",
    "visit": "走访",
    "demand": "诉求",
    "return_visit": "回访",
    "responsible_unit": "责任单位",
    "sub_district": "街道",
    "community": "社区",
    "grid": "网格",
    "micro_grid": "微网格",
    "unit": "单元",
    "visit_visitor": "走访人员",
    "demand_category": "诉求分类",
    "demand_group": "一类事",
    "dispatch": "派单",
    "progress_note": "办理进展",
    "audit_entry": "操作记录",
}

TITLES = {
    "sub_district": {"name": "名称", "code": "代码"},
    "community": {"sub_district": "街道", "name": "名称", "hotline": "服务热线", "address": "地址"},
    "grid": {"community": "社区", "name": "名称", "kind": "类型", "special_type": "专属类型", "leader": "专属网格长",
             "leader_phone": "专属网格长电话"},
    "micro_grid": {"grid": "网格", "name": "名称", "leader": "微网格长", "leader_phone": "微网格长电话",
                   "leader_cadre": "微网格长干部", "notes": "备注"},
    "building": {"grid": "网格", "name": "名称", "address": "地址", "kind": "类型", "floors": "层数"},
    "unit": {"building": "楼栋", "name": "名称"},
    "household": {
        "grid": "网格", "building": "楼栋", "unit": "单元", "room": "房号", "address": "地址",
        "phone": "联系电话", "tags": "标签", "notes": "备注", "micro_grid": "微网格",
    },
    "resident": {
        "household": "住户", "name": "姓名", "relation": "与户主关系", "sex": "性别", "birth_date": "出生日期",
        "id_number": "身份证号", "phone": "手机号码", "ethnicity": "民族", "tags": "标签", "notes": "备注",
        "registered_address": "户籍地址",
    },
    "shop": {
        "grid": "网格", "building": "楼栋", "name": "店名", "address": "地址", "business": "经营范围",
        "owner": "经营者", "phone": "联系电话", "notes": "备注",
    },
    "cadre": {
        "name": "姓名", "role": "身份", "work_unit": "工作单位", "position": "职务", "phone": "联系电话",
        "grid": "网格", "notes": "备注",
    },
    "responsible_unit": {
        "name": "名称", "hotline": "服务热线", "contact_person": "联系人", "contact_phone": "联系人电话", "notes": "备注",
        "contact_phone_public": "联系人电话公开",
    },
    "assignment": {"cadre": "干部", "household": "住户", "since": "联户日期", "notes": "备注"},
    "visit": {
        "household": "住户", "visited_on": "走访日期", "talked_to": "交谈对象", "topics": "走访内容",
        "notes": "备注", "recorded_by": "记录人", "shop": "商铺",
    },
    "visit_visitor": {"visit": "走访", "cadre": "干部"},
    "demand_category": {"name": "名称", "deadline_days": "办理时限（天）", "sort_order": "排序", "family": "大类"},
    "demand_group": {"name": "名称", "category": "诉求分类", "notes": "备注"},
    "demand": {
        "household": "住户", "visit": "走访", "kind": "类别", "category": "诉求分类", "group": "一类事",
        "description": "内容", "raised_by": "提出人", "recorded_by": "记录人", "urgency": "紧急程度",
        "state": "状态", "reject_reason": "不予受理理由", "raised_on": "提出日期", "accepted_on": "受理日期",
        "deadline": "办理期限", "closed_on": "办结日期", "solved_on_spot": "当场解决", "shop": "商铺",
        "source": "诉求来源", "outcome": "办结结果", "outcome_reason": "结果说明", "mediation": "调解结果",
    },
    "dispatch": {
        "demand": "诉求", "unit": "责任单位", "contact_person": "联系人", "contact_phone": "联系电话",
        "dispatched_on": "派单日期", "notes": "备注",
    },
    "progress_note": {"demand": "诉求", "noted_on": "日期", "text": "进展", "author": "记录人"},
    "return_visit": {
        "demand": "诉求", "visited_on": "回访日期", "method": "方式", "satisfaction": "满意度",
        "notes": "备注", "by": "回访人",
    },
    "audit_entry": {
        "at_wall": "时间", "user": "用户", "record_type": "记录类型", "record_uuid": "记录标识",
        "action": "操作", "changes": "变更内容", "at_hlc": "时钟",
    },
}

# Stored codes shown as words a person reads (and may type) in Excel.
CHOICES: dict[tuple[str, str], dict[Any, str]] = {
    ("grid", "kind"): {"full": "全科网格", "special": "专属网格", "micro": "微网格"},
    ("grid", "special_type"): {"school": "学校", "hospital": "医院", "park": "园区", "market": "商圈", "other": "其他"},
    ("building", "kind"): {"residential": "住宅楼", "bungalow": "平房", "commercial": "商业楼"},
    ("cadre", "role"): {"cadre": "党员干部", "grid_worker": "网格员"},
    ("demand", "kind"): {"demand": "诉求", "suggestion": "意见建议"},
    ("demand", "state"): {
        "pending": "待受理", "accepted": "已受理", "in_progress": "办理中", "closed": "已办结", "rejected": "不予受理",
    },
    ("demand", "urgency"): {0: "一般", 1: "紧急", 2: "特急"},
    ("demand", "source"): {
        "visit": "入户走访", "grid_report": "网格员上报", "hotline": "12345热线", "walk_in": "来访来电",
        "enterprise_visit": "企业走访", "other": "其他",
    },
    ("demand", "outcome"): {"solved": "已解决", "answered": "已答复", "unsolvable": "无法解决", "unrecorded": "未记录"},
    ("demand", "mediation"): {"succeeded": "调解成功", "failed": "调解未成功", "unrecorded": "未记录"},
    ("demand_category", "family"): {"general": "一般诉求", "dispute": "矛盾纠纷"},
    ("return_visit", "method"): {"phone": "电话", "in_person": "上门"},
    ("return_visit", "satisfaction"): {"satisfied": "满意", "fairly_satisfied": "基本满意", "dissatisfied": "不满意"},
    ("audit_entry", "action"): {"create": "新建", "update": "修改", "delete": "删除", "restore": "恢复"},
}
# Space-separated lists of codes (visit topics).
WORD_LISTS = {("visit", "topics"): {"policy": "政策宣传", "handbook": "便民手册", "other": "其他"}}

# Columns added after format version 1: a workbook written before may lack them, which means
# "not known" (None, which the database reads as "keep what you have": m0007), never "empty".
# Their text counts in the content check only when it is not empty, so a row without one
# checks the same as in a workbook written before the column existed.
OPTIONAL_COLUMNS = {
    ("resident", "registered_address"), ("responsible_unit", "contact_phone_public"),
    ("visit", "shop"), ("demand", "shop"), ("demand", "source"), ("demand", "outcome"), ("demand", "outcome_reason"),
    ("demand", "mediation"), ("demand_category", "family"),
    ("household", "micro_grid"), ("grid", "special_type"), ("grid", "leader"), ("grid", "leader_phone"),
}

# What a missing optional column is read as where NULL already means something (no micro-grid,
# no type said): a value no record keeps, which migration 11's triggers turn into the stored one.
UNKNOWN_VALUES = {("household", "micro_grid"): "", ("grid", "special_type"): ""}

# The column whose value names a record when another sheet points at it.
LABEL_COLUMNS = {
    "sub_district": "name", "community": "name", "grid": "name", "building": "name", "unit": "name",
    "household": "address", "micro_grid": "name", "resident": "name", "shop": "name", "cadre": "name", "responsible_unit": "name",
    "visit": "visited_on", "demand": "description", "demand_category": "name", "demand_group": "name",
}

YES, NO = "是", "否"
DELETED_TITLE = "已删除"
UUID_TITLE = "标识"
VV_TITLE = "版本"
HLC_TITLE = "时间戳"
DEVICE_TITLE = "设备"
CONTENT_CHECK_TITLE = "内容校验"
VERSION_CHECK_TITLE = "版本校验"
KEY_SUFFIX = "标识"

@dataclass(frozen=True)
class Column:
    """One column of a data sheet.

    `kind` is how the value is written and read: text, date, int, bigint (text,
    because Excel keeps 15 digits), bool, choice, words, ref (a uuid) or label
    (the parent's name beside a foreign key; read by people, ignored on import).
    """

    title: str
    kind: str
    column: str  # the database column it belongs to ("" for labels)
    nullable: bool = False
    required: bool = False
    choices: dict[Any, str] | None = None
    parent: str = ""  # referenced table, for ref and label columns
    width: int = 12
    optional: bool = False  # in OPTIONAL_COLUMNS
    unknown: Any = None  # what the column reads as when the sheet lacks it (UNKNOWN_VALUES, else None)


@dataclass
class SheetSpec:
    table: str
    title: str
    model: type[SyncedModel]
    readable: list[Column] = field(default_factory=list)  # what a person reads, in model order
    keys: list[Column] = field(default_factory=list)  # foreign key uuids
    deleted: Column = Column(DELETED_TITLE, "bool", "deleted", width=8)

    @functools.cached_property
    def content(self) -> list[Column]:
        """The columns whose text the content check covers, in a fixed order."""
        return [c for c in self.readable if c.kind != "label"] + self.keys + [self.deleted]

    @functools.cached_property
    def written(self) -> list[Column]:
        """Every column in the order it is written, machine columns last."""
        return self.readable + self.keys + [self.deleted] + MACHINE_COLUMNS

    @functools.cached_property
    def db_columns(self) -> list[str]:
        return [c.column for c in self.content]

    @functools.cached_property
    def optional_indexes(self) -> frozenset[int]:
        """Where the OPTIONAL_COLUMNS are in `content`."""
        return frozenset(index for index, column in enumerate(self.content) if column.optional)


# An optional column's text counts in the content check only when it says more than a workbook
# without the column would: not when empty, nor when it is a flag's default (否).
UNSAID = ("", NO)


def hashed_texts(texts, optional: frozenset[int]):
    """The content texts a content check covers: an optional column's only when it says something."""
    if len(optional) == 1:  # (every row of a resident sheet: slices, cheaper than a comprehension)
        (index,) = optional
        return texts if texts[index] not in UNSAID else texts[:index] + texts[index + 1:]
    return [text for index, text in enumerate(texts) if index not in optional or text not in UNSAID]


MACHINE_COLUMNS = [
    Column(UUID_TITLE, "machine", "uuid", width=38),
    Column(VV_TITLE, "machine", "vv", width=30),
    Column(HLC_TITLE, "machine", "hlc", width=20),
    Column(DEVICE_TITLE, "machine", "device", width=14),
    Column(CONTENT_CHECK_TITLE, "machine", "", width=18),
    Column(VERSION_CHECK_TITLE, "machine", "", width=18),
]

WIDTHS = {"text": 16, "date": 12, "int": 8, "bigint": 20, "bool": 8, "choice": 10, "words": 16, "ref": 38, "label": 16}
WIDE_TEXT = {"address": 30, "leader_phone": 14, "registered_address": 30, "notes": 24, "description": 36, "changes": 40, "id_number": 21, "text": 36}


def _column_for(table: str, model_field) -> tuple[Column | None, Column]:
    """(key column or None, readable column) for one peewee field."""
    name = model_field.name
    title = TITLES.get(table, {}).get(name, name)
    nullable = bool(model_field.null)
    if isinstance(model_field, ForeignKeyField):
        parent = model_field.rel_model._meta.table_name
        key = Column(title + KEY_SUFFIX, "ref", model_field.column_name, nullable=nullable,
                     required=not nullable, parent=parent, width=WIDTHS["ref"],
                     optional=(table, name) in OPTIONAL_COLUMNS, unknown=UNKNOWN_VALUES.get((table, name)))
        return key, Column(title, "label", "", parent=parent, width=WIDTHS["label"])
    if (table, name) in CHOICES:
        kind, choices = "choice", CHOICES[(table, name)]
    elif (table, name) in WORD_LISTS:
        kind, choices = "words", WORD_LISTS[(table, name)]
    elif isinstance(model_field, DateField):
        kind, choices = "date", None
    elif isinstance(model_field, BooleanField):
        kind, choices = "bool", None
    elif isinstance(model_field, BigIntegerField):
        kind, choices = "bigint", None
    elif isinstance(model_field, IntegerField):
        kind, choices = "int", None
    else:
        kind, choices = "text", None
    required = not nullable and kind in ("date",)
    width = WIDE_TEXT.get(name, WIDTHS[kind])
    return None, Column(title, kind, model_field.column_name, nullable=nullable, required=required,
                        choices=choices, width=width, optional=(table, name) in OPTIONAL_COLUMNS,
                        unknown=UNKNOWN_VALUES.get((table, name)))


def _build_spec(model: type[SyncedModel]) -> SheetSpec:
    table = model._meta.table_name
    spec = SheetSpec(table, SHEET_TITLES.get(table, table), model)
    for model_field in model._meta.sorted_fields:
        if model_field.name in SyncedModel.VERSION_FIELDS:
            continue
        key, readable = _column_for(table, model_field)
        spec.readable.append(readable)
        if key is not None:
            spec.keys.append(key)
    return spec


SPECS: dict[str, SheetSpec] = {model._meta.table_name: _build_spec(model) for model in SYNCED_MODELS}
SPEC_BY_TITLE = {spec.title: spec for spec in SPECS.values()}
# The order sheets appear in a workbook: the order, then the rest.
SHEET_ORDER = [t for t in SHEET_TITLES if t in SPECS] + [t for t in SPECS if t not in SHEET_TITLES]

CONFLICT_COLUMNS = ["记录类型", "记录标识", "内容", VV_TITLE, HLC_TITLE, DEVICE_TITLE, VERSION_CHECK_TITLE]


def digest(*parts: str) -> str:
    """A short check over text parts (integrity against mistakes, not against forgery)."""
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).hexdigest()


def version_check(uuid: str, vv: str, hlc: str, device: str) -> str:
    return digest("v", uuid, vv, hlc, device)


def content_check(uuid: str, vv: str, texts: list[str]) -> str:
    return digest("c", uuid, vv, *texts)


def joined_content_check(uuid: str, vv: str, joined_texts: str) -> str:
    """`content_check` of texts already joined with "\\x1f" (the reader's hot loop joins once)."""
    return hashlib.blake2b(f"c\x1f{uuid}\x1f{vv}\x1f{joined_texts}".encode("utf-8"), digest_size=8).hexdigest()


def conflict_check(table: str, uuid: str, payload: str, vv: str, hlc: str, device: str) -> str:
    return digest("x", table, uuid, payload, vv, hlc, device)
