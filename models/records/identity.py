"""Resident ID numbers (GB 11643-1999) and mobile numbers: checking, normalising, masking.

ID numbers and phones are personal data.  Lists, prints and reports show them
masked (`mask_id_number`, `mask_phone`); only exchange workbooks carry them whole.
"""

from __future__ import annotations

import datetime as dt
import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")


def check_character(first17: str) -> str:
    """The 18th character of an ID number, from the first 17 digits (ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS))
    return CHECK_CHARS[total % 11]


def id_number_problem(text: str, today: dt.date | None = None) -> str | None:
    """Why `text` is not a valid resident ID number, in words a person understands; None if valid."""
    value = text.strip().upper()
    if not value:
        return "身份证号为空"
    if re.fullmatch(r"\d(\.\d+)?E\+?\d+", value):
        return "身份证号被 Excel 存成了数字并已舍入（如 3.70602E+17），末几位已丢失，请在原表中改为文本后重新录入"
    if len(value) != 18:
        return f"身份证号应为 18 位，这里是 {len(value)} 位"
    if not ID_PATTERN.match(value):
        return "身份证号只能由数字和末位 X 组成"
    birth = birth_date_of(value)
    if birth is None:
        return "身份证号中的出生日期不存在"
    if birth > (today or dt.date.today()) or birth.year < 1890:
        return "身份证号中的出生日期不合理"
    if check_character(value[:17]) != value[17]:
        return "身份证号校验位不符（可能输错了一位）"
    return None


def is_valid_id_number(text: str) -> bool:
    return id_number_problem(text) is None


def birth_date_of(id_number: str) -> dt.date | None:
    try:
        return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def sex_of(id_number: str) -> str:
    """男 or 女, from the 17th digit (odd for men)."""
    return "男" if int(id_number[16]) % 2 else "女"


def make_id_number(area: str, birth: dt.date, sequence: int) -> str:
    """A valid ID number for `area` (6 digits), `birth`, and a 3-digit sequence (odd: male)."""
    first17 = f"{area}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_character(first17)


def normalise_phone(text: str) -> str | None:
    """A phone number with spaces, dashes and a +86/0086 prefix removed; None if not a phone.

    Mobile numbers become their 11 digits; landlines (with area code) keep digits and one dash.
    """
    value = re.sub(r"[\s\-－—()（）]", "", str(text).strip())
    value = re.sub(r"^(\+86|0086|86(?=1[3-9]\d{9}$))", "", value)
    if MOBILE_PATTERN.match(value):
        return value
    if re.fullmatch(r"0\d{9,11}", value):
        area_length = 3 if value[1] in "12" else 4
        return f"{value[:area_length]}-{value[area_length:]}"
    if re.fullmatch(r"\d{7,8}", value):
        return value
    return None


def mask_id_number(id_number: str) -> str:
    """Keep the first 3 and last 4 characters: enough to tell people apart at a glance."""
    value = id_number.strip()
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(phone: str) -> str:
    """138****5678: the last four digits let a cadre confirm a number without showing it."""
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
