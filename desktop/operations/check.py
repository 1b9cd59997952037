"""The integrity check of the database: the file as SQLite sees it, and the records' own rules."""

from __future__ import annotations

from desktop.operations.outcome import Outcome
from models.progress import Progress


def check_database(*, progress: Progress | None = None) -> Outcome:
    """The problems found, one line each (an empty list: the database is sound); nothing is changed."""
    from models.check import integrity_problems

    return Outcome(integrity_problems())
