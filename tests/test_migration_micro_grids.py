"""Migration 11 on a database Lianxin of schema 10 made: micro-grids and special grids, nothing guessed.

Existing households are in no micro-grid and existing grids have no leader; the triggers
beside the new columns keep "not known" (NULL, what an older workbook brings) from
blanking what the laptop holds.
"""

from __future__ import annotations

import sqlite3

import pytest

from models.database import close_database, open_database
from models.migrations import LATEST_VERSION
from models.records.people import Cadre, Household, MicroGrid
from models.records.places import Grid
from tests.migration_fixtures import database_at

ROWS = (
    "INSERT INTO sub_district (uuid, name) VALUES ('s', '南长山街道')",
    "INSERT INTO community (uuid, sub_district_id, name) VALUES ('c', 's', '海滨社区')",
    "INSERT INTO grid (uuid, community_id, name, kind) VALUES ('g', 'c', '一网格', 'full')",
    "INSERT INTO grid (uuid, community_id, name, kind) VALUES ('g2', 'c', '二网格', 'full')",
    "INSERT INTO building (uuid, grid_id, name) VALUES ('b', 'g', '1号楼')",
    "INSERT INTO household (uuid, grid_id, building_id, address) VALUES ('h', 'g', 'b', '1号楼101')",
    "INSERT INTO cadre (uuid, name) VALUES ('k', '王芳')",
)


@pytest.fixture
def version_10(tmp_path):
    yield database_at(tmp_path / "old.db", 10, ROWS)  # a database as Lianxin of schema 10 made it
    close_database()


def test_an_old_database_opens_with_no_micro_grids_and_no_leaders(version_10):
    open_database(version_10)
    household = Household.get_by_id("h")
    assert household.micro_grid_id is None and household.address == "1号楼101"
    grid = Grid.get_by_id("g")
    assert (grid.kind, grid.special_type, grid.leader, grid.leader_phone) == ("full", None, "", "")
    assert MicroGrid.select().count() == 0
    connection = sqlite3.connect(version_10)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


UNKNOWN = ""  # what the exchange reads for a column an older workbook lacks (sync/exchange/format.py UNKNOWN_VALUES)


def test_not_known_keeps_the_micro_grid_while_the_household_stays_in_its_grid(version_10):
    open_database(version_10)
    micro = MicroGrid.create(grid="g", name="1号楼微网格", leader="李大爷", leader_phone="13800001111",
                             leader_cadre=Cadre.get_by_id("k"))
    Household.update(micro_grid=micro.uuid).where(Household.uuid == "h").execute()
    Household.update(micro_grid=UNKNOWN, notes="新备注").where(Household.uuid == "h").execute()  # an old workbook's
    assert Household.get_by_id("h").micro_grid_id == micro.uuid
    other = MicroGrid.create(grid="g", name="2号楼微网格")
    Household.update(micro_grid=other.uuid).where(Household.uuid == "h").execute()  # moved to another one
    assert Household.get_by_id("h").micro_grid_id == other.uuid
    Household.update(micro_grid=None).where(Household.uuid == "h").execute()  # said: in none
    assert Household.get_by_id("h").micro_grid_id is None
    Household.update(micro_grid=other.uuid).where(Household.uuid == "h").execute()
    Household.update(grid="g2", micro_grid=UNKNOWN).where(Household.uuid == "h").execute()  # moved to another grid
    assert Household.get_by_id("h").micro_grid_id is None
    Household.insert(uuid="h2", grid="g", building="b", address="1号楼102", micro_grid=UNKNOWN).execute()
    assert Household.get_by_id("h2").micro_grid_id is None


def test_not_known_keeps_a_special_grids_type_and_leader(version_10):
    open_database(version_10)
    Grid.update(kind="special", special_type="school", leader="赵校长", leader_phone="13900002222").where(
        Grid.uuid == "g").execute()
    Grid.update(special_type=UNKNOWN, leader=None, leader_phone=None, name="实验小学网格").where(Grid.uuid == "g").execute()
    grid = Grid.get_by_id("g")
    assert (grid.name, grid.special_type, grid.leader, grid.leader_phone) == ("实验小学网格", "school", "赵校长", "13900002222")
    Grid.update(leader="").where(Grid.uuid == "g").execute()  # said: no leader
    assert Grid.get_by_id("g").leader == ""
    Grid.update(kind="full", special_type=UNKNOWN).where(Grid.uuid == "g").execute()  # no longer special
    assert Grid.get_by_id("g").special_type is None
    Grid.insert(uuid="g3", community="c", name="三网格", kind="full", leader=None, leader_phone=None).execute()
    assert (Grid.get_by_id("g3").leader, Grid.get_by_id("g3").leader_phone) == ("", "")
