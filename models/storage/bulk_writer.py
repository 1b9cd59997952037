"""Bulk inserts on a second thread, inside the caller's transaction.

Why: SQLite does the work of an `executemany` (B-tree inserts, index upkeep)
with Python's GIL released, so while it writes one batch the importing thread
can read and check the next.  On a two-core laptop that overlaps the ~10 s of
inserting a district's roster with the Python work of reading it, instead of
adding the two.

While a writer runs, threads switch every half millisecond instead of every
5 ms (`SWITCH_INTERVAL`): the writer takes the GIL back after every statement,
and waiting up to 5 ms each time behind the importing thread cost a district's
import about a second and a half (15.5–16.4 s against 14.0–15.5 s).

Each batch is written as INSERT statements of up to a thousand rows
(``VALUES (…), (…), …``), not with `executemany`: `executemany` takes the GIL
back for every row it binds, and a thread that wants the GIL from a busy one
waits up to the switch interval (5 ms) for it, so a writer thread binding row
by row stalls behind the importer.  One statement per thousand rows binds them
all at once and then runs without the GIL.  `submit` builds those statements
and their flat parameter lists in the submitting thread: in an import the
writer is the busier of the two.

The writer uses the caller's own connection (opened with
``check_same_thread=False``), so everything it writes belongs to the caller's
transaction: commit or roll back as usual, after `close()` (or `abandon()`).
Statements run in the order they were submitted.  The queue is short, so at
most a few batches wait in memory.
"""

from __future__ import annotations

import itertools
import queue
import sqlite3
import sys
import threading
from collections.abc import Iterator, Sequence

from models.storage.connection import database

_STOP = None
MAX_ROWS_PER_STATEMENT = 1_000
MAX_PARAMETERS = 30_000  # SQLite allows 32,766 since 3.32
SWITCH_INTERVAL = 0.000_5  # seconds; Python's default is 0.005


class BulkWriter:
    """Runs `submit(sql, rows)` on a background thread, in order, as multi-row INSERTs."""

    def __init__(self, waiting_batches: int = 4) -> None:
        self._connection: sqlite3.Connection = database.connection()
        self._queue: queue.Queue = queue.Queue(maxsize=waiting_batches)
        self._error: BaseException | None = None
        self._abandoned = False
        self._thread = threading.Thread(target=self._run, name="bulk-writer", daemon=True)
        self._thread.start()
        _quick_switches()

    def submit(self, sql: str, rows: Sequence[Sequence]) -> None:
        """Queue `rows` for `sql`, an INSERT that ends in one ``VALUES (…)`` tuple.

        Raises at once if an earlier batch failed.
        """
        self._raise_if_failed()
        if rows:
            self._queue.put((None, None, list(_statements(sql, rows))))  # flattened here: the writer is the busier thread

    def execute(self, sql: str, parameters: Sequence = ()) -> None:
        """Queue one statement, to run after everything submitted before it."""
        self._raise_if_failed()
        self._queue.put((sql, parameters, None))

    def close(self) -> None:
        """Wait until everything submitted is written; raises what the writer met."""
        self._queue.put(_STOP)
        self._thread.join()
        _usual_switches()
        self._raise_if_failed()

    def abandon(self) -> None:
        """Stop after the statement running now and drop the rest (the caller rolls back)."""
        self._abandoned = True
        while True:  # empty the queue so the stop mark fits
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(_STOP)
        self._thread.join()
        _usual_switches()

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        cursor = self._connection.cursor()
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if self._abandoned or self._error is not None:
                continue
            sql, parameters, statements = item
            try:
                if statements is None:
                    cursor.execute(sql, parameters)
                else:
                    for statement, values in statements:
                        cursor.execute(statement, values)
            except BaseException as error:  # handed to the submitting thread
                self._error = error

    def __enter__(self) -> "BulkWriter":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        else:
            self.abandon()


_switching = threading.Lock()
_writers_running = 0
_usual_interval = 0.0


def _quick_switches() -> None:
    """Switch threads every `SWITCH_INTERVAL` while at least one writer runs (writers may overlap)."""
    global _writers_running, _usual_interval
    with _switching:
        if _writers_running == 0:
            _usual_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(SWITCH_INTERVAL, _usual_interval))
        _writers_running += 1


def _usual_switches() -> None:
    """Back to the interval from before the first writer, once the last one has stopped."""
    global _writers_running
    with _switching:
        _writers_running -= 1
        if _writers_running == 0:
            sys.setswitchinterval(_usual_interval)


def _statements(sql: str, rows: Sequence[Sequence]) -> Iterator[tuple[str, list]]:
    """(statement, parameters) pairs that do what `executemany(sql, rows)` does, as few statements of many VALUES tuples."""
    head, values = sql.rsplit("VALUES", 1)
    values = values.strip()
    width = values.count("?")
    step = max(1, min(MAX_ROWS_PER_STATEMENT, MAX_PARAMETERS // max(width, 1)))
    full = f"{head}VALUES {','.join([values] * step)}"
    for start in range(0, len(rows), step):
        part = rows[start:start + step]
        statement = full if len(part) == step else f"{head}VALUES {','.join([values] * len(part))}"
        yield statement, list(itertools.chain.from_iterable(part))
