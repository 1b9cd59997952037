"""Helpers that write roster files the way offices make them, for tests and benchmarks.

`roster_rows` makes realistic residents grouped in households (IDs valid by
GB 11643, mobile numbers, addresses split in community / grid / building / unit /
room columns); `write_roster_xlsx` and `write_roster_csv` lay them out like a
real 花名册: a merged title row, a "填报单位" line, the header, the data, a 合计 line.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from models.records.identity import make_id_number

HEADER = ["序号", "姓名", "与户主关系", "性别", "公民身份号码", "联系电话", "民族", "社区", "网格", "楼栋", "单元", "门牌号", "备注"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文斌海燕鹏飞小红春花立新晓东宇浩然子涵欣怡梓萱一诺思远博文雪梅淑珍凤兰德胜永福桂芝"
RELATIONS = ("户主", "配偶", "子女", "父母", "孙子女")
COMMUNITIES = ("海滨社区", "南城社区", "北山社区", "渔港社区")
NOTES = ("", "", "", "", "", "独居老人", "低保", "残疾")


def random_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def roster_rows(households: int, seed: int = 1, start: int = 0) -> list[list]:
    """One list per resident in HEADER order, households of 1–5 people (≈2.9 on average)."""
    rng = random.Random(seed)
    rows: list[list] = []
    used_ids: set[str] = set()
    for number in range(start, start + households):
        community = COMMUNITIES[number // 60 % len(COMMUNITIES)]
        grid = f"第{number // 2000 % 9 + 1}网格"
        building = f"{number // 60 + 1}号楼"
        unit = f"{number // 20 % 3 + 1}单元"
        room = f"{number % 20 // 4 + 1}0{number % 4 + 1}"
        size = rng.choices((1, 2, 3, 4, 5), weights=(10, 30, 30, 20, 10))[0]
        surname = rng.choice(SURNAMES)
        for member in range(size):
            relation = RELATIONS[min(member, len(RELATIONS) - 1)] if member < 3 else "子女"
            while True:
                birth = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 33_000))
                id_number = make_id_number("370602", birth, rng.randrange(1000))
                if id_number not in used_ids:
                    used_ids.add(id_number)
                    break
            name = (surname if member != 1 else rng.choice(SURNAMES)) + "".join(
                rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))
            )
            sex = "男" if int(id_number[16]) % 2 else "女"
            phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}" if rng.random() < 0.8 else ""
            rows.append(
                [len(rows) + 1, name, relation, sex, id_number, phone, "汉族", community, grid, building, unit, room, rng.choice(NOTES)]
            )
    return rows


def write_roster_xlsx(
    path: Path,
    rows: list[list],
    *,
    header: list[str] = HEADER,
    title: str | None = "海滨街道居民花名册",
    unit_line: str | None = "填报单位：海滨街道办事处（盖章）        填报日期：2026年11月",
    total_line: bool = True,
    sheet_title: str = "花名册",
    write_only: bool = False,
) -> Path:
    """Write a roster workbook with openpyxl; ID numbers and phones as text cells unless given as numbers."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet(sheet_title) if write_only else workbook.active
    if not write_only:
        sheet.title = sheet_title
    if title is not None:
        sheet.append([title])
        if not write_only:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    if unit_line is not None:
        sheet.append([unit_line])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if total_line:
        sheet.append(["合计", f"共 {len(rows)} 人"])
        sheet.append([])
        sheet.append(["填表人：张丽", None, None, "审核人：李强"])
    workbook.save(path)
    return path


def write_roster_csv(path: Path, rows: list[list], *, header: list[str] = HEADER, encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# -- the layouts offices use (issue 14) ---------------------------------------------------

# The roster the issue measured, as a real office writes it: no 社区 or 街道 column, the
# dwelling in 楼栋/单元/门牌号, and each person's household registration (户籍地址).
REAL_HEADER = ["序号", "网格", "楼栋", "单元", "门牌号", "姓名", "与户主关系", "性别", "公民身份号码", "出生日期", "联系电话",
               "户籍地址", "备注"]
ADDRESS_HEADER = ["序号", "姓名", "与户主关系", "性别", "公民身份号码", "联系电话", "民族", "住址", "备注"]
BOTH_HEADER = ["序号", "姓名", "与户主关系", "性别", "公民身份号码", "联系电话", "民族", "现住址", "户籍地址", "备注"]
LAYOUTS = {"parts": REAL_HEADER, "address": ADDRESS_HEADER, "both": BOTH_HEADER}

REGISTRATION_PREFIX = "山东省烟台市芝罘区"
ELSEWHERE = ("山东省潍坊市寿光市洛城街道东斟灌村", "山东省临沂市沂水县许家湖镇前坪村", "河北省沧州市献县本斋乡小屯村",
             "山东省烟台市莱山区解甲庄街道孙家滩村", "黑龙江省哈尔滨市道里区新阳路")


def dwelling_text(row: list) -> str:
    """The dwelling of a `roster_rows` row written out as one address ("海滨社区5号楼2单元301室")."""
    return f"{row[7]}{row[9]}{row[10]}{row[11]}室"


def registrations(rows: list[list], seed: int = 1) -> list[tuple[str, bool]]:
    """(户籍地址, whether it is elsewhere than the dwelling) for each row of `roster_rows`.

    Like a real roster: most households are registered where they live (the full postal
    address, sometimes spelt 栋 for 号楼); a third are registered elsewhere, and now
    and then one member (a spouse who married in) is registered elsewhere alone.
    """
    rng = random.Random(seed * 7919 + 1)
    result: list[tuple[str, bool]] = []
    household_registration: tuple[str, bool] = ("", False)
    for row in rows:
        if row[2] == "户主":
            if rng.random() < 0.35:
                household_registration = (f"{rng.choice(ELSEWHERE)}{rng.randrange(1, 300)}号", True)
            else:
                home = dwelling_text(row)
                household_registration = (REGISTRATION_PREFIX + (home.replace("号楼", "栋") if rng.random() < 0.2 else home), False)
        if row[2] == "配偶" and rng.random() < 0.1:
            result.append((f"{rng.choice(ELSEWHERE)}{rng.randrange(1, 300)}号", True))
        else:
            result.append(household_registration)
    return result


def layout_rows(rows: list[list], layout: str, seed: int = 1) -> tuple[list[str], list[list], int]:
    """(header, rows, residents living away from their registration) of `roster_rows` in a layout.

    parts: the issue's real roster (网格 楼栋 单元 门牌号 … 户籍地址, no 社区 or 街道);
    address: one 住址 column and nothing else about the place; both: 现住址 and 户籍地址.
    """
    registered = registrations(rows, seed)
    away = sum(elsewhere for _, elsewhere in registered)
    laid = []
    for number, (row, (registration, _)) in enumerate(zip(rows, registered), start=1):
        if layout == "parts":
            birth = f"{row[4][6:10]}-{row[4][10:12]}-{row[4][12:14]}"
            laid.append([number, row[8], row[9], row[10], row[11], row[1], row[2], row[3], row[4], birth, row[5],
                         registration, row[12]])
        elif layout == "address":
            laid.append([number, *row[1:7], dwelling_text(row), row[12]])
        elif layout == "both":
            laid.append([number, *row[1:7], dwelling_text(row), registration, row[12]])
        else:
            raise ValueError(f"no layout {layout!r}")
    return LAYOUTS[layout], laid, (away if layout != "address" else 0)
