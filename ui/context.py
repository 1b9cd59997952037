"""What every section of the window shares: the installation, jobs, settings, a change signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.operations.outcome import Changes, Outcome
from models.records.installation import Installation
from ui.jobs import Job, JobRunner
from ui.period_choice import PeriodChoice
from ui.settings import AppSettings


class AppContext(QObject):
    """Passed to every section; sections talk to each other only through `data_changed`.

    `data_changed` carries a table name, or "*" when anything may have changed
    (after a merge, an import, demo data): each section decides what to redraw.
    It is fed from what each operation says it changed (`announce`).
    `period` is the one period the 工作台 and 统计 count, chosen in either.
    """

    data_changed = Signal(str)

    def __init__(self, installation: Installation, jobs: JobRunner, settings: AppSettings) -> None:
        super().__init__()
        self.installation = installation
        self.jobs = jobs
        self.settings = settings
        self.period = PeriodChoice(self)

    def run(
        self,
        title: str,
        operation: Callable[..., Outcome],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        show_progress: bool = True,
    ) -> Job:
        """Run `operation(progress=…)` (one of `desktop.operations`, its other arguments bound) on the worker.

        On success `on_done` gets the outcome's value, then every section hears
        what changed; a failure goes to `on_error`, a cancel to the job's
        `cancelled` signal.
        """
        def done(outcome: Outcome) -> None:
            if on_done is not None:
                on_done(outcome.value)
            self.announce(outcome.changed)

        return self.jobs.run(title, lambda progress: operation(progress=progress), done, on_error, show_progress)

    def announce(self, changes: Changes) -> None:
        """Tell every section which tables changed (nothing is said when nothing changed)."""
        for table in changes.names():
            self.data_changed.emit(table)
