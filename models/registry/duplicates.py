"""Likely duplicates in the registry, and merging a pair without losing either history.

What counts as likely the same:

* residents with the same ID number;
* residents with the same name and birth date when at least one has no ID
  number (two different valid ID numbers are two people, however common the name);
* households at the same written address.

Merging keeps one record and gives the other the tombstone.  The kept one
absorbs the other: a household its residents (a resident who is in both is
merged, not doubled), visits, demands and cadre links; a resident the details
it lacked.  Each child is re-pointed through `save()`, so the change is stamped,
audited and travels to the other laptops, and both records' histories stay.
A line in the notes of both ("已合并到…" / "已合并重复记录…") makes the merge
visible in their histories and in exchange workbooks, where audit actions
are only create, update, delete and restore.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from models.registry.assignments import link
from models.storage.connection import database
from models.records.people import Assignment, Cadre, Household, Resident
from models.progress import Progress
from models.registry.editing import HEAD, has_head
from models.records.work import Demand, Visit

RESIDENT_FIELDS = ("sex", "birth_date", "id_number", "phone", "ethnicity")


class MergeRefused(ValueError):
    """A merge was refused; the message says why."""


@dataclass(frozen=True)
class DuplicatePair:
    """Two records that are probably one; `keep` is the suggested survivor (the fuller record)."""

    kind: str  # "resident" or "household"
    reason: str  # "id_number", "name_birth" or "address"
    keep: str
    other: str


@dataclass
class MergeOutcome:
    """What a household merge moved, for the message after it."""

    residents_moved: int = 0
    residents_merged: int = 0
    visits: int = 0
    demands: int = 0
    links: int = 0
    merged_resident_uuids: list[str] = field(default_factory=list)


# -- finding ---------------------------------------------------------------------------


def _filled(row: dict) -> int:
    return sum(1 for name in RESIDENT_FIELDS + ("tags", "notes") if row[name])


def _resident_rows(condition_sql: str) -> list[dict]:
    columns = ("uuid", "name", "birth_date", "sex", "id_number", "phone", "ethnicity", "tags", "notes")
    cursor = database.execute_sql(
        f"SELECT {', '.join(columns)} FROM resident WHERE deleted = 0 AND {condition_sql}"
    )
    return [dict(zip(columns, row)) for row in cursor]


def _groups(rows: list[dict], key) -> list[list[dict]]:
    groups: dict = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return [group for group in groups.values() if len(group) > 1]


def _keep_first(group: list[dict]) -> list[dict]:
    """The record to keep first: one with an ID number, then the fullest, then a stable order."""
    return sorted(group, key=lambda row: (not row["id_number"], -_filled(row), row["uuid"]))


def resident_duplicates(progress: Progress | None = None) -> list[DuplicatePair]:
    """Pairs of living residents that are probably one person; each pair names the one to keep."""
    progress = progress or Progress()
    pairs: list[DuplicatePair] = []
    by_id = _resident_rows(
        "id_number != '' AND id_number IN (SELECT id_number FROM resident WHERE deleted = 0 AND id_number != '' "
        "GROUP BY id_number HAVING count(*) > 1)"
    )
    progress.step(1, 3, "")
    for group in _groups(by_id, lambda row: row["id_number"]):
        keep, *others = _keep_first(group)
        pairs += [DuplicatePair("resident", "id_number", keep["uuid"], other["uuid"]) for other in others]
    by_name = _resident_rows(
        "birth_date IS NOT NULL AND (name, birth_date) IN (SELECT name, birth_date FROM resident WHERE deleted = 0 "
        "AND birth_date IS NOT NULL GROUP BY name, birth_date HAVING count(*) > 1 AND sum(id_number = '') > 0)"
    )
    progress.step(2, 3, "")
    for group in _groups(by_name, lambda row: (row["name"], row["birth_date"])):
        ordered = _keep_first(group)
        with_id = list({row["id_number"]: row for row in reversed(ordered) if row["id_number"]}.values())[::-1]
        without_id = [row for row in ordered if not row["id_number"]]
        # Each record without an ID may be any of the people with one: list every such pair.
        # Two different ID numbers are two people, so those are never paired.
        keepers = with_id or without_id[:1]
        for keep in keepers:
            pairs += [
                DuplicatePair("resident", "name_birth", keep["uuid"], other["uuid"])
                for other in without_id
                if other is not keep
            ]
    progress.step(3, 3, "")
    return pairs


def household_duplicates(progress: Progress | None = None) -> list[DuplicatePair]:
    """Pairs of living households at the same written address; the one with more residents is kept."""
    progress = progress or Progress()
    cursor = database.execute_sql(
        "SELECT h.uuid, h.address, (SELECT count(*) FROM resident r WHERE r.household_id = h.uuid AND r.deleted = 0) "
        "FROM household h WHERE h.deleted = 0 AND h.address IN (SELECT address FROM household WHERE deleted = 0 "
        "AND address != '' GROUP BY address HAVING count(*) > 1) ORDER BY h.address"
    )
    groups: dict[str, list[tuple[str, int]]] = {}
    for uuid, address, residents in cursor:
        groups.setdefault(address, []).append((uuid, residents))
    pairs = []
    for members in groups.values():
        keep, *others = sorted(members, key=lambda member: (-member[1], member[0]))
        pairs += [DuplicatePair("household", "address", keep[0], other[0]) for other in others]
    progress.step(1, 1, "")
    return pairs


def find_duplicates(progress: Progress | None = None) -> list[DuplicatePair]:
    """Every likely duplicate pair: households first (merging them settles many residents), then residents."""
    return household_duplicates(progress) + resident_duplicates(progress)


# -- merging ---------------------------------------------------------------------------


def _with_line(text: str, line: str) -> str:
    text = (text or "").strip()
    return line if not text else text if line in text else f"{text}\n{line}"


def _absorb_and_retire(keep, other, keep_label: str, other_label: str) -> None:
    """The kept record takes the other's tags and notes; both notes say where the merge went."""
    keep.tags = _joined_tags(keep.tags, other.tags)
    if other.notes:
        keep.notes = _with_line(keep.notes, other.notes)
    keep.notes = _with_line(keep.notes, f"已合并重复记录：{other_label}")
    keep.save()
    other.notes = _with_line(other.notes, f"已合并到：{keep_label}")
    other.deleted = True
    other.save()


def _joined_tags(first: str, second: str) -> str:
    words = [word for word in re.split(r"[\s,，、;；]+", f"{first or ''} {second or ''}") if word]
    return " ".join(dict.fromkeys(words))


def _address_of(household_uuid: str) -> str:
    return Household.select(Household.address).where(Household.uuid == household_uuid).scalar() or ""


def resident_label(resident: Resident) -> str:
    """How a merge note names a resident: name and address (no ID number: notes are shown unmasked)."""
    return f"{resident.name}（{_address_of(resident.household_id)}）"


def _check_residents(keep: Resident, other: Resident) -> None:
    if keep.uuid == other.uuid:
        raise MergeRefused("不能把一条记录与它自己合并")
    for resident in (keep, other):
        if resident.deleted:
            raise MergeRefused(f"居民{resident.name}已被删除")
    if keep.id_number and other.id_number and keep.id_number != other.id_number:
        raise MergeRefused(f"{keep.name}与{other.name}的身份证号不同：是两个人，不能合并")
    if keep.birth_date and other.birth_date and str(keep.birth_date) != str(other.birth_date):
        raise MergeRefused(f"{keep.name}与{other.name}的出生日期不同：是两个人，不能合并")


def merge_residents(keep: Resident, other: Resident) -> Resident:
    """Merge `other` into `keep`: keep takes the details it lacks, other gets the tombstone."""
    _check_residents(keep, other)
    with database.atomic():
        for name in RESIDENT_FIELDS:
            if not getattr(keep, name) and getattr(other, name):
                setattr(keep, name, getattr(other, name))
        _absorb_and_retire(keep, other, resident_label(keep), resident_label(other))
    return keep


def _same_person(first: Resident, second: Resident) -> bool:
    """Two residents of one household (typed twice) that nothing tells apart."""
    if first.name.strip() != second.name.strip():
        return False
    if first.id_number and second.id_number:
        return first.id_number == second.id_number
    return not (first.birth_date and second.birth_date and str(first.birth_date) != str(second.birth_date))


def _live(model, household_uuid: str) -> list:
    return list(model.alive().where(model.household == household_uuid))


def merge_households(keep: Household, other: Household, progress: Progress | None = None) -> MergeOutcome:
    """Merge household `other` into `keep`, all in one transaction (cancel rolls it all back)."""
    if keep.uuid == other.uuid:
        raise MergeRefused("不能把一条记录与它自己合并")
    for household in (keep, other):
        if household.deleted:
            raise MergeRefused(f"住户“{household.address}”已被删除")
    progress = progress or Progress()
    outcome = MergeOutcome()
    with database.atomic():
        kept_residents = _live(Resident, keep.uuid)
        residents, visits, demands = _live(Resident, other.uuid), _live(Visit, other.uuid), _live(Demand, other.uuid)
        links = _live(Assignment, other.uuid)
        total, done = len(residents) + len(visits) + len(demands) + len(links) + 1, 0
        for resident in residents:
            twin = next((kept for kept in kept_residents if _same_person(kept, resident)), None)
            if twin is not None:
                merge_residents(twin, resident)
                outcome.residents_merged += 1
                outcome.merged_resident_uuids.append(resident.uuid)
            else:
                if resident.relation == HEAD and has_head(keep.uuid):
                    resident.relation = "其他"
                resident.household = keep.uuid
                resident.save()
                kept_residents.append(resident)
                outcome.residents_moved += 1
            done += 1
            progress.step(done, total, resident.name)
        for record in visits + demands:
            record.household = keep.uuid
            record.save()
            done += 1
            progress.step(done, total, "")
        outcome.visits, outcome.demands = len(visits), len(demands)
        for assignment in links:
            cadre = Cadre.get_by_id(assignment.cadre_id)
            assignment.mark_deleted()  # a link's identity is its pair: the kept household gets its own
            if not cadre.deleted:
                outcome.links += link(cadre, keep, since=_as_date(assignment.since))
            done += 1
            progress.step(done, total, cadre.name)
        if not keep.phone and other.phone:
            keep.phone = other.phone
        _absorb_and_retire(keep, other, keep.address, other.address)
        progress.step(total, total, "")
    return outcome


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
