"""Helpers of the reliability tests: the real command line as a process, watched line by line.

`Lianxin` starts `python -m desktop` (or `tests/lianxin_with_faults.py` with a
fault) and reads its stderr in a thread, so a test waits for a condition — a
line, a file, a process gone — never for a length of time.  `tables` reduces a
database to its records in a form that compares across databases whose keys
were made at random (an import's): each foreign key becomes the content of the
row it points to.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAULTS_SCRIPT = ROOT / "tests" / "lianxin_with_faults.py"
TIMEOUT = 60.0


class Lianxin:
    """One run of the command line; `wait_for` a stderr line, `kill`, `interrupt`, `finish`."""

    def __init__(self, *args: str, fault: str = "", env: dict | None = None) -> None:
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
        environment.pop("LIANXIN_FAULT", None)
        if fault:
            environment["LIANXIN_FAULT"] = fault
        command = [sys.executable, str(FAULTS_SCRIPT)] if fault else [sys.executable, "-m", "desktop"]
        self.process = subprocess.Popen([*command, *map(str, args)], cwd=ROOT, env=environment,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        start_new_session=True)
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._ended = False
        self._out: list[bytes] = []
        self._readers = [threading.Thread(target=self._read_err, daemon=True),
                         threading.Thread(target=lambda: self._out.append(self.process.stdout.read()), daemon=True)]
        for reader in self._readers:
            reader.start()
        self.out = ""

    def _read_err(self) -> None:
        for raw in self.process.stderr:
            with self._changed:
                self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def err(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, pattern: str, timeout: float = TIMEOUT) -> str:
        """The first stderr line matching `pattern`, waiting for it to come."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines:
                    if regex.search(line):
                        return line
                if self._ended:
                    raise AssertionError(f"ended without a line matching {pattern!r}; stderr:\n{self.err}")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no line matching {pattern!r} in {timeout} s; stderr:\n{self.err}")
                self._changed.wait(remaining)

    def send_line(self) -> None:
        self.process.stdin.write(b"\n")
        self.process.stdin.flush()

    def finish(self, timeout: float = TIMEOUT) -> int:
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running after {timeout} s; where its threads were, and stderr:\n"
                                 f"{self._where_stuck()}") from None
        for reader in self._readers:
            reader.join(timeout)
        self.out = b"".join(self._out).decode("utf-8", "replace")
        if self.process.stdin:
            self.process.stdin.close()
        return self.process.returncode

    def _where_stuck(self) -> str:
        """Its stderr with its threads' stacks (the fault script dumps them on SIGUSR1), then the process group
        killed: a stuck run fails saying where it was stuck, and leaves nothing behind."""
        if hasattr(signal, "SIGUSR1") and self.process.args[1:2] == [str(FAULTS_SCRIPT)]:
            os.kill(self.pid, signal.SIGUSR1)
            try:  # the main thread's stack comes last, ending in the script's own frame
                self.wait_for(r'lianxin_with_faults\.py", line \d+ in <module>', timeout=10)
            except AssertionError:
                pass
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(TIMEOUT)
        return self.err

    def kill(self) -> list[int]:
        """kill -9; returns the processes it had started (to check that they end too)."""
        children = children_of(self.pid)
        self.process.kill()
        self.finish()
        return children

    def interrupt(self) -> int:
        """Ctrl+C as a terminal sends it: SIGINT to the whole process group."""
        os.killpg(self.pid, signal.SIGINT)
        return self.finish()


def _ctrl_c_heard_by_the_commands() -> None:
    """Ctrl+C (SIGINT) caught here rather than ignored, so the commands these tests start get it at its default,
    as a command typed at a terminal has it.

    A test run started in the background (`nohup .ci/run &`) has SIGINT ignored, children inherit that
    across exec, and Python then keeps ignoring it: the Ctrl+C tests waited out their time-out on a
    merge that never heard the Ctrl+C (their threads' stacks showed the main thread still reading stdin).
    A signal caught is reset to its default by exec, so setting Python's own handler here, once, is enough;
    a `preexec_fn` doing it in each child would run Python between fork and exec, which can deadlock while
    the output-reading threads of other runs hold locks."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)


_ctrl_c_heard_by_the_commands()


def run(*args: str, fault: str = "", env: dict | None = None, timeout: float = TIMEOUT) -> Lianxin:
    """Run to the end; the result has `.process.returncode`, `.out`, `.err`, `.lines`."""
    lianxin = Lianxin(*args, fault=fault, env=env)
    lianxin.finish(timeout)
    return lianxin


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux: /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def wait_until(condition, timeout: float = TIMEOUT, what: str = "the condition") -> None:
    """Poll `condition` until it holds (a file, a process gone: things that send no signal)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen in {timeout} s")
        time.sleep(0.01)


VERSION_COLUMNS = {"uuid", "hlc", "device", "vv"}


def tables(db_path: Path, skip: tuple[str, ...] = ("audit_entry",)) -> dict[str, list]:
    """Every synced table's rows without their keys and version stamps, foreign keys replaced by what they point to."""
    from models.schema import SYNCED_MODELS

    connection = sqlite3.connect(db_path)
    models = [m for m in SYNCED_MODELS if m._meta.table_name not in skip]
    rows: dict[str, dict[str, dict]] = {}
    try:
        for model in models:
            table = model._meta.table_name
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            rows[table] = {record["uuid"]: record for record in (dict(zip(names, row)) for row in cursor)}
    finally:
        connection.close()
    targets = {m._meta.table_name: {f.column_name: f.rel_model._meta.table_name for f in m._meta.sorted_fields
                                    if hasattr(f, "rel_model")} for m in models}
    memo: dict[tuple[str, str], tuple] = {}

    def canonical(table: str, uuid: str | None, depth: int = 0):
        if uuid is None or table not in rows or uuid not in rows[table] or depth > 8:
            return uuid if table not in rows else None
        key = (table, uuid)
        if key not in memo:
            values = rows[table][uuid]
            memo[key] = tuple(
                (name, canonical(targets[table][name], value, depth + 1) if name in targets[table] else value)
                for name, value in sorted(values.items()) if name not in VERSION_COLUMNS)
        return memo[key]

    return {table: sorted(map(repr, (canonical(table, uuid) for uuid in found))) for table, found in rows.items()}
