"""Reading the next workbooks in other processes while this one merges.

Why: a first merge of an office's laptop workbooks spends much of its time
reading them (the guard, inflating, calamine) and hashing every row against
its 内容校验 (docs/workbook.md has the figures); the rest is deciding and
writing.  Reading and hashing touch no database, so reader processes do both
ahead while this one merges, and on a two-core laptop they overlap.  A thread
would not do: the merge's many small SQLite calls give up the GIL at every
step, and each time would wait for a reading thread to hand it back.

Two readers (`READERS`, one on a single core): a first merge keeps this
process busy and one reader would keep up, but merging files saved again with
new bytes leaves this process little to do but wait, and there two readers
halve the wait.  Each reader sends its workbook back as plain data (metadata;
each sheet's title, columns, rows and hashed rows; its kept conflicts), little
to pickle per laptop file.  At most `AHEAD` files are read
ahead, so memory stays flat however many are merged.  Files whose bytes were
merged before are not sent (`merged_files` recognises them without reading),
and a merge of fewer than `MIN_FILES` files to read does not start a process
(starting one costs more than reading a few files): it reads in this process.

A file that kills a reader (a parser abort no safety check foresaw) is
refused with its own message, and new readers take the files after it: in
this process the same file would have ended the application.  Which of the
files being read stopped it is found by reading them again with one reader.
Readers that cannot start (in a daemonic process, out of processes, or dead
before their first answer: a script whose top level is not guarded by
``if __name__ == "__main__":`` cannot be started again) leave the reading to
this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sync.exchange.reader import SPEC_BY_TITLE, ExchangeWorkbook, Problem, SheetRows, WorkbookRejected, read_exchange_workbook
from sync.parent_watch import end_with_parent, without_ctrl_c
from sync.spreadsheet import agile_keys
from sync.spreadsheet.protection import current_password, use_password

MIN_FILES = 8
AHEAD = 4
READERS = max(1, min(2, os.cpu_count() or 1))
READER_STOPPED = ("reading this file stopped the reading process (a damaged or hostile workbook); "
                  "the other files were merged; save it again in Excel or WPS, or ask for a new export")


def read_in_reader(path: str) -> tuple:
    """In the reader process: ("read", metadata, sheets, conflicts) or ("rejected", file, problems).

    Each sheet goes back with its rows already hashed (`SheetRows.check_rows`):
    that is work the merging process would otherwise do while the reader waits.
    It goes back without the cells of the rows the reader converted (`SheetRows.sent`).
    """
    try:
        workbook = read_exchange_workbook(path)
    except WorkbookRejected as rejection:
        return ("rejected", rejection.file, rejection.problems)
    sheets = [sheet.sent() for sheet in workbook.sheets]
    return ("read", workbook.metadata, sheets, workbook.conflicts, workbook.ignored_sheets)


def _workbook_from(path: Path, answer: tuple) -> ExchangeWorkbook:
    """The reader's answer as `read_exchange_workbook` would have given it (or raised it)."""
    if answer[0] == "rejected":
        raise WorkbookRejected(answer[1], answer[2])
    _, metadata, sheets, conflicts, ignored_sheets = answer
    return ExchangeWorkbook(path, metadata, [SheetRows.received(SPEC_BY_TITLE[sent[0]], sent) for sent in sheets], conflicts,
                            ignored_sheets)


def _reader_started(password: str | None, hashes: dict | None = None) -> None:
    """In a new reader: the workbooks' password and the keys this process derived from it (sent through the
    pipe, never on disk: a reader does not derive again what the merge's password check derived); none left
    behind if this one is killed."""
    use_password(password)
    agile_keys.adopt_hashes(hashes)
    end_with_parent()


class ReadAhead:
    """The workbooks of one merge, read ahead by reader processes when there are enough of them.

    `workbook(index)` gives file `index`'s workbook (or raises `WorkbookRejected`),
    read ahead if it was among `to_read`, else here; `skip(index)` drops what was
    read ahead for a file that turned out not to need it.  Use as a context
    manager: leaving it stops the reader.
    """

    def __init__(self, paths: list[Path], to_read: list[int], min_files: int = MIN_FILES,
                 read: Callable[[str], tuple] = read_in_reader, readers: int | None = None) -> None:
        self.paths = paths
        self._read = read  # what the reader runs per file: a module-level function (it is sent by name)
        self._readers = readers or READERS
        self._pending = deque(to_read)
        self._futures: dict[int, Future] = {}
        self._executor: ProcessPoolExecutor | None = None
        self._answered = 0  # files the reader has sent back
        if len(to_read) >= min_files:
            self._start_reader()

    def _start_reader(self) -> None:
        """Start the reader and send it the first files; if no process can be started, read here."""
        if multiprocessing.current_process().daemon:
            return  # a daemonic process may not have children (a multiprocessing.Pool worker)
        try:
            # spawn, not fork: the window's process has Qt and worker threads, which a fork would copy half-alive.
            self._executor = ProcessPoolExecutor(max_workers=self._readers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_reader_started,
                                                 initargs=(current_password(), agile_keys.known_hashes()))
            with without_ctrl_c():  # the readers start here
                self._top_up()
        except OSError:  # out of processes or memory: read here
            self._stop_reader()

    def _top_up(self) -> None:
        while self._executor is not None and self._pending and len(self._futures) < AHEAD:
            index = self._pending.popleft()
            self._futures[index] = self._executor.submit(self._read, str(self.paths[index]))

    def workbook(self, index: int, progress=None) -> ExchangeWorkbook:
        future = self._futures.pop(index, None)
        if future is not None:
            try:
                answer = future.result()
            except BrokenProcessPool:
                self._stop_reader()
                if self._readers > 1:
                    # Any file being read may have stopped it: read them again, one at a time, to know which.
                    self._readers = 1
                    self._pending.appendleft(index)
                    self._start_reader()
                    return self.workbook(index, progress)
                if self._answered:  # it worked before, and read only this file: this file stopped it
                    self._start_reader()
                    raise WorkbookRejected(self.paths[index].name, [Problem("", None, None, READER_STOPPED)]) from None
            else:
                self._answered += 1
                self._top_up()
                return _workbook_from(self.paths[index], answer)
        # Not read ahead, or by a reader that never worked (a main module that cannot be started again): read here.
        self._forget(index)
        return read_exchange_workbook(self.paths[index], progress)

    def _stop_reader(self) -> None:
        """Stop the readers; the files they had not answered go back to be read (by new ones, or here).

        Files already read keep their answers: reading them again would cost time for nothing.
        """
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        unanswered = [index for index, future in self._futures.items()
                      if not future.done() or future.cancelled() or future.exception() is not None]
        for index in unanswered:
            del self._futures[index]
        self._pending.extendleft(sorted(unanswered, reverse=True))

    def skip(self, index: int) -> None:
        future = self._futures.pop(index, None)
        if future is None:
            self._forget(index)
        else:
            future.cancel()
            self._top_up()

    def _forget(self, index: int) -> None:
        if index in self._pending:
            self._pending.remove(index)

    def __enter__(self) -> "ReadAhead":
        return self

    def __exit__(self, *_) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
