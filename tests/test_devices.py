"""Devices are named as people know them, even on a laptop that never met them: exchange workbooks carry the names."""

from __future__ import annotations

from models.records.devices import Device, known_devices
from models.records.installation import Setting
from models.records.people import Household
from tests.exchange_fixtures import Laptop, office_with_registry
from ui.daily.history import history_rows


def test_a_relayed_workbook_names_the_laptop_that_made_a_change(tmp_path, qapp):
    office, ids, base = office_with_registry(tmp_path)
    field = Laptop(tmp_path / "field.db", "南长山街道-2号本")
    field.merge(base)
    with field.open() as installation:
        installation.rename(user_name="牟雪")
        household = Household.get_by_id(ids["first"])
        household.notes = "独居，需每周看望"
        household.save()
        field_id = installation.device_id
    office.merge(field.export(tmp_path / "field.xlsx"))
    other = Laptop(tmp_path / "other.db", "渔港社区-王芳")
    other.merge(office.export(tmp_path / "office-again.xlsx"))  # it never saw the field laptop's own workbook
    with other.open():
        devices = known_devices()
        assert devices[field_id] == Device("南长山街道-2号本", "牟雪")
        rows = history_rows([Household.get_by_id(ids["first"])])
        changed = [row for row in rows if row.after == "独居，需每周看望"]
        assert [row.device for row in changed] == ["南长山街道-2号本（牟雪）"]
        assert all(row.device == "街道办-主机" for row in rows if row.action == "Created")


def test_a_laptop_keeps_its_own_name_and_a_damaged_directory_names_nothing(tmp_path):
    laptop = Laptop(tmp_path / "own.db", "我的电脑")
    with laptop.open() as installation:
        Setting.write("device_directory", "not json")
        assert known_devices() == {installation.device_id: Device("我的电脑", "")}
