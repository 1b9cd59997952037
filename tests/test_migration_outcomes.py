"""Migration 9 on a database Lianxin of schema 8 made: rows kept, what is known filled in, nothing guessed.

Visits and demands are rebuilt (their household may now be empty, for a shop's);
their rows, keys and indexes survive, and the rules that keep "not known" from
blanking a stored value live in triggers beside the columns.
"""

from __future__ import annotations

import sqlite3

import pytest

from models.database import APPLICATION_ID, close_database, open_database
from models.migrations import LATEST_VERSION, MIGRATIONS
from models.records.work import Demand, DemandCategory, Visit
from tests.test_printing_units import RawDatabase

ROWS = (
    "INSERT INTO sub_district (uuid, name) VALUES ('s', '南长山街道')",
    "INSERT INTO community (uuid, sub_district_id, name) VALUES ('c', 's', '海滨社区')",
    "INSERT INTO grid (uuid, community_id, name) VALUES ('g', 'c', '一网格')",
    "INSERT INTO building (uuid, grid_id, name) VALUES ('b', 'g', '1号楼')",
    "INSERT INTO household (uuid, grid_id, building_id, address) VALUES ('h', 'g', 'b', '1号楼101')",
    "INSERT INTO shop (uuid, grid_id, building_id, name) VALUES ('shop', 'g', 'b', '王记面馆')",
    "INSERT INTO cadre (uuid, name) VALUES ('k', '王芳')",
    "INSERT INTO demand_category (uuid, name, deadline_days) VALUES ('cat', '邻里纠纷', 7)",
    "INSERT INTO visit (uuid, household_id, visited_on, recorded_by_id) VALUES ('v', 'h', '2026-03-01', 'k')",
    "INSERT INTO visit_visitor (uuid, visit_id, cadre_id) VALUES ('vv', 'v', 'k')",
    # raised in a visit, closed by hand: source known (the visit), outcome not recorded
    "INSERT INTO demand (uuid, household_id, visit_id, category_id, description, state, raised_on, accepted_on, "
    "deadline, closed_on) VALUES ('d1', 'h', 'v', 'cat', '楼上漏水', 'closed', '2026-03-01', '2026-03-01', "
    "'2026-03-08', '2026-03-05')",
    # solved on the spot in the visit: solved
    "INSERT INTO demand (uuid, household_id, visit_id, description, state, raised_on, accepted_on, closed_on, "
    "solved_on_spot) VALUES ('d2', 'h', 'v', '政策咨询', 'closed', '2026-03-01', '2026-03-01', '2026-03-01', 1)",
    # no visit, still open: nothing known
    "INSERT INTO demand (uuid, household_id, description, state, raised_on) VALUES ('d3', 'h', '路灯不亮', "
    "'pending', '2026-03-02')",
    "INSERT INTO responsible_unit (uuid, name) VALUES ('u', '区住建委')",
    "INSERT INTO dispatch (uuid, demand_id, unit_id, dispatched_on) VALUES ('x', 'd1', 'u', '2026-03-01')",
    "INSERT INTO return_visit (uuid, demand_id, visited_on, satisfaction) VALUES ('r', 'd1', '2026-03-06', 'satisfied')",
)


@pytest.fixture
def version_8(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:  # a database as Lianxin of schema 8 made it
        for migration in MIGRATIONS:
            if migration.VERSION <= 8:
                migration.up(RawDatabase(connection))
        for statement in ROWS:
            connection.execute(statement)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("PRAGMA user_version = 8")
    connection.close()
    yield path
    close_database()


def test_rows_keys_and_indexes_survive_and_only_what_is_known_is_filled_in(version_8):
    open_database(version_8)
    assert {d.uuid: (d.source, d.outcome) for d in Demand.select()} == {
        "d1": ("visit", "unrecorded"),  # raised in a visit; its closing's outcome was never recorded
        "d2": ("visit", "solved"),  # solved on the spot
        "d3": (None, None),  # neither is known (an open demand has no outcome yet)
    }
    assert Demand.get_by_id("d1").closed_on.isoformat() == "2026-03-05"
    assert Visit.get_by_id("v").recorded_by_id == "k"
    assert DemandCategory.get_by_id("cat").family is None  # not set until the office sets it
    connection = sqlite3.connect(version_8)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        indexes = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"visit_household_day", "visit_visited_on", "demand_raised_on", "demand_state_deadline",
                "demand_household_id", "visit_shop_id", "demand_shop_id"} <= indexes
        assert not {"visit_rebuilt", "demand_rebuilt"} & {
            name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()


def test_foreign_keys_are_on_again_after_the_rebuild(version_8):
    from models.storage.connection import database

    open_database(version_8)
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_an_update_that_does_not_know_keeps_the_stored_values(version_8):
    """What a merge of a workbook without the columns writes: NULL for each."""
    from models.storage.connection import database

    open_database(version_8)
    database.execute_sql("UPDATE demand SET outcome = 'unsolvable', outcome_reason = '产权不清', source = 'hotline' "
                         "WHERE uuid = 'd1'")
    database.execute_sql("UPDATE demand_category SET family = 'dispute'")
    database.execute_sql("UPDATE demand SET description = '楼上漏水（已核实）', outcome = NULL, outcome_reason = NULL, "
                         "mediation = NULL, source = NULL WHERE uuid = 'd1'")
    database.execute_sql("UPDATE demand_category SET name = '矛盾纠纷', family = NULL")
    demand = Demand.get_by_id("d1")
    assert (demand.description, demand.outcome, demand.outcome_reason, demand.source) == (
        "楼上漏水（已核实）", "unsolvable", "产权不清", "hotline")
    assert DemandCategory.get_by_id("cat").family == "dispute"


def test_a_version_that_reopened_or_closed_again_has_no_known_outcome(version_8):
    from models.storage.connection import database

    open_database(version_8)
    database.execute_sql("UPDATE demand SET outcome = 'solved' WHERE uuid = 'd1'")
    database.execute_sql("UPDATE demand SET state = 'closed', closed_on = '2026-03-20', outcome = NULL WHERE uuid = 'd1'")
    assert Demand.get_by_id("d1").outcome == "unrecorded"  # another closing: the first one's outcome is not its
    database.execute_sql("UPDATE demand SET outcome = 'solved' WHERE uuid = 'd1'")
    database.execute_sql("UPDATE demand SET state = 'in_progress', closed_on = NULL, outcome = NULL WHERE uuid = 'd1'")
    assert Demand.get_by_id("d1").outcome is None  # reopened: no outcome while it is open


def test_a_row_that_arrives_without_the_columns_gets_only_what_can_be_derived(version_8):
    from models.storage.connection import database

    open_database(version_8)
    database.execute_sql(
        "INSERT INTO demand (uuid, household_id, visit_id, description, state, raised_on, accepted_on, closed_on, "
        "solved_on_spot, source, outcome, outcome_reason, mediation) VALUES ('d4', 'h', 'v', '门禁坏了', 'closed', "
        "'2026-03-01', '2026-03-01', '2026-03-01', 1, NULL, NULL, NULL, NULL)")
    database.execute_sql(
        "INSERT INTO demand (uuid, household_id, description, state, raised_on, accepted_on, closed_on, source, "
        "outcome, outcome_reason, mediation) VALUES ('d5', 'h', '咨询低保', 'closed', '2026-03-01', '2026-03-01', "
        "'2026-03-03', NULL, NULL, NULL, NULL)")
    assert {d.uuid: (d.source, d.outcome, d.outcome_reason, d.mediation)
            for d in Demand.select().where(Demand.uuid.in_(["d4", "d5"]))} == {
        "d4": ("visit", "solved", "", None),
        "d5": (None, "unrecorded", "", None),
    }


def test_a_shop_visit_has_no_household(version_8):
    from models.storage.connection import database

    open_database(version_8)
    database.execute_sql("INSERT INTO visit (uuid, shop_id, visited_on) VALUES ('sv', 'shop', '2026-03-04')")
    visit = Visit.get_by_id("sv")
    assert visit.household_id is None and visit.shop_id == "shop"


def test_the_check_names_work_that_belongs_to_nobody(version_8):
    from models.check import integrity_problems
    from models.storage.connection import database

    open_database(version_8)
    assert integrity_problems() == []
    database.execute_sql("INSERT INTO visit (uuid, visited_on) VALUES ('nobody', '2026-03-04')")
    database.execute_sql("INSERT INTO demand (uuid, household_id, shop_id, description, state, raised_on) "
                         "VALUES ('both', 'h', 'shop', '两处', 'pending', '2026-03-04')")
    assert integrity_problems() == ["1 visits belong to no household or shop, or to both",
                                    "1 demands belong to no household or shop, or to both"]
