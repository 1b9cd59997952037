"""Data for the reliability tests, made once per test run: a roster read by a second process, workbooks
that merge in two commits, an office database.  Import the fixtures into a test module to use them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.roster_fixtures import roster_rows, write_roster_csv, write_roster_xlsx

DAY = dt.date(2026, 11, 1)


def _demo_database(path: Path, households: int, seed: int) -> None:
    from models.database import close_database, open_database
    from models.demo import generate_demo

    open_database(path)
    try:
        generate_demo(households, seed=seed, today=DAY)
    finally:
        close_database()


def _export(db_path: Path, target: Path, scope=None) -> Path:
    from models.database import close_database, open_database
    from sync.exchange.writer import export_workbook

    installation = open_database(db_path)
    try:
        export_workbook(target, scope, installation=installation, app_version="test")
    finally:
        close_database()
    return target


@pytest.fixture(scope="session")
def big_roster(tmp_path_factory) -> Path:
    """7,000 households (≈20,300 rows): big enough to be read and checked by a second process."""
    folder = tmp_path_factory.mktemp("roster")
    return write_roster_xlsx(folder / "roster.xlsx", roster_rows(7_000, seed=5), write_only=True)


@pytest.fixture(scope="session")
def small_roster(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small-roster")
    return write_roster_csv(folder / "small.csv", roster_rows(6, seed=9, start=90_000))


@pytest.fixture(scope="session")
def medium_roster(tmp_path_factory) -> Path:
    """1,000 households (≈2,900 rows) in a .csv: more than the free room inside a database's pages."""
    folder = tmp_path_factory.mktemp("medium-roster")
    return write_roster_csv(folder / "medium.csv", roster_rows(1_000, seed=11, start=50_000))


@pytest.fixture(scope="session")
def office(tmp_path_factory) -> Path:
    """An office database of 800 demo households."""
    path = tmp_path_factory.mktemp("office") / "office.db"
    _demo_database(path, 800, seed=3)
    return path


@pytest.fixture(scope="session")
def merge_books(tmp_path_factory) -> list[Path]:
    """A district's workbook (more rows than one commit holds) and nine laptops' packages of another district:
    merged in this order they commit twice, the second time read ahead by reading processes."""
    from models.scope import Scope

    folder = tmp_path_factory.mktemp("books")
    first, second = folder / "a.db", folder / "b.db"
    _demo_database(first, 2_400, seed=1)  # ≈ 21,000 rows: more than one commit holds (merge.GROUP_ROWS)
    _demo_database(second, 1_500, seed=2)
    books = [_export(first, folder / "district.xlsx")]
    import sqlite3

    connection = sqlite3.connect(second)
    cadres = [row[0] for row in connection.execute("SELECT uuid FROM cadre WHERE deleted = 0 ORDER BY name LIMIT 9")]
    connection.close()
    for number, cadre in enumerate(cadres, start=1):
        books.append(_export(second, folder / f"laptop{number}.xlsx", Scope(cadre=cadre)))
    return books


@pytest.fixture(scope="session")
def merged_clean(merge_books, tmp_path_factory) -> Path:
    """A new database into which `merge_books` were merged by the command line, uninterrupted."""
    from tests.reliability import run

    path = tmp_path_factory.mktemp("clean-merge") / "clean.db"
    merged = run("--db", path, "merge", *merge_books)
    assert merged.process.returncode == 0, merged.err
    return path


@pytest.fixture(scope="session")
def laptop_books(merge_books) -> list[Path]:
    """The nine laptops' packages alone: a quick merge, read ahead by reading processes."""
    return merge_books[1:]


@pytest.fixture(scope="session")
def laptops_merged(laptop_books, tmp_path_factory) -> Path:
    """A new database into which `laptop_books` were merged, uninterrupted."""
    from tests.reliability import run

    path = tmp_path_factory.mktemp("laptops-merged") / "clean.db"
    merged = run("--db", path, "merge", *laptop_books)
    assert merged.process.returncode == 0, merged.err
    return path
