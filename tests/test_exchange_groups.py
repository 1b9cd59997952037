"""Merging many files commits them in groups; each file must still be all or nothing."""

from __future__ import annotations

import zipfile

import pytest

from models.storage.connection import database
from models.records.people import Household, Resident
from models.progress import Cancelled, Progress
from sync.exchange.merge import merge_workbooks
from tests.exchange_fixtures import Laptop, seed_registry
from tests.test_exchange_files import _households_member


def _registry_workbook(folder, name: str):
    """A laptop of its own with the small registry (its own uuids), exported; returns (workbook, ids)."""
    laptop = Laptop(folder / f"{name}.db", name)
    with laptop.open() as installation:
        ids = seed_registry(installation)
    return laptop.export(folder / f"{name}.xlsx"), ids


def _point_households_at_a_missing_grid(source, target, grid_uuid: str) -> None:
    member = _households_member(source)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == member:
                data = data.replace(grid_uuid.encode(), b"00000000-0000-4000-8000-000000000000")
            copy.writestr(item, data)


def test_a_refused_file_among_many_leaves_the_others_merged_and_nothing_of_its_own(tmp_path):
    first, first_ids = _registry_workbook(tmp_path, "first")
    sound, bad_ids = _registry_workbook(tmp_path, "second")
    last, last_ids = _registry_workbook(tmp_path, "third")
    bad = tmp_path / "second-edited.xlsx"
    _point_households_at_a_missing_grid(sound, bad, bad_ids["grid"])

    with Laptop(tmp_path / "field.db", "field").open() as installation:
        receipts = merge_workbooks([first, bad, last], installation=installation)

        assert [receipt.accepted for receipt in receipts] == [True, False, True]
        assert "neither in this workbook nor in the database" in receipts[1].refused[0]
        households = {household.uuid for household in Household.select()}
        assert {first_ids["first"], first_ids["second"], last_ids["first"], last_ids["second"]} <= households
        assert bad_ids["first"] not in households and bad_ids["second"] not in households
        assert Resident.select().count() == 6  # three from each accepted file, none from the refused one
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1  # the merge gives the check back


class _CancelWhenReaching(Progress):
    """The user presses Cancel as the merge reaches the named file."""

    def __init__(self, file_name: str) -> None:
        super().__init__(min_interval=0)
        self.file_name = file_name

    def step(self, done: int, total: int, message: str = "") -> None:
        if message == self.file_name:
            self.cancel()
        super().step(done, total, message)


def test_cancelling_keeps_the_files_merged_before_and_nothing_of_the_rest(tmp_path):
    first, first_ids = _registry_workbook(tmp_path, "first")
    second, second_ids = _registry_workbook(tmp_path, "second")

    with Laptop(tmp_path / "field.db", "field").open() as installation:
        with pytest.raises(Cancelled):
            merge_workbooks([first, second], installation=installation, progress=_CancelWhenReaching(second.name))

        households = {household.uuid for household in Household.select()}
        assert first_ids["first"] in households
        assert second_ids["first"] not in households
        assert Resident.select().count() == 3
