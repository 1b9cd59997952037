"""Who saw what: full ID numbers or phones printed or found are written down, with the records, and the history shows it."""

from __future__ import annotations

from desktop.cli import run
from desktop.operations.printing import PrintOptions, print_document
from models.database import close_database, open_database
from models.disclosures import Disclosure, disclosures_of, recent_disclosures
from models.records.people import Household, Resident
from models.scope import Scope
from tests.exchange_fixtures import seed_registry
from ui.daily.history import history_rows


def test_a_masked_print_writes_nothing_and_an_unmasked_one_names_its_households(db, tmp_path):
    seed_registry(db)
    db.rename(db.device_name, "牟雪")
    print_document(document="visitbook", scope=Scope(), path=tmp_path / "masked.pdf")
    assert Disclosure.select().count() == 0
    print_document(document="visitbook", scope=Scope(), path=tmp_path / "full.pdf",
                   options=PrintOptions(show_id_numbers=True))
    [entry] = recent_disclosures()
    assert (entry.user, entry.shown, entry.channel, entry.record_count) == ("牟雪", "id_numbers", "print", 2)
    assert "full.pdf" in entry.what
    households = [household.uuid for household in Household.select()]
    assert all(disclosures_of([uuid]) == [entry] for uuid in households)


def test_find_unmasked_writes_which_residents_were_shown_and_masked_find_does_not(tmp_path, capsys):
    path = tmp_path / "field.db"
    seed_registry(open_database(path))
    resident = Resident.get(Resident.name == "张三明").uuid
    close_database()
    assert run(["--db", str(path), "find", "张三明"]) == 0
    assert run(["--db", str(path), "find", "张三明", "--unmasked"]) == 0
    capsys.readouterr()
    assert run(["--db", str(path), "disclosures"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 1 and "full ID numbers and phones\tfind\t1 records" in listed[0]
    open_database(path)
    try:
        [entry] = recent_disclosures()
        assert entry.channel == "find" and entry.shown == "id_numbers phones"
        assert disclosures_of([resident]) == [entry]
    finally:
        close_database()


def test_the_history_of_a_household_shows_who_printed_its_numbers_whole(db, tmp_path):
    from models.history import related_records

    seed_registry(db)
    db.rename(db.device_name, "牟雪")
    household = Household.select().order_by(Household.room).first()
    before = history_rows(related_records(household))
    print_document(document="visitbook", scope=Scope(), path=tmp_path / "full.pdf",
                   options=PrintOptions(show_phones=True))
    after = history_rows(related_records(household))
    assert len(after) == len(before) + 1
    shown = [row for row in after if row.entry.startswith("disclosure-")]
    assert [(row.who, row.action, row.field) for row in shown] == [("牟雪", "Shown whole", "full phones")]
    assert "full.pdf" in shown[0].after
