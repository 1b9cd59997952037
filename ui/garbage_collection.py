"""Python's cycle collector runs on the UI thread only, while the window is open.

Why: the collector starts on whichever thread happens to allocate when its
counters pass the threshold.  Background jobs allocate a great deal, so it
often started on the job's worker thread, and a cycle holding a Qt object
(a widget's lambda, a model and its signals) was then destroyed there: Qt
objects must be destroyed on the thread that owns them, and a CI run died
with a segmentation fault inside a statistics job.  So the window turns the
automatic collector off and runs the same generational collections from a
timer on the UI thread, by the same thresholds (also those that
`models.storage.collection_pause.fewer_collections` raises for bulk work).  The
command line has no Qt objects and keeps Python's own collector.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_INTERVAL_MS = 500


class UiThreadCollector(QObject):
    """Does what the automatic collector would, but only when the UI thread's timer fires."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due_generations)
        self._timer.start(CHECK_INTERVAL_MS)

    @staticmethod
    def collect_due_generations() -> int:
        """Collect the oldest generation whose counter has passed its threshold (and those younger)."""
        thresholds, counts = gc.get_threshold(), gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0


def collect_on_ui_thread() -> UiThreadCollector:
    """Install the collector once for this application (idempotent); returns it."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication first")
    existing = app.findChild(UiThreadCollector)
    return existing if existing is not None else UiThreadCollector(app)
