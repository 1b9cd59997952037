"""The office's editable lists: demand categories (with their deadlines) and responsible units.

The lists are created with their defaults on first use (`ensure_lists`), a
write the window makes off the UI thread before it shows them.
"""

from __future__ import annotations

from desktop.operations.outcome import NOTHING, Changes, Outcome
from desktop.operations.records import one
from models.work import reference_lists
from models.records.people import ResponsibleUnit
from models.progress import Progress
from models.work.reference_lists import DEFAULT_DEADLINE_DAYS
from models.records.work import DemandCategory

CATEGORIES = Changes.of("demand_category")
UNITS = Changes.of("responsible_unit")


def ensure_lists(*, progress: Progress | None = None) -> Outcome[None]:
    """Create the default categories and units where the lists were never created."""
    missing = not DemandCategory.select().exists() or not ResponsibleUnit.select().exists()
    reference_lists.ensure_reference_lists()
    return Outcome(None, Changes.of("demand_category", "responsible_unit") if missing else NOTHING)


def save_category(*, uuid: str | None = None, name: str, deadline_days: int = DEFAULT_DEADLINE_DAYS,
                  family: str | None = None, progress: Progress | None = None) -> Outcome[str]:
    """Add a category (no `uuid`) or rename, re-time or re-file one; the value is its id.

    `family` (矛盾纠纷 are counted as disputes) stays as it was when not given, "general" for a new one.
    """
    category = one(DemandCategory, uuid, "category") if uuid else None
    saved = reference_lists.save_category(name, deadline_days, category=category, family=family)
    return Outcome(saved.uuid, CATEGORIES)


def remove_category(*, uuid: str, progress: Progress | None = None) -> Outcome[str]:
    """Take a category off the list; demands that name it keep pointing at it."""
    reference_lists.remove_entry(one(DemandCategory, uuid, "category"))
    return Outcome(uuid, CATEGORIES)


def save_unit(
    *,
    uuid: str | None = None,
    name: str,
    hotline: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    contact_phone_public: bool | None = None,
    progress: Progress | None = None,
) -> Outcome[str]:
    """Add a responsible unit (no `uuid`) or edit one; the value is its id.

    `contact_phone_public` (may the contact's phone be printed for residents?)
    stays as it was when not given, and is false for a new unit.
    """
    unit = one(ResponsibleUnit, uuid, "responsible unit") if uuid else None
    saved = reference_lists.save_unit(name, hotline, contact_person, contact_phone, unit=unit,
                                      contact_phone_public=contact_phone_public)
    return Outcome(saved.uuid, UNITS)


def remove_unit(*, uuid: str, progress: Progress | None = None) -> Outcome[str]:
    """Take a unit off the list; dispatches to it keep pointing at it."""
    reference_lists.remove_entry(one(ResponsibleUnit, uuid, "responsible unit"))
    return Outcome(uuid, UNITS)
