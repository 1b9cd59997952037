"""Writing an exchange workbook: streaming, readable, and safe to open in any spreadsheet.

Rows stream from SQLite straight into the zip (`sync.spreadsheet.xlsx_writer`), so memory stays
flat whatever the size.  The file is written under a temporary name beside the
target and renamed into place only when complete: a crash or a cancel never
leaves half a workbook under the real name.

Every text goes in as a text cell with the text number format, so ID numbers and
phones stay text when someone edits them; a text that starts like a formula
(= + - @ tab CR) is also marked with Excel's quote prefix, and no spreadsheet
runs it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models.storage.connection import database
from models.records.installation import Installation
from models.progress import Progress
from sync.exchange.format import (
    CONFLICT_COLUMNS,
    CONFLICT_SHEET,
    LABEL_COLUMNS,
    META_SHEET,
    NO,
    SHEET_ORDER,
    SPECS,
    YES,
    Column,
    SheetSpec,
    conflict_check,
    content_check,
    hashed_texts,
    version_check,
)
from sync.exchange.metadata import high_water_mark, metadata_rows
from sync.exchange.export_scope import Scope, drop_scope, resolve_scope, where_in_scope
from sync.exchange.password_salt import password_salt
from sync.spreadsheet import column_letter
from sync.spreadsheet.protection import encrypted
from sync.spreadsheet.xlsx_writer import (
    DATE,
    HEADER,
    MACHINE,
    MACHINE_HEADER,
    TEXT,
    SheetStream,
    StreamingWorkbook,
    number_cell,
    safe_text_cell,
    text_cell,
)

EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
MAX_CELL_TEXT = 32_767  # Excel cuts longer texts when it saves
PROGRESS_EVERY = 500

# The first line of a plain export's guide: whoever finds the file reads everyone in it.
PLAIN_WARNING = "本文件未加密（导出时未设密码）：拿到文件的人都能读到其中的姓名、身份证号和电话，请妥善保管，用完即删。"
GUIDE = (
    "这是连心（Lianxin）的交换工作簿，用于在电脑之间传递数据。",
    "可以在 Excel、WPS 或 LibreOffice 中查看和修改左侧的中文列；修改过的行在合并时算作一次新的修改。",
    "可以在表末新增一行（“标识”等列留空），合并时作为新记录，并按花名册的规则检查。",
    "删除一行不会删除任何记录；要删除，请把“已删除”改为“是”。",
    "请勿修改右侧的“标识”“版本”“时间戳”“设备”“校验”列，也不要修改本页：改动后整个文件会被拒绝。",
    "“冲突”页保存两台电脑各自修改同一记录时未被采用的版本，请在连心中处理。",
)


class ExportError(Exception):
    """The export could not be written; the message says why."""


@dataclass
class ExportSummary:
    path: Path
    scope: Scope
    rows: dict[str, int] = field(default_factory=dict)  # sheet title -> rows written
    conflicts: int = 0


# A cell renderer gets the cell reference and the stored value, and returns
# (the cell's XML or "" for an empty cell, the text the cell shows).
CellRenderer = Callable[[str, object], tuple[str, str]]


def _text(reference: str, value, style: int = TEXT) -> tuple[str, str]:
    if value is None or value == "":
        return "", ""
    value = str(value)
    if len(value) > MAX_CELL_TEXT:
        raise ExportError(f"a text of {len(value)} characters is longer than a spreadsheet cell holds ({MAX_CELL_TEXT})")
    return safe_text_cell(reference, value, style), value


def _date(reference: str, value) -> tuple[str, str]:
    if not value:
        return "", ""
    try:
        serial = dt.date.fromisoformat(value).toordinal() - EXCEL_EPOCH
    except (TypeError, ValueError):
        return _text(reference, value)
    return number_cell(reference, serial, DATE), value


def _number(reference: str, value) -> tuple[str, str]:
    if value is None or value == "":
        return "", ""
    return number_cell(reference, value), str(value)


def _boolean(reference: str, value) -> tuple[str, str]:
    shown = YES if value else NO
    return text_cell(reference, shown, TEXT), shown


def _machine(reference: str, value) -> tuple[str, str]:
    return (text_cell(reference, value, MACHINE), value) if value else ("", "")


def _renderer(column: Column) -> CellRenderer:
    if column.kind == "choice":
        choices = column.choices
        return lambda ref, value: ("", "") if value is None or value == "" else _text(ref, choices.get(value, str(value)))
    if column.kind == "words":
        choices = column.choices
        return lambda ref, value: _text(ref, " ".join(choices.get(w, w) for w in (value or "").split()))
    if column.kind == "bigint":
        return lambda ref, value: _text(ref, None if value is None else str(value))
    return {"text": _text, "ref": _text, "label": _text, "date": _date, "int": _number, "bool": _boolean,
            "machine": _machine}[column.kind]


def _open_sheet(workbook: StreamingWorkbook, title: str, columns: list[Column]) -> SheetStream:
    sheet = workbook.add_sheet(title, [c.width for c in columns],
                               [DATE if c.kind == "date" else TEXT for c in columns])
    header = [text_cell(f"{column_letter(i)}1", c.title, MACHINE_HEADER if c.kind in ("machine", "ref") else HEADER)
              for i, c in enumerate(columns)]
    sheet.row(1, header)
    return sheet


def _select_sql(spec: SheetSpec, scope: Scope) -> str:
    """Version columns, content columns in written order, and each foreign key's label via a join."""
    selects = ["t.uuid", "t.vv", "t.hlc", "t.device"]
    joins = []
    keys = {c.column: c for c in spec.keys}
    for column in spec.readable:
        if column.kind != "label":
            selects.append(f't."{column.column}"')
    for index, key in enumerate(spec.keys):
        label = LABEL_COLUMNS.get(key.parent, "uuid")
        selects.append(f'p{index}."{label}"')
        joins.append(f'LEFT JOIN "{key.parent}" p{index} ON p{index}.uuid = t."{key.column}"')
    selects += [f't."{c}"' for c in keys] + ["t.deleted"]
    return (f'SELECT {", ".join(selects)} FROM "{spec.table}" t {" ".join(joins)}'
            f"{where_in_scope(scope, spec.table)} ORDER BY t.rowid")


def _write_data_sheet(workbook: StreamingWorkbook, spec: SheetSpec, scope: Scope, progress: Progress,
                      done: int, total: int) -> tuple[int, int]:
    sheet = _open_sheet(workbook, spec.title, spec.written)
    renderers = [_renderer(column) for column in spec.written]
    letters = [column_letter(i) for i in range(len(spec.written))]
    key_count = len(spec.keys)
    # where each written column's value sits in the query row (see _select_sql)
    plain, labels = 4, 4 + sum(1 for c in spec.readable if c.kind != "label")
    positions = []
    for column in spec.readable:
        if column.kind == "label":
            positions.append(labels)
            labels += 1
        else:
            positions.append(plain)
            plain += 1
    positions += list(range(labels, labels + key_count + 1))  # key uuids, then deleted
    content_columns = [i for i, c in enumerate(spec.written[:len(positions)]) if c.kind != "label"]
    optional = spec.optional_indexes
    machine_start = len(positions)
    row_number = 1
    for record in database.execute_sql(_select_sql(spec, scope)):
        row_number += 1
        suffix = str(row_number)
        rendered = [renderers[i](letters[i] + suffix, record[p]) for i, p in enumerate(positions)]
        uuid, vv, hlc, device = record[0], record[1], str(record[2]), record[3]
        texts = [rendered[i][1] for i in content_columns]
        if optional:
            texts = hashed_texts(texts, optional)
        machine = (uuid, vv, hlc, device, content_check(uuid, vv, texts), version_check(uuid, vv, hlc, device))
        cells = [xml for xml, _ in rendered if xml]
        cells += [_machine(letters[machine_start + k] + suffix, value)[0] for k, value in enumerate(machine)]
        sheet.row(row_number, cells)
        if row_number % PROGRESS_EVERY == 0:
            progress.step(done + row_number, total, spec.title)
    return row_number - 1, done + row_number - 1


def _write_conflict_sheet(workbook: StreamingWorkbook, scope: Scope) -> int:
    columns = [Column(title, "machine", "", width=w) for title, w in zip(CONFLICT_COLUMNS, (10, 38, 60, 30, 20, 14, 18))]
    sheet = _open_sheet(workbook, CONFLICT_SHEET, columns)
    letters = [column_letter(i) for i in range(len(columns))]
    sql = "SELECT record_type, record_uuid, payload, vv, hlc, device FROM conflict WHERE status != 'resolved'"
    if not scope.everything:
        sql += " AND (" + " OR ".join(
            f"(record_type = '{table}' AND record_uuid IN (SELECT uuid FROM temp.scope_{table}))" for table in SPECS
        ) + ")"
    count = 0
    for table, record_uuid, payload, vv, hlc, device in database.execute_sql(sql + " ORDER BY record_type, record_uuid, vv"):
        count += 1
        title = SPECS[table].title if table in SPECS else table
        values = (title, record_uuid, payload, vv, str(hlc), device, conflict_check(table, record_uuid, payload, vv, str(hlc), device))
        sheet.row(count + 1, [_machine(f"{letter}{count + 1}", value)[0] for letter, value in zip(letters, values)])
    return count


def _count_rows(scope: Scope) -> dict[str, int]:
    return {
        table: database.execute_sql(f'SELECT count(*) FROM "{table}" t{where_in_scope(scope, table)}').fetchone()[0]
        for table in SHEET_ORDER
    }


def _write_meta_sheet(workbook: StreamingWorkbook, rows: list[tuple[str, str]], protected: bool = False) -> None:
    columns = [Column("项目", "text", "", width=18), Column("值", "text", "", width=60)]
    sheet = _open_sheet(workbook, META_SHEET, columns)
    number = 1
    for key, value in rows:
        number += 1
        sheet.row(number, [xml for xml, _ in (_text(f"A{number}", key), _text(f"B{number}", value)) if xml])
    number += 1
    for line in GUIDE if protected else (PLAIN_WARNING, *GUIDE):
        number += 1
        sheet.row(number, [_text(f"A{number}", line)[0]])


def export_workbook(
    path: str | Path,
    scope: Scope | None = None,
    *,
    installation: Installation,
    app_version: str = "",
    progress: Progress | None = None,
    password: str | None = None,
) -> ExportSummary:
    """Write the records of `scope` (default: everything) and the open conflicts to `path`.

    With a `password` the workbook is built in memory and only its encrypted
    form is written (`sync.spreadsheet.protection`), with this database's
    password salt (`sync.exchange.password_salt`: the key derived once per run,
    not per file); without one, its 说明 sheet says the file is not encrypted.
    """
    path = Path(path)
    scope = scope or Scope()
    progress = progress or Progress()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    summary = ExportSummary(path, scope)
    workbook = None
    salt = password_salt() if password else None
    try:
        with database.atomic():  # one snapshot: rows and conflicts as of one moment
            resolve_scope(scope)
            counts = _count_rows(scope)
            total = sum(counts.values()) or 1
            exported_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
            meta = metadata_rows(installation, app_version, exported_at, high_water_mark(), scope.describe(),
                                 {SPECS[t].title: n for t, n in counts.items()})
            package = io.BytesIO() if password else None
            workbook = StreamingWorkbook(package or temporary)
            _write_meta_sheet(workbook, meta, protected=bool(password))
            done = 0
            for table in SHEET_ORDER:
                written, done = _write_data_sheet(workbook, SPECS[table], scope, progress, done, total)
                summary.rows[SPECS[table].title] = written
            summary.conflicts = _write_conflict_sheet(workbook, scope)
            progress.step(total, total, "保存文件")
            workbook.close()
            drop_scope()
        if package is not None:
            temporary.write_bytes(encrypted(package.getvalue(), password, salt))
        os.replace(temporary, path)
    except BaseException:
        if workbook is not None:
            workbook.discard()
        temporary.unlink(missing_ok=True)
        raise
    return summary

