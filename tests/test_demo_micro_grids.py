"""The demo district has issue 22's places: micro-grids of 10–30 households with a leader each (some of
them cadres) in some grids, and one special grid per community holding visited shops."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from models.check import integrity_problems
from models.demo import generate_demo
from models.figures.breakdowns import breakdowns
from models.records.people import Household, MicroGrid, Shop
from models.records.places import Community, Grid
from models.records.work import Visit
from models.registry.coverage import Period

TODAY = dt.date(2026, 11, 1)


def test_micro_grids_and_special_grids_of_the_demo(db):
    generate_demo(3000, seed=1, today=TODAY)
    sizes = Counter(h.micro_grid_id for h in Household.select() if h.micro_grid_id)
    micro_grids = list(MicroGrid.select())
    assert micro_grids and set(sizes) == {m.uuid for m in micro_grids}
    assert all(10 <= size <= 30 + 9 for size in sizes.values())  # (a short tail joins the micro-grid before it)
    assert all(m.leader and m.leader_phone for m in micro_grids)
    led_by_cadres = [m for m in micro_grids if m.leader_cadre_id]
    assert 0 < len(led_by_cadres) < len(micro_grids)
    assert all((m.leader, m.leader_phone) == (m.leader_cadre.name, m.leader_cadre.phone) for m in led_by_cadres)
    full = Grid.select().where(Grid.kind == "full")
    assert 0 < len({m.grid_id for m in micro_grids}) < full.count()  # some grids, not all
    assert all(Household.get_by_id(h).grid_id == MicroGrid.get_by_id(m).grid_id for m, h in
               ((h.micro_grid_id, h.uuid) for h in Household.select().where(Household.micro_grid.is_null(False))))
    special = list(Grid.select().where(Grid.kind == "special"))
    assert len(special) == Community.select().count()
    assert all(g.special_type in Grid.SPECIAL_TYPES and g.leader and g.leader_phone for g in special)
    assert all(3 <= Shop.select().where(Shop.grid == g).count() <= 5 for g in special)
    assert Visit.select().join(Shop).where(Shop.grid.in_([g.uuid for g in special])).count() > 0
    figures = breakdowns(Period(dt.date(2026, 5, 1), TODAY), TODAY)
    assert len(figures["by_micro_grid"]) == len(micro_grids) and len(figures["by_special_grid"]) == len(special)
    assert integrity_problems() == []
