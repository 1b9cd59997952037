"""A Rust panic in the workbook reader does not reach the terminal: Lianxin's one line says it instead.

python-calamine (Rust) panics on some damaged .xls files.  The panic becomes a
Python exception that the import turns into one line ("damaged file"), but
Rust's panic hook first writes its own text straight to file descriptor 2,
where no Python code can catch it: three lines, or dozens with
RUST_BACKTRACE=1.  So the command line puts a pipe in front of descriptor 2,
and a thread copies everything through to the real stderr as it comes (partial
lines too: progress on a terminal), except the lines of a Rust panic.  This
process and its children run with RUST_BACKTRACE=0, so a panic is always the
same few lines: an empty line, "thread '…' panicked at …", the message, and
"note: run with `RUST_BACKTRACE=1` …".

POSIX only: on Windows Rust writes to the console handle, not to descriptor 2,
and there RUST_BACKTRACE=0 alone keeps the backtrace out.
"""

from __future__ import annotations

import os
import re
import select
import sys
import threading
from collections.abc import Callable

from sync.parent_watch import without_ctrl_c

PANIC_HEADER = re.compile(rb"^thread '[^']*'(?: \(\d+\))? panicked at ")
PANIC_END = (b"note: run with `RUST_BACKTRACE", b"note: Some details are omitted")
HEADER_START = b"thread '"
MAX_PANIC_LINES = 200  # past this it was no panic: stop dropping


class PanicFilter:
    """Bytes in, bytes out, without the lines of Rust panics; holds back only what could start one."""

    def __init__(self) -> None:
        self._pending = b""  # an unfinished line that may be a panic's first
        self._blank = False  # an empty line held back: a panic's text starts with one
        self._in_panic = 0  # lines dropped of the panic under way (0: none)
        self._continuing = False  # the start of the current line was passed through already

    def feed(self, data: bytes) -> bytes:
        out = []
        self._pending += data
        while True:
            end = self._pending.find(b"\n")
            if end < 0:
                break
            line, self._pending = self._pending[:end + 1], self._pending[end + 1:]
            out.append(self._line(line))
        if self._pending and not self._in_panic and (self._continuing or not self._may_start_panic(self._pending)):
            out.append(self._release_blank() + self._pending)
            self._pending = b""
            self._continuing = True
        return b"".join(out)

    def flush(self) -> bytes:
        rest = b"" if self._in_panic else self._release_blank() + self._pending
        self._pending = b""
        return rest

    def _line(self, line: bytes) -> bytes:
        if self._continuing:  # the end of a line whose start went through
            self._continuing = False
            return line
        if self._in_panic:
            self._in_panic += 1
            if line.startswith(PANIC_END) or self._in_panic > MAX_PANIC_LINES:
                self._in_panic = 0
            return b""
        if PANIC_HEADER.match(line):
            self._blank = False
            self._in_panic = 1
            return b""
        if line in (b"\n", b"\r\n"):
            held = self._release_blank()
            self._blank = True
            return held
        return self._release_blank() + line

    def _release_blank(self) -> bytes:
        if self._blank:
            self._blank = False
            return b"\n"
        return b""

    @staticmethod
    def _may_start_panic(partial: bytes) -> bool:
        return partial.startswith(HEADER_START) or HEADER_START.startswith(partial)


def quiet_rust_panics() -> Callable[[], None]:
    """Filter this process's descriptor 2 (and its children's); returns the function that stops it."""
    os.environ["RUST_BACKTRACE"] = "0"
    if os.name == "nt":
        return lambda: None
    try:
        real = os.dup(2)
        read_end, write_end = os.pipe()
    except OSError:
        return lambda: None
    try:
        wake_read, wake_write = os.pipe()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        os.close(real)
        return lambda: None
    sys.stderr.flush()
    os.dup2(write_end, 2)
    os.close(write_end)
    copier = threading.Thread(target=_copy, args=(read_end, real, wake_read), name="stderr-copier", daemon=True)
    with without_ctrl_c():  # Ctrl+C must go to the main thread, not to this one
        copier.start()

    def stop() -> None:
        try:
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        os.dup2(real, 2)  # this process writes no more into the pipe
        os.write(wake_write, b"x")  # the copier copies what the pipe holds, then ends (if the pipe had not)
        copier.join(timeout=2.0)
        os.close(wake_write)
        os.close(wake_read)

    return stop


def _copy(read_end: int, real: int, wake: int) -> None:
    """Copy the pipe to `real` until it ends, or until woken (`wake` readable) and the pipe holds nothing more.

    Why not simply to its end: the pipe ends when its last writer closes it, and
    multiprocessing's resource tracker (started with the first reading process,
    for the life of this one) inherits descriptor 2 and keeps it open; waiting
    for that end cost every big import 2 s (the time-out of `stop`) after its work
    was done.  What this process and its ended children wrote is in the pipe
    before the wake-up, so it is all copied.
    """
    panics = PanicFilter()
    woken = False
    while True:
        try:
            if woken:  # copy what is left, without waiting for more
                readable = select.select([read_end], [], [], 0)[0]
            else:
                readable = select.select([read_end, wake], [], [])[0]
                woken = wake in readable
        except ValueError:  # a descriptor beyond select's reach: read to the pipe's end instead
            readable = [read_end]
        except OSError:
            break
        if read_end not in readable:
            break  # woken and nothing left (what came before the wake-up is readable with it)
        try:
            data = os.read(read_end, 65536)
        except OSError:
            break
        if not data:
            break
        _write(real, panics.feed(data))
    _write(real, panics.flush())
    os.close(read_end)


def _write(fd: int, data: bytes) -> None:
    while data:
        try:
            written = os.write(fd, data)
        except OSError:
            return
        data = data[written:]
