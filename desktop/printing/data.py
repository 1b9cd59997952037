"""The bulk queries the renderers share: households, their residents and cadres, grid workers, units.

One query per kind of record for the whole scope, read as tuples, so a
handbook for 15,000 households costs a handful of queries and not 15,000.
Everything excludes deleted records.  Residents' ID numbers and phones are
masked here, as they are read, unless the person printing asked for them
whole: a renderer never holds a number it must not print.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from peewee import JOIN
from pypinyin import lazy_pinyin

from models.records.identity import mask_id_number, mask_phone
from models.records.people import Assignment, Cadre, Household, MicroGrid, Resident, ResponsibleUnit
from models.records.places import Building, Community, Grid, Unit
from models.scope import Scope


def natural_key(text: str) -> tuple:
    """Sort "2号楼" before "10号楼": digit runs compare as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text or ""))


class HouseholdRow(NamedTuple):
    uuid: str
    address: str
    room: str
    tags: str
    notes: str
    building: str
    unit: str
    grid_id: str
    grid: str
    community_id: str
    community: str
    hotline: str

    @property
    def place(self) -> str:
        """Building, unit and room ("33号楼 1单元 101"), for lists grouped by building."""
        return " ".join(part for part in (self.building, self.unit, self.room) if part)

    @property
    def full_address(self) -> str:
        return self.address or self.place

    def sort_key(self) -> tuple:
        return (
            natural_key(self.community), natural_key(self.grid), natural_key(self.building),
            natural_key(self.unit), natural_key(self.room), self.uuid,
        )


class ResidentRow(NamedTuple):
    name: str
    relation: str
    sex: str
    birth_date: object  # a date, or its text as stored, or None
    id_number: str  # masked unless asked for whole ("" when not known)
    phone: str  # likewise
    tags: str


def residents_by_household(scope: Scope, *, id_numbers: bool = False, phones: bool = False) -> dict[str, list[ResidentRow]]:
    """The living residents of each household in scope; ID numbers and phones whole only when asked for."""
    query = (
        Resident.select(Resident.household, Resident.name, Resident.relation, Resident.sex, Resident.birth_date,
                        Resident.id_number, Resident.phone, Resident.tags)
        .where(Resident.household.in_(scope.household_ids()), Resident.deleted == False)  # noqa: E712
        .tuples()
    )
    people: dict[str, list[ResidentRow]] = defaultdict(list)
    for household, name, relation, sex, birth, id_number, phone, tags in query.iterator():
        shown_id = (id_number if id_numbers else mask_id_number(id_number)) if id_number else ""
        shown_phone = (phone if phones else mask_phone(phone)) if phone else ""
        people[household].append(ResidentRow(name, relation, sex, birth, shown_id, shown_phone, tags))
    return people


class CadreRow(NamedTuple):
    uuid: str
    name: str
    role: str
    work_unit: str
    position: str
    phone: str
    grid_id: str | None

    @property
    def post(self) -> str:
        """Work unit and position together ("区住建委 科长")."""
        return " ".join(part for part in (self.work_unit, self.position) if part)


class UnitRow(NamedTuple):
    name: str
    hotline: str
    contact_person: str
    contact_phone: str
    contact_public: bool  # the contact person's number may be printed for residents


CADRE_COLUMNS = (Cadre.uuid, Cadre.name, Cadre.role, Cadre.work_unit, Cadre.position, Cadre.phone, Cadre.grid)


def households_in(scope: Scope) -> list[HouseholdRow]:
    """The live households in scope, in community, grid, building, unit and room order."""
    query = (
        Household.select(
            Household.uuid, Household.address, Household.room, Household.tags, Household.notes,
            Building.name, Unit.name, Grid.uuid, Grid.name, Community.uuid, Community.name, Community.hotline,
        )
        .join(Grid, on=Household.grid == Grid.uuid)
        .join(Community, on=Grid.community == Community.uuid)
        .join_from(Household, Building, on=Household.building == Building.uuid)
        .join_from(Household, Unit, JOIN.LEFT_OUTER, on=Household.unit == Unit.uuid)
        .where(Household.uuid.in_(scope.household_ids()))
        .tuples()
    )
    rows = [HouseholdRow(*(value if value is not None else "" for value in row)) for row in query.iterator()]
    rows.sort(key=HouseholdRow.sort_key)
    return rows


def cadres_by_household(scope: Scope) -> dict[str, list[CadreRow]]:
    """Each household's linked cadres, those linked earliest first."""
    query = (
        Assignment.select(Assignment.household, *CADRE_COLUMNS)
        .join(Cadre, on=Assignment.cadre == Cadre.uuid)
        .where(
            Assignment.household.in_(scope.household_ids()),
            Assignment.deleted == False,  # noqa: E712
            Cadre.deleted == False,  # noqa: E712
        )
        .order_by(Assignment.since, Cadre.name)
        .tuples()
    )
    linked: dict[str, list[CadreRow]] = defaultdict(list)
    for household, *cadre in query.iterator():
        linked[household].append(CadreRow(*cadre))
    return linked


def grid_workers(grid_ids: set[str]) -> dict[str, list[CadreRow]]:
    """The grid workers (网格员) of each grid."""
    query = (
        Cadre.select(*CADRE_COLUMNS)
        .where(Cadre.role == "grid_worker", Cadre.grid.in_(list(grid_ids)), Cadre.deleted == False)  # noqa: E712
        .order_by(Cadre.name)
        .tuples()
    )
    workers: dict[str, list[CadreRow]] = defaultdict(list)
    for row in query:
        workers[row[-1]].append(CadreRow(*row))
    return workers


def responsible_units() -> list[UnitRow]:
    """The responsible units' directory, in pinyin order of their names (as a reader looks them up)."""
    query = (
        ResponsibleUnit.alive()
        .select(ResponsibleUnit.name, ResponsibleUnit.hotline, ResponsibleUnit.contact_person, ResponsibleUnit.contact_phone,
                ResponsibleUnit.contact_phone_public)
        .tuples()
    )
    return sorted((UnitRow(*row[:4], bool(row[4])) for row in query), key=lambda unit: lazy_pinyin(unit.name))


class LeaderRow(NamedTuple):
    """A household's 微网格长, as cards and the contact handbook print them."""

    micro_grid: str  # the micro-grid's name
    name: str
    phone: str  # whole: the number the card gives residents to call
    cadre: str | None  # the leader's cadre id, when the leader is one of the cadres


def micro_grid_leaders(scope: Scope) -> dict[str, LeaderRow]:
    """The 微网格长 of each household in scope that is in a live micro-grid with a leader.

    The leader's phone prints whole, as the 包联干部's and the 网格员's do: a 微网格长, cadre or
    resident volunteer, took the post to be called by the households of the micro-grid, and the
    card and the handbook exist to give them that number (a masked one could not be dialled).
    Residents' own phones stay masked as before.
    """
    query = (
        Household.select(Household.uuid, MicroGrid.name, MicroGrid.leader, MicroGrid.leader_phone, MicroGrid.leader_cadre)
        .join(MicroGrid, on=Household.micro_grid == MicroGrid.uuid)
        .where(Household.uuid.in_(scope.household_ids()), MicroGrid.deleted == False, MicroGrid.leader != "")  # noqa: E712
        .tuples()
    )
    leaders = {}
    for household, micro_grid, name, phone, cadre in query.iterator():
        leaders[household] = LeaderRow(micro_grid, name, phone, cadre)
    return leaders
