"""The data rows of a roster, checked, in batches: read here, or by a second process for a big sheet.

Why a second process: importing a district's roster (350,000 rows) keeps this
process busy for its whole length, and half of that work is reading the sheet
and checking every row, which touches no database.  A reading process does
that half while this one matches, builds and writes rows, so on a two-core
laptop the two overlap.  A thread would not: both halves are Python and would
take turns holding the GIL.

The process opens the file again, skips to below the header found here, and
sends each batch back as plain tuples (little to pickle next to the work it
saves).  Sending blocks while this process is behind, so at most a
batch or two wait in memory.  Only sheets that stream (`sync.spreadsheet.xlsx_sheet`) and
are big (`MIN_ROWS`) are read there: a sheet calamine loads whole would be held
twice, and a small one is read before a process has started.

The process says "started" before it opens the file.  A file that kills it
after that (a parser abort no safety check foresaw) is refused with one line:
here it would have ended the application.  A process that dies before it
started (a script whose top level is not guarded by ``if __name__ ==
"__main__":`` cannot be started again) leaves the reading to this process,
from the header on.  A file changed on disk since this process found its
header is refused.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterable, Iterator
from pathlib import Path

from models.storage.collection_pause import fewer_collections
from sync.parent_watch import end_with_parent, without_ctrl_c
from sync.roster.rows import RosterRow, RowProblem, RowReader, first_text, is_end_of_table
from sync.spreadsheet import WorkbookRefused, open_workbook

BATCH = 2_000
MIN_ROWS = 20_000
READER_STOPPED = "读取这个文件时读取进程意外退出（文件可能已损坏，或内存不足）；请用 Excel 或 WPS 打开后另存，再导入"
CHANGED_MEANWHILE = "文件在导入过程中被改动或替换了；请先在其他程序里关闭它，再重新导入"

Checked = tuple[int, RosterRow | None, list[RowProblem]]  # (row number, the cleaned row or None, its problems)


class CheckedRows:
    """Batches of `Checked` for each data row (blank rows left out), read here.

    `end_row` is the row of the 合计 or signature line where the table ended, once met.
    """

    def __init__(self, rows: Iterable[tuple[int, list]], reader: RowReader, batch: int = BATCH,
                 as_fields: bool = False) -> None:
        self._rows = rows
        self._reader = reader
        self._batch = batch
        self._as_fields = as_fields  # each row as the plain tuple of its fields (to send), not a `RosterRow`
        self.end_row: int | None = None

    def __iter__(self) -> Iterator[list[Checked]]:
        read = self._reader.read_fields if self._as_fields else self._reader.read
        batch: list[Checked] = []
        for row_number, cells in self._rows:
            if not (cells and cells[0].__class__ is float):  # a numbered row (序号) is data: no text to make of it
                first = first_text(cells)
                if not first:
                    continue
                if is_end_of_table(first):
                    self.end_row = row_number
                    break
            row, problems = read(row_number, cells)
            batch.append((row_number, row, problems))
            if len(batch) >= self._batch:
                yield batch
                batch = []
        if batch:
            yield batch

    def close(self) -> None:
        """Close the sheet's rows: its memory is freed before the search index takes its own."""
        close = getattr(self._rows, "close", None)
        if close is not None:
            close()


class CheckedRowsFromProcess:
    """`CheckedRows`, read and checked by a second process; `close()` stops it.

    `here` is what to read if the process never answers: the same rows, read here.
    """

    def __init__(self, path: Path, opened_as: tuple[int, int], sheet: str, header_row: int, columns: dict[str, int],
                 today: dt.date, here: CheckedRows) -> None:
        self._path = path
        self._here = here
        self.end_row: int | None = None
        self.read_here = False  # the process never answered
        context = multiprocessing.get_context("spawn")  # not fork: the window's process has Qt and threads
        self._connection, child_end = context.Pipe(duplex=False)
        self._process = context.Process(target=_read_in_process, name="roster-reader", daemon=True,
                                        args=(child_end, str(path), opened_as, sheet, header_row, columns, today))
        with without_ctrl_c():
            self._process.start()
        child_end.close()

    def __iter__(self) -> Iterator[list[Checked]]:
        started = False
        make_row = tuple.__new__  # (RosterRow, fields): no Python code run per row
        while True:
            try:
                kind, payload = self._connection.recv()
            except (EOFError, OSError):
                if started:
                    raise WorkbookRefused(READER_STOPPED, file=self._path) from None
                self.read_here = True  # it could not even start: read here
                yield from self._here
                self.end_row = self._here.end_row
                return
            if kind == "started":
                started = True
            elif kind == "rows":
                yield [(number, None if row is None else make_row(RosterRow, row), problems) for number, row, problems in payload]
            elif kind == "end":
                self.end_row = payload
                return
            elif kind == "refused":
                raise payload
            else:  # "failed": what reading here would have raised, as one line
                raise RuntimeError(f"the roster's reading process failed: {payload}")

    def close(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._connection.close()
        self._here.close()


def checked_rows(workbook, path: Path, sheet: str, header_row: int, columns: dict[str, int], today: dt.date,
                 rows: Iterable[tuple[int, list]], height: int | None) -> CheckedRows | CheckedRowsFromProcess:
    """The checked data rows below the header: `rows` (the sheet's rows after it) read here, or a process's."""
    here = CheckedRows(rows, RowReader(columns, today))
    if (height or 0) < MIN_ROWS or sheet not in workbook.streamed_sheets or multiprocessing.current_process().daemon:
        return here
    try:
        return CheckedRowsFromProcess(path, workbook.opened_as, sheet, header_row, columns, today, here)
    except OSError:  # out of processes or memory: read here
        return here


def _read_in_process(connection, path: str, opened_as: tuple[int, int], sheet: str, header_row: int,
                     columns: dict[str, int], today: dt.date) -> None:
    """In the reading process: send ("started"), ("rows", batch) …, then ("end", end row),
    ("refused", the refusal) or ("failed", what)."""
    end_with_parent()  # none left behind, and no traceback, if the importing process is killed
    try:
        connection.send(("started", None))
        now = Path(path).stat()
        if (now.st_size, now.st_mtime_ns) != opened_as:
            raise WorkbookRefused(CHANGED_MEANWHILE, file=path)
        with fewer_collections(), open_workbook(path) as workbook:
            rows = workbook.iter_rows(sheet)
            try:
                checked = CheckedRows(((n, cells) for n, cells in rows if n > header_row), RowReader(columns, today),
                                      as_fields=True)
                for batch in checked:
                    connection.send(("rows", batch))
            finally:
                rows.close()
        connection.send(("end", checked.end_row))
    except WorkbookRefused as refusal:
        connection.send(("refused", refusal))
    except Exception as error:  # noqa: BLE001 - told to the importing process, not printed here
        connection.send(("failed", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()
