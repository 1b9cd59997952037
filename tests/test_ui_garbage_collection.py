"""While the window runs jobs, reference cycles holding Qt objects are freed on the UI thread only."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from ui.garbage_collection import collect_on_ui_thread
from ui.jobs import JobRunner


class CycleWithQtObject(QObject):
    """A Qt object in a reference cycle (as a widget holding a lambda that holds the widget)."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        super().__init__()
        self.myself = self

    def __del__(self) -> None:
        CycleWithQtObject.freed_on.append(threading.current_thread().name)


def test_a_job_that_allocates_does_not_free_the_windows_cycles_on_its_thread(qtbot):
    runner = JobRunner()
    CycleWithQtObject.freed_on = []
    CycleWithQtObject()  # unreachable at once: only the cycle collector can free it
    may_finish = threading.Event()

    def work(progress):
        """What a merge does: make and keep many container objects, on the worker thread."""
        kept = [[index] for index in range(200_000)]
        may_finish.wait(timeout=20)
        return len(kept)

    with qtbot.waitSignal(runner.job_finished, timeout=30_000):
        runner.run("allocating", work, show_progress=False)
        qtbot.waitUntil(lambda: CycleWithQtObject.freed_on != [], timeout=10_000)
        may_finish.set()
    assert CycleWithQtObject.freed_on == ["MainThread"]


def test_the_collector_is_installed_once_and_keeps_pythons_thresholds(qapp):
    first, second = collect_on_ui_thread(), collect_on_ui_thread()
    assert first is second
    assert not gc.isenabled()
    threshold = gc.get_threshold()[0]
    gc.collect()
    young = [[] for _ in range(threshold + 10)]  # young objects past the first threshold
    assert gc.get_count()[0] > threshold
    first.collect_due_generations()
    assert gc.get_count()[0] < threshold
    assert len(young) == threshold + 10
