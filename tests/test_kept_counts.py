"""The counts a PostgreSQL master keeps for its figures (migration 14) stay equal to a count of the records.

After every way records change — a demo and a roster import, merges that add, move and delete
households and links, a form's edits and their undo, a restore, a move from SQLite, and two
writers at once — each kept row equals a count made afresh from the records
(`kept_counts.drift()` is empty), and the figures read from them equal the figures counted from
the records (`lianxin stats --json`, byte for byte).  Needs a server (LIANXIN_TEST_PG).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import psycopg2
import pytest

from desktop.cli import run
from desktop.operations import registry as operations
from desktop.operations.figures import count_figures
from models.database import close_database, open_database
from models.figures import kept_counts
from models.records.people import Assignment, Cadre, Household
from models.records.places import Building
from models.registry.assignments import link, unlink
from models.registry.coverage import Period
from models.registry.editing import HouseholdValues, move_household
from models.storage.connection import database
from models.records.work import Dispatch, ResponsibleUnit
from models.work.demands import DispatchTarget, accept, close, dispatch, raise_demand
from models.work.visits import record_visit
from tests.exchange_fixtures import Laptop
from tests.postgres_server import drop_database, master, new_database  # noqa: F401  (master: a fixture)

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date.today()
PERIODS = (Period.month_to_date(TODAY), Period.month_of(TODAY),
           Period.month_of(TODAY.replace(day=1) - dt.timedelta(days=1)))


def _figures(period: Period) -> str:
    return json.dumps(count_figures(period=period, today=TODAY).value, ensure_ascii=False, sort_keys=True)


def assert_kept_right(url: str, monkeypatch) -> None:
    """The kept counts equal a fresh count of the records, and the figures read from them those counted from them."""
    open_database(url, create=False)
    try:
        assert kept_counts.drift() == {}
        for period in PERIODS:
            kept = _figures(period)
            with monkeypatch.context() as patched:
                patched.setattr(kept_counts, "kept_for", lambda scope: False)
                counted = _figures(period)
            assert kept == counted, period
    finally:
        close_database()


def _cli_figures(where: str, capsys) -> dict:
    capsys.readouterr()
    assert run(["--db", where, "stats", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _registered_at_home(household: Household) -> bool:
    """Whether the household's residents all have a registration, and it names their home."""
    from models.records.people import Resident
    from models.registry.addresses import lives_away

    building = Building.get_by_id(household.building_id).name
    residents = list(Resident.alive().where(Resident.household == household.uuid))
    return bool(residents) and all(
        resident.registered_address and not lives_away(resident.registered_address, household.address, household.room,
                                                       building, household.unit.name if household.unit_id else "")
        for resident in residents)


def test_a_demo_and_a_roster_import_are_counted_as_they_are_written(master, tmp_path, monkeypatch, capsys):
    from tests.roster_fixtures import layout_rows, roster_rows, write_roster_xlsx

    assert run(["--db", master, "demo", "--households", "300"]) == 0
    assert_kept_right(master, monkeypatch)
    header, rows, away = layout_rows(roster_rows(80, seed=5), "parts", seed=5)  # with 户籍地址: some live elsewhere
    roster = write_roster_xlsx(tmp_path / "花名册.xlsx", rows, header=header)
    assert run(["--db", master, "import-roster", str(roster)]) == 0
    assert_kept_right(master, monkeypatch)
    figures = _cli_figures(master, capsys)
    assert figures["households"] == 380
    assert figures["residents_living_away"] == away > 0
    open_database(master, create=False)
    try:  # a building renamed and a household moved: the homes their residents' registrations are compared with
        household = next(home for home in Household.alive().where(Household.room != "").order_by(Household.uuid)
                         if _registered_at_home(home))
        building = Building.get_by_id(household.building_id)
        building.name = "新" + building.name
        building.save()
        elsewhere = Building.alive().where(Building.uuid != building.uuid).order_by(Building.uuid).get()
        move_household(Household.get_by_id(household.uuid), elsewhere, None, "7-1")
    finally:
        close_database()
    assert_kept_right(master, monkeypatch)
    assert _cli_figures(master, capsys)["residents_living_away"] != away


def _laptop_changes(laptop: Laptop) -> None:
    """On a laptop: a household moved to another grid, one removed, links removed and added, a cadre removed,
    visits recorded and a demand raised, accepted and closed — what its next workbook carries to the master."""
    with laptop.open():
        linked = Household.uuid.in_(Assignment.select(Assignment.household).where(Assignment.deleted == False))  # noqa: E712
        households = list(Household.alive().where(linked).order_by(Household.uuid).limit(6))
        elsewhere = Building.alive().where(Building.grid != households[0].grid_id).order_by(Building.uuid).get()
        move_household(households[0], elsewhere, None, "99-1")
        operations.remove_household(household=households[1].uuid)
        for assignment in Assignment.alive().where(Assignment.household == households[2].uuid):
            unlink(Cadre.get_by_id(assignment.cadre_id), households[2])
        linked_elsewhere = Assignment.alive().where(Assignment.household != households[3].uuid).get()
        link(Cadre.get_by_id(linked_elsewhere.cadre_id), households[3])
        removed = Cadre.get_by_id(Assignment.alive().where(Assignment.household == households[4].uuid).get().cadre_id)
        removed.mark_deleted()
        visitor = Cadre.alive().get()
        record_visit(households[5], [visitor], visited_on=TODAY)
        record_visit(households[3], [visitor], visited_on=TODAY.replace(day=1))
        demand = raise_demand(households[5], "楼道灯坏了", raised_on=TODAY)
        accept(demand, on=TODAY)
        close(demand, on=TODAY, outcome="solved")
        units = list(ResponsibleUnit.alive().order_by(ResponsibleUnit.uuid).limit(2))
        whistled = raise_demand(households[3], "路灯不亮", raised_on=TODAY.replace(day=1))
        dispatch(whistled, [DispatchTarget(units[0])], on=TODAY.replace(day=1))
        dispatch(whistled, [DispatchTarget(units[1])], on=TODAY)  # the whistle: a second unit, today
        for sent in Dispatch.alive().where(Dispatch.demand != whistled.uuid).order_by(Dispatch.uuid).limit(2):
            sent.mark_deleted()  # dispatches taken back


def test_merges_that_add_move_and_delete_households_and_links_keep_the_counts(master, tmp_path, monkeypatch, capsys):
    laptop = Laptop(tmp_path / "laptop.db", "laptop")
    assert run(["--db", str(laptop.path), "demo", "--households", "500"]) == 0
    office = Laptop(master, "office")
    assert all(receipt.accepted for receipt in office.merge(laptop.export(tmp_path / "first.xlsx")))
    assert_kept_right(master, monkeypatch)
    _laptop_changes(laptop)
    assert all(receipt.accepted for receipt in office.merge(laptop.export(tmp_path / "second.xlsx")))
    assert_kept_right(master, monkeypatch)
    assert _cli_figures(master, capsys) == _cli_figures(str(laptop.path), capsys)  # as the laptop counts them


def test_edits_on_the_master_and_their_undo_keep_the_counts(master, monkeypatch):
    assert run(["--db", master, "demo", "--households", "500"]) == 0
    open_database(master, create=False)
    try:
        household = Household.alive().order_by(Household.uuid).get()
        before = HouseholdValues.of(household)
        elsewhere = Building.alive().where(Building.grid != household.grid_id).order_by(Building.uuid).get()
        operations.edit_household(household=household.uuid, values=HouseholdValues(elsewhere.uuid, None, "12-3"))
        residents = operations.remove_household(household=household.uuid).value
    finally:
        close_database()
    assert_kept_right(master, monkeypatch)
    open_database(master, create=False)
    try:  # undone, newest first: the removal, then the move
        operations.restore_household(household=household.uuid, residents=residents)
        operations.edit_household(household=household.uuid, values=before)
    finally:
        close_database()
    assert_kept_right(master, monkeypatch)


def test_a_restore_brings_back_the_counts_of_the_records_it_brings_back(master, tmp_path, monkeypatch, capsys):
    laptop = Laptop(tmp_path / "laptop.db", "laptop")
    assert run(["--db", str(laptop.path), "demo", "--households", "500"]) == 0
    assert run(["--db", master, "merge", str(laptop.export(tmp_path / "first.xlsx"))]) == 0
    figures_before = _cli_figures(master, capsys)
    _laptop_changes(laptop)
    assert run(["--db", master, "merge", str(laptop.export(tmp_path / "second.xlsx"))]) == 0
    assert _cli_figures(master, capsys) != figures_before
    assert run(["--db", master, "backups"]) == 0
    newest = capsys.readouterr().out.splitlines()[0].split("\t")[0]  # the copy made before the second merge
    assert run(["--db", master, "restore", newest]) == 0
    assert_kept_right(master, monkeypatch)
    assert _cli_figures(master, capsys) == figures_before


def test_an_office_moved_from_sqlite_is_counted_as_it_is_copied(master, tmp_path, monkeypatch, capsys):
    office = Laptop(tmp_path / "office.db", "office")
    assert run(["--db", str(office.path), "demo", "--households", "500"]) == 0
    _laptop_changes(office)
    assert run(["--db", master, "move-to-postgres", str(office.path)]) == 0
    assert_kept_right(master, monkeypatch)
    assert _cli_figures(master, capsys) == _cli_figures(str(office.path), capsys)


def test_a_copy_from_before_the_kept_counts_put_back_is_counted_again(master, monkeypatch):
    """What `restore` of a pg_dump made before migration 14 leaves: its records (changed since the counts were
    kept), no triggers, the kept tables of the master it replaced, and schema version 13."""
    assert run(["--db", master, "demo", "--households", "100"]) == 0
    with closing(_connect(master)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                       "WHERE t.tgname LIKE 'lianxin_kept_%'")
        for trigger, table in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER "{trigger}" ON "{table}"')
        cursor.execute('UPDATE "household" SET "deleted" = 1 WHERE "uuid" IN '
                       '(SELECT "uuid" FROM "household" ORDER BY 1 LIMIT 10)')
        cursor.execute('UPDATE "lianxin_schema" SET "version" = 13')
        connection.commit()
    assert_kept_right(master, monkeypatch)  # opened, it is migrated to 14 again


# ----- two writers at once --------------------------------------------------------------------------------


def _connect(url: str):
    connection = psycopg2.connect(url)
    connection.autocommit = False
    return connection


def _waiting_for_a_lock(url: str, pid: int) -> bool:
    with closing(psycopg2.connect(url)) as watcher, watcher.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,))
        return cursor.fetchone()[0] == "Lock"


def test_a_second_writer_of_the_same_household_waits_for_the_first_and_loses_nothing(master, monkeypatch):
    """The hazard of kept counts: two transactions each counting a household from what it saw.  Here one
    removes the household's links while the other records a visit to it, uncommitted at the same time."""
    assert run(["--db", master, "demo", "--households", "40"]) == 0
    with closing(_connect(master)) as first, closing(_connect(master)) as second:
        with first.cursor() as cursor:
            cursor.execute('SELECT a."household_id" FROM "assignment" a WHERE a."deleted" = 0 ORDER BY 1 LIMIT 1')
            (household,) = cursor.fetchone()
            cursor.execute('UPDATE "assignment" SET "deleted" = 1 WHERE "household_id" = %s', (household,))
            cursor.execute("SELECT pg_backend_pid()")
        with second.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (second_pid,) = cursor.fetchone()
        finished = threading.Event()

        def visit() -> None:
            with second.cursor() as cursor:
                cursor.execute('INSERT INTO "visit" ("uuid", "household_id", "visited_on") VALUES (%s, %s, %s)',
                               ("visit-of-the-second-writer", household, TODAY.isoformat()))
            second.commit()
            finished.set()

        writer = threading.Thread(target=visit)
        writer.start()
        while not finished.is_set() and not _waiting_for_a_lock(master, second_pid):
            pass  # until the second writer waits for the first's lock on the household's counts
        assert not finished.is_set()
        first.commit()
        writer.join(timeout=60)
        assert finished.is_set()
    assert_kept_right(master, monkeypatch)


WRITER = """
import datetime as dt, sys
from models.database import open_database
from models.records.people import Assignment, Cadre, Household
from models.registry.assignments import link, unlink
from models.work.visits import record_visit
open_database(sys.argv[1], create=False)
households = list(Household.alive().order_by(Household.uuid).limit(30))
cadres = list(Cadre.alive().order_by(Cadre.uuid).limit(2))
for round in range(3):
    for household in households:
        if sys.argv[2] == "links":
            (unlink if round % 2 == 0 else link)(cadres[0], household)
            (link if round % 2 == 0 else unlink)(cadres[1], household)
        else:
            record_visit(household, [cadres[0]], visited_on=dt.date.today().replace(day=1 + round))
"""


def test_two_workstations_writing_the_same_households_at_once_lose_no_count(master, monkeypatch):
    assert run(["--db", master, "demo", "--households", "60"]) == 0
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, master, kind], cwd=ROOT, stderr=subprocess.PIPE,
                                text=True) for kind in ("links", "visits")]
    for writer in writers:
        _, error = writer.communicate(timeout=600)
        assert writer.returncode == 0, error
    assert_kept_right(master, monkeypatch)
