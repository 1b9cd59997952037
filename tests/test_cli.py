"""The command line: demo, check, stats, refusals and exit statuses."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import run
from models.database import close_database, open_database
from models.demo import generate_demo
from models.schema import SYNCED_MODELS

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("demo", "import-roster", "find", "export", "merge", "print", "stats", "check")


def stats_of(path, capsys) -> dict:
    assert run(["--db", str(path), "stats", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_demo_check_and_stats(tmp_path, capsys):
    path = tmp_path / "x.db"
    assert run(["--db", str(path), "demo", "--households", "300"]) == 0
    assert "300 households" in capsys.readouterr().out
    assert run(["--db", str(path), "check"]) == 0
    assert "OK" in capsys.readouterr().out
    figures = stats_of(path, capsys)
    for key in ("households", "residents", "buildings", "shops", "cadres", "assignments", "visits", "demands", "conflicts"):
        assert isinstance(figures[key], int), key
    assert figures["households"] == 300
    assert 2.3 < figures["residents"] / figures["households"] < 3.5
    assert figures["conflicts"] == 0
    assert 0 < figures["visits"] and 0 < figures["demands"] and 0 < figures["shops"]


def test_stats_counts_follow_the_records(tmp_path, capsys):
    path = tmp_path / "y.db"
    run(["--db", str(path), "demo", "--households", "50"])
    capsys.readouterr()
    open_database(path)
    from models.records.people import Household

    Household.alive().first().mark_deleted()
    close_database()
    assert stats_of(path, capsys)["households"] == 49


def test_demo_refuses_a_database_that_already_has_households(tmp_path, capsys):
    path = tmp_path / "z.db"
    run(["--db", str(path), "demo", "--households", "20"])
    assert run(["--db", str(path), "demo", "--households", "20"]) == 1
    assert "already holds households" in capsys.readouterr().err


def test_not_a_database_exits_1_with_one_line_and_the_file_unchanged(tmp_path, capsys):
    path = tmp_path / "notadb.txt"
    path.write_text("hello\n")
    before = hashlib.sha256(path.read_bytes()).digest()
    assert run(["--db", str(path), "check"]) == 1
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "not a Lianxin database" in error
    assert hashlib.sha256(path.read_bytes()).digest() == before


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    assert run([command, "--help"]) == 0
    assert "usage: lianxin" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys):
    assert run(["frobnicate"]) == 2


def test_python_dash_m_desktop_is_the_same_entry_point(tmp_path):
    path = tmp_path / "m.db"
    open_database(path)
    close_database()
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(path), "stats", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["households"] == 0


def content_of_every_table() -> dict:
    """All records without version stamps (device ids differ between databases)."""
    return {
        model._meta.table_name: sorted((repr(sorted(r.content().items())), r.uuid) for r in model.select())
        for model in SYNCED_MODELS
    }


def test_demo_is_deterministic_for_a_seed(tmp_path):
    day = dt.date(2026, 11, 1)
    snapshots = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        open_database(tmp_path / f"{name}.db")
        generate_demo(200, seed=seed, today=day)
        snapshots.append(content_of_every_table())
        close_database()
    assert snapshots[0] == snapshots[1]
    assert snapshots[0] != snapshots[2]


def test_demo_data_is_realistic(db):
    from models.records.identity import id_number_problem, normalise_phone
    from models.records.people import Household, Resident
    from models.records.work import Demand, ReturnVisit

    day = dt.date(2026, 11, 1)
    generate_demo(1500, seed=3, today=day)
    residents = list(Resident.select())
    assert all(id_number_problem(r.id_number, today=day) is None for r in residents)
    assert len({r.id_number for r in residents}) == len(residents)
    assert all(normalise_phone(h.phone) == h.phone for h in Household.select())
    sizes = [h.residents.count() for h in Household.select()]
    assert min(sizes) >= 1 and max(sizes) <= 6
    states = {d.state for d in Demand.select()}
    assert states == {"pending", "accepted", "in_progress", "closed", "rejected"}
    assert Demand.select().where(Demand.state.in_(("accepted", "in_progress")), Demand.deadline < day).count() > 0
    assert ReturnVisit.select().count() > 0
    from models.records.people import Assignment

    linked = Household.select().join(Assignment).distinct().count()
    assert 0.85 < linked / 1500 < 1.0


def test_demo_cancel_leaves_the_database_unchanged(db):
    from models.progress import Cancelled, Progress
    from models.records.people import Household

    progress = Progress(lambda done, total, message: progress.cancel())
    with pytest.raises(Cancelled):
        generate_demo(200, progress=progress)
    assert Household.select().count() == 0


def test_demo_follows_the_rules_of_daily_work(db):
    """Dissatisfied means reopened; lists are the ones every laptop creates on first use."""
    from models.records.base import derived_uuid
    from models.work.reference_lists import DEFAULT_CATEGORIES, DEFAULT_UNITS
    from models.records.people import ResponsibleUnit
    from models.records.work import Demand, DemandCategory, ReturnVisit

    generate_demo(600, seed=5, today=dt.date(2026, 11, 1))
    unhappy = Demand.select().join(ReturnVisit).where(ReturnVisit.satisfaction == "dissatisfied")
    assert unhappy.count() > 0
    assert all(d.state != "closed" and d.closed_on is None for d in unhappy)
    known = {derived_uuid("demand_category", name) for name, _ in DEFAULT_CATEGORIES}
    assert {c.uuid for c in DemandCategory.select()} <= known
    assert {u.uuid for u in ResponsibleUnit.select()} == {derived_uuid("responsible_unit", n) for n in DEFAULT_UNITS}


def test_demo_addresses_are_unique(db):
    """The duplicates screen must not see false pairs in demo data."""
    from models.storage.connection import database

    generate_demo(2500, seed=2, today=dt.date(2026, 11, 1))
    repeated = database.execute_sql(
        "SELECT count(*) FROM (SELECT address FROM household GROUP BY address HAVING count(*) > 1)"
    ).fetchone()[0]
    assert repeated == 0


def test_print_command_offers_every_document_the_printer_knows():
    from desktop.commands.print_documents import DOCUMENTS
    from desktop.printing import RENDERERS

    assert sorted(DOCUMENTS) == sorted(RENDERERS)
