"""Long work off the UI thread, one job at a time, with a progress dialog that can cancel.

The core function receives a Qt-free `models.progress.Progress`; its callback
emits a Qt signal, so the dialog updates on the UI thread.  One worker thread
means one database writer at a time.  The dialog appears only when a job takes
longer than 600 ms, so quick jobs do not flash a window.

Why the dialog is not made until then: a QProgressDialog made at the start
decides by itself when to show. Its `setValue` guesses the remaining time from
the first step, so a single write that reported "1 of 100" after 60 ms was
guessed at 6 s and shown at once, and closed again 100 ms later: the flash of
every small write. Here a timer makes the dialog only when 600 ms have passed
and the job is still running; the progress heard before then is kept for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from shiboken6 import isValid

from models.database import close_thread_connection
from models.progress import Cancelled, Progress
from ui.garbage_collection import collect_on_ui_thread

DIALOG_DELAY_MS = 600


class Job(QObject, QRunnable):
    """One piece of work; its signals arrive on the UI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, title: str, work: Callable[[Progress], Any]) -> None:
        QObject.__init__(self)
        QRunnable.__init__(self)
        self.setAutoDelete(False)
        self.title = title
        self._work = work
        self.progress: Progress | None = Progress(self.progressed.emit, min_interval=0.05)
        self.outcome: str | None = None

    def cancel(self) -> None:
        if self.progress is not None:  # None once the job has finished
            self.progress.cancel()

    def run(self) -> None:  # runs on the worker thread
        try:
            result = self._work(self.progress)
        except Cancelled:
            self.outcome = "cancelled"
            self.cancelled.emit()
        except Exception as error:  # shown to the user by the runner, never lost
            self.outcome = "failed"
            self.failed.emit(error)
        else:
            self.outcome = "succeeded"
            self.succeeded.emit(result)
        finally:
            close_thread_connection()
            self.finished.emit()


class ProgressWindow(QObject):
    """The progress dialog of one job, made only if the job still runs after DIALOG_DELAY_MS."""

    def __init__(self, job: Job, owner: QWidget | None) -> None:
        super().__init__(job)
        self.job = job
        # Over the window the person is working in, so it is modal to it and focus comes back to it.
        self.owner = owner
        self.dialog: QProgressDialog | None = None
        self.last = (0, 0, "")
        job.progressed.connect(self._heard)
        self.timer = QTimer(self, singleShot=True, interval=DIALOG_DELAY_MS)
        self.timer.timeout.connect(self._show)
        self.timer.start()

    def _heard(self, done: int, total: int, message: str) -> None:
        self.last = (done, total, message)
        if self.dialog is not None and isValid(self.dialog):  # its window may have been closed meanwhile
            self._update()

    def _show(self) -> None:
        owner = self.owner if self.owner is not None and isValid(self.owner) else None
        job = self.job
        dialog = QProgressDialog(job.title, self.tr("Cancel"), 0, 100, owner)
        dialog.setWindowTitle(job.title)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(job.cancel)
        self.dialog = dialog
        self._update()
        dialog.show()

    def _update(self) -> None:
        dialog = self.dialog
        done, total, message = self.last
        dialog.setMaximum(max(total, 1))
        # A window-modal QProgressDialog handles pending events inside setValue: the job may end
        # there, and `close` take the dialog away, before the label is set.
        dialog.setValue(min(done, max(total, 1)))
        if message and self.dialog is dialog:
            dialog.setLabelText(f"{self.job.title}\n{message}")

    def shown(self) -> bool:
        return self.dialog is not None and isValid(self.dialog) and self.dialog.isVisible()

    def close(self) -> None:
        self.timer.stop()
        dialog, self.dialog = self.dialog, None
        if dialog is None or not isValid(dialog):
            return
        dialog.canceled.disconnect(self.job.cancel)
        had_focus = dialog.isActiveWindow()
        dialog.close()
        dialog.deleteLater()
        if had_focus and dialog.parentWidget() is not None:
            owner = dialog.parentWidget().window()
            # After the job's handlers have run (they hear of its end right after this): keys go to the dialog
            # a handler opened (a preview, a question), else back to where the person was working (some
            # platforms leave no window active).  Asked at once, the owner's activation could be handled after
            # the new dialog's and take the keys from it.
            QTimer.singleShot(0, lambda: _give_keys_back(owner))


def _give_keys_back(owner: QWidget) -> None:
    target = QApplication.activeModalWidget() or owner
    if isValid(target) and target.isVisible():
        target.activateWindow()


class JobRunner(QObject):
    """Runs jobs on one worker thread and shows their progress."""

    job_finished = Signal(object)

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        collect_on_ui_thread()  # a worker thread must never be where Qt objects are collected
        self._parent_widget = parent_widget
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running: list[Job] = []
        self._retired: list[Job] = []  # ended, to be deleted once their worker has surely returned
        self._closed = False  # the window is closing: no new work starts

    def run(
        self,
        title: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        show_progress: bool = True,
    ) -> Job:
        job = Job(title, work)
        if self._closed:
            # A handler that ran after the window closed (a refresh chained on a result) would start work on a
            # database about to be closed, and its end would reach a runner already deleted.
            return job
        window = ProgressWindow(job, self._parent_widget or QApplication.activeWindow()) if show_progress else None
        if window is not None:
            # Closed before the result is handed over: a window-modal dialog still open when
            # the handler invites a key (Ctrl+O after a save) would swallow that key.
            job.succeeded.connect(lambda _result: window.close())
            job.failed.connect(lambda _error: window.close())
            job.cancelled.connect(window.close)
        if on_done:
            job.succeeded.connect(on_done)
        if on_error:
            job.failed.connect(on_error)
        # Heard only while the runner lives: a window deleted with a job's end still queued must not be called.
        job.finished.connect(lambda: self._finish(job, window) if isValid(self) else None)
        self._running.append(job)
        self._pool.start(job)
        return job

    def _finish(self, job: Job, window: "ProgressWindow | None") -> None:
        if window is not None:
            window.close()
        self._running.remove(job)
        self.job_finished.emit(job)
        # Break the job ↔ progress ↔ signal cycle here, on the UI thread: a cycle of Qt
        # wrappers left to the garbage collector may be collected on the worker thread.
        job.progress = None
        # Not deleted yet: its worker may still be returning from emitting `finished` (deleting
        # it then crashed a test run). The pool runs one job at a time, so once the next job
        # has ended, or the pool is done, this one's run() has returned.
        self._delete_retired()
        self._retired.append(job)

    def _delete_retired(self) -> None:
        for job in self._retired:
            job.deleteLater()
        self._retired = []

    def busy(self) -> bool:
        return bool(self._running)

    def wait_all(self) -> None:
        """Cancel and wait for running work (closing the window must not kill a writer); start no more."""
        self._closed = True
        for job in self._running:
            job.cancel()
        self._pool.waitForDone()
        self._delete_retired()
