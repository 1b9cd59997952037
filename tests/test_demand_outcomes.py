"""A demand's source, closing outcome and mediation, and demands and visits of shops (issue 21)."""

from __future__ import annotations

import datetime as dt

import pytest

from models.work.demands import (
    DemandFilter,
    DemandRefused,
    accept,
    close,
    count_demands,
    demand_list,
    is_dispute,
    raise_demand,
    record_return_visit,
    reopen,
)
from models.records.people import Cadre, Household, Shop
from models.records.places import Building
from models.work.reference_lists import ListEntryRefused, categories, save_category
from models.work.visits import RaisedItem, VisitRefused, record_visit
from models.records.work import Demand, DemandCategory, Visit

from tests.places import new_grid

DAY = dt.date(2025, 3, 3)


@pytest.fixture
def place(db):
    grid = new_grid()
    building = Building.create(grid=grid, name="1号楼")
    home = Household.create(grid=grid, building=building, address="1号楼101")
    shop = Shop.create(grid=grid, building=building, name="王记面馆", address="1号楼底商")
    cadre = Cadre.create(name="王芳")
    dispute = save_category("邻里纠纷", family="dispute")
    return home, shop, cadre, dispute


def accepted(home, **options):
    return accept(raise_demand(home, "楼上漏水", raised_on=DAY, **options), DAY)


def test_a_visit_sets_the_source_and_a_shop_visit_makes_it_an_enterprise_visit(place):
    home, shop, cadre, _ = place
    home_visit = record_visit(home, [cadre], visited_on=DAY, raised=[RaisedItem("楼道灯不亮")])
    shop_visit = record_visit(None, [cadre], shop=shop, visited_on=DAY, raised=[RaisedItem("用工难")])
    assert home_visit.demands.get().source == "visit"
    demand = shop_visit.demands.get()
    assert (demand.source, demand.shop_id, demand.household_id) == ("enterprise_visit", shop.uuid, None)
    assert (shop_visit.household_id, shop_visit.shop_id) == (None, shop.uuid)


@pytest.mark.parametrize("source", Demand.SOURCES)
def test_every_source_is_recorded_where_it_fits(place, source):
    home, shop, _, _ = place
    if source == "enterprise_visit":  # a shop's
        demand = raise_demand(None, "诉求", shop=shop, source=source, raised_on=DAY)
    else:
        demand = raise_demand(home, "诉求", source=source, raised_on=DAY)
    assert Demand.get_by_id(demand.uuid).source == source


@pytest.mark.parametrize(
    "arguments, reason",
    [
        ({"source": "fax"}, "source must be one of"),
        ({"source": "enterprise_visit"}, "does not come from an enterprise visit"),
        ({"shop": "the shop"}, "one household or one shop"),
    ],
)
def test_a_source_that_does_not_fit_is_refused_and_nothing_is_written(place, arguments, reason):
    home, shop, _, _ = place
    if arguments.get("shop") == "the shop":
        arguments = {"shop": shop}
    with pytest.raises(DemandRefused, match=reason):
        raise_demand(home, "诉求", raised_on=DAY, **arguments)
    assert Demand.select().count() == 0


def test_a_shop_demand_cannot_say_it_came_from_a_household_visit(place):
    _, shop, _, _ = place
    with pytest.raises(DemandRefused, match="enterprise visit"):
        raise_demand(None, "诉求", shop=shop, source="visit", raised_on=DAY)
    with pytest.raises(DemandRefused, match="one household or one shop"):
        raise_demand(None, "诉求", raised_on=DAY)


def test_a_demand_raised_in_a_visit_cannot_claim_another_source(place):
    home, _, cadre, _ = place
    visit = record_visit(home, [cadre], visited_on=DAY)
    with pytest.raises(DemandRefused, match="comes from the visit"):
        raise_demand(home, "诉求", visit=visit, source="hotline", raised_on=DAY)


def test_a_demand_in_the_future_is_refused(place):
    home, _, _, _ = place
    with pytest.raises(DemandRefused, match="in the future"):
        raise_demand(home, "诉求", raised_on=dt.date.today() + dt.timedelta(days=1))


def test_closing_records_the_outcome_and_its_reason(place):
    home, _, _, _ = place
    demand = close(accepted(home), DAY, outcome="unsolvable", reason="产权不清，无法维修")
    stored = Demand.get_by_id(demand.uuid)
    assert (stored.outcome, stored.outcome_reason, stored.mediation) == ("unsolvable", "产权不清，无法维修", None)


def test_closing_without_saying_how_leaves_the_outcome_not_recorded(place):
    home, _, _, dispute = place
    assert Demand.get_by_id(close(accepted(home), DAY).uuid).outcome == Demand.UNRECORDED
    closed = Demand.get_by_id(close(accepted(home, category=dispute), DAY).uuid)
    assert (closed.outcome, closed.mediation) == (Demand.UNRECORDED, Demand.UNRECORDED)


@pytest.mark.parametrize(
    "options, reason",
    [
        ({"outcome": "done"}, "outcome must be one of"),
        ({"outcome": "unsolvable", "reason": "  "}, "reason it cannot be solved"),
        ({"outcome": "solved", "mediation": "succeeded"}, "only a dispute"),
    ],
)
def test_a_closing_that_does_not_fit_is_refused_and_the_demand_stays_open(place, options, reason):
    home, _, _, _ = place
    demand = accepted(home)
    with pytest.raises(DemandRefused, match=reason):
        close(demand, DAY, **options)
    assert Demand.get_by_id(demand.uuid).state == "accepted"


def test_a_dispute_is_closed_with_its_mediation(place):
    home, _, _, dispute = place
    demand = accepted(home, category=dispute)
    assert is_dispute(demand)
    with pytest.raises(DemandRefused, match="mediation must be one of"):
        close(demand, DAY, outcome="solved", mediation="maybe")
    close(demand, DAY, outcome="solved", mediation="succeeded")
    assert Demand.get_by_id(demand.uuid).mediation == "succeeded"


def test_reopening_or_a_dissatisfied_answer_clears_the_closing_it_belonged_to(place):
    home, _, _, dispute = place
    demand = close(accepted(home, category=dispute), DAY, outcome="unsolvable", reason="拒绝调解", mediation="failed")
    record_return_visit(demand, "dissatisfied", on=DAY + dt.timedelta(days=1))
    stored = Demand.get_by_id(demand.uuid)
    assert (stored.state, stored.outcome, stored.outcome_reason, stored.mediation) == ("in_progress", None, "", None)
    close(stored, DAY + dt.timedelta(days=2), outcome="solved", mediation="succeeded")
    reopen(Demand.get_by_id(demand.uuid), DAY + dt.timedelta(days=3))
    assert Demand.get_by_id(demand.uuid).outcome is None


def test_solved_on_the_spot_is_solved(place):
    home, _, _, _ = place
    demand = raise_demand(home, "咨询政策", raised_on=DAY, solved_on_spot=True)
    assert Demand.get_by_id(demand.uuid).outcome == "solved"


def test_the_list_shows_a_shop_demand_by_the_shops_name_and_filters_by_source(place):
    home, shop, _, _ = place
    raise_demand(home, "路灯不亮", raised_on=DAY, source="hotline")
    raise_demand(None, "招工难", shop=shop, raised_on=DAY, source="enterprise_visit")
    raise_demand(home, "来历不明", raised_on=DAY)
    rows = {d.description: d.address for d in demand_list(DemandFilter())}
    assert rows == {"路灯不亮": "1号楼101", "招工难": "王记面馆 1号楼底商", "来历不明": "1号楼101"}
    assert [d.description for d in demand_list(DemandFilter(source="enterprise_visit"))] == ["招工难"]
    assert [d.description for d in demand_list(DemandFilter(source=""))] == ["来历不明"]  # not recorded
    assert count_demands(DemandFilter(text="面馆")) == 1


def test_a_visit_goes_to_one_household_or_one_shop(place):
    home, shop, cadre, _ = place
    with pytest.raises(VisitRefused, match="one household or one shop"):
        record_visit(home, [cadre], shop=shop, visited_on=DAY)
    shop.mark_deleted()
    with pytest.raises(VisitRefused, match="王记面馆 has been removed"):
        record_visit(None, [cadre], shop=shop, visited_on=DAY)
    assert Visit.select().count() == 0


def test_a_category_keeps_its_family_unless_told(place):
    _, _, _, dispute = place
    save_category("邻里矛盾纠纷", category=dispute)
    assert DemandCategory.get_by_id(dispute.uuid).family == "dispute"
    assert save_category("路灯").family == "general"
    with pytest.raises(ListEntryRefused, match="family must be one of"):
        save_category("其他纠纷", family="fight")


def test_the_default_categories_put_mediation_among_the_disputes(db):
    families = {category.name: category.family for category in categories()}
    assert families["法律咨询与纠纷调解"] == "dispute"
    assert {family for name, family in families.items() if name != "法律咨询与纠纷调解"} == {"general"}


def test_the_count_is_the_lists_length_whatever_the_filter(place):
    """The count leaves out the joins a filter does not need; it must still count what the list shows."""
    home, shop, _, _ = place
    raise_demand(home, "路灯不亮", raised_on=DAY, source="hotline")
    raise_demand(None, "招工难", shop=shop, raised_on=DAY, source="enterprise_visit")
    raise_demand(home, "来历不明", raised_on=DAY)
    for demand_filter in (DemandFilter(), DemandFilter(text="面馆"), DemandFilter(text="1号楼"),
                          DemandFilter(source=""), DemandFilter(states=("accepted",)), DemandFilter(text="无此")):
        assert count_demands(demand_filter) == len(list(demand_list(demand_filter))), demand_filter
    assert count_demands(DemandFilter()) == 3
