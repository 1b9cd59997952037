"""A reading process ends when the process that started it is gone, and says nothing on its way out.

Why: after a merge was killed (kill -9, or the task manager), its reading
processes stayed blocked on a pipe nobody would write to again, and the
multiprocessing resource tracker with them, for good.  An import's
reading process that was sending a batch when its parent died printed a
BrokenPipeError traceback into the terminal, and Ctrl+C in the terminal reached
every reading process and printed a KeyboardInterrupt traceback from each.

`end_with_parent()`, called first in a reading process's entry point:

* ignores Ctrl+C: it reaches the whole process group, and the parent decides
  (it stops its readers when it stops).  A process started inside
  `without_ctrl_c()` is deaf to it from its very first instruction, before it
  has imported anything;
* starts a watchdog thread that waits on the parent's sentinel
  (`multiprocessing.parent_process().sentinel`: on POSIX a pipe that reaches
  its end when the parent dies, on Windows the parent's process handle) and
  ends this process at once when it fires;
* on Linux, also asks the kernel to kill it when its parent dies
  (PR_SET_PDEATHSIG): that works even while this process is inside a C call
  that holds the GIL, where the watchdog cannot run.  (The kernel means the
  parent *thread*; Lianxin starts and stops its readers within one call on
  one thread, so the two die together.)
* on POSIX, lets SIGPIPE end it: writing to a parent that is gone ends the
  process instead of raising BrokenPipeError;
* makes stderr say nothing once the parent is gone (Windows has no SIGPIPE):
  nobody is there to read it, and the terminal is the user's.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import wait

_PR_SET_PDEATHSIG = 1


def end_with_parent() -> None:
    """Tie this (spawned) process's life to its parent's; a no-op in a process nobody started."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _ask_the_kernel(parent.pid)
    sys.stderr = _QuietWhenOrphaned(sys.stderr, parent)
    threading.Thread(target=_watch, args=(parent.sentinel,), name="parent-watch", daemon=True).start()


@contextmanager
def without_ctrl_c() -> Iterator[None]:
    """Start processes (and the threads that serve them) inside: Ctrl+C never reaches them.

    POSIX: SIGINT is blocked in this thread for the moment; what starts
    meanwhile inherits the block (threads, and processes across exec), so a
    reading process is deaf to Ctrl+C from its first instruction, and Ctrl+C
    always goes to the main thread, which acts on it (a signal handled by some
    other thread would leave a main thread blocked in a read asleep).  A Ctrl+C
    that comes meanwhile waits and is delivered as the block ends.  Windows:
    the handler is set to ignore it for the moment, on the main thread only.
    """
    if hasattr(signal, "pthread_sigmask"):
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        return
    if threading.current_thread() is not threading.main_thread():  # pragma: no cover - Windows
        yield
        return
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)  # pragma: no cover - Windows
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)


def _watch(sentinel) -> None:
    wait([sentinel])  # returns when the parent is gone
    os._exit(1)


def _ask_the_kernel(parent_pid: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent_pid:  # the parent died before the kernel was asked
        os._exit(1)


class _QuietWhenOrphaned:
    """stderr as it was while the parent lives; nothing once it is gone."""

    def __init__(self, stream, parent) -> None:
        self._stream = stream
        self._parent = parent

    def write(self, text: str) -> int:
        if self._stream is None or not self._parent.is_alive():
            return len(text)
        try:
            return self._stream.write(text)
        except OSError:
            return len(text)

    def flush(self) -> None:
        if self._stream is not None and self._parent.is_alive():
            try:
                self._stream.flush()
            except OSError:
                pass

    def __getattr__(self, name):
        return getattr(self._stream, name)
