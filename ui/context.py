"""What every section of the window shares: the installation, jobs, settings, a change signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from models.installation import Installation
from ui.jobs import JobRunner
from ui.settings import AppSettings


class AppContext(QObject):
    """Passed to every section; sections talk to each other only through `data_changed`.

    `data_changed` carries a table name, or "*" when anything may have changed
    (after a merge, an import, demo data): each section decides what to redraw.
    """

    data_changed = Signal(str)

    def __init__(self, installation: Installation, jobs: JobRunner, settings: AppSettings) -> None:
        super().__init__()
        self.installation = installation
        self.jobs = jobs
        self.settings = settings
