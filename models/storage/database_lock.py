"""Who may write a Lianxin database, across processes: one writer at a time, and restore alone.

Two lock files beside the database, held with the operating system's locks
(`models.storage.file_lock`), so a process that dies holds nothing:

* ``X.db.lock``, the writer lock.  Every write transaction takes it
  (`models.storage.connection.LianxinDatabase.begin`), and the long writers (merge,
  import-roster, demo, restore, the window's merge) hold it for their whole
  run, so a second writer waits for the first to finish instead of
  interleaving with it, or failing on SQLite's busy timeout half way.  Its
  text names the holder: command, process id, host and since when.
* ``X.db.open.lock``: every process that has the database open holds it
  shared.  Restore needs it exclusively, so it refuses while a window or
  another command has the database open (replacing the file under an open
  connection is how a merge once wrote 30 files into a file that was no
  longer there); and whoever opens the database waits while a restore runs.

Readers take no writer lock: SQLite's WAL gives each read transaction a
snapshot, so `find`, `stats`, `print` and `export` neither wait for a merge nor
see half of one.  A transaction that only reads (an export's snapshot) says so
with `reading()`.

Within a process the locks are counted, not taken again: the window's UI
thread and its worker thread share them, and SQLite's busy timeout serialises
their short writes.

A writer that cannot have the lock waits, saying once who holds it
(`configure(on_wait=…)`), up to a limit (`configure(wait=…)`, the command
line's ``--wait``), then raises `DatabaseBusy` naming the holder.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models.storage.postgres_url import is_postgres
from models.storage.file_lock import FileLock

DEFAULT_WAIT = 60.0  # seconds: a district's roster import or a merge of 1,000 workbooks takes under a minute
POLL = 0.05


@dataclass(frozen=True)
class Holder:
    """The process holding a writer lock, as its lock file says."""

    command: str
    pid: int
    host: str
    since: str  # ISO time, seconds

    @classmethod
    def of_this_process(cls, command: str) -> "Holder":
        return cls(command, os.getpid(), socket.gethostname(), datetime.now().isoformat(timespec="seconds"))

    @classmethod
    def parse(cls, text: str) -> "Holder | None":
        try:
            fields = json.loads(text)
            return cls(str(fields["command"]), int(fields["pid"]), str(fields["host"]), str(fields["since"]))
        except (ValueError, KeyError, TypeError):
            return None

    def text(self) -> str:
        return json.dumps({"command": self.command, "pid": self.pid, "host": self.host, "since": self.since},
                          ensure_ascii=False)

    def describe(self) -> str:
        """`merge, process 1234, since 14:02:03` (the host too when it is another computer's)."""
        since = self.since.replace("T", " ")
        if since[:10] == datetime.now().date().isoformat():
            since = since[11:]
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"{self.command}, process {self.pid}{where}, since {since}"


def another(holder: Holder | None) -> str:
    """`another Lianxin (merge, process 1234, since 14:02:03)`, or without the brackets if unknown."""
    return f"another Lianxin ({holder.describe()})" if holder else "another Lianxin"


class DatabaseLockError(Exception):
    """The database cannot be locked for what was asked; the message is one line for a person."""


class DatabaseBusy(DatabaseLockError):
    """Another process kept the database longer than the wait limit."""

    def __init__(self, db_path: Path, holder: Holder | None, waited: float, doing: str = "writing to") -> None:
        self.db_path, self.holder, self.waited = db_path, holder, waited
        super().__init__(f"{db_path}: the database is in use: {another(holder)} is {doing} it "
                         f"(waited {waited:.0f} s); try again when it has finished")


class DatabaseInUse(DatabaseLockError):
    """Restore found the database open in another process."""

    def __init__(self, db_path: Path, holder: Holder | None = None) -> None:
        self.db_path, self.holder = db_path, holder
        who = another(holder) if holder else "another Lianxin (a window or a command)"
        super().__init__(f"{db_path}: the database is open in {who}; close it first, then restore")


@dataclass
class _Config:
    command: str = "lianxin"
    wait: float = DEFAULT_WAIT
    wait_on_main_thread: float | None = None
    on_wait: Callable[[Path, "Holder | None", float], None] | None = None


_config = _Config()
_local = threading.local()


def configure(*, command: str | None = None, wait: float | None = None,
              wait_on_main_thread: float | None = None,
              on_wait: Callable[[Path, Holder | None, float], None] | None = None) -> None:
    """Set this process's name in lock files, its wait limits, and how it tells that it waits.

    The window gives its UI thread a shorter limit than its jobs: a short edit
    must not freeze the window for a minute behind another program's import.
    """
    if command is not None:
        _config.command = command
    if wait is not None:
        _config.wait = max(0.0, wait)
    if wait_on_main_thread is not None:
        _config.wait_on_main_thread = max(0.0, wait_on_main_thread)
    if on_wait is not None:
        _config.on_wait = on_wait


def current_command() -> str:
    return _config.command


def _wait_limit() -> float:
    if _config.wait_on_main_thread is not None and threading.current_thread() is threading.main_thread():
        return _config.wait_on_main_thread
    return _config.wait


@contextmanager
def reading() -> Iterator[None]:
    """Transactions begun inside only read (a snapshot for an export): they take no writer lock."""
    _local.reading = getattr(_local, "reading", 0) + 1
    try:
        yield
    finally:
        _local.reading -= 1


def only_reading() -> bool:
    return getattr(_local, "reading", 0) > 0


class DatabaseLocks:
    """The two locks of one database file, counted within this process."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.writer = FileLock(Path(f"{db_path}.lock"))
        self.users = FileLock(Path(f"{db_path}.open.lock"))
        self._writers = 0
        self._users = 0
        self._alone = False  # a restore of this process holds the open lock exclusively
        self._mutex = threading.Lock()  # guards the counts
        self._taking = threading.Lock()  # one thread of this process waits for the writer lock at a time

    # ----- who holds it ----------------------------------------------------------------

    def holder(self) -> Holder | None:
        return Holder.parse(self.writer.read_text())

    def writing_here(self) -> bool:
        return self._writers > 0

    def _wait_for(self, lock: FileLock, shared: bool, limit: float, doing: str) -> None:
        deadline = time.monotonic() + limit
        told: int | None = None
        while not lock.try_acquire(shared):
            holder = self.holder()
            if _config.on_wait is not None and (holder.pid if holder else 0) != told:
                told = holder.pid if holder else 0
                _config.on_wait(self.db_path, holder, limit)
            if time.monotonic() >= deadline:
                raise DatabaseBusy(self.db_path, holder, limit, doing)
            time.sleep(POLL)

    # ----- the writer lock ---------------------------------------------------------------

    def hold_writer(self, command: str | None = None) -> None:
        """Take the writer lock (or count one more use of it), waiting up to the limit."""
        with self._mutex:
            if self._writers:
                self._writers += 1
                return
        limit = _wait_limit()
        if not self._taking.acquire(timeout=limit):
            raise DatabaseBusy(self.db_path, self.holder(), limit)
        try:
            with self._mutex:
                if self._writers:  # another thread of this process took it meanwhile
                    self._writers += 1
                    return
            try:
                self._wait_for(self.writer, False, limit, "writing to")
            except PermissionError as error:
                raise DatabaseLockError(f"{self.db_path}: cannot write in the folder {self.db_path.parent} "
                                        f"({error.strerror}); copy the database to a folder you can write in") from None
            except OSError as error:
                raise DatabaseLockError(f"{self.db_path}: cannot take the writer lock {self.writer.path.name} "
                                        f"({error.strerror or error})") from None
            try:
                self.writer.write_text(Holder.of_this_process(command or _config.command).text())
            except OSError:
                pass  # a full disk: the lock holds all the same, only its holder goes unnamed
            with self._mutex:
                self._writers = 1
        finally:
            self._taking.release()

    def release_writer(self) -> None:
        with self._mutex:
            if self._writers == 0:
                return
            self._writers -= 1
            if self._writers:
                return
            try:
                self.writer.write_text("")
            except OSError:
                pass
            self.writer.release()

    @contextmanager
    def writing(self, command: str | None = None) -> Iterator[None]:
        self.hold_writer(command)
        try:
            yield
        finally:
            self.release_writer()

    # ----- the database held open ----------------------------------------------------------

    def hold_open(self) -> None:
        """Say this process has the database open; waits while a restore replaces the file."""
        with self._mutex:
            if self._users or self._alone:
                self._users += 1
                return
        try:
            self._wait_for(self.users, True, _wait_limit(), "restoring")
        except OSError:  # a read-only folder: nothing there can be written, or restored, anyway
            pass
        with self._mutex:
            self._users += 1

    def release_open(self) -> None:
        with self._mutex:
            if self._users == 0:
                return
            self._users -= 1
            if self._users == 0 and not self._alone:
                self.users.release()

    @contextmanager
    def alone(self, command: str = "restore") -> Iterator[None]:
        """The writer lock and the database to this process alone (restore): refuses if others have it open."""
        self.hold_writer(command)
        try:
            with self._mutex:
                if self.users.held:
                    self.users.release()  # neither flock nor LockFileEx converts a lock in place
                try:
                    alone = self.users.try_acquire(shared=False)
                except OSError as error:
                    raise DatabaseLockError(f"{self.db_path}: cannot lock the database "
                                            f"({error.strerror or error})") from None
                finally:
                    if not self.users.held and self._users:
                        self._retake_shared()
                if not alone:
                    raise DatabaseInUse(self.db_path)
                self._alone = True
            try:
                yield
            finally:
                with self._mutex:
                    self._alone = False
                    self.users.release()
                    if self._users:
                        self._retake_shared()
        finally:
            self.release_writer()

    def _retake_shared(self) -> None:
        """Back to the shared lock this process had; only a restore could hold it otherwise, and
        a restore needs the writer lock, which this process holds."""
        try:
            self.users.try_acquire(shared=True)
        except OSError:
            pass


_registry: dict[str, DatabaseLocks] = {}
_registry_mutex = threading.Lock()


def locks_for(db_path: str | Path | None) -> DatabaseLocks | None:
    """The locks of the database at `db_path` in this process; None for an in-memory database."""
    if db_path is None or str(db_path) in ("", ":memory:") or str(db_path).startswith("file::memory:"):
        return None
    if is_postgres(db_path):  # a server's transactions and advisory locks do it (models.storage.postgres)
        return None
    key = os.path.realpath(db_path)
    with _registry_mutex:
        locks = _registry.get(key)
        if locks is None:
            locks = _registry[key] = DatabaseLocks(Path(db_path))
        return locks


def holder_of(db_path: str | Path) -> Holder | None:
    """Who holds the writer lock of `db_path` now, as its lock file says (None: nobody, or unknown)."""
    return Holder.parse(FileLock(Path(f"{db_path}.lock")).read_text())
