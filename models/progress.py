"""Progress and cancellation for long work, without Qt.

Core functions take a `Progress` (keyword `progress=`) and call `progress.step(...)`
between units of work.  The window shows it in a dialog and sets the cancel flag;
the command line prints it to stderr.  `step` raises `Cancelled` once the flag is
set, so cancelling needs nothing more from the core than calling `step` often,
and the caller's transaction rolls back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user cancelled; nothing of the interrupted work was kept."""


class Progress:
    def __init__(
        self,
        callback: ProgressCallback | None = None,
        cancel_event: threading.Event | None = None,
        min_interval: float = 0.1,
    ) -> None:
        self._callback = callback
        self.cancel_event = cancel_event or threading.Event()
        self._min_interval = min_interval
        self._last_report = 0.0

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def step(self, done: int, total: int, message: str = "") -> None:
        """Report `done` of `total`; raise `Cancelled` if the user asked to stop.

        Reports are thrown away when they come faster than `min_interval`, except
        the last one, so calling this for every row costs little.
        """
        if self.cancel_event.is_set():
            raise Cancelled()
        if self._callback is None:
            return
        now = time.monotonic()
        if done >= total or now - self._last_report >= self._min_interval:
            self._last_report = now
            self._callback(done, total, message)
