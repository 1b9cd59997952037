"""The office's editable lists: demand categories and responsible units.

Both start from what the offices' own reports name and are created on
first use.  The defaults get identities derived from their names, so two
laptops that each create them on first use make the same records, and a merge
brings no duplicates.  Once a list exists it belongs to the office: it is never
re-filled, even if a person removed every entry.
"""

from __future__ import annotations

import re

from models.records.base import derived_uuid
from models.storage.connection import database
from models.records.identity import normalise_phone
from models.records.people import ResponsibleUnit
from models.records.work import DemandCategory

DEFAULT_DEADLINE_DAYS = 7

# (name, deadline in days after acceptance): "the slowest answer takes no more than 7 days".
DEFAULT_CATEGORIES: tuple[tuple[str, int], ...] = (
    ("住房维修", 7),
    ("照明", 7),
    ("排水疏通", 7),
    ("环境卫生", 7),
    ("绿化", 7),
    ("停车", 7),
    ("物业管理", 7),
    ("道路", 7),
    ("饮用水", 7),
    ("供暖及老旧管网", 7),
    ("飞线充电", 7),
    ("证照办理", 7),
    ("居家养老", 7),
    ("法律咨询与纠纷调解", 7),
    ("政策咨询", 7),
    ("其他", 7),
)

# The family each default category starts in (the office may change it): mediation is the disputes' (矛盾纠纷).
DISPUTE_CATEGORIES = frozenset({"法律咨询与纠纷调解"})

# Hotlines differ from city to city: left empty for the office to fill in.
DEFAULT_UNITS: tuple[str, ...] = (
    "区住建委",
    "区排水管理所",
    "城市管理委",
    "公安分局",
    "派出所",
    "市财政局",
    "供电公司",
    "网信办",
    "园林部门",
    "民政局",
    "人社局",
    "物业公司",
    "业主委员会",
    "街道办事处",
    "社区党委",
)


class ListEntryRefused(ValueError):
    """An entry of a reference list was refused; the message says why."""


def ensure_reference_lists() -> None:
    """Create the default categories and units if the lists were never created here."""
    with database.atomic():
        if not DemandCategory.select().exists():
            for order, (name, days) in enumerate(DEFAULT_CATEGORIES):
                DemandCategory(
                    uuid=derived_uuid("demand_category", name), name=name, deadline_days=days, sort_order=order,
                    family="dispute" if name in DISPUTE_CATEGORIES else "general",
                ).save(force_insert=True)
        if not ResponsibleUnit.select().exists():
            for name in DEFAULT_UNITS:
                ResponsibleUnit(uuid=derived_uuid("responsible_unit", name), name=name).save(force_insert=True)


def categories() -> list[DemandCategory]:
    ensure_reference_lists()
    return list(DemandCategory.alive().order_by(DemandCategory.sort_order, DemandCategory.name))


def responsible_units() -> list[ResponsibleUnit]:
    ensure_reference_lists()
    return list(ResponsibleUnit.alive().order_by(ResponsibleUnit.name))


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ListEntryRefused("a name is required")
    return name


def _check_deadline(days: int) -> int:
    if not isinstance(days, int) or not 1 <= days <= 365:
        raise ListEntryRefused(f"deadline must be 1 to 365 days, not {days!r}")
    return days


def _check_hotline(hotline: str) -> str:
    """Service numbers are short (12345, 95598), so a hotline is any 3 to 13 digits, dashes allowed."""
    hotline = (hotline or "").strip()
    if hotline and not (re.fullmatch(r"[0-9-]{3,13}", hotline) and hotline.strip("-")):
        raise ListEntryRefused(f"hotline: {hotline} is not a telephone number")
    return hotline


def _check_contact_phone(phone: str) -> str:
    phone = (phone or "").strip()
    if not phone:
        return ""
    normalised = normalise_phone(phone)
    if normalised is None:
        raise ListEntryRefused(f"contact phone: {phone} is not a mobile or landline number")
    return normalised


def save_category(
    name: str, deadline_days: int = DEFAULT_DEADLINE_DAYS, category: DemandCategory | None = None,
    family: str | None = None,
) -> DemandCategory:
    """Add a category, or rename / re-time `category`; names stay unique among live entries.

    `family` (`DemandCategory.FAMILIES`) is kept as it was when not given, and is
    "general" for a new category.
    """
    name = _clean_name(name)
    deadline_days = _check_deadline(deadline_days)
    if family is not None and family not in DemandCategory.FAMILIES:
        raise ListEntryRefused(f"family must be one of {', '.join(DemandCategory.FAMILIES)}, not {family!r}")
    clash = DemandCategory.alive().where(DemandCategory.name == name)
    if category is not None:
        clash = clash.where(DemandCategory.uuid != category.uuid)
    if clash.exists():
        raise ListEntryRefused(f"a category named {name} already exists")
    if category is None:
        last = DemandCategory.select(DemandCategory.sort_order).order_by(DemandCategory.sort_order.desc()).first()
        category = DemandCategory(sort_order=(last.sort_order + 1) if last else 0)
    category.name = name
    category.deadline_days = deadline_days
    if family is not None:
        category.family = family
    category.save()
    return category


def save_unit(
    name: str,
    hotline: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    unit: ResponsibleUnit | None = None,
    contact_phone_public: bool | None = None,
) -> ResponsibleUnit:
    """Add a responsible unit, or edit `unit`; names stay unique among live entries.

    The contact phone is stored normalised, the way cadres' phones are.
    `contact_phone_public` (may it be printed for residents?) is kept as it was
    when not given, and is false for a new unit.
    """
    name = _clean_name(name)
    clash = ResponsibleUnit.alive().where(ResponsibleUnit.name == name)
    if unit is not None:
        clash = clash.where(ResponsibleUnit.uuid != unit.uuid)
    if clash.exists():
        raise ListEntryRefused(f"a responsible unit named {name} already exists")
    hotline = _check_hotline(hotline)
    contact_phone = _check_contact_phone(contact_phone)
    unit = unit or ResponsibleUnit()
    unit.name = name
    unit.hotline = hotline
    unit.contact_person = (contact_person or "").strip()
    unit.contact_phone = contact_phone
    if contact_phone_public is not None:
        unit.contact_phone_public = bool(contact_phone_public)
    unit.save()
    return unit


def remove_entry(entry: DemandCategory | ResponsibleUnit) -> None:
    """Take an entry off its list; demands and dispatches that name it keep pointing at it."""
    entry.mark_deleted()


def category_list(text: str = ""):
    """Live categories in the office's order, those whose name contains `text`; a query for paging."""
    query = DemandCategory.alive().order_by(DemandCategory.sort_order, DemandCategory.name)
    return query.where(DemandCategory.name.contains(text.strip())) if text.strip() else query


def unit_list(text: str = ""):
    """Live responsible units by name, those whose name contains `text`; a query for paging."""
    query = ResponsibleUnit.alive().order_by(ResponsibleUnit.name)
    return query.where(ResponsibleUnit.name.contains(text.strip())) if text.strip() else query
