"""Independent reads run at once on a PostgreSQL master, every one of them in the same snapshot.

Why: a city's figures are some forty statements — about 1.3 s of the server's work — and the
command waited for each before asking the next, while turning the rows it had into figures
(another 1.5 s of its own) left the server idle.  Here each read gets its own connection in
its own thread: psycopg2 lets go of Python's lock while the server works, so one read's rows
become figures while the server counts the next, on the server's own cores.

One snapshot: the first read's transaction (REPEATABLE READ, READ ONLY) exports its snapshot
(`pg_export_snapshot`) and every other read's transaction imports it, so the figures add up
as one moment's figures even while other workstations commit merges — as one transaction
would see them.  (Before, each statement saw the files committed by the time it ran.)

Only from outside any transaction, or from inside one this module began (reads nest: a read
may split itself again): a caller's own transaction may hold writes the other connections
would not see.  SQLite, and every other case, runs the reads one after the other on the one
connection, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from models.storage.connection import database, on_postgres

__all__ = ["side_by_side"]

# For these transactions only.  The reads are the parallelism: a parallel plan's workers, started for each,
# would only crowd the server's cores and cost more to start than they save on reads of a few hundred
# milliseconds; so would JIT compilation.  Memory enough that grouping a city's 107,000 cadres is not written
# to disk in batches (the default 4 MB: 0.5 s for the cadres' coverage, 0.1 s in memory).  Random reads
# costed as a server whose tables sit in memory or on SSD reads them (the default 4 is a spinning disk's):
# the figures then look up the period's few return visits' demands by key instead of scanning all of them
# (a city: the server's CPU for `stats` 1.7 s -> 1.4 s).
_READ_SETTINGS = "SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; SET LOCAL random_page_cost = 1.1"

# Connections a process opens beside its own for these reads, at most: an office of several workstations
# showing figures at once stays well inside a server's connections (PostgreSQL's default: 100).  A read
# that finds none spare is read by the thread that asked, after its own.
SPARE_CONNECTIONS = 4
_spare_connections = threading.BoundedSemaphore(SPARE_CONNECTIONS)

_in_snapshot = threading.local()  # `.snapshot`: the snapshot this thread's transaction reads, when this module began it


def side_by_side(*reads: Callable[[], Any]) -> list[Any]:
    """The results of `reads` (callables without arguments), in their order; on PostgreSQL read at once, each
    on its own connection, all in one snapshot (see above).  The first read runs on this thread.  The first
    error of any read is raised once all have ended."""
    if len(reads) < 2 or not on_postgres():
        return [read() for read in reads]
    snapshot = getattr(_in_snapshot, "snapshot", None)
    if snapshot is not None:
        return _at_once(snapshot, reads)
    if database.in_transaction():
        return [read() for read in reads]
    with _snapshot_transaction(None) as snapshot:
        return _at_once(snapshot, reads)


def _at_once(snapshot: str, reads) -> list[Any]:
    results: list[Any] = [None] * len(reads)
    errors: list[BaseException | None] = [None] * len(reads)
    threads, here = [], [0]
    for index in range(1, len(reads)):
        if _spare_connections.acquire(blocking=False):
            thread = threading.Thread(target=_read_in_own_connection, name=f"side-by-side-read-{index}",
                                      args=(snapshot, reads[index], results, errors, index), daemon=True)
            try:
                thread.start()
            except RuntimeError:  # no thread to be had: read here
                _spare_connections.release()
                here.append(index)
            else:
                threads.append(thread)
        else:  # every spare connection is busy: this thread reads it, after its own
            here.append(index)
    for index in here:
        try:
            results[index] = reads[index]()
        except BaseException as error:  # noqa: BLE001 - raised below, once the other reads have ended
            errors[index] = error
            break
    for thread in threads:
        thread.join()
    for error in errors:
        if error is not None:
            raise error
    return results


def _read_in_own_connection(snapshot: str, read, results: list, errors: list, index: int) -> None:
    try:
        database.connect(reuse_if_open=True)
        try:
            with _snapshot_transaction(snapshot):
                results[index] = read()
        finally:
            database.close()
    except BaseException as error:  # noqa: BLE001 - handed to the thread that asked
        errors[index] = error
    finally:
        _spare_connections.release()


@contextmanager
def _snapshot_transaction(snapshot: str | None):
    """A read-only REPEATABLE READ transaction on this thread's connection that reads `snapshot` (None: its
    own, exported); yields the snapshot's name."""
    with database.atomic():
        database.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; " + _READ_SETTINGS)
        if snapshot is None:
            (snapshot,) = database.execute_sql("SELECT pg_export_snapshot()").fetchone()
        else:
            database.execute_sql("SET TRANSACTION SNAPSHOT ?", (snapshot,))
        _in_snapshot.snapshot = snapshot
        try:
            yield snapshot
        finally:
            _in_snapshot.snapshot = None
