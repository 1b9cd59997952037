"""Turning cells back into stored values, and checking the ones a person typed.

Rows whose content check matches were written by Lianxin and are converted
without judgement.  Rows edited or added by hand are checked like a roster:
ID numbers (GB 11643, and never a number Excel has rounded), phone numbers,
dates, the words of a choice column, required fields.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from peewee import ForeignKeyField, TextField

from models.records.identity import id_number_problem, normalise_phone
from models.records.people import Resident
from sync.exchange.format import NO, SPECS, YES, Column, SheetSpec
from sync.spreadsheet import cell_text
from sync.spreadsheet.cell_values import date_in_date_column

PHONE_COLUMNS = {"phone", "contact_phone", "leader_phone"}
TRUE_TEXTS = {YES, "TRUE", "true", "1", "True"}
FALSE_TEXTS = {NO, "FALSE", "false", "0", "False", ""}


class CellProblem(Exception):
    """A cell's value is not acceptable; the message is the reason, in words a person understands."""


def _date(raw: Any) -> str | None:
    if raw.__class__ is dt.date:  # what a date cell Lianxin wrote reads as
        return raw.isoformat()
    date, _ = date_in_date_column(raw)  # (the reader counts the dates read from numbers or text)
    if date is not None:
        return date.isoformat()
    text = cell_text(raw).strip()
    if not text:
        return None
    raise CellProblem(f"“{text}” is not a date (write it as 2024-05-06)")


def _integer(raw: Any) -> int | None:
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = cell_text(raw).strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise CellProblem(f"“{text}” is not a whole number") from None


def _boolean(raw: Any) -> int:
    if isinstance(raw, bool):
        return int(raw)
    text = cell_text(raw).strip()
    if text in TRUE_TEXTS:
        return 1
    if text in FALSE_TEXTS:
        return 0
    raise CellProblem(f"“{text}” should be {YES} or {NO}")


def _choice(raw: Any, column: Column) -> Any:
    text = cell_text(raw).strip()
    if not text:
        return None
    for code, label in column.choices.items():
        if text == label or text == str(code):
            return code
    raise CellProblem(f"“{text}” is not one of: {'、'.join(column.choices.values())}")


def _words(raw: Any, column: Column) -> str:
    codes = []
    for word in re.split(r"[\s,，、;；]+", cell_text(raw).strip()):
        if not word:
            continue
        code = next((c for c, label in column.choices.items() if word in (label, c)), None)
        if code is None:
            raise CellProblem(f"“{word}” is not one of: {'、'.join(column.choices.values())}")
        codes.append(code)
    return " ".join(codes)


def stored_value(column: Column, raw: Any) -> Any:
    """The value to store for a cell (no judgement beyond what the type needs)."""
    kind = column.kind
    if kind == "text":
        return cell_text(raw)
    if kind == "ref":
        text = cell_text(raw).strip()
        return text or None
    if kind == "date":
        return _date(raw)
    if kind in ("int", "bigint"):
        return _integer(raw)
    if kind == "bool":
        return _boolean(raw)
    if kind == "choice":
        return _choice(raw, column)
    if kind == "words":
        return _words(raw, column)
    raise ValueError(f"no stored value for a {kind} column")


def _checked_text(table: str, column: Column, raw: Any, value: str) -> str:
    """A typed text, normalised and judged like the roster judges it."""
    if column.column == "id_number" and value:
        if isinstance(raw, (int, float)):
            raise CellProblem(f"the ID number was stored as a number ({raw!r}); its last digits are lost — "
                              "type it again as text")
        value = value.strip().upper()
        problem = id_number_problem(value)
        if problem:
            raise CellProblem(problem)
    elif column.column in PHONE_COLUMNS and value.strip():
        phone = normalise_phone(value)
        if phone is None:
            raise CellProblem(f"“{value}” is not a phone number")
        value = phone
    elif table == "resident" and column.column == "sex" and value not in ("", *Resident.SEXES):
        raise CellProblem(f"“{value}” should be {' or '.join(Resident.SEXES)}")
    return value


def checked_value(spec: SheetSpec, column: Column, raw: Any) -> Any:
    """The value to store for a cell a person typed, or CellProblem saying what is wrong.

    For an optional column the sheet lacks (`reader.SheetRows.cell`): not known (`column.unknown`,
    None unless NULL already means something there), never "".
    """
    if raw is None and column.optional:
        return column.unknown
    value = stored_value(column, raw)
    if column.kind == "text":
        value = _checked_text(spec.table, column, raw, value)
    missing = value is None or (value == "" and column.kind == "text")
    if missing and (column.required or column.column in required_text(spec.table)):
        raise CellProblem("this column must not be empty")
    if value is None and column.kind in ("int", "bigint", "choice") and not column.nullable:
        raise CellProblem("this column must not be empty")
    return value


@functools.cache
def required_text(table: str) -> frozenset[str]:
    """Text fields the model declares without a default (a name, a description): a typed row needs them."""
    spec = SPECS[table]
    content = {c.column for c in spec.content}
    return frozenset(
        field.column_name
        for field in spec.model._meta.sorted_fields
        if isinstance(field, TextField) and not isinstance(field, ForeignKeyField)
        and field.default is None and not field.null and field.column_name in content
    )
