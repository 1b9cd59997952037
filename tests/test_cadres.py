"""The office's lists: cadres with checked phones, units with checked numbers, removals that travel."""

from __future__ import annotations

import pytest

from models.registry.assignments import link
from models.registry.cadres import CadreRefused, cadre_list, remove_cadre, save_cadre
from models.registry.coverage import Period, coverage
from models.scope import Scope
from models.records.people import Cadre, Household, ResponsibleUnit
from models.records.places import Building
from models.work.reference_lists import ListEntryRefused, save_unit

from tests.places import new_grid


@pytest.fixture
def grid(db):
    grid = new_grid("一网格")
    return grid


def test_a_cadre_is_saved_with_the_phone_normalised(grid):
    cadre = save_cadre(" 王芳 ", "grid_worker", "街道办", "+86 138-0013-8000", grid, position="网格长")
    stored = Cadre.get_by_id(cadre.uuid)
    assert (stored.name, stored.role, stored.phone, stored.grid_id, stored.position) == (
        "王芳",
        "grid_worker",
        "13800138000",
        grid.uuid,
        "网格长",
    )


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"name": "  "}, "name"),
        ({"name": "王芳", "phone": "12345"}, "phone"),
        ({"name": "王芳", "role": "mayor"}, "role"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_written(grid, fields, reason):
    with pytest.raises(CadreRefused, match=f"^{reason}:"):
        save_cadre(**fields)
    assert Cadre.select().count() == 0


def test_an_edit_keeps_the_identity_and_a_removed_grid_is_refused(grid):
    cadre = save_cadre("王芳", phone="13800138000")
    save_cadre("王芳芳", "cadre", "区民政局", "0535-3212345", None, cadre=cadre)
    assert [(c.uuid, c.name, c.phone) for c in Cadre.select()] == [(cadre.uuid, "王芳芳", "0535-3212345")]
    grid.mark_deleted()
    with pytest.raises(CadreRefused, match="^grid:"):
        save_cadre("李强", grid=grid)


def test_removing_a_cadre_leaves_their_households_unlinked_and_off_the_list(grid):
    building = Building(grid=grid, name="3号楼")
    building.save()
    home = Household(grid=grid, building=building, room="101", address="3号楼101")
    home.save()
    cadre = save_cadre("王芳", phone="13800138000", grid=grid)
    link(cadre, home)
    month = Period.month_to_date()
    assert coverage(Scope(), month).linked == 1
    remove_cadre(cadre)
    assert Cadre.get_by_id(cadre.uuid).deleted  # a tombstone travels; the row stays
    assert coverage(Scope(), month).linked == 0
    assert list(cadre_list()) == []


def test_the_list_finds_by_name_work_unit_and_phone_tail(grid):
    save_cadre("王芳", work_unit="街道办", phone="13800138000", grid=grid)
    save_cadre("李强", work_unit="区民政局", phone="13900139001")
    assert [c.name for c in cadre_list()] == sorted(["王芳", "李强"])
    assert [c.name for c in cadre_list("民政")] == ["李强"]
    assert [c.name for c in cadre_list("8000")] == ["王芳"]
    assert [c.grid_name for c in cadre_list("王")] == ["一网格"]


def test_units_check_hotlines_and_contact_phones(db):
    unit = save_unit("供电公司", hotline="95598", contact_person="赵工", contact_phone="139 0013 9001")
    assert (unit.hotline, unit.contact_phone) == ("95598", "13900139001")
    with pytest.raises(ListEntryRefused, match="^hotline:"):
        save_unit("城管", hotline="call us")
    with pytest.raises(ListEntryRefused, match="^contact phone:"):
        save_unit("城管", contact_phone="12")
    assert [u.name for u in ResponsibleUnit.select()] == ["供电公司"]
