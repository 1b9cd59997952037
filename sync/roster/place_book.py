"""Where a roster row lives: its places, and the households known by their address key.

A household is matched by its address, normalised (`sync.roster.address_text`:
spaces dropped, full-width digits and letters made half-width, 号楼/栋/幢
written alike) so the same roster imported twice, or retyped with different
spacing, finds the same household.
Places (sub-district → community → grid → building → unit) are found by name
under their parent, or created; what a roster leaves out gets a clearly named
placeholder ("（未填社区）") that a person can rename later in the registry.

A roster without a 街道 column names its communities alone.  A community of
that name the registry already has is the one meant when there is exactly one;
when several sub-districts have one, the person chooses (`choices`: the wizard
asks) or the import is refused (`PlaceBook.ambiguous`, the command line), since
guessing would file households under the wrong sub-district and a placeholder
"（未填街道）" would make a second community of the same name.
"""

from __future__ import annotations

from models.registry.addresses import address_key
from models.storage.connection import database
from models.storage.model_sql import insert_statement
from models.records.places import Building, Community, Grid, SubDistrict, Unit
from sync.roster.rows import RosterRow

UNKNOWN_SUB_DISTRICT = "（未填街道）"
UNKNOWN_COMMUNITY = "（未填社区）"
UNKNOWN_GRID = "（未分网格）"
UNKNOWN_BUILDING = "（未填楼栋）"

# Each level of places (sub-district, community, grid, building, unit): its table and the column naming its parent.
TABLES = {"s": "sub_district", "c": "community", "g": "grid", "b": "building", "u": "unit"}
PARENTS = {"c": "sub_district_id", "g": "community_id", "b": "grid_id", "u": "building_id"}
# New places are tuples of these columns (the others get their model's defaults).
INSERTS = {
    level: insert_statement(model, ("uuid", "hlc", "device", "vv", *([PARENTS[level]] if level in PARENTS else []), "name"))
    for level, model in (("s", SubDistrict), ("c", Community), ("g", Grid), ("b", Building), ("u", Unit))
}


class PlaceBook:
    """Places by name under their parent, loaded once, created on first use.

    New places are stamped with `stamp()` (hlc, vv) like the importer's other rows
    and inserted in bulk: a roster of 120,000 households brings thousands of
    buildings and units, and `save()` with its per-record audit costs far more.
    They wait in `take_new()` for the caller to write, parents first, before
    the households that use them: the importer hands them to its writer thread,
    since a statement of its own on the shared connection would wait for the
    writer's statement to finish.
    """


    def __init__(self, device: str, stamp, ids, choices: dict[str, str | None] | None = None) -> None:
        """`choices`: community name → the uuid of the registry's community meant by a roster
        without 街道 (None: a new one under "（未填街道）"), for names several sub-districts share."""
        self._device = device
        self._choices = dict(choices or {})
        self.matched: dict[str, str] = {}  # community name → the sub-district it was found under
        self.ambiguous: dict[str, list[tuple[str, str]]] = {}  # community name → [(uuid, sub-district name)]
        self._new_id = ids.next
        self._stamp = stamp
        self._ids: dict[tuple, str] = {}
        self._of_row: dict[tuple, tuple[str, str, str | None]] = {}  # the row's place columns → places_of
        self._new: dict[str, list[tuple]] = {level: [] for level in TABLES}  # level → rows to insert
        self.created = 0
        sub_districts: dict[str, str] = {}
        for uuid, name in database.execute_sql("SELECT uuid, name FROM sub_district WHERE deleted = 0"):
            self._ids.setdefault(("s", None, name), uuid)
            sub_districts[uuid] = name
        self._communities: dict[str, list[tuple[str, str]]] = {}  # name → [(uuid, sub-district name)], in the registry
        for uuid, parent, name in database.execute_sql(
                "SELECT uuid, sub_district_id, name FROM community WHERE deleted = 0 ORDER BY uuid"):
            if parent in sub_districts:
                self._communities.setdefault(name, []).append((uuid, sub_districts[parent]))
        for level, parent in PARENTS.items():
            table = TABLES[level]
            for uuid, parent_uuid, name in database.execute_sql(f"SELECT uuid, {parent}, name FROM {table} WHERE deleted = 0"):
                self._ids.setdefault((level, parent_uuid, name), uuid)

    def _get(self, level: str, parent: str | None, name: str) -> str:
        key = (level, parent, name)
        uuid = self._ids.get(key)
        if uuid is None:
            uuid = self._ids[key] = self._new_id()
            hlc, vv = self._stamp()
            self._new[level].append((uuid, hlc, self._device, vv, name) if parent is None
                                    else (uuid, hlc, self._device, vv, parent, name))
            self.created += 1
        return uuid

    def take_new(self) -> list[tuple[str, list[tuple]]]:
        """(INSERT statement, rows) for each level with places created since the last call, parents first."""
        statements = []
        for level, rows in self._new.items():
            if rows:
                statements.append((INSERTS[level], rows))
                self._new[level] = []
        return statements

    def places_of(self, row: RosterRow) -> tuple[str, str, str | None]:
        """(grid, building, unit or None) uuids for the row, creating what is missing.

        Households of one building share their places, so the answer is remembered
        by the columns it depends on; the building and unit an address names were
        found where the row was read (`RosterRow.building_label`), so a roster
        with one address column finds them once per building here too; at most a
        few thousand buildings' worth.
        """
        key = (row.sub_district, row.community, row.grid, row.building_label, row.unit_label)
        found = self._of_row.get(key)
        if found is None:
            if len(self._of_row) >= 20_000:  # a one-row-per-household file keyed by address: keep memory flat
                self._of_row.clear()
            found = self._of_row[key] = self._places_of(row)
        return found

    def _places_of(self, row: RosterRow) -> tuple[str, str, str | None]:
        community = self._community(row)
        grid = self._get("g", community, row.grid or UNKNOWN_GRID)
        building = self._get("b", grid, row.building_label or UNKNOWN_BUILDING)
        unit = self._get("u", building, row.unit_label) if row.unit_label else None
        return grid, building, unit


    def _community(self, row: RosterRow) -> str:
        """The community's uuid: under the row's sub-district, or found by its name alone (see the module)."""
        name = row.community
        if row.sub_district or not name:
            return self._get("c", self._get("s", None, row.sub_district or UNKNOWN_SUB_DISTRICT), name or UNKNOWN_COMMUNITY)
        found = self._communities.get(name, [])
        chosen = self._choices.get(name, "")
        if chosen and any(uuid == chosen for uuid, _ in found):
            return chosen
        if len(found) == 1:
            self.matched[name] = found[0][1]
            return found[0][0]
        if len(found) > 1 and name not in self._choices:
            self.ambiguous[name] = found
        return self._get("c", self._get("s", None, UNKNOWN_SUB_DISTRICT), name)


class HouseholdsByAddress:
    """Address key → household, for the registry's households and those an import creates.

    A dict: a district's keys fit in the memory the streaming sheet reader
    leaves free, and a lookup costs far less than the query per batch of a
    temporary table it replaced.

    A key names the household the roster's rows at that address join: the
    first the registry has there, or the one a later head of household at the
    same address started (一址多户, `point`).  Households created and matched are
    counted as they are met, per way of forming them (`sync.roster.rows.BY_…`).
    """

    REGISTRY, MATCHED, CREATED = 0, 1, 2

    def __init__(self) -> None:
        self._households: dict[str, list] = {}  # key → [uuid, state]
        self.created = [0, 0, 0]  # by `RosterRow.home`
        self.matched = [0, 0, 0]
        cursor = database.execute_sql("SELECT uuid, address FROM household WHERE deleted = 0 ORDER BY uuid")
        while rows := cursor.fetchmany(5_000):
            for uuid, address in rows:
                # of two households at one address, the first keeps the key
                self._households.setdefault(address_key(address), [uuid, self.REGISTRY])

    def of_keys(self, keys: list[str]) -> dict[str, tuple[str, bool]]:
        """key → (household uuid, whether it was in the registry before the import), for the keys known."""
        found = {}
        households = self._households
        for key in keys:
            known = households.get(key)
            if known is not None:
                found[key] = (known[0], known[1] != self.CREATED)
        return found

    def record(self, created: list[tuple[str, str, int]], matched: list[tuple[str, int]]) -> None:
        """Remember households created (key, uuid, how formed) and registry households matched (key, how)."""
        households = self._households
        for key, uuid, how in created:
            households[key] = [uuid, self.CREATED]
            self.created[how] += 1
        for key, how in matched:
            known = households[key]
            if known[1] == self.REGISTRY:
                known[1] = self.MATCHED
                self.matched[how] += 1

    def point(self, key: str, uuid: str, how: int) -> None:
        """The rows after this one at `key` join the registry's household `uuid` (a second head's, 一址多户)."""
        known = self._households.get(key)
        if known is None or known[0] != uuid:
            self._households[key] = [uuid, self.MATCHED]
            self.matched[how] += 1

    def counts(self) -> tuple[int, int]:
        """(households created, registry households matched)."""
        return sum(self.created), sum(self.matched)

    def drop(self) -> None:
        self._households = {}
