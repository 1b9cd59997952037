"""Likely duplicates in the registry: finding them, and merging one pair (the right into the left).

Finding compares the whole registry (a district's takes a moment), so it is
an operation too; each pair comes with masked labels a person can judge by.
A household merge moves residents, visits, demands and links, so anything may
have changed; a resident merge changes residents.  Both records' histories
remain, and the merge shows in them.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.operations.outcome import Changes, Outcome, Refused
from desktop.operations.records import one
from models.registry import duplicates
from models.registry.duplicates import DuplicatePair, MergeRefused
from models.records.identity import mask_id_number
from models.records.people import Household, Resident
from models.progress import Progress

__all__ = ["DuplicatePair", "Label", "LabelledPair", "MergeRefused", "find_duplicates", "merge_pair"]

CHUNK = 500  # ids per query: SQLite's limit on variables is far above it, and a query stays short


@dataclass(frozen=True)
class Label:
    """How a record of a pair reads: a resident's name, birth date, masked ID number and address;
    a household's address, with `residents` (its living residents' names, head first)."""

    text: str
    residents: tuple[str, ...] | None = None  # None for a resident


@dataclass(frozen=True)
class LabelledPair:
    pair: DuplicatePair
    keep: Label
    other: Label


def _chunks(uuids: list[str]):
    for start in range(0, len(uuids), CHUNK):
        yield uuids[start:start + CHUNK]


def _labels(pairs: list[DuplicatePair]) -> dict[str, Label]:
    """A label for every record of `pairs`, read in a few queries."""
    resident_uuids = sorted({u for p in pairs if p.kind == "resident" for u in (p.keep, p.other)})
    household_uuids = sorted({u for p in pairs if p.kind == "household" for u in (p.keep, p.other)})
    labels: dict[str, Label] = {}
    for chunk in _chunks(resident_uuids):
        query = (
            Resident.select(Resident, Household.address.alias("address"))
            .join(Household, on=(Household.uuid == Resident.household))
            .where(Resident.uuid.in_(chunk))
            .objects()
        )
        for resident in query:
            parts = [resident.name, str(resident.birth_date or ""), mask_id_number(resident.id_number or ""), resident.address]
            labels[resident.uuid] = Label(" · ".join(part for part in parts if part))
    for chunk in _chunks(household_uuids):
        names: dict[str, list[str]] = {}
        living = (
            Resident.select(Resident.household, Resident.name)
            .where(Resident.household.in_(chunk) & (Resident.deleted == False))  # noqa: E712
            .order_by(Resident.relation != "户主", Resident.name)
            .tuples()
        )
        for household_uuid, name in living:
            names.setdefault(household_uuid, []).append(name)
        for uuid, address in Household.select(Household.uuid, Household.address).where(Household.uuid.in_(chunk)).tuples():
            labels[uuid] = Label(address, tuple(names.get(uuid, ())))
    return labels


def find_duplicates(*, progress: Progress | None = None) -> Outcome[list[LabelledPair]]:
    """Every likely duplicate pair, households first, each with the labels of its two records."""
    pairs = duplicates.find_duplicates(progress)
    labels = _labels(pairs)
    return Outcome([LabelledPair(pair, labels.get(pair.keep, Label("")), labels.get(pair.other, Label("")))
                    for pair in pairs])


def merge_pair(*, kind: str, keep: str, other: str, progress: Progress | None = None) -> Outcome[object]:
    """Merge the record `other` into `keep` ("household" or "resident"); `other` gets the tombstone."""
    if kind == "household":
        outcome = duplicates.merge_households(one(Household, keep, "household"), one(Household, other, "household"),
                                              progress)
        return Outcome(outcome, Changes.everything())
    if kind == "resident":
        return Outcome(duplicates.merge_residents(one(Resident, keep, "resident"), one(Resident, other, "resident")),
                       Changes.of("resident"))
    raise Refused(f"duplicates are households or residents, not {kind!r}")
