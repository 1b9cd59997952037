"""Demo data: a made-up district to look around in, only ever in an empty database, offered at the first start."""

from __future__ import annotations

from desktop.operations.outcome import Changes, Outcome, Refused
from models.records.installation import Setting
from models.records.people import Household
from models.progress import Progress

FIRST_START = "first_start_done"  # the setting that says the first start was answered


def fill_demo(*, households: int = 3000, seed: int = 1, progress: Progress | None = None) -> Outcome:
    """Fill an empty database with `households` demo households; the value is the `DemoSummary` of counts."""
    from models.demo import generate_demo, is_empty  # Faker loads only for demo data

    if households < 1:
        raise Refused("demo data needs at least one household")
    if not is_empty():
        raise Refused("the database already holds households; demo data goes only into an empty database "
                      "(use --db NEW.db)")
    summary = generate_demo(households, seed=seed, progress=progress)
    return Outcome(summary, Changes.everything())


def first_start_pending() -> bool:
    """Whether the window offers demo data or an empty start: never asked on this database, and no household yet."""
    return not Setting.read(FIRST_START) and not Household.select(Household.uuid).exists()


def first_start_answered() -> None:
    """The first start was answered (demo data or an empty start): it is not offered again on this database."""
    Setting.write(FIRST_START, "1")
