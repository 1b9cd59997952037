"""The office master on PostgreSQL: opening and refusing, the same figures and workbooks as SQLite, merges at once.

Needs a server (LIANXIN_TEST_PG; .ci/run starts a throwaway one): without it every test here is skipped, saying why.
The core tests (storage, search, figures, the exchange) run on both stores through the `both_databases` marker.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import run
from desktop.failures import explain
from models.database import DatabaseRefused, close_database, open_database
from models.migrations import LATEST_VERSION
from models.progress import Progress
from models.records.people import Household
from models.storage.connection import database
from sync.exchange import merge as merge_module
from sync.exchange.merge import MergeStopped, merge_workbooks
from tests.exchange_fixtures import Laptop, office_with_registry
from tests.postgres_server import _admin, drop_database, empty_database, master, new_database, server_url  # noqa: F401
from tests.test_merge_laws import laptop_workbooks, operations

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty():
    url = empty_database()
    yield url
    close_database()
    drop_database(url)


def tables_of(url: str) -> list[str]:
    with closing(_admin(url)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        return [name for (name,) in cursor.fetchall()]


def sql(url: str, statement: str) -> None:
    with closing(_admin(url)) as connection, connection.cursor() as cursor:
        cursor.execute(statement)


# ----- opening and refusing ---------------------------------------------------------------------


def test_an_empty_database_becomes_a_migrated_lianxin_database(empty):
    installation = open_database(empty)
    assert installation.device_id
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    close_database()
    assert {"household", "resident", "search_key", "lianxin_schema"} <= set(tables_of(empty))
    open_database(empty)  # a second opening finds it as it left it
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_a_database_of_another_program_is_refused_and_left_as_it_was(empty):
    sql(empty, "CREATE TABLE invoices (id integer)")
    with pytest.raises(DatabaseRefused, match="another program"):
        open_database(empty)
    assert tables_of(empty) == ["invoices"]


def test_a_database_of_a_newer_lianxin_is_refused(master):
    sql(master, f"UPDATE lianxin_schema SET version = {LATEST_VERSION + 1}")
    with pytest.raises(DatabaseRefused, match="newer Lianxin"):
        open_database(master)


def test_a_command_that_only_reads_creates_nothing_in_an_empty_database(empty, capsys):
    assert run(["--db", empty, "stats", "--json"]) == 1
    error = capsys.readouterr().err.strip()
    assert "not a Lianxin database yet" in error and len(error.splitlines()) == 1
    assert tables_of(empty) == []


def test_an_unreachable_server_is_one_line_and_exit_1_without_the_password(capsys):
    server_url()  # (skips without a test server, like every test here)
    assert run(["--db", "postgresql://staff:s3cret@127.0.0.1:1/office", "stats", "--json"]) == 1
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "cannot reach the PostgreSQL server" in error
    assert "s3cret" not in error and "staff:***@127.0.0.1" in error


# ----- the same answers as SQLite -----------------------------------------------------------------


def test_the_same_demo_gives_the_same_stats_json_on_both_stores(master, tmp_path, capsys):
    file = tmp_path / "demo.db"
    for where in (str(file), master):
        assert run(["--db", where, "demo", "--households", "2000"]) == 0
    capsys.readouterr()
    figures = []
    for where in (str(file), master):
        assert run(["--db", where, "stats", "--json"]) == 0
        figures.append(json.loads(capsys.readouterr().out))
    assert figures[0]["households"] == 2000
    assert figures[0] == figures[1]


def test_a_workbook_from_either_store_merges_into_the_other_unchanged(master, tmp_path, capsys):
    laptop = Laptop(tmp_path / "district.db", "district")
    assert run(["--db", str(laptop.path), "demo", "--households", "150"]) == 0
    from_sqlite = laptop.export(tmp_path / "from_sqlite.xlsx")
    office = Laptop(master, "office")
    assert all(receipt.accepted for receipt in office.merge(from_sqlite))
    assert office.snapshot() == laptop.snapshot()

    from_postgres = office.export(tmp_path / "from_postgres.xlsx")
    back = Laptop(tmp_path / "back.db", "back")
    assert all(receipt.accepted for receipt in back.merge(from_postgres))
    assert back.snapshot() == laptop.snapshot()


def test_search_finds_by_one_or_two_hanzi_initials_phone_tail_and_address(master, tmp_path, capsys):
    assert run(["--db", master, "demo", "--households", "120"]) == 0
    open_database(master)
    resident = database.execute_sql(
        "SELECT name, phone FROM resident WHERE length(name) = 3 AND phone != '' ORDER BY uuid LIMIT 1").fetchone()
    address = database.execute_sql("SELECT address FROM household ORDER BY uuid LIMIT 1").fetchone()[0]
    close_database()
    name, phone = resident
    from models.registry.search import initials

    for question, matched in ((name[:1], "name"), (name[1:], "name"), (initials(name), "initials"),
                              (phone[-4:], "phone"), (address[-6:], "address"), (address[:2], "address")):
        capsys.readouterr()
        assert run(["--db", master, "find", question]) == 0, question
        lines = capsys.readouterr().out.splitlines()
        assert lines, f"nothing found for {question!r} ({matched})"
        if matched == "address":
            assert all(question in line for line in lines)


# ----- merging ------------------------------------------------------------------------------------


def _twenty_laptop_workbooks(folder: Path, count: int = 20) -> tuple[Path, list[Path]]:
    """The office's workbook, and twenty laptops' workbooks that each edited the same households (concurrent edits)."""
    _, ids, base = office_with_registry(folder)
    books = []
    for number in range(count):
        laptop = Laptop(folder / f"laptop{number}.db", f"网格员{number}")
        laptop.merge(base)
        with laptop.open():
            for household in Household.select():
                household.notes = f"{household.notes}；{number}号走访".lstrip("；")
                household.save()
        books.append(laptop.export(folder / f"laptop{number}.xlsx"))
    return base, books


def _merge_command(url: str, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "desktop", "--db", url, "merge", *map(str, files)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_two_workstations_merging_halves_of_twenty_packages_at_once_equal_one_serial_merge(tmp_path):
    base, books = _twenty_laptop_workbooks(tmp_path)
    serial, together = new_database(), new_database()
    try:
        serial_office = Laptop(serial, "office")
        assert all(receipt.accepted for receipt in serial_office.merge(base, *books))
        together_office = Laptop(together, "office")
        together_office.merge(base)
        first, second = _merge_command(together, books[0::2]), _merge_command(together, books[1::2])
        for process in (first, second):
            _, error = process.communicate(timeout=600)
            assert process.returncode == 0, error
            assert "backup copy: " in error and ".dump" in error  # pg_dump's copy, never a file named after the URL
        assert together_office.snapshot() == serial_office.snapshot()
        with together_office.open():
            assert database.execute_sql("SELECT count(*) FROM conflict WHERE status = 'open'").fetchone()[0] > 0
    finally:
        drop_database(serial)
        drop_database(together)


def test_a_file_decided_before_its_turn_to_write_is_decided_again_if_another_workstation_wrote_meanwhile(
        tmp_path, monkeypatch):
    """Workstations decide what each row does at the same time and take turns only to write; when another
    one wrote the same records in between, the decisions are made again in the turn: nothing is lost."""
    base, (first, second) = _twenty_laptop_workbooks(tmp_path, count=2)
    serial, raced = new_database(), new_database()
    try:
        serial_office = Laptop(serial, "office")
        serial_office.merge(base, first, second)
        office = Laptop(raced, "office")
        office.merge(base)
        decided_again = []
        writing_turn = merge_module._writing_turn

        def another_workstation_writes_first(merge, file_print):
            other = _merge_command(raced, [first])  # decided already here; `first` edits the same households
            _, error = other.communicate(timeout=600)
            assert other.returncode == 0, error
            unchanged = writing_turn(merge, file_print)
            decided_again.append(not unchanged)
            return unchanged

        monkeypatch.setattr(merge_module, "_writing_turn", another_workstation_writes_first)
        receipts = office.merge(second)
        assert decided_again == [True]
        assert receipts[0].accepted and receipts[0].conflicts > 0
        assert office.snapshot() == serial_office.snapshot()
    finally:
        drop_database(serial)
        drop_database(raced)


class _ServerGoesAway(Progress):
    """Ends this process's connection on the server when the second file is being merged."""

    def __init__(self, url: str) -> None:
        super().__init__(min_interval=0)
        self.url, self.done = url, False

    def step(self, done: int, total: int, message: str = "") -> None:
        if not self.done and message.startswith("laptop1"):
            self.done = True
            pid = database.connection()._connection.get_backend_pid()
            sql(self.url, f"SELECT pg_terminate_backend({pid})")
        super().step(done, total, message)


def test_a_server_that_goes_away_mid_merge_leaves_nothing_half_written(master, tmp_path):
    """On PostgreSQL each file commits on its own (its turn to write ends with it): the file before is kept
    whole, the file under way not at all."""
    base, books = _twenty_laptop_workbooks(tmp_path)
    office = Laptop(master, "office")
    office.merge(base)
    with office.open() as installation:
        with pytest.raises(MergeStopped) as stopped:
            merge_workbooks(books[:3], installation=installation, progress=_ServerGoesAway(master))
        line = explain(stopped.value.cause, database_path_of(master))
    assert line is not None and "server went away" in line and len(line.splitlines()) == 1
    assert [receipt.file for receipt in stopped.value.kept] == [books[0].name]
    assert stopped.value.stopped_at == books[1]
    expected = new_database()
    try:
        serial = Laptop(expected, "office")
        serial.merge(base, books[0])
        assert office.snapshot() == serial.snapshot()
    finally:
        drop_database(expected)


def database_path_of(url: str):
    from models.storage.postgres_url import PostgresUrl

    return PostgresUrl(url)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations, st.permutations(range(3)), st.permutations(range(3)))
def test_offices_on_postgres_merging_in_any_order_and_grouping_agree_with_sqlite(history, first_order, second_order):
    """The merge laws with the offices on PostgreSQL and the laptops on SQLite: idempotent, commutative,
    associative, and the same records as an office on SQLite."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        base, books = laptop_workbooks(folder, history)

        on_sqlite = Laptop(folder / "office.db", "office")
        assert all(r.accepted for r in on_sqlite.merge(base, *(books[i] for i in first_order)))
        urls = [new_database() for _ in range(3)]
        try:
            once, twice, middle = (Laptop(url, "office") for url in urls)
            assert all(r.accepted for r in once.merge(base, *(books[i] for i in first_order)))
            assert all(r.accepted for r in twice.merge(*(books[i] for i in second_order), base, *books, base))
            middle.merge(books[first_order[0]], books[first_order[1]])
            grouped = Laptop(folder / "grouped.db", "grouped")
            grouped.merge(books[first_order[2]], middle.export(folder / "middle.xlsx"), base)

            expected = on_sqlite.snapshot()
            assert once.snapshot() == expected
            assert twice.snapshot() == expected
            assert grouped.snapshot() == expected
        finally:
            for url in urls:
                drop_database(url)


# ----- moving an office ---------------------------------------------------------------------------


def test_moving_an_office_copies_every_table_and_it_goes_on_as_the_same_office(master, tmp_path, capsys):
    office = Laptop(tmp_path / "office.db", "office")
    assert run(["--db", str(office.path), "demo", "--households", "200"]) == 0
    with office.open() as installation:
        device = installation.device_id
    capsys.readouterr()
    assert run(["--db", master, "move-to-postgres", str(office.path)]) == 0
    copied = dict(line.split("\t") for line in capsys.readouterr().out.splitlines())
    assert copied["household"] == "200"
    assert Laptop(master, "office").snapshot() == office.snapshot()
    with Laptop(master, "office").open() as installation:
        assert installation.device_id == device  # the master is the same office, not a new device
    figures = []
    for where in (str(office.path), master):
        assert run(["--db", where, "stats", "--json"]) == 0
        figures.append(json.loads(capsys.readouterr().out))
    assert figures[0] == figures[1]
    assert run(["--db", master, "find", "丁街"]) == 0 and capsys.readouterr().out


def test_a_move_into_a_master_with_records_or_with_a_difference_writes_nothing(master, tmp_path, capsys, monkeypatch):
    import models.postgres_move as move

    office = Laptop(tmp_path / "office.db", "office")
    assert run(["--db", str(office.path), "demo", "--households", "30"]) == 0
    original = move._copy_table

    def losing_a_row(source, table, columns, raw):  # a copy that went wrong
        copied = original(source, table, columns, raw)
        if table == "resident":
            raw.execute('DELETE FROM "resident" WHERE "uuid" = (SELECT min("uuid") FROM "resident")')
        return copied

    monkeypatch.setattr(move, "_copy_table", losing_a_row)
    capsys.readouterr()
    assert run(["--db", master, "move-to-postgres", str(office.path)]) == 1
    error = [line for line in capsys.readouterr().err.splitlines() if line.startswith("lianxin ")]  # (not progress)
    assert len(error) == 1 and "table resident" in error[0] and "nothing was copied" in error[0]
    assert Laptop(master, "office").snapshot()["household"] == []

    monkeypatch.setattr(move, "_copy_table", original)
    assert run(["--db", master, "move-to-postgres", str(office.path)]) == 0
    assert run(["--db", master, "move-to-postgres", str(office.path)]) == 1
    assert "already holds records" in capsys.readouterr().err


# ----- copies with pg_dump ------------------------------------------------------------------------


def test_a_merge_keeps_a_pg_dump_copy_that_restore_puts_back(master, tmp_path, capsys):
    office = Laptop(tmp_path / "office.db", "office")
    assert run(["--db", str(office.path), "demo", "--households", "40"]) == 0
    workbook = office.export(tmp_path / "office.xlsx")
    empty = Laptop(master, "office").snapshot()
    assert run(["--db", master, "merge", str(workbook)]) == 0
    merged = Laptop(master, "office").snapshot()
    assert merged != empty
    assert run(["--db", master, "merge", str(workbook)]) == 0  # (a file merged before: no copy needed)
    capsys.readouterr()
    assert run(["--db", master, "backups"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 1 and listed[0].endswith("before a merge") and ".dump\t" in listed[0]

    assert run(["--db", master, "restore", listed[0].split("\t")[0]]) == 0  # the master as it was before the merge
    assert Laptop(master, "office").snapshot() == empty
    kept = [line for line in capsys.readouterr().err.splitlines() if line.startswith("the database as it was: ")]
    assert len(kept) == 1
    assert run(["--db", master, "restore", kept[0].split(": ", 1)[1]]) == 0  # and back to after it
    assert Laptop(master, "office").snapshot() == merged

    not_a_dump = tmp_path / "notes.dump"
    not_a_dump.write_text("not an archive")
    capsys.readouterr()
    assert run(["--db", master, "restore", str(not_a_dump)]) == 1
    assert "not a copy made by pg_dump" in capsys.readouterr().err
    assert Laptop(master, "office").snapshot() == merged


# ----- the window ---------------------------------------------------------------------------------


def test_the_window_opens_on_the_master_and_never_shows_the_password(master, qtbot, capsys):
    from urllib.parse import urlsplit

    from ui.app import may_create, open_main_window
    from ui.settings import AppSettings

    assert run(["--db", master, "demo", "--households", "20"]) == 0
    parts = urlsplit(master)
    with_password = parts._replace(netloc=f"{parts.username}:unused-secret@{parts.hostname}:{parts.port}").geturl()
    assert may_create(with_password)  # (a server's database is not a mistyped file name)
    from PySide6.QtCore import QSettings

    window = open_main_window(database_path_of(with_password),
                              AppSettings(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().endswith(parts.path.lstrip("/"))
    status = window.status_label.text()
    assert f"{parts.username}:***@{parts.hostname}" in status
    assert "unused-secret" not in status and "unused-secret" not in window.windowTitle()
    window.close()


# ----- the roster ---------------------------------------------------------------------------------


def test_a_roster_imports_into_the_master_as_into_a_file(master, tmp_path, capsys):
    from tests.roster_fixtures import roster_rows, write_roster_xlsx

    roster = write_roster_xlsx(tmp_path / "花名册.xlsx", roster_rows(150))
    assert run(["--db", master, "import-roster", str(roster), "--dry-run"]) == 0
    assert Laptop(master, "office").snapshot()["household"] == []  # a dry run writes nothing
    figures = []
    for where in (str(tmp_path / "district.db"), master):
        assert run(["--db", where, "import-roster", str(roster)]) == 0
        capsys.readouterr()
        assert run(["--db", where, "stats", "--json"]) == 0
        values = json.loads(capsys.readouterr().out)
        for row in values["coverage_by_grid"]:
            row.pop("grid_id")  # (each import makes its own grids)
        figures.append(values)
    assert figures[0]["households"] == 150
    assert figures[0] == figures[1]
    name = roster_rows(150)[0][1]
    assert run(["--db", master, "find", name]) == 0 and name in capsys.readouterr().out


def test_printed_documents_read_the_same_from_either_store(master, tmp_path, capsys):
    from tests.test_printing_documents import pdf_text

    file = tmp_path / "demo.db"
    for where in (str(file), master):
        assert run(["--db", where, "demo", "--households", "60"]) == 0
    for document in ("cards", "handbook", "visitbook"):
        texts = []
        for number, where in enumerate((str(file), master)):
            target = tmp_path / f"{document}{number}.pdf"
            assert run(["--db", where, "print", document, "-o", str(target)]) == 0
            texts.append(pdf_text(target))
        assert "丁街" in texts[0] and texts[0] == texts[1], document


# ----- the least-privilege role of docs/postgresql.md ---------------------------------------------


def _documented_staff_grants() -> list[str]:
    """The statements docs/postgresql.md gives for the staff role, run as the owner (after its CREATE ROLE)."""
    text = (ROOT / "docs" / "postgresql.md").read_text(encoding="utf-8")
    block = text.split("### A least-privilege role for office staff", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    statements = " ".join(line.split("--")[0] for line in block.splitlines()).split(";")
    return [statement.strip() for statement in statements if statement.strip() and "CREATE ROLE" not in statement]


def test_office_staff_with_the_documented_grants_merge_search_report_and_cannot_delete(tmp_path, capsys):
    import uuid
    from urllib.parse import urlsplit

    import psycopg2

    admin_url = server_url()
    tag = uuid.uuid4().hex[:6]
    owner, staff, name = f"lx_owner_{tag}", f"lx_staff_{tag}", f"lx_city_{tag}"
    parts = urlsplit(admin_url)

    def as_(user: str, database: str) -> str:
        return parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}", path=f"/{database}").geturl()

    try:
        sql(admin_url, f"CREATE ROLE {owner} LOGIN")
    except psycopg2.errors.InsufficientPrivilege:
        pytest.skip("the test server's role may not create roles")
    try:
        sql(admin_url, f"CREATE DATABASE {name} OWNER {owner} ENCODING 'UTF8' TEMPLATE template0")
        sql(admin_url, f"CREATE ROLE {staff} LOGIN")
        open_database(as_(owner, name))  # the owner's first opening creates and migrates the schema
        close_database()
        for statement in _documented_staff_grants():
            sql(as_(owner, name), statement.replace("lianxin_staff", staff).replace("lianxin_owner", owner)
                .replace("lianxin_city", name))

        office = Laptop(tmp_path / "office.db", "office")
        assert run(["--db", str(office.path), "demo", "--households", "30"]) == 0
        workbook = office.export(tmp_path / "office.xlsx")
        staff_url = as_(staff, name)
        for command in (["merge", str(workbook)], ["find", "丁街"], ["stats", "--json"], ["check"],
                        ["export", str(tmp_path / "again.xlsx")]):
            assert run(["--db", staff_url, *command]) == 0, command
        for forbidden in ('DELETE FROM "household"', 'DROP TABLE "visit"', 'TRUNCATE "resident"'):
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                sql(staff_url, forbidden)
        assert Laptop(staff_url, "office").snapshot() == office.snapshot()
    finally:
        close_database()
        sql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        sql(admin_url, f"DROP ROLE IF EXISTS {staff}")
        sql(admin_url, f"DROP ROLE IF EXISTS {owner}")


def test_bulk_inserts_sent_as_copy_keep_every_value_as_written(master):
    """A merge's or an import's rows go to the server as COPY text: tabs, line breaks, backslashes,
    a text that reads \\N, empty text beside NULL, numbers and dates come back as they were given."""
    import datetime as dt

    open_database(master)
    database.execute_native('CREATE TEMP TABLE "copied" ("number" BIGINT, "text" TEXT, "other" TEXT, "ratio" DOUBLE PRECISION)')
    rows = [(1, "张三\t李四", "第一行\n第二行\r", 0.5), (2, "C:\\文件\\N", "\\N", None), (3, "", None, 2.0),
            (4, dt.date(2026, 12, 7), True, -1.25), (5, "plain", "普通", 3)]
    with database.atomic():
        database.cursor().executemany('INSERT INTO "copied" ("number", "text", "other", "ratio") VALUES (?, ?, ?, ?)',
                                      rows)
        stored = database.execute_sql('SELECT "number", "text", "other", "ratio" FROM "copied" ORDER BY 1').fetchall()
    assert stored == [(1, "张三\t李四", "第一行\n第二行\r", 0.5), (2, "C:\\文件\\N", "\\N", None), (3, "", None, 2.0),
                      (4, "2026-12-07", "1", -1.25), (5, "plain", "普通", 3.0)]
