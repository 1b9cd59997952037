"""不漏一户: coverage for any scope and period, checked against a hand-counted estate.

The estate (period: November 2025):

    sub-district 南长山: community 海滨 (grids G1: h1–h4, G2: h5–h6), community 山前 (G3: h7–h9)
    sub-district 北长山: community 北城 (G4: h10)
    removed household hx in G1 (linked to 王芳: counts nowhere)

    links: 王芳 h1 h2 h5 (h3 linked then unlinked) hx;  李强 h2 h7 h8;  赵敏 h9 (赵敏 removed)
    visits: h1 11-05, h7 11-30, h9 11-10 (not linked), h10 11-02 (not linked),
            h2 10-31 (before), h5 12-01 (after), h8 11-15 (visit removed)

    linked: h1 h2 h5 h7 h8 (5 of 10);  visited in November among them: h1 h7 (2)
"""

import datetime as dt

import pytest

from models.registry.assignments import link, unlink
from models.registry.coverage import (
    Coverage,
    Period,
    coverage,
    coverage_by_grid,
    unlinked_households,
    unvisited_households,
)
from models.figures.set_counts import coverage_counted
from models.scope import Scope
from models.records.people import Cadre, Household
from models.records.places import Building, Community, Grid, SubDistrict
from models.work.visits import record_visit

NOVEMBER = Period(dt.date(2025, 11, 1), dt.date(2025, 11, 30))


@pytest.fixture
def estate(db):
    """The estate above in an empty database (SQLite; PostgreSQL too for a test marked both_databases)."""
    records = {}

    def saved(name, record):
        record.save()
        records[name] = record
        return record

    south = saved("南长山", SubDistrict(name="南长山街道"))
    north = saved("北长山", SubDistrict(name="北长山街道"))
    seaside = saved("海滨", Community(sub_district=south, name="海滨社区"))
    hillside = saved("山前", Community(sub_district=south, name="山前社区"))
    town = saved("北城", Community(sub_district=north, name="北城社区"))
    grids = {"G1": seaside, "G2": seaside, "G3": hillside, "G4": town}
    for name, community in grids.items():
        grid = saved(name, Grid(community=community, name=name))
        saved(f"B{name}", Building(grid=grid, name=f"{name}楼"))
    homes = {"G1": ("h1", "h2", "h3", "h4", "hx"), "G2": ("h5", "h6"), "G3": ("h7", "h8", "h9"), "G4": ("h10",)}
    for grid_name, names in homes.items():
        for name in names:
            saved(name, Household(grid=records[grid_name], building=records[f"B{grid_name}"], address=name))
    for name in ("王芳", "李强", "赵敏"):
        saved(name, Cadre(name=name))
    for cadre, names in {"王芳": ("h1", "h2", "h5", "h3", "hx"), "李强": ("h2", "h7", "h8"), "赵敏": ("h9",)}.items():
        for name in names:
            link(records[cadre], records[name])
    unlink(records["王芳"], records["h3"])
    visits = {"h1": "11-05", "h7": "11-30", "h9": "11-10", "h10": "11-02", "h2": "10-31", "h5": "12-01", "h8": "11-15"}
    for name, day in visits.items():
        month, date = map(int, day.split("-"))
        visited_on = dt.date(2025, month, date)
        visit = record_visit(records[name], [records["李强"]], visited_on=visited_on)
        if name == "h8":
            visit.mark_deleted()
    records["hx"].mark_deleted()
    records["赵敏"].mark_deleted()
    return records


def addresses(query):
    return [household.address for household in query]


@pytest.mark.parametrize(
    ("scope_name", "expected"),
    [
        (None, Coverage(10, 5, 2)),
        ("南长山", Coverage(9, 5, 2)),
        ("北长山", Coverage(1, 0, 0)),
        ("海滨", Coverage(6, 3, 1)),
        ("山前", Coverage(3, 2, 1)),
        ("G2", Coverage(2, 1, 0)),
        ("王芳", Coverage(3, 3, 1)),
        ("李强", Coverage(3, 3, 1)),
    ],
)
def test_coverage_of_each_scope_matches_the_hand_count(estate, scope_name, expected):
    scope = Scope.of(estate[scope_name] if scope_name else None)
    assert coverage(scope, NOVEMBER) == expected


@pytest.mark.both_databases
@pytest.mark.parametrize(
    ("scope_name", "expected"),
    [(None, Coverage(10, 5, 2)), ("南长山", Coverage(9, 5, 2)), ("北长山", Coverage(1, 0, 0)),
     ("G2", Coverage(2, 1, 0)), ("王芳", Coverage(3, 3, 1))],
)
def test_the_set_based_count_of_the_figures_gives_the_hand_count_on_both_stores(estate, scope_name, expected):
    """The statistics count coverage set-based on a PostgreSQL master (a city's households at once): the same
    households, links to live cadres only, visits of the period only, removed records nowhere."""
    scope = Scope.of(estate[scope_name] if scope_name else None)
    assert coverage_counted(scope, NOVEMBER) == expected
    assert coverage(scope, NOVEMBER) == expected
    october = Period(dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    assert coverage_counted(scope, october) == coverage(scope, october)


def test_rates_and_the_one_answer(estate):
    everywhere = coverage(Scope(), NOVEMBER)
    assert everywhere.linked_rate == pytest.approx(0.5)
    assert everywhere.visited_rate == pytest.approx(0.4)
    assert (everywhere.unlinked, everywhere.unvisited, everywhere.complete) == (5, 3, False)
    north = coverage(Scope.of(estate["北长山"]), NOVEMBER)
    assert north.linked_rate == 0 and north.visited_rate is None


def test_period_boundaries_are_included(estate):
    october = Period(dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    assert coverage(Scope(), october).visited == 1  # h2 on 10-31
    last_day = Period(dt.date(2025, 11, 30), dt.date(2025, 11, 30))
    assert coverage(Scope(), last_day).visited == 1  # h7


def test_the_lists_of_who_was_missed(estate):
    assert addresses(unlinked_households(Scope())) == ["h10", "h3", "h4", "h6", "h9"]
    assert addresses(unvisited_households(Scope(), NOVEMBER)) == ["h2", "h5", "h8"]
    assert addresses(unvisited_households(Scope.of(estate["王芳"]), NOVEMBER)) == ["h2", "h5"]
    assert addresses(unlinked_households(Scope.of(estate["G2"]))) == ["h6"]


def test_coverage_by_grid(estate):
    rows = [(grid.name, figures) for grid, figures in coverage_by_grid(Scope(), NOVEMBER)]
    assert rows == [
        ("G1", Coverage(4, 2, 1)),
        ("G2", Coverage(2, 1, 0)),
        ("G3", Coverage(3, 2, 1)),
        ("G4", Coverage(1, 0, 0)),
    ]


def test_a_grid_becomes_complete_when_every_household_is_linked_and_visited(estate):
    link(estate["李强"], estate["h6"])
    for name in ("h5", "h6"):
        record_visit(estate[name], [estate["李强"]], visited_on=dt.date(2025, 11, 20))
    figures = coverage(Scope.of(estate["G2"]), NOVEMBER)
    assert figures == Coverage(2, 2, 2) and figures.complete


def test_periods():
    assert Period.month_of(dt.date(2028, 2, 10)) == Period(dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert Period.month_of(dt.date(2026, 12, 31)) == Period(dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert Period.quarter_of(dt.date(2026, 11, 23)) == Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert Period.quarter_of(dt.date(2026, 1, 1)) == Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert Period.month_to_date(dt.date(2026, 11, 23)) == Period(dt.date(2026, 11, 1), dt.date(2026, 11, 23))
    with pytest.raises(ValueError, match="starts"):
        Period(dt.date(2026, 11, 2), dt.date(2026, 11, 1))


def test_scope_names_one_record_or_none():
    with pytest.raises(ValueError):
        Scope.named("grid")
    with pytest.raises(ValueError):
        Scope.named("street", "x")


def test_the_period_a_person_picks():
    today = dt.date(2026, 5, 20)
    assert Period.chosen("month", today, today, today) == Period(dt.date(2026, 5, 1), today)
    assert Period.chosen("quarter", today, today, today) == Period(dt.date(2026, 4, 1), today)
    assert Period.chosen("custom", today, dt.date(2026, 1, 3), dt.date(2026, 2, 4)) == Period(dt.date(2026, 1, 3), dt.date(2026, 2, 4))
