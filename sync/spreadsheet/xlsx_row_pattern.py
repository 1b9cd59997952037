"""The shape of a sheet's ordinary rows, learned once and then matched a row at a time.

Most rosters repeat one row shape: the same columns, each holding one kind of
value (inline text, a shared string, a number in a non-date style, a date).
A pattern learned from the cells of one stretch matches a whole row per match,
checks every cell reference against the row number (a backreference), and
leaves one group per column.  Each column also takes a self-closing cell or no
cell at all (both "").  A row of any other shape is captured whole, and the
sheet reads it cell by cell.

The values are made column by column, not cell by cell: the matches of a
stretch are turned into columns, each column is converted by the one function
its kind needs (`map` over the column, in C, where it can), and the columns
are turned back into rows.  Python work per cell is what a reader pays for;
a call per cell would cost more than the parsing.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat

from sync.spreadsheet.cell_values import DATE, DURATION, NUMBER, excel_datetime, excel_duration
from sync.spreadsheet.references import column_letter
from sync.spreadsheet.xlsx_xml import EMPTY, INLINE, SHARED, UNKNOWN, attributes, trimmed_text

MAX_PATTERN_COLUMNS = 64  # wider sheets are read cell by cell
SAMPLE = 64  # cells of a column looked at to tell whether its values repeat
NUMBER_SYNTAX = rb"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"  # what float() reads as fast_float does
EMPTY_CELL_END = rb'(?: s="[0-9]+")?(?: t="\w+")? ?/>'  # a self-closing cell of any style and type: ""
TEXT, PRESERVED = "text", "preserved"  # inline text in its trimmed form, or with xml:space="preserve"


@dataclass
class RowPattern:
    """One regular expression with a group per column, and what each column holds."""

    regex: re.Pattern
    kinds: tuple  # per column: TEXT, SHARED, EMPTY, NUMBER, DATE or DURATION
    converters: tuple  # per column: its function of `COLUMN_CONVERTERS`
    strings: list[str]
    date1904: bool

    @property
    def width(self) -> int:
        return len(self.kinds)


    @classmethod
    def learn(cls, cells: list[tuple], kinds: dict[bytes, int], date1904: bool, strings: list[str]) -> RowPattern | None:
        """The pattern of the cells of one stretch (as the sheet's fast path found them), or None if they have none."""
        seen: dict[int, Counter] = defaultdict(Counter)
        styles: dict[bytes, bytes | None] = {}
        for letters, _, found, inline_text, _, _ in cells:
            kind = kinds.get(found)
            if kind is None or kind == EMPTY:
                continue
            column = _column_of(letters)
            if kind == INLINE:
                seen[column][TEXT if inline_text else PRESERVED] += 1
            elif kind == SHARED:
                seen[column][SHARED] += 1
            elif kind in (NUMBER, DATE, DURATION):
                if found not in styles:
                    styles[found] = attributes(found).get(b"s")
                seen[column][kind, styles[found]] += 1
            else:
                seen[column][UNKNOWN] += 1
        if not seen or max(seen) >= MAX_PATTERN_COLUMNS:
            return None
        columns = []
        for index in range(max(seen) + 1):
            counts = seen.get(index)
            if not counts:
                columns.append((EMPTY, ()))
                continue
            totals = Counter()
            for key, count in counts.items():
                totals[key[0] if isinstance(key, tuple) else key] += count
            chosen = totals.most_common(1)[0][0]
            if chosen in (PRESERVED, UNKNOWN):
                return None
            chosen_styles = tuple(key[1] for key in counts if isinstance(key, tuple) and key[0] == chosen)
            columns.append((chosen, chosen_styles))
        return cls.build(columns, date1904, strings)

    @classmethod
    def build(cls, columns: list[tuple], date1904: bool, strings: list[str]) -> RowPattern:
        """The pattern of rows whose columns hold (kind, the number styles seen) each."""
        parts = []
        for index, (kind, styles) in enumerate(columns):
            reference = b'<c r="' + column_letter(index).encode() + b'(?P=row)"'
            if kind == TEXT:
                parts.append(reference + rb'(?: s="[0-9]+")?(?: t="inlineStr"><is><t>(?![ \t\n\r])([^<]*)(?<![ \t\n\r])'
                             rb'</t></is></c>|(?: t="\w+")? ?/>)')
            elif kind == SHARED:
                parts.append(reference + rb'(?: s="[0-9]+")?(?: t="s"><v>([0-9]+)</v></c>|(?: t="\w+")? ?/>)')
            elif kind == EMPTY:
                parts.append(reference + EMPTY_CELL_END + b")?+(")  # closes the slot, then an always-empty group
            else:
                named = b"|".join(re.escape(style) for style in styles if style is not None)
                style = (b'(?: s="(?:' + named + b')")' + (b"?" if None in styles else b"")) if named else b""
                parts.append(reference + style + rb'(?: t="n")?><v>(' + NUMBER_SYNTAX + rb')</v></c>|'
                             + reference + EMPTY_CELL_END)
        # Possessive slots: a cell the slot of its column matched is never given back,
        # so a row of another shape fails in linear time instead of by exhaustive backtracking.
        body = b"".join(b"(?:" + part + b")?+" for part in parts)
        # (?=<c): a row without cells is left to the cell-by-cell reading, which yields nothing for it.
        regex = re.compile(rb'<row(?: r="(?P<row>[0-9]+)"[^>]*>(?=<c)' + body + rb'</row>|(\b[^>]*/>|\b.*?</row>))', re.S)
        kinds = tuple(kind for kind, _ in columns)
        return cls(regex=regex, kinds=kinds, converters=tuple(COLUMN_CONVERTERS[kind] for kind in kinds),
                   strings=strings, date1904=date1904)

    def rows(self, groups: list[tuple], special: bool) -> tuple[list[int], Iterator[list]]:
        """(row numbers, rows) of matches that all fit the pattern, given as `groups`: the matches
        transposed, one tuple per group (``list(zip(*matches))``).

        `special`: the stretch has entities, CR or Excel's escapes, which its text must have
        decoded.  The rows are made as they are iterated; that raises IndexError or ValueError (a
        string index out of range, a number that is not one), after which the sheet reads the
        stretch another way.
        """
        numbers = list(map(int, groups[0]))
        columns = [convert(values, self, special) for convert, values in zip(self.converters, groups[1:])]
        return numbers, map(list, zip(*columns))


# How each kind of column becomes values, all of a column at once: `map` over the column in C
# where no cell is empty (the common case), a comprehension where some are.

def _text_column(values: tuple[bytes, ...], pattern: RowPattern, special: bool):
    if special:
        return map(trimmed_text, values)
    texts = b"\0".join(values).decode().split("\0")  # decoded at once (XML text holds no NUL, and it is counted)
    return texts if len(texts) == len(values) else map(bytes.decode, values)


def _shared_column(values: tuple[bytes, ...], pattern: RowPattern, special: bool):
    strings = pattern.strings
    if not all(values):
        return [strings[int(value)] if value else "" for value in values]
    if len(set(values[:SAMPLE])) * 2 <= min(len(values), SAMPLE):  # a column of few values (性别, 民族, 网格…)
        found = dict.fromkeys(values)  # each index parsed and looked up once
        for index in found:
            found[index] = strings[int(index)]
        return map(found.__getitem__, values)
    return map(strings.__getitem__, map(int, values))


def _empty_column(values: tuple[bytes, ...], pattern: RowPattern, special: bool):
    return repeat("")


def _number_column(values: tuple[bytes, ...], pattern: RowPattern, special: bool):
    if all(values):
        return map(float, values)
    return [float(value) if value else "" for value in values]


def _date_column(values: tuple[bytes, ...], pattern: RowPattern, special: bool):
    date1904 = pattern.date1904
    return [excel_datetime(float(value), date1904) if value else "" for value in values]


def _duration_column(values: tuple[bytes, ...], pattern: RowPattern, special: bool):
    return [excel_duration(float(value)) if value else "" for value in values]


COLUMN_CONVERTERS = {TEXT: _text_column, SHARED: _shared_column, EMPTY: _empty_column, NUMBER: _number_column,
                     DATE: _date_column, DURATION: _duration_column}


def _column_of(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1
