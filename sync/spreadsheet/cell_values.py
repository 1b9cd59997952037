"""What a cell's value is: its text as a person reads it, and the dates and durations hidden in numbers.

One place for every reader and every importer, because the same questions come
from each: a spreadsheet stores a date as a number and says so only in the
cell's number format, a phone typed as a number comes back as 13800138000.0,
and people type dates as 1980-1-31, 1980.01.31 or 1980年1月31日.  The streaming
reader turns numbers into dates here (`format_kind`, `excel_datetime`), the
roster and the exchange read typed dates here (`date_of`), and both hash and
compare cells by `cell_text`.

Dates and durations follow calamine 0.37 as python-calamine 0.9 hands them
over (`tests/test_xlsx_rows.py` compares the two), so a sheet reads the same
whichever reader took it.
"""

from __future__ import annotations

import datetime as dt
import math
import re

# What a number format makes of a number.
NUMBER, DATE, DURATION = 3, 4, 5  # (the streaming reader's cell kinds go around them: `xlsx_xml`)

# Number formats calamine treats as dates or durations when no custom format has the id: the
# built-in ones (14–22, 45, 47) and those Excel and WPS write in a Chinese, Japanese or Korean
# locale (27–36, 50–58: yyyy"年"m"月"d"日", m"月"d"日", 上午/下午h"时"mm"分"…), which mean dates there.
BUILTIN_DATE_FORMATS = {str(number).encode() for number in (*range(14, 23), 45, 47, *range(27, 37), *range(50, 59))}
BUILTIN_DURATION_FORMATS = {b"46"}

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
MS_PER_DAY = 86_400_000
DAYS_1900_TO_1904 = 1462
# A plain number in a column known to hold dates is taken as a date when it is a whole serial from
# 1900-03-01 to 2099-12-31 (`serial_date`): a program dropped the cell's date format.
PLAUSIBLE_SERIALS = (61, 73_050)
CHRONO_DAYS = 95_000_000  # beyond about ±260,000 years calamine's date library gives up: the number stays a number

ISO_DATETIME = re.compile(r"\s*([+-]?[0-9]+)-([0-9]{1,2})-([0-9]{1,2})T([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.([0-9]+))?\s*")
ISO_DATE = re.compile(r"\s*([+-]?[0-9]+)-([0-9]{1,2})-([0-9]{1,2})\s*")
ISO_TIME = re.compile(r"\s*([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:\.([0-9]+))?)?\s*")

# Dates as people type them: 1980-1-31, 1980/01/31, 1980.1.31, 1980年1月31日, 19800131 (and, where a
# month is enough, 1980-01, 1980年1月, 198001).
TYPED_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})")
TYPED_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?|(\d{4})(\d{2})")


def cell_text(value: object) -> str:
    """A cell value as the text a person would read in the cell.

    Whole floats lose their ".0" (a phone stored as a number, 13800138000.0);
    dates become ISO dates.  Text comes back unchanged, so formula-like text
    ("=1+1") stays inert text.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def date_of(value: object, *, month_enough: bool = False) -> dt.date | None:
    """The date of a date cell, or of text typed as a date; None if it is neither.

    With `month_enough` a year and month (1980-01, 1980年1月) mean the first of
    that month: a roster's 出生年月 column often holds no more.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value).strip()
    found = TYPED_DATE.fullmatch(text)
    if found:
        year, month, day = found.group(1, 2, 3) if found.group(1) else found.group(4, 5, 6)
    else:
        found = TYPED_MONTH.fullmatch(text) if month_enough else None
        if not found:
            return None
        (year, month), day = (found.group(1, 2) if found.group(1) else found.group(3, 4)), "1"
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def serial_date(value: object) -> dt.date | None:
    """The date a plain number means in a column known to hold dates, if it is a plausible serial.

    A spreadsheet that lost a cell's date format shows 32939 for 1990-03-07; in
    a column of birth or visit dates such a whole number (1900-03-01 to
    2099-12-31, the 1900 date system) can only be that date.  Anything else
    (a fraction, a negative, a number past 2099) is None.
    """
    if value.__class__ is bool or not isinstance(value, (int, float)):
        return None
    if not (PLAUSIBLE_SERIALS[0] <= value <= PLAUSIBLE_SERIALS[1]) or value != int(value):
        return None
    return (EXCEL_EPOCH + dt.timedelta(days=int(value))).date()


def date_in_date_column(value: object) -> tuple[dt.date | None, bool]:
    """(the date, read leniently) of a cell in a column known to hold dates; (None, False) if it holds none.

    A date cell is a date as it stands.  A plausible serial (`serial_date`)
    and text typed as a date (2024/5/6, 2024.5.6, 2024年5月6日, 2024-5-6:
    `date_of`) are read "leniently": the caller says how many were.
    """
    if isinstance(value, dt.datetime):
        return value.date(), False
    if isinstance(value, dt.date):
        return value, False
    date = serial_date(value)
    if date is None and isinstance(value, str) and value.strip():
        date = date_of(value)
    return date, date is not None


def format_kind(code: str) -> int:
    """DATE, DURATION or NUMBER for a custom number format code, decided as calamine decides.

    Only the first section counts; quoted text, escaped characters (after \\ _ *) and
    bracketed parts ([Red], [$-404]) are not date tokens, except that a bracket holding
    only h, m or s ([h], [mm]) makes a duration.
    """
    escaped = quoted = False
    brackets = 0
    previous = " "
    hms = am_pm = False
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\*":
            escaped = True
        elif quoted:
            if char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == ";":
            return NUMBER
        elif char == "[":
            brackets += 1
        elif char == "]" and brackets == 1 and hms:
            return DURATION
        elif char == "]":
            brackets = max(brackets - 1, 0)
        elif char in "aA" and not am_pm and brackets == 0:
            am_pm = True
        elif char in "pm/PM" and am_pm and brackets == 0:
            return DATE
        elif char in "dmhysDMHYS" and not am_pm and brackets == 0:
            return DATE
        elif not (hms and char.lower() == previous.lower()):
            hms = previous == "[" and char in "mhsMHS"
        previous = char
    return NUMBER


def builtin_format_kind(number_format: bytes) -> int:
    """DATE, DURATION or NUMBER for a built-in number format id (no custom format has it)."""
    if number_format in BUILTIN_DATE_FORMATS:
        return DATE
    return DURATION if number_format in BUILTIN_DURATION_FORMATS else NUMBER


def _round_half_away(value: float) -> int:
    return math.floor(value + 0.5) if value >= 0 else -math.floor(-value + 0.5)


def excel_datetime(serial: float, date1904: bool) -> object:
    """A date-formatted number as python-calamine gives it: time below 1, date when whole, else datetime.

    The 1900 system counts 1900-02-29, which never was: serials below 60 are one day
    off, as in Excel.  A serial no Python date can hold stays a float.
    """
    if serial != serial:  # NaN: calamine's arithmetic lands on the epoch
        return EXCEL_EPOCH
    days = serial + DAYS_1900_TO_1904 if date1904 else (serial if serial >= 60 else serial + 1)
    if math.isinf(days) or abs(days) > CHRONO_DAYS:
        return serial
    milliseconds = _round_half_away(days * MS_PER_DAY)
    if serial < 1.0:
        of_day = milliseconds % MS_PER_DAY
        seconds, millis = divmod(of_day, 1000)
        return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60, millis * 1000)
    try:
        moment = EXCEL_EPOCH + dt.timedelta(milliseconds=milliseconds)
    except OverflowError:
        return serial
    return moment.date() if serial.is_integer() and serial < 2.0**64 else moment


def excel_duration(serial: float) -> dt.timedelta:
    """A number with a duration format ([h]:mm); raises OverflowError beyond Python's range, as python-calamine."""
    if serial != serial:
        return dt.timedelta(0)
    if math.isinf(serial):
        raise OverflowError("duration out of range")
    return dt.timedelta(milliseconds=_round_half_away(serial * MS_PER_DAY))


def iso_value(text: str) -> object:
    """A ``t="d"`` cell: datetime, date or time when it parses as calamine parses it, else the text."""
    try:
        found = ISO_DATETIME.fullmatch(text)
        if found:
            year, month, day, hour, minute, second, fraction = found.groups()
            return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), min(int(second), 59),
                               _microseconds(fraction))
        found = ISO_DATE.fullmatch(text)
        if found:
            return dt.date(*map(int, found.groups()))
        found = ISO_TIME.fullmatch(text)
        if found:
            hour, minute, second, fraction = found.groups()
            return dt.time(int(hour), int(minute), min(int(second or 0), 59), _microseconds(fraction))
    except (ValueError, OverflowError):
        pass
    return text


def _microseconds(fraction: str | None) -> int:
    return int((fraction or "")[:6].ljust(6, "0"))
