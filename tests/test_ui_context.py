"""The window's one way to run an operation: off the UI thread, then every section hears what changed.

Sections redraw from `data_changed` alone, so what it carries must be what
the operation said it changed: each table once, "*" alone for everything,
nothing when nothing changed, and only after the caller has seen the value.
"""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication

from desktop.operations.outcome import NOTHING, Changes, Outcome, Refused
from ui.context import AppContext
from ui.jobs import JobRunner


def context_hearing(app_settings, db):
    context = AppContext(db, JobRunner(), app_settings)
    heard: list[str] = []
    context.data_changed.connect(heard.append)
    return context, heard


def test_the_value_comes_first_then_each_changed_table_once(qtbot, app_settings, db):
    context, heard = context_hearing(app_settings, db)
    threads, seen = [], []

    def operation(*, progress):
        threads.append(threading.current_thread())
        progress.step(1, 1)
        return Outcome("saved-id", Changes.of("visit", "assignment"))

    with qtbot.waitSignal(context.jobs.job_finished, timeout=30_000):
        context.run("Saving", operation, lambda value: seen.append((value, list(heard))))
    assert seen == [("saved-id", [])]  # the caller saw the value before any section redrew
    assert heard == ["assignment", "visit"]
    assert threads[0] is not threading.main_thread() and QApplication.instance() is not None


def test_everything_is_one_star_and_nothing_is_silence(qtbot, app_settings, db):
    context, heard = context_hearing(app_settings, db)
    for changes in (Changes.of("household", "*"), NOTHING):
        with qtbot.waitSignal(context.jobs.job_finished, timeout=30_000):
            context.run("Work", lambda *, progress, changes=changes: Outcome(None, changes))
    assert heard == ["*"]
    context.announce(Changes.of("demand"))
    assert heard == ["*", "demand"]


def test_a_refusal_reaches_the_caller_and_nobody_hears_of_a_change(qtbot, app_settings, db):
    context, heard = context_hearing(app_settings, db)
    errors = []

    def refused(*, progress):
        raise Refused("no cadre with id 'x'")

    with qtbot.waitSignal(context.jobs.job_finished, timeout=30_000):
        context.run("Linking", refused, lambda value: errors.append("done?"), errors.append)
    assert [str(error) for error in errors] == ["no cadre with id 'x'"] and heard == []
