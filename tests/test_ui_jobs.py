"""Background work: progress reaches the UI thread, cancel stops the work and keeps nothing."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from shiboken6 import isValid

from models.demo import generate_demo
from models.records.people import Household
from models.progress import Cancelled
from ui.jobs import JobRunner


def test_work_runs_off_the_ui_thread_and_reports_progress(qtbot):
    runner = JobRunner()
    seen_threads, reports = [], []
    listening = threading.Event()  # the work reports only once the test listens: no report is missed

    def work(progress):
        seen_threads.append(QThread.currentThread())
        listening.wait(10)
        for step in range(1, 6):
            progress.step(step, 5, f"step {step}")
        return "done"

    results = []
    with qtbot.waitSignal(runner.job_finished, timeout=60_000):
        job = runner.run("Work", work, results.append)
        job.progressed.connect(lambda done, total, message: reports.append((done, total)))
        listening.set()
    assert results == ["done"]
    assert seen_threads[0] is not QApplication.instance().thread()
    assert reports[-1] == (5, 5)


def test_cancel_stops_the_job_and_rolls_back(qtbot, db):
    runner = JobRunner()
    started = threading.Event()
    release = threading.Event()

    def work(progress):
        def hold_until_cancelled(done, total, message):
            started.set()
            release.wait(10)

        from models.progress import Progress

        inner = Progress(hold_until_cancelled, progress.cancel_event, min_interval=0)
        return generate_demo(300, progress=inner)

    job = runner.run("Demo", work)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    job.cancel()
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        release.set()
    assert job.outcome == "cancelled"
    assert Household.select().count() == 0


def test_errors_reach_the_ui_as_signals(qtbot):
    runner = JobRunner()
    errors = []
    with qtbot.waitSignal(runner.job_finished, timeout=60_000):  # listening before the job can end
        runner.run("Broken", lambda progress: 1 / 0, on_error=errors.append)
    assert isinstance(errors[0], ZeroDivisionError)


def test_one_job_at_a_time(qtbot):
    runner = JobRunner()
    active, overlaps = [], []

    def work(progress):
        if active:
            overlaps.append(True)
        active.append(1)
        for i in range(2000):
            progress.step(i, 2000)
        active.pop()

    jobs = [runner.run("W", work, show_progress=False) for _ in range(3)]
    qtbot.waitUntil(lambda: not runner.busy(), timeout=20_000)
    assert overlaps == [] and all(j.outcome == "succeeded" for j in jobs)


def test_cancelled_is_what_the_core_raises():
    from models.progress import Progress

    progress = Progress()
    progress.cancel()
    try:
        progress.step(1, 2)
    except Cancelled:
        return
    raise AssertionError("step did not raise after cancel")


def test_a_job_outlives_the_window_it_was_started_from(qtbot):
    """A dialog that started work and was closed before it ended: the work still ends and is reported."""
    window = QWidget()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    runner = JobRunner()  # no parent: its progress dialog sits over the active window
    may_finish = threading.Event()

    def work(progress):
        may_finish.wait(10)
        progress.step(1, 2, "half")
        return "done"

    results = []
    with qtbot.waitSignal(runner.job_finished, timeout=30_000):
        runner.run("Work", work, results.append)
        window.deleteLater()  # and its child, the progress dialog
        qtbot.waitUntil(lambda: not isValid(window))
        may_finish.set()
    assert results == ["done"]
    runner.wait_all()


def test_the_progress_dialog_is_gone_when_the_result_arrives(qtbot):
    """A slow save: when its result is handed over, keys reach the window again (Ctrl+O to open the PDF)."""
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    runner = JobRunner(window)
    may_finish = threading.Event()
    modal_when_told = []

    def work(progress):
        may_finish.wait(30)
        return "saved"

    with qtbot.waitSignal(runner.job_finished, timeout=30_000):
        runner.run("Saving", work, lambda result: modal_when_told.append(QApplication.activeModalWidget()))
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QProgressDialog), timeout=10_000)
        may_finish.set()
    assert modal_when_told == [None]
    runner.wait_all()


def test_a_job_whose_end_arrives_after_its_window_was_deleted_is_not_heard(qtbot):
    """Closing a window while a refresh's end is still queued: no error when that end arrives."""
    import shiboken6
    from PySide6.QtCore import Qt

    window = QWidget()
    runner = JobRunner(window)
    ended = threading.Event()
    heard = []
    listening = threading.Event()  # the job ends only once the test listens for its end
    job = runner.run("Work", lambda progress: listening.wait(30) and "done", heard.append, show_progress=False)
    job.finished.connect(ended.set, Qt.DirectConnection)  # after the runner's own: its end is queued by then
    listening.set()
    assert ended.wait(30)
    shiboken6.delete(window)  # the runner with it, the job's end still waiting in the queue
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    assert not isValid(runner)
    assert heard == ["done"]  # the result still reaches whoever asked for it; the deleted runner is not called


def test_a_closing_window_starts_no_more_work(qtbot, db):
    """What a handler asks for after the window closed would run on a database about to be closed."""
    runner = JobRunner()
    runner.wait_all()  # what closing the window does
    ran = []
    runner.run("Late refresh", lambda progress: ran.append(Household.select().count()), show_progress=False)
    runner.wait_all()
    assert ran == [] and not runner.busy()
