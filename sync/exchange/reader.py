"""Reading an exchange workbook: the guard first, then calamine, then the checks of every row.

Reading does not touch the database.  It returns, per sheet, the rows as
calamine gives them and where each column sits; `SheetRows.check_rows`
hashes each row's content (a mismatch with its 内容校验 is a hand edit), and
`SheetRows.rows_to_merge`, given the versions the laptop holds, sets aside the
rows it holds exactly as they are.  The merge decides what the others mean.  Anything wrong with the
file as a whole, or with a row's machine columns, is a `WorkbookRejected`
naming file, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.progress import Progress
from sync.exchange.format import (
    CONFLICT_COLUMNS,
    CONFLICT_SHEET,
    CONTENT_CHECK_TITLE,
    DEVICE_TITLE,
    HLC_TITLE,
    META_SHEET,
    NO,
    SPEC_BY_TITLE,
    UUID_TITLE,
    VERSION_CHECK_TITLE,
    VV_TITLE,
    YES,
    Column,
    SheetSpec,
    conflict_check,
    hashed_texts,
    joined_content_check,
    version_check,
)
from sync.exchange.metadata import Metadata, MetadataProblem, read_metadata
from sync.exchange.values import CellProblem, stored_value
from sync.spreadsheet import Workbook, WorkbookRefused, cell_text, open_checked_workbook
from sync.spreadsheet.cell_values import date_in_date_column
from sync.spreadsheet.guard import Limits

MAX_PROBLEMS = 50
LIMITS = Limits(max_columns=80)  # the widest sheet has fewer columns; a cell beyond is no cell Lianxin wrote
FLAG_TEXTS = {NO: 0, YES: 1}
KINDS = ("xlsx", "xls", "ods")  # what an office's spreadsheet program may have saved the workbook as
XLS_ROWS = 65_536  # all an .xls sheet holds: a program saving a longer sheet as .xls drops the rest


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    reason: str

    def describe(self, file: str) -> str:
        where = [file, f"sheet {self.sheet}"] if self.sheet else [file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.reason}"


class WorkbookRejected(Exception):
    """The whole file is refused; `problems` says where and why (the first one is the message)."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(problems[0].describe(file) + more)

    def lines(self) -> list[str]:
        return [problem.describe(self.file) for problem in self.problems]


@dataclass(slots=True)
class IncomingRow:
    """One data row: its machine columns, the texts of its content, and whether a person changed it.

    The reader works the version check out for every row (`check_rows`); the
    merge refuses on it only for rows it will apply: a row whose version the
    laptop already holds cannot bring a forged version.
    """

    row_number: int
    cells: list | None  # None for a row the reader converted: only `values` is needed (see `SheetRows.sent`)
    uuid: str
    vv: str
    hlc_text: str
    device: str
    version_intact: bool  # its 版本校验 matches (see `_version_intact`)
    texts: list[str] | None  # None as `cells`
    hand_edited: bool
    values: list | None = None  # the stored values in `ConversionPlan.names` order, if the reader could convert them

    @property
    def hlc(self) -> int:
        return int(self.hlc_text)


def _version_intact(uuid: str, vv: str, hlc_text: str, device: str, mark: str) -> bool:
    """The machine columns are as Lianxin wrote them (版本校验), with a time stamp that is a number."""
    if mark != version_check(uuid, vv, hlc_text, device):
        return False
    try:
        return int(hlc_text) >= 0
    except ValueError:
        return False


@dataclass(slots=True)
class IncomingConflict:
    table: str
    row_number: int
    uuid: str
    values: dict[str, Any]
    vv: str
    hlc: int
    device: str


@dataclass(frozen=True)
class ConversionPlan:
    """How one sheet's content columns become stored values (`row_values`).

    A row Lianxin wrote (its content check matched) needs no judgement: the
    text of a text column *is* its stored value, keys and yes/no columns are
    read from their texts, and only dates, numbers and choices are converted.
    """

    names: list[str]  # every content column, in the order of a row's texts
    keys: list[int]  # reference columns: index in texts
    flags: list[tuple[int, Column, int]]  # yes/no columns: (index in texts, Column, position in the row)
    others: list[tuple[int, Column, int]]  # dates, numbers, choices: (index in texts, Column, position in the row)
    absent: tuple[int, ...] = ()  # optional columns the sheet lacks: index in texts (their value is "not known")
    unknown: tuple = ()  # what each content column reads as when absent (`format.Column.unknown`)

    @classmethod
    def of(cls, spec: SheetSpec, positions: list[int], absent: tuple[int, ...] = ()) -> ConversionPlan:
        content = spec.content
        return cls(
            names=[column.column for column in content],
            keys=[i for i, c in enumerate(content) if c.kind == "ref"],
            flags=[(i, c, positions[i]) for i, c in enumerate(content) if c.kind == "bool"],
            others=[(i, c, positions[i]) for i, c in enumerate(content) if c.kind not in ("text", "ref", "bool")],
            absent=absent,
            unknown=tuple(column.unknown for column in content),
        )

    def row_values(self, texts, cells: list, problem) -> list:
        """The stored values in `names` order; a cell that cannot be converted is None and told to `problem(column, error)`."""
        values = list(texts)
        for index in self.keys:
            values[index] = texts[index].strip() or None
        for index, column, position in self.flags:
            flag = FLAG_TEXTS.get(texts[index])
            values[index] = _converted(column, cells[position], problem) if flag is None else flag
        for index, column, position in self.others:
            values[index] = _converted(column, cells[position], problem)
        for index in self.absent:
            values[index] = self.unknown[index]
        return values


def _converted(column: Column, raw: Any, problem) -> Any:
    try:
        return stored_value(column, raw)
    except CellProblem as error:
        problem(column, error)
        return None


def _not_convertible(column: Column, error: CellProblem) -> None:
    raise error


MACHINE_TITLES = [UUID_TITLE, VV_TITLE, HLC_TITLE, DEVICE_TITLE, CONTENT_CHECK_TITLE, VERSION_CHECK_TITLE]
TYPED_KINDS = ("date", "int", "bigint")  # written as date or number cells; hashed as the text a spreadsheet shows


@dataclass
class SheetRows:
    spec: SheetSpec
    columns: dict[str, int]  # title -> position in the row
    data: list[list] = field(default_factory=list)  # the rows below the header, as calamine read them (row 2 first)
    checked: list[tuple | None] | None = None  # `check_rows`, once done (one entry per row of `data`)
    lenient_dates: int = 0  # date cells read from a plain number or from text (`check_rows`)
    _plan: ConversionPlan | None = field(default=None, repr=False, compare=False)

    @property
    def plan(self) -> ConversionPlan:
        if self._plan is None:
            self._plan = ConversionPlan.of(self.spec, self.content_positions, self.absent)
        return self._plan

    @property
    def absent(self) -> tuple[int, ...]:
        """Optional columns (`format.OPTIONAL_COLUMNS`) this sheet lacks, as indexes in `spec.content`:
        a workbook written before they existed."""
        return tuple(index for index, column in enumerate(self.spec.content) if column.title not in self.columns)

    @property
    def content_positions(self) -> list[int]:
        """Where each of `spec.content` sits in a row (rows are padded to the header's width);
        an absent optional column reads the padding one past the header."""
        past = max(self.columns.values()) + 1
        return [self.columns.get(column.title, past) for column in self.spec.content]

    def cell(self, row: IncomingRow, title: str) -> Any:
        """The row's cell under `title`; None for an optional column the sheet lacks (not known)."""
        position = self.columns.get(title)
        if position is None:
            return None
        return row.cells[position] if position < len(row.cells) else ""

    @property
    def height(self) -> int:
        """How many rows lie below the header (a sheet `received` from a reading process has only `checked`)."""
        return len(self.data) if self.checked is None else len(self.checked)

    def uuids(self) -> list[str]:
        """The 标识 of every row that has one: what to look up before the rows are merged."""
        return [entry[2] for entry in self.check_rows() if entry is not None and entry[2]]

    def check_rows(self) -> list[tuple | None]:
        """Each data row as (row number, cells, uuid, vv, time stamp text, device, content texts,
        content check matches, version check matches, stored values or None), None if blank.

        Hashing every row's content against its 内容校验 and its machine columns
        against its 版本校验, and converting the content of a row Lianxin wrote
        to stored values, are most of deciding and need no database, so the
        reading processes do them for a merge that reads ahead (`read_ahead`),
        in parallel with the merge.  The result is kept: `rows_to_merge` only
        looks the versions up.
        """
        if self.checked is not None:
            return self.checked
        positions = self.content_positions
        content_cells = operator.itemgetter(*positions)
        uuid_at, vv_at, hlc_at, device_at, mark_at, version_at = (self.columns[title] for title in MACHINE_TITLES)
        plan = self.plan
        absent = plan.absent
        optional = self.spec.optional_indexes
        width = max(positions) + 1
        typed = [index for index, column in enumerate(self.spec.content) if column.kind in TYPED_KINDS]
        dates = {index for index in typed if self.spec.content[index].kind == "date"}
        flags = [index for index, column in enumerate(self.spec.content) if column.kind == "bool"]
        date = dt.date
        lenient = 0
        checked: list[tuple | None] = []
        for row_number, row in enumerate(self.data, start=2):
            if len(row) < width:
                row = list(row) + [""] * (width - len(row))
            uuid, vv, mark = row[uuid_at], row[vv_at], row[mark_at]
            if uuid.__class__ is not str or vv.__class__ is not str or mark.__class__ is not str:
                uuid, vv, mark = cell_text(uuid), cell_text(vv), cell_text(mark)
            texts = content_cells(row)
            if absent:  # (the padding past the header is empty, unless someone typed there)
                texts = list(texts)
                for index in absent:
                    texts[index] = ""
            if typed:  # date and number cells: their texts as every spreadsheet shows them
                texts = list(texts)
                for index in typed:
                    value = texts[index]
                    if value.__class__ is date:
                        texts[index] = value.isoformat()
                    elif index in dates and value != "":  # a date another program wrote as a number or text
                        read, leniently = date_in_date_column(value)
                        texts[index] = read.isoformat() if read is not None else cell_text(value)
                        lenient += leniently
                    elif value.__class__ is not str:
                        texts[index] = cell_text(value)
            for index in flags:  # a yes/no cell another program turned into TRUE/FALSE
                if texts[index].__class__ is bool:
                    texts = list(texts)
                    texts[index] = YES if texts[index] else NO
            try:
                joined = "\x1f".join(hashed_texts(texts, optional) if optional else texts)
            except TypeError:  # a number or date typed by hand into a text column
                texts = [cell_text(value) for value in texts]
                joined = "\x1f".join(hashed_texts(texts, optional) if optional else texts)
            if not uuid.strip():  # added by hand, or blank
                checked.append(None if _is_blank(row) else (row_number, row, "", "", "0", "", texts, False, True, None))
                continue
            intact = mark == joined_content_check(uuid, vv, joined)
            if not intact:  # spaces a program or a person added around a cell are no edit
                uuid, vv, mark = uuid.strip(), vv.strip(), mark.strip()
                texts = [text.strip() for text in texts]
                joined = "\x1f".join(hashed_texts(texts, optional) if optional else texts)
                intact = mark == joined_content_check(uuid, vv, joined)
            hlc_text, device = cell_text(row[hlc_at]), cell_text(row[device_at])
            version_ok = _version_intact(uuid, vv, hlc_text, device, cell_text(row[version_at]))
            if not version_ok:  # (spaces again)
                hlc_text, device = hlc_text.strip(), device.strip()
                version_ok = _version_intact(uuid.strip(), vv.strip(), hlc_text, device, cell_text(row[version_at]).strip())
            values = None
            if intact:
                try:
                    values = plan.row_values(texts, row, _not_convertible)
                except CellProblem:  # the merge converts it again and says where
                    pass
            checked.append((row_number, row, uuid, vv, hlc_text, device, texts, intact, version_ok, values))
        self.checked = checked
        self.lenient_dates = lenient
        return checked

    @property
    def ignored_columns(self) -> list[str]:
        """Columns a person added to the sheet (titles Lianxin does not write): read by no one."""
        known = {column.title for column in self.spec.written}
        return [title for title in self.columns if title not in known]

    def sent(self) -> tuple:
        """What a reading process sends of this sheet: (title, columns, checked rows), without the
        cells and texts of the rows whose stored values it worked out.

        Those rows are most rows, and the merge needs only their machine columns
        and values: unpickling every cell again cost the merging process a large
        share of its time (docs/workbook.md has the figures).
        """
        checked = []
        for entry in self.check_rows():
            if entry is not None:
                row_number, _, uuid, vv, hlc_text, device, _, intact, version_ok, values = entry
                if intact and values is not None:
                    entry = (row_number, None, uuid, vv, hlc_text, device, None, True, version_ok, values)
            checked.append(entry)
        return self.spec.title, self.columns, checked, self.lenient_dates

    @classmethod
    def received(cls, spec: SheetSpec, sent: tuple) -> SheetRows:
        """The sheet as `sent` by a reading process."""
        _, columns, checked, lenient_dates = sent
        return cls(spec, columns, [], checked, lenient_dates)

    def rows_to_merge(self, held: dict[str, str | None], start: int = 0, stop: int | None = None
                      ) -> tuple[int, list[IncomingRow]]:
        """(how many rows the laptop holds exactly as they are, the other rows) of data[start:stop].

        `held` maps a record's uuid to the version vector the table holds (None:
        not there).  A row is held when that is the row's version and its
        content check matches: its version is then one of the record's heads,
        so merging it cannot change anything, kept conflict versions or not.
        Every row is hashed all the same (`check_rows`): a hand edit of a
        version the laptop holds is the most common edit there is, and only
        the hash tells.
        """
        lookup = held.get
        holding = 0
        others: list[IncomingRow] = []
        for entry in self.check_rows()[start:stop]:
            if entry is None:
                continue
            row_number, row, uuid, vv, hlc_text, device, texts, intact, version_ok, values = entry
            if not uuid:
                others.append(IncomingRow(row_number, row, "", "", "0", "", True, list(texts), True))
            elif intact and lookup(uuid) == vv:
                holding += 1
            else:
                others.append(IncomingRow(row_number, row, uuid, vv, hlc_text, device, version_ok, texts, not intact, values))
        return holding, others


@dataclass
class ExchangeWorkbook:
    path: Path
    metadata: Metadata
    sheets: list[SheetRows]
    conflicts: list[IncomingConflict]
    ignored_sheets: list[str] = field(default_factory=list)  # sheets a person added: read by no one

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def lenient_dates(self) -> int:
        return sum(sheet.lenient_dates for sheet in self.sheets)

    @property
    def ignored_columns(self) -> list[str]:
        """"sheet: column" of every column a person added."""
        return [f"{sheet.spec.title}: {title}" for sheet in self.sheets for title in sheet.ignored_columns]


def _header(rows: list[list], sheet: str, required: list[str], problems: list[Problem]) -> dict[str, int]:
    titles = {cell_text(value).strip(): index for index, value in enumerate(rows[0] if rows else [])}
    titles.pop("", None)
    for title in required:
        if title not in titles:
            problems.append(Problem(sheet, 1, title, "this column is missing; do not delete or rename the column titles"))
    return titles


def _text(row: list, position: int) -> str:
    return cell_text(row[position]).strip() if position < len(row) else ""


def _is_blank(row: list) -> bool:
    return all(value is None or value == "" for value in row)


def _read_data_sheet(spec: SheetSpec, rows: list[list], problems: list[Problem]) -> SheetRows:
    """The sheet's rows with its columns found by title; a missing column refuses the file."""
    content_titles = [column.title for column in spec.content if not column.optional]
    before = len(problems)
    columns = _header(rows, spec.title, content_titles + MACHINE_TITLES, problems)
    return SheetRows(spec, columns, rows[1:] if len(problems) == before else [])


def _read_conflict_sheet(rows: list[list], problems: list[Problem]) -> list[IncomingConflict]:
    before = len(problems)
    columns = _header(rows, CONFLICT_SHEET, CONFLICT_COLUMNS, problems)
    if len(problems) > before:
        return []
    kind_at, uuid_at, payload_at, vv_at, hlc_at, device_at, check_at = (columns[t] for t in CONFLICT_COLUMNS)
    found = []
    for row_number, row in enumerate(rows[1:], start=2):
        if _is_blank(row):
            continue
        title, uuid, payload = _text(row, kind_at), _text(row, uuid_at), cell_text(row[payload_at])
        vv, hlc_text, device = _text(row, vv_at), _text(row, hlc_at), _text(row, device_at)
        spec = SPEC_BY_TITLE.get(title)
        if spec is None or _text(row, check_at) != conflict_check(spec.table, uuid, payload, vv, hlc_text, device):
            problems.append(Problem(CONFLICT_SHEET, row_number, VERSION_CHECK_TITLE,
                                    "this kept version was changed; resolve conflicts in Lianxin, not in the workbook"))
            continue
        found.append(IncomingConflict(spec.table, row_number, uuid, json.loads(payload), vv, int(hlc_text), device))
    return found


def read_exchange_workbook(path: str | Path, progress: Progress | None = None) -> ExchangeWorkbook:
    """Read and verify a workbook without touching the database, or raise WorkbookRejected."""
    path = Path(path)
    progress = progress or Progress()
    name = path.name
    wanted = set(SPEC_BY_TITLE) | {META_SHEET, CONFLICT_SHEET}
    try:
        with open_checked_workbook(path, sheets=wanted, limits=LIMITS, kinds=KINDS) as workbook:
            return _read(workbook, progress)
    except WorkbookRefused as refusal:
        raise WorkbookRejected(name, [Problem(refusal.sheet or "", refusal.row, refusal.column, refusal.reason)]) from None


def _read(workbook: Workbook, progress: Progress) -> ExchangeWorkbook:
    name = workbook.path.name
    if META_SHEET not in workbook.sheet_names:
        raise WorkbookRejected(name, [Problem("", None, None, f"not a Lianxin exchange workbook (it has no {META_SHEET} "
                                                            "sheet); to bring in a roster use import-roster")])
    try:
        metadata = read_metadata(workbook.sheet_rows(META_SHEET))
    except MetadataProblem as problem:
        raise WorkbookRejected(name, [Problem(META_SHEET, None, None, str(problem).removeprefix(f"sheet {META_SHEET}: "))]) from None
    problems: list[Problem] = []
    present = [title for title in workbook.sheet_names if title in SPEC_BY_TITLE]
    sheets, conflicts = [], []
    for index, title in enumerate(present):
        progress.step(index, len(present) + 1, title)
        rows = workbook.sheet_rows(title)
        if workbook.kind == "xls" and len(rows) >= XLS_ROWS:
            problems.append(Problem(title, XLS_ROWS, None, f"the sheet fills all {XLS_ROWS:,} rows an .xls holds: rows "
                                    "after them were probably lost when it was saved as .xls; save it as .xlsx instead"))
            continue
        sheets.append(_read_data_sheet(SPEC_BY_TITLE[title], rows, problems))
    if CONFLICT_SHEET in workbook.sheet_names:
        conflicts = _read_conflict_sheet(workbook.sheet_rows(CONFLICT_SHEET), problems)
    if problems:
        raise WorkbookRejected(name, problems)
    known = set(SPEC_BY_TITLE) | {META_SHEET, CONFLICT_SHEET}
    ignored = [title for title in workbook.sheet_names if title not in known]
    return ExchangeWorkbook(workbook.path, metadata, sheets, conflicts, ignored)
