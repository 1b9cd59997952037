"""Who uses this laptop (the 工作台's user): the office, a cadre or grid worker not yet named, or a cadre."""

from __future__ import annotations

from desktop.operations.outcome import Changes, Outcome, Refused
from models.progress import Progress
from models.workbench import choose_user


def choose_workbench_user(*, user: str, progress: Progress | None = None) -> Outcome[str]:
    """Remember `user` (models.workbench.OFFICE, WORKER or a live cadre's id); refused for anyone else."""
    try:
        choose_user(user)
    except ValueError as problem:
        raise Refused(str(problem)) from None
    return Outcome(user, Changes.of("setting"))
