"""The micro-grids a roster names (微网格, 微网格长, 微网格长电话): found or made per grid, households put in them.

A roster that has a 微网格 column says, per resident row, which micro-grid the
household is in.  After the households are written, each named micro-grid is
found by its name within the household's grid, or made (with the import's one
version, like the places a roster creates); its leader is filled in or changed
where the roster gives one (an empty cell keeps what is stored, as for
residents).  A leader whose phone is a cadre's, under the cadre's name, is linked
to that cadre.  Rows without a micro-grid change nothing: a roster without the
column imports exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.storage.connection import database
from models.storage.model_sql import insert_statement
from models.records.people import MicroGrid

MICRO_GRID_COLUMNS = ("uuid", "hlc", "device", "vv", "grid_id", "name", "leader", "leader_phone", "leader_cadre_id")
MICRO_GRID_INSERT = insert_statement(MicroGrid, MICRO_GRID_COLUMNS)
CHUNK = 500


@dataclass
class _Wanted:
    name: str
    leader: str
    phone: str


@dataclass
class MicroGridCounts:
    created: int = 0  # micro-grids made by this roster
    leaders_changed: int = 0  # micro-grids whose leader the roster filled in or changed
    households_placed: int = 0  # households put in a micro-grid (or moved to another)


class MicroGridBook:
    """What a roster's rows say about micro-grids, applied once the households exist."""

    def __init__(self) -> None:
        self.wanted: dict[str, _Wanted] = {}  # household uuid → its micro-grid as the roster names it

    def note(self, household: str, name: str, leader: str, phone: str) -> None:
        """A row of `household` names micro-grid `name` (the last row of a household decides)."""
        if name:
            self.wanted[household] = _Wanted(name, leader, phone)

    def apply(self, ids, stamp, next_version, device: str) -> MicroGridCounts:
        """Find or make each micro-grid and place the households; `stamp()` is the import's version."""
        counts = MicroGridCounts()
        if not self.wanted:
            return counts
        hlc, vv = stamp()
        households = _households(list(self.wanted))
        found = {(grid, name): [uuid, leader, phone, row_vv] for uuid, grid, name, leader, phone, row_vv in
                 database.execute_sql('SELECT uuid, grid_id, name, leader, leader_phone, vv FROM micro_grid WHERE deleted = 0')}
        cadres = {(name, phone): uuid for uuid, name, phone in
                  database.execute_sql("SELECT uuid, name, phone FROM cadre WHERE deleted = 0 AND phone != ''")}
        new_rows, changed_leaders = [], {}
        made_here, versioned = [], []  # households to place: made by this import / older, with a new version
        for household, wanted in self.wanted.items():
            grid, current, household_vv = households[household]
            key = (grid, wanted.name)
            micro = found.get(key)
            if micro is None:
                micro = found[key] = [ids.next(), wanted.leader, wanted.phone, vv]
                new_rows.append((micro[0], hlc, device, vv, grid, wanted.name, wanted.leader, wanted.phone,
                                 cadres.get((wanted.leader, wanted.phone))))
                counts.created += 1
            elif (wanted.leader and wanted.leader != micro[1]) or (wanted.phone and wanted.phone != micro[2]):
                micro[1], micro[2] = wanted.leader or micro[1], wanted.phone or micro[2]
                changed_leaders[micro[0]] = micro
            if current != micro[0]:
                # A household this import made keeps the import's version.
                if household_vv == vv:
                    made_here.append((micro[0], household))
                else:
                    versioned.append((micro[0], *next_version(household_vv), device, household))
                counts.households_placed += 1
        cursor = database.cursor()
        cursor.executemany(MICRO_GRID_INSERT, new_rows)
        cursor.executemany("UPDATE household SET micro_grid_id = ? WHERE uuid = ?", made_here)
        cursor.executemany("UPDATE household SET micro_grid_id = ?, hlc = ?, vv = ?, device = ? WHERE uuid = ?", versioned)
        for uuid, (_, leader, phone, micro_vv) in changed_leaders.items():
            micro_hlc, micro_new_vv = next_version(micro_vv)
            database.execute_sql(
                'UPDATE micro_grid SET leader = ?, leader_phone = ?, leader_cadre_id = ?, hlc = ?, vv = ?, device = ? '
                'WHERE uuid = ?', (leader, phone, cadres.get((leader, phone)), micro_hlc, micro_new_vv, device, uuid))
        counts.leaders_changed = len(changed_leaders)
        return counts


def _households(uuids: list[str]) -> dict[str, tuple[str, str | None, str]]:
    """household → (grid, micro-grid or None, version vector)."""
    found = {}
    for start in range(0, len(uuids), CHUNK):
        chunk = uuids[start:start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for uuid, grid, micro, vv in database.execute_sql(
                f"SELECT uuid, grid_id, micro_grid_id, vv FROM household WHERE uuid IN ({marks})", chunk):
            found[uuid] = (grid, micro, vv)
    return found

